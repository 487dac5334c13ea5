"""How far back a denial may be linked to a claim without pointing back to it (``app.extract.answers.FAR``, or
another distance of that module named with ``--name``, e.g. ``CONTRADICTION_FAR``), chosen leaving one set out: for each set, the distance that gives the best F0.5 (precision counted twice as much
as recall: a link the analyst must undo costs more than one they add) on all the other sets, then the left-out
set scored with it. Links are scored as bench_extract scores them.

    .venv/bin/python bench/link_distance_loso.py bench/corpus bench/heldout ... bench/heldout8
    .venv/bin/python bench/link_distance_loso.py --name CONTRADICTION_FAR bench/corpus ... bench/heldout9
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import match_claims  # noqa: E402
from drafted_sets import drafted_articles  # noqa: E402

import app.extract.answers as answers  # noqa: E402

# 10**6: no distance limit; 2 is left out: it breaks fictional shapes the tests hold right (a counter answering
# the first of the other side's claims in a row, a reason given after "rejected that account")
CANDIDATES = (3, 4, 5, 6, 8, 10**6)


def link_counts(directory: Path) -> tuple[int, int, int]:
    """Right links, proposed links and annotated links of one set, with the extractor as it is configured."""
    right = proposed = expected_n = 0
    for art in drafted_articles([directory]):
        _spans, match = match_claims(art.source.body, art.ann, art.proposals)
        expected = {(d, alt) for d, targets in art.ann["denials"] for alt in targets.split("|")}
        optional = {tuple(pair) for pair in art.ann.get("optional_links", [])}
        links = {
            (match.get(p.key), match.get(p.denies)) for p in art.proposals if p.kind == "denial" and p.denies
        } - optional
        right += sum(1 for link in links if link in expected)
        proposed += len(links)
        expected_n += len(art.ann["denials"])
    return right, proposed, expected_n


def f_half(right: int, proposed: int, expected: int) -> float:
    p = right / proposed if proposed else 1.0
    r = right / expected if expected else 1.0
    return 1.25 * p * r / (0.25 * p + r) if p + r else 0.0


def main(argv: list[str]) -> int:
    name = "FAR"
    if argv[:1] == ["--name"]:
        name, argv = argv[1], argv[2:]
    sets = [Path(a) for a in argv]
    counts: dict[int, dict[str, tuple[int, int, int]]] = {}
    for far in CANDIDATES:
        setattr(answers, name, far)
        counts[far] = {s.name: link_counts(s) for s in sets}
    print("| set left out | distance chosen on the others | P | R | P, no limit | R, no limit |")
    print("|---|---:|---:|---:|---:|---:|")
    totals = [0, 0, 0, 0, 0]
    for s in sets:

        def others(far: int, left: str = s.name) -> tuple[int, int, int]:
            rows = [v for k, v in counts[far].items() if k != left]
            return sum(r[0] for r in rows), sum(r[1] for r in rows), sum(r[2] for r in rows)

        best = max(CANDIDATES, key=lambda far: (f_half(*others(far)), -far))
        r, p, e = counts[best][s.name]
        r0, p0, _e = counts[10**6][s.name]
        totals = [totals[0] + r, totals[1] + p, totals[2] + e, totals[3] + r0, totals[4] + p0]
        shown = "none" if best == 10**6 else str(best)
        print(
            f"| {s.name} | {shown} | {r / p:.2f} ({r}/{p}) | {r / e:.2f} | {r0 / p0:.2f} ({r0}/{p0}) | {r0 / e:.2f} |"
        )
    r, p, e, r0, p0 = totals
    print(
        f"| all, each left out | | {r / p:.2f} ({r}/{p}) | {r / e:.2f} | {r0 / p0:.2f} ({r0}/{p0}) | {r0 / e:.2f} |"
    )
    print("\nEvery distance over all sets together (in sample):")
    for far in CANDIDATES:
        r = sum(v[0] for v in counts[far].values())
        p = sum(v[1] for v in counts[far].values())
        e = sum(v[2] for v in counts[far].values())
        shown = "none" if far == 10**6 else str(far)
        print(f"  {shown:>4}: P {r / p:.2f} ({r}/{p}), R {r / e:.2f} ({r}/{e}), F0.5 {f_half(r, p, e):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
