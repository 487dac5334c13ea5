"""Undo for the structured-analysis panes: one command type for every change the analysis services make.

``lib.ach.revert(change)`` and ``lib.assumptions.revert(change)`` undo a change and return a change that
``revert`` undoes in turn, so one QUndoCommand serves them all: the first run calls the service, undo reverts
what it did, redo reverts the undo. Every step runs on the serialised write worker (``ui.undo_commands``), and
the command is pushed only after its first run succeeded, so a refused edit never sits on the stack.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoStack

from app.domain import Change
from ui.undo_commands import ServiceCommand, run_command


class RevertCommand(ServiceCommand):
    def __init__(
        self,
        lib: Any,
        jobs: Any,
        text: str,
        do: Callable[[], Change[Any]],
        revert: Callable[[Change[Any]], Change[Any]],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        super().__init__(lib, jobs, text, on_error)
        self._do, self._revert = do, revert
        self._done: Change[Any] | None = None
        self._undone: Change[Any] | None = None

    def forward(self) -> Change[Any]:
        self._done = self._do() if self._undone is None else self._revert(self._undone)
        return self._done

    def backward(self) -> Change[Any]:
        assert self._done is not None
        self._undone = self._revert(self._done)
        return self._undone


def run_revertible(
    stack: QUndoStack,
    lib: Any,
    jobs: Any,
    text: str,
    do: Callable[[], Change[Any]],
    revert: Callable[[Change[Any]], Change[Any]],
    *,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
) -> None:
    """Run ``do`` on the write worker; when it succeeds, push it on ``stack`` (undo: ``revert``)."""
    run_command(
        stack, RevertCommand(lib, jobs, text, do, revert, on_error), on_done=on_done, on_error=on_error
    )
