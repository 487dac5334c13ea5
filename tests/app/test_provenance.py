"""Provenance through the services: derived sources, reported claims, origins, depth and independence.

Each scenario is a small hand-built library of a kind analysts meet: two outlets rewriting one wire
story, a ministry echoing a newspaper, two truly independent witnesses, and chains mixing both kinds of hop.
"""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from app.domain import DerivationKind
from app.errors import ConflictError, NotFoundError, ValidationError
from app.library import Library
from tests.conftest import FIXTURES

WIRE = (
    "KESSEL (Northwire) - The defence ministry said on Tuesday that troops had withdrawn from the border "
    "town of Varn. \u201cThe last units left Varn at dawn,\u201d said ministry spokesman Ilse Marr."
)
DAILY = (
    "Troops have pulled out of Varn, the defence ministry said. \u201cThe last units left Varn at dawn,\u201d "
    "said ministry spokesman Ilse Marr, according to Northwire."
)
GAZETTE = (
    "The army has left the town of Varn. Ministry spokesman Ilse Marr said: \u201cThe last units left Varn "
    "at dawn.\u201d Residents were not available for comment."
)


def src(lib, title, body, outlet, kind="news article", reliability="B"):
    return lib.sources.create(title=title, body=body, outlet=outlet, kind=kind, reliability=reliability).id


def claim(lib, source_id, quote, actor=None, **kw):
    return lib.claims.create(source_id=source_id, quote=quote, actor=actor, **kw).id


@pytest.fixture
def wire_story(lib):
    """A wire story rewritten by two outlets; each outlet's claim repeats the spokesman's words."""
    wire = src(lib, "Troops leave Varn", WIRE, "Northwire")
    daily = src(lib, "Varn withdrawal", DAILY, "Kessel Daily")
    gazette = src(lib, "Army leaves Varn", GAZETTE, "Varn Gazette")
    c_wire = claim(lib, wire, "The last units left Varn at dawn", "Ilse Marr", credibility=2)
    c_daily = claim(lib, daily, "The last units left Varn at dawn", "Ilse Marr", credibility=2)
    c_gazette = claim(lib, gazette, "The last units left Varn at dawn", "Ilse Marr", credibility=2)
    return {
        "wire": wire,
        "daily": daily,
        "gazette": gazette,
        "c_wire": c_wire,
        "c_daily": c_daily,
        "c_gazette": c_gazette,
    }


# --- source derivations ------------------------------------------------------------------------------
def test_derivation_is_stored_with_its_kind_who_and_when(lib, wire_story):
    lib.user = "a.analyst"
    change = lib.provenance.derive(wire_story["daily"], wire_story["wire"], "rewrites", note="same wording")
    assert change.action == "created"
    d = change.after
    assert (d.source_id, d.derived_from_id, d.kind) == (
        wire_story["daily"],
        wire_story["wire"],
        DerivationKind.REWRITES,
    )
    assert d.created_by == "a.analyst" and d.created is not None
    assert d.derived_from_outlet == "Northwire"
    prov = lib.provenance.derivations(wire_story["daily"])
    assert [x.derived_from_id for x in prov.derived_from] == [wire_story["wire"]]
    assert prov.roots == (wire_story["wire"],)
    assert [x.source_id for x in lib.provenance.derivations(wire_story["wire"]).derived_by] == [
        wire_story["daily"]
    ]
    # recorded again with another kind: updated, not duplicated
    assert d.uuid and d.version == 1
    lib.user = "b.editor"  # as a library opened by another analyst
    same = lib.provenance.derive(wire_story["daily"], wire_story["wire"], "rewrites")
    assert same.action == "unchanged" and same.after.version == 1
    again = lib.provenance.derive(wire_story["daily"], wire_story["wire"], "quotes")
    assert again.action == "updated" and again.after.kind is DerivationKind.QUOTES
    assert again.after.version == 2 and again.after.updated_by == "b.editor"
    assert again.after.created_by == "a.analyst" and again.after.uuid == d.uuid
    assert len(lib.provenance.derivations(wire_story["daily"]).derived_from) == 1


