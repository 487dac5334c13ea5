"""The exported demo brief as a reader sees it: rendered by LibreOffice (pdftotext) and read back by pandoc."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from app.citations import parse_citations
from app.export import ExportOptions, export_brief

pytestmark = pytest.mark.render
TODAY = dt.date(2026, 11, 25)


def _need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is not installed (CI installs it)")
    return path


def libreoffice_major() -> int:
    out = subprocess.run([_need("soffice"), "--version"], capture_output=True, text=True, timeout=60).stdout
    words = [w for w in out.split() if w[:1].isdigit()]
    return int(words[0].split(".")[0]) if words else 0


def docx_to_pdf(docx_path: Path, workdir: Path) -> Path:
    soffice = _need("soffice")
    profile = workdir / "lo-profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(workdir),
            str(docx_path),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    pdf = workdir / (docx_path.stem + ".pdf")
    assert pdf.is_file(), "LibreOffice did not produce a PDF"
    return pdf


def pdf_pages(pdf: Path) -> list[str]:
    _need("pdftotext")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True, timeout=60
    ).stdout
    pages = text.split("\f")
    return [p for p in pages if p.strip()]


def pandoc_counts(docx_path: Path) -> Counter:
    pandoc = _need("pandoc")
    doc = json.loads(
        subprocess.run(
            [pandoc, "-f", "docx", "-t", "json", str(docx_path)],
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        ).stdout
    )
    counts: Counter = Counter()

    def walk(node) -> None:
        if isinstance(node, dict):
            if "t" in node:
                counts[node["t"]] += 1
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(doc["blocks"])
    return counts


def _export_and_render(tmp, notes: str):
    from app.demo import populate
    from app.library import Library

    lib = Library.open(tmp / "demo.briefdesk")
    if not lib.briefs.list().items:
        populate(lib)
    brief = lib.briefs.list().items[0]
    out = tmp / f"demo-{notes}.docx"
    result = export_brief(lib, brief.id, out, ExportOptions(today=TODAY, notes=notes))
    body = lib.briefs.get(brief.id).body
    lib.close()
    pdf = docx_to_pdf(out, tmp)
    return result, out, pdf_pages(pdf), body


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    return _export_and_render(tmp_path_factory.mktemp("render"), "endnotes")


def _assert_banners(pages: list[str], banner: str, total: int) -> None:
    for number, page in enumerate(pages, start=1):
        lines = [ln.strip() for ln in page.splitlines() if ln.strip()]
        assert lines[0] == banner, f"page {number} top: {lines[0]!r}"
        assert lines[-1] == banner, f"page {number} bottom: {lines[-1]!r}"
        assert f"Page {number} of {total}" in lines[-2], f"page {number}: {lines[-2]!r}"


def test_every_page_has_the_banner_at_top_and_bottom_and_page_x_of_y(rendered):
    result, _out, pages, _body = rendered
    assert len(pages) >= 4
    total = len(pages)
    if libreoffice_major() < 24:
        # LibreOffice before 24.8 lays DOCX endnotes out on separate pages in its own "Endnote" page style,
        # which has no header or footer (fixed upstream: tdf#160984). Word, and newer LibreOffice, put them
        # after the body in the section's own pages. Those trailing note pages are checked for note text only.
        bannered = [p for p in pages if p.strip().startswith(result.banner)]
        trailing = pages[len(bannered) :]
        assert pages[: len(bannered)] == bannered, "only the trailing endnote pages may lack the banner"
        assert trailing and all("[" in p and "]" in p for p in trailing)
        pages = bannered
    _assert_banners(pages, result.banner, total)


def test_with_footnotes_every_page_has_the_banner_in_any_libreoffice(tmp_path):
    result, _out, pages, _body = _export_and_render(tmp_path, "footnotes")
    _assert_banners(pages, result.banner, len(pages))
    assert "Jake Sullivan (National Security Adviser)" in " ".join(" ".join(pages).split())


def test_notes_annexes_and_title_block_are_on_the_pages(rendered):
    result, _out, pages, _body = rendered
    text = "\n".join(pages)
    flat = " ".join(text.split())
    assert "Annex A: Sources" in flat and "Annex B: Claims and denials" in flat
    # the demo brief has its own "Source summary statement" section: no annex repeats it
    assert "Source summary statement" in flat and "Annex C: Source summary statement" not in flat
    assert "Annex C: Analysis of competing hypotheses" in flat
    assert "Jake Sullivan (National Security Adviser)" in flat  # a note: actor and role
    assert "[B2]" in flat and "accessed" in flat  # a note: grade and access date
    assert "Denied by" in flat
    assert "Marking: TLP:AMBER" in flat


def test_pandoc_reads_back_notes_tables_lists_links_and_headings(rendered):
    result, out, _pages, body = rendered
    counts = pandoc_counts(out)
    keys = {c.key for c in parse_citations(body)}
    assert counts["Note"] == len(keys) == result.notes
    body_tables = body.count("\n|---")
    # minus the sources annex table and the analysis annexes' three (ranking, matrix, key assumptions)
    contested_tables = counts["Table"] - body_tables - 1 - 3
    assert contested_tables >= 1
    assert counts["OrderedList"] >= 1 and counts["BulletList"] >= 1
    headings = sum(1 for line in body.splitlines() if line.startswith("#"))
    # plus the four annex headings (sources, claims, ACH, key assumptions: the brief has its own source summary),
    # the ACH's "Matrix" and the claims annex's "Corroboration" (the demo cites corroborated claims)
    assert counts["Header"] == headings + 4 + 1 + 1
    assert counts["Link"] >= 1


def test_annex_a_dates_stay_on_one_line(rendered):
    """A date in the sources annex is never broken at a hyphen ("2022-07-" over "14")."""
    _result, _out, pages, _body = rendered
    text = "\n".join(pages)
    annex = text[text.index("Annex A: Sources") : text.index("Annex B: Claims and denials")]
    rows = [ln for ln in annex.splitlines() if ln.lstrip().startswith("s") and ln.split()[0][1:].isdigit()]
    assert len(rows) >= 10
    import re

    for row in rows:
        assert re.search(r"\b\d{4}-\d{2}-\d{2}\b", row), f"the date is broken in: {row!r}"
