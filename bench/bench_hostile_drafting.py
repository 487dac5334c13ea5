"""Benchmark: drafting hostile and very long sources, each in a fresh process: CPU seconds, wall, peak memory.

    .venv/bin/python bench/bench_hostile_drafting.py [--only NAME ...]

Each case is a generated body (tests/adversarial/hostile_sources.py) written to a .txt file, imported into a new
library and drafted with ``app.extract.propose``, as the Draft claims dialog does, in a child process that
reports its CPU seconds (``time.process_time``), wall seconds, peak resident memory (VmHWM), the number of
proposals and the notice. Target (app/extract/limits.py): every case drafts within 30 s CPU.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.adversarial import hostile_sources as hs  # noqa: E402

CASES = {
    "one-sentence-30k-words": lambda: hs.one_sentence(30_000),
    "unbalanced-quotes-8000": lambda: hs.unbalanced_quotes(8_000),
    "quoted-without-stops-5000": lambda: hs.quoted_without_stops(5_000),
    "national-denials-10000": lambda: hs.national_denials(10_000),
    "national-denials-100000": lambda: hs.national_denials(100_000),
    "speakers-20000-paragraphs": lambda: hs.speakers_one_per_paragraph(20_000),
    "he-said-20000-paragraphs": lambda: hs.he_said_paragraphs(20_000),
}

CHILD = r"""
import json, sys, time
wall, cpu = time.perf_counter(), time.process_time()
from pathlib import Path
from app.library import Library
from app.importers.batch import import_paths
from app.extract import propose
path = Path(sys.argv[1])
lib = Library.open(path.with_suffix(".briefdesk"))
sid = import_paths(lib, [path]).results[0].source_ids[0]
extraction = propose(lib, sid)
cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
peak = next((l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM")), "0")
print(json.dumps({"cpu": cpu, "wall": wall, "peak_mb": int(peak) / 1024, "proposals": len(extraction.proposals),
                  "notice": extraction.notice}))
"""


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", nargs="*", choices=sorted(CASES), default=None)
    ap.add_argument("--timeout", type=float, default=300)
    args = ap.parse_args()
    print("| case | size | CPU s | wall s | peak MB | proposals | notice |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for name in args.only or list(CASES):
        body = CASES[name]()
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"{name}.txt"
            path.write_text(body, encoding="utf-8")
            try:
                out = subprocess.run(
                    [sys.executable, "-c", CHILD, str(path)],
                    capture_output=True,
                    text=True,
                    timeout=args.timeout,
                    cwd=ROOT,
                )
            except subprocess.TimeoutExpired:
                print(
                    f"| {name} | {len(body) / 1e3:,.0f} kB | > {args.timeout:.0f} (killed) | | | | |",
                    flush=True,
                )
                continue
            if out.returncode != 0:
                print(
                    f"| {name} | {len(body) / 1e3:,.0f} kB | failed: {out.stderr.strip()[-200:]} |",
                    flush=True,
                )
                continue
            r = json.loads(out.stdout.strip().splitlines()[-1])
            print(
                f"| {name} | {len(body) / 1e3:,.0f} kB | {r['cpu']:.2f} | {r['wall']:.2f} | {r['peak_mb']:.0f} | "
                f"{r['proposals']:,} | {r['notice'][:90]} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
