"""lib.assumptions (key assumptions check) and lib.timeline (who said what, when)."""

from __future__ import annotations

import pytest

from app.analysis.model import AssumptionRating
from app.errors import ConflictError, NotFoundError, ValidationError


def test_assumptions_add_list_update_delete_and_undo(lib, world):
    b = world.brief_id
    first = lib.assumptions.add(
        b, "Port records are complete", rating="caveated", why="Two gaps in March"
    ).after
    second = lib.assumptions.add(
        b, "The harbour master speaks for the port", rating="solid", judgment=1
    ).after
    third = lib.assumptions.add(b, "Ferries count as shipping", rating="UNSUPPORTED", position=1).after
    assert [a.id for a in lib.assumptions.list(b)] == [third.id, first.id, second.id]
    assert second.judgment == 1 and first.judgment is None and third.rating is AssumptionRating.UNSUPPORTED
    change = lib.assumptions.update(first.id, rating="solid", judgment="none", why="Checked against AIS data")
    assert change.before.rating is AssumptionRating.CAVEATED and change.after.rating is AssumptionRating.SOLID
    lib.assumptions.revert(change)
    assert lib.assumptions.get(first.id).why == "Two gaps in March"
    deleted = lib.assumptions.delete(third.id)
    assert [a.position for a in lib.assumptions.list(b)] == [1, 2]
    restored = lib.assumptions.revert(deleted)
    assert [a.id for a in lib.assumptions.list(b)] == [third.id, first.id, second.id]
    lib.assumptions.revert(restored)
    assert [a.id for a in lib.assumptions.list(b)] == [first.id, second.id]


def test_bad_assumptions_are_refused(lib, world):
    b = world.brief_id
    lib.assumptions.add(b, "Port records are complete", rating="solid")
    with pytest.raises(ValidationError, match="not an assumption rating"):
        lib.assumptions.add(b, "Other", rating="probably")
    with pytest.raises(ConflictError, match="already records"):
        lib.assumptions.add(b, "port records are complete", rating="caveated")
    with pytest.raises(ValidationError, match="key judgment number"):
        lib.assumptions.add(b, "Other", rating="solid", judgment="first")
    with pytest.raises(ValidationError, match="cannot be empty"):
        lib.assumptions.add(b, " \n ", rating="solid")
    with pytest.raises(NotFoundError):
        lib.assumptions.add(4242, "Other", rating="solid")
    with pytest.raises(ValidationError, match="no field"):
        lib.assumptions.update(lib.assumptions.list(b)[0].id, colour="red")
    assert len(lib.assumptions.list(b)) == 1


def _pages(lib):
    """Three statements by one actor: a claim, its later denial by the same actor, and an undated one."""
    src = lib.sources.create(
        title="Minister's week",
        body="Monday: the minister said the port is open. Friday: the minister said the port was never open. "
        "The minister added that ferries run.",
        reliability="B",
        published="2026-05-09",
    ).after
    first = lib.claims.create(
        source_id=src.id, quote="the port is open", actor="Minister", said="2026-05-04", credibility=2
    ).after
    later = lib.claims.create(
        source_id=src.id,
        quote="the port was never open",
        actor="Minister",
        said="2026-05-08",
        credibility=3,
        tags=["port"],
    ).after
    undated = lib.claims.create(source_id=src.id, quote="ferries run", actor="Minister", credibility=3).after
    lib.links.create(from_claim_id=later.id, kind="denies", to_claim_id=first.id)
    other_src = lib.sources.create(
        title="Wire", body="An official said the port is open.", reliability="C"
    ).after
    other = lib.claims.create(
        source_id=other_src.id, quote="the port is open", actor="Official", said="2026-05-05"
    ).after
    lib.links.create(from_claim_id=other.id, kind="corroborates", to_claim_id=first.id)
    return first, later, undated, other


def test_timeline_orders_by_date_said_marks_published_dates_and_position_changes(lib):
    first, later, undated, other = _pages(lib)
    t = lib.timeline.build(actor="minister")
    assert t.actor == "Minister" and t.total == 3
    assert [e.claim.id for e in t.entries] == [first.id, later.id, undated.id]
    assert [e.date_kind for e in t.entries] == ["said", "said", "published"]
    assert str(t.entries[2].date) == "2026-05-09"  # the source's date, since the date said is unknown
    e0, e1 = t.entries[0], t.entries[1]
    assert [n.claim_id for n in e0.denied_by] == [later.id]
    assert [n.claim_id for n in e0.corroborated_by] == [other.id]
    assert e0.position_changed and [n.claim_id for n in e0.revised_by] == [later.id]
    assert [n.claim_id for n in e1.revises] == [first.id] and not e1.position_changed
    # everyone, in order: the official's claim (5 May) sits between the minister's two
    assert [e.claim.id for e in lib.timeline.build().entries] == [first.id, other.id, later.id, undated.id]
    assert [e.claim.id for e in lib.timeline.build(tag="port").entries] == [later.id]
    window = lib.timeline.build(date_from="2026-05-05", date_to="2026-05-08")
    assert [e.claim.id for e in window.entries] == [other.id, later.id]
    # the published date counts for a claim whose date said is unknown
    assert [e.claim.id for e in lib.timeline.build(date_from="2026-05-09").entries] == [undated.id]
    page = lib.timeline.build(limit=2, offset=1)
    assert page.total == 4 and [e.claim.id for e in page.entries] == [other.id, later.id]


