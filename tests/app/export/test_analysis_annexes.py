"""The structured-analysis annexes of a .docx (competing hypotheses, key assumptions, who said what when),
read back by python-docx and pandoc and rendered by LibreOffice."""

from __future__ import annotations

import datetime as dt
import json
import subprocess

import docx
import pytest

from app.export import ExportOptions, export_brief
from tests.app.export.test_render_demo import _need, docx_to_pdf, pdf_pages

TODAY = dt.date(2026, 11, 25)


def _texts(path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def _table_after(document, heading_text: str, nth: int = 0):
    """The nth table that follows the paragraph whose text contains ``heading_text``."""
    body = document.element.body
    seen = False
    count = 0
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p" and heading_text in "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")):
            seen = True
        elif tag == "tbl" and seen:
            if count == nth:
                return docx.table.Table(child, document)
            count += 1
    raise AssertionError(f"no table after {heading_text!r}")


def _rows(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


@pytest.fixture
def exported(demo_lib, tmp_path):
    brief = demo_lib.briefs.list().items[0]
    out = tmp_path / "demo.docx"
    result = export_brief(demo_lib, brief.id, out, ExportOptions(today=TODAY))
    return demo_lib, brief, out, result


def test_the_demo_export_carries_the_ach_and_key_assumptions_annexes(exported):
    lib, brief, out, result = exported
    texts = _texts(out)
    headings = [t for t in texts if "Annex " in t]
    assert headings == [
        "(TLP:CLEAR) Annex A: Sources",
        "(TLP:CLEAR) Annex B: Claims and denials",
        "(TLP:CLEAR) Annex C: Analysis of competing hypotheses",
        "(TLP:CLEAR) Annex D: Key assumptions",
    ]  # the timeline is optional: only when asked for; the demo has its own source summary section
    assert result.annexes == ("sources", "claims", "ach", "assumptions")
    document = docx.Document(str(out))
    ranking = _rows(_table_after(document, "Annex C: Analysis of competing hypotheses"))
    assert ranking[0] == ["Rank", "Hypothesis", "Score", "I or II", "Unrated"]
    # by hand (see tests/app/analysis): H1 0.08, H3 3.67, H2 5.01
    assert [(r[0], r[1][:2], r[2]) for r in ranking[1:]] == [
        ("1", "H1", "0.08"),
        ("2", "H3", "3.67"),
        ("3", "H2", "5.01"),
    ]
    assert ranking[1][1].startswith("H1 Iran supplied Russia with Shahed-136 drones at scale")
    matrix = _rows(_table_after(document, "Annex C: Analysis", nth=1))
    assert matrix[0] == ["Claim", "Grade", "Weight", "H1", "H2", "H3", "Diagnostic"]
    m = lib.ach.matrix(brief.id)
    assert len(matrix) == 1 + len(m.rows)
    dates = next(r for r in matrix if "date codes" in r[0])
    assert dates[1:] == ["B2", "0.64", "CC", "II", "II", "yes"]
    assert any(r[-1] == "no" for r in matrix[1:])  # non-diagnostic claims shown as such
    assert any(t.startswith("(TLP:CLEAR) Sensitivity. If c") for t in texts)
    assert any("not diagnostic" in t for t in texts)
    assumptions = _rows(_table_after(document, "Annex D: Key assumptions"))
    assert assumptions[0] == ["#", "Assumption", "Rating", "Underpins", "Why"]
    assert [r[2] for r in assumptions[1:]] == ["caveated", "solid", "caveated", "unsupported"]
    assert assumptions[4][3] == "the whole brief" and assumptions[1][3] == "key judgment 1"


def test_the_rating_column_holds_unsupported_on_one_line(exported):
    """LibreOffice broke "unsupported" inside the word ("unsupp/ted") in a column 0.12 of the text wide. At the
    table's font (about 4.6 pt a character for this word) and Word's default cell margins (0.08 in each side) it
    needs ~1,250 twips."""
    from docx.oxml.ns import qn

    table = _table_after(docx.Document(str(exported[2])), "Annex D: Key assumptions")
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert len(grid) == 5 and grid[2] >= 1250


def test_the_timeline_annex_when_asked_for(demo_lib, tmp_path):
    brief = demo_lib.briefs.list().items[0]
    out = tmp_path / "t.docx"
    options = ExportOptions(today=TODAY, annexes=frozenset({"timeline"}))
    result = export_brief(demo_lib, brief.id, out, options)
    assert result.annexes == ("timeline",)
    document = docx.Document(str(out))
    assert "(TLP:CLEAR) Annex A: Who said what, when" in _texts(out)
    rows = _rows(_table_after(document, "Annex A: Who said what, when"))
    assert rows[0] == ["Date", "Claim", "Actor", "Grade", "Denials and corroborations"]
    dates = [r[0][:10] for r in rows[1:]]
    assert dates == sorted(dates) and len(rows) - 1 == len(demo_lib.timeline.build(brief_id=brief.id).entries)
    denial = next(r for r in rows if "would not aid either side" in r[1])
    assert "Denied by c" in denial[4] and "Position changed later" in denial[4]


def test_a_brief_without_an_analysis_leaves_those_annexes_out(lib, source, tmp_path):
    claim = lib.claims.create(
        source_id=source.id, quote="We have repaired the bridge", actor="Dana Reyes"
    ).after
    brief = lib.briefs.create(
        title="Bridge", body=f"## Assessment\n\nThe bridge holds [@c{claim.id}].\n"
    ).after
    out = tmp_path / "b.docx"
    export_brief(lib, brief.id, out, ExportOptions(today=TODAY, force=True))
    headings = [t for t in _texts(out) if "Annex " in t]
    assert headings == [
        "Annex A: Sources",
        "Annex B: Claims and denials",
        "Annex C: Source summary statement",
    ]
    # a hypothesis without rated claims still gets its annex, saying so
    lib.ach.add_hypothesis(brief.id, "The bridge is repaired")
    export_brief(lib, brief.id, out, ExportOptions(today=TODAY, force=True, annexes=frozenset({"ach"})))
    texts = _texts(out)
    assert "Annex A: Analysis of competing hypotheses" in texts
    assert "No claim has been rated against the hypotheses yet." in texts


def test_a_brief_with_assumptions_and_no_hypothesis_keeps_its_assumptions_annex(lib, source, tmp_path):
    """An export reads a brief's analysis only when one query says there is some: key assumptions without a
    hypothesis still get their annex, and the checks still read them."""
    from app.checks.analysis import load_analysis
    from app.errors import NotFoundError

    claim = lib.claims.create(
        source_id=source.id, quote="We have repaired the bridge", actor="Dana Reyes"
    ).after
    brief = lib.briefs.create(
        title="Bridge", body=f"## Assessment\n\nThe bridge holds [@c{claim.id}].\n"
    ).after
    assert lib.assumptions.analysis_present(brief.id) == (False, False)
    lib.assumptions.add(brief.id, "The ferry keeps running meanwhile", rating="caveated", why="One operator")
    assert lib.assumptions.analysis_present(brief.id) == (False, True)
    facts = load_analysis(lib, brief.id)
    assert facts.hypotheses == () and len(facts.assumptions) == 1
    out = tmp_path / "b.docx"
    export_brief(lib, brief.id, out, ExportOptions(today=TODAY, force=True))
    assert [t for t in _texts(out) if "Annex " in t][-1].endswith("Key assumptions")
    assert (
        "The ferry keeps running meanwhile"
        in _rows(_table_after(docx.Document(str(out)), "Key assumptions"))[1]
    )
    lib.ach.add_hypothesis(brief.id, "The bridge is repaired")
    assert lib.assumptions.analysis_present(brief.id) == (True, True)
    with pytest.raises(NotFoundError):
        lib.assumptions.analysis_present(987654)


def test_a_wide_matrix_is_split_into_tables_of_six_hypotheses(lib, source, tmp_path):
    claim = lib.claims.create(
        source_id=source.id, quote="We have repaired the bridge", actor="Dana Reyes"
    ).after
    brief = lib.briefs.create(title="Bridge", body=f"The bridge holds [@c{claim.id}].\n").after
    hyps = [lib.ach.add_hypothesis(brief.id, f"Hypothesis number {i}").after for i in range(1, 9)]
    for i, h in enumerate(hyps):
        lib.ach.rate(h.id, claim.id, ["C", "I"][i % 2])
    out = tmp_path / "w.docx"
    export_brief(lib, brief.id, out, ExportOptions(today=TODAY, force=True, annexes=frozenset({"ach"})))
    document = docx.Document(str(out))
    texts = _texts(out)
    assert "Hypotheses H1 to H6" in texts and "Hypotheses H7 to H8" in texts
    first = _rows(_table_after(document, "Hypotheses H1 to H6"))
    second = _rows(_table_after(document, "Hypotheses H7 to H8"))
    assert first[0][3:9] == ["H1", "H2", "H3", "H4", "H5", "H6"] and second[0][3:5] == ["H7", "H8"]
    assert first[1][3:9] == ["C", "I", "C", "I", "C", "I"]


def test_the_command_line_adds_and_leaves_out_analysis_annexes(demo_lib, tmp_path, capsys):
    from app.cli import main

    path = demo_lib.path
    demo_lib.close()
    out = tmp_path / "cli.docx"
    code = main(
        [
            "--library",
            str(path),
            "export",
            "1",
            "-o",
            str(out),
            "--annex",
            "timeline",
            "--no-annex",
            "ach",
            "--today",
            "2026-11-25",
            "--json",
        ]
    )
    assert code == 0
    assert json.loads(capsys.readouterr().out)["annexes"] == [  # the annexes the document holds
        "sources",
        "claims",
        "assumptions",
        "timeline",
    ]


@pytest.mark.render
def test_the_analysis_annexes_as_a_reader_sees_them(demo_lib, tmp_path):
    brief = demo_lib.briefs.list().items[0]
    out = tmp_path / "render.docx"
    # footnotes: LibreOffice before 24.8 lays endnotes out on pages without headers (see test_render_demo)
    options = ExportOptions(
        today=TODAY, notes="footnotes", annexes=frozenset({"ach", "assumptions", "timeline"})
    )
    result = export_brief(demo_lib, brief.id, out, options)
    # pandoc reads the annexes back as headings and tables
    pandoc = _need("pandoc")
    doc = json.loads(
        subprocess.run(
            [pandoc, "-f", "docx", "-t", "json", str(out)],
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        ).stdout
    )

    def plain(node) -> str:
        if isinstance(node, dict):
            if node.get("t") == "Str":
                return node["c"]
            if node.get("t") in ("Space", "SoftBreak", "LineBreak"):
                return " "
            return plain(node.get("c", []))
        if isinstance(node, list):
            return "".join(plain(n) for n in node)
        return ""

    headers = [plain(b["c"][2]) for b in doc["blocks"] if b["t"] == "Header"]
    assert "(TLP:CLEAR) Annex A: Analysis of competing hypotheses" in headers
    assert "(TLP:CLEAR) Annex B: Key assumptions" in headers
    assert "(TLP:CLEAR) Annex C: Who said what, when" in headers
    assert "(TLP:CLEAR) Matrix" in headers
    tables = [b for b in doc["blocks"] if b["t"] == "Table"]
    body_tables = demo_lib.briefs.get(brief.id).body.count("\n|---")
    assert len(tables) == body_tables + 4  # ranking, matrix, key assumptions, timeline
    annex_text = plain(tables[body_tables + 1])
    assert "Engine and guidance-board date codes" in annex_text and "CC" in annex_text
    # LibreOffice lays them out with the banner on every page
    pages = pdf_pages(docx_to_pdf(out, tmp_path))
    flat = " ".join(" ".join(pages).split())
    assert "Annex A: Analysis of competing hypotheses" in flat
    assert "Sensitivity. If c" in flat and "Key assumptions" in flat
    assert "Position changed later" in flat
    for page in pages:
        lines = [ln.strip() for ln in page.splitlines() if ln.strip()]
        assert lines[0] == result.banner and lines[-1] == result.banner
