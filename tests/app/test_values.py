"""app._values.Value: the records whose equality, hash and repr it supplies behave as the dataclasses they were
(the methods a dataclass would generate), field for field. app._values.Record: the records whose __init__ is
written in their class take the generated one's arguments, and stay frozen, copied and pickled as before."""

from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle

import pytest

from app._values import Record, Value
from app.checks.model import CheckSettings, Finding, Fix
from app.domain import (
    BriefRecord,
    Change,
    Citation,
    ClaimRecord,
    ClaimWithLinks,
    LinkedClaim,
    LinkRecord,
    SourceRecord,
    WaiverRecord,
)
from app.markings import Marking

RECORDS = [
    SourceRecord,
    ClaimRecord,
    LinkRecord,
    LinkedClaim,
    ClaimWithLinks,
    BriefRecord,
    WaiverRecord,
    Citation,
    Fix,
    Finding,
    CheckSettings,
    Marking,
]


def _values(cls: type, salt: int) -> dict[str, object]:
    return {f.name: f"{f.name}-{salt}" for f in dataclasses.fields(cls)}


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__name__)
def test_a_record_compares_hashes_and_shows_itself_as_a_generated_dataclass(cls: type) -> None:
    assert issubclass(cls, Value) and dataclasses.is_dataclass(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    generated = dataclasses.make_dataclass(cls.__name__, names, frozen=True)
    a, same, other = cls(**_values(cls, 1)), cls(**_values(cls, 1)), cls(**_values(cls, 2))
    reference, reference_other = generated(**_values(cls, 1)), generated(**_values(cls, 2))
    assert repr(a) == repr(reference)
    assert a == same and hash(a) == hash(same) and hash(a) == hash(reference)
    assert (a != other) == (reference != reference_other)
    assert a != reference  # another class, as two dataclasses of different classes
    assert len({a, same, other}) == 2
    first = names[0]
    changed = dataclasses.replace(a, **{first: "changed"})
    assert changed != a and getattr(changed, first) == "changed"
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(a, first, "x")


def test_a_change_compares_and_shows_itself_as_before() -> None:
    a = Change("claim", "created", 3, after="record", affected=[("source", 1)], extra={"k": 1})
    same = Change("claim", "created", 3, after="record", affected=[("source", 1)], extra={"k": 1})
    assert a == same and a != Change("claim", "updated", 3, after="record")
    assert repr(a) == (
        "Change(entity=<Entity.CLAIM: 'claim'>, action=<Action.CREATED: 'created'>, id=3, before=None, "
        "after='record', affected=((<Entity.SOURCE: 'source'>, 1),), extra={'k': 1})"
    )
    with pytest.raises(TypeError):  # its extra is a dict, as before
        hash(a)


def _generated(cls: type) -> type:
    """The frozen dataclass ``cls`` was declared as before: its fields, defaults and factories, methods generated."""
    spec = []
    for f in dataclasses.fields(cls):
        if f.default is not dataclasses.MISSING:
            spec.append((f.name, f.type, dataclasses.field(default=f.default)))
        elif f.default_factory is not dataclasses.MISSING:
            spec.append((f.name, f.type, dataclasses.field(default_factory=f.default_factory)))
        else:
            spec.append((f.name, f.type))
    return dataclasses.make_dataclass(cls.__name__, spec, frozen=True, slots=True)


def _arguments(sig: inspect.Signature) -> list[tuple[str, object, object]]:
    out = []
    for p in list(sig.parameters.values())[1:]:  # self
        default = p.default
        if default is not inspect.Parameter.empty and type(default).__name__ == "_HAS_DEFAULT_FACTORY_CLASS":
            default = "factory"
        out.append((p.name, p.kind, default))
    return out


def _written_records() -> list[type]:
    found, todo = [], list(Record.__subclasses__())
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return sorted({c for c in found if dataclasses.is_dataclass(c)}, key=lambda c: c.__qualname__)


def test_every_record_with_a_written_init_is_held_to_the_generated_one() -> None:
    written = {c.__name__ for c in _written_records()}
    assert written >= {c.__name__ for c in RECORDS} | {"Change"}


@pytest.mark.parametrize("cls", _written_records(), ids=lambda c: c.__name__)
def test_a_written_init_takes_the_generated_ones_arguments_and_sets_every_field(cls: type) -> None:
    reference = _generated(cls)
    if cls is not Change:  # Change converts its entity and action, and copies what is affected, in its own
        written, generated = (
            _arguments(inspect.signature(cls.__init__)),
            _arguments(inspect.signature(reference.__init__)),
        )
        generated = [(n, k, d if d != "factory" else _factory_default(cls, n)) for n, k, d in generated]
        assert written == generated
        values = [f"{f.name}-1" for f in dataclasses.fields(cls)]
        a, b = cls(*values), reference(*values)
        assert [getattr(a, f.name) for f in dataclasses.fields(cls)] == values
        assert repr(a) == repr(b).replace(reference.__qualname__, cls.__qualname__, 1)
        required = {
            f.name: f"{f.name}-2"
            for f in dataclasses.fields(cls)
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        }
        assert repr(cls(**required)) == repr(reference(**required)).replace(
            reference.__qualname__, cls.__qualname__, 1
        )
    else:
        a = Change("claim", "created", 3, after="record", affected=[("source", 1)])
    first = dataclasses.fields(cls)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(a, first, "x")
    with pytest.raises(dataclasses.FrozenInstanceError):
        delattr(a, first)
    for twin in (copy.copy(a), copy.deepcopy(a), pickle.loads(pickle.dumps(a))):
        assert twin is not a and repr(twin) == repr(a)
        assert all(getattr(twin, f.name) == getattr(a, f.name) for f in dataclasses.fields(cls))


def _factory_default(cls: type, name: str) -> object:
    (f,) = [f for f in dataclasses.fields(cls) if f.name == name]
    return f.default_factory()  # type: ignore[misc]
