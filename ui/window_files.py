"""The main window's files: sources imported by menu or by dropping files, and libraries opened (a file,
a new file, a team library on a server, a recent one). Part of ``MainWindow`` (``switch_to_library`` there
shows the opened library in a new window)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from app.errors import BriefdeskError
from ui.error_dialog import show_error
from ui.import_runner import ImportRunner

LIBRARY_FILTER = "Briefdesk libraries (*.briefdesk);;All files (*)"


class WindowFiles:
    """Part of ``MainWindow``: imports and opening libraries."""

    # --- import --------------------------------------------------------------------------------------
    def import_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            "Import sources",
            "",
            "Sources (*.txt *.md *.markdown *.html *.htm *.xhtml *.mhtml *.mht *.docx *.doc *.rtf *.odt *.pdf *.eml);;"
            "Reference lists, STIX bundles and MISP events (*.json *.ris *.bib);;All files (*)",
        )
        if paths:
            self.import_paths(paths)

    def import_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Import a folder of sources")
        if path:
            self.import_paths([path])

    def import_paths(self, paths: list[str]) -> ImportRunner:
        runner = ImportRunner(self.lib, self.jobs, paths, parent=self, report_error=self.report_error)
        runner.finished_report.connect(self._imported)
        self.last_import = runner
        runner.start()
        return runner

    def _imported(self, report) -> None:
        if report is None:
            return
        ids = [sid for r in report.results for sid in r.source_ids]
        if ids:
            self.go_to("sources")
            self.sources.open_source(ids[0])

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        self.dragEnterEvent(event)

    def dropEvent(self, event) -> None:  # noqa: N802
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    # --- libraries -----------------------------------------------------------------------------------
    def _library_folder(self) -> str:
        """Where the file dialogs start: the open library's folder (for a team library, the default's)."""
        if getattr(self.lib, "is_team", False):
            from app import paths

            return str(paths.default_library_path().parent)
        return str(Path(self.lib.path).parent)

    def choose_library(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open library", self._library_folder(), LIBRARY_FILTER)
        if path:
            self.open_library(path)

    def new_library(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "New library", str(Path(self._library_folder()) / "new.briefdesk"), LIBRARY_FILTER
        )
        if not path:
            return
        if not path.endswith(".briefdesk"):
            path += ".briefdesk"
        if os.path.exists(path):
            show_error(self, BriefdeskError(f"{path} already exists; choose another name, or open it."))
            return
        self.open_library(path, create=True)

    def open_library(self, path: str | os.PathLike, *, create: bool = False):
        """Open another library in a new window and close this one. Returns the new window (or None)."""
        from app.library import Library
        from app.storage import postgres

        if postgres.is_url(str(path)):  # a server may take seconds to answer: never on the GUI thread
            return self.choose_team_library(str(path), connect=True)
        try:
            lib = Library.open(path, create=create)
        except BriefdeskError as exc:
            show_error(self, exc)
            return None
        except Exception as exc:  # noqa: BLE001 - shown with details
            show_error(self, exc)
            return None
        return self.switch_to_library(lib)

    def choose_team_library(self, address: str | None = None, *, connect: bool = False):
        """File > Open team library: the connection dialog (filled in with ``address``, and connecting at
        once if ``connect``); the library opens in a new window once connected. Returns the dialog."""
        from app.storage import postgres
        from ui.team_library_dialog import TeamLibraryDialog

        recent = [p for p in self.settings.get("recent_libraries") if postgres.is_url(p)]
        dlg = TeamLibraryDialog(recent=recent, address=address, parent=self)
        self.team_dialog = dlg

        def finished(_result: int) -> None:
            self.team_dialog = None
            dlg.deleteLater()
            if dlg.library is not None:
                self.switch_to_library(dlg.library)

        dlg.finished.connect(finished)
        dlg.open()
        if connect:
            dlg.connect_to_library()
        return dlg

    def _rebuild_recent_menu(self) -> None:
        self.recent_menu.clear()
        from app.storage import postgres

        if getattr(self.lib, "is_team", False):
            current = self.lib.location
        else:
            current = str(Path(self.lib.path).expanduser().resolve())
        recent = [p for p in self.settings.get("recent_libraries") if p != current]
        for p in recent:
            a = self.recent_menu.addAction(p)
            a.setEnabled(postgres.is_url(p) or os.path.exists(p))
            a.triggered.connect(lambda _c=False, path=p: self.open_library(path))
        self.recent_menu.setEnabled(bool(recent))
