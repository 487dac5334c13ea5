"""Speakers on the real-copy regression list (tests/app/extract/real_shapes.py), for any checkout's extractor.

    .venv/bin/python bench/bench_real_shapes.py [--root DIR] --out FILE.json   # run DIR's app.extract (default: this tree)
    .venv/bin/python bench/bench_real_shapes.py --compare BEFORE.json AFTER.json
    add --sweep to a run for the generated sweep too (every speaker of SWEEP_SPEAKERS in every wire frame)

A sentence is right when its first proposal's speaker equals one of the expected spellings ("a|b") after dropping
articles and case, or when none is expected and nothing is proposed. --compare lists every sentence whose speaker
changed between two runs, with whether each run was right."""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PUBLISHED = dt.date(2026, 3, 12)


def load_shapes(with_sweep: bool = False) -> list[tuple[str, str]]:
    path = HERE.parent / "tests" / "app" / "extract" / "real_shapes.py"
    spec = importlib.util.spec_from_file_location("real_shapes", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.SHAPES) + (module.sweep() if with_sweep else [])


def norm(name: str) -> str:
    name = name.lower().replace("\u2019", "'").strip()
    name = re.sub(r"^(the|a|an)\s+", "", name)
    return re.sub(r"\s+", " ", name)


def right(expected: str, actors: list[str]) -> bool:
    if not expected:
        return not actors
    return bool(actors) and norm(actors[0]) in {norm(e) for e in expected.split("|")}


def run(root: Path, with_sweep: bool = False) -> list[dict[str, object]]:
    sys.path.insert(0, str(root))
    from app.extract import RuleExtractor

    rows = []
    for text, expected in load_shapes(with_sweep):
        actors = [p.actor for p in RuleExtractor().propose(text, published=PUBLISHED)]
        rows.append({"text": text, "expected": expected, "actors": actors, "right": right(expected, actors)})
    return rows


def compare(before: list[dict[str, object]], after: list[dict[str, object]]) -> None:
    old = {str(r["text"]): r for r in before}
    changed = [r for r in after if str(r["text"]) in old and old[str(r["text"])]["actors"] != r["actors"]]
    for r in changed:
        b = old[str(r["text"])]
        mark = {(False, True): "better", (True, False): "WORSE"}.get(
            (bool(b["right"]), bool(r["right"])), "same"
        )
        print(f"{mark:7} {r['text']}\n        expected {r['expected']!r}: {b['actors']} -> {r['actors']}")
    print(f"{len(after)} sentences; {len(changed)} changed")
    print(
        f"right before {sum(bool(r['right']) for r in before)}, after {sum(bool(r['right']) for r in after)}"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", type=Path, default=HERE.parent)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--compare", nargs=2, type=Path)
    ap.add_argument("--sweep", action="store_true", help="add the generated sweep of speakers and frames")
    args = ap.parse_args()
    if args.compare:
        compare(*(json.loads(p.read_text()) for p in args.compare))
        return
    rows = run(args.root.resolve(), args.sweep)
    if args.out:
        args.out.write_text(json.dumps(rows, indent=1))
    print(f"{sum(bool(r['right']) for r in rows)} of {len(rows)} right")


if __name__ == "__main__":
    main()
