"""STIX 2.1 in: `briefdesk import BUNDLE.json` recognises a bundle by its content and brings in sources,
actors, claims and links; a second import adds nothing; bad input is skipped with a reason."""

from __future__ import annotations

import json
import tracemalloc

import pytest

from tests.app.interop.conftest import load_json, objects_by_type

NOTE_ID = "note--4c6bd9a0-6d3c-4a8e-9b3e-1f2a3b4c5d6e"
REPORT_ID = "report--9d2f7c1e-5b4a-4e3d-8c2b-0a1b2c3d4e5f"
TS = "2026-11-02T10:00:00.000Z"


def _demo_bundle(cli, tmp_path):
    assert cli("demo")[0] == 0
    out = tmp_path / "demo-brief.json"
    code, _o, err = cli("export", "1", "-o", str(out), "--format", "stix")
    assert code == 0, err
    return out


def _snapshot(library):
    """Every claim as (quote, statement, actor, said, grade, status, tags) and every link between them."""
    from app.domain_lists import ClaimFilter
    from app.library import Library

    with Library.open(library) as lib:
        claims = lib.claims.list(ClaimFilter(), limit=10_000).items
        by_id = {c.id: c for c in claims}
        rows = {
            c.quote: (c.statement, c.actor_name, c.said, c.grade, c.status.value, c.tags, c.notes)
            for c in claims
        }
        links = set()
        for c in claims:
            for group in ("denies", "corroborates", "qualifies"):
                for lc in getattr(lib.claims.with_links(c.id), group):
                    links.add((by_id[c.id].quote, group, lc.claim.quote))
    return rows, links


def test_a_round_trip_through_stix_keeps_every_cited_claim_link_and_grade(cli, tmp_path):
    bundle = _demo_bundle(cli, tmp_path)
    data = load_json(bundle)
    quotes = {n["content"] for n in objects_by_type(data)["note"]}
    from app.library import Library

    with Library.open(cli.library) as lib:  # an analyst's note on an unverified claim, and on a disputed one
        by_quote = {c.quote: c for c in lib.claims.list(limit=1000).items if c.quote in quotes}
        unverified = next(c for c in by_quote.values() if c.status.value == "unverified")
        disputed = next(c for c in by_quote.values() if c.status.value == "disputed")
        lib.claims.update(unverified.id, notes="Check the original audio.")
        lib.claims.update(disputed.id, notes="Two outlets contradict it.")
    bundle = tmp_path / "again.json"
    assert cli("export", "1", "-o", str(bundle), "--format", "stix")[0] == 0
    original, original_links = _snapshot(cli.library)
    empty = tmp_path / "empty.briefdesk"
    code, out, err = cli("import", str(bundle), library_path=empty)
    assert code == 0, err
    copied, copied_links = _snapshot(empty)
    assert set(copied) == quotes
    for quote in quotes:
        assert copied[quote] == original[quote], quote
    exported_links = {ln for ln in original_links if ln[0] in quotes and ln[2] in quotes}
    assert copied_links == exported_links and len(exported_links) >= 16
    assert f"{len(quotes)} claims created; {len(exported_links)} links created" in out
    assert copied[unverified.quote][6] == "Check the original audio."
    assert copied[disputed.quote][6] == "Two outlets contradict it."
    # the sources keep their metadata and the grade; their text holds the quotes
    with Library.open(empty) as lib:
        nsc = [s for s in lib.sources.list(limit=100).items if s.outlet == "Meridian Wire"]
        assert nsc and all(s.reliability in "ABCDEF" for s in nsc)
        full = lib.sources.get(nsc[0].id)
        assert full.published is not None and full.url.startswith("https://")
        assert all(c.quote.split()[0] in full.body for c in lib.claims.for_source(full.id))


def test_importing_the_same_bundle_again_adds_nothing(cli, tmp_path):
    bundle = _demo_bundle(cli, tmp_path)
    empty = tmp_path / "empty.briefdesk"
    assert cli("import", str(bundle), library_path=empty)[0] == 0
    from app.library import Library

    with Library.open(empty) as lib:
        before = lib.counts()
    code, out, _err = cli("import", str(bundle), "--json", library_path=empty)
    assert code == 0
    result = json.loads(out)
    assert result["files"][0]["status"] == "existing"
    with Library.open(empty) as lib:
        assert lib.counts() == before
    # and imported back into the library it came from, it adds nothing either
    with Library.open(cli.library) as lib:
        home = lib.counts()
    assert cli("import", str(bundle))[0] == 0
    with Library.open(cli.library) as lib:
        assert lib.counts() == home


