"""Drafting's speakers on generated attribution sentences (tests/app/extract/attribution_grammar.py), by shape:
each passage alone and inside a short wire story, drafted through the path the app uses (a source in a library,
then ``app.extract.propose``).

    .venv/bin/python bench/bench_attribution.py [--n 2000] [--seed 1] [--by form|verb|clutter|shape] [--show K]

Outcomes for a passage with a speaker: right (a proposal over the words said names the speaker), missing (no
proposal there), fragment (a clause or page furniture as speaker), wrong (another speaker). For a passage with
none: right (nothing proposed over it) or invented. Speakers match as bench_extract matches them."""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.extract import propose  # noqa: E402
from app.library import Library  # noqa: E402
from bench.bench_extract import is_fragment, same_speaker  # noqa: E402
from tests.app.extract.attribution_grammar import Grammar, Item  # noqa: E402

OUTCOMES = ("right", "missing", "fragment", "wrong", "invented")
ELSEWHERE: list[str] = []  # proposals drafted from the story around a passage: every one is invented


def judge(item: Item, text: str, at: int, proposals: list) -> tuple[str, str]:
    """(outcome, what was proposed) for ``item`` placed at ``at`` in ``text``."""
    if item.said:
        start = at + item.text.lower().rfind(item.said.lower())
        end = start + len(item.said)
    else:
        start, end = at, at + len(item.text)
    over = [p for p in proposals if p.start < end and start < p.end]
    got = "; ".join(f"{p.actor!r}" for p in over)
    if not item.speaker:
        return ("invented" if over else "right"), got
    if any(not is_fragment(p.actor, []) and same_speaker(p.actor, item.speaker) for p in over):
        return "right", got
    if not over:
        return "missing", got
    if any(is_fragment(p.actor, []) for p in over):
        return "fragment", got
    return "wrong", got


def run(n: int, seed: int, wave: int = 1) -> list[tuple[str, Item, str, str, str]]:
    """(setting, item, outcome, proposed, text) for ``n`` passages, each alone and in an article."""
    grammar = Grammar(seed, wave)
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        lib = Library.open(Path(tmp) / "attribution.briefdesk")
        try:
            for i in range(n):
                item = grammar.item()
                article, at = grammar.article(item)
                for setting, text, offset in (("alone", item.text, 0), ("article", article, at)):
                    change = lib.sources.create(
                        title=f"Passage {i} {setting}", body=text, published="2026-03-12", language="en"
                    )
                    sid = change.after.id
                    proposals = list(propose(lib, sid).proposals)
                    outcome, got = judge(item, text, offset, proposals)
                    out.append((setting, item, outcome, got, text))
                    # the story around the passage (byline, dateline, furniture) has no speaker
                    around = [p for p in proposals if p.end <= offset or p.start >= offset + len(item.text)]
                    ELSEWHERE.extend(f"{p.actor!r}: {p.quote[:60]!r}" for p in around)
        finally:
            lib.close()
    return out


def table(rows: list[tuple[str, Item, str, str, str]], by: str) -> str:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for _setting, item, outcome, _got, _text in rows:
        key = getattr(item, by) if by != "shape" else item.shape
        counts[key][outcome] += 1
        counts["(all)"][outcome] += 1
    lines = [f"| {by} | n | " + " | ".join(OUTCOMES) + " | failure rate |", "|---|" + "---:|" * 7]
    for key in sorted(counts, key=lambda k: (k != "(all)", -sum(counts[k].values()) + counts[k]["right"])):
        c = counts[key]
        total = sum(c.values())
        rate = 1 - c["right"] / total
        lines.append(f"| {key} | {total} | " + " | ".join(str(c[o]) for o in OUTCOMES) + f" | {rate:.3f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000, help="passages (each drafted alone and in an article)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--wave", type=int, default=1, help="1: the first grammar; 2: with the shapes added later"
    )
    ap.add_argument("--by", default="form,verb,clutter", help="tables to print: form, verb, clutter, shape")
    ap.add_argument("--show", type=int, default=0, help="print up to K failures of each outcome")
    args = ap.parse_args(argv)
    rows = run(args.n, args.seed, args.wave)
    for setting in ("alone", "article", "both"):
        chosen = [r for r in rows if setting == "both" or r[0] == setting]
        print(f"\n## {setting} ({len(chosen)} drafts, seed {args.seed}, wave {args.wave})")
        for by in args.by.split(","):
            print()
            print(table(chosen, by))
    print(f"\nProposals drafted from the story around the passages (invented): {len(ELSEWHERE)}")
    for line in ELSEWHERE[: args.show]:
        print("   ", line)
    if args.show:
        shown: Counter[str] = Counter()
        for setting, item, outcome, got, text in rows:
            if outcome != "right" and shown[outcome] < args.show:
                shown[outcome] += 1
                print(f"\n[{outcome}, {setting}] {item.shape}: expected {item.speaker!r}, got {got or '-'}")
                print("   ", text.replace("\n", " / ")[:300])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
