"""`briefdesk library export -o FILE --format claimreview|csl|stix [--claims IDS | --contested | --brief ID]`."""

from __future__ import annotations

import pytest

from tests.app.interop.conftest import ACCEPTED_WARNINGS, load_json, objects_by_type, stix_validation

# The CSL data schema (citation-style-language/schema, csl-data.json, v1.0.2), as facts: its item types, its
# variables by kind, and its rules (id and type required, no other top-level key; names and dates shaped as
# below). Written out here rather than vendored; citeproc processors read the same shapes.
CSL_TYPES = [
    "article",
    "article-journal",
    "article-magazine",
    "article-newspaper",
    "bill",
    "book",
    "broadcast",
    "chapter",
    "classic",
    "collection",
    "dataset",
    "document",
    "entry",
    "entry-dictionary",
    "entry-encyclopedia",
    "event",
    "figure",
    "graphic",
    "hearing",
    "interview",
    "legal_case",
    "legislation",
    "manuscript",
    "map",
    "motion_picture",
    "musical_score",
    "pamphlet",
    "paper-conference",
    "patent",
    "performance",
    "periodical",
    "personal_communication",
    "post",
    "post-weblog",
    "regulation",
    "report",
    "review",
    "review-book",
    "software",
    "song",
    "speech",
    "standard",
    "thesis",
    "treaty",
    "webpage",
]
NAME_VARS = [
    "author",
    "chair",
    "collection-editor",
    "compiler",
    "composer",
    "container-author",
    "contributor",
    "curator",
    "director",
    "editor",
    "editorial-director",
    "executive-producer",
    "guest",
    "host",
    "interviewer",
    "illustrator",
    "narrator",
    "organizer",
    "original-author",
    "performer",
    "producer",
    "recipient",
    "reviewed-author",
    "script-writer",
    "series-creator",
    "translator",
]
DATE_VARS = ["accessed", "available-date", "event-date", "issued", "original-date", "submitted"]
STRING_VARS = [
    "abstract",
    "annote",
    "archive",
    "archive_collection",
    "archive_location",
    "archive-place",
    "authority",
    "call-number",
    "citation-key",
    "citation-label",
    "collection-title",
    "container-title",
    "container-title-short",
    "dimensions",
    "division",
    "DOI",
    "event",
    "event-title",
    "event-place",
    "genre",
    "ISBN",
    "ISSN",
    "jurisdiction",
    "keyword",
    "language",
    "license",
    "medium",
    "note",
    "original-publisher",
    "original-publisher-place",
    "original-title",
    "part-title",
    "PMCID",
    "PMID",
    "publisher",
    "publisher-place",
    "references",
    "reviewed-genre",
    "reviewed-title",
    "scale",
    "section",
    "source",
    "status",
    "title",
    "title-short",
    "URL",
    "version",
    "year-suffix",
    "journalAbbreviation",
    "shortTitle",
]
NUMBER_VARS = [
    "chapter-number",
    "citation-number",
    "collection-number",
    "edition",
    "first-reference-note-number",
    "issue",
    "locator",
    "number",
    "number-of-pages",
    "number-of-volumes",
    "page",
    "page-first",
    "part",
    "printing",
    "supplement",
    "volume",
]


def csl_schema() -> dict:
    name = {
        "type": "object",
        "properties": {
            k: {"type": "string"}
            for k in ("family", "given", "dropping-particle", "non-dropping-particle", "suffix", "literal")
        },
        "additionalProperties": False,
    }
    date = {
        "type": "object",
        "properties": {
            "date-parts": {
                "type": "array",
                "minItems": 1,
                "maxItems": 2,
                "items": {
                    "type": "array",
                    "minItems": 1,
                    "maxItems": 3,
                    "items": {"type": ["string", "number"]},
                },
            },
            "season": {"type": ["string", "number"]},
            "circa": {"type": ["string", "number", "boolean"]},
            "literal": {"type": "string"},
            "raw": {"type": "string"},
        },
        "additionalProperties": False,
    }
    props = {
        "id": {"type": ["string", "number"]},
        "type": {"type": "string", "enum": CSL_TYPES},
        "categories": {"type": "array", "items": {"type": "string"}},
        "custom": {"type": "object"},
    }
    props.update({k: {"type": "array", "items": name} for k in NAME_VARS})
    props.update({k: date for k in DATE_VARS})
    props.update({k: {"type": "string"} for k in STRING_VARS})
    props.update({k: {"type": ["string", "number"]} for k in NUMBER_VARS})
    return {
        "type": "array",
        "items": {
            "type": "object",
            "properties": props,
            "required": ["type", "id"],
            "additionalProperties": False,
        },
    }


@pytest.fixture
def demo(cli, put_demo):
    put_demo(cli.library)
    return cli


