"""First calls timed in CPU time beside wall time, checkouts interleaved: for a shared, loaded machine.

A first call's wall time on a loaded machine includes the wait for a core (2-3x at load 5-9); the CPU time
the call's process spends is close to what the wall time is on an idle machine. Each call runs in a fresh
process of the given checkout: Library.open, bench_scale's warm-up for that kind of call, then the call.

    .venv/bin/python bench/bench_first_cpu.py --db COPY --runs 6 --variant before=/tmp/before \
        --variant after=. "search:the of and to a in" "claims:the of and to a in" "picker:said"

Kinds: ``search:QUERY``, ``claims:TEXT`` (the Claims list's first page, newest first), ``picker:TEXT``.
A variant may name its own library, ``--variant LABEL=CHECKOUT@DB`` (a checkout before a migration cannot open
a library upgraded by the one after it).
Prints, per call and checkout, the median wall and CPU ms (and the least CPU), and the CPU reference.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path


def child(root: str, db: str, spec: str) -> None:
    sys.path[:0] = [root, f"{root}/bench"]
    import bench_scale as bs

    from app.library import Library

    op, _, text = spec.partition(":")
    if op == "search":
        call: dict = {"op": "search", "args": {"query": text}}
    elif op == "picker":
        call = {"op": "picker", "args": {"text": text}}
    else:
        call = {"op": "claims_page", "args": {"flt": {"text": text}, "sort": "said", "desc": True}}
    lib = Library.open(Path(db), create=False)
    bs.run_call(lib, bs.WARM_UP[call["op"]])
    wall, cpu = time.perf_counter(), time.process_time()
    bs.run_call(lib, call)
    print(
        json.dumps({"wall": (time.perf_counter() - wall) * 1000, "cpu": (time.process_time() - cpu) * 1000})
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--runs", type=int, default=6)
    ap.add_argument("--variant", action="append", default=[], help="LABEL=CHECKOUT[@DB] (a folder with app/)")
    ap.add_argument("--_child", nargs=2, metavar=("ROOT", "SPEC"), help=argparse.SUPPRESS)
    ap.add_argument("calls", nargs="*")
    args = ap.parse_args()
    if args._child:
        return child(args._child[0], args.db, args._child[1])
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from cpu_reference import cpu_reference_line

    variants = [v.split("=", 1) for v in args.variant]
    if not variants:
        ap.error("give at least one --variant LABEL=CHECKOUT")
    print(cpu_reference_line())
    for spec in args.calls:
        found: dict[str, list[dict]] = {label: [] for label, _where in variants}
        for n in range(args.runs):
            for label, where in variants if n % 2 == 0 else variants[::-1]:
                root, _, db = where.partition("@")
                run = [
                    sys.executable,
                    __file__,
                    "--db",
                    db or args.db,
                    "--_child",
                    str(Path(root).resolve()),
                    spec,
                ]
                out = subprocess.run(run, stdout=subprocess.PIPE, text=True, check=True).stdout
                found[label].append(json.loads(out.strip().splitlines()[-1]))
        cells = []
        for label, runs in found.items():
            wall = statistics.median(r["wall"] for r in runs)
            cpu = statistics.median(r["cpu"] for r in runs)
            cells.append(f"{label}: wall {wall:.1f} cpu {cpu:.1f} (least {min(r['cpu'] for r in runs):.1f})")
        print(f"{spec[:40]:40} " + " | ".join(cells), flush=True)
    print(cpu_reference_line())


if __name__ == "__main__":
    main()
