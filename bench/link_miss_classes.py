"""Every annotated denial link the extractor misses, sorted into one class by why it is missed, so recall work
goes to the largest class a rule can fix. For TUNING sets only (never a blind set):

    .venv/bin/python bench/link_miss_classes.py bench/corpus bench/heldout ... [--list]

The first class that applies, in this order:

- ``target not drafted``: none of the claims it answers was drafted with its speaker (so no link can be right);
- ``denial not drafted``: the answering statement itself was not drafted with its speaker;
- ``denial, wrong target`` / ``denial, no target``: drafted as a denial, linked elsewhere or to nothing;
- a statement drafted as a plain claim: ``plain: its side denied the claim before`` (an earlier annotated
  denial by the same speaker answers the same claim), ``plain: told before the claim`` (a lede),
  ``plain: no negating word`` (the contradiction is in the meaning), else ``plain: negates, not linked``.

Counted as well, whatever the class: ``refers back`` ("this", "the claim", "the report" ...), ``collective or
national speaker``, ``quoted, speaker after``, ``claim two or more paragraphs back``.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import match_claims  # noqa: E402
from drafted_sets import drafted_articles  # noqa: E402
from link_shapes import COLLECTIVE, NEG, paragraph  # noqa: E402

CLASSES = [
    "target not drafted",
    "denial not drafted",
    "denial, wrong target",
    "denial, no target",
    "plain: its side denied the claim before",
    "plain: told before the claim",
    "plain: no negating word",
    "plain: negates, not linked",
]
TAGS = [
    "refers back",
    "collective or national speaker",
    "quoted, speaker after",
    "claim two or more paragraphs back",
]
REFERS_BACK = re.compile(
    r"\b(?:this|that|it)\b|\bthe\s+(?:\w+\s+)?(?:claims?|reports?|accusations?|allegations?|charges?|story|"
    r"suggestion|account|figures?|findings?)\b",
    re.I,
)


def classify(art) -> list[tuple[str, set[str], str]]:
    body, ann, props = art.source.body, art.ann, art.proposals
    spans, match = match_claims(body, ann, props)
    by_cid = {v: k for k, v in match.items()}
    pk = {p.key: p for p in props}
    gold = [(d, ts.split("|")) for d, ts in ann["denials"]]
    speaker = {c["id"]: c["speaker"] for c in ann["claims"]}
    predicted = {match.get(p.key): match.get(p.denies) for p in props if p.kind == "denial" and p.denies}
    out = []
    for d, ts in gold:
        if predicted.get(d) in ts:
            continue
        s, e, _sp = spans[d]
        text = body[s:e]
        p = pk.get(by_cid.get(d, ""))
        earlier = [
            d0
            for d0, t0 in gold
            if d0 != d and spans[d0][0] < s and speaker[d0] == speaker[d] and set(t0) & set(ts)
        ]
        if not any(t in by_cid for t in ts):
            cls = "target not drafted"
        elif p is None:
            cls = "denial not drafted"
        elif p.kind == "denial":
            cls = "denial, wrong target" if p.denies else "denial, no target"
        elif earlier:
            cls = "plain: its side denied the claim before"
        elif all(spans[t][0] > s for t in ts):
            cls = "plain: told before the claim"
        elif not NEG.search(text):
            cls = "plain: no negating word"
        else:
            cls = "plain: negates, not linked"
        tags = set()
        if REFERS_BACK.search(text):
            tags.add("refers back")
        if any(COLLECTIVE.search(x) for x in speaker[d].split("|")):
            tags.add("collective or national speaker")
        if body[max(0, s - 1) : s] in '"\u201c':
            tags.add("quoted, speaker after")
        back = [t for t in ts if spans[t][0] < s]
        if back and all(paragraph(body, s) - paragraph(body, spans[t][0]) >= 2 for t in back):
            tags.add("claim two or more paragraphs back")
        out.append((cls, tags, f"{d}->{'|'.join(ts)} [{speaker[d].split('|')[0]}] {text[:80]!r}"))
    return out


def main(argv: list[str]) -> int:
    listing = "--list" in argv
    dirs = [Path(a) for a in argv if not a.startswith("--")]
    counts: dict[str, Counter[str]] = {d.name: Counter() for d in dirs}
    for art in drafted_articles(dirs):
        for cls, tags, desc in classify(art):
            counts[art.directory.name][cls] += 1
            for t in tags:
                counts[art.directory.name][t] += 1
            counts[art.directory.name]["all"] += 1
            if listing:
                print(f"{art.directory.name} {art.path.stem} <{cls}> {sorted(tags)} {desc}")
    names = [d.name for d in dirs]
    print("| why missed | " + " | ".join(names) + " | all |")
    print("|---|" + "---:|" * (len(names) + 1))
    for row in [*CLASSES, "all", *TAGS]:
        cells = [counts[n][row] for n in names]
        label = f"({row})" if row in TAGS else row
        print(f"| {label} | " + " | ".join(str(c) for c in cells) + f" | {sum(cells)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
