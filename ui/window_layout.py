"""The main window's layout kept between runs: geometry, splitter positions and the page last shown
(in QSettings through ``ui.settings.window_state``; preferences live in ``ui.settings.Settings``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSize
from PySide6.QtWidgets import QSplitter

from ui.main_menus import PAGES
from ui.settings import window_state

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def splitters(w: MainWindow) -> dict[str, QSplitter]:
    """The splitters whose positions are remembered, by their key in the saved state."""
    return {
        "main": w.split,
        "sources": w.sources.split,
        "sources_reader": w.sources.right_split,
        "claims": w.claims.split,
        "briefs": w.briefs.split,
    }


def restore_geometry(w: MainWindow, start_page: str | None) -> None:
    """The window's size and position and its page; splitters wait for the window's real size."""
    state = window_state()
    geometry = state.value("window/geometry")
    if isinstance(geometry, QByteArray | bytes) and geometry:
        w.restoreGeometry(QByteArray(geometry))
    else:
        w.resize(default_size(w.screen()))
    page = start_page or state.value("window/page", "claims")
    w.go_to(page if page in PAGES else "claims")


def restore_splitters(w: MainWindow) -> None:
    state = window_state()
    for key, splitter in splitters(w).items():
        value = state.value(f"splitters/{key}")
        if isinstance(value, QByteArray | bytes) and value:
            splitter.restoreState(QByteArray(value))


def save_layout(w: MainWindow) -> None:
    state = window_state()
    state.setValue("window/geometry", w.saveGeometry())
    for key, splitter in splitters(w).items():
        state.setValue(f"splitters/{key}", splitter.saveState())
    page = w.current_page()
    state.setValue("window/page", page if page != "search" else "claims")
    state.sync()


def default_size(screen) -> QSize:
    """1280 x 800, or less on a small screen: the frame, menus and status bar stay on the screen."""
    if screen is None:
        return QSize(1280, 800)
    avail = screen.availableGeometry()
    return QSize(min(1280, int(avail.width() * 0.94)), min(800, int(avail.height() * 0.9)))
