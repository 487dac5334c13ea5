"""`briefdesk import` end to end: formats, failures reported with the rest imported (exit 1), --json."""

import json

from app.cli import main

CSL = json.dumps(
    [
        {
            "id": "reyes2026",
            "type": "article-newspaper",
            "title": "Kessel crossing to reopen",
            "container-title": "Meridian Wire",
            "author": [{"family": "Berg", "given": "Tomas"}],
            "issued": {"date-parts": [[2026, 3, 3]]},
            "URL": "https://example.org/kessel",
            "abstract": "The interior minister said the crossing would reopen within a week.",
            "language": "en",
        },
        {
            "id": "varsa",
            "type": "report",
            "title": "Varsa province statement",
            "note": "Officials denied it.",
        },
    ]
)


def test_import_folder_reports_failed_and_skipped_files_and_imports_the_rest(tmp_path, capsys):
    d = tmp_path / "in"
    d.mkdir()
    (d / "ok.txt").write_text("Title\nBody text.", encoding="utf-8")
    (d / "refs.json").write_text(CSL, encoding="utf-8")
    (d / "bad.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    (d / "tool.exe").write_bytes(b"MZ")
    (d / ".hidden.txt").write_text("Secret\nbody", encoding="utf-8")
    lib = tmp_path / "lib.briefdesk"
    assert main(["--library", str(lib), "import", str(d)]) == 1
    captured = capsys.readouterr()
    out = captured.out
    assert "imported: 2" in out and "(3 sources)" in out
    assert "failed: " in captured.err and "bad.pdf" in captured.err  # failures on stderr, as documented
    assert "bad.pdf" not in out
    assert "skipped: " in out and "tool.exe" in out and ".hidden.txt" in out
    assert main(["--library", str(lib), "sources", "--json"]) == 0
    titles = {s["title"] for s in json.loads(capsys.readouterr().out)["sources"]}
    assert titles == {"Title", "Kessel crossing to reopen", "Varsa province statement"}


def test_import_json_output_has_stable_keys_and_reimport_is_existing(tmp_path, capsys):
    f = tmp_path / "refs.json"
    f.write_text(CSL, encoding="utf-8")
    lib = tmp_path / "lib.briefdesk"
    assert main(["--library", str(lib), "import", str(f), "--json", "--reliability", "B"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert set(first) == {"files", "counts", "sources", "cancelled"}
    assert first["files"][0]["status"] == "imported" and len(first["files"][0]["source_ids"]) == 2
    assert main(["--library", str(lib), "import", str(f), "--json"]) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["files"][0]["status"] == "existing"
    assert again["files"][0]["source_ids"] == first["files"][0]["source_ids"]
    assert (
        main(["--library", str(lib), "source", "show", str(first["files"][0]["source_ids"][0]), "--json"])
        == 0
    )
    shown = json.loads(capsys.readouterr().out)
    source = shown.get("source", shown)
    assert source["reliability"] == "B" and source["outlet"] == "Meridian Wire"


def test_a_page_with_no_article_fails_in_one_plain_line_without_library_warnings(tmp_path):
    """The page extractor logs "WARNING trafilatura.core: discarding data" for a page it cannot read: the user
    sees only Briefdesk's own line, unless they ask for the libraries' logs with BRIEFDESK_LOG."""
    import os
    import subprocess
    import sys

    page = tmp_path / "nested.html"
    page.write_text("<html><body>" + "<div>" * 3000 + "x" + "</div>" * 3000 + "</body></html>")
    lib = tmp_path / "lib.briefdesk"
    env = {k: v for k, v in os.environ.items() if k != "BRIEFDESK_LOG"}

    def run(**extra: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "app", "--library", str(lib), "import", str(page)]
        return subprocess.run(
            command, capture_output=True, text=True, timeout=120, env={**env, **extra}, check=False
        )

    quiet = run()
    assert quiet.returncode == 1
    assert quiet.stderr.strip().splitlines() == [
        f"briefdesk: failed: {page}: no article text could be found in the page"
    ]
    assert "trafilatura" in run(BRIEFDESK_LOG="WARNING").stderr  # still there when asked for
