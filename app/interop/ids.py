"""Deterministic ids for what Briefdesk writes to other platforms.

A STIX id or a MISP uuid is a UUIDv5 in Briefdesk's own namespace of the record's stable uuid (or, for a
library from before records had one, of its kind and number), so exporting twice gives the same ids and the
platform updates its objects instead of adding copies. A record that was imported from a platform goes back
under the id it came with.
"""

from __future__ import annotations

import uuid
from typing import Protocol

from app._text import norm_key


class Identified(Protocol):
    """A record with an id and, in a library that keeps them, a stable uuid."""

    @property
    def id(self) -> int: ...


# Briefdesk's namespace for name-based (v5) UUIDs: fixed forever, changing it would change every exported id.
NAMESPACE = uuid.UUID("6c0b8f5e-3c0e-4b7a-9a51-2f1d5c8e7a40")


def record_key(kind: str, record: Identified) -> str:
    """What names a record for its derived ids: its stable uuid where the library has one."""
    stable = getattr(record, "uuid", "") or ""
    return f"{kind}:{stable}" if stable else f"{kind}:{record.id}"


def derived(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "\x1f".join(parts)))


def stix_id(stix_type: str, *parts: str) -> str:
    return f"{stix_type}--{derived(stix_type, *parts)}"


def for_record(stix_type: str, kind: str, record: Identified, imported: dict[int, str] | None = None) -> str:
    """The STIX id of ``record`` as ``stix_type``: the one it was imported under (if of that type), else
    derived from its stable key."""
    if imported:
        known = imported.get(record.id)
        if known and known.startswith(f"{stix_type}--"):
            return known
    return stix_id(stix_type, record_key(kind, record))


def for_name(stix_type: str, role: str, name: str) -> str:
    """The id of something Briefdesk knows only by name (an outlet, the analyst's organisation)."""
    return stix_id(stix_type, role, norm_key(name))
