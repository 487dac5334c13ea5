"""Benchmark: reading a 500-page brief into the brief model, side by side with its peers, in one process.

    .venv/bin/python bench/bench_brief_model.py [--runs 9] [--pages 500]

Builds a classification-marked brief of about 500 words a page (every portion marked, Key Judgments, themed
sections citing two claims per paragraph, some grouped with ';' or ',', some tables, lists and code) and
reports the median CPU time (``time.process_time``; the machine is shared, wall time is not comparable between
runs) of:

- ``parse_brief`` cold: the brief model (Python-Markdown's block parser with offsets, citations, marks);
- the same brief after a one-word edit (what the editor and the Checks panel pay as the analyst types);
- Python-Markdown's own ``convert`` of the same text with the same configuration (the peer the model follows:
  it has no offsets and no citations, and it parses inline Markdown too);
- the hand-written structural pass the model replaced (``app/checks/structure.py`` at commit 1c0bbf5, read
  from git history when the repository has it), which followed Markdown's rules only roughly.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cpu_reference import cpu_reference_line  # noqa: E402

from app.brief_model import pm  # noqa: E402
from app.brief_model.model import BriefModel  # noqa: E402

WORDS = [
    "crossing",
    "bridge",
    "border",
    "province",
    "ministry",
    "convoy",
    "freight",
    "harvest",
    "river",
    "winter",
    "talks",
    "guards",
    "officials",
    "report",
    "traffic",
    "road",
    "customs",
    "checkpoint",
    "delegation",
    "mediator",
    "agreement",
    "supply",
    "lorries",
    "market",
    "prices",
]


def sentence(rng: random.Random, n: int) -> str:
    return "The " + " ".join(rng.choice(WORDS) for _ in range(n)) + "."


def make_body(pages: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    parts = ["# (U) Generated brief", "", "## (U) Key Judgments", ""]
    for j in range(10):
        parts.append(f"- (U) The crossing will likely reopen in phase {j} [@c{2 * j + 1}; @c{2 * j + 2}].")
    parts.append("")
    words = 0
    section = 0
    while words < pages * 500:
        section += 1
        parts += [f"## (U) Theme {section}", ""]
        for p in range(8):
            text = " ".join(sentence(rng, 14) for _ in range(4))
            a, b = rng.randint(1, 2000), rng.randint(1, 2000)
            sep = ", " if p % 3 == 0 else "; "
            parts += [f"(U) {text} [@c{a}{sep}@c{b}]", ""]
            words += len(text.split())
        if section % 10 == 0:
            parts += ["| (U) Item | (U) Count |", "|---|--:|", f"| (U) lorries [@c{section}] | 12 |", ""]
            parts += ["- (U) first point", "    - (U) nested point [@s3]", ""]
            parts += ["```", "code with [@c99999]", "```", ""]
    return "\n".join(parts) + "\n"


def cpu(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        gc.collect()
        t0 = time.process_time()
        fn()
        out.append((time.process_time() - t0) * 1000)
    return out


def old_structural_pass():
    """The structural pass the model replaced, from git history (None if the history is not there)."""
    try:
        source = subprocess.run(
            ["git", "show", "1c0bbf5:app/checks/structure.py"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    source = source.replace(
        "from app.citations import GROUP_RE, KEY_RE", "from app.brief_model.text import GROUP_RE, KEY_RE"
    )
    path = Path(tempfile.mkdtemp()) / "old_structure.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("old_structure", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["old_structure"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module.Document


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--pages", type=int, default=500)
    args = ap.parse_args()
    body = make_body(args.pages)
    edited = body.replace("Theme 7", "Theme seven", 1)
    model = BriefModel(body)
    print(
        f"brief {len(body):,} characters, {len(body.split()):,} words (~{len(body.split()) // 500} pages), "
        f"{len(model.blocks):,} portions, {len(model.headings):,} headings, {len(model.citations):,} citations"
    )
    rows = [
        ("brief model, cold", cpu(lambda: BriefModel(body), args.runs)),
        ("brief model, after an edit", cpu(lambda: BriefModel(edited), args.runs)),
    ]

    def convert() -> None:
        md = pm.new_markdown()
        pm.serialize(md, pm.finish_tree(md, pm.parse_blocks(md, body)))

    rows.append(("Python-Markdown convert (peer)", cpu(convert, max(3, args.runs // 3))))
    old = old_structural_pass()
    if old is not None:
        rows.append(("old structural pass (replaced)", cpu(lambda: old(body), args.runs)))
    base = statistics.median(rows[0][1])
    for name, xs in rows:
        med = statistics.median(xs)
        print(
            f"{name:<32} median {med:8.1f} ms CPU  (min {min(xs):.1f}, max {max(xs):.1f}, {len(xs)} runs)  x{med / base:.2f}"
        )
    print(cpu_reference_line(cpu=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
