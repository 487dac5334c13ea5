"""Every finding of every brief, and every claim's origins, as text: to compare two versions of the code.

    .venv/bin/python bench/dump_findings.py LIBRARY [LIBRARY ...] > out.txt   # in each tree, then diff

A library named ``demo`` is made afresh with the demo content. Each brief is checked as stored and with three
edited bodies (its second half, every other paragraph, its paragraphs reversed), so that findings depend on
more than one text; then the provenance graph of every claim in the library gives its origins, depth and
independent groups (what the checks' circular, T9 and corroboration rules read).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def bodies(body: str) -> list[str]:
    paras = body.split("\n\n")
    return [
        body,
        "\n\n".join(paras[len(paras) // 2 :]),
        "\n\n".join(paras[::2]),
        "\n\n".join(reversed(paras)),
    ]


def dump(path: str, out: list[str]) -> None:
    from app.checks import check_brief
    from app.library import Library

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "lib.briefdesk"
        if path == "demo":
            from app.demo import populate

            lib = Library.open(copy)
            populate(lib)
        else:
            shutil.copy(path, copy)
            lib = Library.open(copy)
        for brief in lib.briefs.list(limit=1000).items:
            body = lib.briefs.get(brief.id).body
            for n, text in enumerate(bodies(body)):
                report = check_brief(lib, brief.id, body=text)
                out.append(f"== {path} brief {brief.id} body {n}: {len(report.findings)} findings")
                out.extend(repr(f) for f in report.findings)
        ids = [c.id for c in lib.claims.list(limit=1_000_000).items]
        g = lib.provenance.graph(ids)
        for i in ids:
            if i in g.facts.claims:
                out.append(f"c{i} {sorted(g.origins(i))} {g.depth(i)} {sorted(g.tokens(i), key=repr)}")
        out.append(repr(sorted(sorted(x) for x in g.groups(ids))))
        lib.close()


def main() -> int:
    out: list[str] = []
    for path in sys.argv[1:]:
        dump(path, out)
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