def test_a_derivation_loop_is_refused_in_plain_words_naming_the_chain(lib, wire_story):
    w, d, g = wire_story["wire"], wire_story["daily"], wire_story["gazette"]
    lib.provenance.derive(d, w, "rewrites")
    lib.provenance.derive(g, d, "quotes")
    with pytest.raises(ConflictError) as err:
        lib.provenance.derive(w, g, "cites")
    msg = str(err.value)
    assert f"s{w} cannot be derived from s{g}" in msg
    assert f"s{g} quotes s{d}, s{d} rewrites s{w}" in msg
    assert "Nothing was changed" in msg
    with pytest.raises(ConflictError, match="itself"):
        lib.provenance.derive(w, w)
    assert lib.provenance.derivations(w).derived_from == ()


def test_bad_derivation_input_is_refused(lib, wire_story):
    with pytest.raises(ValidationError, match="not a kind of derivation"):
        lib.provenance.derive(wire_story["daily"], wire_story["wire"], "summarises")
    with pytest.raises(NotFoundError, match="no source with id 999"):
        lib.provenance.derive(wire_story["daily"], 999)
    with pytest.raises(ValidationError, match="not recorded as derived"):
        lib.provenance.underive(wire_story["daily"], wire_story["wire"])


def test_underive_and_its_undo(lib, wire_story):
    made = lib.provenance.derive(wire_story["daily"], wire_story["wire"])
    gone = lib.provenance.underive(wire_story["daily"], wire_story["wire"])
    assert gone.before == made.after
    assert lib.provenance.derivations(wire_story["daily"]).derived_from == ()
    back = lib.provenance.restore_derivation(gone)
    assert back.after.id == made.after.id and back.after.kind is DerivationKind.REWRITES
    lib.provenance.restore_derivation(made)  # undo of the creation removes it
    assert lib.provenance.derivations(wire_story["daily"]).derived_from == ()


def test_deleting_a_source_removes_its_derivations(lib, wire_story):
    lib.provenance.derive(wire_story["daily"], wire_story["wire"])
    lib.sources.delete(wire_story["wire"])
    assert lib.provenance.derivations(wire_story["daily"]).derived_from == ()


# --- the rules on hand-built libraries -----------------------------------------------------------------
def test_two_outlets_rewriting_one_wire_story_trace_to_one_origin(lib, wire_story):
    w = wire_story
    # before anything is recorded, the three claims share a speaker: not independent either way
    lib.provenance.derive(w["daily"], w["wire"], "rewrites")
    lib.provenance.derive(w["gazette"], w["wire"], "rewrites")
    for c in (w["c_daily"], w["c_gazette"]):
        o = lib.provenance.origins(c)
        assert o.origins == (f"c{w['c_wire']}",)
        assert o.depth == 1
        assert o.hops[0].relation == "rewrites"
        assert o.hops[0].via == f"s{lib.claims.get(c).source_id} rewrites s{w['wire']}"
    assert lib.provenance.independent_groups([w["c_daily"], w["c_gazette"]]) == [
        [w["c_daily"], w["c_gazette"]]
    ]


def test_unattributed_rewrites_of_a_wire_story_with_no_claim_recorded_trace_to_the_wire_source(lib):
    wire = src(
        lib, "Bridge down", "The rail bridge at Orsk collapsed overnight, cutting the line.", "Northwire"
    )
    a = src(
        lib, "Orsk bridge", "Overnight the rail bridge at Orsk collapsed, cutting the line east.", "Daily A"
    )
    b = src(lib, "Line cut", "The rail bridge at Orsk collapsed overnight; the line is cut.", "Paper B")
    ca = claim(lib, a, "the rail bridge at Orsk collapsed")
    cb = claim(lib, b, "The rail bridge at Orsk collapsed overnight")
    # unattributed claims in two outlets, no provenance: two origins (different sources)
    assert len(lib.provenance.independent_groups([ca, cb])) == 2
    lib.provenance.derive(a, wire, "rewrites")
    lib.provenance.derive(b, wire, "reposts")
    oa, ob = lib.provenance.origins(ca), lib.provenance.origins(cb)
    assert oa.origins == ob.origins == (f"s{wire}",)
    assert oa.node(f"s{wire}").origin and oa.node(f"s{wire}").source_outlet == "Northwire"
    assert lib.provenance.independent_groups([ca, cb]) == [[ca, cb]]


