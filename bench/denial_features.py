"""Features for a second look at the statements the rules drafted as plain claims (is this a denial after all,
and of which claim?), for bench/denial_detector.py. An experiment measured by leaving one set out; nothing here
is in the extractor (see bench/RESULTS.md, "Is this a denial at all").

- *is a denial*: a negation or a word of falsehood, a contrast ("but", "however", "instead"), a verb of
  insisting, the speaker is the side another side's statement is about (the accused) or speaks for a side (a
  spokesperson, a lawyer, a ministry), the side denies elsewhere in the story, rare words shared with another
  side's statement, an absolute ("all", "every", "only"), a negation where the other side affirms (or the
  reverse), a number other than the other side's, the speaker's own voice ("we", "our", "its");
- *answers which claim*: rare words shared, distance, before or after, whether the candidate names the
  denier's side, is itself a denial, opens the story, is an accusation, is the nearest other side's.
"""

from __future__ import annotations

import re

from app.extract.answers import (
    ACCUSING_CUES,
    Found,
    _meet,
    accused_claim,
    answered_claim,
    distinct_side,
    one_side,
    side_words,
)
from app.extract.clauses import DEMAND, negates
from app.extract.lexicon import FALSE_WORDS, ORG_WORDS, content_words
from app.extract.model import Proposal
from app.extract.speakers import Speaker

CONTRAST = re.compile(
    r"\b(?:but|however|instead|in fact|actually|rather|nevertheless|on the contrary)\b", re.I
)
INSISTING = frozenset(
    {
        "insisted",
        "insists",
        "maintained",
        "maintains",
        "stressed",
        "argued",
        "countered",
        "replied",
        "responded",
    }
)
DEFENDER = re.compile(
    r"\b(?:spokes\w+|lawyers?|attorneys?|counsel|representatives?|ministry|embassy|press office|statement)\b",
    re.I,
)
OWN_VOICE = re.compile(r"^(?:we|our|us|it|its|they|their|he|she|his|her|my|i)\b|\b(?:we|our|us)\b", re.I)
NUMBER = re.compile(r"\d[\d,.]*")
ABSOLUTE = re.compile(r"\b(?:all|every|only|always|each|entire|fully|any|whole)\b", re.I)

DETECT_NAMES = (
    "bias",
    "negates",
    "false_word",
    "contrast",
    "insisting",
    "accused",
    "defender",
    "side_denies",
    "overlap",
    "other_before",
    "absolute",
    "demand",
    "follows_own_denial",
    "names_self",
    "polarity_flip",
    "other_number",
    "own_voice",
    "answers_last",
)
TARGET_NAMES = (
    "bias",
    "overlap",
    "share",
    "closeness",
    "later",
    "names_denier",
    "is_denial",
    "first_claim",
    "accusing",
    "nearest_other",
    "most_overlap",
)


