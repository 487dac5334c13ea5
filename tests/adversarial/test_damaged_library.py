"""A library whose rows hold values the schema allows but Briefdesk does not (another program, a bad copy, a
hand edit): every read path names the record in plain words and shows the rest; export refuses what it
cannot render faithfully; ``briefdesk doctor`` lists it all and ``--repair`` fixes what is safe, after a backup."""

from __future__ import annotations

import json
import sqlite3

import pytest

from app.cli import main
from app.library import Library

DAMAGE = [
    "UPDATE sources SET kind = 'x' WHERE id = 2",
    "UPDATE sources SET published = '2024-99-99' WHERE id = 3",
    "UPDATE sources SET title = X'00FF10' WHERE id = 4",  # binary, not even UTF-8
    "UPDATE claims SET status = 'maybe' WHERE id = 5",
    "UPDATE claims SET said = 'yesterday' WHERE id = 6",
    "UPDATE claims SET statement = CAST('Decodable' AS BLOB) WHERE id = 7",
    "UPDATE briefs SET marking_scheme = 'nato' WHERE id = 1",
    "UPDATE actors SET aliases = '{oops' WHERE id = 1",
]
EXPECTED = {
    "s2": "s2 has an invalid kind 'x'",
    "s3": "s3 has a malformed date published '2024-99-99'",
    "s4": "s4 has a title stored as binary data, not text (3 bytes)",
    "c5": "c5 has an invalid status 'maybe'",
    "c6": "c6 has a malformed date said 'yesterday'",
    "c7": "c7 has a statement stored as binary data, not text (9 bytes)",
    "b1": "b1 has an invalid marking scheme 'nato'",
    "a1": "a1 has an alias list that is not a JSON list of names ('{oops')",
}


def damage(path, statements=DAMAGE) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA ignore_check_constraints = 1")  # claims.status has a CHECK; another tool may not
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


@pytest.fixture
def damaged(tmp_path, put_demo):
    path = tmp_path / "damaged.briefdesk"
    put_demo(path)  # the demo library, copied
    with Library.open(path) as lib:
        lib.briefs.create(title="Second brief", body="Text.")
    damage(path)
    return path


def test_services_name_each_damaged_record_and_read_the_rest(damaged):
    with Library.open(damaged) as lib:
        sources = lib.sources.list(limit=1000).items
        assert len(sources) == 13
        problems = {s.ref: s.problem for s in sources if s.problem}
        assert problems == {k: v for k, v in EXPECTED.items() if k.startswith("s")}
        assert lib.sources.get(2).problem == EXPECTED["s2"]
        assert lib.sources.get(4).title == ""  # a neutral stand-in, never bytes
        claims = lib.claims.list(limit=1000).items
        assert {c.ref: c.problem for c in claims if c.problem} == {
            k: v for k, v in EXPECTED.items() if k.startswith("c")
        }
        assert lib.claims.get(7).statement == "Decodable"
        assert lib.claims.with_links_many([5, 6, 8])[5].claim.problem == EXPECTED["c5"]
        assert [b.problem for b in lib.briefs.list().items if b.problem] == [EXPECTED["b1"]]
        assert lib.briefs.get(1).problem == EXPECTED["b1"]
        assert [a.problem for a in lib.actors.list(limit=100).items if a.problem] == [EXPECTED["a1"]]
        assert lib.search("minister")  # search still answers
        # a damaged record can still be edited back into shape
        fixed = lib.sources.update(2, kind="official statement").after
        assert fixed.problem == "" and fixed.kind.value == "official statement"


@pytest.mark.parametrize(
    "command",
    [
        ["sources"],
        ["claims"],
        ["actors"],
        ["brief", "list"],
        ["search", "minister"],
        ["source", "show", "2"],
        ["claim", "show", "5"],
        ["brief", "show", "1"],
        ["brief", "revisions", "1"],
        ["where-cited", "5"],
        ["check", "1"],
        ["sources", "--json"],
    ],
)
def test_listing_commands_never_crash_on_a_damaged_library(damaged, capsys, command):
    rc = main(["--library", str(damaged), *command])
    out, err = capsys.readouterr()
    assert rc in (0, 1), err
    assert "Traceback" not in err and "Error:" not in err
    if command[0] == "--json" or command[-1] == "--json":
        json.loads(out)


def test_list_tables_show_the_rest_and_name_the_damaged_rows_on_stderr(damaged, capsys):
    assert main(["--library", str(damaged), "sources"]) == 0
    out, err = capsys.readouterr()
    for ref in ("s2", "s3", "s4"):
        assert EXPECTED[ref] in err
        assert f"\n{ref} " not in out  # the row became the message
    assert "\ns1 " in out and "\ns5 " in out and "13 of 13 sources" in out
    assert "briefdesk doctor" in err
    assert main(["--library", str(damaged), "claims"]) == 0
    out, err = capsys.readouterr()
    assert EXPECTED["c5"] in err and "\nc1 " in out