def _bundle(*objects, spec_version=None) -> dict:
    data: dict = {"type": "bundle", "id": "bundle--1f0e2d3c-4b5a-4697-8877-665544332211"}
    if spec_version:  # a STIX 2.0 bundle names its version before its objects
        data["spec_version"] = spec_version
    data["objects"] = list(objects)
    return data


def _note(nid=NOTE_ID, content="The bridge will reopen on Friday.", **extra) -> dict:
    note = {
        "type": "note",
        "spec_version": "2.1",
        "id": nid,
        "created": TS,
        "modified": TS,
        "content": content,
        "object_refs": [REPORT_ID],
    }
    note.update(extra)
    return note


def _report(rid=REPORT_ID, refs=(NOTE_ID,)) -> dict:
    return {
        "type": "report",
        "spec_version": "2.1",
        "id": rid,
        "created": TS,
        "modified": TS,
        "name": "Bridge to reopen",
        "published": TS,
        "object_refs": list(refs),
        "external_references": [{"source_name": "Harbour Gazette", "url": "https://example.org/bridge"}],
        "x_opencti_reliability": "C - Fairly reliable",
    }


def test_bad_input_imports_what_can_be_and_reports_each_skip(cli, tmp_path):
    other = "note--7a7a7a7a-1b1b-4c4c-8d8d-9e9e9e9e9e9e"
    path = tmp_path / "mixed.json"
    path.write_text(
        json.dumps(
            _bundle(
                _report(refs=(NOTE_ID, other)),
                _note(confidence=70, authors=["Harbour master"]),
                _note(other, content="Nothing has been repaired."),
                {
                    "type": "indicator",
                    "spec_version": "2.1",
                    "id": "indicator--0c0c0c0c-1d1d-4e4e-8f8f-a0a0a0a0a0a0",
                },
                {
                    "type": "x-custom-thing",
                    "spec_version": "2.1",
                    "id": "x-custom-thing--0c0c0c0c-1d1d-4e4e-8f8f-a0a0a0a0a0a1",
                },
                {
                    "type": "note",
                    "spec_version": "2.0",
                    "id": "note--0c0c0c0c-1d1d-4e4e-8f8f-a0a0a0a0a0a2",
                    "content": "x",
                    "object_refs": [REPORT_ID],
                },
                _note(
                    "note--0c0c0c0c-1d1d-4e4e-8f8f-a0a0a0a0a0a3",
                    object_refs=["report--0c0c0c0c-1d1d-4e4e-8f8f-a0a0a0a0a0a4"],
                ),
                {
                    "type": "relationship",
                    "spec_version": "2.1",
                    "id": "relationship--0c0c0c0c-1d1d-4e4e-8f8f-a0a0a0a0a0a5",
                    "created": TS,
                    "modified": TS,
                    "relationship_type": "denies",
                    "source_ref": other,
                    "target_ref": NOTE_ID,
                },
                {
                    "type": "relationship",
                    "spec_version": "2.1",
                    "id": "relationship--0c0c0c0c-1d1d-4e4e-8f8f-a0a0a0a0a0a6",
                    "created": TS,
                    "modified": TS,
                    "relationship_type": "denies",
                    "source_ref": "note--0c0c0c0c-1d1d-4e4e-8f8f-a0a0a0a0a0a7",
                    "target_ref": NOTE_ID,
                },
                {"type": "note", "spec_version": "2.1", "id": "note--0c0c0c0c-1d1d-4e4e-8f8f-a0a0a0a0a0a8"},
            )
        ),
        encoding="utf-8",
    )
    code, out, err = cli("import", str(path))
    assert code == 0, err
    assert "2 claims created; 1 link created" in out
    assert "1 indicator object: a type Briefdesk does not keep" in out
    assert "1 x-custom-thing object: a type Briefdesk does not keep" in out
    assert "note (STIX 2.0) object: another STIX version than 2.1" in out
    assert "report--0c0c0c0c-1d1d-4e4e-8f8f-a0a0a0a0a0a4 is not in the bundle" in out  # dangling source
    assert (
        "note--0c0c0c0c-1d1d-4e4e-8f8f-a0a0a0a0a0a7, which is not in the bundle" in out
    )  # dangling link end
    assert "note--0c0c0c0c-1d1d-4e4e-8f8f-a0a0a0a0a0a8: no content, object_refs" in out  # missing required
    from app.library import Library

    with Library.open(cli.library) as lib:
        (source,) = lib.sources.list().items
        full = lib.sources.get(source.id)
        assert (
            full.reliability == "C" and full.outlet == "Harbour Gazette" and full.title == "Bridge to reopen"
        )
        claims = {c.quote: c for c in lib.claims.for_source(source.id)}
        assert claims["The bridge will reopen on Friday."].credibility == 2  # confidence 70
        assert claims["The bridge will reopen on Friday."].actor_name == "Harbour master"
        assert claims["Nothing has been repaired."].denial_count == 0
        assert claims["The bridge will reopen on Friday."].denial_count == 1


