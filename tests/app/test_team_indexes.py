"""Migration 0010: the credibility-sort indexes a team library needs; a file library is left as it was."""

from __future__ import annotations

import shutil

from sqlalchemy import inspect

from app.domain import ClaimFilter
from app.library import Library
from tests.conftest import FIXTURES


def _claim_indexes(lib: Library) -> set[str]:
    return {ix["name"] for ix in inspect(lib.engine).get_indexes("claims")}


def test_a_team_library_has_the_credibility_sort_indexes_and_a_file_does_not(lib):
    names = _claim_indexes(lib)
    team = {"ix_claims_credibility_id", "ix_claims_status_credibility_id"}
    assert team <= names if lib.dialect == "postgresql" else not (team & names)
    src = lib.sources.create(title="Port report", body="Ships left at dawn. Ships came back at noon.").after
    a = lib.claims.create(source_id=src.id, quote="Ships left at dawn.", credibility=2).after
    b = lib.claims.create(source_id=src.id, quote="Ships came back at noon.", credibility=2).after
    c = lib.claims.create(source_id=src.id, quote="Ships left", credibility=5).after
    ids = [x.id for x in lib.claims.list(sort="credibility", descending=True, with_total=False).items]
    assert ids == [c.id, b.id, a.id]  # ties broken by id, as before
    page = lib.claims.list(
        ClaimFilter(status="unverified"), sort="credibility", descending=False, with_total=False
    ).items
    assert [x.id for x in page] == [a.id, b.id, c.id]


def test_a_first_schema_library_upgrades_through_0010(tmp_path):
    path = tmp_path / "old.briefdesk"
    shutil.copy(FIXTURES / "libraries" / "library-0001.briefdesk", path)
    with Library.open(path) as lib:
        assert lib.claims.get(1) is not None
        assert "ix_claims_credibility_id" not in _claim_indexes(lib)
