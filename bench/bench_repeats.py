"""Benchmark: briefs that repeat one construct n times, exported through the export service, CPU seconds each.

    .venv/bin/python bench/bench_repeats.py [--kinds KIND ...] [--sizes 4000 16000]

A step that makes each repeated item unique by trying every earlier one grows with the square of n: compare
the times at two sizes (4x the repeats: about 4x the time when linear, 16x when quadratic). One process, one
one-claim library (bench_markdown_suites.service_exporter); the first format of each row includes storing the
brief (reading its model and indexing its citations).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_markdown_suites as suites  # noqa: E402

KINDS: dict[str, Callable[[int], str]] = {
    "identical-headings": lambda n: "# Header\n" * n,
    "identical-cited-headings": lambda n: "# Header [@c1]\n" * n,
    "distinct-headings": lambda n: "".join(f"# Header {i}\n" for i in range(n)),
    "citations": lambda n: "Text [@c1].\n\n" * n,
    "links": lambda n: "See [the site](https://example.com/a).\n\n" * n,
    "reference-links": lambda n: "See [the site][a].\n\n" * n + "\n[a]: https://example.com/a\n",
    "link-definitions": lambda n: "See [a].\n\n" + "[a]: https://example.com/a\n" * n,
    "table-rows": lambda n: "| A | B |\n|---|---|\n" + "| x [@c1] | y |\n" * n,
    "portion-marks": lambda n: "(U) A portion [@c1].\n\n" * n,
    "abbreviations": lambda n: "ABC text.\n\n" * n + "\n*[ABC]: a term\n",
}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--kinds", nargs="*", choices=sorted(KINDS), default=list(KINDS))
    ap.add_argument("--sizes", nargs="*", type=int, default=[4_000, 16_000])
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        export = suites.service_exporter(Path(tmp))
        export("# warm\n", "md")
        print(f"{'body':<26} {'n':>7} {'html s':>7} {'md s':>7} {'docx s':>7}")
        for kind in args.kinds:
            for n in args.sizes:
                body = KINDS[kind](n)
                row = []
                for fmt in ("html", "md", "docx"):
                    started = time.process_time()
                    export(body, fmt)
                    row.append(time.process_time() - started)
                print(f"{kind:<26} {n:>7} " + " ".join(f"{t:7.2f}" for t in row), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
