"""The main window's layout kept between runs: geometry, splitter positions and the page last shown
(in QSettings through ``ui.settings.window_state``; preferences live in ``ui.settings.Settings``)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSize
from PySide6.QtWidgets import QSplitter

from ui.main_menus import PAGES
from ui.settings import window_state


class WindowLayout:
    """Part of ``MainWindow``: its size, splitters and page, kept between runs."""

    def _splitters(self) -> dict[str, QSplitter]:
        """The splitters whose positions are remembered, by their key in the saved state."""
        return {
            "main": self.split,
            "sources": self.sources.split,
            "sources_reader": self.sources.right_split,
            "claims": self.claims.split,
            "briefs": self.briefs.split,
        }

    def _restore_geometry(self, start_page: str | None) -> None:
        """The window's size and position and its page; splitters wait for the window's real size."""
        state = window_state()
        geometry = state.value("window/geometry")
        if isinstance(geometry, QByteArray | bytes) and geometry:
            self.restoreGeometry(QByteArray(geometry))
        else:
            self.resize(default_size(self.screen()))
        page = start_page or state.value("window/page", "claims")
        self.go_to(page if page in PAGES else "claims")

    def _restore_splitters(self) -> None:
        state = window_state()
        for key, splitter in self._splitters().items():
            value = state.value(f"splitters/{key}")
            if isinstance(value, QByteArray | bytes) and value:
                splitter.restoreState(QByteArray(value))

    def save_state(self) -> None:
        state = window_state()
        state.setValue("window/geometry", self.saveGeometry())
        for key, splitter in self._splitters().items():
            state.setValue(f"splitters/{key}", splitter.saveState())
        page = self.current_page()
        state.setValue("window/page", page if page != "search" else "claims")
        state.sync()


def default_size(screen) -> QSize:
    """1280 x 800, or less on a small screen: the frame, menus and status bar stay on the screen."""
    if screen is None:
        return QSize(1280, 800)
    avail = screen.availableGeometry()
    return QSize(min(1280, int(avail.width() * 0.94)), min(800, int(avail.height() * 0.9)))
