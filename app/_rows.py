"""Reading stored rows without trusting them.

A library's rows can hold values its schema allows but Briefdesk does not: an unknown source kind or claim
status, a malformed date, a title stored as binary data, an unknown marking scheme (another program, a bad
copy, a hand edit, a newer Briefdesk's value). Record builders read every such field through a
:class:`RowReader`: a readable value passes unchanged (cheaply), an unreadable one becomes a neutral stand-in
and a plain problem, and the record carries ``problem`` ("s12 has an invalid kind 'x'"). Lists then show
that message in place of the row and go on with the rest; ``briefdesk doctor`` lists and repairs the rows.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import TypeVar

from app.storage.types import Unreadable, parse_stored_date, parse_stored_datetime

E = TypeVar("E", bound=enum.Enum)
_EPOCH = dt.datetime(1970, 1, 1)


def shown(value: object, limit: int = 40) -> str:
    """A stored value as a message quotes it: short, control characters visible."""
    if isinstance(value, Unreadable):
        value = value.raw
    if isinstance(value, bytes | bytearray | memoryview):
        return f"{len(value)} bytes of binary data"
    text = repr(value) if not isinstance(value, str) else value
    text = "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in text)
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def joined(parts: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


class RowReader:
    """Collects the problems of one record while its fields are read. ``ref`` names it: 's12', 'c3', 'b1'."""

    __slots__ = ("ref", "problems")

    def __init__(self, ref: str) -> None:
        self.ref = ref
        self.problems: list[str] = []

    def text(self, value: object, field: str, default: str = "") -> str:
        if type(value) is str:
            return value
        if value is None:
            return default
        if isinstance(value, bytes):
            self.problems.append(f"a {field} stored as binary data, not text ({len(value)} bytes)")
            try:
                return value.decode("utf-8")
            except UnicodeDecodeError:
                return default
        if isinstance(value, int | float):  # a number in a text column: readable as text
            return str(value)
        self.problems.append(f"a {field} that is not text ({shown(value)})")
        return default

    def choice(self, cls: type[E], value: object, field: str, default: E) -> E:
        try:
            return cls(value)
        except ValueError:
            self.problems.append(f"an invalid {field} '{shown(value)}'")
            return default

    def date(self, value: object, field: str) -> dt.date | None:
        if value is None or type(value) is dt.date:
            return value
        parsed = parse_stored_date(value) if not isinstance(value, Unreadable) else value
        if isinstance(parsed, Unreadable):
            self.problems.append(f"a malformed {field} '{shown(parsed)}'")
            return None
        return parsed

    def moment(self, value: object, field: str) -> dt.datetime:
        if type(value) is dt.datetime:
            return value
        parsed = parse_stored_datetime(value) if not isinstance(value, Unreadable) else value
        if isinstance(parsed, dt.datetime):
            return parsed
        if value is not None:
            self.problems.append(f"a malformed {field} '{shown(parsed)}'")
        return _EPOCH

    def integer(
        self, value: object, field: str, default: int, lo: int | None = None, hi: int | None = None
    ) -> int:
        if type(value) is int and (lo is None or value >= lo) and (hi is None or value <= hi):
            return value
        if value is None and default is not None:
            return default
        self.problems.append(f"an invalid {field} '{shown(value)}'")
        return default

    def message(self) -> str:
        """'' when every field was readable, else one sentence naming the record."""
        return f"{self.ref} has {joined(self.problems)}" if self.problems else ""
