"""Stored times as a reader sees them. The library stores naive UTC times (``app.storage.models.utcnow``);
people read them in their own time zone."""

from __future__ import annotations

import datetime as dt


def local_text(value: object, *, seconds: bool = False) -> str:
    """'2026-12-04 17:40' in the local time zone for a stored UTC time; '' for None."""
    if value is None:
        return ""
    if not isinstance(value, dt.datetime):
        return str(value)
    aware = value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
    try:
        local = aware.astimezone()
    except (OverflowError, OSError, ValueError):  # out of the platform's range: show it as stored
        local = aware
    return local.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def who_when(by: str, at: object) -> str:
    """'alice, 2026-12-04 17:40' (or 'unknown' parts for records made before who/when was kept)."""
    who = by or "unknown"
    when = local_text(at)
    return f"{who}, {when}" if when else who
