"""Smoke test of the frozen build (PyInstaller one-folder, see build.spec), run headless.

Skipped unless ``BRIEFDESK_FROZEN`` names the built binary (``dist/briefdesk/briefdesk``); the CI script
builds it and sets the variable.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

FROZEN = os.environ.get("BRIEFDESK_FROZEN")
pytestmark = pytest.mark.skipif(not FROZEN, reason="BRIEFDESK_FROZEN does not name a frozen build")


@pytest.fixture
def run(tmp_path):
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        LANG="C.UTF-8",
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_STATE_HOME=str(tmp_path / "state"),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
    )
    env.pop("BRIEFDESK_LIBRARY", None)
    library = tmp_path / "smoke.briefdesk"

    def run_(*args: str, timeout: float = 120, extra_env: dict | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(
            [FROZEN, "--library", str(library), *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=dict(env, **(extra_env or {})),
            stdin=subprocess.DEVNULL,
        )

    run_.library = library
    return run_


def test_frozen_cli_creates_the_demo_library_and_lists_contested_claims(run):
    done = run("demo")
    assert done.returncode == 0, done.stderr
    listed = run("claims", "--contested", "--json")
    assert listed.returncode == 0, listed.stderr
    data = json.loads(listed.stdout)
    assert data["claims"] and all(c["denial_count"] > 0 for c in data["claims"])
    shown = run("claim", "show", str(data["claims"][0]["id"]))
    assert shown.returncode == 0 and "den" in shown.stdout.lower()
    from app import __version__

    version = run("--version")
    assert version.returncode == 0 and version.stdout.strip() == f"Briefdesk {__version__}"


def test_frozen_import_reads_a_text_file(run, tmp_path):
    assert run("demo").returncode == 0
    path = tmp_path / "note.txt"
    path.write_text("A frozen import\n\nThe minister said the road was open.", encoding="utf-8")
    done = run("import", str(path))
    assert done.returncode == 0, done.stderr
    sources = json.loads(run("sources", "--json").stdout)
    assert any(s["title"] == "A frozen import" for s in sources["sources"])


def test_frozen_gui_starts_headless_on_a_first_run_library(run):
    done = run(timeout=120, extra_env={"BRIEFDESK_QUIT_AFTER_INTERACTIVE": "1", "BRIEFDESK_TIMING": "1"})
    assert done.returncode == 0, done.stderr
    assert "briefdesk-timing: first_rows_shown=" in done.stderr
    assert Path(run.library).exists(), "the first run created the library with the demo content"
    listed = json.loads(run("claims", "--json").stdout)
    assert len(listed["claims"]) >= 25


def test_frozen_export_writes_a_docx(run, tmp_path):
    assert run("demo").returncode == 0
    brief = json.loads(run("brief", "list", "--json").stdout)
    brief_id = (brief.get("briefs") or brief.get("items"))[0]["id"]
    out = tmp_path / "demo.docx"
    done = run("export", str(brief_id), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert out.exists() and out.read_bytes()[:2] == b"PK"
    import docx

    document = docx.Document(str(out))
    assert document.paragraphs[0].text  # the title block
    assert "TLP:AMBER" in document.sections[0].header.paragraphs[0].text


def test_frozen_extract_and_reference_import(run, tmp_path):
    refs = tmp_path / "refs.json"
    refs.write_text(
        json.dumps(
            [
                {
                    "id": "a",
                    "type": "article-newspaper",
                    "title": "Crossing to reopen",
                    "abstract": "Dana Reyes said the crossing would reopen within a week. "
                    "Provincial officials denied this.",
                }
            ]
        ),
        encoding="utf-8",
    )
    done = run("import", str(refs), "--json")
    assert done.returncode == 0, done.stderr
    source_id = json.loads(done.stdout)["files"][0]["source_ids"][0]
    extracted = run("extract", str(source_id), "--json")
    assert extracted.returncode == 0, extracted.stderr
    kinds = [p["kind"] for p in json.loads(extracted.stdout)["proposals"]]
    assert kinds == ["claim", "denial"]


def test_frozen_stix_and_misp_round_trip(run, tmp_path):
    """The interop formats in the frozen build: export the demo brief as STIX and MISP, import both into a new
    library (ijson's parser backends are collected by build.spec)."""
    assert run("demo").returncode == 0
    stix, misp = tmp_path / "brief.json", tmp_path / "event.json"
    for out, fmt in ((stix, "stix"), (misp, "misp")):
        done = run("export", "1", "-o", str(out), "--format", fmt)
        assert done.returncode == 0, done.stderr
    other = tmp_path / "other.briefdesk"
    done = subprocess.run(
        [FROZEN, "--library", str(other), "import", str(stix), str(misp), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr
    files = json.loads(done.stdout)["files"]
    # the counts come from the bundle itself, so a change to the demo content does not break this test
    objects = json.loads(stix.read_text(encoding="utf-8"))["objects"]
    claims = sum(o["type"] == "note" for o in objects)
    links = sum(o["type"] == "relationship" and o["relationship_type"] != "related-to" for o in objects)
    assert claims > 10 and links > 5
    assert files[0]["status"] == "imported" and f"{claims} claims created" in files[0]["message"]
    # the MISP event holds the same claims: found, not added again
    assert files[1]["status"] == "existing"
    assert f"{claims} claims and {links} links already" in files[1]["message"]
