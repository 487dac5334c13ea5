"""Benchmark: hostile and huge files given to the importers, each in a fresh process: CPU, wall, peak memory.

    .venv/bin/python bench/bench_hostile_imports.py [--only NAME ...] [--timeout S]

Each case is a generated file (tests/adversarial/hostile_files.py) imported as a user meets it: ``import_paths``
into a new library, then the source opened with ``lib.sources.get``. The child reports its CPU seconds
(``time.process_time``, plus the CPU of its own children such as LibreOffice), wall seconds, peak resident
memory (VmHWM; LibreOffice's own memory is not in it), and the result or refusal, and whether the library holds
the whole source or nothing. Target: each within 30 s CPU and 1 GB, or refused in plain words.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.adversarial import hostile_files as hf  # noqa: E402

CHILD = r"""
import json, resource, sys, time
wall, cpu = time.perf_counter(), time.process_time()
from pathlib import Path
from app.library import Library
from app.importers.batch import import_paths
path = Path(sys.argv[1])
lib = Library.open(path.with_suffix(".briefdesk"))
result = import_paths(lib, [path]).results[0]
stored = whole = ""
if result.source_ids:
    src = lib.sources.get(result.source_ids[0])
    stored = f"{len(src.body):,} chars"
    whole = "yes" if src.body and lib.counts()["sources"] == 1 else "NO"
else:
    whole = "nothing stored" if lib.counts()["sources"] == 0 else "NO: partly stored"
kids = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu, wall = time.process_time() - cpu + kids.ru_utime + kids.ru_stime, time.perf_counter() - wall
peak = next((l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM")), "0")
print(json.dumps({"cpu": cpu, "wall": wall, "peak_mb": int(peak) / 1024, "status": result.status,
                  "message": result.message, "stored": stored, "whole": whole}))
"""


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", nargs="*", choices=sorted(hf.CASES), default=None)
    ap.add_argument("--timeout", type=float, default=300)
    args = ap.parse_args()
    print("| case | size | CPU s | wall s | peak MB | result | stored | library |")
    print("|---|---:|---:|---:|---:|---|---|---|")
    for name in args.only or list(hf.CASES):
        ext, make = hf.CASES[name]
        data = make()
        size = f"{len(data) / 1e6:,.1f} MB"
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"{name}{ext}"
            path.write_bytes(data)
            del data
            child = subprocess.Popen(
                [sys.executable, "-c", CHILD, str(path)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                cwd=ROOT,
                start_new_session=True,  # LibreOffice and anything else it starts is killed with it
            )
            try:
                stdout, stderr = child.communicate(timeout=args.timeout)
            except subprocess.TimeoutExpired:
                os.killpg(child.pid, signal.SIGKILL)
                child.communicate()
                print(f"| {name} | {size} | > {args.timeout:.0f} (killed) | | | | | |", flush=True)
                continue
            out = subprocess.CompletedProcess(child.args, child.returncode, stdout, stderr)
            try:  # anything the import left running (before 082c400, LibreOffice's soffice.bin)
                os.killpg(child.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            if out.returncode != 0:
                tail = " ".join(out.stderr.strip()[-300:].split())
                print(f"| {name} | {size} | crashed (rc {out.returncode}): {tail} | | | | | |", flush=True)
                continue
            r = json.loads(out.stdout.strip().splitlines()[-1])
            said = f"{r['status']}: {r['message']}"[:140].replace("|", "/")
            print(
                f"| {name} | {size} | {r['cpu']:.2f} | {r['wall']:.2f} | {r['peak_mb']:.0f} | {said} | "
                f"{r['stored']} | {r['whole']} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