class Article:
    """What the features read, computed once per extraction: each proposal's words, their rarity, its sides."""

    def __init__(self, text: str, proposals: list[Proposal]) -> None:
        self.text = text
        self.props = proposals
        self.words = [content_words(p.quote) for p in proposals]
        self.df: dict[str, int] = {}
        for ws in self.words:
            for w in ws:
                self.df[w] = self.df.get(w, 0) + 1
        self.sides = [distinct_side(" ".join((p.actor, p.affiliation))) for p in proposals]
        self.side_words = [side_words(p) for p in proposals]

    def other(self, i: int, j: int) -> bool:
        """Whether proposals i and j speak for different sides."""
        a, b = self.props[i], self.props[j]
        return not (one_side(a, b) or _meet(self.sides[i], self.sides[j]))

    def overlap(self, i: int, j: int) -> float:
        """Rare words the two statements share (each word weighs 1 / the proposals using it), without the
        speaker's own name."""
        shared = (self.words[i] - content_words(self.props[i].actor)) & self.words[j]
        return sum(1.0 / self.df[w] for w in shared)

    def lead(self, i: int) -> str:
        """The words of proposal i's sentence before its quote: who said it and how."""
        p = self.props[i]
        start = max(self.text.rfind(". ", 0, p.start), self.text.rfind("\n", 0, p.start), 0)
        return self.text[start : p.start]

    def detect(self, i: int) -> list[float]:
        p = self.props[i]
        others = [j for j in range(len(self.props)) if j != i and self.other(i, j)]
        accused = bool(self.sides[i]) and any(
            sum(1 for x in self.sides[i] if _meet({x}, self.words[j])) >= min(2, len(self.sides[i]))
            for j in others
        )
        own = [j for j in range(len(self.props)) if j != i and not self.other(i, j)]
        prev = i - 1
        # the speaker's own words (not titles or generic heads): "Nordbank" in "Nordbank spokeswoman"
        mine = self.side_words[i] - ORG_WORDS
        shared = [j for j in others if self.overlap(i, j) > 0]
        neg = negates(p.quote)
        numbers = set(NUMBER.findall(p.quote))
        return [
            1.0,
            1.0 if negates(p.quote) else 0.0,
            1.0 if FALSE_WORDS.search(p.quote) else 0.0,
            1.0 if CONTRAST.search(self.lead(i) + " " + p.quote) else 0.0,
            1.0 if p.cue in INSISTING else 0.0,
            1.0 if accused else 0.0,
            1.0 if DEFENDER.search(" ".join((p.actor, p.role, self.lead(i)))) else 0.0,
            1.0 if any(self.props[j].kind == "denial" for j in own) else 0.0,
            min(max((self.overlap(i, j) for j in others), default=0.0), 3.0) / 3.0,
            1.0 if any(j < i for j in others) else 0.0,
            1.0 if ABSOLUTE.search(p.quote) else 0.0,
            1.0 if DEMAND.search(p.quote) else 0.0,
            1.0 if prev >= 0 and self.props[prev].kind == "denial" and not self.other(i, prev) else 0.0,
            1.0 if any(_meet(mine, self.words[j]) for j in others if j < i) else 0.0,
            1.0 if any(negates(self.props[j].quote) != neg for j in shared) else 0.0,
            1.0
            if numbers
            and any(
                NUMBER.findall(self.props[j].quote) and not numbers & set(NUMBER.findall(self.props[j].quote))
                for j in shared
            )
            else 0.0,
            1.0 if OWN_VOICE.search(p.quote) else 0.0,
            1.0 if prev >= 0 and prev in shared else 0.0,
        ]

    def candidates(self, i: int) -> list[tuple[int, list[float]]]:
        """Each other side's statement as what proposal i might answer, with its features."""
        others = [j for j in range(len(self.props)) if j != i and self.other(i, j)]
        first_claim = next((j for j, p in enumerate(self.props) if p.kind == "claim"), -1)
        nearest = max((j for j in others if j < i), default=-1)
        rows = []
        for j in others:
            q = self.props[j]
            ov = self.overlap(i, j)
            rows.append(
                (
                    j,
                    [
                        1.0,
                        min(ov, 4.0) / 4.0,
                        len((self.words[i] - content_words(self.props[i].actor)) & self.words[j])
                        / (len(self.words[i]) or 1),
                        1.0 / abs(i - j),
                        1.0 if j > i else 0.0,
                        1.0 if self.side_words[i] & self.words[j] else 0.0,
                        1.0 if q.kind == "denial" else 0.0,
                        1.0 if j == first_claim else 0.0,
                        1.0 if q.cue in ACCUSING_CUES else 0.0,
                        1.0 if j == nearest else 0.0,
                        0.0,
                    ],
                )
            )
        top = max((x[1] for _j, x in rows), default=0.0)
        for _j, x in rows:
            x[-1] = 1.0 if top > 0 and x[1] == top else 0.0
        return rows


def rules_target(proposals: list[Proposal], i: int) -> int | None:
    """What the rules' own chooser (``answers``) says proposal i answers, were it a denial: the other side's
    claim it shares most words with, the claim about its side, or what was just said; among earlier proposals."""
    p = proposals[i]
    earlier = proposals[:i]
    words = [content_words(q.quote) for q in earlier]
    f = Found(
        "denial", p.start, p.end, Speaker(p.actor, p.role, p.affiliation), p.cue, p.said, p.confidence, 0
    )
    cw = content_words(p.quote) - content_words(p.actor)
    key = answered_claim(f, cw, earlier, words, p.quote) or accused_claim(f, earlier, words)
    return next((j for j, q in enumerate(earlier) if q.key == key), None)
