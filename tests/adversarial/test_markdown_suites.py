"""Other projects' Markdown test suites as briefs: the CommonMark spec's examples, Python-Markdown's test inputs
and markdown-it-py's fixtures (data in third_party/, origins and licences in third_party/README.md), checked by
tests/adversarial/markdown_suites.py: every reader and renderer takes them, nothing active comes out of the
preview or any export, and the model agrees with Python-Markdown and the renderers on headings and citations.

The suite runs a fixed sample (every SAMPLE_STEP-th variant, and every example of markdown-it-py's XSS
fixtures); bench/bench_markdown_suites.py runs all of them through the export service too, timed.
BRIEFDESK_MARKDOWN_SUITES=all runs every variant here.
"""

from __future__ import annotations

import os
import shutil

import pytest

from tests.adversarial import markdown_suites as ms

SAMPLE_STEP = 9
_ALL = ms.variants()
SAMPLE = [
    v
    for i, v in enumerate(_ALL)
    if os.environ.get("BRIEFDESK_MARKDOWN_SUITES") == "all" or i % SAMPLE_STEP == 0 or "/xss/" in v[0]
]
HAS_PANDOC = shutil.which("pandoc") is not None


def test_the_suites_are_all_there():
    names = [name for name, _ in ms.examples()]
    assert len(names) == 1773
    assert sum(n.startswith("commonmark/") for n in names) == 652
    assert sum(n.startswith("python-markdown/") for n in names) == 813
    assert sum(n.startswith("markdown-it/") for n in names) == 308


@pytest.mark.parametrize("name, body", [pytest.param(n, b, id=n[:80]) for n, b in SAMPLE])
def test_every_reader_takes_other_projects_markdown_with_nothing_active(name, body):
    outcome = ms.problems(name, body, pandoc=HAS_PANDOC)
    assert outcome.problems == [], body[:500]


def test_the_checker_lets_the_exports_charset_declaration_pass_and_nothing_else_of_meta():
    # the HTML export's head declares its encoding: inert, not active content
    page = '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>T</title></head><body><p>x</p></body></html>'
    assert ms.html_problems(page) == []
    # a meta that refreshes, redirects or carries anything beside a charset still counts
    for meta in (
        '<meta http-equiv="refresh" content="0; url=https://example.com/">',
        '<meta charset="utf-8" http-equiv="refresh" content="0">',
        '<meta charset="utf-8; url=javascript:alert(1)">',
        '<meta name="x" content="y">',
    ):
        found = ms.html_problems(f"<html><head>{meta}</head><body><p>x</p></body></html>")
        assert "<meta> element" in found, meta
