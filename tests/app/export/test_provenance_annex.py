"""The .docx claims-and-denials annex marks corroboration that is not independent, and the drafted source
summary counts independent origins: read back with python-docx and pandoc."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess

import docx
import pytest

from app.export import ExportOptions, export_brief

TODAY = dt.date(2026, 11, 25)
WIRE = "KESSEL (Northwire) - The last units left Varn at dawn, said ministry spokesman Ilse Marr on Tuesday."
DAILY = "Troops have left Varn. The last units left Varn at dawn, said ministry spokesman Ilse Marr."
FARMER = "A farmer in Varn, Tomas Kell, said he watched the last tanks drive out of Varn at dawn."


@pytest.fixture
def brief_id(lib):
    def src(title, body, outlet):
        return lib.sources.create(
            title=title,
            body=body,
            outlet=outlet,
            kind="news article",
            reliability="B",
            published="2026-11-01",
        ).id

    wire, daily, farm = (
        src("Troops leave Varn", WIRE, "Northwire"),
        src("Varn", DAILY, "Kessel Daily"),
        src("Witness", FARMER, "Varn Gazette"),
    )
    c_wire = lib.claims.create(
        source_id=wire, quote="The last units left Varn at dawn", actor="Ilse Marr", credibility=2
    ).id
    c_daily = lib.claims.create(
        source_id=daily, quote="The last units left Varn at dawn", actor="Ilse Marr", credibility=2
    ).id
    c_farm = lib.claims.create(
        source_id=farm, quote="he watched the last tanks drive out of Varn at dawn", actor="Tomas Kell"
    ).id
    lib.provenance.derive(daily, wire, "rewrites")
    lib.links.create(from_claim_id=c_daily, kind="corroborates", to_claim_id=c_wire)
    lib.links.create(from_claim_id=c_farm, kind="corroborates", to_claim_id=c_wire)
    body = (
        "# Varn\n\n## Discussion\n\n"
        f"The army has left Varn [@c{c_wire}]. A farmer saw the last tanks go [@c{c_farm}].\n"
    )
    ids = {"wire": wire, "c_wire": c_wire, "c_daily": c_daily, "c_farm": c_farm}
    lib._test_ids = ids
    return lib.briefs.create(title="Varn", body=body).id


def _cell_text(cell) -> str:
    return "\n".join(p.text for p in cell.paragraphs)


def test_annex_marks_a_rewrite_as_not_independent_and_a_witness_as_independent(lib, brief_id, tmp_path):
    ids = lib._test_ids
    out = tmp_path / "varn.docx"
    export_brief(lib, brief_id, out, ExportOptions(today=TODAY, force=True))
    document = docx.Document(str(out))
    texts = [p.text for p in document.paragraphs]
    assert "Corroboration" in texts
    tables = [t for t in document.tables if [c.text for c in t.rows[0].cells] == ["Claim", "Corroborated by"]]
    (table,) = tables
    left, right = (_cell_text(c) for c in table.rows[1].cells)
    assert left.startswith(f"c{ids['c_wire']} Ilse Marr")
    parts = right.split(f"c{ids['c_farm']} ")
    daily_part, farm_part = parts[0], parts[1]
    assert daily_part.startswith(f"c{ids['c_daily']} Ilse Marr")
    assert (
        f"Not independent: both come down to c{ids['c_wire']} (Ilse Marr, Northwire) "
        f"(c{ids['c_daily']} (Ilse Marr, Kessel Daily), rewritten from c{ids['c_wire']} (Ilse Marr, Northwire))"
    ) in daily_part
    assert "Independent origin" in farm_part and "Not independent" not in farm_part
    bold = [r.text for p in table.rows[1].cells[1].paragraphs for r in p.runs if r.bold]
    assert "Not independent: " in bold
    # the drafted source summary counts origins, not citations
    summary = "\n".join(texts[texts.index(next(t for t in texts if "Annex C" in t)) :])
    assert (
        "Counted by where they came from, the 2 cited claims from 2 outlets trace to 2 independent origins."
        in summary
    )
    assert "1 rests on a single source (nothing independent corroborates them)" in summary
    if shutil.which("pandoc"):
        plain = subprocess.run(
            ["pandoc", "-f", "docx", "-t", "plain", "--wrap=none", str(out)],
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        ).stdout
        assert "Not independent: both come down to" in plain and "Independent origin" in plain


def test_without_provenance_a_repeat_by_the_same_speaker_is_still_not_independent(lib, brief_id, tmp_path):
    ids = lib._test_ids
    lib.provenance.underive(lib.claims.get(ids["c_daily"]).source_id, ids["wire"])
    out = tmp_path / "varn.docx"
    export_brief(lib, brief_id, out, ExportOptions(today=TODAY, force=True, annexes=frozenset({"claims"})))
    document = docx.Document(str(out))
    (table,) = [
        t for t in document.tables if [c.text for c in t.rows[0].cells] == ["Claim", "Corroborated by"]
    ]
    right = _cell_text(table.rows[1].cells[1])
    assert "Not independent: both come down to Ilse Marr\n" in right, right  # one speaker


def test_the_demo_brief_shows_the_rewritten_wire_story_as_one_origin(demo_lib, tmp_path):
    """The demo library's Meridian Wire story of the US briefing, rewritten by Gulf Ledger and reposted by
    Steppe Daily: every repeat traces back to the briefing, and the exported brief says so."""
    lib = demo_lib
    claims = {c.id: c for c in lib.claims.list(limit=500).items}

    def by_outlet(outlet: str, speaker: str) -> int:
        return next(i for i, c in claims.items() if c.source_outlet == outlet and c.actor_name == speaker)

    wire, repost = by_outlet("Meridian Wire", "Jake Sullivan"), by_outlet("Steppe Daily", "Jake Sullivan")
    report = lib.provenance.report(wire)  # Meridian Wire's sentence is reported from the briefing's claim
    assert report is not None and report.reported_from_id is not None
    briefing = report.reported_from_id
    assert "Briefing Room" in claims[briefing].source_outlet
    origins = lib.provenance.origins(repost)
    assert origins.depth == 2  # the briefing -> Meridian Wire -> Steppe Daily
    assert origins.origins == (f"c{briefing}",)
    assert lib.provenance.origins(wire).depth == 1

    brief = lib.briefs.list().items[0]
    out = tmp_path / "demo.docx"
    export_brief(lib, brief.id, out, ExportOptions(today=TODAY))
    document = docx.Document(str(out))
    texts = [p.text for p in document.paragraphs]
    assert any("traces back to the briefing itself" in t for t in texts)  # the brief's own paragraph
    # the claims annex: the repost's corroboration is marked, with the chain through the wire story
    lines = [
        ln for t in document.tables for row in t.rows for c in row.cells for ln in _cell_text(c).split("\n")
    ]
    marks = [ln for ln in lines if ln.startswith("Not independent: both come down to ")]
    assert any(
        f"c{repost} (Jake Sullivan, Steppe Daily), reposted from c{wire} (Jake Sullivan, Meridian Wire), "
        f"reported from c{briefing}" in t
        for t in marks
    ), marks
    assert "Independent origin" in lines
    # the drafted source summary (Annex C: drafted only for a brief without a summary section of its own, so a
    # copy of the demo brief without it) counts origins, and there are fewer origins than cited claims
    whole = lib.briefs.get(brief.id)
    own = whole.body.index("Source summary statement")
    body = whole.body[: whole.body.rindex("\n##", 0, own) + 1]
    copy = lib.briefs.create(
        title="Demo without its summary",
        body=body,
        marking_scheme=whole.marking_scheme,
        default_marking=whole.default_marking,
    ).after
    out = tmp_path / "demo-annex-c.docx"
    export_brief(lib, copy.id, out, ExportOptions(today=TODAY, force=True))
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert any("Annex C: Source summary statement" in t for t in texts)
    summary = next(t for t in texts if "Counted by where they came from, the " in t)
    summary = summary[summary.index("Counted by") :]  # after any portion mark
    n_claims, n_outlets, n_origins = (int(x) for x in re.findall(r"\d+", summary)[:3])
    assert "trace to" in summary and n_origins < n_claims and n_outlets <= n_claims