def test_export_refuses_a_brief_it_cannot_render_faithfully(damaged, tmp_path, capsys):
    out = tmp_path / "out.docx"
    assert main(["--library", str(damaged), "export", "1", "-o", str(out), "--force"]) == 1
    err = capsys.readouterr().err
    assert EXPECTED["b1"] in err and "doctor --repair" in err
    assert not out.exists()


def test_doctor_lists_everything_and_repairs_what_is_safe_after_a_backup(damaged, capsys):
    with sqlite3.connect(damaged) as conn:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("INSERT INTO claim_tags(claim_id, tag) VALUES (9999, 'ghost')")
        conn.execute("DELETE FROM search_fts WHERE rowid = 1 * 4 + 1")  # s1 missing from search
    assert main(["--library", str(damaged), "doctor"]) == 1
    out = capsys.readouterr().out
    for message in EXPECTED.values():
        assert message in out
    assert "points at a claim that does not exist" in out
    assert "full-text index: out of date" in out and "1 source missing from it" in out
    assert "database file: ok" in out
    assert main(["--library", str(damaged), "search", "Sullivan", "--json"]) == 0
    assert not any(h["ref"] == "s1" for h in json.loads(capsys.readouterr().out)["hits"])

    assert main(["--library", str(damaged), "doctor", "--repair", "--json"]) == 1  # some are not safe
    result = json.loads(capsys.readouterr().out)
    backup = result["backup"]
    assert backup and ".before-repair." in backup
    repaired = {f["message"] for f in result["repaired"]}
    left = {f["message"] for f in result["left"]}
    assert {EXPECTED[k] for k in ("s2", "s3", "c5", "c6", "c7")} <= repaired
    assert left == {EXPECTED[k] for k in ("s4", "b1", "a1")}  # the banner, a binary title, aliases
    assert result["full_text"] == "ok" and result["foreign_keys"] == "ok"

    with Library.open(damaged) as lib:
        s2 = lib.sources.get(2)
        assert s2.kind.value == "other" and "the kind was 'x'" in s2.notes  # the old value is kept
        assert "the status was 'maybe'" in lib.claims.get(5).notes
        assert lib.claims.get(7).statement == "Decodable" and lib.claims.get(7).problem == ""
        assert any(h.ref == "s1" for h in lib.search("Sullivan"))
    with Library.open(backup) as before:  # the backup holds the library as it was
        assert before.sources.get(2).problem == EXPECTED["s2"]
    assert main(["--library", str(damaged), "doctor"]) == 1
    assert "3 problems" in capsys.readouterr().out


@pytest.mark.sqlite_only("doctor checks library files; a team library is refused with a plain message")
def test_doctor_on_a_healthy_library(demo_lib, capsys):
    assert main(["--library", str(demo_lib.path), "doctor"]) == 0
    assert "Nothing is wrong." in capsys.readouterr().out
    assert main(["--library", str(demo_lib.path), "doctor", "--repair"]) == 0
    assert "Nothing to repair: nothing is wrong." in capsys.readouterr().out
    assert not list(demo_lib.path.parent.glob("*.before-repair.*"))


def test_doctor_keeps_a_bounded_number_of_repair_backups(damaged):
    from app import doctor

    for _ in range(5):
        doctor.backup_before_repair(damaged)
    assert len(list(damaged.parent.glob("damaged.before-repair.*"))) == doctor.BACKUPS_KEPT


def test_a_damaged_source_shows_as_its_message_in_the_gui_list(damaged, qtbot):
    pytest.importorskip("pytestqt")
    from PySide6.QtCore import Qt

    from ui.jobs import Jobs
    from ui.source_table_model import SourceTableModel

    Jobs.synchronous = True
    try:
        with Library.open(damaged) as lib:
            model = SourceTableModel(lib, Jobs())
            model.set_filter()
            texts = {
                model.record(r).id: model.data(model.index(r, 0), Qt.ItemDataRole.DisplayRole)
                for r in range(model.rowCount())
            }
            assert model.rowCount() == 13
            assert texts[2] == "\u26a0 " + EXPECTED["s2"]
            assert texts[1] == lib.sources.get(1).title
            tip = model.data(model.index(model.row_of(2), 0), Qt.ItemDataRole.ToolTipRole)
            assert "briefdesk doctor" in tip
    finally:
        Jobs.synchronous = False
