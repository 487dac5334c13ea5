"""What drafting leaves unread in a source too long or too strange to read whole, and how the analyst is told."""

from __future__ import annotations

import app.extract.extractor as extractor_module
from app.extract import propose


def _source(lib, body: str) -> int:
    return lib.sources.create(title="Harbour report", body=body, published="2026-11-27").after.id


def test_a_table_run_together_is_left_unread_and_the_analyst_is_told(lib):
    run_together = " | ".join(
        f"berth {n} said to be closed" for n in range(120)
    )  # ~3,500 characters, no stop
    body = (
        "The harbour master said on Monday that the quay would reopen within a week.\n\n"
        + run_together
        + "\n\nThe port authority said the dredging had finished."
    )
    extraction = propose(lib, _source(lib, body))
    assert [p.quote for p in extraction.proposals] == [
        "the quay would reopen within a week",
        "the dredging had finished",
    ]
    assert "1 passage of more than 2,000 characters without a full stop" in extraction.notice
    assert "was not read for statements" in extraction.notice


def test_drafting_a_very_long_source_stops_and_says_where(lib, monkeypatch):
    monkeypatch.setattr(extractor_module, "MOST_STATEMENTS", 3)
    sentences = [f"The harbour master said berth {n} would reopen on Friday." for n in range(1, 6)]
    body = "\n\n".join(sentences)
    extraction = propose(lib, _source(lib, body))
    assert [p.quote for p in extraction.proposals] == [
        "berth 1 would reopen on Friday",
        "berth 2 would reopen on Friday",
        "berth 3 would reopen on Friday",
    ]
    stopped_at = body.index("The harbour master said berth 4")
    assert (
        f"Drafting stopped after 3 statements, at character {stopped_at:,} of the text" in extraction.notice
    )


def test_a_source_read_whole_has_no_such_notice(lib):
    extraction = propose(lib, _source(lib, "The harbour master said the quay would reopen."))
    assert "not read" not in extraction.notice and "stopped" not in extraction.notice


def test_a_source_titled_by_its_own_first_sentence_still_drafts_that_sentence(lib):
    """A PDF with no title (or a text file) is titled by its first line; that line is prose, not a headline."""
    body = "The harbour master of Port Alder said on Monday that the northern quay would stay closed until March."
    sid = lib.sources.create(title=body, body=body, published="2026-11-27").after.id
    extraction = propose(lib, sid)
    assert [p.quote for p in extraction.proposals] == ["the northern quay would stay closed until March"]


def test_a_headline_above_the_story_is_still_not_drafted(lib):
    body = "Harbour master says quay will stay shut\n\nThe harbour master said the quay would stay closed."
    sid = lib.sources.create(title="Harbour master says quay will stay shut", body=body).after.id
    assert [p.quote for p in propose(lib, sid).proposals] == ["the quay would stay closed"]