def test_a_ministry_echoing_a_newspaper_is_not_independent_of_it(lib):
    paper = src(
        lib, "Shelling reported", "Witnesses said the army shelled the market in Tolm on Sunday.", "Tolm Post"
    )
    ministry = src(
        lib,
        "Ministry statement",
        "The ministry confirms, as the Tolm Post reported, that the army shelled the market in Tolm.",
        "Ministry of the Interior",
        kind="official statement",
        reliability="A",
    )
    c_paper = claim(lib, paper, "the army shelled the market in Tolm", "Witnesses")
    c_min = claim(lib, ministry, "the army shelled the market in Tolm", "Ministry of the Interior")
    assert len(lib.provenance.independent_groups([c_paper, c_min])) == 2  # looks like corroboration
    change = lib.provenance.set_reported_from(c_min, c_paper)
    assert change.action == "created" and change.after.reported_from_id == c_paper
    o = lib.provenance.origins(c_min)
    assert o.origins == (f"c{c_paper}",) and o.depth == 1
    assert o.hops[0].relation == "reported from"
    assert lib.provenance.independent_groups([c_paper, c_min]) == [[c_paper, c_min]]


def test_two_truly_independent_witnesses_agree(lib):
    a = src(
        lib, "Witness in Varn", "A farmer, Tomas Kell, said he saw tanks leave Varn at dawn.", "Kessel Daily"
    )
    b = src(
        lib,
        "Report from Varn",
        "A teacher, Mira Sand, said tanks left Varn at dawn on Tuesday.",
        "Varn Gazette",
    )
    ca = claim(lib, a, "he saw tanks leave Varn at dawn", "Tomas Kell")
    cb = claim(lib, b, "tanks left Varn at dawn", "Mira Sand")
    lib.links.create(from_claim_id=cb, kind="corroborates", to_claim_id=ca)
    for c in (ca, cb):
        o = lib.provenance.origins(c)
        assert o.origins == (f"c{c}",) and o.depth == 0 and o.independent_count == 1
    assert len(lib.provenance.independent_groups([ca, cb])) == 2


def test_origins_through_mixed_source_and_claim_chains(lib):
    """Ministry statement -> wire story reports it -> a newspaper rewrites the wire -> a broadcaster
    translates the newspaper: the broadcaster's claim is three hands from the ministry."""
    ministry = src(
        lib,
        "Statement",
        "The harbour at Port Lane will reopen on Friday, the ministry announced.",
        "Ministry of Ports",
        kind="official statement",
    )
    wire = src(
        lib,
        "Harbour to reopen",
        "The harbour at Port Lane will reopen on Friday, according to the ministry.",
        "Northwire",
    )
    paper = src(
        lib,
        "Port Lane reopens",
        "According to the ministry the harbour at Port Lane will reopen on Friday.",
        "Daily A",
    )
    tv = src(lib, "Port Lane", "Le port de Port Lane rouvrira vendredi, selon le ministère.", "TV Sud")
    c_min = claim(lib, ministry, "The harbour at Port Lane will reopen on Friday", "Ministry of Ports")
    c_wire = claim(lib, wire, "The harbour at Port Lane will reopen on Friday", "Ministry of Ports")
    c_tv = claim(
        lib,
        tv,
        "Le port de Port Lane rouvrira vendredi",
        "Ministry of Ports",
        statement="The harbour at Port Lane will reopen on Friday.",
    )
    lib.provenance.set_reported_from(c_wire, c_min)
    lib.provenance.derive(paper, wire, "rewrites")
    lib.provenance.derive(tv, paper, "translates")
    o = lib.provenance.origins(c_tv)
    assert o.origins == (f"c{c_min}",)
    assert o.depth == 3
    path = [(h.later, h.relation, h.earlier) for h in o.hops]
    assert path == [
        (f"c{c_tv}", "translates", f"s{paper}"),
        (f"s{paper}", "rewrites", f"c{c_wire}"),
        (f"c{c_wire}", "reported from", f"c{c_min}"),
    ]
    assert [n.key for n in o.nodes] == [f"c{c_tv}", f"s{paper}", f"c{c_wire}", f"c{c_min}"]
    assert o.nodes[-1].origin and not o.nodes[0].origin
    assert o.node(f"c{c_min}").source_outlet == "Ministry of Ports"
    g = lib.provenance.graph([c_tv])
    assert g.chain_text(c_tv) == (
        f"c{c_tv} (Ministry of Ports, TV Sud), translated from s{paper} (Daily A), rewritten from "
        f"c{c_wire} (Ministry of Ports, Northwire), reported from c{c_min} (Ministry of Ports)"
    )


