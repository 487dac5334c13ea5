"""Running ``app`` services off the GUI thread.

Reads go to a small thread pool; writes go to one serialised worker (so two writes never race and their
order is the user's order). Results and errors come back on the GUI thread through queued signals.
Every successful write that returns ``Change`` records is announced on ``library_changed`` so each open view
can refresh itself from one signal.

A job started for a widget names it (``owner=``): its callbacks are dropped when the result arrives after that
widget was deleted (a brief closed while its panels were loading), since calling them would touch a deleted
Qt object. A write's changes are still announced. A callback that is a bound method of a Qt object is
guarded the same way without being told (``self._loaded`` of a view that is gone is never called).

Tests set ``Jobs.synchronous = True`` (see tests/ui/conftest.py) so jobs run inline and deterministically.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable, Iterable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from app.domain import Change

log = logging.getLogger(__name__)


class CancelToken:
    """Passed to long jobs; the job polls ``cancelled()`` and stops, leaving only whole results."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    def cancelled(self) -> bool:
        return self._event.is_set()

    __call__ = cancelled


class _Relay(QObject):
    done = Signal(object, object)  # callback, result
    failed = Signal(object, object)  # callback, exception
    progress = Signal(object, object)  # callback, payload


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay, on_done, on_error) -> None:
        super().__init__()
        self.fn, self.relay, self.on_done, self.on_error = fn, relay, on_done, on_error
        self.setAutoDelete(True)

    def run(self) -> None:  # worker thread
        try:
            result = self.fn()
        except BaseException as exc:  # noqa: BLE001 - delivered to the GUI thread
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self.relay.failed.emit(self.on_error, exc)
        else:
            self.relay.done.emit(self.on_done, result)


class Jobs(QObject):
    """The GUI's gateway to slow work. One per main window."""

    # Always a tuple of Change records (entity and action are app.domain.Entity and Action), announced
    # here and only here (announce()), whatever the write returned.
    library_changed = Signal(object)
    job_failed = Signal(object)  # an exception nobody handled

    synchronous = False  # tests flip this to run jobs inline

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relay = _Relay()
        self._relay.done.connect(self._deliver)
        self._relay.failed.connect(self._deliver_error)
        self._relay.progress.connect(self._deliver_progress)
        self._reads = QThreadPool(self)
        self._reads.setMaxThreadCount(2)
        self._background = QThreadPool(self)  # slow, optional work (totals): never holds up the lists
        self._background.setMaxThreadCount(1)
        self._writes = QThreadPool(self)
        self._writes.setMaxThreadCount(1)
        self._pending = 0

    # --- public --------------------------------------------------------------------------------------
    def read(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        owner: QObject | None = None,
    ) -> None:
        """Run a read on the pool; ``on_done``/``on_error`` get its result on the GUI thread (not when ``owner``
        has been deleted by then)."""
        self._submit(self._reads, fn, on_done, on_error, announce=False, owner=owner)

    def background(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        owner: QObject | None = None,
    ) -> None:
        """Run a read that may be slow and may be superseded (a total, a count) on its own worker, so it never
        delays the reads a view is waiting for. ``fn`` should check whether it is still wanted when it starts."""
        self._submit(self._background, fn, on_done, on_error, announce=False, owner=owner)

    def write(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        owner: QObject | None = None,
    ) -> None:
        """Run a mutation on the serialised worker; Change results are announced on library_changed (even when
        ``owner`` is gone; its callbacks are not called then)."""
        self._submit(self._writes, fn, on_done, on_error, announce=True, owner=owner)

    def progress_callback(self, receiver: Callable[[Any], None]) -> Callable[[Any], None]:
        """A function a worker may call with any payload; ``receiver`` gets it on the GUI thread."""
        if self.synchronous:
            return receiver
        return lambda payload: self._relay.progress.emit(receiver, payload)

    def wait(self, msecs: int = 30000) -> bool:
        """Block until all jobs finish (tests, shutdown)."""
        ok = (
            self._writes.waitForDone(msecs)
            and self._reads.waitForDone(msecs)
            and self._background.waitForDone(msecs)
        )
        return ok

    def busy(self) -> bool:
        return self._pending > 0

    # --- internals -----------------------------------------------------------------------------------
    def _submit(
        self, pool: QThreadPool, fn, on_done, on_error, *, announce: bool, owner: QObject | None
    ) -> None:
        on_done, on_error = _while_alive(owner, on_done), _while_alive(owner, on_error)

        def done(result: Any) -> None:
            if announce:
                self._announce(result)
            if on_done is not None:
                on_done(result)

        if self.synchronous:
            try:
                result = fn()
            except BaseException as exc:  # noqa: BLE001
                self._deliver_error(on_error, exc)
            else:
                done(result)
            return
        self._pending += 1
        pool.start(_Task(fn, self._relay, done, on_error))

    def _announce(self, result: Any) -> None:
        if isinstance(result, Change):
            self.announce([result])
        elif isinstance(result, list | tuple) and result and all(isinstance(r, Change) for r in result):
            self.announce(result)

    def announce(self, changes: Iterable[Change[Any]]) -> None:
        """Tell every view what changed in the library (as a tuple of Change records)."""
        changes = tuple(changes)
        if changes:
            self.library_changed.emit(changes)

    @Slot(object, object)
    def _deliver(self, callback, result) -> None:
        self._pending = max(0, self._pending - 1)
        if callback is not None:
            callback(result)

    @Slot(object, object)
    def _deliver_error(self, callback, exc) -> None:
        if not self.synchronous:
            self._pending = max(0, self._pending - 1)
        if callback is not None:
            callback(exc)
        else:
            log.error("background job failed: %s", getattr(exc, "__traceback_text__", exc))
            self.job_failed.emit(exc)

    @Slot(object, object)
    def _deliver_progress(self, receiver, payload) -> None:
        receiver(payload)


def _while_alive(
    owner: QObject | None, callback: Callable[[Any], None] | None
) -> Callable[[Any], None] | None:
    """``callback``, called only while ``owner``'s Qt object exists (checked on the GUI thread, where widgets are
    deleted, so it cannot be deleted between the check and the call). Without an owner, a callback that is a
    bound method of a Qt object is owned by that object; any other callback is returned as it is."""
    if callback is None:
        return None
    if owner is None:
        bound = getattr(callback, "__self__", None)
        if not isinstance(bound, QObject):
            return callback
        owner = bound

    def call(value: Any) -> None:
        if shiboken6.isValid(owner):
            callback(value)
        else:
            log.debug("result for a deleted %s dropped", type(owner).__name__)

    return call
