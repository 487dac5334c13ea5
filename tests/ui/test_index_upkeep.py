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
    # a file library's index is merged a step at a time; a team library's server keeps its own
    assert w.index_upkeep.running is (not demo_lib.is_team)
    assert w.index_upkeep.steps == 0  # nothing yet: the first lists come first
    w.close()
    assert not w.index_upkeep.running


def _team_url(lib) -> str:
    from app.storage.postgres import storable_url

    return storable_url(lib.engine.url)


def _drop_pair_indexes(lib, *tables: str) -> None:
    import psycopg

    with psycopg.connect(_team_url(lib), autocommit=True) as conn:
        for table in tables:
            conn.execute(f"DROP INDEX ix_{table}_pairs")  # type: ignore[arg-type]


def _pair_states(lib) -> dict[str, str]:
    from app.storage.pg_pairs import index_states

    with lib.engine.connect() as conn:
        return index_states(conn)


def test_a_team_library_s_phrase_index_is_built_on_a_thread_of_its_own(qtbot, jobs, demo_lib, monkeypatch):
    if not demo_lib.is_team:
        pytest.skip("a team library's index of word pairs")
    import threading

    _drop_pair_indexes(demo_lib, "claims", "sources")  # as after the upgrade to 0013 of a library in use
    ran_on: list[threading.Thread] = []
    build = demo_lib.build_pair_indexes

    def recorded(*args, **kwargs):
        ran_on.append(threading.current_thread())
        return build(*args, **kwargs)

    monkeypatch.setattr(demo_lib, "build_pair_indexes", recorded)
    upkeep = IndexUpkeep(demo_lib, jobs, start_ms=0, pause_ms=0)
    with qtbot.waitSignal(upkeep.pairs.finished, timeout=60_000) as done:
        upkeep.start()
    report = done.args[0]
    assert report.status == "built" and [t for t, _s in report.built] == ["claims", "sources"]
    assert ran_on and ran_on[0] is not threading.main_thread()  # never on the GUI thread
    assert not upkeep.running  # (the merging of a file library's index: not for a team library)
    assert _pair_states(demo_lib) == {"actors": "valid", "claims": "valid", "sources": "valid"}


def test_a_window_closed_before_the_build_starts_builds_nothing(qtbot, jobs, demo_lib):
    if not demo_lib.is_team:
        pytest.skip("a team library's index of word pairs")
    _drop_pair_indexes(demo_lib, "claims")
    upkeep = IndexUpkeep(demo_lib, jobs, start_ms=20, pause_ms=0)
    upkeep.start()
    upkeep.stop()
    qtbot.wait(100)
    assert upkeep.pairs.thread is None
    assert _pair_states(demo_lib)["claims"] == "missing"


def test_while_another_client_builds_the_window_looks_again_later(qtbot, demo_lib):
    if not demo_lib.is_team:
        pytest.skip("a team library's index of word pairs")
    import psycopg

    from app.storage.pg_pairs import BUILD_LOCK_KEY
    from ui.index_upkeep import PairIndexBuild

    _drop_pair_indexes(demo_lib, "sources")
    build = PairIndexBuild(demo_lib, start_ms=0, retry_ms=50)
    with psycopg.connect(_team_url(demo_lib), autocommit=True) as other:
        other.execute("SELECT pg_advisory_lock(%s)", (BUILD_LOCK_KEY,))
        with qtbot.waitSignal(build.finished, timeout=30_000) as first:
            build.start()
        assert first.args[0].status == "busy"
        assert _pair_states(demo_lib)["sources"] == "missing"
        built = qtbot.waitSignal(
            build.finished, timeout=30_000, check_params_cb=lambda r: getattr(r, "status", "") == "built"
        )
        with built:
            other.execute("SELECT pg_advisory_unlock(%s)", (BUILD_LOCK_KEY,))
    assert [t for t, _s in built.args[0].built] == ["sources"]
    assert _pair_states(demo_lib)["sources"] == "valid"
    build.stop()


def test_the_window_says_while_it_builds_the_phrase_index(qtbot, demo_lib):
    if not demo_lib.is_team:
        pytest.skip("a team library's index of word pairs")
    _drop_pair_indexes(demo_lib, "claims")
    w = MainWindow(demo_lib, Settings.load())
    qtbot.addWidget(w)
    w.show()
    pairs = w.index_upkeep.pairs
    seen: list[str] = []
    pairs.progressed.connect(lambda _p: seen.append(w.index_label.text()))
    pairs._timer.start(0)  # now, not 30 s after opening
    with qtbot.waitSignal(pairs.finished, timeout=60_000) as done:
        pass
    assert done.args[0].status == "built"
    # while it built, the status bar named it (on the GUI thread, from the build's thread)
    assert seen and all(t.startswith("Building the phrase search index (claims") for t in seen)
    assert "slower until it is done" in w.index_label.toolTip()
    # once built: the note is gone and the window says it is done
    assert w.index_label.isHidden()
    assert "phrase search index is built" in w.statusBar().currentMessage()
    assert _pair_states(demo_lib)["claims"] == "valid"
    w.close()


def test_the_window_names_the_share_built_and_a_failed_build(qtbot, demo_lib):
    from app.errors import LibraryError
    from app.storage.pg_pairs import BuildProgress

    w = MainWindow(demo_lib, Settings.load())
    qtbot.addWidget(w)
    w.show()
    pairs = w.index_upkeep.pairs
    pairs.progressed.emit(BuildProgress("sources", "building index: scanning table", 42, 100))
    assert (
        w.index_label.text() == "Building the phrase search index (sources, 42 %)"
        and w.index_label.isVisible()
    )
    pairs.finished.emit(LibraryError("The team library went away while its phrase index was built."))
    assert w.index_label.isHidden()
    assert "could not be built: The team library went away" in w.statusBar().currentMessage()
    w.close()