def test_a_quote_carries_only_the_claims_it_matches(lib):
    statement = src(
        lib, "Statement", "Exports of grain will resume in May, the minister said.", "Ministry of Trade"
    )
    report = src(
        lib,
        "Analysis",
        "The minister said exports of grain will resume in May. Our own survey found silos half empty.",
        "Think Tank",
        kind="report",
    )
    c_min = claim(lib, statement, "Exports of grain will resume in May", "Minister of Trade")
    c_quoted = claim(lib, report, "exports of grain will resume in May", "Minister of Trade")
    c_own = claim(lib, report, "Our own survey found silos half empty")
    lib.provenance.derive(report, statement, "quotes")
    assert lib.provenance.origins(c_quoted).origins == (f"c{c_min}",)
    own = lib.provenance.origins(c_own)
    assert own.origins == (f"c{c_own}",) and own.depth == 0


def test_a_claim_reported_from_a_lost_original_names_it(lib):
    a = src(lib, "A", "Citing a Western official, the paper said the convoy turned back.", "Daily A")
    b = src(lib, "B", "A Western official said the convoy turned back at the border.", "Paper B")
    ca = claim(lib, a, "the convoy turned back")
    cb = claim(lib, b, "the convoy turned back at the border")
    lib.provenance.set_reported_from(ca, None, origin_name="a Western official")
    lib.provenance.set_reported_from(cb, None, origin_name="a Western official")
    o = lib.provenance.origins(ca)
    assert o.origins == (f"p{ca}",)
    lost = o.node(f"p{ca}")
    assert lost.kind == "lost" and lost.speaker == "a Western official" and lost.origin
    assert lost.label == "a Western official (no surviving original)"
    assert lib.provenance.report(ca).lost_original
    # an unnamed official in each paper: nothing shows they are one person
    assert len(lib.provenance.independent_groups([ca, cb])) == 2
    # a named origin (an actor of that name exists) is one speaker in both
    lib.actors.create(name="Northwire")
    lib.provenance.set_reported_from(ca, None, origin_name="Northwire")
    lib.provenance.set_reported_from(cb, None, origin_name="northwire")
    assert lib.provenance.report(cb).origin_actor_id is not None
    assert lib.provenance.independent_groups([ca, cb]) == [[ca, cb]]


