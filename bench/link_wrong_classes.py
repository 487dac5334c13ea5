"""Every WRONG proposed denial link and every missed link whose two ends were both drafted with the right speaker,
sorted into classes, with the rule (branch of ``links.link_proposals``) that made or refused each. For TUNING sets
only (never a blind set):

    .venv/bin/python bench/link_wrong_classes.py bench/corpus bench/heldout ... [--list] [--scores]

Wrong links, the first class that applies:

- ``end not an annotated claim``: the denial or its target was drafted from no annotated claim with its speaker
  (a headline, a fragment, a claim drafted with the wrong speaker);
- ``denial right, target wrong``: the statement is an annotated denial, linked to another claim; subclassed by
  how the annotated target stands to the chosen one (``right target not drafted``, ``right target told after``,
  ``nearest picked, right one earlier``, ``farther picked``);
- ``same side``: the two ends' annotated speakers are one side (one speaker, or their spellings share a name word
  once role words are set aside: "the ministry" and "a ministry spokeswoman");
- ``optional pair elsewhere``: the denial is in an optional pair with another claim;
- ``not a denial``: an annotated claim that answers nothing, by the rule that made it one.

Missed links with both ends drafted: ``drafted as a denial, wrong target`` (the same links as above, seen from the
other end), ``drafted as a denial, no target``, ``link refused`` (a rule made it a denial and ``credible_link``
refused it), ``plain claim``.

``--scores`` prints each set's link figures and the pooled sums only (one process, the same matching as
bench_extract).
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import match_claims  # noqa: E402
from drafted_sets import drafted_articles  # noqa: E402

import app.extract.links as links_module  # noqa: E402
from app.extract.lexicon import content_words  # noqa: E402

ROLE_WORDS = {
    "spokesman", "spokeswoman", "spokesperson", "official", "officials", "minister", "director", "head", "chief",
    "deputy", "press", "office", "secretary", "the", "its", "his", "her", "their", "colonel", "general", "mr",
    "ms", "dr", "senior", "said", "group", "government", "ministry", "company", "firm", "agency", "party",
}  # fmt: skip


class BranchTrace:
    """The branch of ``link_proposals`` each proposal went through: the last line run before the credibility
    check, and whether that check refused a link."""

    def __init__(self) -> None:
        code = links_module.link_proposals.__code__
        self.code = code
        lines, first = __import__("inspect").getsourcelines(links_module.link_proposals)
        self.src = {first + i: ln for i, ln in enumerate(lines)}
        self.check = next(n for n, ln in self.src.items() if "not credible_link(" in ln)
        self.append = next(n for n, ln in self.src.items() if "proposals.append(" in ln)
        self.branch_starts = sorted(
            n
            for n, ln in self.src.items()
            if re.match(r"\s+(?:if|elif) ", ln) and n < self.check and n > first + 15
        )
        self.records: dict[tuple[int, int], tuple[str, bool]] = {}
        self._last = 0
        self._refused = False

    def name(self, lineno: int) -> str:
        starts = [n for n in self.branch_starts if n <= lineno]
        n = starts[-1] if starts else lineno
        return f"L{n}: {self.src[n].strip()[:60]}"

    def tracer(self, frame, event, arg):  # noqa: ANN001
        if frame.f_code is not self.code:
            return None
        return self.local

    def local(self, frame, event, arg):  # noqa: ANN001
        if event != "line":
            return self.local
        n = frame.f_lineno
        if n == self.check:
            self._branch = self.name(self._last)
            self._refused = False
        elif self.check < n < self.check + 3 and "kind, denies" in self.src[n]:
            self._refused = True
        elif n == self.append:
            f = frame.f_locals["f"]
            tag = getattr(links_module, "WHY", {}).pop((f.start, f.end), "")  # a sub-rule's tag, when traced
            if tag or (f.start, f.end) not in self.records:  # (a call over several lines is two line events)
                self.records[(f.start, f.end)] = (self._branch + (f" [{tag}]" if tag else ""), self._refused)
        elif n < self.check:
            self._last = n
        return self.local


def side_words(spelling: str) -> set[str]:
    words = set()
    for alt in spelling.split("|"):
        words |= {w.rstrip("s") for w in content_words(alt)} - ROLE_WORDS
    return words


def one_side(a: str, b: str) -> bool:
    return a == b or bool(side_words(a) & side_words(b))


def _which(body: str, spans: dict, speaker: dict, d: str, t: str, g: str) -> str:
    """What would have picked the right claim ``g`` rather than ``t`` for denial ``d``: it is the nearest other
    side's claim before the denial, it repeats more of the denial's words, it is that side's first claim, ..."""
    ds = spans[d][0]
    before = sorted((c for c in spans if spans[c][0] < ds and not one_side(speaker[c], speaker[d])),
                    key=lambda c: spans[c][0])  # fmt: skip
    words = {c: content_words(body[spans[c][0] : spans[c][1]]) for c in spans}
    if before and before[-1] == g:
        return "right = nearest other-side claim"
    if len(words[d] & words[g]) > len(words[d] & words[t]):
        return "right = repeats more of its words"
    side = [c for c in before if one_side(speaker[c], speaker[g])]
    if side and side[0] == g:
        return "right = that side's first claim"
    if side and side[-1] == g:
        return "right = that side's last claim"
    return "right = other"


