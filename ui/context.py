"""What every page of the main window shares: the library, the jobs gateway, the undo stack, the settings,
and how to report an error (a dialog parented to the window)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QUndoStack

from ui.jobs import Jobs
from ui.settings import Settings


@dataclass
class UiContext:
    lib: object  # app.library.Library
    jobs: Jobs
    undo_stack: QUndoStack
    settings: Settings
    report_error: Callable[[BaseException], None]
    show_message: Callable[[str], None] = lambda _text: None  # a transient status-bar message
