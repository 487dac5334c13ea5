"""Equality, hashing and repr for the frozen dataclasses a cold command creates, written once.

A frozen dataclass compiles six generated methods when its module is imported (~0.4-1.3 ms a class on the
machines of bench/RESULTS.md). Declared ``@dataclass(frozen=True, slots=True, eq=False, repr=False)`` on a
subclass of :class:`Value`, a record compiles four: ``__eq__``, ``__hash__`` and ``__repr__`` are these,
which behave as the generated ones do (equal when of the same class with every field equal, hashed by the
fields, shown as ``ClaimRecord(id=1, ...)``). ``dataclasses.fields``, ``replace`` and ``asdict`` work as
before; tests/app/test_values.py holds each record to a dataclass that generates its methods.
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable
from typing import Any

_FIELDS: dict[type, tuple[Callable[[Any], tuple[Any, ...]], tuple[str, ...]]] = {}


def _fields_of(cls: type) -> tuple[Callable[[Any], tuple[Any, ...]], tuple[str, ...]]:
    """(a function giving an instance's compared fields as a tuple, the names its repr shows), per class."""
    found = _FIELDS.get(cls)
    if found is None:
        fields = dataclasses.fields(cls)
        compared = [f.name for f in fields if f.compare]
        get: Callable[[Any], tuple[Any, ...]]
        if len(compared) == 1:
            one = compared[0]
            get = lambda obj: (getattr(obj, one),)  # noqa: E731
        else:
            get = operator.attrgetter(*compared)
        found = _FIELDS[cls] = (get, tuple(f.name for f in fields if f.repr))
    return found


class Value:
    """The base of a frozen dataclass declared with ``eq=False, repr=False``: value equality, hash and repr."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        get = _fields_of(self.__class__)[0]
        return bool(get(self) == get(other))

    def __hash__(self) -> int:
        return hash(_fields_of(self.__class__)[0](self))

    def __repr__(self) -> str:
        names = _fields_of(self.__class__)[1]
        return f"{self.__class__.__qualname__}({', '.join(f'{n}={getattr(self, n)!r}' for n in names)})"
