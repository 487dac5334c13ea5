"""bench/agreement.py: two annotations of the same article, the first taken as truth, the second scored
against it the way the drafting bench scores proposals."""

from __future__ import annotations

import copy
import json

from bench import agreement

ARTICLE = """Ferry left Portlea without its checks, harbour master says

PORTLEA, Dec 2 (Test Wire) - The harbour master said on Tuesday that the ferry had left the quay without its \
safety checks. "Nobody signed the log," she told reporters.

The ferry company denied this. Its manager, Ivo Brandt, said every check had been signed and filed on time.
"""

ANNOTATION = {
    "published": "2026-12-02",
    "language": "en",
    "headline": True,
    "speakers": ["harbour master", "ferry company|company", "Ivo Brandt|Brandt"],
    "not_speakers": [],
    "claims": [
        {"id": "a", "speaker": "harbour master", "said": "2026-12-01",
         "quote": "the ferry had left the quay without its safety checks"},
        {"id": "b", "speaker": "harbour master", "said": "2026-12-01", "quote": "Nobody signed the log"},
        {"id": "c", "speaker": "ferry company|company", "said": None, "quote": "The ferry company denied this"},
        {"id": "d", "speaker": "Ivo Brandt|Brandt", "said": None,
         "quote": "every check had been signed and filed on time"},
    ],
    "denials": [["c", "a|b"], ["d", "b"]],
    "optional_links": [],
}  # fmt: skip


def _folders(tmp_path, second: dict) -> tuple:
    first_dir, second_dir = tmp_path / "first", tmp_path / "second"
    first_dir.mkdir()
    second_dir.mkdir()
    (first_dir / "T01-ferry.txt").write_text(ARTICLE, encoding="utf-8")
    (first_dir / "T01-ferry.json").write_text(json.dumps(ANNOTATION), encoding="utf-8")
    (second_dir / "T01-ferry.json").write_text(json.dumps(second), encoding="utf-8")
    return first_dir, second_dir


def test_identical_annotations_agree_completely(tmp_path):
    [row] = agreement.compare(*_folders(tmp_path, ANNOTATION))
    assert (row.claims.precision, row.claims.recall) == (1.0, 1.0)
    assert row.speakers_same == row.dates_same == row.claims.tp == 4
    assert (row.links.precision, row.links.recall) == (1.0, 1.0)
    assert row.dated_vs_null == row.links_vs_optional == 0 and row.notes == []


def test_a_link_the_second_leaves_out_lowers_recall_only(tmp_path):
    second = copy.deepcopy(ANNOTATION)
    second["denials"] = [["c", "a|b"]]
    [row] = agreement.compare(*_folders(tmp_path, second))
    assert row.links.recall == 0.5 and row.links.precision == 1.0
    assert row.claims.recall == 1.0
    assert any("link only first: d->b" in note for note in row.notes)


def test_spellings_ids_and_partial_quotes_match_while_dates_and_optional_links_are_weighed(tmp_path):
    second = copy.deepcopy(ANNOTATION)
    for claim, new_id in zip(second["claims"], "wxyz", strict=True):
        claim["id"] = new_id
    second["claims"][0]["quote"] = "the ferry had left the quay"  # inside the first's span, over half of it
    second["claims"][3]["speaker"] = "Mr Brandt|manager"
    second["claims"][1]["said"] = None  # the second leaves a dated claim undated
    second["denials"] = [["y", "w"]]
    second["optional_links"] = [["z", "x"]]  # the first's link d->b: neither a hit nor a miss
    [row] = agreement.compare(*_folders(tmp_path, second))
    assert row.claims.tp == 4 and row.speakers_same == 4
    assert (row.dates_same, row.dated_vs_null) == (3, 1)
    assert (row.links.tp, row.links.predicted, row.links.expected, row.links_vs_optional) == (1, 1, 1, 1)


def test_quotes_that_overlap_by_less_than_half_of_the_shorter_do_not_match(tmp_path):
    second = copy.deepcopy(ANNOTATION)
    second["claims"][0]["quote"] = 'safety checks. "Nobody signed the log'
    second["claims"] = [second["claims"][0]]
    second["denials"] = []
    [row] = agreement.compare(*_folders(tmp_path, second))
    # the second's one span covers all of the first's b, so it is b it matches, not a
    assert row.claims.tp == 1 and row.claims.recall == 0.25
    assert any("claim only first a" in note for note in row.notes)
