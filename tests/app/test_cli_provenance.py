"""Provenance on the command line: source set --derived-from, claim set --reported-from, claim origins."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from app.cli import main
from app.library import Library
from tests.app.test_cli import _dump

WIRE = "KESSEL (Northwire) - \u201cThe last units left Varn at dawn,\u201d said ministry spokesman Ilse Marr."
DAILY = "Troops have left Varn. \u201cThe last units left Varn at dawn,\u201d said spokesman Ilse Marr."
POST = "Officials in Varn say the last units left Varn at dawn, a local account reported."


@pytest.fixture
def run(library_target, capsys):
    """The command line on a small library of three sources: a SQLite file, then a team library."""
    library = library_target
    with Library.open(library) as lib:
        for title, body, outlet in (
            ("Wire", WIRE, "Northwire"),
            ("Daily", DAILY, "Kessel Daily"),
            ("Post", POST, "Varn Post"),
        ):
            lib.sources.create(title=title, body=body, outlet=outlet, kind="news article", reliability="B")
        lib.claims.create(source_id=1, quote="The last units left Varn at dawn", actor="Ilse Marr")  # c1
        lib.claims.create(source_id=2, quote="The last units left Varn at dawn", actor="Ilse Marr")  # c2
        lib.claims.create(source_id=3, quote="the last units left Varn at dawn")  # c3
        lib.links.create(from_claim_id=2, kind="corroborates", to_claim_id=1)

    def _run(*args: str) -> tuple[int, str, str]:
        try:
            code = main(["--library", str(library), *args])
        except SystemExit as exc:  # usage errors
            code = exc.code
        out, err = capsys.readouterr()
        return code, out, err

    _run.library = library
    return _run


def _query(target, sql: str, **params) -> list[tuple]:
    """Rows of a query on the library (either database), read with a plain connection."""
    with Library.open(target) as lib, lib.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql), params)]


def test_source_set_derived_from_with_kinds_then_not_derived_from(run, monkeypatch):
    monkeypatch.setenv("BRIEFDESK_USER", "k.ward")
    code, out, err = run("source", "set", "s2", "--derived-from", "s1", "--derived-from", "3:cites")
    assert code == 0, err
    assert out.strip() == "Source 2 updated: rewrites s1, cites s3"
    code, out, _ = run("source", "show", "2")
    assert "Provenance:" in out
    assert "rewrites s1 Northwire  (recorded by k.ward on " in out
    assert "cites s3 Varn Post" in out
    code, out, _ = run("source", "show", "1", "--json")
    data = json.loads(out)
    assert [d["source_id"] for d in data["provenance"]["derived_by"]] == [2]
    code, out, _ = run(
        "source", "set", "2", "--derived-from", "1:quotes", "--title", "Daily, revised", "--json"
    )
    data = json.loads(out)
    assert data["source"]["title"] == "Daily, revised"
    assert [(d["derived_from_id"], d["kind"]) for d in data["derived_from"]] == [(1, "quotes"), (3, "cites")]
    code, out, _ = run("source", "set", "2", "--not-derived-from", "s3")
    assert code == 0 and out.strip() == "Source 2 updated: no longer derived from s3"


def test_a_loop_or_a_bad_kind_changes_nothing(run):
    run("source", "set", "2", "--derived-from", "1")
    before = _dump(run.library)
    code, out, err = run("source", "set", "1", "--title", "Renamed", "--derived-from", "2")
    assert code == 1 and out == ""
    assert err.strip() == (
        "briefdesk: s1 cannot be derived from s2: s2 is already derived from s1 (s2 rewrites s1), and a source "
        "cannot come from itself. Nothing was changed."
    )
    assert _dump(run.library) == before  # the title was not changed either: one transaction
    code, _, err = run("source", "set", "1", "--derived-from", "2:paraphrases")
    assert code == 2 and "'paraphrases' is not a kind of derivation" in err
    code, _, err = run("source", "set", "1", "--derived-from", "x9")
    assert code == 2 and "not a source id" in err
    code, _, err = run("source", "set", "1", "--not-derived-from", "3")
    assert code == 1 and err.strip() == "briefdesk: s1 is not recorded as derived from s3."
    code, _, err = run("source", "set", "1", "--derived-from", "99")
    assert code == 1 and "There is no source with id 99." in err
    assert _dump(run.library) == before


def test_claim_set_reported_from_a_claim_and_origins(run):
    code, out, err = run("claim", "set", "c3", "--reported-from", "c2")
    assert code == 0, err
    assert out.strip() == "Claim c3 updated: reported from c2"
    run("source", "set", "2", "--derived-from", "1")
    code, out, _ = run("claim", "origins", "c3")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "c3 unattributed (Varn Post, s3)"
    assert lines[1].startswith("  <- reported from c2 Ilse Marr (Kessel Daily, s2)   [recorded ")
    assert lines[2].startswith(
        "    <- rewritten from c1 Ilse Marr (Northwire, s1)  ORIGIN   [s2 rewrites s1; recorded"
    )
    assert "Hearsay depth: 2 (2 hands between the claim and its origin)" in out
    assert "Origins (1 origin):\n  c1 Ilse Marr (Northwire, s1)\nIndependent origins: 1" in out
    code, out, _ = run("claim", "origins", "3", "--json")
    data = json.loads(out)
    assert data["origins"] == ["c1"] and data["depth"] == 2 and data["independent"] == [["c1"]]
    assert [(h["later"], h["relation"], h["earlier"]) for h in data["hops"]] == [
        ("c3", "reported from", "c2"),
        ("c2", "rewrites", "c1"),
    ]
    assert data["nodes"][0]["key"] == "c3" and data["nodes"][-1]["origin"] is True


def test_claim_show_marks_a_corroboration_that_is_not_independent(run):
    code, out, _ = run("claim", "show", "1")
    assert "NOT INDEPENDENT" in out  # c2 is Ilse Marr again: one speaker
    code, out, _ = run("claim", "show", "2")
    assert "This claim corroborates (1):" in out and "NOT INDEPENDENT" in out


def test_claim_reported_from_none_names_the_lost_original(run):
    code, out, err = run("claim", "set", "3", "--reported-from", "none", "--origin", "a local official")
    assert code == 0, err
    assert out.strip() == "Claim c3 updated: reported from a local official (no surviving original)"
    code, out, _ = run("claim", "origins", "3")
    assert "<- reported from a local official (no surviving original)  ORIGIN" in out
    assert "Hearsay depth: 1" in out
    code, out, _ = run("claim", "show", "3")
    assert "reported from a local official (no surviving original)" in out
    code, out, _ = run("claim", "set", "3", "--not-reported-from")
    assert code == 0 and "no longer reported from another claim" in out
    code, out, _ = run("claim", "origins", "3")
    assert "Hearsay depth: 0 (first hand" in out


def test_claim_reported_from_bad_input(run):
    before = _dump(run.library)
    code, _, err = run("claim", "set", "1", "--reported-from", "1")
    assert code == 1 and err.strip() == "briefdesk: A claim cannot be reported from itself (c1)."
    code, _, err = run("claim", "set", "1", "--reported-from", "c77")
    assert code == 1 and "There is no claim with id 77." in err
    code, _, err = run("claim", "set", "1", "--origin", "Reuters")
    assert code == 1 and "--origin names a lost original" in err
    code, _, err = run("claim", "set", "1", "--reported-from", "2", "--not-reported-from")
    assert code == 2
    run("claim", "set", "2", "--reported-from", "1")
    code, _, err = run("claim", "set", "1", "--status", "disputed", "--reported-from", "2")
    assert code == 1 and "c1 cannot be reported from c2" in err
    assert lib_status(run.library, 1) == "unverified"  # the status change was undone with it
    code, _, err = run("claim", "origins", "c99")
    assert code == 1 and "There is no claim with id 99." in err
    assert _query(run.library, "SELECT claim_id, reported_from_id FROM claim_reports") == [(2, 1)]
    assert before != _dump(run.library)


def lib_status(target, claim_id: int) -> str:
    return _query(target, "SELECT status FROM claims WHERE id = :id", id=claim_id)[0][0]


def test_import_names_the_wire_story_a_page_credits_and_how_to_record_it(run, tmp_path):
    page = tmp_path / "varn.txt"
    page.write_text(
        "Varn, from the wire\n\nVARN (Northwire) - \u201cThe last units left Varn at dawn,\u201d said ministry "
        "spokesman Ilse Marr.\n",
        encoding="utf-8",
    )
    code, out, err = run("import", str(page))
    assert code == 0, err
    assert "provenance: s4 credits Northwire (dateline): it probably " in out
    assert "record it: briefdesk source set s4 --derived-from s1:" in out
    code, out, _ = run("import", str(page), "--json")  # again: already in the library, nothing proposed
    assert json.loads(out)["files"][0]["derivations"] == []


def test_extract_shows_and_applies_reported_from_links(run):
    with Library.open(run.library) as lib:
        s = lib.sources.create(
            title="Report",
            body="According to the defence ministry, the last units left Varn at dawn on Tuesday.",
            outlet="Kessel Daily",
        ).id
    code, out, err = run("extract", str(s))
    assert code == 0, err
    assert "Not first hand (each is created with a reported-from link):" in out
    assert "according to the defence ministry -> reported from " in out
    code, out, err = run("extract", str(s), "--apply")
    assert code == 0, err
    assert "1 reported-from link." in out


def test_claims_corroboration_filter(run):
    code, out, _ = run("claims", "--corroboration", "single", "--json")
    assert code == 0 and sorted(c["id"] for c in json.loads(out)["claims"]) == [
        1,
        2,
        3,
    ]  # c2 is Ilse Marr again
    code, out, _ = run("claims", "--corroboration", "independent")
    assert code == 0 and out.strip().endswith("0 of 0 claims")
    with Library.open(run.library) as lib:
        lib.links.create(from_claim_id=3, kind="corroborates", to_claim_id=1)
    code, out, _ = run("claims", "--corroboration", "independent", "--json")
    assert [c["id"] for c in json.loads(out)["claims"]] == [1]
