"""How much of a source the rules read, so that no source, however long or strange, drafts for minutes.

- A sentence longer than ``LONGEST_SENTENCE`` characters is a table, a list or a page's furniture run together,
  not prose (the drafting sets' longest sentence is 350 characters). The rules read a sentence in time that grows
  with its length times its speech verbs, so such a passage is left unread, and the analyst is told.
- Drafting stops after ``MOST_STATEMENTS`` statements. Linking looks back over the statements before each one, so
  time grows faster than the count; a source that long (a book, a year of transcripts) is drafted in its first
  part, and the analyst is told where it stopped.
"""

from __future__ import annotations

LONGEST_SENTENCE = 2000
MOST_STATEMENTS = 5000


def limits_notice(unread: int, stopped: tuple[int, int] | None) -> str:
    """What the analyst should know about what drafting left unread ('' when it read everything)."""
    parts = []
    if unread:
        were = "were" if unread > 1 else "was"
        parts.append(
            f"{unread:,} passage{'s' if unread > 1 else ''} of more than {LONGEST_SENTENCE:,} characters without a "
            f"full stop (a table or a list run together) {were} not read for statements."
        )
    if stopped is not None:
        statements, at = stopped
        parts.append(
            f"Drafting stopped after {statements:,} statements, at character {at:,} of the text: "
            "import the rest of this document as a source of its own to draft it."
        )
    return " ".join(parts)
