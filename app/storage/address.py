"""Is a library argument a team library's address? Answered without loading the database layer, so a
command on a library file never imports anything PostgreSQL-specific (``app.storage.postgres`` re-exports
these for the code that talks to a server)."""

from __future__ import annotations

SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")


def is_url(target: object) -> bool:
    """Is ``target`` a PostgreSQL address (rather than a library file's path)?"""
    if not isinstance(target, str):
        return False
    head = target.strip().split("://", 1)[0].lower()
    return "://" in target and head in SCHEMES
