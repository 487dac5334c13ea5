"""Fixtures for the GUI tests: offscreen Qt, UTF-8 locale, background jobs run inline, a demo library.

``QT_QPA_PLATFORM`` and ``LANG`` are set here, before anything imports Qt, so a test module run on its own
never needs a display.
"""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["LANG"] = "C.UTF-8"

import pytest  # noqa: E402

pytest.importorskip("pytestqt")


@pytest.fixture(autouse=True)
def synchronous_jobs(monkeypatch):
    """Every ``ui.jobs.Jobs`` runs its reads and writes inline, so a test sees results at once."""
    from ui.jobs import Jobs

    monkeypatch.setattr(Jobs, "synchronous", True)
    return Jobs


@pytest.fixture
def jobs(qtbot, synchronous_jobs):
    """A synchronous ``Jobs`` for widgets that take one."""
    return synchronous_jobs()


@pytest.fixture
def demo_library(tmp_path):
    """A temporary library filled with the built-in demo content (sources, claims, denials, a brief)."""
    from app.demo import populate
    from app.library import Library

    library = Library.open(tmp_path / "demo.briefdesk")
    populate(library)
    yield library
    library.close()
