"""Other analysts' changes in an open window, without a restart; and the connection to a team library.

Every few seconds the watcher asks the library's change log for what others stored since it last looked
(``lib.changes.since``, one small indexed query on the background worker) and announces those changes on
``jobs.library_changed``, the signal every view already follows for the window's own changes: the lists,
the side-by-side claim panes, the brief list and the cited-claims panel refresh as they do after a local
edit. Too many changes at once (or a log pruned past this window) refresh every page.

On a team library the same poll notices a server that went away (``connection_lost`` with the plain
message) and the moment it is back (``connection_restored``); the pooled engine reconnects by itself.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from app.errors import LibraryUnavailableError

POLL_MS = 3000
POLL_MS_DISCONNECTED = 5000


class ChangeWatcher(QObject):
    connection_lost = Signal(str)  # the plain message
    connection_restored = Signal()
    refresh_everything = Signal()
    remote_changes = Signal(object)  # tuple of Change (also announced on jobs.library_changed)

    def __init__(self, lib: Any, jobs: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self.jobs = jobs
        self.seq: int | None = None
        self.connected = True
        self._in_flight = False
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)

    def start(self) -> None:
        self.timer.start()
        self.poll()

    def stop(self) -> None:
        self.timer.stop()

    def poll(self) -> None:
        """Ask for changes since the last look (skipped while the previous question is still out)."""
        if self._in_flight:
            return
        self._in_flight = True
        lib, seq = self.lib, self.seq
        if seq is None:
            self.jobs.background(lib.changes.latest, self._started, self._failed)
        else:
            self.jobs.background(lambda: lib.changes.since(seq), self._got, self._failed)

    def _started(self, seq: int) -> None:
        self._in_flight = False
        self.seq = seq
        self._connected()

    def _got(self, found: Any) -> None:
        self._in_flight = False
        self._connected()
        self.seq = found.last
        if found.everything:
            self.refresh_everything.emit()
        elif found.changes:
            changes = tuple(found.changes)
            self.remote_changes.emit(changes)
            self.jobs.announce(changes)

    def _failed(self, exc: BaseException) -> None:
        self._in_flight = False
        if isinstance(exc, LibraryUnavailableError):
            if self.connected:
                self.connected = False
                self.timer.setInterval(POLL_MS_DISCONNECTED)
                self.connection_lost.emit(str(exc))
            return
        # anything else (a damaged log row, a read-only file): stop asking rather than fail every few seconds
        self.timer.stop()

    def _connected(self) -> None:
        if not self.connected:
            self.connected = True
            self.timer.setInterval(POLL_MS)
            self.connection_restored.emit()