def test_a_report_loop_is_refused_and_a_report_can_be_replaced_or_cleared(lib, wire_story):
    w = wire_story
    lib.provenance.set_reported_from(w["c_daily"], w["c_wire"])
    lib.provenance.set_reported_from(w["c_gazette"], w["c_daily"])
    with pytest.raises(ConflictError) as err:
        lib.provenance.set_reported_from(w["c_wire"], w["c_gazette"])
    assert f"c{w['c_wire']} cannot be reported from c{w['c_gazette']}" in str(err.value)
    assert "Nothing was changed" in str(err.value)
    with pytest.raises(ConflictError, match="itself"):
        lib.provenance.set_reported_from(w["c_wire"], w["c_wire"])
    with pytest.raises(NotFoundError):
        lib.provenance.set_reported_from(w["c_wire"], 999)
    assert lib.provenance.report(w["c_wire"]) is None
    replaced = lib.provenance.set_reported_from(w["c_gazette"], w["c_wire"])
    assert replaced.action == "updated" and replaced.before.reported_from_id == w["c_daily"]
    assert [r.claim_id for r in lib.provenance.reported_by(w["c_wire"])] == [w["c_daily"], w["c_gazette"]]
    cleared = lib.provenance.clear_reported_from(w["c_gazette"])
    assert lib.provenance.origins(w["c_gazette"]).origins == (f"c{w['c_gazette']}",)
    lib.provenance.restore_report(cleared)
    assert lib.provenance.report(w["c_gazette"]).reported_from_id == w["c_wire"]
    with pytest.raises(ValidationError, match="not recorded as reported"):
        lib.provenance.clear_reported_from(w["c_wire"])


def test_deleting_the_reported_claim_keeps_a_named_lost_original_and_undo_restores_the_link(lib, wire_story):
    w = wire_story
    lib.provenance.set_reported_from(w["c_daily"], w["c_wire"])
    change = lib.claims.delete(w["c_wire"])
    r = lib.provenance.report(w["c_daily"])
    assert r.reported_from_id is None and r.origin_name == "Ilse Marr"
    o = lib.provenance.origins(w["c_daily"])
    assert o.origins == (f"p{w['c_daily']}",)
    lib.claims.restore(change)
    assert lib.provenance.report(w["c_daily"]).reported_from_id == w["c_wire"]


def test_deleting_a_reporting_claim_and_undo_keep_its_own_report(lib, wire_story):
    w = wire_story
    lib.provenance.set_reported_from(w["c_daily"], w["c_wire"], note="see para 2")
    change = lib.claims.delete(w["c_daily"])
    lib.claims.restore(change)
    r = lib.provenance.report(w["c_daily"])
    assert r.reported_from_id == w["c_wire"] and r.note == "see para 2"


def test_origins_of_an_unknown_claim(lib):
    with pytest.raises(NotFoundError, match="no claim with id 42"):
        lib.provenance.origins(42)


def test_a_long_chain_is_followed_without_recursion(lib):
    """1,500 hands (more than Python's recursion limit): written directly, as a synced library might hold."""
    s = src(lib, "Long", "Statement.", "Archive")
    import uuid

    from sqlalchemy import text

    with lib.engine.begin() as conn:  # the stored rows themselves, on SQLite or PostgreSQL
        conn.execute(
            text(
                "INSERT INTO claims (id, source_id, statement, quote, span_start, span_end, credibility, "
                "status, notes, created, updated, uuid) VALUES (:id, :s, 'Statement.', 'Statement', 0, 9, 6, "
                "'unverified', '', '2026-12-01', '2026-12-01', :u)"
            ),
            [{"id": i, "s": s, "u": uuid.uuid4().hex} for i in range(1, 1501)],
        )
        conn.execute(
            text(
                "INSERT INTO claim_reports (claim_id, reported_from_id, origin_name, note, uuid, created_by, "
                "created, updated) VALUES (:c, :r, '', '', :u, 'sync', '2026-12-01', '2026-12-01')"
            ),
            [{"c": i, "r": i - 1, "u": uuid.uuid4().hex} for i in range(2, 1501)],
        )
    o = lib.provenance.origins(1500)
    assert o.origins == ("c1",)
    assert o.depth == 1499
    assert len(o.hops) == 1499
    # the loop check walks the whole chain too
    with pytest.raises(ConflictError, match="c1 cannot be reported from c1500"):
        lib.provenance.set_reported_from(1, 1500)


