"""Sources, actors, claims, links and briefs through the services, as the GUI and CLI use them."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from app.domain import ClaimStatus, LinkKind, SourceKind
from app.domain_lists import ClaimFilter, SourceFilter
from app.errors import ConflictError, NotFoundError, ValidationError
from tests.conftest import SAMPLE_BODY


def test_source_is_stored_with_its_metadata_and_hash(lib, source):
    got = lib.sources.get(source.id)
    assert got.title == "Border crossing to reopen"
    assert got.kind is SourceKind.NEWS_ARTICLE
    assert got.reliability == "B"
    assert got.published == dt.date(2026, 3, 3)
    assert got.accessed == dt.date.today()
    assert got.body == SAMPLE_BODY
    assert len(got.sha256) == 64


def test_identical_content_returns_the_existing_source(lib, source):
    again = lib.sources.create(title="Another title", body=SAMPLE_BODY)
    assert again.action == "existing"
    assert again.id == source.id
    assert lib.sources.count() == 1


def test_same_url_is_a_warning_not_a_duplicate(lib, source):
    change = lib.sources.create(
        title="Updated story", body="A new version.", url="https://example.org/kessel"
    )
    assert change.action == "created"
    assert any("same URL" in w for w in change.extra["warnings"])


def test_original_bytes_are_kept_and_hashed(lib):
    raw = "caf\u00e9 story".encode("latin-1")
    change = lib.sources.create(
        title="Latin-1", body="caf\u00e9 story", original=raw, original_filename="a.txt"
    )
    assert lib.sources.original(change.id) == raw
    assert change.after.original_filename == "a.txt"
    import hashlib

    assert change.after.sha256 == hashlib.sha256(raw).hexdigest()


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"reliability": "G"}, "reliability grade"),
        ({"kind": "rumour"}, "not a kind of source"),
        ({"published": "11 July"}, "YYYY-MM-DD"),
        ({"title": "   "}, "title cannot be empty"),
        ({"colour": "red"}, "no field"),
    ],
)
def test_bad_source_edits_are_refused_and_nothing_changes(lib, source, fields, message):
    stored = lib.sources.get(source.id)
    with pytest.raises(ValidationError, match=message):
        lib.sources.update(source.id, **fields)
    assert lib.sources.get(source.id) == stored  # every field, its version and updated time as before
    assert lib.sources.get(source.id).reliability == "B"


def test_source_update_returns_before_and_after(lib, source):
    change = lib.sources.update(source.id, reliability="d", outlet="Wire")
    assert (change.before.reliability, change.after.reliability) == ("B", "D")
    assert lib.sources.get(source.id).outlet == "Wire"


def test_claim_quote_is_found_with_normalised_whitespace_and_quotes(lib, source):
    change = lib.claims.create(
        source_id=source.id,
        quote='"We have repaired   the bridge and the guards are back,"',
        actor="Dana Reyes",
        role="interior minister",
        affiliation="Kessel",
        said="2026-03-02",
        credibility=2,
        tags=["Border", "border", "bridges"],
    )
    claim = change.after
    body = lib.sources.get(source.id).body
    assert body[claim.span_start : claim.span_end] == claim.quote
    assert claim.quote.startswith("\u201cWe have repaired")  # the source's own characters are stored
    assert claim.actor_name == "Dana Reyes" and claim.actor_role == "interior minister"
    assert claim.grade == "B2"
    assert claim.tags == ("border", "bridges")
    assert claim.said == dt.date(2026, 3, 2)
    assert change.extra["created_actor"] is True


def test_a_quote_not_in_the_source_is_refused(lib, source):
    with pytest.raises(ValidationError, match="does not occur"):
        lib.claims.create(source_id=source.id, quote="the bridge was destroyed")
    assert lib.claims.count() == 0
    assert lib.actors.list().total == 0


def test_a_given_span_is_validated(lib, source):
    body = lib.sources.get(source.id).body
    start = body.index("Kessel")
    claim = lib.claims.create(source_id=source.id, quote="Kessel", span=(start, start + 6)).after
    assert (claim.span_start, claim.span_end) == (start, start + 6)
    with pytest.raises(ValidationError, match="does not match"):
        lib.claims.create(source_id=source.id, quote="Kessel", span=(0, 6))


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"credibility": 7}, "credibility grade"),
        ({"credibility": "x"}, "credibility grade"),
        ({"said": "2026-13-40"}, "YYYY-MM-DD"),
        ({"status": "rumoured"}, "not a claim status"),
        ({"source_id": 999}, "no source with id 999"),
        ({"actor_id": 999}, "no actor with id 999"),
    ],
)
def test_bad_claims_are_refused(lib, source, kwargs, message):
    args = {"source_id": source.id, "quote": "Kessel", **kwargs}
    with pytest.raises((ValidationError, NotFoundError), match=message):
        lib.claims.create(**args)
    assert lib.claims.count() == 0


def _two_claims(lib, source):
    a = lib.claims.create(
        source_id=source.id,
        quote="would reopen within a week",
        actor="Dana Reyes",
        said="2026-03-02",
        credibility=3,
    ).after
    b = lib.claims.create(
        source_id=source.id,
        quote="Nothing has been repaired",
        actor="Provincial spokesman",
        said="2026-03-03",
        credibility=3,
    ).after
    return a, b


def test_a_denial_makes_the_claim_contested_and_shows_side_by_side(lib, source):
    a, b = _two_claims(lib, source)
    change = lib.links.create(from_claim_id=b.id, kind="denies", to_claim_id=a.id, note="province rejects")
    assert change.after.kind is LinkKind.DENIES
    assert set(change.affected) == {("claim", a.id), ("claim", b.id)}
    view = lib.claims.with_links(a.id)
    assert view.contested and view.claim.contested
    assert [lc.claim.id for lc in view.denials] == [b.id]
    assert view.denials[0].claim.actor_name == "Provincial spokesman"
    assert view.denials[0].claim.grade == "B3"
    assert view.denials[0].link.note == "province rejects"
    reverse = lib.claims.with_links(b.id)
    assert [lc.claim.id for lc in reverse.denies] == [a.id]
    assert not reverse.contested


def test_claims_with_links_in_bulk_match_one_by_one(lib, source, monkeypatch):
    import app.claim_rows

    a, b = _two_claims(lib, source)
    c = lib.claims.create(source_id=source.id, quote="the guards are back", actor="Dana Reyes").after
    lib.claims.update(a.id, tags=["border", "bridge"])
    lib.links.create(from_claim_id=b.id, kind="denies", to_claim_id=a.id, note="province rejects")
    lib.links.create(from_claim_id=c.id, kind="corroborates", to_claim_id=a.id)
    lib.links.create(from_claim_id=c.id, kind="qualifies", to_claim_id=b.id)
    monkeypatch.setattr(app.claim_rows, "BATCH", 2)  # several batches with three claims
    got = lib.claims.with_links_many([c.id, 999_999, a.id, b.id, a.id])
    assert list(got) == [c.id, a.id, b.id]  # the order asked, unknown ids and repeats left out
    for cid, view in got.items():
        assert view == lib.claims.with_links(cid)
    view_a = got[a.id]
    assert view_a.claim.tags == ("border", "bridge")
    assert (view_a.claim.denial_count, view_a.claim.corroboration_count) == (1, 1)
    assert [lc.claim.id for lc in view_a.denials] == [b.id]
    assert [lc.claim.id for lc in view_a.corroborations] == [c.id]
    # a linked claim carries its own link counts and tags, not only the cited claim
    only_c = lib.claims.with_links_many([c.id])[c.id]
    linked_a = only_c.corroborates[0].claim
    assert linked_a.id == a.id and linked_a.denial_count == 1 and linked_a.tags == ("border", "bridge")
    assert [lc.claim.id for lc in only_c.qualifies] == [b.id]
    assert lib.claims.with_links_many([]) == {}


def test_claims_read_in_bulk_are_the_records_read_one_by_one(lib, source):
    """What the checks and the export read in bulk is what the claim list and the link editor show: the same
    uuid (however another program stored it), dates, links and grades."""
    from sqlalchemy import text

    a, b = _two_claims(lib, source)
    link = lib.links.create(
        from_claim_id=b.id, kind="denies", to_claim_id=a.id, note="province rejects"
    ).after
    if lib.dialect == "sqlite":  # a uuid as another program may store it: dashed, upper case
        with lib.writing() as s:
            s.execute(text("UPDATE claims SET uuid = upper(:u) WHERE id = :i"), {"u": a.uuid, "i": a.id})
    got = lib.claims.with_links_many([a.id, b.id])
    for cid in (a.id, b.id):
        assert got[cid].claim == lib.claims.get(cid)
        assert re.fullmatch(r"[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}", got[cid].claim.uuid)
    assert got[a.id].claim.uuid == a.uuid
    assert got[a.id].denials[0].link == lib.links.get(link.id)
    assert got[b.id].denies[0].link == lib.links.get(link.id)


def test_self_links_and_duplicate_links_are_refused(lib, source):
    a, b = _two_claims(lib, source)
    with pytest.raises(ConflictError, match="itself"):
        lib.links.create(from_claim_id=a.id, kind="denies", to_claim_id=a.id)
    lib.links.create(from_claim_id=b.id, kind="denies", to_claim_id=a.id)
    with pytest.raises(ConflictError, match="already"):
        lib.links.create(from_claim_id=b.id, kind="denies", to_claim_id=a.id)
    with pytest.raises(ConflictError, match="already linked"):
        lib.links.create(from_claim_id=a.id, kind="corroborates", to_claim_id=b.id)
    assert lib.counts()["links"] == 1


def test_unlink_and_restore_the_same_link(lib, source):
    a, b = _two_claims(lib, source)
    link = lib.links.create(from_claim_id=b.id, kind="denies", to_claim_id=a.id).after
    removed = lib.links.delete(link.id)
    assert not lib.claims.with_links(a.id).denials
    lib.links.restore(removed)
    assert [lc.link.id for lc in lib.claims.with_links(a.id).denials] == [link.id]


def test_delete_claim_and_undo_brings_back_links_and_tags(lib, source):
    a, b = _two_claims(lib, source)
    lib.claims.update(a.id, tags=["border"])
    lib.links.create(from_claim_id=b.id, kind="denies", to_claim_id=a.id)
    deleted = lib.claims.delete(a.id)
    with pytest.raises(NotFoundError):
        lib.claims.get(a.id)
    assert not lib.claims.with_links(b.id).denies
    lib.claims.restore(deleted)
    back = lib.claims.with_links(a.id)
    assert back.claim.tags == ("border",)
    assert [lc.claim.id for lc in back.denials] == [b.id]


def test_claim_update_records_before_and_after(lib, source):
    a, _ = _two_claims(lib, source)
    change = lib.claims.update(a.id, status="disputed", credibility=4, statement="Reopening within a week.")
    assert change.before.status is ClaimStatus.UNVERIFIED
    assert change.after.status is ClaimStatus.DISPUTED
    assert lib.claims.get(a.id).grade == "B4"
    with pytest.raises(ValidationError):
        lib.claims.update(a.id, credibility=0)
    assert lib.claims.get(a.id).credibility == 4


def test_claim_lists_filter_sort_and_page_in_sql(lib, source):
    a, b = _two_claims(lib, source)
    lib.claims.update(a.id, tags=["border"])
    lib.links.create(from_claim_id=b.id, kind="denies", to_claim_id=a.id)
    other = lib.sources.create(title="Other", body="The army said the road is open.", reliability="C").after
    c = lib.claims.create(source_id=other.id, quote="the road is open", actor="Army", said="2026-01-01").after

    ids = lambda page: [x.id for x in page.items]  # noqa: E731
    assert ids(lib.claims.list(sort="said")) == [b.id, a.id, c.id]
    assert ids(lib.claims.list(sort="said", descending=False)) == [c.id, a.id, b.id]
    assert ids(lib.claims.list(ClaimFilter(contested=True))) == [a.id]
    assert ids(lib.claims.list(ClaimFilter(tag="Border"))) == [a.id]
    assert ids(lib.claims.list(ClaimFilter(source_id=other.id))) == [c.id]
    assert ids(lib.claims.list(ClaimFilter(actor_name="reyes"))) == [a.id]
    assert ids(lib.claims.list(ClaimFilter(said_from=dt.date(2026, 3, 1), said_to=dt.date(2026, 3, 2)))) == [
        a.id
    ]
    assert ids(lib.claims.list(ClaimFilter(text="road"))) == [c.id]
    assert ids(
        lib.claims.list(ClaimFilter(status=ClaimStatus.UNVERIFIED), sort="actor", descending=False)
    ) == [c.id, a.id, b.id]
    page = lib.claims.list(offset=1, limit=1)
    assert page.total == 3 and len(page.items) == 1
    assert lib.claims.list(with_total=False).total == -1
    assert lib.claims.ids(ClaimFilter(), sort="id", descending=False) == [a.id, b.id, c.id]
    assert lib.claims.tags() == ["border"]


def test_source_lists_filter_and_sort(lib, source):
    lib.sources.create(
        title="Statement", body="x", kind="official statement", reliability="A", published="2025-01-01"
    )
    page = lib.sources.list(SourceFilter(kind=SourceKind.OFFICIAL_STATEMENT))
    assert [s.title for s in page.items] == ["Statement"]
    assert [s.title for s in lib.sources.list(sort="title", descending=False).items] == [
        "Border crossing to reopen",
        "Statement",
    ]
    assert [s.reliability for s in lib.sources.list(SourceFilter(reliability="b")).items] == ["B"]
    with pytest.raises(ValidationError):
        lib.sources.list(sort="colour")


def test_deleting_a_source_deletes_its_claims(lib, source):
    a, b = _two_claims(lib, source)
    change = lib.sources.delete(source.id)
    assert set(change.affected) == {("claim", a.id), ("claim", b.id)}
    assert lib.claims.count() == 0 and lib.counts()["links"] == 0


def test_actors_are_unique_by_normalised_name_and_affiliation(lib):
    lib.actors.create(name="Dana  Reyes", affiliation="Kessel")
    with pytest.raises(ConflictError, match="already an actor"):
        lib.actors.create(name="dana reyes", affiliation="KESSEL")
    lib.actors.create(name="Dana Reyes", affiliation="Other Ministry")
    assert lib.actors.list().total == 2
    found = lib.actors.get_or_create(name="DANA REYES", affiliation="kessel")
    assert found.affiliation == "Kessel"
    assert lib.actors.list().total == 2


def test_actor_found_by_alias(lib):
    actor = lib.actors.create(name="Hossein Tehrani", aliases=["H. Tehrani", "the minister"]).after
    assert lib.actors.find("h. tehrani").id == actor.id


def test_brief_revisions_are_kept_on_save_and_periodically_on_autosave(lib):
    brief = lib.briefs.create(title="Weekly", body="first").after
    lib.briefs.set_body(brief.id, "second", reason="autosave")  # within 5 minutes of the last: no revision
    lib.briefs.set_body(brief.id, "third", reason="save")
    lib.briefs.set_body(brief.id, "third", reason="save")  # identical: no new revision
    revs = lib.briefs.revisions(brief.id)
    assert [r.body for r in revs] == ["third", "first"]
    assert lib.briefs.get(brief.id).body == "third"
    lib.briefs.restore_revision(revs[-1].id)
    assert lib.briefs.get(brief.id).body == "first"
    assert [r.body for r in lib.briefs.revisions(brief.id)][:2] == ["first", "third"]


def test_brief_marking_is_validated(lib):
    brief = lib.briefs.create(title="Marked", marking_scheme="classification", default_marking="s//nf").after
    assert brief.default_marking == "S//NF"
    with pytest.raises(ValidationError, match="not a valid tlp marking"):
        lib.briefs.create(title="Bad", marking_scheme="tlp", default_marking="SECRET")
    assert lib.briefs.list().total == 1
    changed = lib.briefs.update(brief.id, marking_scheme="tlp").after
    assert changed.default_marking == "TLP:CLEAR"


def test_where_cited_lists_briefs_lines_and_sections(lib, source):
    a, b = _two_claims(lib, source)
    body = f"## Key judgments\n\n1. Likely [@c{a.id}].\n\n## Discussion\n\nSee [@c{b.id}; @c{a.id}] and `[@c{b.id}]`."
    brief = lib.briefs.create(title="Border", body=body).after
    places = lib.briefs.where_cited(a.id)
    assert [(p.brief_id, p.line, p.section) for p in places] == [
        (brief.id, 3, "Key judgments"),
        (brief.id, 7, "Discussion"),
    ]
    assert [p.line for p in lib.briefs.where_cited(b.id)] == [7]  # the one in code is not a citation
    lib.briefs.set_body(brief.id, "No citations now.")
    assert lib.briefs.where_cited(a.id) == []
    with pytest.raises(NotFoundError):
        lib.briefs.where_cited(999)


def test_waivers(lib, source):
    a, _ = _two_claims(lib, source)
    brief = lib.briefs.create(title="W").after
    lib.briefs.add_waiver(brief_id=brief.id, claim_id=a.id, reason="Denial is from an anonymous account.")
    with pytest.raises(ConflictError):
        lib.briefs.add_waiver(brief_id=brief.id, claim_id=a.id, reason="again")
    with pytest.raises(ValidationError):
        lib.briefs.add_waiver(brief_id=brief.id, claim_id=a.id, reason="  ")
    assert [w.claim_id for w in lib.briefs.waivers(brief.id)] == [a.id]


def test_batch_claim_columns_are_read_in_the_order_the_record_expects():
    """with_links_many reads rows by position (faster for thousands): the column order is part of it."""
    from app.claim_rows import BATCH_COLUMNS as _BATCH_COLUMNS

    assert [c.key for c in _BATCH_COLUMNS] == [
        "id", "source_id", "source_title", "source_outlet", "source_kind", "source_published",
        "source_reliability", "actor_id", "actor_name", "actor_role", "actor_affiliation", "statement",
        "quote", "span_start", "span_end", "said", "credibility", "status", "notes", "created", "updated",
        "source_url", "source_accessed", "uuid", "version", "created_by", "updated_by", "tags",
    ]  # fmt: skip


def test_deleting_a_brief_can_be_undone_with_its_revisions_waivers_and_analysis(lib, source):
    a, b = _two_claims(lib, source)
    lib.links.create(from_claim_id=b.id, kind="denies", to_claim_id=a.id)
    brief = lib.briefs.create(title="Kessel", body=f"# Crossing\n\nIt reopens [@c{a.id}].\n").after
    lib.briefs.set_body(brief.id, f"# Crossing\n\nIt reopens soon [@c{a.id}].\n", reason="save")
    lib.briefs.add_waiver(brief_id=brief.id, claim_id=a.id, reason="the denial is stale")
    hyp = lib.ach.add_hypothesis(brief.id, "The crossing reopens").after
    lib.ach.add_claims(brief.id, [a.id, b.id])
    lib.ach.rate(hyp.id, a.id, "C")
    lib.assumptions.add(brief.id, "The bridge holds", rating="caveated")
    before = (
        lib.briefs.get(brief.id),
        lib.briefs.revisions(brief.id),
        lib.briefs.waivers(brief.id),
        lib.briefs.where_cited(a.id),
        lib.ach.matrix(brief.id),
        lib.assumptions.list(brief.id),
    )

    deleted = lib.briefs.delete(brief.id)
    with pytest.raises(NotFoundError):
        lib.briefs.get(brief.id)
    assert lib.briefs.where_cited(a.id) == []
    assert deleted.extra["revisions"] == len(before[1]) >= 1

    lib.claims.delete(b.id)  # a matrix row about a claim deleted since stays out
    restored = lib.briefs.restore(deleted)
    assert restored.after == before[0]
    assert lib.briefs.revisions(brief.id) == before[1]
    assert lib.briefs.waivers(brief.id) == before[2]
    assert lib.briefs.where_cited(a.id) == before[3]
    matrix = lib.ach.matrix(brief.id)
    assert [h.text for h in matrix.hypotheses] == ["The crossing reopens"]
    assert [r.claim.id for r in matrix.rows] == [a.id]
    assert lib.assumptions.list(brief.id) == before[5]
    with pytest.raises(ConflictError):
        lib.briefs.restore(deleted)


def test_a_body_is_stored_without_control_characters(lib):
    """What every export reads is what is stored: control characters, lone surrogates and U+FFFF are
    dropped on create and on save; tabs and line ends stay; saving the same clean text again changes
    nothing."""
    b = lib.briefs.create(title="T", body="One\x01 two\ud800.\uffff\tTab\r\n").after
    assert lib.briefs.get(b.id).body == "One two.\tTab\r\n"
    change = lib.briefs.set_body(b.id, "Key\x0e judgments\x1f [@c1]\n")
    assert change.after.body == "Key judgments [@c1]\n"
    again = lib.briefs.set_body(b.id, "Key judgments [@c1]\x0e\n", reason=None)
    assert again.after.version == change.after.version
    assert lib.briefs.get(b.id).body == "Key judgments [@c1]\n"
