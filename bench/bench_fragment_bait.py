"""Speakers on the fragment-bait list (tests/app/extract/fragment_bait.py), for any checkout's extractor, by half.

    .venv/bin/python bench/bench_fragment_bait.py [--root DIR] [--half dev|test|both] [--list]
    .venv/bin/python bench/bench_fragment_bait.py [--root DIR] --sweep [--list]   # real speakers in bait frames

Each entry is right when every speaker drafted from it is one of its expected spellings ("a|b", articles and case
dropped) and, when it expects someone, something is drafted ("" among the spellings: drafting nothing is right
too). Otherwise it is missing (nothing drafted where someone speaks), wrong (a speaker that is not the one
expected: a fragment, or someone else) or invented (a speaker where no one speaks). --list prints the dev half's
wrong entries only: the test half is scored, not read."""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PUBLISHED = dt.date(2026, 3, 12)


def load() -> tuple[list[tuple[str, str | None]], object, list[tuple[str, str]]]:
    sys.path.insert(0, str(HERE.parent))  # the list's sweep reads tests/app/extract/real_shapes.py
    path = HERE.parent / "tests" / "app" / "extract" / "fragment_bait.py"
    spec = importlib.util.spec_from_file_location("fragment_bait", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.BAIT), module.half, module.bait_sweep()


def norm(name: str) -> str:
    name = name.lower().replace("\u2019", "'").strip()
    name = re.sub(r"^(the|a|an|one)\s+", "", name)
    return re.sub(r"\s+", " ", name)


def outcome(expected: str | None, actors: list[str]) -> str:
    spellings = {norm(e) for e in (expected or "").split("|")}
    if not actors:
        return "right" if expected is None or "" in spellings else "missing"
    if expected is None:
        return "invented"
    return "right" if all(norm(a) in spellings for a in actors) else "wrong"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", type=Path, default=HERE.parent)
    ap.add_argument("--half", choices=("dev", "test", "both"), default="dev")
    ap.add_argument("--list", action="store_true", help="print the dev half's entries that are not right")
    ap.add_argument("--sweep", action="store_true", help="real speakers in bait frames instead of the list")
    args = ap.parse_args()
    bait, half, sweep = load()
    sys.path.insert(0, str(args.root.resolve()))
    for name in [m for m in sys.modules if m == "app" or m.startswith("app.")]:
        del sys.modules[name]  # the root's app, not this tree's
    from app.extract import RuleExtractor

    if args.sweep:
        counts = dict.fromkeys(("right", "missing", "wrong", "invented"), 0)
        for text, expected in sweep:
            actors = list(dict.fromkeys(p.actor for p in RuleExtractor().propose(text, published=PUBLISHED)))
            got = outcome(expected, actors)
            counts[got] += 1
            if args.list and got != "right":
                print(f"{got:8} {text[:90]!r}\n         expected {expected!r}, drafted {actors}")
        print(f"| sweep | {len(sweep)} | " + " | ".join(f"{k} {v}" for k, v in counts.items()) + " |")
        return
    halves = ("dev", "test") if args.half == "both" else (args.half,)
    for name in halves:
        counts = dict.fromkeys(("right", "missing", "wrong", "invented"), 0)
        for text, expected in bait:
            if half(text) != name:
                continue
            actors = list(dict.fromkeys(p.actor for p in RuleExtractor().propose(text, published=PUBLISHED)))
            got = outcome(expected, actors)
            counts[got] += 1
            if args.list and name == "dev" and got != "right":
                print(f"{got:8} {text[:90]!r}\n         expected {expected!r}, drafted {actors}")
        n = sum(counts.values())
        print(
            f"| {name} | {n} | right {counts['right']} | missing {counts['missing']} | wrong {counts['wrong']} | "
            f"invented {counts['invented']} |"
        )


if __name__ == "__main__":
    main()
