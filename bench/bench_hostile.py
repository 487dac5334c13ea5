"""Benchmark: hostile and oversized briefs exported in a fresh process each: CPU time, wall time, peak memory.

    .venv/bin/python bench/bench_hostile.py [--only NAME ...] [--formats docx,html,md]

The bodies come from tests/adversarial/hostile_briefs.py (generated, never stored). Each export runs in its own
process (``export_in_child``: a one-claim library, the brief stored, then exported with --force), which
reports its CPU seconds (``time.process_time``), wall seconds and peak resident memory (VmHWM). Target
(README, "What is bounded"): every body up to the brief size limit exports or is refused within 15 s and
600 MB; a one-line 10 MB paragraph within 60 s. A .docx or HTML export of over 100,000 portions is refused.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.adversarial import hostile_briefs as hb  # noqa: E402

CASES = {
    "nested-lists-500": lambda: hb.nested_lists(500),
    "nested-quotes-500": lambda: hb.nested_quotes(500),
    "brackets-20000": lambda: hb.brackets(20_000),
    "paragraph-10MB": lambda: hb.one_line_paragraph(10_000_000),
    "citations-200000": lambda: hb.many_citations(200_000),
    "brief-20M-chars": lambda: hb.large_brief(20_000_000),
    "brackets-1999-then-190k": lambda: hb.brackets_before_text(1_999, 190_000),
    "headings-90000": lambda: hb.lines_without_blank("# Heading\n", 90_000),
    "setext-90000": lambda: hb.lines_without_blank("Heading\n===\n", 90_000),
    "abbreviations-100000": lambda: hb.lines_without_blank("*[ABC]: a term\n", 100_000),
    "definitions-20000": lambda: hb.lines_without_blank("Term\n:   a definition\n", 20_000),
    "headings-500000": lambda: hb.lines_without_blank("# Heading\n", 500_000),
    "blank-runs-200000": lambda: hb.blank_runs(200_000),
}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", nargs="*", choices=sorted(CASES), default=None)
    ap.add_argument("--formats", default="docx,html,md")
    args = ap.parse_args()
    print(f"{'body':<20} {'format':<6} {'outcome':<9} {'CPU s':>7} {'wall s':>7} {'peak MB':>8}")
    for name in args.only or list(CASES):
        body = CASES[name]()
        for fmt in args.formats.split(","):
            with tempfile.TemporaryDirectory() as tmp:
                r = hb.export_in_child(Path(tmp), body, fmt, timeout=900)
            print(
                f"{name:<20} {fmt:<6} {r['outcome']:<9} {r.get('cpu_seconds', float('nan')):7.1f} "
                f"{r['seconds']:7.1f} {r.get('peak_mb', 0):8d}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
