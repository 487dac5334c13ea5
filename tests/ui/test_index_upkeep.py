"""The window merges a search index left in many pieces, a step at a time on the background worker, and
leaves alone a library it may not write (read-only, or a team library, whose server keeps its own indexes)."""

from __future__ import annotations

import sqlite3

import pytest

from app.library import Library
from ui.index_upkeep import IndexUpkeep
from ui.main_window import MainWindow
from ui.settings import Settings


def _pieces(path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(DISTINCT segid) FROM search_fts_idx").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.sqlite_only("the pieces of SQLite's full-text index")
def test_the_index_is_merged_in_steps_and_searches_find_the_same(qtbot, jobs, demo_lib):
    assert _pieces(demo_lib.path) > 6  # the demo library was written in many transactions
    before = [(h.entity, h.id) for h in demo_lib.search("ceasefire", limit=100)]
    upkeep = IndexUpkeep(demo_lib, jobs, start_ms=0, pause_ms=0)
    with qtbot.waitSignal(upkeep.finished, timeout=10_000) as done:
        upkeep.start()
    assert done.args[0] >= 1 and not upkeep.running
    assert _pieces(demo_lib.path) == 1
    assert [(h.entity, h.id) for h in demo_lib.search("ceasefire", limit=100)] == before


@pytest.mark.sqlite_only("a library file opened read-only")
def test_a_read_only_library_is_left_alone(qtbot, jobs, demo_lib):
    demo_lib.close()
    ro = Library.open(demo_lib.path, read_only=True)
    try:
        upkeep = IndexUpkeep(ro, jobs, start_ms=0, pause_ms=0)
        upkeep.start()
        qtbot.wait(50)
        assert not upkeep.running and upkeep.steps == 0
    finally:
        ro.close()
    assert _pieces(demo_lib.path) > 6


def test_the_window_starts_the_upkeep_later_and_stops_it_on_close(qtbot, demo_lib):
    w = MainWindow(demo_lib, Settings.load())
    qtbot.addWidget(w)
    w.show()
    assert w.index_upkeep.running == (not demo_lib.is_team)  # a team library's server keeps its indexes
    assert w.index_upkeep.steps == 0  # nothing yet: the first lists come first
    w.close()
    assert not w.index_upkeep.running
