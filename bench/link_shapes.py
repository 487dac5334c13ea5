"""Sort every wrong denial link the extractor proposes, and every annotated link it misses, into shapes an
analyst recognises, so rule work goes to the biggest class. For TUNING sets only (never a held-out set):

    .venv/bin/python bench/link_shapes.py bench/heldout8 bench/heldout9 [--list]

Each item gets one primary shape (the first that applies, in the order of SHAPES) and is also counted under
every shape it shows. Shapes are decided from the text and the annotation, not by hand:

- wrong link, denial not annotated as one: ``explanation taken for denial`` (the statement is an annotated
  claim that answers nothing) or ``not an annotated statement`` (a headline, a fragment, a bystander);
- wrong link or miss whose denial the rules drafted as a denial with another claim: ``wrong target,
  nearest picked, answer earlier`` (the rules' claim lies between the answered one and the denial) or
  ``wrong target, farther picked``;
- a miss whose denial was drafted as a plain claim or not at all, by what the denial looks like: ``lede
  denial before the claim`` (the denial comes first), ``denial of a report in indirect speech`` ("reports
  that", "the suggestion that", "claims that"), ``collective or national denial`` ("The Ambrelians deny
  this", a government or a people), ``quoted denial, speaker after``, ``target in an earlier paragraph than the
  nearest claim``, ``explanation without negation`` (no negating word: the contradiction is in the meaning),
  else ``other``.
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

NEG = re.compile(
    r"\b(?:not|no|never|nothing|none|nobody|neither|nor|false|untrue|deny|denies|denied|baseless|lie|lies|"
    r"fabricat\w*|rejected?|dismiss\w*|absurd|nonsense|\w+n't)\b",
    re.I,
)
INDIRECT = re.compile(
    r"\b(?:reports?|claims?|suggestions?|allegations?|accusations?|rumou?rs?|charges?)\s+(?:\w+\s+){0,3}that\b",
    re.I,
)
# a government, a people or a country's name standing for its government (one of the annotation's spellings)
COLLECTIVE = re.compile(r"\b[Gg]overnment\b|^(?:[Tt]he\s+)?[A-Z]\w+(?:ians|ans|ese)$")
PARA = re.compile(r"\n\s*\n|\n")

SHAPES = [
    "explanation taken for denial",
    "not an annotated statement",
    "wrong target, nearest picked, answer earlier",
    "wrong target, farther picked",
    "denial with no target chosen",
    "lede denial before the claim",
    "denial of a report in indirect speech",
    "collective or national denial",
    "quoted denial, speaker after",
    "target in an earlier paragraph than the nearest claim",
    "explanation without negation",
    "statement not drafted",
    "other",
    "state: not drafted",
    "state: drafted as a plain claim",
]


def paragraph(body: str, pos: int) -> int:
    return len(PARA.findall(body, 0, pos))


def sentence_of(body: str, s: int, e: int) -> str:
    a = max(body.rfind(". ", 0, s), body.rfind("\n", 0, s)) + 1
    b = min(x for x in (body.find(". ", e), body.find("\n", e), len(body)) if x >= 0)
    return body[a:b]


def classify(art) -> list[tuple[str, str, set[str], str]]:
    body, ann, props = art.source.body, art.ann, art.proposals
    spans, match = match_claims(body, ann, props)
    by_cid = {v: k for k, v in match.items()}
    pk = {p.key: p for p in props}
    expected = {(d, t) for d, ts in ann["denials"] for t in ts.split("|")}
    optional = {tuple(x) for x in ann.get("optional_links", [])}
    deniers = {d for d, _ in ann["denials"]}
    gold_targets = {d: ts.split("|") for d, ts in ann["denials"]}
    out = []

    def nearest_before(d: str) -> str | None:
        s, _e, sp = spans[d]
        before = [(cs, cid) for cid, (cs, _ce, csp) in spans.items() if cs < s and csp != sp]
        return max(before)[1] if before else None

    def target_shape(d: str, pred: str | None) -> str:
        golds = gold_targets[d]
        if pred is None or pred not in spans:
            return "wrong target, farther picked"
        ps = spans[pred][0]
        gs = max(spans[g][0] for g in golds)
        return "wrong target, nearest picked, answer earlier" if ps > gs else "wrong target, farther picked"

    def shapes_of(d: str) -> set[str]:
        s, e, sp = spans[d]
        tags = set()
        text = body[s:e]
        sent = sentence_of(body, s, e)
        golds = gold_targets[d]
        if all(spans[g][0] > s for g in golds):
            tags.add("lede denial before the claim")
        if INDIRECT.search(sent):
            tags.add("denial of a report in indirect speech")
        if any(COLLECTIVE.search(x) for x in sp.split("|")) or re.search(
            r"\bThe [A-Z]\w+(?:ians?|ese|s)\s+den", sent
        ):
            tags.add("collective or national denial")
        if body[max(0, s - 1) : s] in '"\u201c' or text[:1] in '"\u201c':
            tags.add("quoted denial, speaker after")
        near = nearest_before(d)
        if (
            near is not None
            and near not in golds
            and all(
                paragraph(body, spans[g][0]) < paragraph(body, spans[near][0])
                for g in golds
                if spans[g][0] < s
            )
            and any(spans[g][0] < s for g in golds)
        ):
            tags.add("target in an earlier paragraph than the nearest claim")
        if not NEG.search(sent):
            tags.add("explanation without negation")
        return tags

    predicted = {}
    for p in props:
        if p.kind == "denial" and p.denies:
            predicted[(match.get(p.key), match.get(p.denies))] = p
    for (d, t), p in predicted.items():
        if (d, t) in expected or (d, t) in optional:
            continue
        tq = pk[p.denies].quote[:70]
        desc = f"[{p.actor}] {p.quote[:70]!r} -> {tq!r}"
        if d is None:
            out.append(("wrong", "not an annotated statement", set(), desc))
        elif d not in deniers:
            tags = {"explanation without negation"} if not NEG.search(p.quote) else set()
            out.append(("wrong", "explanation taken for denial", tags, desc))
        else:
            shape = target_shape(d, t)
            out.append(("wrong", shape, shapes_of(d), desc))
    for d, ts in ann["denials"]:
        if any((d, t) in predicted for t in ts.split("|")):
            continue
        p = pk.get(by_cid.get(d, ""))
        tags = shapes_of(d)
        s, e, sp = spans[d]
        desc = f"{d}->{ts} [{sp.split('|')[0]}] {body[s:e][:80]!r}"
        if p is None:
            primary = next((x for x in SHAPES[5:11] if x in tags), "statement not drafted")
            tags.add("statement not drafted")
            tags.add("state: not drafted")
        elif p.kind == "denial" and p.denies:
            primary = target_shape(d, match.get(p.denies))
        elif p.kind == "denial":
            primary = "denial with no target chosen"
        else:
            primary = next((x for x in SHAPES[5:11] if x in tags), "other")
            tags.add("state: drafted as a plain claim")
        out.append(("missed", primary, tags, desc))
    return out


def main(argv: list[str]) -> int:
    listing = "--list" in argv
    dirs = [Path(a) for a in argv if not a.startswith("--")]
    rows: dict[str, dict[str, Counter[str]]] = {}
    tagged: dict[str, dict[str, Counter[str]]] = {}
    for art in drafted_articles(dirs):
        name = art.directory.name
        for what, primary, tags, desc in classify(art):
            rows.setdefault(what, {}).setdefault(name, Counter())[primary] += 1
            for t in tags | {primary}:
                tagged.setdefault(what, {}).setdefault(name, Counter())[t] += 1
            if listing:
                print(f"{name} {art.path.stem} {what.upper()} <{primary}> {sorted(tags)} {desc}")
    names = [d.name for d in dirs]
    for what in ("wrong", "missed"):
        print(f"\n{what} links: primary shape (and items showing the shape at all)\n")
        print("| shape | " + " | ".join(names) + " |")
        print("|---|" + "---:|" * len(names))
        for shape in SHAPES:
            cells = [
                f"{rows.get(what, {}).get(n, Counter())[shape]} ({tagged.get(what, {}).get(n, Counter())[shape]})"
                for n in names
            ]
            if any(not c.startswith("0 (0)") for c in cells):
                print(f"| {shape} | " + " | ".join(cells) + " |")
        totals = [str(sum(rows.get(what, {}).get(n, Counter()).values())) for n in names]
        print("| all | " + " | ".join(totals) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
