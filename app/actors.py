"""Actors: who said it. Unique by normalised name and affiliation."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app._rows import RowReader, shown
from app._text import clean_line, counted, norm_key, search_text
from app.domain import Change
from app.domain_lists import ActorRecord, Page
from app.errors import ConflictError, NotFoundError, ValidationError
from app.storage.models import Actor, Claim, ClaimReport, ExternalId, new_uuid, utcnow
from app.tracking import for_update, stamp_new, touch

if TYPE_CHECKING:
    from app.storage.store import Store


def _record(actor: Actor, count: int = 0) -> ActorRecord:
    rd = RowReader(f"a{actor.id}")
    raw_aliases = rd.text(actor.aliases, "alias list", "[]")
    try:
        loaded = json.loads(raw_aliases or "[]")
        if not isinstance(loaded, list) or not all(isinstance(a, str) for a in loaded):
            raise ValueError(raw_aliases)
        aliases = tuple(loaded)
    except (ValueError, RecursionError):
        rd.problems.append(f"an alias list that is not a JSON list of names ('{shown(raw_aliases)}')")
        aliases = ()
    return ActorRecord(
        id=actor.id,
        name=rd.text(actor.name, "name"),
        role=rd.text(actor.role, "role"),
        affiliation=rd.text(actor.affiliation, "affiliation"),
        aliases=aliases,
        claim_count=count,
        created=rd.moment(actor.created, "creation time"),
        updated=rd.moment(actor.updated, "time of the last change"),
        uuid=actor.uuid or "",
        version=actor.version,
        created_by=rd.text(actor.created_by, "author name"),
        updated_by=rd.text(actor.updated_by, "editor name"),
        problem=rd.message(),
    )


def _aliases(value: Any) -> str:
    if value is None:
        return "[]"
    if isinstance(value, str):
        value = [v for v in value.split(";")]
    cleaned = [clean_line(v, what="alias", max_len=500) for v in value]
    return json.dumps([v for v in dict.fromkeys(cleaned) if v], ensure_ascii=False)


_BATCH = 500  # ids per IN (...) list


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), _BATCH):
        yield ids[start : start + _BATCH]


class ActorService:
    def __init__(self, lib: Store) -> None:
        self._lib = lib

    def create(
        self, *, name: str, role: str = "", affiliation: str = "", aliases: Any = ()
    ) -> Change[ActorRecord]:
        with self._lib.writing() as s:
            actor = self._create(s, name=name, role=role, affiliation=affiliation, aliases=aliases)
            record = _record(actor)
        return Change("actor", "created", record.id, after=record)

    def _create(
        self, s: Session, *, name: str, role: str = "", affiliation: str = "", aliases: Any = ()
    ) -> Actor:
        name = clean_line(name, what="actor's name", required=True, max_len=500)
        affiliation = clean_line(affiliation, what="affiliation", max_len=500)
        key = (norm_key(name), norm_key(affiliation))
        existing = s.scalar(select(Actor).where(Actor.norm_name == key[0], Actor.norm_affiliation == key[1]))
        if existing is not None:
            where = f" of {existing.affiliation}" if existing.affiliation else ""
            raise ConflictError(f"There is already an actor named {existing.name}{where} (id {existing.id}).")
        now = utcnow()
        actor = Actor(
            name=name,
            norm_name=key[0],
            role=clean_line(role, what="role", max_len=500),
            affiliation=affiliation,
            norm_affiliation=key[1],
            aliases=_aliases(aliases),
            created=now,
            updated=now,
        )
        stamp_new(actor, self._lib.user, now)
        s.add(actor)
        s.flush()
        self._lib.log_change(s, "actor", actor.id, "created")
        return actor

    def _find(self, s: Session, name: str, affiliation: str | None) -> Actor | None:
        """By normalised name (and affiliation if given); then by alias."""
        nk = norm_key(name)
        q = select(Actor).where(Actor.norm_name == nk)
        if affiliation is not None and affiliation.strip():
            q = q.where(Actor.norm_affiliation == norm_key(affiliation))
            return s.scalar(q)
        found = list(s.scalars(q.order_by(Actor.id)))
        if len(found) >= 1:
            # Prefer the one without affiliation, then the oldest.
            found.sort(key=lambda a: (a.norm_affiliation != "", a.id))
            return found[0]
        for actor in s.scalars(select(Actor).where(Actor.aliases.ilike(f"%{name.strip()[:60]}%")).limit(20)):
            if nk in (norm_key(a) for a in json.loads(actor.aliases or "[]")):
                return actor
        return None

    def find(self, name: str, affiliation: str | None = None) -> ActorRecord | None:
        with self._lib.reading() as s:
            actor = self._find(s, name, affiliation)
            return None if actor is None else _record(actor)

    def _get_or_create(
        self, s: Session, *, name: str, role: str = "", affiliation: str = ""
    ) -> tuple[Actor, bool]:
        actor = self._find(s, name, affiliation if affiliation.strip() else None)
        if actor is not None:
            if role and not actor.role:
                actor.role = clean_line(role, what="role", max_len=500)
                touch(actor, self._lib.user)
                self._lib.log_change(s, "actor", actor.id, "updated")
            return actor, False
        return self._create(s, name=name, role=role, affiliation=affiliation), True

    def get_or_create(self, *, name: str, role: str = "", affiliation: str = "") -> ActorRecord:
        with self._lib.writing() as s:
            actor, _ = self._get_or_create(s, name=name, role=role, affiliation=affiliation)
            return _record(actor)

    def get(self, actor_id: int) -> ActorRecord:
        with self._lib.reading() as s:
            actor = s.get(Actor, actor_id)
            if actor is None:
                raise NotFoundError("actor", actor_id)
            count = s.scalar(select(func.count()).select_from(Claim).where(Claim.actor_id == actor_id)) or 0
            return _record(actor, count)

    def update(self, actor_id: int, *, if_version: int | None = None, **fields: Any) -> Change[ActorRecord]:
        with self._lib.writing() as s:
            actor = for_update(s, Actor, actor_id, "actor", if_version)
            before = _record(actor)
            for key, value in fields.items():
                if key == "name":
                    actor.name = clean_line(value, what="actor's name", required=True, max_len=500)
                    actor.norm_name = norm_key(actor.name)
                elif key == "affiliation":
                    actor.affiliation = clean_line(value, what="affiliation", max_len=500)
                    actor.norm_affiliation = norm_key(actor.affiliation)
                elif key == "role":
                    actor.role = clean_line(value, what="role", max_len=500)
                elif key == "aliases":
                    actor.aliases = _aliases(value)
                else:
                    raise ValidationError(f"An actor has no field '{key}'.")
            with s.no_autoflush:
                clash = s.scalar(
                    select(Actor.id).where(
                        Actor.norm_name == actor.norm_name,
                        Actor.norm_affiliation == actor.norm_affiliation,
                        Actor.id != actor.id,
                    )
                )
            if clash is not None:  # checked before writing: a failed flush would spoil the transaction
                where = f" of {actor.affiliation}" if actor.affiliation else ""
                raise ConflictError(
                    f"Another actor (a{clash}) is already named {actor.name}{where}; merge the two instead."
                )
            touch(actor, self._lib.user)
            self._lib.log_change(s, "actor", actor.id, "updated")
            try:
                s.flush()
            except IntegrityError:
                raise ConflictError(
                    f"Another actor is already named {actor.name} with that affiliation."
                ) from None
            after = _record(actor)
        return Change("actor", "updated", actor_id, before=before, after=after)

    def delete(self, actor_id: int, *, if_version: int | None = None) -> Change[ActorRecord]:
        """Delete an actor who has no claims. An actor with claims is refused (ConflictError): give the claims
        another actor, or merge this actor into another, first. ``extra`` keeps what ``restore`` needs."""
        with self._lib.writing() as s:
            actor = for_update(s, Actor, actor_id, "actor", if_version)
            n = s.scalar(select(func.count()).select_from(Claim).where(Claim.actor_id == actor.id)) or 0
            if n:
                raise ConflictError(
                    f"{actor.name} (a{actor.id}) cannot be deleted: {counted(n, 'claim is', 'claims are')} "
                    "attributed to them. Give those claims another actor, or merge this actor into another, "
                    "first."
                )
            before = _record(actor)
            kept = self._references(s, actor.id)
            s.delete(actor)
            self._lib.log_change(s, "actor", actor_id, "deleted")
        return Change("actor", "deleted", actor_id, before=before, extra=kept)

    def restore(self, change: Change[ActorRecord]) -> Change[ActorRecord]:
        """Undo a delete: the actor comes back with the same id, global id and names, and what pointed at them
        (their ids in other systems, the reports naming them as an origin) points at them again."""
        rec = change.before
        if change.action != "deleted" or change.entity != "actor" or rec is None:
            raise ValidationError("Only a deleted actor can be restored.")
        with self._lib.writing() as s:
            self._recreate(s, rec)
            self._point_back(s, rec.id, change.extra)
            self._lib.log_change(s, "actor", rec.id, "restored")
            after = _record(self._must(s, rec.id))
        return Change("actor", "restored", rec.id, after=after)

    def merge(
        self, actor_id: int, *, into: int, if_version: int | None = None, into_version: int | None = None
    ) -> Change[ActorRecord]:
        """Merge actor ``actor_id`` into actor ``into`` (one transaction): their claims, ids in other systems
        and the reports naming them as an origin move to ``into``; their name and aliases become aliases of
        ``into`` (a role ``into`` lacks is taken over); then they are deleted. ``unmerge(change)`` undoes it.

        The change is ``into``'s ("merged"), with ``before``/``after`` its record; ``extra["merged"]`` is the
        merged actor's record, ``extra["claim_ids"]`` the claims moved."""
        other_id, into_id = int(actor_id), int(into)
        if other_id == into_id:
            raise ValidationError("An actor cannot be merged into themselves; choose another actor to keep.")
        with self._lib.writing() as s:
            other = for_update(s, Actor, other_id, "actor", if_version)
            target = for_update(s, Actor, into_id, "actor", into_version)
            before_other = _record(other, self._claim_count(s, other.id))
            before = _record(target, self._claim_count(s, target.id))
            kept = self._references(s, other.id)
            claim_ids = list(s.scalars(select(Claim.id).where(Claim.actor_id == other.id).order_by(Claim.id)))
            now = utcnow()
            for chunk in _chunks(claim_ids):
                s.execute(
                    update(Claim)
                    .where(Claim.id.in_(chunk))
                    .values(
                        actor_id=target.id, version=Claim.version + 1, updated=now, updated_by=self._lib.user
                    )
                    .execution_options(synchronize_session=False)
                )
            s.execute(
                update(ExternalId)
                .where(ExternalId.actor_id == other.id)
                .values(actor_id=target.id)
                .execution_options(synchronize_session=False)
            )
            s.execute(
                update(ClaimReport)
                .where(ClaimReport.origin_actor_id == other.id)
                .values(origin_actor_id=target.id)
                .execution_options(synchronize_session=False)
            )
            own = norm_key(target.name)
            names = [*before.aliases, other.name, *before_other.aliases]
            target.aliases = _aliases([n for n in names if norm_key(n) != own])
            if not target.role and other.role:
                target.role = other.role
            touch(target, self._lib.user, now)
            s.delete(other)
            s.flush()
            for cid in claim_ids:
                self._lib.log_change(s, "claim", cid, "updated")
            self._lib.log_change(s, "actor", other.id, "merged")
            self._lib.log_change(s, "actor", target.id, "updated")
            after = _record(target, before.claim_count + len(claim_ids))
        extra: dict[str, Any] = {"merged": before_other, "claim_ids": claim_ids, **kept}
        affected = (("actor", other_id),) + tuple(("claim", c) for c in claim_ids)
        return Change("actor", "merged", into_id, before=before, after=after, affected=affected, extra=extra)

    def unmerge(self, change: Change[ActorRecord]) -> Change[ActorRecord]:
        """Undo ``merge``: the merged actor comes back with the same id, the claims that were moved (and are
        still with the kept actor) go back to them, and the kept actor's aliases and role are as they were."""
        other, before = change.extra.get("merged"), change.before
        if change.action != "merged" or other is None or before is None:
            raise ValidationError("Only a merge of actors can be undone this way.")
        claim_ids: list[int] = list(change.extra.get("claim_ids", []))
        with self._lib.writing() as s:
            target = self._must(s, before.id)
            self._recreate(s, other)
            now = utcnow()
            for chunk in _chunks(claim_ids):
                s.execute(
                    update(Claim)
                    .where(Claim.id.in_(chunk), Claim.actor_id == target.id)
                    .values(
                        actor_id=other.id, version=Claim.version + 1, updated=now, updated_by=self._lib.user
                    )
                    .execution_options(synchronize_session=False)
                )
            self._point_back(s, other.id, change.extra)
            target.aliases = _aliases(before.aliases)
            target.role = before.role
            touch(target, self._lib.user, now)
            s.flush()
            for cid in claim_ids:
                self._lib.log_change(s, "claim", cid, "updated")
            self._lib.log_change(s, "actor", other.id, "restored")
            self._lib.log_change(s, "actor", target.id, "updated")
            after = _record(target, self._claim_count(s, target.id))
            restored = _record(self._must(s, other.id), self._claim_count(s, other.id))
        return Change(
            "actor",
            "unmerged",
            before.id,
            before=change.after,
            after=after,
            affected=(("actor", other.id),) + tuple(("claim", c) for c in claim_ids),
            extra={"restored": restored},
        )

    # --- what merge, delete and their undo share ---------------------------------------------------------
    @staticmethod
    def _must(s: Session, actor_id: int) -> Actor:
        actor = s.get(Actor, actor_id)
        if actor is None:
            raise NotFoundError("actor", actor_id)
        return actor

    @staticmethod
    def _claim_count(s: Session, actor_id: int) -> int:
        return s.scalar(select(func.count()).select_from(Claim).where(Claim.actor_id == actor_id)) or 0

    @staticmethod
    def _references(s: Session, actor_id: int) -> dict[str, Any]:
        """What points at an actor besides claims, read before it is deleted (its ids in other systems go
        with it) or merged away (they move): what ``_point_back`` puts back."""
        ext = s.execute(
            select(ExternalId.id, ExternalId.system, ExternalId.external_id, ExternalId.created).where(
                ExternalId.actor_id == actor_id
            )
        ).all()
        return {
            "external_ids": [tuple(row) for row in ext],
            "origin_of": list(
                s.scalars(select(ClaimReport.claim_id).where(ClaimReport.origin_actor_id == actor_id))
            ),
        }

    @staticmethod
    def _point_back(s: Session, actor_id: int, kept: dict[str, Any]) -> None:
        for ident, system, external_id, created in kept.get("external_ids", []):
            row = s.get(ExternalId, ident)
            if row is not None:  # moved by a merge: back to this actor
                row.actor_id = actor_id
            elif (
                s.scalar(
                    select(ExternalId.id).where(
                        ExternalId.system == system, ExternalId.external_id == external_id
                    )
                )
                is None
            ):  # deleted with the actor, and not given to anything since
                s.add(
                    ExternalId(
                        id=ident, system=system, external_id=external_id, actor_id=actor_id, created=created
                    )
                )
        reports: list[int] = list(kept.get("origin_of", []))
        for chunk in _chunks(reports):
            s.execute(
                update(ClaimReport)
                .where(ClaimReport.claim_id.in_(chunk))
                .values(origin_actor_id=actor_id)
                .execution_options(synchronize_session=False)
            )
        s.flush()

    def _recreate(self, s: Session, rec: ActorRecord) -> None:
        """An actor back from a delete or a merge: same id, global id and creator; a newer version."""
        if s.get(Actor, rec.id) is not None:
            raise ConflictError(f"Actor a{rec.id} already exists.")
        clash = s.scalar(
            select(Actor).where(
                Actor.norm_name == norm_key(rec.name), Actor.norm_affiliation == norm_key(rec.affiliation)
            )
        )
        if clash is not None:
            raise ConflictError(
                f"{rec.name} cannot come back: another actor (a{clash.id}) now has that name and affiliation."
            )
        now = utcnow()
        s.add(
            Actor(
                id=rec.id,
                name=rec.name,
                norm_name=norm_key(rec.name),
                role=rec.role,
                affiliation=rec.affiliation,
                norm_affiliation=norm_key(rec.affiliation),
                aliases=_aliases(rec.aliases),
                created=rec.created or now,
                updated=now,
                uuid=rec.uuid or new_uuid(),
                version=rec.version + 1,
                created_by=rec.created_by or self._lib.user,
                updated_by=self._lib.user,
            )
        )
        s.flush()

    def list(
        self,
        *,
        text: str | None = None,
        sort: str = "name",
        descending: bool = False,
        offset: int = 0,
        limit: int = 100,
        with_total: bool = True,
    ) -> Page[ActorRecord]:
        sorts = {"name": Actor.norm_name, "id": Actor.id, "affiliation": Actor.norm_affiliation}
        if sort not in sorts:
            raise ValidationError(f"Actors cannot be sorted by '{sort}'; use name, affiliation or id.")
        conds = []
        if text and text.strip():
            like = f"%{search_text(text)}%"
            conds.append(
                or_(
                    Actor.name.ilike(like),
                    Actor.affiliation.ilike(like),
                    Actor.role.ilike(like),
                    Actor.aliases.ilike(like),
                )
            )
        col = sorts[sort]
        q = select(Actor).where(and_(True, *conds)).order_by(col.desc() if descending else col, Actor.id)
        with self._lib.reading() as s:
            actors = s.scalars(q.offset(max(0, offset)).limit(limit)).all()
            counts = {}
            if actors:
                counts = dict(
                    s.execute(
                        select(Claim.actor_id, func.count())
                        .where(Claim.actor_id.in_([a.id for a in actors]))
                        .group_by(Claim.actor_id)
                    ).all()
                )
            total = (
                s.scalar(select(func.count()).select_from(Actor).where(and_(True, *conds)))
                if with_total
                else -1
            )
            return Page(tuple(_record(a, counts.get(a.id, 0)) for a in actors), total or 0, offset, limit)
