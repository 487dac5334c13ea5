"""The search query language, read once for every database: words (all must match), "exact phrases",
prefix*, -excluded terms, OR between terms. Anything else a user types (stray quotes, parentheses, colons,
operators in odd places) is text. ``app.storage.sqlite`` renders the result as an FTS5 query and
``app.storage.postgres`` as a ``to_tsquery`` expression; neither ever passes the user's characters through
(only the ``\\w+`` words found in them), so any input is safe.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN_RE = re.compile(r'-?"[^"]*"?|\S+')  # -"a phrase" excludes the phrase, not its first word
_WORD_RE = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Term:
    """One word, or a phrase of several words in order; ``prefix``: the last word may continue."""

    words: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """``groups``: every group must match, a group matches if any of its terms does (OR);
    ``excluded``: none of these may match."""

    groups: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...]


def parse_query(text: str) -> ParsedQuery | None:
    """What a user typed as a query, or None when nothing searchable remains."""
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    pending_or = False
    for raw in _TOKEN_RE.findall(text or ""):
        negate = False
        token = raw
        if token == "OR" and groups:
            pending_or = True
            continue
        if token in ("AND", "NOT", "NEAR"):
            continue
        if token.startswith("-") and len(token) > 1:
            negate, token = True, token[1:]
        words = _WORD_RE.findall(token)
        if not words:
            continue
        prefix = False if token.startswith('"') else token.rstrip(")]}.,;:!?").endswith("*")
        term = Term(tuple(words), prefix)
        if negate:
            excluded.append(term)
        elif pending_or and groups:
            groups[-1].append(term)
            pending_or = False
        else:
            groups.append([term])
    if not groups:
        return None
    return ParsedQuery(tuple(tuple(g) for g in groups), tuple(excluded))


# A search whose every part is a word in more than NON_DISCRIMINATIVE_SHARE of the newest rows (a word in one
# row in ten or more: "the of and to a in") has no word that tells its matches apart: it ranks only its
# newest COMMON_CANDIDATES matches, where other searches rank their newest 4,000 (app.storage.sqlite and
# app.storage.pg_search state the same rule). The six words' 4,000th newest match lies past 78 % of the
# 1M-claim library's index (~120 ms of CPU on a first call); with the newest 1,000 ranked, 44-49 ms, with
# 500, 34 (bench/RESULTS.md, "the commonest words ranked in fewer candidates").
NON_DISCRIMINATIVE_SHARE = 0.1
COMMON_CANDIDATES = 500

# A prefix (``minis*``) stands for every word that begins so ("minister", "ministry", "miniskirt"): its matches
# are the rows of all those words together, so a short prefix matches as many rows as a common word, and ranking
# them says little (each of its words counts alike). A search holding a prefix ranks its newest PREFIX_CANDIDATES
# matches, where other searches rank their newest 4,000 (both engines; the user guide says so). On a team
# library each candidate ranked is a table page read, and a prefix's newest 4,000 matches lie spread over much of
# the table ("stry*", "ce*": 50-60 ms on a first call, over the 50 ms target; bench/RESULTS.md, "prefixes").
PREFIX_CANDIDATES = 1000


def has_prefix(parsed: ParsedQuery) -> bool:
    """Whether a term the query must match is a prefix (an excluded prefix only removes matches)."""
    return any(term.prefix for group in parsed.groups for term in group)


def plain_words(parsed: ParsedQuery) -> tuple[str, ...] | None:
    """The words a query must all hold, when each of its parts is one word (not a phrase, a prefix or an OR);
    else None. Excluded terms do not count: they only remove matches."""
    words = []
    for group in parsed.groups:
        term = group[0]
        if len(group) > 1 or len(term.words) > 1 or term.prefix:
            return None
        words.append(term.words[0])
    return tuple(words) or None
