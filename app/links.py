"""Links between claims: B denies / corroborates / qualifies A."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from app.claim_rows import link_record
from app.domain import Change, LinkKind, LinkRecord
from app.errors import ConflictError, NotFoundError
from app.storage.models import Claim, ClaimLink, new_uuid, utcnow
from app.tracking import for_update, stamp_new

if TYPE_CHECKING:
    from app.storage.store import Store


class LinkService:
    def __init__(self, lib: Store) -> None:
        self._lib = lib

    def create(
        self,
        *,
        from_claim_id: int,
        kind: str | LinkKind,
        to_claim_id: int,
        note: str = "",
        link_id: int | None = None,
        identity: LinkRecord | None = None,
    ) -> Change[LinkRecord]:
        """Record that claim ``from_claim_id`` <kind> claim ``to_claim_id`` (e.g. 7 denies 3)."""
        kind = LinkKind.parse(kind)
        from_id, to_id = int(from_claim_id), int(to_claim_id)
        if from_id == to_id:
            raise ConflictError(f"A claim cannot be linked to itself (claim {from_id}).")
        with self._lib.writing() as s:
            for cid in (from_id, to_id):
                if s.get(Claim, cid) is None:
                    raise NotFoundError("claim", cid)
            existing = s.scalar(
                select(ClaimLink).where(
                    ((ClaimLink.from_claim_id == from_id) & (ClaimLink.to_claim_id == to_id))
                    | ((ClaimLink.from_claim_id == to_id) & (ClaimLink.to_claim_id == from_id))
                )
            )
            if existing is not None:
                if existing.kind == kind.value and existing.from_claim_id == from_id:
                    raise ConflictError(f"Claim {from_id} already {kind.value} claim {to_id}.")
                raise ConflictError(
                    f"Claims {from_id} and {to_id} are already linked (claim {existing.from_claim_id} "
                    f"{existing.kind} claim {existing.to_claim_id}); unlink them first."
                )
            link = ClaimLink(
                id=link_id,
                kind=kind.value,
                from_claim_id=from_id,
                to_claim_id=to_id,
                note=note or "",
                created=utcnow(),
            )
            if identity is not None:  # an undone unlink: the same link, a newer version
                link.uuid = identity.uuid or new_uuid()
                link.version = identity.version + 1
                link.created = identity.created
                link.created_by = identity.created_by
            stamp_new(link, self._lib.user)
            s.add(link)
            s.flush()
            self._lib.log_change(s, "link", link.id, "linked")
            for end in (from_id, to_id):  # so open windows refresh both claims' panes
                self._lib.log_change(s, "claim", end, "linked")
            record = link_record(link)
        return Change(
            "link", "linked", record.id, after=record, affected=(("claim", from_id), ("claim", to_id))
        )

    def get(self, link_id: int) -> LinkRecord:
        with self._lib.reading() as s:
            link = s.get(ClaimLink, int(link_id))
            if link is None:
                raise NotFoundError("link", link_id)
            return link_record(link)

    def find(self, from_claim_id: int, to_claim_id: int) -> LinkRecord | None:
        with self._lib.reading() as s:
            link = s.scalar(
                select(ClaimLink).where(
                    ClaimLink.from_claim_id == from_claim_id, ClaimLink.to_claim_id == to_claim_id
                )
            )
            return None if link is None else link_record(link)

    def delete(self, link_id: int, *, if_version: int | None = None) -> Change[LinkRecord]:
        with self._lib.writing() as s:
            link = for_update(s, ClaimLink, int(link_id), "link", if_version)
            record = link_record(link)
            s.delete(link)
            self._lib.log_change(s, "link", record.id, "unlinked")
            for end in (record.from_claim_id, record.to_claim_id):
                self._lib.log_change(s, "claim", end, "unlinked")
        return Change(
            "link",
            "unlinked",
            record.id,
            before=record,
            affected=(("claim", record.from_claim_id), ("claim", record.to_claim_id)),
        )

    def restore(self, change: Change[LinkRecord]) -> Change[LinkRecord]:
        """Undo an unlink: the same link (same id) again."""
        rec = change.before
        if rec is None:
            raise ConflictError("Only a removed link can be restored.")
        return self.create(
            from_claim_id=rec.from_claim_id,
            kind=rec.kind,
            to_claim_id=rec.to_claim_id,
            note=rec.note,
            link_id=rec.id,
            identity=rec,
        )
