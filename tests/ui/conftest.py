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


@pytest.fixture(autouse=True)
def _earlier_tests_widgets_are_gone(qapp):
    """pytest-qt closes a test's widgets with ``deleteLater``, which only an event loop carries out; with no
    loop between tests they stayed alive: thousands of windows, menus and panes by the end of a module, which
    every later palette change, style sheet and focus change walked (a palette test took 17 s in the suite
    and under 1 s alone). Each test starts with the earlier ones' widgets deleted."""
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    yield
