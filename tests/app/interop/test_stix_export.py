"""STIX 2.1 out: `briefdesk export BRIEF_ID -o FILE.json --format stix`, checked with the OASIS validator and
loaded with the stix2 library."""

from __future__ import annotations

import json

import pytest

from tests.app.interop.conftest import ACCEPTED_WARNINGS, load_json, objects_by_type, stix_validation

pytest.importorskip("stix2")
pytest.importorskip("stix2validator")

CONFIDENCE = {1: 90, 2: 70, 3: 50, 4: 30, 5: 10}


@pytest.fixture
def demo(cli, put_demo):
    put_demo(cli.library)
    return cli


def _export(cli, tmp_path, *extra, name="brief.json"):
    out = tmp_path / name
    code, stdout, err = cli("export", "1", "-o", str(out), "--format", "stix", "--force", *extra)
    assert code == 0, err
    return out


def test_the_demo_brief_is_a_valid_stix_bundle_that_stix2_loads(demo, tmp_path):
    import stix2

    out = _export(demo, tmp_path)
    valid, errors, warnings = stix_validation(out.read_bytes())
    assert valid, errors
    assert warnings <= ACCEPTED_WARNINGS, warnings - ACCEPTED_WARNINGS
    parsed = stix2.parse(out.read_text(encoding="utf-8"), allow_custom=True)
    assert parsed.type == "bundle" and len(parsed.objects) > 50
    assert {o.spec_version for o in parsed.objects} == {"2.1"}


def test_brief_claims_links_grades_and_markings_are_where_stix_and_opencti_expect_them(demo, tmp_path):
    from app.citations import cited_claim_ids, parse_citations
    from app.domain_lists import ClaimFilter
    from app.library import Library

    with Library.open(demo.library) as lib:
        brief = lib.briefs.get(1)
        cited = cited_claim_ids(parse_citations(brief.body))
        lib.claims.update(cited[-1], credibility=6)  # truth cannot be judged: no confidence
        claims = lib.claims.get_many(cited)
        every_claim = {c.quote: c for c in lib.claims.list(ClaimFilter(), limit=1000).items}
    data = load_json(_export(demo, tmp_path))
    by_type = objects_by_type(data)
    reports = {r["name"]: r for r in by_type["report"]}
    main = reports[brief.title]
    # the bottom line, as prose: no portion mark, no citation
    assert main["description"].startswith("Iran began supplying Russia with Shahed-136")
    assert "[@" not in main["description"] and "(TLP:" not in main["description"]
    assert main["report_types"] == ["threat-report"]
    every_id = {o["id"] for o in data["objects"] if o["type"] != "marking-definition"}
    assert set(main["object_refs"]) == every_id - {main["id"]}
    notes = {n["content"]: n for n in by_type["note"]}
    assert set(c.quote for c in claims.values()) <= set(notes)
    for claim in claims.values():
        note = notes[claim.quote]
        assert note["abstract"] == claim.statement
        assert note["authors"] == [claim.actor_name]
        assert note.get("confidence") == CONFIDENCE.get(claim.credibility)
        assert f'admiralty-scale:source-reliability="{claim.source_reliability.lower()}"' in note["labels"]
        assert f'admiralty-scale:information-credibility="{claim.credibility}"' in note["labels"]
        assert set(claim.tags) <= set(note["labels"])
        ref = note["external_references"][0]
        assert ref["source_name"] == claim.source_outlet
        if claim.source_url:
            assert ref["url"] == claim.source_url
        if claim.source_published:
            assert claim.source_published.isoformat() in ref["description"]
    assert "confidence" not in notes[claims[cited[-1]].quote]
    # each source is a report of its own, with OpenCTI's reliability; the notes point at it
    source_reports = [r for r in by_type["report"] if r is not main]
    for note in by_type["note"]:
        assert any(ref in {r["id"] for r in source_reports} for ref in note["object_refs"])
    for r in source_reports:
        letter, meaning = r["x_opencti_reliability"].split(" - ")
        assert letter in "ABCDEF" and meaning
        assert f'admiralty-scale:source-reliability="{letter.lower()}"' in r["labels"]
    # links between claims
    kinds = {r["relationship_type"] for r in by_type["relationship"]}
    assert kinds == {"denies", "corroborates", "qualifies"}
    note_ids = {n["id"] for n in by_type["note"]}
    assert all(r["source_ref"] in note_ids and r["target_ref"] in note_ids for r in by_type["relationship"])
    # the analyst's assessment where one is recorded (status other than unverified)
    assessed = [q for q in notes if every_claim[q].status.value != "unverified"]
    assert len(by_type["opinion"]) == len(assessed) > 0
    by_note = {o["object_refs"][0]: o for o in by_type["opinion"]}
    for quote in assessed:
        opinion = by_note[notes[quote]["id"]]
        expected = {"corroborated": "agree", "disputed": "disagree", "retracted": "strongly-disagree"}
        assert opinion["opinion"] == expected[every_claim[quote].status.value]
    # the demo brief's highest portion mark is TLP:AMBER: the standard TLP 1.0 definition on every object
    amber = "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"
    assert [m["id"] for m in by_type["marking-definition"]] == [amber]
    assert all(
        o["object_marking_refs"] == [amber] for o in data["objects"] if o["type"] != "marking-definition"
    )
    # actors and outlets
    actors = [i for i in by_type["identity"] if i["identity_class"] == "individual"]
    assert any(a.get("roles") == ["National Security Adviser"] for a in actors)
    assert any(a.get("description") == "Affiliation: United States government" for a in actors)
    outlets = {i["name"] for i in by_type["identity"] if i["identity_class"] == "organization"}
    assert {c.source_outlet for c in claims.values()} <= outlets


