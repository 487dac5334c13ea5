"""Importing files and folders: ``app.importers.batch.import_paths`` on the write worker, with a progress
dialog that can cancel (only whole sources are kept), then a summary of what was imported and what failed.

Used by File > Import... and by files dropped on the window.
"""

from __future__ import annotations

import html
import logging
import os
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from app._text import counted
from app.domain import Action, Change, Entity
from ui.jobs import CancelToken

log = logging.getLogger(__name__)

SHOW_PROGRESS_AFTER_MS = 300


class ImportRunner(QObject):
    """One import batch. ``finished_report`` carries the ImportReport (or None after an error)."""

    finished_report = Signal(object)

    def __init__(
        self,
        lib,
        jobs,
        paths: list[str],
        *,
        parent: QWidget | None = None,
        report_error: Callable[[BaseException], None] | None = None,
        show_summary: bool = True,
    ) -> None:
        super().__init__(parent)
        self.lib, self.jobs, self.paths = lib, jobs, [os.fspath(p) for p in paths]
        self.parent_widget = parent
        self.report_error = report_error
        self.show_summary = show_summary
        self.token = CancelToken()
        self.report = None
        self.summary_box: QMessageBox | None = None
        self.progress = QProgressDialog("Importing\u2026", "Cancel", 0, 0, parent)
        self.progress.setWindowTitle("Import")
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(SHOW_PROGRESS_AFTER_MS)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self.token.cancel)

    def start(self) -> None:
        from app.importers.batch import import_paths

        lib, paths, token = self.lib, self.paths, self.token
        progress = self.jobs.progress_callback(self._progress)
        self.progress.setValue(0)
        self.jobs.write(
            lambda: import_paths(
                lib, paths, progress=lambda done, total: progress((done, total)), cancelled=token.cancelled
            ),
            self._done,
            self._failed,
        )

    def cancel(self) -> None:
        self.token.cancel()

    def _progress(self, payload) -> None:
        done, total = payload
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        self.progress.setLabelText(f"Importing file {min(done + 1, total)} of {total}\u2026")

    def _done(self, report) -> None:
        self.report = report
        self.progress.close()
        created = [
            Change(Entity.SOURCE, Action.CREATED, sid)
            for r in report.results
            if r.status in ("imported", "warning")
            for sid in r.source_ids
        ]
        if created:
            self.jobs.announce(created)
        if self.show_summary:
            self._summarise(report)
        self.finished_report.emit(report)
        self.deleteLater()

    def _failed(self, exc: BaseException) -> None:
        self.progress.close()
        if self.report_error is not None:
            self.report_error(exc)
        self.finished_report.emit(None)
        self.deleteLater()

    def _summarise(self, report) -> None:
        counts = {
            s: sum(1 for r in report.results if r.status == s)
            for s in ("imported", "warning", "existing", "failed", "skipped")
        }
        sources = sum(len(r.source_ids) for r in report.results if r.status in ("imported", "warning"))
        lines = [
            f"{counted(sources, 'source')} imported from {counted(counts['imported'] + counts['warning'], 'file')}"
        ]
        if counts["existing"]:
            lines.append(f"{counted(counts['existing'], 'file')} already in the library (not imported again)")
        if counts["failed"]:
            lines.append(f"{counted(counts['failed'], 'file')} could not be imported")
        if counts["skipped"]:
            lines.append(
                f"{counted(counts['skipped'], 'file')} skipped (hidden, or not a type Briefdesk imports)"
            )
        if report.cancelled:
            lines.append("The import was cancelled; the files before the cancel were kept whole.")
        # pages that credit a wire service: the derived-from links they suggest (app.provenance.wire)
        proposals = [d for r in report.results for d in getattr(r, "derivations", None) or ()]
        linkable = [d for d in proposals if d.derived_from_id is not None]
        lines += [d.text for d in proposals]
        details = []
        for r in report.results:
            # a bundle or event: what it brought in, and each thing it skipped
            extra = getattr(r, "details", None) or []
            if (r.status in ("failed", "warning", "skipped") or extra) and r.message:
                details.append(f"{os.path.basename(r.path)}: {r.message}")
            details += [f"  skipped: {d}" for d in extra]
        box = QMessageBox(self.parent_widget)
        box.setWindowTitle("Import")
        box.setIcon(QMessageBox.Icon.Warning if counts["failed"] else QMessageBox.Icon.Information)
        box.setText("<br>".join(html.escape(line) for line in lines))
        if details:
            box.setDetailedText("\n".join(details))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if linkable:
            record = box.addButton(
                f"Record {counted(len(linkable), 'derived-from link')}", QMessageBox.ButtonRole.AcceptRole
            )
            record.setObjectName("recordDerivations")
            record.setToolTip(
                "Record that each page derives from the wire story it credits (see Source > Provenance)"
            )
            lib, jobs, on_error = self.lib, self.jobs, self.report_error  # the runner is gone by the click
            record.clicked.connect(lambda: record_derivations(lib, jobs, linkable, on_error))
            box.addButton(QMessageBox.StandardButton.Close)
        self.summary_box = box
        box.open()


def record_derivations(lib, jobs, proposals, on_error=None) -> None:  # noqa: ANN001
    """Record proposed derived-from links (an import's wire credits), all or none, on the write worker."""

    def work():
        with lib.transaction():
            return [lib.provenance.derive(d.source_id, d.derived_from_id, d.kind) for d in proposals]

    jobs.write(work, None, on_error)
