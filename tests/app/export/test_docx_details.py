"""Details of the exported brief a reader notices: the source summary once (the brief's own section or Annex C,
never both), a note number attached to the word before it, the summary's dates read right."""

from __future__ import annotations

import datetime as dt

import docx
import pytest

from app.domain import SourceKind, SourceRecord
from app.export import ExportOptions, export_brief, render_html
from app.export.docx.annexes import draft_summary_statement

TODAY = dt.date(2026, 11, 25)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def cited(lib, source):
    return lib.claims.create(
        source_id=source.id, quote="We have repaired the bridge", actor="Dana Reyes"
    ).after


def _export(lib, tmp_path, body: str, notes: str = "endnotes") -> docx.document.Document:
    brief = lib.briefs.create(title="Bridge", body=body).after
    out = tmp_path / f"b{brief.id}.docx"
    export_brief(lib, brief.id, out, ExportOptions(today=TODAY, notes=notes, force=True))
    return docx.Document(str(out))


def _headings(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name.lower().startswith("heading")]


def test_a_brief_with_its_own_source_summary_gets_no_annex_c(lib, cited, tmp_path):
    own = _export(
        lib,
        tmp_path,
        f"## Assessment\n\nThe bridge holds [@c{cited.id}].\n\n## Source summary\n\nOne wire report, graded B.\n",
    )
    titles = _headings(own)
    assert "Source summary" in titles
    assert not any("Source summary statement" in t for t in titles if t.startswith("Annex"))
    without = _export(lib, tmp_path, f"## Assessment\n\nThe bridge holds [@c{cited.id}].\n")
    assert any(t.endswith("Annex C: Source summary statement") for t in _headings(without))


@pytest.mark.parametrize("notes", ["endnotes", "footnotes"])
def test_no_space_is_kept_before_a_note_reference(lib, cited, tmp_path, notes):
    document = _export(
        lib,
        tmp_path,
        f"## Assessment\n\nThe bridge holds  [@c{cited.id}]. Trucks cross\t[@c{cited.id}].\n",
        notes,
    )
    para = next(p for p in document.paragraphs if "The bridge holds" in p.text)
    runs = list(para._p.iter(f"{W}r"))
    refs = [
        i
        for i, r in enumerate(runs)
        if r.find(f"{W}{notes[:-1]}Reference") is not None or r.getparent().tag == f"{W}fldSimple"
    ]
    assert len(refs) == 2
    for i in refs:
        before = "".join(t.text or "" for t in runs[i - 1].iter(f"{W}t"))
        assert before and not before[-1].isspace(), f"space before note: {before!r}"


def test_preview_attaches_note_numbers_too_but_not_missing_markers(lib, cited):
    brief = lib.briefs.create(title="B", body=f"The bridge holds [@c{cited.id}]. Gone [@c999].").after
    html = render_html(brief, {f"c{cited.id}": lib.claims.get(cited.id)}, allow_missing=True).html
    assert "holds<sup>" in html
    assert 'Gone <sup><span class="missing">' in html


def test_two_citations_side_by_side_keep_the_space_between_their_numbers(lib, cited, source, tmp_path):
    """ "[@c1] [@c2]" is two notes, 1 and 2: attached to the word before, but never run together as "12"."""
    other = lib.claims.create(source_id=source.id, quote="the guards are back", actor="Dana Reyes").after
    body = f"## A\n\nThe bridge holds [@c{cited.id}] [@c{other.id}].\n"
    document = _export(lib, tmp_path, body, "footnotes")
    para = next(p for p in document.paragraphs if "The bridge holds" in p.text)
    runs = list(para._p.iter(f"{W}r"))
    refs = [i for i, r in enumerate(runs) if r.find(f"{W}footnoteReference") is not None]
    assert len(refs) == 2
    between = "".join("".join(t.text or "" for t in r.iter(f"{W}t")) for r in runs[refs[0] + 1 : refs[1]])
    assert between == " "
    before = "".join(t.text or "" for t in runs[refs[0] - 1].iter(f"{W}t"))
    assert before.endswith("holds")
    brief = lib.briefs.create(title="B", body=body).after
    resolver = {f"c{c.id}": lib.claims.get(c.id) for c in (cited, other)}
    html = render_html(brief, resolver).html
    assert "holds<sup>" in html and "</sup> <sup>" in html
    # across a change of format too: "**holds [@c1]** [@c2]"
    bold = lib.briefs.create(title="B2", body=f"The bridge **holds [@c{cited.id}]** [@c{other.id}].").after
    html = render_html(bold, resolver).html
    assert "holds<sup>" in html and "</strong> <sup>" in html


def _src(i: int, published: dt.date | None) -> SourceRecord:
    return SourceRecord(
        id=i,
        title=f"S{i}",
        kind=SourceKind.NEWS_ARTICLE,
        outlet="",
        authors="",
        url="",
        published=published,
        accessed=None,
        language="",
        body="",
        reliability="B",
        descriptor="",
        notes="",
        sha256="",
        created=dt.datetime(2026, 1, 1),
        updated=dt.datetime(2026, 1, 1),
    )


