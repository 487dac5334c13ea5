"""Fixtures for the GUI tests: offscreen Qt, UTF-8 locale, background jobs run inline (the
library fixtures are in tests/conftest.py).

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
