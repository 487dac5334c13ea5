"""Which of the commonest English words a claim holds, one bit each: ``claims.common_words`` (migration 0014).

A claims list filtered only by the commonest words ("the of and to a in") and sorted by date must test
~16,000 claims to find a first page of 60: reading their text, or the six words' doclists whole (2.5 million
entries), cost 125-150 ms on the 1M-claim library (bench/RESULTS.md, "Issue 17"). With each claim's words of
this list kept as bits beside its date (index ``ix_claims_said_words``), the walk tests ``bits & mask = mask``
in the index alone and FTS5 confirms the few rows that pass (app.storage.fts_plan, plan "bits").

The words: the 63 commonest words of English in the Brown corpus's order (the head of the list every
frequency table starts with), one bit each of a signed 64-bit integer (bit 63, the sign, unused). A word
holds its bit when FTS5's tokenizer (unicode61, remove_diacritics 2: ``sqlite.FTS_DDL``) finds it as a token
in the claim's statement or quote, so "The", "THÉ" and "the" all set the bit of "the" and "there" does not.
Computed here and nowhere else: text of ASCII characters only is split on what is not ``[A-Za-z0-9]``
(exactly unicode61's tokens for ASCII); any other text is tokenized by FTS5 itself, in an in-memory table with
the same tokenizer, so the bits never disagree with what the index finds (tests/app/test_common_words.py
compares both on every ASCII character and on folded and combining ones). NULL: not computed yet (a library
upgraded to 0014 is filled a batch at a time, ``fill_step``, which then builds the index; every write
computes its row's bits).
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

WORDS: tuple[str, ...] = tuple(
    [
        "the",
        "of",
        "and",
        "to",
        "a",
        "in",
        "that",
        "is",
        "was",
        "he",
        "for",
        "it",
        "with",
        "as",
        "his",
        "on",
        "be",
        "at",
        "by",
        "i",
        "this",
        "had",
        "not",
        "are",
        "but",
        "from",
        "or",
        "have",
        "an",
        "they",
        "which",
        "one",
        "you",
        "were",
        "her",
        "all",
        "she",
        "there",
        "would",
        "their",
        "we",
        "him",
        "been",
        "has",
        "when",
        "who",
        "will",
        "more",
        "no",
        "if",
        "out",
        "so",
        "said",
        "what",
        "up",
        "its",
        "about",
        "into",
        "than",
        "them",
        "can",
        "only",
        "other",
    ]
)
BIT: dict[str, int] = {w: 1 << i for i, w in enumerate(WORDS)}
assert len(WORDS) == 63 and len(BIT) == 63  # bit 63 (the sign) is never set: the value stays positive

TOKENIZER = "unicode61 remove_diacritics 2"  # the full-text index's (app.storage.sqlite.FTS_DDL)
_ASCII_TOKEN = re.compile(r"[a-z0-9]+")


def mask(words: Iterable[str]) -> int | None:
    """The bits a row must all hold to contain every one of ``words`` (as a user typed them: FTS5 makes
    "The" the token "the"), or None when one of them is not in the list or is not one ASCII token (such a
    word, "thé" or "the_of", keeps the other plans)."""
    out = 0
    for w in words:
        if not (w.isascii() and w.isalnum()):
            return None
        bit = BIT.get(w.lower())
        if bit is None:
            return None
        out |= bit
    return out


def _ascii_bits(text: str) -> int:
    out = 0
    for token in set(_ASCII_TOKEN.findall(text.lower())):
        out |= BIT.get(token, 0)
    return out


def bits(statement: str | None, quote: str | None) -> int:
    """The bits of the list's words found in a claim's statement or quote."""
    return bits_many([(statement, quote)])[0]


def bits_many(texts: Sequence[tuple[str | None, str | None]]) -> list[int]:
    """``bits`` of each (statement, quote), in order; the non-ASCII ones tokenized by FTS5 in one batch."""
    out: list[int] = []
    other: list[int] = []
    for i, (statement, quote) in enumerate(texts):
        a, b = _str(statement), _str(quote)
        if a.isascii() and b.isascii():
            out.append(_ascii_bits(a) | _ascii_bits(b))
        else:
            out.append(0)
            other.append(i)
    if other:
        found = _fts_bits([texts[i] for i in other])
        for i, value in zip(other, found, strict=True):
            out[i] = value
    return out


def _str(value: object) -> str:
    """Text as stored; a damaged row's bytes as FTS5 reads them (UTF-8), so nothing here fails on them."""
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return value if isinstance(value, str) else ""


_local = threading.local()


