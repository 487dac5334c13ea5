"""What each cold command loads in a fresh process: only its own code, never the heavy libraries, the GUI or
the tables and classes it does not read (split from tests/app/test_cli.py)."""

from __future__ import annotations

import subprocess
import sys


def test_a_cli_command_does_not_load_what_it_does_not_use(tmp_path):
    """A listing command never imports the export, import, extraction or brief-model code (cold start-up)."""
    from app.library import Library

    Library.open(tmp_path / "x.briefdesk").close()
    loaded = _modules_loaded_by(tmp_path / "x.briefdesk", "claims")
    for heavy in (
        "app.export",
        "app.importers",
        "app.extract",
        "app.brief_model",
        "app.checks",
        "docx",
        "markdown",
    ):
        assert not any(m == heavy or m.startswith(heavy + ".") for m in loaded), heavy
    assert "app.cli.claim_cmds" in loaded and "app.cli.export_cmds" not in loaded
    # a library file needs nothing of the team-library (PostgreSQL) code, and a list is read with SQLAlchemy
    # Core: neither the ORM nor the classes mapped with it are imported (or configured) to list claims
    for unneeded in ("app.storage.postgres", "sqlalchemy.orm", "app.storage.models", "app.tracking"):
        assert not any(m == unneeded or m.startswith(unneeded + ".") for m in loaded), unneeded
    assert "app.storage.tables" in loaded
    searched = _modules_loaded_by(tmp_path / "x.briefdesk", "search", "convoy")
    for unneeded in (
        "app.storage.postgres",
        "sqlalchemy.orm",
        "app.storage.models",
        "app.export",
        "app.sources",
    ):
        assert not any(m == unneeded or m.startswith(unneeded + ".") for m in searched), unneeded
    assert "app.search" in searched
    with Library.open(tmp_path / "x.briefdesk") as lib:
        brief = lib.briefs.create(title="Checked", body="# Key judgments\n\nWe assess it is likely.\n").after
    checked = _modules_loaded_by(tmp_path / "x.briefdesk", "check", str(brief.id))
    for unneeded in ("app.storage.postgres", "sqlalchemy.orm", "app.storage.models", "app.export", "docx"):
        assert not any(m == unneeded or m.startswith(unneeded + ".") for m in checked), unneeded
    assert "app.checks.engine" in checked
    # a brief without hypotheses has no matrix to score: neither the scoring code nor the computed matrix's
    # classes are loaded, nor the stored records' classes (none is read): only the scales the services use;
    # nor, with no assumption either (one query tells), the ACH service
    for unneeded in (
        "app.analysis.ach",
        "app.analysis.ach_matrix",
        "app.analysis.scoring",
        "app.analysis.model",
        "app.analysis.records",
    ):
        assert unneeded not in checked, unneeded
    assert "app.analysis.scales" in checked
    out = tmp_path / "checked.docx"
    exported = _modules_loaded_by(
        tmp_path / "x.briefdesk", "export", str(brief.id), "-o", str(out), "--force"
    )
    assert out.exists()
    for unneeded in (
        "app.storage.postgres",
        "sqlalchemy.orm",
        "app.storage.models",
        "app.export.html",
        "app.analysis.ach",
        "app.analysis.ach_matrix",
        "app.analysis.scoring",
        "app.analysis.model",
    ):
        assert not any(m == unneeded or m.startswith(unneeded + ".") for m in exported), unneeded
    assert "app.export.docx" in exported
    # a command given --library never asks for the default folders, and exporting deletes no claim: neither
    # platformdirs nor the claims' dependents (the ACH snapshot on deletion) are loaded
    for unneeded in ("platformdirs", "app.claim_dependents"):
        assert unneeded not in exported and unneeded not in loaded, unneeded
    # nor the classes of lists, filters, search hits, a brief's history and locks, provenance records (none
    # cited here) or a team library's word-pair indexes: each dataclass costs start-up time to create
    for unneeded in ("app.domain_lists", "app.provenance_records", "app.storage.pg_pairs"):
        assert unneeded not in exported, unneeded
    assert "app.storage.pg_pairs" not in loaded
    assert "app.provenance_records" not in loaded  # the claim commands name its records as types only
    # an export runs only the rules that can give an error: the modules of rules giving warnings only are
    # not loaded (check loads them)
    for warnings_only in ("app.checks.summary", "app.checks.characters", "app.checks.uncited"):
        assert warnings_only not in exported and warnings_only in checked, warnings_only
    # nor the sentence splitter (only rules giving warnings read sentences), nor the tables no reading
    # command reads (revisions, the citation index, ACH rows and ratings, locks, change log, external ids)
    assert "app.sentences" not in exported and "app.sentences" in checked
    # nor the report's classes (key judgments, endnotes): an export keeps only the errors (check_errors)
    assert "app.checks.report" not in exported and "app.checks.report" in checked
    for command_loaded in (exported, checked, loaded, searched):
        assert "app.storage.tables_more" not in command_loaded
    with Library.open(tmp_path / "x.briefdesk") as lib:  # with a hypothesis, its matrix is scored
        lib.ach.add_hypothesis(brief.id, "The convoy is a feint")
    checked = _modules_loaded_by(tmp_path / "x.briefdesk", "check", str(brief.id))
    for needed in ("app.analysis.ach_matrix", "app.analysis.scoring", "app.analysis.model"):
        assert needed in checked, needed


def _modules_loaded_by(library, *command: str) -> set[str]:
    """The modules (of Briefdesk, the heavy libraries, SQLAlchemy's ORM, platformdirs) one command loads in a
    fresh process."""
    code = (
        "import sys, app.cli as cli; cli.main(['--library', sys.argv[1], *sys.argv[2:]]); "
        "print(' '.join(sorted(m for m in sys.modules "
        "if m.startswith(('app.', 'docx', 'markdown', 'alembic', 'sqlalchemy.orm', 'platformdirs')))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(library), *command], capture_output=True, text=True, check=True
    )
    return set(done.stdout.split("\n")[-2].split())
