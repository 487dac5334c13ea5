"""Odd but real inputs: wide Unicode text files, half surrogate pairs, markup the article reader chokes on, a
reader's own bug on one file of many, and terminal bytes that are not UTF-8. Each gets a plain message or is read
right, and nothing else in the import or the library is lost."""

from __future__ import annotations

import pytest

from app.cli import main
from app.importers.batch import import_paths

STORY = "Harbour closed\n\nThe harbour master of Ostrava Bay said on Monday that the east quay was shut.\n"


@pytest.mark.parametrize(
    "encoding, bom",
    [("utf-16", b""), ("utf-16-le", b""), ("utf-16-be", b""), ("utf-32", b"")],
    ids=["utf-16 with mark", "utf-16-le without mark", "utf-16-be without mark", "utf-32 with mark"],
)
def test_wide_unicode_text_files_are_read_as_text(lib, tmp_path, encoding, bom):
    # Windows Notepad's "Unicode" and some exports write UTF-16; the NUL bytes are not binary content
    path = tmp_path / "story.txt"
    path.write_bytes(bom + (STORY + "Zoë Åberg-Núñez added: \u201cnothing moves\u201d.\n").encode(encoding))
    report = import_paths(lib, [path])
    assert [r.status for r in report.results] == ["imported"], report.results[0].message
    source = lib.sources.get(report.results[0].source_ids[0])
    assert source.title == "Harbour closed"
    assert "east quay was shut" in source.body and "Zoë Åberg-Núñez" in source.body
    assert "\ufeff" not in source.body and "\x00" not in source.body


def test_nul_bytes_in_ascii_are_still_binary(lib, tmp_path):
    path = tmp_path / "dump.txt"
    path.write_bytes(b"ab\x00cd\x00\x00ef" * 50)
    report = import_paths(lib, [path])
    assert report.results[0].status == "failed" and "binary content" in report.results[0].message
    assert lib.counts()["sources"] == 0


def test_a_half_surrogate_pair_in_csl_json_becomes_a_replacement_character(lib, tmp_path):
    path = tmp_path / "refs.json"
    path.write_text(
        '[{"id": "k1", "type": "article-newspaper", "title": "Quay \\ud800 report", "abstract": "Text \\udc80."},'
        ' {"id": "k2", "type": "report", "title": "A whole title"}]',
        encoding="utf-8",
    )
    report = import_paths(lib, [path])
    assert report.results[0].status == "imported", report.results[0].message
    titles = sorted(lib.sources.get(i).title for i in report.results[0].source_ids)
    assert titles == ["A whole title", "Quay \ufffd report"]


def test_markup_the_article_reader_fails_on_fails_that_page_alone(lib, tmp_path):
    (tmp_path / "a-drawing.html").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script><text>The mayor spoke.</text></svg>',
        encoding="utf-8",
    )
    (tmp_path / "b-story.txt").write_text(STORY, encoding="utf-8")
    report = import_paths(lib, [tmp_path / "a-drawing.html", tmp_path / "b-story.txt"])
    assert [r.status for r in report.results] == ["failed", "imported"]
    assert "could not be read as an article" in report.results[0].message
    assert lib.counts()["sources"] == 1


def test_a_readers_unexpected_error_fails_its_file_and_the_rest_is_imported(lib, tmp_path, monkeypatch):
    from app import importers

    def broken(data, *, filename, title=None):
        raise ValueError("unexpected structure in the file")

    monkeypatch.setitem(importers.READERS, ".md", broken)
    (tmp_path / "a.md").write_text("Title\n\nBody", encoding="utf-8")
    (tmp_path / "b.txt").write_text(STORY, encoding="utf-8")
    report = import_paths(lib, [tmp_path / "a.md", tmp_path / "b.txt"])
    assert [r.status for r in report.results] == ["failed", "imported"]
    message = report.results[0].message
    assert message.startswith("a.md: could not be read (ValueError: unexpected structure")
    assert "nothing was imported from it" in message


def test_a_one_line_text_file_keeps_its_line_as_the_text(lib, tmp_path):
    path = tmp_path / "statement.txt"
    path.write_text("The ministry said the convoy had turned back.\n", encoding="utf-8")
    report = import_paths(lib, [path])
    source = lib.sources.get(report.results[0].source_ids[0])
    assert source.body == "The ministry said the convoy had turned back."
    claim = lib.claims.create(source_id=source.id, quote="the convoy had turned back", actor="The ministry")
    assert claim.after.quote == "the convoy had turned back"


def test_terminal_bytes_that_are_not_utf8_are_refused_in_plain_words(tmp_path, capsys):
    library = str(tmp_path / "lib.briefdesk")
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    assert main(["--library", library, "import", str(story)]) == 0
    capsys.readouterr()
    # what Python makes of the bytes ED A0 80 (or a Latin-1 "é") in argv on a UTF-8 system: surrogateescape
    bad = b"Quay \xe9 report".decode("utf-8", "surrogateescape")
    assert main(["--library", library, "source", "set", "s1", "--title", bad]) != 0
    err = capsys.readouterr().err
    assert "not valid Unicode" in err and "nothing was saved" in err and "Traceback" not in err
    assert main(["--library", library, "source", "show", "s1"]) == 0
    assert "Harbour closed" in capsys.readouterr().out
