"""`briefdesk library copy`: a whole library between SQLite and PostgreSQL, in both directions."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select, text

from app.errors import ConflictError
from app.library import Library
from app.storage.copy import copy_library, tables_to_copy


def everything(lib: Library) -> dict[str, list[tuple]]:
    """Every row of every copied table, in key order, as Python values."""
    out = {}
    with lib.engine.connect() as conn:
        for table in tables_to_copy():
            order = list(table.primary_key.columns) or list(table.columns)
            out[table.name] = [tuple(r) for r in conn.execute(select(*table.columns).order_by(*order))]
    return out


@pytest.fixture
def other_target(backend, tmp_path, request):
    """A new library of the other kind: a team library for a SQLite source, a file for a team library."""
    if backend == "postgresql":
        yield tmp_path / "copy.briefdesk"
        return
    server = request.getfixturevalue("pg_server")
    name = server.empty_database()
    yield server.cluster.url(name)
    server.drop(name)


def _enrich(lib: Library) -> None:
    """Records of every kind: an original file, a revision by another user, an edited claim (version 2)."""
    src = lib.sources.create(
        title="Captured page", body="The bridge at Kessel was repaired.", original=b"<html>\x00\xff</html>"
    ).after
    lib.claims.create(source_id=src.id, quote="The bridge at Kessel was repaired", actor="A. Person")
    first = lib.claims.list(limit=1).items[0]
    lib.claims.update(first.id, notes="checked", if_version=first.version)
    brief = lib.briefs.list().items[0]
    lib.briefs.set_body(brief.id, lib.briefs.get(brief.id).body + "\n\nOne more line.\n")


def test_copy_to_the_other_database_keeps_every_row_id_and_uuid(demo_lib, other_target):
    _enrich(demo_lib)
    before = everything(demo_lib)
    seen = []
    dst = Library.open(other_target)
    try:
        report = copy_library(demo_lib, dst, progress=lambda t, done, total: seen.append((t, done, total)))
        assert report.rows["claims"] == len(before["claims"]) > 10
        assert everything(dst) == before
        assert ("claims", len(before["claims"]), len(before["claims"])) in seen
        if dst.dialect == "postgresql":  # planner statistics at once: the search plans from them
            with dst.engine.connect() as conn:
                rows = conn.execute(text("SELECT reltuples FROM pg_class WHERE relname = 'claims'")).scalar()
            assert rows == len(before["claims"])
        # the copy is a working library: search, links, originals, and new records get new ids
        original = next(s for s in demo_lib.sources.list(limit=500).items if s.title == "Captured page")
        assert dst.sources.original(original.id) == b"<html>\x00\xff</html>"
        assert [h.id for h in dst.search("Kessel bridge", entities=("source",))] == [
            h.id for h in demo_lib.search("Kessel bridge", entities=("source",))
        ]
        contested = demo_lib.claims.list(demo_lib_filter_contested(), limit=1).items[0]
        assert dst.claims.with_links(contested.id) == demo_lib.claims.with_links(contested.id)
        new = dst.sources.create(title="After the copy", body="Written after copying.").after
        assert new.id > max(row[0] for row in before["sources"])
        brief_id = dst.briefs.list().items[0].id
        assert dst.briefs.revisions(brief_id) == demo_lib.briefs.revisions(brief_id)
        # the brief's structured analysis comes along, and the copy takes new hypotheses
        assert len(dst.ach.hypotheses(brief_id)) == 3
        assert dst.ach.matrix(brief_id) == demo_lib.ach.matrix(brief_id)
        assert dst.assumptions.list(brief_id) == demo_lib.assumptions.list(brief_id)
        added = dst.ach.add_hypothesis(brief_id, "Added after the copy").after
        assert added.id > max(row[0] for row in before["hypotheses"])
    finally:
        dst.close()


def demo_lib_filter_contested():
    from app.domain_lists import ClaimFilter

    return ClaimFilter(contested=True)


def test_copying_into_a_library_that_holds_records_is_refused(demo_lib, other_target):
    dst = Library.open(other_target)
    try:
        dst.sources.create(title="Already here", body="A record in the destination.")
        before = everything(dst)
        with pytest.raises(ConflictError, match="not empty"):
            copy_library(demo_lib, dst)
        assert everything(dst) == before
    finally:
        dst.close()


def test_cli_library_copy_reports_progress_and_refuses_a_second_copy(demo_lib, other_target, capsys):
    from app.cli import main

    src = str(demo_lib.path)
    demo_lib.close()
    assert main(["library", "copy", src, str(other_target)]) == 0
    captured = capsys.readouterr()
    assert "claims:" in captured.err and "Copied" in captured.out
    code = main(["library", "copy", src, str(other_target), "--json"])
    assert code == 1 and "not empty" in capsys.readouterr().err
    code = main(["library", "copy", str(other_target), src])
    assert code == 1 and "not empty" in capsys.readouterr().err


def test_cli_copy_json_and_a_missing_source(tmp_path, capsys, lib):
    from app.cli import main

    lib.sources.create(title="One", body="One source.")
    src = str(lib.path)
    lib.close()
    assert main(["library", "copy", src, str(tmp_path / "out.briefdesk"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["rows"]["sources"] == 1
    assert main(["library", "copy", str(tmp_path / "missing.briefdesk"), str(tmp_path / "x.briefdesk")]) == 1
    assert "no library" in capsys.readouterr().err
    assert not (tmp_path / "x.briefdesk").exists()
