"""Showing errors: a plain dialog for the ones a user can act on, details and the log path for the rest.

``BriefdeskError`` (from ``app.errors``) carries a sentence meant for the user. A cancel shows nothing.
Anything else is a bug: the dialog says so, offers the traceback, and names the log file.
"""

from __future__ import annotations

import logging
import traceback

from PySide6.QtWidgets import QMessageBox, QWidget

from app import paths
from app.errors import BriefdeskError, CancelledError

log = logging.getLogger(__name__)

LOG_FILENAME = "briefdesk.log"


def log_path() -> str:
    return str(paths.log_dir() / LOG_FILENAME)


def error_box(parent: QWidget | None, exc: BaseException, *, title: str = "Briefdesk") -> QMessageBox | None:
    """Build (not show) the message box for ``exc``; None for a cancel."""
    if isinstance(exc, CancelledError):
        return None
    box = QMessageBox(parent)
    box.setWindowTitle(title)
    if isinstance(exc, BriefdeskError):
        box.setIcon(QMessageBox.Icon.Warning)
        box.setText(str(exc))
        return box
    details = getattr(exc, "__traceback_text__", None) or "".join(
        traceback.format_exception(type(exc), exc, exc.__traceback__)
    )
    log.error("unexpected error: %s", details)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setText("Something went wrong inside Briefdesk. Nothing you did caused this.")
    box.setInformativeText(f"{type(exc).__name__}: {exc}\n\nThe details are in the log file:\n{log_path()}")
    box.setDetailedText(details)
    return box


def show_error(parent: QWidget | None, exc: BaseException, *, title: str = "Briefdesk") -> None:
    box = error_box(parent, exc, title=title)
    if box is not None:
        box.exec()
