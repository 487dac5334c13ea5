"""Fixtures shared by every test: a fresh library, a library with the demo content."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Never touch the real user's data or config directories."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("BRIEFDESK_LIBRARY", raising=False)


@pytest.fixture
def library_path(tmp_path) -> Path:
    return tmp_path / "test.briefdesk"


@pytest.fixture
def lib(library_path):
    from app.library import Library

    library = Library.open(library_path)
    yield library
    library.close()


@pytest.fixture
def demo_lib(tmp_path):
    from app.demo import populate
    from app.library import Library

    library = Library.open(tmp_path / "demo.briefdesk")
    populate(library)
    yield library
    library.close()


SAMPLE_BODY = (
    "Meridian Wire, 3 March. The interior minister, Dana Reyes, said on Monday that the border crossing at "
    "Kessel would reopen within a week. \u201cWe have repaired the bridge and the guards are back,\u201d she said.\n\n"
    "Officials in the neighbouring province denied this. \u201cNothing has been repaired,\u201d a spokesman said."
)


@pytest.fixture
def source(lib):
    return lib.sources.create(
        title="Border crossing to reopen",
        body=SAMPLE_BODY,
        kind="news article",
        outlet="Meridian Wire",
        url="https://example.org/kessel",
        published="2026-03-03",
        reliability="B",
    ).after
