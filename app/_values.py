"""Equality, hashing and repr for the frozen dataclasses a cold command creates, written once.

A frozen dataclass compiles six generated methods when its module is imported (~0.4-1.3 ms a class on the
machines of bench/RESULTS.md). Declared ``@dataclass(frozen=True, slots=True, eq=False, repr=False)`` on a
subclass of :class:`Value`, a record compiles four: ``__eq__``, ``__hash__`` and ``__repr__`` are these,
which behave as the generated ones do (equal when of the same class with every field equal, hashed by the
fields, shown as ``ClaimRecord(id=1, ...)``). ``dataclasses.fields``, ``replace`` and ``asdict`` work as
before; tests/app/test_values.py holds each record to a dataclass that generates its methods.

A :class:`Record` compiles none: declared ``@dataclass(slots=True, init=False, eq=False, repr=False)``, it is
frozen by this base (assigning or deleting a field raises ``dataclasses.FrozenInstanceError``; copies and
pickles are made as a frozen dataclass's are) and its ``__init__`` is written in its class, each field set
with :data:`set_field`, as the generated one sets it (~0.35 ms less a class at import: the generated
``__init__``, ``__setattr__`` and ``__delattr__`` are each compiled from source). The test holds each
record's ``__init__`` to the generated one's signature.
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable
from typing import Any, cast

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


set_field = object.__setattr__  # how a frozen record's __init__ sets its fields (as the generated one does)


class Record(Value):
    """A :class:`Value` frozen by its base, for a dataclass declared ``slots=True, init=False, eq=False,
    repr=False`` whose ``__init__`` is written in its class (see the module's docstring)."""

    __slots__ = ()

    def __setattr__(self, name: str, value: Any) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")

    def __getstate__(self) -> list[Any]:  # copies and pickles, as a frozen slotted dataclass makes them
        return [getattr(self, f.name) for f in dataclasses.fields(cast(Any, self))]

    def __setstate__(self, state: list[Any]) -> None:
        for f, value in zip(dataclasses.fields(cast(Any, self)), state, strict=True):
            set_field(self, f.name, value)