def test_a_denial_by_another_actor_is_no_change_of_position(lib):
    first, later, undated, other = _pages(lib)
    lib.links.create(from_claim_id=other.id, kind="qualifies", to_claim_id=undated.id)
    t = lib.timeline.build()
    by_id = {e.claim.id: e for e in t.entries}
    assert not by_id[undated.id].position_changed
    assert [n.claim_id for n in by_id[undated.id].qualified_by] == [other.id]


def test_timeline_refuses_bad_filters_plainly(lib):
    _pages(lib)
    with pytest.raises(ValidationError, match="No actor's name contains 'nobody'"):
        lib.timeline.build(actor="nobody")
    with pytest.raises(NotFoundError, match="no actor with id 999"):
        lib.timeline.build(actor="a999")
    with pytest.raises(ValidationError, match="before the start date"):
        lib.timeline.build(date_from="2026-06-01", date_to="2026-05-01")
    with pytest.raises(ValidationError, match="not a valid"):
        lib.timeline.build(date_from="yesterday")
    with pytest.raises(NotFoundError):
        lib.timeline.build(brief_id=77)


def test_timeline_of_a_brief_and_an_actor_by_id(lib, world):
    t = lib.timeline.build(brief_id=world.brief_id)
    assert {e.claim.id for e in t.entries} == {world.claims[k] for k in "abe"}
    actor_id = lib.claims.get(world.claims["a"]).actor_id
    t = lib.timeline.build(actor=f"a{actor_id}")
    assert [e.claim.id for e in t.entries] == [world.claims["a"]] and t.actor == "Alpha"
    assert [n.claim_id for n in t.entries[0].denied_by] == [world.claims["c"]]


def test_an_actor_qualifying_a_claim_the_same_day_is_no_change_of_position(lib):
    first, later, undated, other = _pages(lib)
    src = lib.sources.create(
        title="Same day", body="The minister said exports rose, then said only in March."
    ).after
    a = lib.claims.create(source_id=src.id, quote="exports rose", actor="Minister", said="2026-05-10").after
    b = lib.claims.create(source_id=src.id, quote="only in March", actor="Minister", said="2026-05-10").after
    lib.links.create(from_claim_id=b.id, kind="qualifies", to_claim_id=a.id)
    by_id = {e.claim.id: e for e in lib.timeline.build(actor="Minister").entries}
    assert not by_id[a.id].position_changed and not by_id[b.id].revises
    assert [n.claim_id for n in by_id[a.id].qualified_by] == [b.id]
    # a claim whose date is unknown cannot be said to come later
    lib.links.create(from_claim_id=undated.id, kind="qualifies", to_claim_id=later.id)
    by_id = {e.claim.id: e for e in lib.timeline.build(actor="Minister").entries}
    assert by_id[later.id].qualified_by and not by_id[later.id].revised_by


def test_the_timeline_pages_follow_one_order_whatever_the_dates(lib):
    """Claims dated by the date said, by their source's date, or not at all, in pages of any size: the
    merged reading gives exactly the order (date, id) with the undated last, and the right totals."""
    import datetime as dt
    import random

    rng = random.Random(5)
    days = [dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(0, 20)) for _ in range(12)]
    sources = []
    for i in range(12):
        published = None if i % 5 == 0 else days[i]
        body = " ".join(f"word{i}x{k}" for k in range(8))
        sources.append(lib.sources.create(title=f"S{i}", body=body, published=published).after)
    expected: list[tuple[dt.date | None, int]] = []
    for _ in range(60):
        src = sources[rng.randrange(12)]
        k = rng.randrange(8)
        said = None if rng.random() < 0.4 else days[rng.randrange(12)]
        claim = lib.claims.create(
            source_id=src.id, quote=f"word{src.title[1:]}x{k}", actor=rng.choice(["Ann", "Bo"]), said=said
        ).after
        expected.append((said or src.published, claim.id))
    order = [cid for _d, cid in sorted(expected, key=lambda e: (e[0] is None, e[0] or dt.date.min, e[1]))]
    for offset, limit in ((0, 60), (0, 7), (7, 7), (25, 10), (45, 3), (50, 8), (55, 10), (58, 1), (60, 5)):
        page = lib.timeline.build(offset=offset, limit=limit)
        assert [e.claim.id for e in page.entries] == order[offset : offset + limit]
        assert page.total == 60
    start, end = days[3], days[7]
    lo, hi = min(start, end), max(start, end)
    window = [
        cid
        for d, cid in sorted((e for e in expected if e[0] and lo <= e[0] <= hi), key=lambda e: (e[0], e[1]))
    ]
    got = lib.timeline.build(date_from=lo, date_to=hi, limit=100)
    assert [e.claim.id for e in got.entries] == window and got.total == len(window)
    ann = lib.actors.find("Ann").id
    mine = [cid for cid in order if lib.claims.get(cid).actor_id == ann]
    got = lib.timeline.build(actor="Ann", offset=2, limit=5)
    assert [e.claim.id for e in got.entries] == mine[2:7] and got.total == len(mine)