def test_exporting_twice_gives_the_same_bytes_and_ids(demo, tmp_path):
    first = _export(demo, tmp_path, name="one.json").read_bytes()
    second = _export(demo, tmp_path, name="two.json").read_bytes()
    assert first == second


def test_a_brief_marked_red_or_amber_strict_or_classified_carries_that_marking(demo, tmp_path):
    from app.library import Library

    with Library.open(demo.library) as lib:
        body = lib.briefs.get(1).body.replace("(TLP:AMBER)", "(TLP:AMBER+STRICT)", 1)
        lib.briefs.set_body(1, body)
    data = load_json(_export(demo, tmp_path))
    (marking,) = objects_by_type(data)["marking-definition"]
    assert marking["id"] == "marking-definition--826578e1-40ad-459f-bc73-ede076f81f37"  # OpenCTI's
    assert marking["x_opencti_definition"] == "TLP:AMBER+STRICT"
    valid, errors, _ = stix_validation(json.dumps(data))
    assert valid, errors
    with Library.open(demo.library) as lib:
        lib.briefs.update(1, marking_scheme="classification", default_marking="S//NF")
    data = load_json(_export(demo, tmp_path, name="secret.json"))
    (marking,) = objects_by_type(data)["marking-definition"]
    assert marking["definition"] == {"statement": "SECRET//NOFORN"}
    assert stix_validation(json.dumps(data))[0]


def test_the_tlp_definitions_are_the_standard_ones():
    import stix2

    from app.interop.stix import TLP_IDS, marking_definition
    from app.markings import parse_mark

    for level, constant in (
        ("CLEAR", stix2.TLP_WHITE),
        ("GREEN", stix2.TLP_GREEN),
        ("AMBER", stix2.TLP_AMBER),
    ):
        ours = marking_definition(parse_mark(f"TLP:{level}"))
        assert ours == json.loads(constant.serialize()), level
        assert TLP_IDS[level] == constant.id
    assert marking_definition(parse_mark("TLP:RED"))["id"] == stix2.TLP_RED.id


def test_a_json_file_without_format_is_refused_plainly(demo, tmp_path):
    code, _out, err = demo("export", "1", "-o", str(tmp_path / "x.json"))
    assert code == 1 and "--format stix" in err and not (tmp_path / "x.json").exists()


def test_a_brief_with_check_errors_is_refused_unless_forced_and_then_labelled_draft(demo, tmp_path):
    from app.library import Library

    out = tmp_path / "b.json"
    assert demo("export", "1", "-o", str(out), "--format", "stix")[0] == 0  # the demo brief passes
    main = next(
        r for r in objects_by_type(load_json(out))["report"] if r["report_types"] == ["threat-report"]
    )
    assert "labels" not in main
    with Library.open(demo.library) as lib:  # without its Key Judgments section: a T4 error
        body = lib.briefs.get(1).body.replace("Key judgments", "Judgements we hold")
        lib.briefs.set_body(1, body)
    out.unlink()
    code, _out, err = demo("export", "1", "-o", str(out), "--format", "stix")
    assert code == 1 and "check error" in err and not out.exists()
    data = load_json(_export(demo, tmp_path))
    main = next(r for r in objects_by_type(data)["report"] if r["report_types"] == ["threat-report"])
    assert main["labels"] == ["draft"] and main["description"].startswith("DRAFT (not for release")


def test_the_external_ids_table_upgrades_a_first_schema_library_and_follows_its_records(tmp_path):
    import shutil

    from app.library import Library
    from tests.conftest import FIXTURES

    path = tmp_path / "old.briefdesk"
    shutil.copy(FIXTURES / "libraries" / "library-0001.briefdesk", path)
    with Library.open(path) as lib:
        assert lib.backup_path is not None
        lib.external_ids.add("stix", "note--0b6f3a40-1111-4c1e-9a55-7a1b2c3d4e5f", "claim", 1)
        lib.external_ids.add("stix", "note--0b6f3a40-1111-4c1e-9a55-7a1b2c3d4e5f", "claim", 1)  # again: no-op
        assert lib.external_ids.find("stix", "note--0b6f3a40-1111-4c1e-9a55-7a1b2c3d4e5f") == ("claim", 1)
        assert lib.external_ids.ids_for("claim", [1, 2], "stix") == {
            1: "note--0b6f3a40-1111-4c1e-9a55-7a1b2c3d4e5f"
        }
        from app.errors import ConflictError

        with pytest.raises(ConflictError):
            lib.external_ids.add("stix", "note--0b6f3a40-1111-4c1e-9a55-7a1b2c3d4e5f", "claim", 2)
        lib.claims.delete(1)  # the external id goes with its record
        assert lib.external_ids.find("stix", "note--0b6f3a40-1111-4c1e-9a55-7a1b2c3d4e5f") is None
