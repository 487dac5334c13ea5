"""The main window: title, navigation, search opening a hit, import (menu and dropped files), settings,
geometry and splitters remembered, libraries (new, open, recent), a second instance, first run, errors."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from app.errors import ValidationError
from app.library import Library
from ui import main as ui_main
from ui.about_dialog import AboutDialog
from ui.error_dialog import error_box, log_path
from ui.main_window import MainWindow
from ui.settings import Settings, settings_path
from ui.settings_dialog import SettingsDialog


@pytest.fixture
def window(qtbot, demo_lib):
    w = MainWindow(demo_lib, Settings.load())
    qtbot.addWidget(w)
    w.show()
    return w


@pytest.mark.sqlite_only("the title names the library's file")
def test_title_names_the_library_then_the_brief(window, demo_lib):
    assert window.windowTitle() == "Briefdesk \u2014 demo"
    brief = demo_lib.briefs.list().items[0]
    window.go_to("briefs")
    window.briefs.open_brief(brief.id)
    assert window.windowTitle() == f"Briefdesk \u2014 {brief.title}"
    assert window.export_action.isEnabled() == window.briefs.current_editor().export_action.isEnabled()
    window.go_to("claims")
    assert window.windowTitle() == "Briefdesk \u2014 demo"


def test_status_bar_counts(window, demo_lib):
    c = demo_lib.counts()
    assert f"{c['claims']} claims" in window.counts_label.text()
    assert f"{c['sources']} sources" in window.counts_label.text()
    assert c["briefs"] == 1 and window.counts_label.text().endswith("\u00b7 1 brief")


def test_counted_nouns_agree_with_their_number():
    from app._text import counted

    assert [counted(n, "claim") for n in (0, 1, 2, 1204)] == [
        "0 claims",
        "1 claim",
        "2 claims",
        "1,204 claims",
    ]


def test_menus_hold_the_expected_commands(window):
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[:3] == ["&File", "&Edit", "&View"] and titles[-1] == "&Help"
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions() if a.text()]
    for expected in (
        "&New brief...",
        "&Open library...",
        "Recent &libraries",
        "New &library...",
        "&Import...",
        "&Export...",
        "&Quit",
    ):
        assert expected in texts
    assert window.export_action.shortcut().toString() == "Ctrl+E"
    assert window.undo_action.shortcut().toString() == "Ctrl+Z"
    assert "Ctrl+Shift+Z" in [s.toString() for s in window.redo_action.shortcuts()]
    assert window.sources.claim_action.shortcut().toString() == "Ctrl+Shift+C"
    assert window.find_action.shortcut().toString() == "Ctrl+F"


def test_search_shows_highlighted_snippets_and_enter_opens_a_claim(window, demo_lib, qtbot):
    claim = demo_lib.claims.list(limit=1).items[0]
    word = max(claim.quote.split(), key=len).strip(".,;:\u201c\u201d\"'")
    window.find_action.trigger()
    window.search_field.setText(word)
    window.search_field.run_search()
    assert window.current_page() == "search"
    hits = window.search_results.model.hits
    assert hits, "search found something"
    html = window.search_results.model.index(0).data(Qt.ItemDataRole.UserRole + 1)
    assert "<b" in html
    row = next(i for i, h in enumerate(hits) if h.entity == "claim")
    window.search_results.list.setCurrentIndex(window.search_results.model.index(row))
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    hit = hits[row]
    assert window.current_page() == "claims"
    assert window.claims.shown_id() == hit.id


def test_search_enter_opens_a_source_at_the_match(window, demo_lib, qtbot):
    source = demo_lib.sources.list(limit=1).items[0]
    word = max(source.title.split(), key=len).strip(".,:")
    window.search_field.setText(word)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    hits = window.search_results.model.hits
    assert hits[0].entity in ("source", "claim", "actor")
    src_row = next(i for i, h in enumerate(hits) if h.entity == "source")
    for _ in range(src_row):
        qtbot.keyClick(window.search_field, Qt.Key.Key_Down)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert window.current_page() == "sources"
    assert window.sources.reader.source.id == hits[src_row].id


def test_search_with_odd_input_never_fails(window):
    for text in ('"unbalanced', "AND OR (", "-", "*", "\u202e\U0001f600"):
        window.search_field.setText(text)
        window.search_field.run_search()


def _write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return str(p)


def test_import_through_the_menu(window, demo_lib, tmp_path, monkeypatch):
    a = _write(
        tmp_path, "a.txt", "Ministry says bridge repaired\n\nThe ministry said the bridge was repaired."
    )
    bad = tmp_path / "bad.xyz"
    bad.write_bytes(b"\x00\x01")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a_, **k: ([a, str(bad)], ""))
    before = demo_lib.counts()["sources"]
    window.import_action.trigger()
    assert demo_lib.counts()["sources"] == before + 1
    runner = window.last_import
    assert runner.report is not None and len(runner.report.failed) == 1
    assert "1 source imported from 1 file" in runner.summary_box.text()
    assert "could not be imported" in runner.summary_box.text()
    assert window.current_page() == "sources"
    assert window.sources.reader.source.title == "Ministry says bridge repaired"
    assert window.sources.model.row_of(window.sources.reader.source.id) >= 0


def test_import_can_be_cancelled(window, demo_lib, tmp_path):
    paths = [_write(tmp_path, f"f{i}.txt", f"Title {i}\n\nBody {i}.") for i in range(3)]
    runner = window.import_paths.__func__  # noqa: F841 - the real method, used below
    from ui.import_runner import ImportRunner

    r = ImportRunner(demo_lib, window.jobs, paths, parent=window, show_summary=False)
    r.cancel()
    before = demo_lib.counts()["sources"]
    r.start()
    assert r.report.cancelled
    assert demo_lib.counts()["sources"] == before


def test_files_dropped_on_the_window_are_imported(window, demo_lib, tmp_path):
    path = _write(tmp_path, "dropped.md", "# Dropped report\n\nText of the dropped report.")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(path)])
    before = demo_lib.counts()["sources"]
    drop = QDropEvent(
        QPoint(50, 50).toPointF(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(drop)
    assert demo_lib.counts()["sources"] == before + 1


def test_settings_persist_and_feed_new_briefs(window, monkeypatch):
    dlg = SettingsDialog(window.settings, window)
    dlg.editors["default_author"].setText("A. Analyst")
    dlg.editors["default_organisation"].setText("Desk 4")
    dlg.editors["paper_size"].setCurrentIndex(dlg.editors["paper_size"].findData("Letter"))
    dlg.editors["default_marking_scheme"].setCurrentIndex(
        dlg.editors["default_marking_scheme"].findData("tlp")
    )
    dlg.editors["default_marking"].setText("TLP:AMBER")
    dlg.accept()
    assert settings_path().exists()
    again = Settings.load()
    assert again.get("default_author") == "A. Analyst"
    assert again.get("paper_size") == "Letter"
    assert again.brief_defaults() == {
        "author": "A. Analyst",
        "organisation": "Desk 4",
        "marking_scheme": "tlp",
        "default_marking": "TLP:AMBER",
    }
    from ui.brief_properties_dialog import BriefPropertiesDialog

    seen = {}

    def fake_new(cls, lib, jobs, parent=None, defaults=None):
        seen.update(defaults or {})
        return lib.briefs.create(title="From defaults", **(defaults or {})).after.id

    monkeypatch.setattr(BriefPropertiesDialog, "new_brief", classmethod(fake_new))
    window.new_brief_action.trigger()
    assert seen["author"] == "A. Analyst"
    assert window.current_page() == "briefs"
    assert window.briefs.current_editor() is not None


def test_settings_file_with_bad_values_falls_back_to_defaults(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text('{"paper_size": "A0", "default_author": 5, "appearance": "dark"}', encoding="utf-8")
    s = Settings.load(path)
    assert s.get("paper_size") == "A4" and s.get("default_author") == "" and s.get("appearance") == "dark"
    path.write_text("not json", encoding="utf-8")
    assert Settings.load(path).get("paper_size") == "A4"


def test_geometry_splitters_and_page_are_remembered(qtbot, demo_lib):
    w = MainWindow(demo_lib, Settings.load())
    qtbot.addWidget(w)
    w.show()
    w.resize(790, 590)  # within the offscreen screen (800x800), above the window's minimum size
    size = (w.width(), w.height())
    assert size[1] == 590
    w.go_to("claims")
    w.claims.split.setSizes([250, 400])
    sizes = w.claims.split.sizes()
    w.go_to("sources")
    w.close()  # saves the state
    w2 = MainWindow(Library.open(demo_lib.path), Settings.load())
    qtbot.addWidget(w2)
    w2.show()
    assert (w2.width(), w2.height()) == size
    assert w2.current_page() == "sources"
    w2.go_to("claims")
    qtbot.waitUntil(lambda: w2.claims.split.sizes() == sizes, timeout=2000)


@pytest.mark.sqlite_only("new and recent libraries are files")
def test_new_library_is_empty_and_recent_libraries_are_listed(window, demo_lib, tmp_path, monkeypatch, qtbot):
    target = tmp_path / "fresh.briefdesk"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    switched = []
    window.library_switched.connect(switched.append)
    window.new_library_action.trigger()
    assert target.exists()
    new = switched[0]
    qtbot.addWidget(new)
    assert new.lib.counts()["claims"] == 0
    assert new.windowTitle() == "Briefdesk \u2014 fresh"
    recent = [a.text() for a in new.recent_menu.actions()]
    assert str(demo_lib.path.resolve()) in recent
    new.library_switched.connect(switched.append)
    new.recent_menu.actions()[recent.index(str(demo_lib.path.resolve()))].trigger()
    back = switched[-1]
    qtbot.addWidget(back)
    assert back is not new and back.lib.path.resolve() == demo_lib.path.resolve()
    assert back.lib.counts()["claims"] > 0


def test_open_library_refuses_a_file_that_is_not_a_library(window, tmp_path, monkeypatch):
    junk = tmp_path / "junk.briefdesk"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    shown = []
    monkeypatch.setattr("ui.window_files.show_error", lambda parent, exc: shown.append(exc))
    assert window.open_library(junk) is None
    assert shown and str(junk) in str(shown[0])
    assert junk.read_bytes() == b"this is not sqlite at all" * 100


def test_a_second_instance_opens_the_same_library(qtbot, demo_lib):
    first = MainWindow(demo_lib, Settings.load())
    qtbot.addWidget(first)
    other_lib = Library.open(demo_lib.path, create=False)
    second = MainWindow(other_lib, Settings.load())
    qtbot.addWidget(second)
    first.show()
    second.show()
    first.go_to("claims")
    second.go_to("claims")
    assert second.claims.model.rowCount() == first.claims.model.rowCount() > 0
    c = demo_lib.claims.list(limit=1).items[0]
    first.claims.delete_claim(c.id)
    second.claims.model.refresh()
    assert second.claims.model.row_of(c.id) == -1
    second.close()


def test_errors_plain_for_known_detailed_for_unknown(qtbot):
    box = error_box(None, ValidationError("'Q' is not a reliability grade; use a letter from A to F."))
    assert box.text().startswith("'Q' is not") and not box.detailedText()
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        box = error_box(None, exc)
    assert "boom" in box.detailedText() and log_path() in box.informativeText()
    assert box.icon() == QMessageBox.Icon.Critical
    from app.errors import CancelledError

    assert error_box(None, CancelledError()) is None


def test_about_says_what_briefdesk_is_not(qtbot):
    dlg = AboutDialog(library="/tmp/x.briefdesk", log_file="/tmp/log")
    qtbot.addWidget(dlg)
    assert "not an accredited system for classified material" in dlg.text.text()
    from app import __version__

    assert f"Briefdesk {__version__}</h2>" in dlg.text.text()


def test_first_run_creates_the_demo_library_and_opens_it(qtbot, tmp_path, monkeypatch):
    target = tmp_path / "first" / "library.briefdesk"
    monkeypatch.setenv("BRIEFDESK_LIBRARY", str(target))
    monkeypatch.setenv("BRIEFDESK_QUIT_AFTER_INTERACTIVE", "1")
    assert ui_main.resolve_library_path(None) == target
    assert ui_main.resolve_library_path(str(tmp_path / "arg.briefdesk")) == tmp_path / "arg.briefdesk"
    from PySide6.QtCore import QTimer

    QTimer.singleShot(15000, QApplication.instance().quit)  # a safety net: never hang the suite
    assert ui_main.run(None) == 0
    assert target.exists()
    with Library.open(target, create=False) as lib:
        counts = lib.counts()
    assert counts["claims"] >= 25 and counts["briefs"] >= 1


def test_default_library_path_is_used_without_argument_or_env(monkeypatch):
    monkeypatch.delenv("BRIEFDESK_LIBRARY", raising=False)
    from app.paths import default_library_path

    assert ui_main.resolve_library_path(None) == default_library_path()
    assert os.fspath(default_library_path()).endswith("library.briefdesk")


def test_no_two_actions_share_a_shortcut(qtbot, tmp_path):
    from collections import Counter

    from PySide6.QtGui import QAction

    from app.demo import populate
    from app.library import Library
    from ui.main_window import MainWindow
    from ui.settings import Settings

    lib = Library.open(tmp_path / "s.briefdesk")
    populate(lib)
    window = MainWindow(lib, Settings.load())
    qtbot.addWidget(window)
    shortcuts = Counter(
        a.shortcut().toString() for a in window.findChildren(QAction) if not a.shortcut().isEmpty()
    )
    assert [s for s, n in shortcuts.items() if n > 1] == []
    lib.close()


def test_a_stix_bundle_imported_through_the_menu_brings_claims_and_lists_what_it_skipped(
    window, demo_lib, tmp_path, monkeypatch
):
    import json

    report_id = "report--9d2f7c1e-5b4a-4e3d-8c2b-0a1b2c3d4e5f"
    note_id = "note--4c6bd9a0-6d3c-4a8e-9b3e-1f2a3b4c5d6e"
    ts = "2026-11-02T10:00:00.000Z"
    bundle = {
        "type": "bundle",
        "id": "bundle--1f0e2d3c-4b5a-4697-8877-665544332211",
        "objects": [
            {
                "type": "report",
                "spec_version": "2.1",
                "id": report_id,
                "created": ts,
                "modified": ts,
                "name": "Ferry service suspended",
                "published": ts,
                "object_refs": [note_id],
            },
            {
                "type": "note",
                "spec_version": "2.1",
                "id": note_id,
                "created": ts,
                "modified": ts,
                "content": "The ferry will not sail this week.",
                "object_refs": [report_id],
            },
            {"type": "malware", "spec_version": "2.1", "id": "malware--0c0c0c0c-1d1d-4e4e-8f8f-a0a0a0a0a0a0"},
        ],
    }
    path = tmp_path / "from-opencti.json"
    path.write_text(json.dumps(bundle), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a_, **k: ([str(path)], ""))
    before = demo_lib.counts()
    window.import_action.trigger()
    after = demo_lib.counts()
    assert after["claims"] == before["claims"] + 1 and after["sources"] == before["sources"] + 1
    box = window.last_import.summary_box
    assert "1 source imported from 1 file" in box.text()
    assert "1 claim created" in box.detailedText()
    assert "1 malware object: a type Briefdesk does not keep" in box.detailedText()


def test_opening_a_library_prunes_change_log_rows_older_than_the_activity_window(qtbot, tmp_path):
    import datetime as dt

    from sqlalchemy import func, select, update

    from app.storage.models import ChangeLogEntry, utcnow

    path = tmp_path / "log.briefdesk"
    with Library.open(path, user="alice") as lib:
        lib.sources.create(title="Old report", body="Old text.")
        lib.sources.create(title="Older report", body="Older text.")
        with lib.writing() as s:
            s.execute(update(ChangeLogEntry).values(at=utcnow() - dt.timedelta(days=40)))
        lib.sources.create(title="Fresh report", body="Fresh text.")
    lib = Library.open(path, user="bob")
    try:
        w = MainWindow(lib, Settings.load())
        qtbot.addWidget(w)

        def rows() -> int:
            with lib.reading() as s:
                return int(s.scalar(select(func.count()).select_from(ChangeLogEntry)))

        qtbot.waitUntil(lambda: rows() == 1, timeout=5000)
        assert [a.label for a in lib.changes.recent()] == ["Fresh report"]
        w.jobs.wait()
        w.close()
    finally:
        lib.close()
