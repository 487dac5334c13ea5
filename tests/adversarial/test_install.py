"""A user's install must not depend on pip resolving extras the way new pips do: lxml_html_clean (which
jusText, under trafilatura, asks for as lxml[html_clean], an extra lxml 6 spells html-clean and pip 23.2, the
pip Python 3.11 ships, does not match) is declared directly and pinned; every declared dependency is pinned;
CI tries the newest releases of everything with the bundled pip."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_lxml_html_clean_is_declared_and_pinned():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {_name(r) for r in project["dependencies"]}
    pins = {
        _name(line): line
        for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert "lxml-html-clean" in declared
    missing = sorted(
        d for d in declared | {_name(r) for r in project["optional-dependencies"]["dev"]} if d not in pins
    )
    assert not missing, f"declared but not pinned in constraints.txt: {missing}"


def test_html_import_has_what_it_needs_in_this_install():
    import lxml_html_clean  # noqa: F401 - the module jusText imports through lxml.html.clean

    from app.importers import read_html

    page = (
        b"<html><head><title>Port strike enters third day</title></head><body><article>"
        b"<h1>Port strike enters third day</h1><p>Dock workers at the northern port said on Tuesday that the "
        b"strike would continue until the ministry answered their demands for safer cranes.</p><p>The ministry "
        b"said it had offered talks on Monday and that the offer still stood, according to its press office."
        b"</p></article></body></html>"
    )
    parsed = read_html(page, filename="page.html")
    assert parsed.title == "Port strike enters third day" and "ministry" in parsed.body


def test_ci_installs_the_newest_releases_with_the_bundled_pip_and_runs_the_import_tests():
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    job = script[script.index("newest releases of every dependency") :]
    job = job[: job.index('echo "==', 10)]
    assert re.search(r"-m venv \"\$fresh/venv\"", job)
    assert re.search(r"pip install -q -e \. pytest", job)
    assert "-c constraints.txt" not in job and "--upgrade pip" not in job and "-U pip" not in job
    assert "tests/app/importers" in job