def classify(art, branches):  # noqa: ANN001, ANN201
    body, ann, props = art.source.body, art.ann, art.proposals
    spans, match = match_claims(body, ann, props)
    by_cid = {v: k for k, v in match.items()}
    pk = {p.key: i for i, p in enumerate(props)}
    speaker = {c["id"]: c["speaker"] for c in ann["claims"]}
    gold = {d: ts.split("|") for d, ts in ann["denials"]}
    expected = {(d, t) for d, ts in gold.items() for t in ts}
    optional = {tuple(x) for x in ann.get("optional_links", [])}
    wrong, missed = [], []
    predicted = set()
    for i, p in enumerate(props):
        if p.kind != "denial" or not p.denies:
            continue
        d, t = match.get(p.key), match.get(p.denies)
        if (d, t) in optional:
            continue
        predicted.add((d, t))
        branch = branches[i][0]
        if (d, t) in expected:
            wrong.append(("RIGHT", "", branch, f"{d}->{t} [{p.actor}] {p.quote[:70]!r}"))
            continue
        tp = props[pk[p.denies]]
        if d is None or t is None:
            cls = "end not an annotated claim"
            sub = "denial end" if d is None else "target end"
        elif d in gold:
            cls = "denial right, target wrong"
            drafted = [g for g in gold[d] if g in by_cid]
            if not drafted:
                sub = "right target not drafted"
            elif all(spans[g][0] > spans[d][0] for g in drafted):
                sub = "right target told after"
            else:
                g = max((g for g in drafted if spans[g][0] < spans[d][0]), key=lambda g: spans[g][0])
                sub = "nearest picked, right one earlier" if spans[t][0] > spans[g][0] else "farther picked"
                if one_side(speaker[t], speaker[g]):
                    sub += " (same side as the right one)"
                sub = f"[{_which(body, spans, speaker, d, t, g)}] {sub}"
        elif one_side(speaker[d], speaker[t]):
            cls, sub = "same side", f"{speaker[d].split('|')[0]} / {speaker[t].split('|')[0]}"
        elif any(x[0] == d for x in optional):
            cls, sub = "optional pair elsewhere", ""
        else:
            cls, sub = "not a denial", f"cue {p.cue!r}"
        wrong.append(
            (cls, sub, branch, f"{d}->{t} [{p.actor}] {p.quote[:70]!r} => [{tp.actor}] {tp.quote[:50]!r}")
        )
    for d, ts in gold.items():
        if any((d, t) in predicted for t in ts) or d not in by_cid or not any(t in by_cid for t in ts):
            continue
        i = pk[by_cid[d]]
        p = props[i]
        branch, refused = branches[i]
        if p.kind == "denial":
            cls = "drafted as a denial, wrong target" if p.denies else "drafted as a denial, no target"
        elif refused:
            cls = "link refused"
        else:
            cls = "plain claim"
        missed.append((cls, "", branch, f"{d}->{'|'.join(ts)} [{p.actor}] {p.quote[:80]!r}"))
    return wrong, missed, predicted, expected, gold


def main(argv: list[str]) -> int:
    listing, scores_only = "--list" in argv, "--scores" in argv
    dirs = [Path(a) for a in argv if not a.startswith("--")]
    trace = BranchTrace()
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    figures: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    branch_count: Counter[str] = Counter()
    drafted = []
    old = sys.gettrace()
    sys.settrace(trace.tracer)
    try:
        for art in drafted_articles(dirs):
            drafted.append((art, dict(trace.records)))
            trace.records.clear()
    finally:
        sys.settrace(old)
    for art, records in drafted:
        branches = [records.get((p.start, p.end), ("?", False)) for p in art.proposals]
        wrong, missed, predicted, expected, gold = classify(art, branches)
        f = figures[art.directory.name]
        f[0] += sum(1 for x in predicted if x in expected)
        f[1] += len(predicted)
        f[2] += len(gold)
        for kind, items in (("wrong", wrong), ("missed", missed)):
            for cls, sub, branch, desc in items:
                if cls == "RIGHT":
                    branch_count[f"RIGHT | {branch}"] += 1
                    if listing:
                        print(f"{art.directory.name} {art.path.stem} right {{{branch}}} {desc}")
                    continue
                counts[art.directory.name][f"{kind}: {cls}"] += 1
                if kind == "wrong":
                    branch_count[f"{cls} | {branch}"] += 1
                if listing:
                    print(f"{art.directory.name} {art.path.stem} {kind} <{cls}> {sub} {{{branch}}} {desc}")
    names = [d.name for d in dirs]
    pooled = [sum(figures[n][k] for n in names) for k in range(3)]
    for n in names:
        tp, pr, ex = figures[n]
        print(f"{n}: P {tp}/{pr} R {tp}/{ex}")
    tp, pr, ex = pooled
    print(f"POOLED: P {tp / pr:.3f} ({tp}/{pr}) R {tp / ex:.3f} ({tp}/{ex})")
    if scores_only:
        return 0
    rows = sorted({r for c in counts.values() for r in c})
    print("| class | " + " | ".join(names) + " | all |")
    print("|---|" + "---:|" * (len(names) + 1))
    for row in rows:
        cells = [counts[n][row] for n in names]
        print(f"| {row} | " + " | ".join(str(c) for c in cells) + f" | {sum(cells)} |")
    print("\nwrong links by class and branch:")
    for k, v in branch_count.most_common():
        print(f"{v:4d}  {k}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
