"""Source bodies made to make drafting slow: generated, never stored. Used by bench/bench_hostile_drafting.py
(full size) and tests (small size). Every text is fictional filler."""

from __future__ import annotations

import random

_WORDS = [
    "the",
    "port",
    "minister",
    "harbour",
    "said",
    "officials",
    "reject",
    "claim",
    "Varn",
    "told",
    "reporters",
    "that",
    "on",
    "Monday",
]
_NAMES = ["Anna", "Bell", "Carl", "Dora", "Ewan", "Fay", "Gus", "Hal", "Ines", "Jon", "Kai", "Lea"]


def _filler(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(n))


def one_sentence(words: int) -> str:
    """A single run of words with no full stop."""
    return _filler(random.Random(1), words) + "."


def unbalanced_quotes(n: int) -> str:
    """Straight quotation marks that never close, with no full stop."""
    rng = random.Random(2)
    return " ".join('"' + _filler(rng, 5) for _ in range(n))


def quoted_without_stops(n: int) -> str:
    """'X said “...”' again and again, with zero-width and direction marks, and no full stop."""
    rng = random.Random(3)
    return "".join(f"\u200b\u202e{_filler(rng, 3)} said \u201c{_filler(rng, 5)}\u201d " for _ in range(n))


def national_denials(n: int) -> str:
    """The same short national denial as n sentences: n statements, each looking back for what it answers."""
    return " ".join("The Ruritanians deny this." for _ in range(n))


def speakers_one_per_paragraph(n: int) -> str:
    """n paragraphs, each a different named person making a statement: many speakers to remember."""
    rng = random.Random(4)
    return "\n\n".join(
        f"{rng.choice(_NAMES)} {rng.choice(_NAMES)}son said on Monday that {_filler(rng, 8)}."
        for _ in range(n)
    )


def he_said_paragraphs(n: int) -> str:
    """n paragraphs of 'He said ...' with no one named."""
    rng = random.Random(5)
    return "\n\n".join(f"He said {_filler(rng, 6)}." for _ in range(n))
