"""MISP in: `briefdesk import EVENT.json` recognises a MISP event by its content."""

from __future__ import annotations

import json

from tests.app.interop.test_stix_import import _snapshot

SRC = "5a1b2c3d-0000-4000-8000-000000000001"
NOTE = "5a1b2c3d-0000-4000-8000-000000000002"
OTHER = "5a1b2c3d-0000-4000-8000-000000000003"


def test_a_round_trip_through_misp_keeps_claims_grades_statuses_and_links(cli, tmp_path):
    assert cli("demo")[0] == 0
    event = tmp_path / "event.json"
    assert cli("export", "1", "-o", str(event), "--format", "misp")[0] == 0
    quotes = {
        o["Attribute"][0]["value"]
        for o in json.loads(event.read_text())["Event"]["Object"]
        if o["name"] == "annotation"
    }
    from app.library import Library

    with Library.open(cli.library) as lib:  # an analyst's note on an unverified claim travels as a MISP Note
        unverified = next(
            c
            for c in lib.claims.list(limit=1000).items
            if c.status.value == "unverified" and c.quote in quotes
        )
        lib.claims.update(unverified.id, notes="Check the original audio.")
    assert cli("export", "1", "-o", str(event), "--format", "misp")[0] == 0
    original, original_links = _snapshot(cli.library)
    empty = tmp_path / "empty.briefdesk"
    code, out, err = cli("import", str(event), library_path=empty)
    assert code == 0, err
    copied, copied_links = _snapshot(empty)
    assert set(copied) == quotes
    for quote in quotes:
        statement, actor, said, grade, status, _tags, _notes = original[quote]
        assert copied[quote][:5] == (statement, actor, said, grade, status), quote
    assert copied[unverified.quote][6] == "Check the original audio."
    assert copied_links == {ln for ln in original_links if ln[0] in quotes and ln[2] in quotes}
    from app.library import Library

    with Library.open(empty) as lib:
        before = lib.counts()
    code, out, _err = cli("import", str(event), "--json", library_path=empty)
    assert json.loads(out)["files"][0]["status"] == "existing"
    with Library.open(empty) as lib:
        assert lib.counts() == before


def _obj(uuid, name, attrs, **extra):
    return {
        "uuid": uuid,
        "name": name,
        "Attribute": [{"object_relation": k, "type": "text", "value": v, **t} for k, v, t in attrs],
        **extra,
    }


def test_an_event_from_another_producer_imports_what_it_can_and_says_what_it_skipped(cli, tmp_path):
    event = {
        "Event": {
            "uuid": "5a1b2c3d-0000-4000-8000-0000000000ee",
            "info": "Port closure reporting",
            "date": "2026-11-30",
            "threat_level_id": "4",
            "analysis": "1",
            "Attribute": [
                {"type": "ip-dst", "value": "192.0.2.1"},
                {"type": "domain", "value": "example.org"},
            ],
            "Object": [
                _obj(
                    SRC,
                    "news-media",
                    [
                        ("title", "Port to close for repairs", {}),
                        ("url", "https://example.org/port", {}),
                        ("source", "Coastal Times", {}),
                    ],
                ),
                _obj(
                    NOTE,
                    "annotation",
                    [
                        (
                            "text",
                            "The port will close on Monday.",
                            {
                                "Tag": [
                                    {"name": 'admiralty-scale:source-reliability="b"'},
                                    {"name": 'admiralty-scale:information-credibility="3"'},
                                ]
                            },
                        )
                    ],
                    comment="The harbour authority said the port would close on Monday.",
                    ObjectReference=[
                        {
                            "uuid": "5a1b2c3d-0000-4000-8000-0000000000a1",
                            "relationship_type": "derived-from",
                            "referenced_uuid": SRC,
                        },
                        {
                            "uuid": "5a1b2c3d-0000-4000-8000-0000000000a2",
                            "relationship_type": "denies",
                            "referenced_uuid": "5a1b2c3d-0000-4000-8000-0000000000ff",
                        },
                    ],
                    Opinion=[{"opinion": "20", "comment": "Contradicted by the shipping notices."}],
                ),
                _obj(
                    OTHER,
                    "annotation",
                    [("text", "No closure is planned.", {})],
                    ObjectReference=[
                        {
                            "relationship_type": "derived-from",
                            "referenced_uuid": "5a1b2c3d-0000-4000-8000-0000000000fe",
                        }
                    ],
                ),
                _obj("5a1b2c3d-0000-4000-8000-000000000004", "domain-ip", [("domain", "example.org", {})]),
            ],
        }
    }
    path = tmp_path / "from-a-partner.json"
    path.write_text(json.dumps(event), encoding="utf-8")
    code, out, err = cli("import", str(path))
    assert code == 0, err
    assert "1 claim created" in out
    assert "2 attributes outside an object" in out
    assert "1 domain-ip object: Briefdesk imports" in out
    assert "5a1b2c3d-0000-4000-8000-0000000000ff, which is not in the event" in out
    assert "its source 5a1b2c3d-0000-4000-8000-0000000000fe is not in the event" in out
    from app.library import Library

    with Library.open(cli.library) as lib:
        (source,) = lib.sources.list().items
        full = lib.sources.get(source.id)
        assert (full.title, full.outlet, full.url, full.kind.value) == (
            "Port to close for repairs",
            "Coastal Times",
            "https://example.org/port",
            "news article",
        )
        (claim,) = lib.claims.for_source(source.id)
        assert claim.grade == "F3" or claim.grade == "B3"
        assert claim.status.value == "disputed" and claim.notes == "Contradicted by the shipping notices."
        assert claim.statement == "The harbour authority said the port would close on Monday."
