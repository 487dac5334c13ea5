"""MISP out: `briefdesk export BRIEF_ID -o FILE.json --format misp`, loaded and checked with PyMISP."""

from __future__ import annotations

import json
import re

import pytest

pytest.importorskip("pymisp")


@pytest.fixture
def event(cli, tmp_path):
    assert cli("demo")[0] == 0

    def export(name="event.json", *extra):
        out = tmp_path / name
        code, _out, err = cli("export", "1", "-o", str(out), "--format", "misp", *extra)
        assert code == 0, err
        return out

    export.cli = cli
    return export


def _load(path):
    """The event as PyMISP loads it, after checking the JSON against the event schema PyMISP ships
    (schema-lax.json; its strict schema.json predates event reports and objects)."""
    from pathlib import Path

    import jsonschema
    import pymisp
    from pymisp import MISPEvent

    data = json.loads(path.read_text(encoding="utf-8"))
    schema = json.loads(
        (Path(pymisp.__file__).parent / "data" / "schema-lax.json").read_text(encoding="utf-8")
    )
    jsonschema.Draft4Validator(schema).validate(data)
    e = MISPEvent()
    e.load(data)
    return e


def test_pymisp_loads_the_event_with_its_report_tags_objects_and_opinions(event):
    from app.citations import cited_claim_ids, parse_citations
    from app.library import Library

    e = _load(event())
    with Library.open(event.cli.library) as lib:
        brief = lib.briefs.get(1)
        cited = lib.claims.get_many(cited_claim_ids(parse_citations(brief.body)))
    assert e.info == brief.title and e.date == brief.updated.date()
    assert e.analysis == 1 and e.threat_level_id == 4 and e.distribution == 0  # TLP:AMBER: organisation only
    tags = {t.name for t in e.tags}
    assert "tlp:amber" in tags
    # the demo's key judgments: almost certain / very likely / likely; moderate and low confidence
    assert {
        'estimative-language:likelihood-probability="almost-certain"',
        'estimative-language:likelihood-probability="very-likely"',
        'estimative-language:likelihood-probability="likely"',
        'estimative-language:confidence-in-analytic-judgment="moderate"',
        'estimative-language:confidence-in-analytic-judgment="low"',
    } <= tags
    assert not any("high" in t for t in tags)
    # every cited claim is an annotation object with its quote, grade tags, source and actor
    objects = {o.uuid: o for o in e.objects}
    claims = {o.get_attributes_by_relation("text")[0].value: o for o in e.objects if o.name == "annotation"}
    for c in cited.values():
        o = claims[c.quote]
        text = o.get_attributes_by_relation("text")[0]
        assert {t.name for t in text.tags} == {
            f'admiralty-scale:source-reliability="{c.source_reliability.lower()}"',
            f'admiralty-scale:information-credibility="{c.credibility}"',
        }
        assert o.comment == f"{c.statement} [{c.grade}]"
        kinds = {r.relationship_type: objects[r.referenced_uuid] for r in o.references}
        assert kinds["derived-from"].name == "report"
        assert kinds["derived-from"].get_attributes_by_relation("title")[0].value == c.source_title
        assert kinds["attributed-to"].get_attributes_by_relation("full-name")[0].value == c.actor_name
        expected = {"corroborated": 75, "disputed": 25, "retracted": 0}.get(c.status.value)
        opinions = [int(op.opinion) for op in o.opinions]
        assert opinions == ([expected] if expected is not None else [])
    links = [r.relationship_type for o in e.objects for r in o.references]
    assert {"denies", "corroborates", "qualifies"} <= set(links)


def test_the_event_report_is_the_brief_with_its_citations_resolved(event):
    e = _load(event())
    (report,) = e.event_reports
    content = report.content
    assert "[@" not in content
    assert content.startswith("## (TLP:CLEAR) Bottom line up front")
    notes = re.findall(r"^(\d+)\. .* @\[object\]\(([0-9a-f-]{36})\)$", content, re.M)
    assert len(notes) >= 20
    uuids = {o.uuid for o in e.objects}
    assert all(uuid in uuids for _n, uuid in notes)  # each note refers to an object of the event
    assert [int(n) for n, _u in notes] == list(range(1, len(notes) + 1))
    assert "[1, 2]" in content or "[1]" in content


def test_exporting_twice_gives_the_same_event(event):
    assert event("a.json").read_bytes() == event("b.json").read_bytes()


def test_object_templates_are_those_pymisp_ships():
    from pymisp import MISPObject

    from app.interop.misp import RELATIONS, TEMPLATES

    for name, (uuid, version) in TEMPLATES.items():
        obj = MISPObject(name, standalone=False)
        assert obj._definition["uuid"] == uuid and str(obj._definition["version"]) == version, name
    for (name, relation), (kind, category) in RELATIONS.items():
        obj = MISPObject(name, standalone=False)
        value = "2022-07-11T00:00:00" if relation.endswith("date") else "https://example.org/x"
        attr = obj.add_attribute(relation, value=value)
        assert (attr.type, attr.category) == (kind, category), (name, relation)


def test_a_draft_and_a_green_brief(event):
    from app.library import Library

    with Library.open(event.cli.library) as lib:
        body = (
            lib.briefs.get(1)
            .body.replace("(TLP:AMBER)", "(TLP:GREEN)")
            .replace("Key judgments", "Judgements")
        )
        lib.briefs.set_body(1, body)
    e = _load(event("draft.json", "--force"))
    tags = {t.name for t in e.tags}
    assert "tlp:green" in tags and 'workflow:state="draft"' in tags
    assert e.distribution == 1 and e.analysis == 1
    assert e.event_reports[0].content.startswith("**DRAFT (not for release")
