"""A small library for the analysis tests: claims of known grades, a denial, a brief citing some of them."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

BODY = (
    "Alpha said the port reopened on Monday. Bravo said the port never closed. Charlie said ships were "
    "turned away. Delta said the harbour master resigned. Echo said the cranes were idle all week. "
    "Foxtrot said the port reopened on Tuesday."
)


@dataclass
class World:
    brief_id: int
    claims: dict[str, int]


def make_world(lib) -> World:
    """Claims (grade): a (A1), b (B2), c (E5), d (F6), e (C3), f (D4); f denies b, c denies a (c is E5).
    The brief cites a, b and e."""
    grades = {"a": ("A", 1), "b": ("B", 2), "c": ("E", 5), "d": ("F", 6), "e": ("C", 3), "f": ("D", 4)}
    quotes = {
        "a": "the port reopened on Monday",
        "b": "the port never closed",
        "c": "ships were turned away",
        "d": "the harbour master resigned",
        "e": "the cranes were idle all week",
        "f": "the port reopened on Tuesday",
    }
    actors = {"a": "Alpha", "b": "Bravo", "c": "Charlie", "d": "Delta", "e": "Echo", "f": "Foxtrot"}
    claims = {}
    for key, (letter, digit) in grades.items():
        src = lib.sources.create(title=f"Report {key}", body=f"{BODY} ({key})", reliability=letter).after
        claims[key] = lib.claims.create(
            source_id=src.id,
            quote=quotes[key],
            actor=actors[key],
            credibility=digit,
            said="2026-03-0" + str("abcdef".index(key) + 1),
        ).id
    lib.links.create(from_claim_id=claims["f"], kind="denies", to_claim_id=claims["b"])
    lib.links.create(from_claim_id=claims["c"], kind="denies", to_claim_id=claims["a"])
    body = (
        "## Key judgments\n\n1. It is likely that the port reopened [@c{a}; @c{b}].\n\n"
        "## Discussion\n\nThe cranes were idle [@c{e}] and the port reopened [@c{a}].\n"
    ).format(**claims)
    brief = lib.briefs.create(title="Port", body=body).after
    return World(brief.id, claims)


@pytest.fixture
def world(lib) -> World:
    return make_world(lib)
