"""Text helpers shared by services: quote matching with whitespace/typographic-quote normalisation."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from app._patterns import LazyPattern
from app.errors import ValidationError

_QUOTE_MAP = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u2039": "'",
        "\u203a": "'",
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
    }
)

_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """``text`` with each half of a surrogate pair standing alone (a JSON "\\ud800", bytes decoded with
    surrogateescape) made U+FFFD: such text cannot be stored or written as UTF-8."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


# XML 1.0 forbids these; SQLite stores them fine, so only exporters drop them.
_WS_RE = re.compile(r"\s+")


def normalise_for_match(text: str) -> tuple[str, list[int]]:
    """Collapse whitespace, unify quotes; return the text and, for each output char, its input offset."""
    out: list[str] = []
    offsets: list[int] = []
    prev_space = False
    translated = text.translate(_QUOTE_MAP)
    for i, ch in enumerate(translated):
        if ch.isspace():
            if prev_space or not out:
                prev_space = True
                continue
            out.append(" ")
            offsets.append(i)
            prev_space = True
        else:
            out.append(ch)
            offsets.append(i)
            prev_space = False
    return "".join(out), offsets


def find_quote(
    body: str, quote: str, *, span: tuple[int, int] | None = None, near: int | None = None
) -> tuple[int, int]:
    """Find ``quote`` in ``body``; return the (start, end) of its verbatim occurrence (the one starting
    nearest ``near`` when given, else the first).

    Whitespace runs and typographic quotes are normalised on both sides. When ``span`` is given it is
    validated instead: the body's text there must be the quote.
    """
    q_norm, _ = normalise_for_match(quote)
    q_norm = q_norm.strip()
    if not q_norm:
        raise ValidationError("The quote is empty; select or type the words as the source has them.")
    if span is not None:
        start, end = span
        if not (0 <= start < end <= len(body)):
            raise ValidationError(f"The span {start}-{end} is outside the source's text (0-{len(body)}).")
        got, _ = normalise_for_match(body[start:end])
        if got.strip() != q_norm:
            raise ValidationError("The quote does not match the source's text at the given position.")
        return start, end
    b_norm, offsets = normalise_for_match(body)
    pos = b_norm.find(q_norm)
    if pos < 0:
        short = q_norm if len(q_norm) <= 60 else q_norm[:57] + "..."
        raise ValidationError(f'The quote "{short}" does not occur in the source\'s text.')
    if near is not None:  # the occurrence nearest the given offset (the same words may occur twice)
        best = pos
        while pos >= 0:
            if abs(offsets[pos] - near) < abs(offsets[best] - near):
                best = pos
            pos = b_norm.find(q_norm, pos + 1)
        pos = best
    start = offsets[pos]
    end = offsets[pos + len(q_norm) - 1] + 1
    return start, end


def norm_key(text: str) -> str:
    """Normalised form used for uniqueness of actor names and affiliations."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


_LINE_BREAKS = LazyPattern(r"\s*[\r\n\u2028\u2029\x0b\x0c\x85]+\s*")


def clean_line(
    value: object, *, what: str, required: bool = False, max_len: int = 2000, one_line: bool = True
) -> str:
    """A one-line field (a title, a name, a URL): trimmed, and line breaks inside it joined with a space
    (``one_line=False`` keeps them, for short texts such as a waiver's reason)."""
    text = "" if value is None else str(value)
    text = text.strip()
    if one_line:
        text = _LINE_BREAKS().sub(" ", text)
    if required and not text:
        raise ValidationError(f"The {what} cannot be empty.")
    if len(text) > max_len:
        raise ValidationError(f"The {what} is too long ({len(text)} characters; at most {max_len}).")
    return text


# Text to look for (a search, a filter by text or name). SQLite refuses a LIKE pattern over 50,000 bytes
# ("pattern too complex") and an FTS query of thousands of terms takes seconds; nobody searches for more
# than a few sentences, so longer text is refused up front in plain words.
MAX_SEARCH_CHARS = 1000


def search_text(value: str | None, what: str = "text to look for") -> str:
    """``value`` stripped, or a ValidationError when it is longer than MAX_SEARCH_CHARS."""
    text = (value or "").strip()
    if len(text) > MAX_SEARCH_CHARS:
        raise ValidationError(
            f"The {what} is too long ({len(text):,} characters; at most {MAX_SEARCH_CHARS:,}): look for a few "
            "words instead."
        )
    return text


def word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``1 claim``, ``2 claims``, ``1,204 claims``; ``plural`` for nouns that do not just take an s."""
    return f"{n:,} {noun if n == 1 else (plural or noun + 's')}"


# The commonest English function words: they make up about two words in five of English prose and rarely more
# than a few in a hundred of another language's (German, French, Spanish, Dutch, ... share only "in", "a", "so").
_ENGLISH_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "was",
        "that",
        "for",
        "on",
        "with",
        "as",
        "by",
        "at",
        "from",
        "it",
        "he",
        "she",
        "his",
        "her",
        "they",
        "their",
        "this",
        "are",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "not",
        "but",
        "or",
        "an",
        "which",
        "who",
        "said",
        "will",
        "would",
        "its",
        "also",
        "after",
        "than",
        "more",
    ]
)
_WORD_RE = re.compile(r"[^\W\d_]+")


def english_share(text: str, *, sample: int = 4000) -> tuple[float, int]:
    """(share of common English function words, words counted) over the first ``sample`` words."""
    words = _WORD_RE.findall(text[: sample * 8])[:sample]
    if not words:
        return 0.0, 0
    hits = sum(1 for w in words if w.lower() in _ENGLISH_WORDS)
    return hits / len(words), len(words)


def looks_english(text: str) -> bool | None:
    """True for English prose, False for another language, None when the text is too short to tell."""
    share, n = english_share(text)
    if n < 12:
        return None
    return share >= 0.14


def clean_tags(tags: Iterable[str] | str | None) -> list[str]:
    """Tags as stored: lower case, blanks collapsed, no empties or repeats; a tag over 100 characters is refused."""
    if tags is None:
        return []
    if isinstance(tags, str):
        tags = tags.split(",")
    out = []
    for t in tags:
        tag = " ".join(str(t).split()).lower()
        if not tag:
            continue
        if len(tag) > 100:
            raise ValidationError(f"The tag '{tag[:40]}...' is too long (at most 100 characters).")
        out.append(tag)
    return list(dict.fromkeys(out))
