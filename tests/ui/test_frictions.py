"""Frictions of the daily flow, each as the analyst met it: the toolbar, the dark palette switched while
running, the list after an import, the Claims page's filter, the Help menu, a 1280x800 screen."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QApplication

from ui.main_window import MainWindow
from ui.settings import Settings


@pytest.fixture
def window(qtbot, demo_library):
    w = MainWindow(demo_library, Settings.load())
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
