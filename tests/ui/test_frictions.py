"""Frictions of the daily flow, each as the analyst met it: the toolbar, the dark palette switched while
running, the list after an import, the Claims page's filter, the Help menu, a 1280x800 screen."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QApplication

from ui.main_window import MainWindow
from ui.settings import Settings


@pytest.fixture
def window(qtbot, demo_lib):
    w = MainWindow(demo_lib, Settings.load())
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_undo_button_keeps_its_width_and_the_search_field_its_room(window, qtbot):
    tb = window.toolbar
    undo_button = tb.widgetForAction(window.toolbar_undo_action)
    QApplication.processEvents()
    width, search = undo_button.width(), window.search_field.width()
    assert undo_button.text() == "Undo" and not undo_button.isEnabled()
    window.undo_stack.push(QUndoCommand("Merge Lena-Marie Osk, Marie-Osk and L. M. Osk into a12"))
    QApplication.processEvents()
    assert undo_button.text() == "Undo" and undo_button.isEnabled()
    assert undo_button.width() == width and window.search_field.width() == search
    assert "Undo Merge Lena-Marie Osk" in undo_button.toolTip() and "Ctrl+Z" in undo_button.toolTip()
    assert window.undo_action.text().startswith("&Undo Merge")  # the Edit menu still says what it undoes
    undo_button.click()
    assert window.undo_stack.index() == 0
    redo_button = tb.widgetForAction(window.toolbar_redo_action)
    assert redo_button.isEnabled() and redo_button.text() == "Redo"


def _luminance(c) -> float:
    def ch(v: float) -> float:
        v /= 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * ch(c.red()) + 0.7152 * ch(c.green()) + 0.0722 * ch(c.blue())


def _contrast(a, b) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_switching_to_dark_while_running_repolishes_every_label_and_card(window, monkeypatch):
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QLabel

    from ui import settings_dialog, theme
    from ui.claim_links_view import ClaimCard

    app = QApplication.instance()
    theme.apply(app, "light")
    window.go_to("claims")
    QApplication.processEvents()
    assert window.claims.links.findChildren(ClaimCard), "a claim is shown with its cards"

    def choose_dark(dlg) -> int:  # Settings > Appearance > Dark, OK
        dlg.editors["appearance"].setCurrentIndex(dlg.editors["appearance"].findData("dark"))
        dlg.accept()
        return 1

    monkeypatch.setattr(settings_dialog.SettingsDialog, "exec", choose_dark)
    try:
        window.edit_settings()
        QApplication.processEvents()
        from PySide6.QtCore import QEvent

        QApplication.sendPostedEvents(
            None, QEvent.Type.DeferredDelete.value
        )  # the cards redrawn replace the old
        assert theme.colors().dark
        background = theme.dark_palette().color(QPalette.ColorRole.Window)
        labels = [w for w in window.findChildren(QLabel) if w.isVisible() and w.text().strip()]
        assert len(labels) > 10
        dim = [
            (w.objectName() or w.text()[:30], w.palette().color(w.foregroundRole()).name())
            for w in labels
            if _contrast(w.palette().color(w.foregroundRole()), background) < 4.5
        ]
        assert dim == [], f"dark on dark: {dim}"
        cards = window.claims.links.findChildren(ClaimCard)
        assert cards and all(theme.DARK.card.name() in c.styleSheet() for c in cards)
        image = cards[0].grab().toImage()
        pixel = image.pixelColor(image.width() - 6, image.height() // 2)
        assert _luminance(pixel) < 0.1, f"the card is still light: {pixel.name()}"
        table = window.claims.table
        assert table.palette().color(QPalette.ColorRole.Base) == theme.dark_palette().color(
            QPalette.ColorRole.Base
        )
    finally:
        theme.apply(app, "light")


def test_after_an_import_the_list_selects_the_new_source_and_the_counts_keep_up(window, demo_lib, tmp_path):
    from ui.paged_model import ID_ROLE

    sources = window.sources
    window.go_to("sources")
    QApplication.processEvents()
    first = sources.model.record(0).id
    sources.table.selectRow(0)  # the analyst was reading the first source
    QApplication.processEvents()
    assert sources.current_source.id == first
    before = demo_lib.counts()
    path = tmp_path / "kessel.txt"
    path.write_text("Bridge at Kessel reopens\n\nThe ministry said on Monday the bridge had reopened.\n")
    window.import_paths([str(path)])
    new = demo_lib.counts()["sources"]
    assert new == before["sources"] + 1
    # the status bar says it at once, as the list shows it (not after a timer)
    assert f"{new} sources" in window.counts_label.text()
    QApplication.processEvents()
    QApplication.processEvents()
    shown = sources.reader.source
    assert shown.title == "Bridge at Kessel reopens" and shown.id != first
    selected = sources.table.selectionModel().selectedRows()
    assert [i.data(ID_ROLE) for i in selected] == [shown.id]
    assert sources.table.currentIndex().data(ID_ROLE) == shown.id


def test_claims_filtered_by_actor_never_keep_showing_a_claim_the_list_dropped(window, demo_lib, qtbot):
    view = window.claims
    window.go_to("claims")
    QApplication.processEvents()
    shown = view.shown_id()
    assert shown is not None
    actor = demo_lib.claims.get(shown).actor_name
    other = next(a.name for a in demo_lib.actors.list(limit=100).items if a.name != actor and a.claim_count)
    view.actor_filter.setText(other)
    view.apply_filter()
    listed = [view.model.record(r) for r in range(view.model.rowCount())]
    assert listed and all(c.actor_name == other for c in listed)
    assert view.shown_id() == listed[0].id  # not the previous actor's claim
    assert view.links.data.claim.actor_name == other
    assert [i.row() for i in view.table.selectionModel().selectedRows()] == [0]
    # narrowing to nothing empties the right pane too
    view.actor_filter.setText("no actor has this name")
    view.apply_filter()
    assert view.model.rowCount() == 0 and view.shown_id() is None
    assert view.links.placeholder.isVisible()
    # a claim still listed stays shown when the filter changes
    view.actor_filter.setText(other)
    view.apply_filter()
    keep = view.model.record(view.model.rowCount() - 1).id
    view.show_claim(keep, select=True)
    view.actor_filter.setText(other[: max(3, len(other) // 2)])
    view.apply_filter()
    assert view.shown_id() == keep


def test_help_menu_has_the_guide_the_keyboard_list_and_report_a_problem(window):
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    texts = [a.text() for a in help_menu.actions() if not a.isSeparator()]
    assert texts == ["&User guide", "&Keyboard shortcuts", "&Report a problem...", "&About Briefdesk"]
    assert window.guide_action.shortcut().toString() == "F1"


def test_keyboard_list_is_read_from_the_window_and_filters(window, qtbot):
    window.keys_action.trigger()
    dlg = window.keyboard_dialog
    rows = dlg.rows()
    assert ("File", "New brief", "Ctrl+N") in rows
    assert ("Edit", "Find", "Ctrl+F") in rows
    assert ("In Actors", "Edit actor", "F2") in rows and ("In Actors", "Delete actor", "Del") in rows
    assert any(g == "View" and k == "Ctrl+3" for g, _c, k in rows)
    assert ("Help", "Keyboard shortcuts", "Ctrl+/") in rows
    dlg.filter.setText("ctrl+m")
    assert [r[1] for r in dlg.rows()] == ["Merge into"]
    dlg.filter.setText("")
    assert len(dlg.rows()) == len(rows)


def test_user_guide_is_rendered_in_the_app_with_its_pictures(window):
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextDocument

    window.guide_action.trigger()
    guide = window.guide_window
    assert guide.isVisible()
    text = guide.browser.toPlainText()
    assert "Drafting claims from a source" in text and "Truth cannot be judged" in text
    sections = [guide.contents.item(i).text() for i in range(guide.contents.count())]
    assert {"Sources", "Claims", "Actors", "Briefs", "Exporting"} <= set(sections)
    image = guide.browser.document().resource(
        QTextDocument.ResourceType.ImageResource, QUrl("screenshots/claims-and-denials.png")
    )
    assert image is not None and not image.isNull()
    guide.contents.setCurrentRow(sections.index("Actors"))
    window.guide_action.trigger()  # F1 again: the same window, raised
    assert window.guide_window is guide


def test_report_a_problem_copies_version_system_and_the_end_of_the_log(window, tmp_path, monkeypatch):
    from app import __version__

    log = tmp_path / "briefdesk.log"
    log.write_text(
        "".join(f"2026-12-04 line {i} INFO app: something\n" for i in range(1, 501)), encoding="utf-8"
    )
    monkeypatch.setattr("ui.main_window.log_path", lambda: str(log))
    window.report_action.trigger()
    copied = QApplication.clipboard().text()
    assert copied == window.report_dialog.report
    assert copied.startswith(f"Briefdesk {__version__}\nPython ")
    assert f"Library: {window.lib.path}" in copied and "Qt " in copied
    assert "line 500 INFO" in copied and "line 301 INFO" in copied and "line 300 INFO" not in copied
    assert "sends nothing" in window.report_dialog.findChildren(type(window.counts_label))[0].text()


def _inside(child, parent) -> bool:
    """The child's rectangle lies wholly inside the parent's (nothing of it cut off)."""
    from PySide6.QtCore import QRect

    top_left = child.mapTo(parent, child.rect().topLeft())
    return parent.rect().contains(QRect(top_left, child.size()))


def test_at_1280_by_800_the_brief_page_gives_the_text_its_room_and_cuts_nothing_off(window, qtbot):
    window.go_to("briefs")
    briefs = window.briefs
    briefs.open_brief(briefs.model.record(0).id)
    editor = briefs.current_editor()
    qtbot.waitUntil(lambda: editor.body() != "" and editor._laid_out)
    # under 1200 px for the editor: the text alone beside the side panel, the preview a key away
    qtbot.waitUntil(lambda: not editor.preview_shown())
    assert not editor.preview.isVisible() and not window.brief_preview_action.isChecked()
    text = editor.editor.width()
    assert text >= 0.6 * editor.width()
    # the preview's switch is in sight under the text, unchecked, and it brings the preview back (and away)
    switch = editor.preview_button
    assert switch.isVisible() and _inside(switch, editor) and not switch.isChecked()
    assert "Preview" in switch.text() and "Ctrl+Alt+P" in switch.toolTip()
    switch.click()
    qtbot.waitUntil(lambda: "Key judgments" in editor.preview.toPlainText(), timeout=10_000)
    assert editor.preview.isVisible() and switch.isChecked() and window.brief_preview_action.isChecked()
    switch.click()
    assert not editor.preview.isVisible() and not window.brief_preview_action.isChecked()
    # the side panel's panes all name themselves on its edge
    bar = editor.side.tabBar()
    names = [bar.tabText(i) for i in range(bar.count())]
    assert {"Outline", "Checks"} <= {n.replace("&", "") for n in names}
    assert all(bar.rect().contains(bar.tabRect(i)) for i in range(bar.count()))
    assert _inside(bar, editor)
    # the checks list: findings wrap in the panel, never run off its right edge
    editor.show_pane("checks")
    tree = editor.checks.tree
    qtbot.waitUntil(lambda: tree.topLevelItemCount() > 0, timeout=10_000)
    QApplication.processEvents()
    header = tree.header()
    assert header.sectionSize(0) + header.sectionSize(1) <= tree.viewport().width()
    assert not tree.horizontalScrollBar().isVisible()
    one_line = tree.fontMetrics().height()
    longest = max(
        (tree.topLevelItem(i) for i in range(tree.topLevelItemCount())), key=lambda it: len(it.text(0))
    )
    if tree.fontMetrics().horizontalAdvance(longest.text(0)) > header.sectionSize(0):
        assert tree.visualItemRect(longest).height() >= 2 * one_line  # wrapped, not cut off
    # folding the side panel gives the text its width; a click on a pane's name opens it again
    window.brief_side_action.trigger()
    QApplication.processEvents()
    assert not editor.side_shown() and editor.editor.width() > text + 150
    editor._side_tab_clicked(0)
    assert editor.side_shown() and window.brief_side_action.isChecked()
    # the preview comes back beside the text, rendered
    window.brief_preview_action.trigger()
    qtbot.waitUntil(lambda: "Key judgments" in editor.preview.toPlainText(), timeout=10_000)
    assert editor.preview.isVisible() and editor.preview.width() >= 250 and editor.editor.width() >= 320
    # a long title shows whole in the list's tooltip and up to 48 characters on its tab
    long_title = "Harbour reopening and the northern bridge convoys, week 3"
    briefs._editor_title(editor, long_title)
    tab = briefs.tabs.tabText(briefs.tabs.indexOf(editor))
    assert (
        tab.startswith(long_title[:40]) and briefs.tabs.tabToolTip(briefs.tabs.indexOf(editor)) == long_title
    )


def test_at_1280_the_claims_header_fits_and_columns_come_back_when_there_is_room(window, qtbot):
    window.go_to("claims")
    view = window.claims
    qtbot.waitUntil(lambda: view.model.rowCount() > 0)
    QApplication.processEvents()
    table, header = view.table, view.table.horizontalHeader()

    def shown_width() -> int:
        return sum(header.sectionSize(i) for i in range(header.count()) if not header.isSectionHidden(i))

    assert shown_width() <= table.viewport().width()
    assert header.sectionSize(view.column_fitter.stretch) >= 200  # the claim keeps its room
    assert not table.horizontalScrollBar().isVisible()
    # at 1280 px the source column gives way (the pane beside the list names the source)
    assert view.column_fitter.hidden() == [5] and not header.isSectionHidden(6)
    window.resize(1920, 1080)
    QApplication.processEvents()
    assert shown_width() <= table.viewport().width()
    assert view.column_fitter.hidden() == []  # a wide screen shows every column
    window.resize(1280, 800)
    QApplication.processEvents()
    assert view.column_fitter.hidden() == [5] and shown_width() <= table.viewport().width()


def test_at_1920_the_preview_shows_beside_the_text_and_the_analysts_choice_is_kept(window, qtbot):
    window.resize(1920, 1080)
    window.go_to("briefs")
    briefs = window.briefs
    briefs.open_brief(briefs.model.record(0).id)
    editor = briefs.current_editor()
    qtbot.waitUntil(lambda: editor.body() != "" and editor._laid_out)
    QApplication.processEvents()
    assert editor.width() >= 1200 and editor.preview_shown() and editor.preview.isVisible()
    assert editor.editor.width() >= 500 and editor.preview.width() >= 320
    window.brief_preview_action.trigger()  # the analyst hides it: remembered for the next brief
    assert not editor.preview.isVisible()
    briefs.close_tab(briefs.tabs.indexOf(editor))
    briefs.open_brief(briefs.model.record(0).id)
    again = briefs.current_editor()
    qtbot.waitUntil(lambda: again.body() != "" and again._laid_out)
    QApplication.processEvents()
    assert not again.preview_shown() and not window.brief_preview_action.isChecked()
