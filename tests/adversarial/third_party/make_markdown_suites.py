"""Rebuild markdown_suites.json.gz from local copies of other projects' Markdown test suites (reads files only;
fetches nothing). Get the copies with pip's ordinary client, e.g.::

    pip download --no-binary :all: --no-deps markdown==3.11.3 markdown-it-py==4.3.0
    tar xzf markdown-3.11.3.tar.gz; tar xzf markdown_it_py-4.3.0.tar.gz
    python tests/adversarial/third_party/make_markdown_suites.py markdown-3.11.3 markdown_it_py-4.3.0

Only the Markdown inputs are kept (not the projects' expected HTML: the tests compare Briefdesk's readers with
each other and with Python-Markdown as configured by app.brief_model.pm). See README.md for origins and licences.
"""

from __future__ import annotations

import gzip
import io
import json
import sys
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent


def commonmark(mdit: Path) -> list[list[str]]:
    """The CommonMark spec's examples, as markdown-it-py ships them (commonmark.json, one per example)."""
    data = json.loads((mdit / "tests/test_cmark_spec/commonmark.json").read_text("utf-8"))
    return [[f"commonmark/{d['example']} {d['section']}", d["markdown"]] for d in data]


def fixtures(mdit: Path) -> list[list[str]]:
    """markdown-it-py's fixture files ('title', '.', input, '.', expected, '.'), but the CommonMark copy."""
    out = []
    for path in sorted((mdit / "tests/test_port/fixtures").glob("*.md")):
        if path.name == "commonmark_spec.md":
            continue
        lines = path.read_text("utf-8").split("\n")
        i, n, title = 0, 0, ""
        while i < len(lines):
            if lines[i] == ".":
                j = lines.index(".", i + 1)
                k = lines.index(".", j + 1)
                n += 1
                out.append(
                    [f"markdown-it/{path.stem}/{n} {title}".strip(), "\n".join(lines[i + 1 : j]) + "\n"]
                )
                i, title = k + 1, ""
            else:
                title = lines[i].strip() or title
                i += 1
    return out


def python_markdown(pm: Path) -> list[list[str]]:
    """Python-Markdown's legacy .txt inputs (basic, misc, extensions) and every source its test_syntax modules
    render (caught by running those tests with assertMarkdownRenders recording its argument)."""
    out = [
        [f"python-markdown/{p.parent.name}/{p.stem}", p.read_text("utf-8")]
        for folder in ("basic", "misc", "extensions")
        for p in sorted((pm / "tests" / folder).glob("*.txt"))
    ]
    from markdown.test_tools import TestCase

    sources: list[list[str]] = []

    def record(self, source, expected, expected_attrs=None, **kwargs):  # noqa: ANN001
        sources.append([f"python-markdown/syntax/{self.id().split('test_syntax.', 1)[-1]}", source])

    TestCase.assertMarkdownRenders = record
    sys.path.insert(0, str(pm))
    suite = unittest.defaultTestLoader.discover(str(pm / "tests" / "test_syntax"), top_level_dir=str(pm))
    unittest.TextTestRunner(stream=io.StringIO(), verbosity=0).run(suite)
    seen = {}
    for name, source in sources:
        seen.setdefault(source, name)  # one copy of a source several tests render
    return out + [[name, source] for source, name in seen.items()]


def main() -> None:
    pm, mdit = Path(sys.argv[1]), Path(sys.argv[2])
    examples = commonmark(mdit) + python_markdown(pm) + fixtures(mdit)
    data = json.dumps(examples, ensure_ascii=False, indent=0).encode("utf-8")
    # gzip (fixed mtime: the same bytes every run): a few of Python-Markdown's inputs are 50-340 KB repetitions
    (HERE / "markdown_suites.json.gz").write_bytes(gzip.compress(data, 9, mtime=0))
    print(len(examples), "examples")


if __name__ == "__main__":
    main()
