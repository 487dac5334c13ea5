"""A hash of everything the brief model gives, over 506 bodies: run before and after a change to the model.

    .venv/bin/python bench/dump_brief_model.py            # prints the number of bodies and one hash
    .venv/bin/python bench/dump_brief_model.py --each     # one hash a body, to find which body differs

The bodies: both bench briefs (bench_brief_model's 500-page brief and a 20-page one), the Markdown edge-case
corpus, 300 generated bodies (tests/adversarial/markdown_corpus.py), seven hostile bodies (brackets, citations,
nested lists and quotes, directional characters, active content) and 48 of them again with CRLF line ends and
tabs. For each body the dump holds ``parse_text``, ``scrubbed``, the citation groups, the code ranges, every
heading, every block's slots (a block's citations by key), every citation's fields and the key judgments.
To dump a tree from before the change (``git archive`` it somewhere), pass ``--root /that/tree``: ``app``, the
bench brief and the test corpora are then imported from there.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def dump(body: str) -> list[Any]:
    from app.brief_model.model import BriefModel

    m = BriefModel(body)
    return [
        repr(m.parse_text),
        repr(m.scrubbed),
        m.citation_groups,
        m.code_ranges,
        [repr(h) for h in m.headings],
        [
            [repr(getattr(x, k)) if k != "citations" else [c.key for c in x.citations] for k in x.__slots__]
            for x in m.blocks + m.code_blocks
        ],
        [
            (
                c.key,
                c.kind,
                c.ident,
                c.line,
                c.column,
                c.start,
                c.end,
                c.group_start,
                c.group_end,
                c.section,
                c.heading,
                c.group,
                c.block.start if c.block is not None else None,
            )
            for c in m.citations
        ],
        [(x.start, x.end, x.mark_text) for x in m.key_judgments],
    ]


def bodies() -> list[str]:
    import bench_brief_model as bench
    import hostile_briefs as hostile
    import markdown_corpus as corpus

    out = [bench.make_body(500), bench.make_body(20, seed=3)]
    out += [text for _, text in corpus.EDGE_CASES]
    out += corpus.generated(300)
    out += [
        hostile.brackets(2000),
        hostile.brackets_before_text(),
        hostile.many_citations(20000),
        hostile.nested_lists(100),
        hostile.nested_quotes(100),
        hostile.bidi_text(),
        hostile.active_content(),
    ]
    out += [x.replace("\n", "\r\n").replace("    ", "\t") for x in out[2:50]]
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--each", action="store_true", help="print one hash a body")
    ap.add_argument("--root", type=Path, default=ROOT, help="the tree to import app and the corpora from")
    args = ap.parse_args()
    root = args.root.resolve()
    for sub in ("tests/adversarial", "bench", ""):
        sys.path.insert(0, str(root / sub))
    total = hashlib.sha256()
    items = bodies()
    for i, body in enumerate(items):
        data = json.dumps(dump(body), default=repr).encode()
        total.update(data)
        if args.each:
            print(i, hashlib.sha256(data).hexdigest()[:16])
    print(len(items), total.hexdigest())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
