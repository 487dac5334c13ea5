"""Undoable structural edits: small QUndoCommands, each calling ``app`` services on the write worker.

A command is pushed onto the stack only after its first run succeeded (``run_command``), so a refused edit
(a duplicate link, a quote not in the source) never sits on the stack. Undo and redo submit the inverse or
the same service call to the serialised write worker; the state a later step needs (a link id, a deleted
claim's record) is kept by the worker function itself, so it is there before the next write runs.

    link:     lib.links.create          /  lib.links.delete      (redo: lib.links.restore, same id)
    unlink:   lib.links.delete          /  lib.links.restore
    edit:     lib.claims.update(after)  /  lib.claims.update(before)   (sources the same)
    delete:   lib.claims.delete         /  lib.claims.restore
    create:   lib.claims.create         /  lib.claims.delete     (redo: lib.claims.restore, same id)
    actor:    lib.actors.update(after)  /  lib.actors.update(before)
    merge:    lib.actors.merge (each)   /  lib.actors.unmerge (each, last first), in one transaction
    remove:   lib.actors.delete         /  lib.actors.restore    (same id)
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand, QUndoStack

from app.domain import Change, LinkKind

log = logging.getLogger(__name__)

_LINK_NOUN = {
    LinkKind.DENIES: "denial",
    LinkKind.CORROBORATES: "corroboration",
    LinkKind.QUALIFIES: "qualification",
}


class ServiceCommand(QUndoCommand):
    """Base: ``forward()`` and ``backward()`` run on the write worker and return Change records."""

    def __init__(self, lib, jobs, text: str, on_error: Callable[[BaseException], None] | None = None) -> None:
        super().__init__(text)
        self.lib, self.jobs = lib, jobs
        self.on_error = on_error
        self._skip_first_redo = False
        self.last_change: Any = None

    def forward(self) -> Any:
        raise NotImplementedError

    def backward(self) -> Any:
        raise NotImplementedError

    def _run(self, fn: Callable[[], Any]) -> None:
        def work():
            self.last_change = fn()
            return self.last_change

        self.jobs.write(work, None, self.on_error)

    def redo(self) -> None:
        if self._skip_first_redo:
            self._skip_first_redo = False
            return
        self._run(self.forward)

    def undo(self) -> None:
        self._run(self.backward)


def run_command(
    stack: QUndoStack,
    command: ServiceCommand,
    *,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
) -> None:
    """Run ``command`` once on the write worker; on success push it (already done) onto ``stack``."""

    def work():
        command.last_change = command.forward()
        return command.last_change

    def done(result) -> None:
        command._skip_first_redo = True
        stack.push(command)
        if on_done is not None:
            on_done(result)

    command.jobs.write(work, done, on_error or command.on_error)


class LinkCommand(ServiceCommand):
    """``from_claim`` <kind> ``to_claim`` (claim B denies claim A)."""

    def __init__(
        self,
        lib,
        jobs,
        *,
        from_claim_id: int,
        kind: str | LinkKind,
        to_claim_id: int,
        note: str = "",
        on_error=None,
    ) -> None:
        self.kind = LinkKind.parse(kind)
        super().__init__(
            lib, jobs, f"Link c{from_claim_id} as {_LINK_NOUN[self.kind]} of c{to_claim_id}", on_error
        )
        self.from_claim_id, self.to_claim_id, self.note = from_claim_id, to_claim_id, note
        self._created: Change | None = None
        self._deleted: Change | None = None

    def forward(self):
        if self._deleted is None:
            self._created = self.lib.links.create(
                from_claim_id=self.from_claim_id, kind=self.kind, to_claim_id=self.to_claim_id, note=self.note
            )
        else:
            self._created = self.lib.links.restore(self._deleted)
        return self._created

    def backward(self):
        self._deleted = self.lib.links.delete(self._created.id)
        return self._deleted


class UnlinkCommand(ServiceCommand):
    def __init__(self, lib, jobs, *, link_id: int, description: str = "", on_error=None) -> None:
        super().__init__(lib, jobs, description or f"Unlink link {link_id}", on_error)
        self.link_id = link_id
        self._deleted: Change | None = None

    def forward(self):
        self._deleted = self.lib.links.delete(self.link_id)
        return self._deleted

    def backward(self):
        return self.lib.links.restore(self._deleted)


class EditClaimCommand(ServiceCommand):
    """``lib.claims.update`` with the new values; undo writes the old values back.

    ``version``: the claim's version the edit was made from. Each step passes the version it expects
    (``if_version``), so an edit, undo or redo after another analyst changed the claim is refused with
    ``StaleEditError`` instead of overwriting their change."""

    def __init__(
        self,
        lib,
        jobs,
        *,
        claim_id: int,
        before: dict,
        after: dict,
        on_error=None,
        version: int | None = None,
    ) -> None:
        super().__init__(lib, jobs, f"Edit claim c{claim_id}", on_error)
        self.claim_id = claim_id
        self.version = version
        changed = [k for k in after if before.get(k) != after[k]]
        self.before = {k: before.get(k) for k in changed}
        self.after = {k: after[k] for k in changed}

    def _update(self, values: dict):
        change = self.lib.claims.update(self.claim_id, if_version=self.version, **values)
        if self.version is not None:
            self.version = change.after.version
        return change

    def forward(self):
        return self._update(self.after)

    def backward(self):
        return self._update(self.before)


class EditSourceCommand(ServiceCommand):
    """``lib.sources.update``; ``version`` as for EditClaimCommand."""

    def __init__(
        self,
        lib,
        jobs,
        *,
        source_id: int,
        before: dict,
        after: dict,
        on_error=None,
        version: int | None = None,
    ) -> None:
        super().__init__(lib, jobs, f"Edit source s{source_id}", on_error)
        self.source_id = source_id
        self.version = version
        changed = [k for k in after if before.get(k) != after[k]]
        self.before = {k: before.get(k) for k in changed}
        self.after = {k: after[k] for k in changed}

    def _update(self, values: dict):
        change = self.lib.sources.update(self.source_id, if_version=self.version, **values)
        if self.version is not None:
            self.version = change.after.version
        return change

    def forward(self):
        return self._update(self.after)

    def backward(self):
        return self._update(self.before)


class DeleteClaimCommand(ServiceCommand):
    def __init__(self, lib, jobs, *, claim_id: int, on_error=None) -> None:
        super().__init__(lib, jobs, f"Delete claim c{claim_id}", on_error)
        self.claim_id = claim_id
        self._deleted: Change | None = None

    def forward(self):
        self._deleted = self.lib.claims.delete(self.claim_id)
        return self._deleted

    def backward(self):
        return self.lib.claims.restore(self._deleted)


class CreateClaimCommand(ServiceCommand):
    """A new claim, optionally linked at once (``link_kind`` + ``link_to``: the new claim denies that one).

    Undo deletes the claim (and with it the link); redo restores both with the same ids.
    """

    def __init__(
        self,
        lib,
        jobs,
        *,
        fields: dict,
        link_kind: str | None = None,
        link_to: int | None = None,
        on_error=None,
    ) -> None:
        text = (
            "New claim" if link_kind is None else f"New {_LINK_NOUN[LinkKind.parse(link_kind)]} of c{link_to}"
        )
        super().__init__(lib, jobs, text, on_error)
        self.fields = dict(fields)
        self.link_kind, self.link_to = link_kind, link_to
        self.claim_id: int | None = None
        self._deleted: Change | None = None

    def forward(self):
        if self._deleted is not None:
            return self.lib.claims.restore(self._deleted)
        created = self.lib.claims.create(**self.fields)
        self.claim_id = created.after.id
        if self.link_kind is None:
            return created
        try:
            linked = self.lib.links.create(
                from_claim_id=self.claim_id, kind=self.link_kind, to_claim_id=self.link_to
            )
        except Exception:
            self.lib.claims.delete(self.claim_id)  # all or nothing: no orphan claim when the link is refused
            self.claim_id = None
            raise
        return [created, linked]

    def backward(self):
        self._deleted = self.lib.claims.delete(self.claim_id)
        return self._deleted


class EditActorCommand(ServiceCommand):
    """``lib.actors.update`` with the new name, role, affiliation or aliases; undo writes the old ones back."""

    def __init__(self, lib, jobs, *, actor_id: int, before: dict, after: dict, on_error=None) -> None:
        super().__init__(lib, jobs, f"Edit actor a{actor_id}", on_error)
        self.actor_id = actor_id
        changed = [k for k in after if before.get(k) != after[k]]
        self.before = {k: before.get(k) for k in changed}
        self.after = {k: after[k] for k in changed}

    def forward(self):
        return self.lib.actors.update(self.actor_id, **self.after)

    def backward(self):
        return self.lib.actors.update(self.actor_id, **self.before)


class MergeActorsCommand(ServiceCommand):
    """Merge one or more actors into ``into`` (all or nothing); undo brings each back with their claims."""

    def __init__(self, lib, jobs, *, actor_ids: list[int], into: int, names: str = "", on_error=None) -> None:
        super().__init__(lib, jobs, f"Merge {names or len(actor_ids)} into a{into}", on_error)
        self.actor_ids, self.into = [i for i in actor_ids if i != into], into
        self.changes: list[Change] = []

    def forward(self):
        with self.lib.transaction():
            changes = [self.lib.actors.merge(i, into=self.into) for i in self.actor_ids]
        self.changes = changes
        return changes

    def backward(self):
        with self.lib.transaction():
            undone = [self.lib.actors.unmerge(ch) for ch in reversed(self.changes)]
        return undone


class DeleteActorCommand(ServiceCommand):
    """Delete an actor no claim is attributed to (the service refuses otherwise); undo restores them."""

    def __init__(self, lib, jobs, *, actor_id: int, on_error=None) -> None:
        super().__init__(lib, jobs, f"Delete actor a{actor_id}", on_error)
        self.actor_id = actor_id
        self._deleted: Change | None = None

    def forward(self):
        self._deleted = self.lib.actors.delete(self.actor_id)
        return self._deleted

    def backward(self):
        return self.lib.actors.restore(self._deleted)