def test_graph_of_many_claims_in_one_go(lib, wire_story):
    w = wire_story
    lib.provenance.derive(w["daily"], w["wire"])
    g = lib.provenance.graph([w["c_daily"], w["c_gazette"], 12345])
    assert g.origins(w["c_daily"]) == {("c", w["c_wire"], 0)}
    assert not g.independent(w["c_daily"], w["c_gazette"])  # one speaker
    assert g.shared(w["c_daily"], w["c_wire"]) == ("c", w["c_wire"], 0)
    many = lib.provenance.origins_many([w["c_daily"], w["c_gazette"]])
    assert many[w["c_daily"]].depth == 1 and many[w["c_gazette"]].depth == 0


# --- upgrade of an existing library ------------------------------------------------------------------
def test_a_first_schema_library_upgrades_and_takes_provenance(tmp_path):
    path = tmp_path / "old.briefdesk"
    shutil.copy(FIXTURES / "libraries" / "library-0001.briefdesk", path)
    with Library.open(path) as lib:
        assert lib.backup_path is not None
        # what was stored means what it meant: every claim is its own origin
        assert lib.provenance.origins(1).origins == ("c1",)
        assert lib.provenance.derivations(1).derived_from == ()
        other = lib.sources.create(
            title="Echo", body="The ministry said the harbour will reopen on Friday."
        ).id
        lib.provenance.derive(other, 1, "quotes")
        lib.provenance.set_reported_from(2, 1)
        assert lib.provenance.origins(2).origins == ("c1",)
    conn = sqlite3.connect(path)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"source_derivations", "claim_reports"} <= tables
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        conn.close()


# --- corroboration that counts: the claims list's filter and the side-by-side notes ----------------------
def test_claims_filter_single_origin_and_independently_corroborated(lib, wire_story):
    from app.domain_lists import ClaimFilter

    w = wire_story
    witness = src(lib, "Witness", "A farmer, Tomas Kell, said he saw tanks leave Varn at dawn.", "Varn Post")
    c_farm = claim(lib, witness, "he saw tanks leave Varn at dawn", "Tomas Kell")
    lib.links.create(from_claim_id=w["c_daily"], kind="corroborates", to_claim_id=w["c_wire"])  # one speaker
    lib.links.create(from_claim_id=c_farm, kind="corroborates", to_claim_id=w["c_gazette"])  # independent

    def ids(which: str) -> set[int]:
        page = lib.claims.list(ClaimFilter(corroboration=which), limit=100)
        assert page.total == len(page.items)
        return {c.id for c in page.items}

    assert ids("independent") == {w["c_gazette"]}
    assert ids("single") == {w["c_wire"], w["c_daily"], c_farm}
    # the set follows the library: a new independent corroboration shows at once
    lib.links.create(from_claim_id=c_farm, kind="corroborates", to_claim_id=w["c_wire"])
    assert ids("independent") == {w["c_gazette"], w["c_wire"]}
    # ...and a derivation that makes it one origin (the farmer's words came from the wire story) too
    lib.provenance.derive(witness, w["wire"], "rewrites")
    lib.claims.update(c_farm, actor_id=lib.claims.get(w["c_wire"]).actor_id)
    assert ids("independent") == set()
    with pytest.raises(ValidationError, match="not a corroboration filter"):
        lib.claims.list(ClaimFilter(corroboration="triple"))


def test_independence_notes_say_why_a_corroboration_is_not_independent(lib, wire_story):
    w = wire_story
    lib.provenance.derive(w["daily"], w["wire"], "rewrites")
    notes = lib.provenance.independence(w["c_wire"], [w["c_daily"], w["c_gazette"]])
    assert notes[w["c_daily"]] == (
        f"both come down to c{w['c_wire']} (Ilse Marr, Northwire): c{w['c_daily']} (Ilse Marr, Kessel Daily), "
        f"rewritten from c{w['c_wire']} (Ilse Marr, Northwire)"
    )
    assert notes[w["c_gazette"]] == "both come down to one speaker, Ilse Marr"
