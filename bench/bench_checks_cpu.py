"""The checks' CPU time on a saved benchmark library, for comparing two versions of the code on a busy machine.

    .venv/bin/python bench/bench_checks_cpu.py --build DIR          # DIR/with.briefdesk and DIR/without.briefdesk
    .venv/bin/python bench/bench_checks_cpu.py DIR/with.briefdesk   # run in each tree; copy the file first

Wall-clock medians on a machine shared with other jobs move by 2x from run to run; the CPU time a process
spends (``time.process_time``) moves much less, so two trees run alternately on copies of the same library
compare fairly. Prints the medians of 9 runs of ``run_checks`` on a loaded context and of ``check_brief``.
The libraries are bench_checks.py's: 2,000 claims cited by a ~530-page brief, with and without provenance.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("library", nargs="?", help="a library built with --build")
    ap.add_argument("--build", metavar="DIR", help="write with.briefdesk and without.briefdesk into DIR")
    ap.add_argument("--runs", type=int, default=9)
    args = ap.parse_args()
    if args.build:
        import bench_checks

        out = Path(args.build)
        out.mkdir(parents=True, exist_ok=True)
        for name, provenance in (("with", True), ("without", False)):
            path = out / f"{name}.briefdesk"
            path.unlink(missing_ok=True)
            lib, _brief = bench_checks.build(path, claims=2000, pages=500, provenance=provenance)
            lib.close()
            print(f"wrote {path}")
        return 0
    if not args.library:
        ap.error("give a library, or --build DIR")
    from app._gc import paused_gc
    from app.checks import CheckSettings, check_brief, run_checks
    from app.checks.engine import load_context
    from app.library import Library

    lib = Library.open(args.library)
    settings = CheckSettings()
    brief_id = lib.briefs.list(limit=1).items[0].id
    check_brief(lib, brief_id, settings=settings)  # warm: imports, first compile of each statement
    rules, full = [], []
    for _ in range(args.runs):
        ctx = load_context(lib, brief_id, settings=settings)
        with paused_gc():
            t = time.process_time()
            run_checks(ctx)
            rules.append((time.process_time() - t) * 1000)
        t = time.process_time()
        check_brief(lib, brief_id, settings=settings)
        full.append((time.process_time() - t) * 1000)
    lib.close()
    print(
        f"run_checks {statistics.median(rules):.0f} ms CPU, check_brief {statistics.median(full):.0f} ms CPU "
        f"(medians of {args.runs})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
