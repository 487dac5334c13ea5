"""Before and after, interleaved: every call of bench_scale.py, each in a fresh process, made by two checkouts
of the app (each on its own library file) one right after the other, the order alternating, so that a shared
machine's changing load falls on both alike.

    .venv/bin/python bench/bench_scale_ab.py --before-root /tmp/before --before-db A.briefdesk \
        --after-root . --after-db B.briefdesk [--quick] [--cold N] [--out bench/out/ab]

Each root is a checkout holding bench/bench_scale.py (its own child runs the call with its own app/); the calls
are those of the before root's bench_scale (call_specs on the before library). Writes OUT_before.json and
OUT_after.json in bench_scale's format and prints, per kind of call, p50/p95/max of the first calls side by
side.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--before-root", type=Path, required=True)
    ap.add_argument("--before-db", type=Path, required=True)
    ap.add_argument("--after-root", type=Path, default=ROOT)
    ap.add_argument("--after-db", type=Path, required=True)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--cold", type=int, default=0, metavar="N", help="N calls, each read from the disk")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "ab")
    args = ap.parse_args()
    sys.path.insert(0, str(args.before_root / "bench"))
    import bench_scale as bs  # the before checkout's: its calls are the ones measured

    roots = {"before": (args.before_root, args.before_db), "after": (args.after_root, args.after_db)}
    specs = bs.call_specs(args.before_db, args.quick)
    if args.cold:
        specs = specs[:: max(1, len(specs) // args.cold)][: args.cold]
    out: dict[str, list[dict]] = {"before": [], "after": []}
    for n, spec in enumerate(specs):
        for who in ("before", "after") if n % 2 == 0 else ("after", "before"):
            root, db = roots[who]
            if args.cold and not bs.drop_os_cache(db):
                raise SystemExit("--cold: cannot drop the library from the OS page cache on this system")
            res = subprocess.run(
                [
                    sys.executable,
                    str(root / "bench" / "bench_scale.py"),
                    "--db",
                    str(db),
                    "--_child",
                    "calls",
                ],
                input=json.dumps([spec]),
                stdout=subprocess.PIPE,
                text=True,
                check=True,
            )
            out[who] += json.loads(res.stdout.strip().splitlines()[-1])["calls"]
        if n % 20 == 19:
            print(f"  {n + 1} of {len(specs)} calls measured", file=sys.stderr, flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    for who, calls in out.items():
        Path(f"{args.out}_{who}.json").write_text(json.dumps({"calls": calls}, indent=1, default=str))
    print(f"Machine: {bs.machine_note()}\n")
    print(
        "| kind of call | calls | before p50 | before p95 | before max | after p50 | after p95 | after max (which) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    kinds: dict[str, tuple[list[dict], list[dict]]] = {}
    for who, i in (("before", 0), ("after", 1)):
        for r in out[who]:
            kinds.setdefault(r["kind"], ([], []))[i].append(r)
    for kind, (rb, ra) in kinds.items():
        fb, fa = [r["first"] for r in rb], [r["first"] for r in ra]
        worst = max(ra, key=lambda r: r["first"])["label"][:30]
        print(
            f"| {kind} | {len(rb)} | {bs.ms(bs.pct(fb, 50))} | {bs.ms(bs.pct(fb, 95))} | {bs.ms(max(fb))} | "
            f"{bs.ms(bs.pct(fa, 50))} | {bs.ms(bs.pct(fa, 95))} | {bs.ms(max(fa))} (`{worst}`) |"
        )


if __name__ == "__main__":
    main()
