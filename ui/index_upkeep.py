"""Upkeep of the library's full-text index while the window is open.

A library filled in bulk (an import of thousands of documents) holds its full-text index in many pieces, and
every text filter of the claims and sources lists seeks each of its words in each piece: several times
slower on a large library than one piece (bench/RESULTS.md, "Scale as users meet it"). Some time after the window opens,
``IndexUpkeep`` merges the pieces a bounded step at a time on the background worker (``lib.tidy_search_index``:
~60 ms of writing per step on a million claims, a pause between steps, so edits and counts go on meanwhile).
It stops when there is nothing left to do (at once for an index in few pieces, a read-only or team library),
on the first error (logged; the next window tries again), or when the window closes.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger(__name__)

START_MS = 30_000  # after the window opens: its first lists and the user's first searches come first
PAUSE_MS = 400  # between two steps


class IndexUpkeep(QObject):
    finished = Signal(int)  # the steps that merged something

    def __init__(
        self,
        lib: Any,
        jobs: Any,
        parent: QObject | None = None,
        *,
        start_ms: int = START_MS,
        pause_ms: int = PAUSE_MS,
    ) -> None:
        super().__init__(parent)
        self.lib, self.jobs = lib, jobs
        self.start_ms, self.pause_ms = start_ms, pause_ms
        self.steps = 0
        self.running = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._step)

    def start(self) -> None:
        if getattr(self.lib, "read_only", False) or getattr(self.lib, "is_team", False):
            return
        self.running = True
        self._timer.start(self.start_ms)

    def stop(self) -> None:
        self.running = False
        self._timer.stop()

    def _step(self) -> None:
        if self.running:
            self.jobs.background(self.lib.tidy_search_index, self._done, self._failed)

    def _done(self, more: bool) -> None:
        if more:
            self.steps += 1
        if more and self.running:
            self._timer.start(self.pause_ms)
            return
        if self.running:
            self.running = False
            self.finished.emit(self.steps)

    def _failed(self, exc: BaseException) -> None:
        log.warning("search index upkeep stopped: %s", exc)
        if self.running:
            self.running = False
            self.finished.emit(self.steps)
