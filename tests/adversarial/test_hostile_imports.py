"""Hostile imports: absurd nesting, a zip directory that lies about sizes, XXE and empty documents, reference
files that fail half-way. Each fails its own file in plain words, in bounded memory, storing nothing of it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from app.errors import CancelledError
from app.importers.batch import import_paths
from tests.adversarial import hostile

ROOT = Path(__file__).resolve().parents[2]


def test_deeply_nested_json_fails_that_file_alone(lib, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-deep.json").write_bytes(hostile.deeply_nested_json())
    (folder / "b-nested-item.json").write_bytes(hostile.nested_csl_item())
    (folder / "c-good.ris").write_bytes(hostile.ris_file(3))
    report = import_paths(lib, [folder])
    by_name = {Path(r.path).name: r for r in report.results}
    assert by_name["a-deep.json"].status == "failed"
    assert "nests too deeply" in by_name["a-deep.json"].message
    assert by_name["b-nested-item.json"].status == "failed"
    assert "nests more than 64 levels" in by_name["b-nested-item.json"].message
    assert by_name["c-good.ris"].status == "imported" and len(by_name["c-good.ris"].source_ids) == 3
    assert lib.counts()["sources"] == 3


def test_a_reader_hitting_the_recursion_limit_fails_only_its_file(lib, tmp_path, monkeypatch):
    from app import importers

    def exploding(data, *, filename, title=None):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setitem(importers.READERS, ".md", exploding)
    (tmp_path / "a.md").write_text("Title\n\nBody", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Kept\n\nBody", encoding="utf-8")
    report = import_paths(lib, [tmp_path / "a.md", tmp_path / "b.txt"])
    assert [r.status for r in report.results] == ["failed", "imported"]
    assert "nested too deeply" in report.results[0].message


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the peak from /proc (Linux)")
def test_docx_whose_zip_directory_understates_sizes_is_refused_within_300_mb(tmp_path):
    bomb = hostile.write(tmp_path / "bomb.docx", hostile.understated_docx(real_bytes=400 * 1024 * 1024))
    assert bomb.stat().st_size < 3 * 1024 * 1024  # declared sizes and ratio look harmless
    rc, _out, err, peak_mb = hostile.run_cli_in_child(
        "--library", str(tmp_path / "lib.briefdesk"), "import", str(bomb), cwd=ROOT
    )
    assert rc == 1
    assert "bomb.docx: refused, a part expands to more than its declared size" in err
    assert "Traceback" not in err
    assert peak_mb <= 300, f"peak {peak_mb} MB while refusing a zip bomb"


def test_xxe_and_empty_docx_are_failures_not_empty_sources(lib, tmp_path):
    xxe = hostile.write(tmp_path / "xxe.docx", hostile.xxe_docx())
    empty = hostile.write(tmp_path / "empty.docx", hostile.minimal_docx(paragraphs=[]))
    tables = hostile.write(tmp_path / "table-only.docx", _table_only_docx())
    report = import_paths(lib, [xxe, empty, tables])
    results = {Path(r.path).name: r for r in report.results}
    assert results["xxe.docx"].status == "failed"
    assert "declares a DOCTYPE or entities" in results["xxe.docx"].message
    assert results["empty.docx"].status == "failed"
    assert "holds no text" in results["empty.docx"].message
    assert results["table-only.docx"].status == "imported"  # text in a table is text
    stored = lib.sources.get(results["table-only.docx"].source_ids[0])
    assert "Kessel | closed since Tuesday" in stored.body
    assert "root:" not in stored.body


def _table_only_docx() -> bytes:
    import io

    import docx

    doc = docx.Document()
    table = doc.add_table(rows=2, cols=2)
    for r, row in enumerate([("Crossing", "Status"), ("Kessel", "closed since Tuesday")]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize(
    "maker,ext", [(hostile.ris_file, "ris"), (hostile.bibtex_file, "bib"), (hostile.csl_json_file, "json")]
)
def test_a_reference_file_is_one_transaction(lib, tmp_path, monkeypatch, maker, ext):
    """A storage failure after 1,000 of 2,000 entries were written stores none of the file (before: each entry
    was committed on its own)."""
    from app.errors import LibraryError
    from app.sources import SourceService

    path = hostile.write(tmp_path / f"refs.{ext}", maker(2000))
    monkeypatch.setattr(SourceService, "BULK_STEP", 500)
    store_step = SourceService._store_step
    steps = []

    def failing_third_step(self, *args, **kwargs):
        steps.append(1)
        if len(steps) == 3:  # two steps (1,000 rows) are in the database by now
            raise LibraryError("The disk holding the library is full; nothing was changed.")
        return store_step(self, *args, **kwargs)

    monkeypatch.setattr(SourceService, "_store_step", failing_third_step)
    report = import_paths(lib, [path])
    assert report.results[0].status == "failed" and "disk" in report.results[0].message
    assert lib.counts()["sources"] == 0
    monkeypatch.setattr(SourceService, "_store_step", store_step)
    report = import_paths(lib, [path])
    assert report.results[0].status == "imported" and len(report.results[0].source_ids) == 2000
    assert lib.counts()["sources"] == 2000
    again = import_paths(lib, [path])
    assert (
        again.results[0].status == "existing" and again.results[0].source_ids == report.results[0].source_ids
    )


@pytest.mark.sqlite_only("a failure raised by the database itself, through an SQLite trigger")
def test_a_database_error_midway_stores_none_of_the_file(lib, tmp_path):
    path = hostile.write(tmp_path / "refs.ris", hostile.ris_file(2000))
    with lib.engine.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TRIGGER fail_midway BEFORE INSERT ON sources WHEN new.title LIKE '%(1500)' "
            "BEGIN SELECT RAISE(ABORT, 'simulated storage failure'); END"
        )
    report = import_paths(lib, [path])
    assert report.results[0].status == "failed"
    assert lib.counts()["sources"] == 0


def test_cancel_inside_a_reference_file_stores_none_of_it(lib, tmp_path):
    path = hostile.write(tmp_path / "refs.ris", hostile.ris_file(3000))
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 2  # the batch asks before the file; the file's own checks then see a cancel

    report = import_paths(lib, [path], cancelled=cancelled)
    assert report.cancelled and lib.counts()["sources"] == 0
    with pytest.raises(CancelledError):
        lib.sources.create_many([{"title": "x", "body": "y"}] * 2, cancelled=lambda: True)


def test_entries_the_library_refuses_are_named_and_the_rest_stored(lib, tmp_path):
    items = [
        {"title": "Good", "body": "one", "published": "2024-02-03"},
        {"title": "Bad date", "body": "two", "published": "2024-13-45"},
        {"title": "", "body": "three"},
        {"title": "Same as the first", "body": "one"},
        {"title": "Same URL", "body": "four", "url": "https://example.org/a"},
        {"title": "Same URL again", "body": "five", "url": "https://example.org/a"},
    ]
    out = lib.sources.create_many(items)
    assert out[0].action == "created" and out[0].after.published.isoformat() == "2024-02-03"
    assert "not a valid date published" in str(out[1])
    assert "title cannot be empty" in str(out[2])
    assert out[3].action == "existing" and out[3].id == out[0].id
    assert out[5].action == "created" and "same URL" in out[5].extra["warnings"][0]
    assert lib.sources.get(out[4].id).url == "https://example.org/a"
    stored = lib.sources.get(out[0].id)  # stamped and logged as create() does
    assert stored.created_by == lib.user and stored.version == 1 and stored.uuid == out[0].after.uuid != ""
    with lib.engine.connect() as conn:
        logged = conn.exec_driver_sql("SELECT entity_id FROM change_log WHERE entity = 'source'").fetchall()
    assert sorted(r[0] for r in logged) == sorted({out[0].id, out[4].id, out[5].id})
    assert lib.counts()["sources"] == 3


def test_import_failures_go_to_stderr(tmp_path, capsys):
    (tmp_path / "deep.json").write_bytes(hostile.deeply_nested_json(5000))
    (tmp_path / "ok.txt").write_text("Title\n\nBody", encoding="utf-8")
    lib = tmp_path / "lib.briefdesk"
    assert main(["--library", str(lib), "import", str(tmp_path / "deep.json"), str(tmp_path / "ok.txt")]) == 1
    captured = capsys.readouterr()
    assert "deep.json" in captured.err and "nests" in captured.err
    assert "deep.json" not in captured.out and "imported: 1" in captured.out
    assert main(["--library", str(lib), "import", str(tmp_path / "deep.json"), "--json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["files"][0]["status"] == "failed"
