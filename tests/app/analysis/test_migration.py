"""The structured-analysis tables: an older library upgrades to them with its content, and the migration
matches the models."""

from __future__ import annotations

import shutil

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from app.library import Library
from app.storage.models import Base
from tests.conftest import FIXTURES

TABLES = {"hypotheses", "ach_claims", "ach_ratings", "assumptions"}


def test_a_first_schema_library_upgrades_and_takes_an_analysis(tmp_path):
    path = tmp_path / "old.briefdesk"
    shutil.copy(FIXTURES / "libraries" / "library-0001.briefdesk", path)
    with Library.open(path) as lib:
        assert lib.backup_path is not None
        brief = lib.briefs.list().items[0]
        claim = lib.claims.get(1)  # content from before the upgrade is still there
        h = lib.ach.add_hypothesis(brief.id, "The harbour reopens on Friday").after
        lib.ach.rate(h.id, claim.id, "CC")
        lib.assumptions.add(brief.id, "The union speaks for the dockworkers", rating="caveated")
        m = lib.ach.matrix(brief.id)
        assert m.rows[0].claim_id == claim.id and m.rows[0].ratings[h.id].value == "CC"
    with Library.open(path) as again:
        assert again.backup_path is None
        assert [a.text for a in again.assumptions.list(brief.id)] == ["The union speaks for the dockworkers"]


def test_the_migration_creates_the_tables_the_models_describe(lib):
    with lib.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)

    # (the full-text tables are made by raw SQL, not the models, so the comparison lists them: not ours)
    mine = [d for d in diff if any(f"'{t}'" in repr(d) for t in TABLES)]
    assert mine == []
