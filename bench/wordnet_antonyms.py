"""Antonym pairs read from WordNet 3.0's own database files, as Debian's ``wordnet-base`` installs them
(/usr/share/wordnet): nothing downloaded, nothing else read. Used by bench/bench_contradiction.py to measure
contradiction cues; the product never reads these files (it may only read a small extract under resources/).

Levels of antonymy, each a superset of the one before:

- ``direct``: WordNet's lexical antonym pointers (``!``) between two words ("open"/"closed", "rise"/"fall",
  "confirm"/"deny", "present"/"absent");
- ``synset``: also every other word of the two synsets ("shut" against "open");
- ``similar``: also an adjective satellite against its head's antonyms ("sealed" is similar to "closed");
- ``derived``: also the words derivationally related (``+``) to a pair ("closure" against "opening").

Word forms are reduced to WordNet lemmas by ``base_forms`` (the exception lists, then WordNet's own suffix
rules checked against the index), as WordNet's morphy does.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

WORDNET = Path("/usr/share/wordnet")
POS = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}
# WordNet's detachment rules (morphy), per part of speech
SUFFIXES = {
    "noun": (("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("men", "man"),
             ("ies", "y")),
    "verb": (("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", "")),
    "adj": (("er", ""), ("est", ""), ("er", "e"), ("est", "e")),
    "adv": (),
}  # fmt: skip
LEVELS = ("direct", "synset", "similar", "derived")


def _synsets(pos: str):
    """(offset, ss_type, [words], [(symbol, target offset, target pos, source no, target no)]) per synset."""
    with (WORDNET / f"data.{pos}").open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("  "):
                continue
            fields = line.split(" | ")[0].split()
            offset, ss_type, n = fields[0], fields[2], int(fields[3], 16)
            words = [re.sub(r"\(\w+\)$", "", fields[4 + 2 * k]).lower() for k in range(n)]
            k = 4 + 2 * n
            ptrs = []
            for _ in range(int(fields[k])):
                sym, tgt, tpos, st = fields[k + 1 : k + 5]
                ptrs.append((sym, tgt, POS[tpos], int(st[:2], 16), int(st[2:], 16)))
                k += 4
            yield offset, ss_type, words, ptrs


def read_wordnet() -> dict:
    """Every synset by (pos, offset): its words, type and pointers."""
    db = {}
    for pos in ("noun", "verb", "adj", "adv"):
        for offset, ss_type, words, ptrs in _synsets(pos):
            db[(pos, offset)] = (ss_type, words, ptrs)
    return db


def antonym_pairs(level: str, db: dict | None = None) -> set[tuple[str, str]]:
    """Unordered word pairs (each sorted) that WordNet makes antonyms, at the given level; single words only
    (a multi-word lemma cannot be matched against one token)."""
    db = db or read_wordnet()
    upto = LEVELS.index(level)
    pairs: set[tuple[str, str]] = set()
    synset_pairs: set[tuple[tuple[str, str], tuple[str, str]]] = set()
    for (pos, off), (_t, words, ptrs) in db.items():
        for sym, tgt, tpos, s, t in ptrs:
            if sym != "!":
                continue
            other = db[(tpos, tgt)][1]
            a = words[s - 1] if s else None
            b = other[t - 1] if t else None
            if a and b:
                pairs.add(tuple(sorted((a, b))))  # type: ignore[arg-type]
            synset_pairs.add(((pos, off), (tpos, tgt)))
    if upto >= 1:
        for x, y in synset_pairs:
            for a in db[x][1]:
                for b in db[y][1]:
                    pairs.add(tuple(sorted((a, b))))  # type: ignore[arg-type]
    if upto >= 2:
        satellites: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
        for key, (ss_type, _w, ptrs) in db.items():
            if ss_type == "s":
                for sym, tgt, tpos, _s, _t in ptrs:
                    if sym == "&":
                        satellites[(tpos, tgt)].append(key)
        for x, y in synset_pairs:
            for sat in satellites.get(x, ()):
                for a in db[sat][1]:
                    for b in db[y][1]:
                        pairs.add(tuple(sorted((a, b))))  # type: ignore[arg-type]
    if upto >= 3:
        derived: dict[str, set[str]] = defaultdict(set)
        for (_pos, _off), (_t, words, ptrs) in db.items():
            for sym, tgt, tpos, s, t in ptrs:
                if sym == "+" and s and t:
                    derived[words[s - 1]].add(db[(tpos, tgt)][1][t - 1])
        for a, b in list(pairs):
            for da in derived.get(a, set()) | {a}:
                for dbw in derived.get(b, set()) | {b}:
                    pairs.add(tuple(sorted((da, dbw))))  # type: ignore[arg-type]
    return {p for p in pairs if p[0] != p[1] and "_" not in p[0] + p[1] and "-" not in p[0] + p[1]}


def lemma_index() -> tuple[dict[str, set[str]], dict[str, dict[str, str]]]:
    """The lemmas of each part of speech (index files) and the exception lists (irregular forms)."""
    lemmas: dict[str, set[str]] = {}
    exceptions: dict[str, dict[str, str]] = {}
    for pos in ("noun", "verb", "adj", "adv"):
        with (WORDNET / f"index.{pos}").open(encoding="utf-8") as fh:
            lemmas[pos] = {line.split(" ", 1)[0] for line in fh if not line.startswith("  ")}
        exceptions[pos] = {}
        with (WORDNET / f"{pos}.exc").open(encoding="utf-8") as fh:
            for line in fh:
                parts = line.split()
                if len(parts) >= 2:
                    exceptions[pos].setdefault(parts[0], parts[1])
    return lemmas, exceptions


def base_forms(word: str, lemmas: dict[str, set[str]], exceptions: dict[str, dict[str, str]]) -> set[str]:
    """The WordNet lemmas a word form may be (any part of speech): itself, an exception's base, or a suffix rule's
    result that the index holds."""
    w = word.lower()
    out = set()
    for pos, known in lemmas.items():
        if w in known:
            out.add(w)
        if w in exceptions[pos]:
            out.add(exceptions[pos][w])
        for suffix, repl in SUFFIXES[pos]:
            if w.endswith(suffix) and len(w) > len(suffix) + 1:
                base = w[: -len(suffix)] + repl
                if base in known:
                    out.add(base)
    return out
