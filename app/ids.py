"""Record ids as the databases store them: one limit for the command line, the services and the brief's
citations (a module of its own, so that the command line's argument parsing imports nothing else)."""

from __future__ import annotations

from collections.abc import Iterable

MAX_ID = 2**63 - 1  # the largest id either database stores (SQLite INTEGER, PostgreSQL bigint)


def storable(ident: int) -> bool:
    """Whether ``ident`` could name a stored record. A brief may cite ``[@c99999999999999999999]``: a claim
    that cannot exist, reported as unknown and never sent to a database, which would overflow."""
    return 0 < ident <= MAX_ID


def storable_ids(ids: Iterable[int]) -> list[int]:
    """The ids among ``ids`` that could name a stored record, in their order."""
    return [i for i in ids if 0 < i <= MAX_ID]
