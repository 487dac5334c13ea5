"""External ids: the id a record has in another system (a STIX object id, a MISP uuid).

The importers of STIX bundles and MISP events record one for every source, actor, claim and link they make,
so that importing the same file again finds those records instead of adding them twice; the exporters write a
record that came from a platform under the id it came with, so the platform recognises it on the way back.

    lib.external_ids.find(system, external_id) -> (kind, record_id) | None
    lib.external_ids.ids_for(kind, record_ids, system) -> {record_id: external_id}
    lib.external_ids.add(system, external_id, kind, record_id)   # inside lib.transaction() or alone
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy import select

from app.errors import ConflictError, ValidationError
from app.storage.models import ExternalId, utcnow

if TYPE_CHECKING:
    from app.storage.store import Store

SYSTEMS = ("stix", "misp")
KINDS = ("source", "actor", "claim", "link")
_COLUMN = {kind: getattr(ExternalId, f"{kind}_id") for kind in KINDS}
MAX_LENGTH = 300


def _check(system: str, kind: str | None = None) -> None:
    if system not in SYSTEMS:
        raise ValidationError(f"'{system}' is not a system Briefdesk keeps ids for; use stix or misp.")
    if kind is not None and kind not in KINDS:
        raise ValidationError(f"'{kind}' is not a kind of record with external ids.")


class ExternalIdService:
    def __init__(self, lib: Store) -> None:
        self._lib = lib

    def find(self, system: str, external_id: str) -> tuple[str, int] | None:
        """The record that ``external_id`` of ``system`` was imported as, if it still exists."""
        _check(system)
        with self._lib.reading() as s:
            row = s.scalar(
                select(ExternalId).where(ExternalId.system == system, ExternalId.external_id == external_id)
            )
            if row is None:
                return None
            for kind in KINDS:
                value = getattr(row, f"{kind}_id")
                if value is not None:
                    return kind, value
        return None

    def find_many(self, system: str, external_ids: Iterable[str]) -> dict[str, tuple[str, int]]:
        _check(system)
        wanted = list(dict.fromkeys(external_ids))
        out: dict[str, tuple[str, int]] = {}
        with self._lib.reading() as s:
            for start in range(0, len(wanted), 500):
                rows = s.scalars(
                    select(ExternalId).where(
                        ExternalId.system == system, ExternalId.external_id.in_(wanted[start : start + 500])
                    )
                )
                for row in rows:
                    for kind in KINDS:
                        value = getattr(row, f"{kind}_id")
                        if value is not None:
                            out[row.external_id] = (kind, value)
        return out

    def ids_for(self, kind: str, record_ids: Iterable[int], system: str) -> dict[int, str]:
        """The external ids of ``system`` that these records of ``kind`` were imported under (the first
        one where a record has several)."""
        _check(system, kind)
        ids = list(dict.fromkeys(int(i) for i in record_ids))
        column = _COLUMN[kind]
        out: dict[int, str] = {}
        with self._lib.reading() as s:
            for start in range(0, len(ids), 500):
                rows = s.execute(
                    select(column, ExternalId.external_id)
                    .where(ExternalId.system == system, column.in_(ids[start : start + 500]))
                    .order_by(ExternalId.id)
                )
                for record_id, external_id in rows:
                    out.setdefault(record_id, external_id)
        return out

    def add(self, system: str, external_id: str, kind: str, record_id: int) -> None:
        """Remember that ``record_id`` of ``kind`` is ``external_id`` in ``system``. The same pair again is
        a no-op; the external id already naming another record is a ConflictError."""
        _check(system, kind)
        external_id = str(external_id).strip()
        if not external_id or len(external_id) > MAX_LENGTH:
            raise ValidationError(f"An external id must have 1 to {MAX_LENGTH} characters.")
        with self._lib.writing() as s:
            row = s.scalar(
                select(ExternalId).where(ExternalId.system == system, ExternalId.external_id == external_id)
            )
            if row is not None:
                if getattr(row, f"{kind}_id") == record_id:
                    return
                raise ConflictError(f"{external_id} already names another record in this library.")
            s.add(
                ExternalId(
                    system=system, external_id=external_id, created=utcnow(), **{f"{kind}_id": record_id}
                )
            )
