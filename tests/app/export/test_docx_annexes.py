"""The .docx annexes' extension point: an annex added the documented way reaches the document read back."""

from __future__ import annotations

import datetime as dt

import docx
import pytest

from app.domain import EXPORT_ANNEX_INFO, EXPORT_ANNEXES, AnnexInfo
from app.export import ExportOptions, export_brief
from app.export.docx import annexes as annexes_module
from app.export.docx.annexes import ANNEXES, Annex, AnnexInputs, AnnexWriter, Para, Run

TODAY = dt.date(2026, 11, 25)


def test_every_declared_annex_is_registered_in_the_same_order():
    assert tuple(a.key for a in ANNEXES) == EXPORT_ANNEXES
    assert all(a.label for a in ANNEXES)


def _quotes_collect(inputs: AnnexInputs):
    quotes = [c for c in inputs.cited_claims if c.quote]
    return quotes or None  # nothing to show: the annex is left out


def _quotes_write(w: AnnexWriter, quotes) -> None:
    w.heading("Quoted verbatim", 2)
    w.paragraph("Every quotation the brief cites, ", Run("as said", italic=True), ".", mark=w.default_mark)
    w.table(
        ("Ref", "Quote", "Where"),
        [(f"c{c.id}", Para([Run(c.quote, bold=True)]), Run(c.source_url, url=c.source_url)) for c in quotes],
        widths=(0.1, 0.6, 0.3),
        align=("center", "", ""),
    )


@pytest.fixture
def quotes_annex(monkeypatch):
    """A fourth annex, added as the module's docstring says: declared in app.domain, appended to ANNEXES."""
    info = (*EXPORT_ANNEX_INFO, AnnexInfo("quotes", "Quotations"))
    monkeypatch.setattr("app.domain.EXPORT_ANNEX_INFO", info)
    monkeypatch.setattr("app.export.docx.annex_api.EXPORT_ANNEX_INFO", info)  # Annex.label reads it
    monkeypatch.setattr("app.export.service.ANNEXES", tuple(a.key for a in info))
    monkeypatch.setattr(
        annexes_module, "ANNEXES", (*ANNEXES, Annex("quotes", _quotes_collect, _quotes_write))
    )


def test_an_added_annex_is_lettered_after_the_others_with_its_heading_table_and_link(
    lib, source, quotes_annex, tmp_path
):
    claim = lib.claims.create(
        source_id=source.id, quote="We have repaired the bridge", actor="Dana Reyes"
    ).after
    brief = lib.briefs.create(
        title="Bridge",
        body=f"## Assessment\n\n(U) The bridge holds [@c{claim.id}].\n",
        marking_scheme="classification",
    ).after
    out = tmp_path / "b.docx"
    options = ExportOptions(today=TODAY, force=True, annexes=frozenset({"sources", "quotes"}))
    result = export_brief(lib, brief.id, out, options)
    document = docx.Document(str(out))
    texts = [p.text for p in document.paragraphs]
    headings = [t for t in texts if "Annex " in t]
    assert headings == ["(U) Annex A: Sources", "(U) Annex B: Quotations"]
    assert "Quoted verbatim" in texts
    assert "(U) Every quotation the brief cites, as said." in texts
    table = document.tables[-1]
    assert [c.text for c in table.rows[0].cells] == ["Ref", "Quote", "Where"]
    assert table.rows[1].cells[1].text == "We have repaired the bridge"
    assert table.rows[1].cells[0].paragraphs[0].alignment == 1  # CENTER
    assert "https://example.org/kessel" in {
        r.target_ref for r in document.part.rels.values() if r.is_external
    }
    assert result.annexes == ("sources", "quotes")


def test_an_annex_with_nothing_to_show_is_left_out_and_the_letters_close_up(
    lib, source, quotes_annex, tmp_path
):
    brief = lib.briefs.create(title="No claims", body=f"Only a source [@s{source.id}].\n").after
    out = tmp_path / "b.docx"
    export_brief(lib, brief.id, out, ExportOptions(today=TODAY, force=True))
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert [t for t in texts if "Annex " in t] == [
        "Annex A: Sources",
        "Annex B: Claims and denials",
        "Annex C: Source summary statement",
    ]


def test_annex_text_is_escaped_and_only_web_links_become_links(lib, source, tmp_path, monkeypatch):
    def write(w: AnnexWriter, _data) -> None:
        w.paragraph(Run("<b>&amp; not markup</b>\x07"), Run("click", url="javascript:alert(1)"))

    extra = Annex(ANNEXES[0].key, collect=lambda inputs: "x", write=write)  # as annexes.py says to add one
    monkeypatch.setattr(annexes_module, "ANNEXES", (extra,))
    brief = lib.briefs.create(title="Esc", body="Text.\n").after
    out = tmp_path / "e.docx"
    export_brief(lib, brief.id, out, ExportOptions(today=TODAY, force=True))
    document = docx.Document(str(out))
    assert "<b>&amp; not markup</b>click" in [p.text for p in document.paragraphs]
    assert not any(r.target_ref.startswith("javascript:") for r in document.part.rels.values())
