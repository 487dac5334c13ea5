"""Upkeep of the library's full-text index while the window is open.

A library filled in bulk (an import of thousands of documents) holds its full-text index in many pieces, and
every text filter of the claims and sources lists seeks each of its words in each piece: several times
slower on a large library than one piece (bench/RESULTS.md, "Scale as users meet it"). Some time after the window opens,
``IndexUpkeep`` merges the pieces a bounded step at a time on the background worker (``lib.tidy_search_index``:
~60 ms of writing per step on a million claims, a pause between steps, so edits and counts go on meanwhile).
Each step first computes the common-word bits of claims that have none yet (a library upgraded to migration
0014: app.storage.common_words, a few thousand claims a step; a file library only, a team library's lists do
not use them).
It stops when there is nothing left to do (at once for an index in few pieces, a read-only library),
on the first error (logged; the next window tries again), or when the window closes.

A team library's server keeps its own indexes, except the indexes of word pairs that make phrase searches
fast (migration 0013), which are built after an upgrade by a client (app.storage.pg_pairs): ``PairIndexBuild``
does it on a thread of its own with its own connection (minutes on a large library; other analysts' edits
go on), some time after the window opens. When another client is already building, it tries again
RETRY_MS later (that client may be closed before it is done). Closing
the window starts no further table; the one under way is left to the server (PostgreSQL finishes a statement
whose client has gone; if it does not, the next build drops the unfinished index and builds it again).
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger(__name__)

START_MS = 30_000  # after the window opens: its first lists and the user's first searches come first
PAUSE_MS = 400  # between two steps
RETRY_MS = 600_000  # a team library's phrase index being built by another client: look again then


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
        self.pairs = PairIndexBuild(lib, self, start_ms=start_ms)

    def start(self) -> None:
        if getattr(self.lib, "read_only", False):
            return
        if getattr(self.lib, "is_team", False):
            self.pairs.start()  # the server keeps the rest of its indexes itself
            return
        self.running = True
        self._timer.start(self.start_ms)

    def stop(self) -> None:
        self.running = False
        self._timer.stop()
        self.pairs.stop()

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


class PairIndexBuild(QObject):
    """Builds a team library's indexes of word pairs on a thread of its own (see the module)."""

    finished = Signal(object)  # the app.storage.pg_pairs.BuildReport, or the exception that stopped it
    progressed = Signal(object)  # app.storage.pg_pairs.BuildProgress, while a table's index is built
    _delivered = Signal(object)  # emitted by the build's thread, received on the GUI thread
    _relayed = Signal(object)  # the same, for progress

    def __init__(
        self, lib: Any, parent: QObject | None = None, *, start_ms: int = START_MS, retry_ms: int = RETRY_MS
    ) -> None:
        super().__init__(parent)
        self.lib, self.start_ms, self.retry_ms = lib, start_ms, retry_ms
        self.thread: threading.Thread | None = None
        self._stopped = threading.Event()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._begin)
        self._delivered.connect(self._deliver)
        self._relayed.connect(self.progressed)

    def start(self) -> None:
        if getattr(self.lib, "is_team", False) and not getattr(self.lib, "read_only", False):
            self._timer.start(self.start_ms)

    def stop(self) -> None:
        self._timer.stop()
        self._stopped.set()

    @property
    def running(self) -> bool:
        return self.thread is not None and self.thread.is_alive()

    def _begin(self) -> None:
        if self._stopped.is_set() or self.running:
            return
        self.thread = threading.Thread(target=self._build, name="briefdesk-pairs-build", daemon=True)
        self.thread.start()

    def _build(self) -> None:  # the build's thread: never touches a widget
        result: object
        try:
            result = self.lib.build_pair_indexes(progress=self._relay, stop=self._stopped.is_set)
        except Exception as exc:  # noqa: BLE001 - delivered to the GUI thread and logged there
            result = exc
        try:
            self._delivered.emit(result)
        except RuntimeError:  # the window (and this object) is gone
            log.info("phrase index build ended after its window closed: %s", result)

    def _relay(self, progress: object) -> None:  # the build's threads
        try:
            self._relayed.emit(progress)
        except RuntimeError:  # the window (and this object) is gone; the build goes on
            pass

    def _deliver(self, result: object) -> None:
        if isinstance(result, BaseException):
            log.warning("building the team library's phrase index stopped: %s", result)
        else:
            log.info("team library phrase index: %s", result)
            if getattr(result, "status", "") == "busy" and not self._stopped.is_set():
                self._timer.start(self.retry_ms)
        self.finished.emit(result)
