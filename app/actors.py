"""Actors: who said it. Unique by normalised name and affiliation."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.exc import IntegrityError

from app._rows import RowReader, shown
from app._text import clean_line, norm_key, search_text
from app.domain import ActorRecord, Change, Page
from app.errors import ConflictError, NotFoundError, ValidationError
from app.storage.models import Actor, Claim, utcnow
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

    def _create(self, s, *, name: str, role: str = "", affiliation: str = "", aliases: Any = ()) -> Actor:
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

    def _find(self, s, name: str, affiliation: str | None) -> Actor | None:
        """By normalised name (and affiliation if given); then by alias."""
        nk = norm_key(name)
        q = select(Actor).where(Actor.norm_name == nk)
        if affiliation is not None and affiliation.strip():
            q = q.where(Actor.norm_affiliation == norm_key(affiliation))
            return s.scalar(q)
        found = s.scalars(q.order_by(Actor.id)).all()
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

    def _get_or_create(self, s, *, name: str, role: str = "", affiliation: str = "") -> tuple[Actor, bool]:
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
        """Delete an actor; their claims stay, attributed to no one."""
        with self._lib.writing() as s:
            actor = for_update(s, Actor, actor_id, "actor", if_version)
            before = _record(actor)
            claim_ids = list(s.scalars(select(Claim.id).where(Claim.actor_id == actor_id)))
            s.delete(actor)
            self._lib.log_change(s, "actor", actor_id, "deleted")
        return Change(
            "actor", "deleted", actor_id, before=before, affected=tuple(("claim", c) for c in claim_ids)
        )

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
