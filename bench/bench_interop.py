"""Interop benchmark: importing a large STIX bundle, and exporting a brief as STIX and MISP.

    .venv/bin/python bench/bench_interop.py [--mb 100] [--runs 3]

Writes bench/out/big-bundle.json (a platform's bundle: N MB of indicators Briefdesk does not keep, one source
report and 200 notes with 100 denials), then, each in a fresh process as a user meets it: `briefdesk import`
of it into an empty library (wall time and the process's peak RSS), and `briefdesk export 1 --format stix`
and `--format misp` of the demo brief beside `--format docx` (wall time). Prints medians.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
BIN = Path(sys.executable).with_name("briefdesk")


def write_bundle(path: Path, mb: int) -> int:
    report = "report--9d2f7c1e-5b4a-4e3d-8c2b-0a1b2c3d4e5f"
    notes = [f"note--{i:08d}-6d3c-4a8e-9b3e-1f2a3b4c5d6e" for i in range(200)]
    ts = "2026-11-02T10:00:00.000Z"
    with open(path, "w", encoding="utf-8") as fh:
        fh.write('{"type": "bundle", "id": "bundle--1f0e2d3c-4b5a-4697-8877-665544332211", "objects": [')
        head = {
            "type": "report",
            "spec_version": "2.1",
            "id": report,
            "created": ts,
            "modified": ts,
            "name": "Harbour works",
            "published": ts,
            "object_refs": notes,
        }
        fh.write(json.dumps(head))
        for i, nid in enumerate(notes):
            note = {
                "type": "note",
                "spec_version": "2.1",
                "id": nid,
                "created": ts,
                "modified": ts,
                "content": f"Statement number {i} about the harbour works.",
                "object_refs": [report],
                "authors": [f"Speaker {i % 20}"],
                "confidence": 70,
            }
            fh.write("," + json.dumps(note))
        for i in range(100):
            rel = {
                "type": "relationship",
                "spec_version": "2.1",
                "created": ts,
                "modified": ts,
                "id": f"relationship--{i:08d}-6d3c-4a8e-9b3e-1f2a3b4c5d6e",
                "relationship_type": "denies",
                "source_ref": notes[2 * i + 1],
                "target_ref": notes[2 * i],
            }
            fh.write("," + json.dumps(rel))
        n = 0
        while fh.tell() < mb * 1024 * 1024:
            fh.write(
                ","
                + json.dumps(
                    {
                        "type": "indicator",
                        "spec_version": "2.1",
                        "created": ts,
                        "modified": ts,
                        "id": f"indicator--{n:08d}-1d1d-4e4e-8f8f-a0a0a0a0a0a0",
                        "pattern_type": "stix",
                        "pattern": f"[url:value = 'https://example.org/{n}']",
                        "valid_from": ts,
                        "description": "An indicator of the kind a platform exports by the thousand. " * 5,
                    }
                )
            )
            n += 1
        fh.write("]}")
    return n


def timed(args: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KB) of one fresh process."""
    code = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "r = subprocess.run(sys.argv[1:], capture_output=True); "
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)"
    )
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    seconds, rss, rc = out.stdout.split()
    if rc != "0":
        raise SystemExit(f"{' '.join(args)} exited {rc}")
    return float(seconds), int(rss)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=int, default=100)
    ap.add_argument("--runs", type=int, default=3)
    opts = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    bundle = OUT / "big-bundle.json"
    indicators = write_bundle(bundle, opts.mb)
    size = bundle.stat().st_size / 1024 / 1024
    print(f"bundle: {size:.0f} MB, {indicators:,} indicators, 1 report, 200 notes, 100 denies relationships")
    with tempfile.TemporaryDirectory() as tmp:
        runs = []
        for r in range(opts.runs):
            lib = Path(tmp) / f"import-{r}.briefdesk"
            runs.append(timed([str(BIN), "--library", str(lib), "import", str(bundle)]))
        print(
            f"import {size:.0f} MB bundle: median {statistics.median(s for s, _ in runs):.2f} s, "
            f"peak RSS median {statistics.median(k for _, k in runs) / 1024:.0f} MB (runs: "
            + ", ".join(f"{s:.2f} s/{k / 1024:.0f} MB" for s, k in runs)
            + ")"
        )
        demo = Path(tmp) / "demo.briefdesk"
        subprocess.run([str(BIN), "--library", str(demo), "demo"], check=True, capture_output=True)
        for fmt, ext in (("docx", "docx"), ("stix", "json"), ("misp", "json")):
            times = [
                timed(
                    [
                        str(BIN),
                        "--library",
                        str(demo),
                        "export",
                        "1",
                        "-o",
                        str(Path(tmp) / f"b.{ext}"),
                        "--format",
                        fmt,
                    ]
                )[0]
                for _ in range(opts.runs)
            ]
            print(
                f"export demo brief --format {fmt}: median {statistics.median(times):.2f} s "
                f"(runs: {', '.join(f'{t:.2f}' for t in times)})"
            )


if __name__ == "__main__":
    main()
