"""Benchmark and full pass: other projects' Markdown test suites through every reader and renderer of a brief.

    .venv/bin/python bench/bench_markdown_suites.py [--limit N] [--no-pandoc] [--no-service] [--json FILE]

Every example of tests/adversarial/third_party/markdown_suites.json.gz (the CommonMark spec, Python-Markdown's
and markdown-it-py's test inputs; read from the local copy, nothing fetched), as written and with citations
added, is checked by tests/adversarial/markdown_suites.py: the brief model, the checks, the preview's HTML,
the .md/.html/.docx renderers and, unless --no-service, the export service the CLI uses (export_brief on a
brief stored in a one-claim library, --force, missing citations allowed) to .html, .md and .docx. Nothing
active may come out, and the model must agree with Python-Markdown and the renderers. Each variant must be
done within 2 s (the readers, renderers and exports; pandoc's reading of the .md is not counted).

Prints the number of variants, the ones with problems (grouped), the slowest, the total wall and CPU time
and the median per variant; exits 1 if any variant has a problem or takes over 2 s.
"""

from __future__ import annotations

import argparse
import collections
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.adversarial import markdown_suites as ms  # noqa: E402

LIMIT_SECONDS = 2.0


def service_exporter(folder: Path):  # type: ignore[no-untyped-def]
    """export(body, fmt) -> bytes through app.export.export_brief on a small library in ``folder``."""
    from app.export import ExportOptions, export_brief
    from app.library import Library

    lib = Library.open(folder / "suites.briefdesk")
    src = lib.sources.create(
        title="Wire", body="Officials said the bridge was repaired.", reliability="B"
    ).after
    lib.claims.create(source_id=src.id, quote="the bridge was repaired", actor="Officials")
    lib.claims.create(source_id=src.id, quote="Officials said", actor="Officials")
    briefs: dict[str, int] = {}

    def export(body: str, fmt: str) -> bytes:
        if body not in briefs:
            briefs[body] = lib.briefs.create(title="Suite", body=body).after.id
        out = folder / f"out.{fmt}"
        export_brief(lib, briefs[body], out, ExportOptions(format=fmt, force=True, allow_missing=True))
        return out.read_bytes()

    return export


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--limit", type=int, default=0, help="only the first N variants")
    ap.add_argument("--no-pandoc", action="store_true", help="do not read the .md exports with pandoc")
    ap.add_argument("--no-service", action="store_true", help="renderers only, not export_brief")
    ap.add_argument("--json", help="write every outcome to this file")
    args = ap.parse_args()
    variants = ms.variants()
    if args.limit:
        variants = variants[: args.limit]
    with tempfile.TemporaryDirectory() as tmp:
        export = None if args.no_service else service_exporter(Path(tmp))
        outcomes = []
        wall, cpu = time.perf_counter(), time.process_time()
        for name, body in variants:
            outcomes.append(ms.problems(name, body, pandoc=not args.no_pandoc, export=export))
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    bad = [o for o in outcomes if o.problems]
    slow = [o for o in outcomes if o.seconds > LIMIT_SECONDS]
    examples = len({o.name.removesuffix(" +citations") for o in outcomes})
    print(
        f"{len(outcomes)} variants of {examples} examples; {len(bad)} with problems; {len(slow)} over {LIMIT_SECONDS} s"
    )
    kinds = collections.Counter(
        p.split(":")[0] + ": " + p.split(":", 2)[1].strip()[:50] for o in bad for p in o.problems
    )
    for kind, n in kinds.most_common(30):
        print(f"  {n:5d}  {kind}")
    for o in bad[:20]:
        print(f"  {o.name}: {o.problems[:3]}")
    seconds = sorted(o.seconds for o in outcomes)
    print(
        "slowest:",
        ", ".join(f"{o.name} {o.seconds:.2f} s" for o in sorted(outcomes, key=lambda o: -o.seconds)[:5]),
    )
    print(f"median {statistics.median(seconds) * 1000:.1f} ms per variant, max {seconds[-1]:.2f} s")
    print(f"total {wall:.1f} s wall, {cpu:.1f} s CPU (this process; pandoc runs in children)")
    if args.json:
        Path(args.json).write_text(json.dumps([o.__dict__ for o in outcomes], indent=0), encoding="utf-8")
    return 1 if bad or slow else 0


if __name__ == "__main__":
    sys.exit(main())