def _tokenizer_db() -> sqlite3.Connection:
    con: sqlite3.Connection | None = getattr(_local, "con", None)
    if con is None:
        con = sqlite3.connect(":memory:", check_same_thread=True)
        con.execute(f"CREATE VIRTUAL TABLE t USING fts5(statement, quote, tokenize = '{TOKENIZER}')")
        con.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, instance)")
        _local.con = con
    return con


def _fts_bits(texts: Sequence[tuple[str | None, str | None]]) -> list[int]:
    con = _tokenizer_db()
    words = ", ".join(f"'{w}'" for w in WORDS)
    try:
        con.executemany(
            "INSERT INTO t(rowid, statement, quote) VALUES (?, ?, ?)",
            [(i + 1, _str(a), _str(b)) for i, (a, b) in enumerate(texts)],
        )
        out = [0] * len(texts)
        for doc, term in con.execute(f"SELECT DISTINCT doc, term FROM v WHERE term IN ({words})"):
            out[int(doc) - 1] |= BIT[term]
        return out
    finally:
        con.execute("DELETE FROM t")
        con.commit()


# --- upkeep: a library upgraded to 0014 has NULL in every claim until filled ------------------------------

FILL_BATCH = 2_000  # claims a fill step computes and writes: a write transaction of ~50 ms at 1M claims
# The index the claims list walks (SQLite). A library upgraded with claims gets it once they are all filled:
# filling 1M claims with it in place rewrote its entries at random, 52 s and 260 ms a step of 5,000, against
# 28 s and 127 ms without it, then 2.6 s to create it (bench/RESULTS.md, "the commonest words as bits").
WALK_INDEX = "ix_claims_said_words"
WALK_INDEX_SQL = f"CREATE INDEX IF NOT EXISTS {WALK_INDEX} ON claims (said, id, common_words)"


def unfilled(conn: Connection) -> bool:
    """Whether the lists cannot use the bits yet: some claim's are not computed (one seek in the partial
    index of those claims) or, on SQLite, the index they are walked in is not built yet."""
    from sqlalchemy import text

    if conn.execute(text("SELECT 1 FROM claims WHERE common_words IS NULL LIMIT 1")).first() is not None:
        return True
    return conn.dialect.name == "sqlite" and not _has_walk_index(conn)


def _has_walk_index(conn: Connection) -> bool:
    from sqlalchemy import text

    found = conn.execute(
        text("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = :n"), {"n": WALK_INDEX}
    )
    return found.first() is not None


def fill_step(conn: Connection, batch: int = FILL_BATCH) -> bool:
    """Compute the bits of up to ``batch`` claims that have none (lowest ids first) or, when none is left, on
    SQLite, build the index the lists walk if it is missing. False when there was nothing to do."""
    from sqlalchemy import bindparam, text

    rows = conn.execute(
        text("SELECT id, statement, quote FROM claims WHERE common_words IS NULL ORDER BY id LIMIT :n"),
        {"n": int(batch)},
    ).all()
    if not rows:
        if conn.dialect.name == "sqlite" and not _has_walk_index(conn):
            conn.execute(text(WALK_INDEX_SQL))
            return True
        return False
    values = bits_many([(r[1], r[2]) for r in rows])
    conn.execute(
        text("UPDATE claims SET common_words = :b WHERE id = :i").bindparams(bindparam("b"), bindparam("i")),
        [{"b": v, "i": r[0]} for r, v in zip(rows, values, strict=True)],
    )
    return True


def disagreeing(conn: Connection, batch: int = FILL_BATCH) -> list[tuple[int, int | None, int]]:
    """(claim id, stored bits, bits of its text) of every claim whose stored bits (not NULL) are not those of
    its text: for ``briefdesk doctor``. Reads every claim once, a batch at a time. A claim whose text is not
    text (damaged: bytes) is the doctor's value rules' to report; its bits are computed once it is repaired."""
    from sqlalchemy import text

    out: list[tuple[int, int | None, int]] = []
    last = -(2**62)
    while True:
        rows = conn.execute(
            text(
                "SELECT id, statement, quote, common_words FROM claims WHERE id > :last "
                "AND common_words IS NOT NULL ORDER BY id LIMIT :n"
            ),
            {"last": last, "n": int(batch)},
        ).all()
        if not rows:
            return out
        values = bits_many([(r[1], r[2]) for r in rows])
        out.extend(
            (r[0], r[3], v)
            for r, v in zip(rows, values, strict=True)
            if r[3] != v and isinstance(r[1], str) and isinstance(r[2], str)
        )
        last = rows[-1][0]


def repair(conn: Connection) -> int:
    """Compute again the bits of every claim ``disagreeing`` finds; how many were written."""
    from sqlalchemy import text

    wrong = disagreeing(conn)
    for ident, _stored, value in wrong:
        conn.execute(text("UPDATE claims SET common_words = :b WHERE id = :i"), {"b": value, "i": ident})
    return len(wrong)
