"""Undoable provenance edits (the Provenance view): what a claim is reported from, what a source derives from.

    report:      lib.provenance.set_reported_from / clear_reported_from   /  lib.provenance.restore_report
    derivation:  lib.provenance.derive / underive                         /  lib.provenance.restore_derivation

Each undo puts back exactly what was recorded before (the same link, its kind, who recorded it and when).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ui.undo_commands import ServiceCommand


class ReportCommand(ServiceCommand):
    def __init__(
        self,
        lib: Any,
        jobs: Any,
        claim_id: int,
        reported_from_id: int | None,
        origin_name: str,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        clear: bool = False,
    ) -> None:
        if clear:
            text = f"Make c{claim_id} first hand"
        elif reported_from_id is None:
            text = f"Report c{claim_id} from {origin_name or 'a lost original'}"
        else:
            text = f"Report c{claim_id} from c{reported_from_id}"
        super().__init__(lib, jobs, text, on_error)
        self.claim_id, self.reported_from_id, self.origin_name, self.clear = (
            claim_id,
            reported_from_id,
            origin_name,
            clear,
        )
        self._done: Any = None

    def forward(self) -> Any:
        if self.clear:
            self._done = self.lib.provenance.clear_reported_from(self.claim_id)
        else:
            self._done = self.lib.provenance.set_reported_from(
                self.claim_id, self.reported_from_id, origin_name=self.origin_name
            )
        return self._done

    def backward(self) -> Any:
        return self.lib.provenance.restore_report(self._done)


class DerivationCommand(ServiceCommand):
    def __init__(
        self,
        lib: Any,
        jobs: Any,
        source_id: int,
        derived_from_id: int,
        kind: str,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        remove: bool = False,
    ) -> None:
        text = (
            f"s{source_id} no longer derived from s{derived_from_id}"
            if remove
            else f"s{source_id} {kind} s{derived_from_id}"
        )
        super().__init__(lib, jobs, text, on_error)
        self.source_id, self.derived_from_id, self.kind, self.remove = (
            source_id,
            derived_from_id,
            kind,
            remove,
        )
        self._done: Any = None

    def forward(self) -> Any:
        if self.remove:
            self._done = self.lib.provenance.underive(self.source_id, self.derived_from_id)
        else:
            self._done = self.lib.provenance.derive(self.source_id, self.derived_from_id, self.kind)
        return self._done

    def backward(self) -> Any:
        return self.lib.provenance.restore_derivation(self._done)
