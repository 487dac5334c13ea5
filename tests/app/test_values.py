"""app._values.Value: the records whose equality, hash and repr it supplies behave as the dataclasses they were
(the methods a dataclass would generate), field for field."""

from __future__ import annotations

import dataclasses

import pytest

from app._values import Value
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