def test_summary_statement_dates_read_right_for_one_date_or_a_range():
    one = draft_summary_statement([], [_src(1, dt.date(2022, 7, 14)), _src(2, dt.date(2022, 7, 14))], 0)
    assert "2 sources published on 2022-07-14:" in one and "between" not in one
    many = draft_summary_statement([], [_src(1, dt.date(2022, 7, 14)), _src(2, dt.date(2022, 9, 1))], 0)
    assert "published between 2022-07-14 and 2022-09-01" in many
    undated = draft_summary_statement([], [_src(1, None)], 0)
    assert "published" not in undated


def test_the_preview_shows_the_portion_marks_the_docx_adds(lib, cited, tmp_path):
    body = (
        f"## Assessment\n\nThe bridge holds [@c{cited.id}].\n\n(TLP:AMBER) Marked already.\n\n"
        "- one\n- (TLP:GREEN) two\n\n> Quoted words.\n\n```\ncode stays as it is\n```\n\n| A |\n|---|\n| cell |\n"
    )
    brief = lib.briefs.create(
        title="Marks", body=body, marking_scheme="tlp", default_marking="TLP:CLEAR"
    ).after
    html = render_html(brief, {f"c{cited.id}": lib.claims.get(cited.id)}).html
    import re

    text = html.split('<ol class="notes">')[0]  # the brief, not its notes

    def texts(tag: str) -> list[str]:
        return [
            re.sub(r"<[^>]+>", "", t).strip() for t in re.findall(rf"<{tag}[^>]*>(.*?)</{tag}>", text, re.S)
        ]

    assert texts("h2") == ["(TLP:CLEAR) Assessment"]
    paragraphs = texts("p")
    assert paragraphs[0].startswith("(TLP:CLEAR) The bridge holds")
    assert "(TLP:AMBER) Marked already." in paragraphs and "(TLP:CLEAR) (TLP:AMBER)" not in html
    assert texts("li") == ["(TLP:CLEAR) one", "(TLP:GREEN) two"]
    assert "(TLP:CLEAR) Quoted words." in paragraphs
    assert "code stays as it is" in html and "(TLP:CLEAR) code" not in html
    assert texts("th") == ["(TLP:CLEAR) A"] and texts("td") == ["(TLP:CLEAR) cell"]  # a cell is a portion too
    plain = lib.briefs.create(title="No scheme", body=body).after  # no marking scheme: no marks added
    assert "(TLP:CLEAR)" not in render_html(plain, {f"c{cited.id}": lib.claims.get(cited.id)}).html


def test_preview_and_docx_agree_on_marks(lib, cited, tmp_path):
    body = (
        f"## Assessment\n\nThe bridge holds [@c{cited.id}].\n\n- one\n- (TLP:GREEN) two\n\n> Quoted words.\n"
    )
    brief = lib.briefs.create(title="M", body=body, marking_scheme="tlp", default_marking="TLP:GREEN").after
    out = tmp_path / "m.docx"
    export_brief(lib, brief.id, out, ExportOptions(today=TODAY, force=True))
    import re

    docx_marks = [
        m.group(0)
        for p in docx.Document(str(out)).paragraphs
        if (m := re.match(r"\(TLP:[A-Z+]+\)", p.text)) and not p.text.startswith("(TLP:GREEN) Annex")
    ]
    html = render_html(brief, {f"c{cited.id}": lib.claims.get(cited.id)}).html
    html_marks = re.findall(r"\(TLP:[A-Z+]+\)", re.sub(r"<[^>]+>", "", html.split('<ol class="notes">')[0]))
    assert html_marks and docx_marks[: len(html_marks)] == html_marks


def test_unmarked_table_cells_take_the_default_mark_and_count_in_the_banner(lib, tmp_path):
    """A brief that is only a table: its unmarked cells carry the default CONFIDENTIAL, so the banner says
    CONFIDENTIAL, as the checks do; a cell marked (U) keeps its own mark; an empty cell gets none."""
    body = "| Date | Said |\n|---|---|\n| 3 May | (U) Denied |\n| 4 May |  |\n"
    brief = lib.briefs.create(
        title="Table", body=body, marking_scheme="classification", default_marking="C"
    ).after
    out = tmp_path / "table.docx"
    result = export_brief(lib, brief.id, out, ExportOptions(force=True))
    assert result.banner == "CONFIDENTIAL"
    cells = [c.text for t in docx.Document(str(out)).tables for row in t.rows for c in row.cells]
    assert cells[:6] == ["(C) Date", "(C) Said", "(C) 3 May", "(U) Denied", "(C) 4 May", ""]


def test_a_body_that_is_not_well_formed_xml_is_refused_before_anything_is_written():
    """The last guard before the package is written: the body's WordprocessingML must parse (an unclosed or
    crossed element, an attribute given twice, an unknown entity), else the export stops with a plain error."""
    from app.errors import ExportError
    from app.export.docx import _check_well_formed

    _check_well_formed('<w:p><w:r><w:t xml:space="preserve">a &amp; b</w:t></w:r></w:p>')  # accepted
    for bad in ("<w:p>", "<w:p></w:r>", '<w:p w:a="1" w:a="2"/>', "<w:p>&nbsp;</w:p>", "<w:p>a < b</w:p>"):
        with pytest.raises(ExportError, match="could not be built"):
            _check_well_formed(bad)