def test_csl_json_of_every_source_is_valid_and_carries_the_grade_in_custom(demo, tmp_path):
    import jsonschema

    out = tmp_path / "sources.json"
    code, text, err = demo("library", "export", "-o", str(out), "--format", "csl")
    assert code == 0, err
    items = load_json(out)
    jsonschema.validate(items, csl_schema())
    from app.library import Library

    with Library.open(demo.library) as lib:
        sources = {s.id: lib.sources.get(s.id) for s in lib.sources.list(limit=100).items}
    assert f"Exported {len(sources)} sources" in text and len(items) == len(sources) >= 12
    for it in items:
        s = sources[int(it["id"][1:])]
        assert it["title"] == s.title
        assert it["custom"]["briefdesk_reliability"] == s.reliability
        if s.published:
            assert it["issued"] == {"date-parts": [[s.published.year, s.published.month, s.published.day]]}
        if s.url:
            assert it["URL"] == s.url
    kinds = {sources[int(it["id"][1:])].kind.value: it["type"] for it in items}
    assert kinds["news article"] == "article-newspaper" and kinds["transcript"] == "speech"


def test_csl_of_a_brief_holds_only_the_sources_it_cites(demo, tmp_path):
    out = tmp_path / "cited.json"
    assert demo("library", "export", "-o", str(out), "--format", "csl", "--brief", "1")[0] == 0
    from app.brief_model import parse_brief
    from app.library import Library

    with Library.open(demo.library) as lib:  # the sources of the claims (and sources) the brief cites
        keys = {c.key for c in parse_brief(lib.briefs.get(1).body).citations}
        cited = {int(k[1:]) for k in keys if k.startswith("s")}
        cited |= {lib.claims.get(int(k[1:])).source_id for k in keys if k.startswith("c")}
    assert sorted(int(it["id"][1:]) for it in load_json(out)) == sorted(cited)
    assert 0 < len(cited) < len(lib_sources(demo))


def test_claimreview_of_the_contested_claims(demo, tmp_path):
    from app.domain_lists import ClaimFilter
    from app.library import Library

    out = tmp_path / "reviews.jsonld"
    code, text, err = demo(
        "library",
        "export",
        "-o",
        str(out),
        "--format",
        "claimreview",
        "--contested",
        "--organisation",
        "Desk A",
    )
    assert code == 0, err
    doc = load_json(out)
    assert doc["@context"] == "https://schema.org"
    with Library.open(demo.library) as lib:
        contested = lib.claims.list(ClaimFilter(contested=True), limit=100).items
    assert len(doc["@graph"]) == len(contested) > 0
    by_statement = {r["claimReviewed"]: r for r in doc["@graph"]}
    for c in contested:
        r = by_statement[c.statement]
        assert r["@type"] == "ClaimReview" and r["author"] == {"@type": "Organization", "name": "Desk A"}
        rating = r["reviewRating"]
        assert rating["@type"] == "Rating" and rating["bestRating"] == 5 and rating["worstRating"] == 1
        base = 6 - c.credibility if c.credibility <= 5 else 3
        expected = {"retracted": 1, "disputed": min(base, 2), "corroborated": max(base, 4)}.get(
            c.status.value, None if c.credibility == 6 else base
        )
        assert rating.get("ratingValue") == expected
        assert c.grade in rating["alternateName"]
        item = r["itemReviewed"]
        assert item["@type"] == "Claim" and item["author"]["name"] == c.actor_name
        assert item["appearance"][0]["headline"] == c.source_title
        if c.source_url:
            assert item["appearance"][0]["url"] == c.source_url
        if c.said:
            assert item["datePublished"] == c.said.isoformat()


def test_stix_of_claims_without_a_brief_is_valid_and_holds_their_links(demo, tmp_path):
    from app.library import Library

    with Library.open(demo.library) as lib:
        claim = next(c for c in lib.claims.list(limit=100).items if c.denial_count)
    out = tmp_path / "claims.json"
    assert demo("library", "export", "-o", str(out), "--format", "stix", "--claims", f"c{claim.id}")[0] == 0
    valid, errors, warnings = stix_validation(out.read_bytes())
    assert valid, errors
    assert warnings <= ACCEPTED_WARNINGS
    by_type = objects_by_type(load_json(out))
    assert "marking-definition" not in by_type
    assert all(r["report_types"] != ["threat-report"] for r in by_type["report"])  # no brief
    assert any(n["content"] == claim.quote for n in by_type["note"])
    assert (
        len(by_type["note"]) == 1 + claim.denial_count + claim.corroboration_count or len(by_type["note"]) > 1
    )
    assert {r["relationship_type"] for r in by_type["relationship"]} >= {"denies"}


def test_bad_selections_are_refused_plainly(demo, tmp_path):
    out = tmp_path / "x.json"
    code, _text, err = demo("library", "export", "-o", str(out), "--format", "stix", "--claims", "c99999")
    assert code == 1 and "99999" in err and not out.exists()
    code, _text, err = demo("library", "export", "-o", str(tmp_path), "--format", "csl")
    assert code == 1 and "folder" in err
    code, _text, err = demo("library", "export", "-o", str(demo.library), "--format", "csl")
    assert code == 1 and "library" in err
    with pytest.raises(SystemExit) as usage:
        demo("library", "export", "-o", str(out), "--format", "rdf")
    assert usage.value.code == 2


def lib_sources(cli) -> list:
    from app.library import Library

    with Library.open(cli.library) as lib:
        return list(lib.sources.list(limit=100).items)