def test_a_stix_2_0_bundle_is_refused_object_by_object_with_the_reason(cli, tmp_path):
    path = tmp_path / "old.json"
    old = {k: v for k, v in _report().items() if k != "spec_version"}
    path.write_text(json.dumps(_bundle(old, spec_version="2.0")), encoding="utf-8")
    code, out, _err = cli("import", str(path))
    assert code == 1
    assert "the bundle is STIX 2.0; Briefdesk reads STIX 2.1 objects only" in out
    assert "1 report (STIX 2.0) object: another STIX version than 2.1" in out


def test_a_truncated_bundle_keeps_what_came_before_the_break(cli, tmp_path):
    text = json.dumps(_bundle(_report(), _note(), _note("note--5d5d5d5d-1b1b-4c4c-8d8d-9e9e9e9e9e9e")))
    path = tmp_path / "cut.json"
    path.write_text(text[: text.rindex("note--5d5d") + 20], encoding="utf-8")
    code, out, _err = cli("import", str(path))
    assert "1 claim created" in out
    assert "the JSON breaks off or is damaged" in out


def test_a_100_mb_bundle_is_read_in_bounded_memory(lib, tmp_path):
    """A platform's bundle of 100 MB, nearly all of it indicators Briefdesk does not keep, and three claims:
    the claims come in, and the import's own memory stays far below the file's size."""
    from app.interop.importer import import_file

    path = tmp_path / "big.json"
    filler = "x" * 400
    with open(path, "w", encoding="utf-8") as fh:
        fh.write('{"type": "bundle", "id": "bundle--1f0e2d3c-4b5a-4697-8877-665544332211", "objects": [')
        fh.write(json.dumps(_report(refs=(NOTE_ID,))))
        n = 0
        while fh.tell() < 100 * 1024 * 1024:
            indicator = {
                "type": "indicator",
                "spec_version": "2.1",
                "id": f"indicator--{n:08d}-1d1d-4e4e-8f8f-a0a0a0a0a0a0",
                "pattern": f"[url:value = 'https://example.org/{n}']",
                "description": filler,
            }
            fh.write("," + json.dumps(indicator))
            n += 1
        fh.write("," + json.dumps(_note()) + "]}")
    assert path.stat().st_size >= 100 * 1024 * 1024
    tracemalloc.start()
    try:
        applied = import_file(lib, path)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert applied.claims_created == 1
    assert any(f"{n:,} indicator objects" in s for s in applied.skipped)
    assert peak < 20 * 1024 * 1024, f"peak {peak / 1024 / 1024:.1f} MB"


def test_sniffing_tells_a_bundle_and_an_event_from_other_json(tmp_path):
    from app.interop.importer import sniff_bytes

    assert sniff_bytes(b'{"type": "bundle", "id": "bundle--x", "objects": []}') == "stix"
    assert sniff_bytes(b'\xef\xbb\xbf  {"Event": {"info": "x"}}') == "misp"
    assert (
        sniff_bytes(b'{"uuid": "u", "info": "An event", "threat_level_id": "4", "Attribute": []}') == "misp"
    )
    assert sniff_bytes(b'[{"id": "a", "type": "article-newspaper", "title": "CSL"}]') is None
    assert sniff_bytes(b"plain text") is None


@pytest.mark.parametrize("name", ["bundle.stix", "bundle.txt"])
def test_a_bundle_is_recognised_by_content_whatever_its_name(cli, tmp_path, name):
    path = tmp_path / name
    path.write_text(json.dumps(_bundle(_report(), _note())), encoding="utf-8")
    code, out, _err = cli("import", str(path))
    assert code == 0 and "1 claim created" in out
