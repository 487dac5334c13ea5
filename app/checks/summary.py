"""Rule T9: the brief has a source summary statement and it agrees with the sources it cites (how many, of
which kinds, grades, origins and outlets, whether contested or single-source); ``SourceFacts.draft`` writes one."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from app._text import counted
from app.brief_model.model import SUMMARY_TITLE_RE
from app.checks.context import CheckContext
from app.checks.model import Finding, Fix, FixKind, Severity
from app.checks.sourcing import NOTE_KEY_RE, NOTES_TITLE_RE
from app.domain import ClaimStatus, SourceKind
from app.sentences import sentence_at

W = Severity.WARNING


_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty"
)
NUMBER_WORDS = {w: n for n, w in enumerate(_WORDS.split(" "))}
_NUM = r"(\d+|" + "|".join(NUMBER_WORDS) + r")"
COUNT_RE = re.compile(
    _NUM + r"\s+(?:(independent|original|distinct|different|separate)\s+)?(sources|reports)\b", re.I
)
CLAIM_COUNT_RE = re.compile(_NUM + r"\s+(?:cited\s+)?claims\b", re.I)
# "trace to 2 origins", "3 independent origins"; "(claims) from 4 outlets" (a mention of other outlets, such as
# "two outlets that repeated it are left uncited", is not a count of what is cited)
ORIGIN_COUNT_RE = re.compile(
    r"(?:(?<=trace to )|(?<=traces to )|(?<=traced to ))"
    + _NUM
    + r"\s+(?:independent\s+)?origins?\b|"
    + _NUM.replace("(", "(?P<n2>", 1)
    + r"\s+independent\s+origins?\b",
    re.I,
)
OUTLET_COUNT_RE = re.compile(r"(?<=from )" + _NUM + r"\s+(?:different\s+|distinct\s+)?outlets?\b", re.I)
KIND_WORDS = {
    SourceKind.NEWS_ARTICLE: r"news\s+articles?",
    SourceKind.OFFICIAL_STATEMENT: r"official\s+statements?",
    SourceKind.TRANSCRIPT: r"transcripts?",
    SourceKind.SOCIAL_MEDIA_POST: r"social[\s-]+media\s+posts?",
    SourceKind.DATASET: r"datasets?",
}
GRADE_RE = re.compile(r"\b([A-F][1-6])\b")
CONTESTED_RE = re.compile(r"contest|denied|denial|disput|contradict|conflict", re.I)
SINGLE_RE = re.compile(r"single|sole\b|one\s+(?:original\s+)?source|uncorroborated", re.I)
NEGATION_RE = re.compile(r"\b(?:no|none|not|never|nor|without)\b", re.I)


def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


class SourceFacts:
    """What the sources actually cited are: what a source summary statement must agree with."""

    def __init__(self, ctx: CheckContext) -> None:
        claims = [ctx.claims[i] for i in ctx.cited_claim_ids if i in ctx.claims]
        cited_sources = {c.ident for c in ctx.doc.citations if c.kind == "source" and c.ident in ctx.sources}
        kinds: dict[int, SourceKind] = {c.source_id: c.source_kind for c in claims}
        kinds.update({i: ctx.sources[i].kind for i in cited_sources})
        self.claims = claims
        self.source_ids = set(kinds)
        self.kinds = Counter(kinds.values())
        outlets = {c.source_id: c.source_outlet for c in claims}
        outlets.update({i: ctx.sources[i].outlet for i in cited_sources})
        self.outlets = {o or f"s{i}" for i, o in outlets.items()}
        self.origins = len(ctx.origin_groups([c.id for c in claims]))
        g = ctx.graph
        self.second_hand = [c.id for c in claims if c.id in g.facts.claims and g.depth(c.id) > 0]
        self.grades = sorted({c.grade for c in claims})
        self.contested = [c.id for c in claims if ctx.open_denials(c.id) or c.status is ClaimStatus.DISPUTED]
        self.single = [j for j in ctx.judgments if j.claim_ids and j.origins == 1]
        self.ctx = ctx

    def draft(self) -> str:
        """A source summary statement that agrees with the facts (for the analyst to edit)."""
        n = len(self.source_ids)
        mix = ", ".join(f"{k} {kind.value}{'s' if k != 1 else ''}" for kind, k in self.kinds.most_common())
        parts = [f"This brief rests on {counted(n, 'source')}" + (f" ({mix})." if mix else ".")]
        if self.claims:
            parts.append(f"Its {self.ctx.support_phrase([c.id for c in self.claims], self.origins)}.")
        if self.second_hand:
            refs = [f"c{i}" for i in self.second_hand]
            listed = refs[0] if len(refs) == 1 else ", ".join(refs[:-1]) + " and " + refs[-1]
            parts.append(
                f"{listed} {'is a report' if len(refs) == 1 else 'are reports'} of what others said or wrote "
                f"first, counted with {'its origin' if len(refs) == 1 else 'their origins'}."
            )
        if self.grades:
            parts.append(f"Grades range from {self.grades[0]} to {self.grades[-1]}.")
        if self.single:
            which = ", ".join(str(j.index) for j in self.single)
            parts.append(
                f"Key judgment{'s' if len(self.single) > 1 else ''} {which} rest"
                f"{'' if len(self.single) > 1 else 's'} on a single original source."
            )
        if self.contested:
            parts.append(
                "Contested claims: " + ", ".join(f"c{i}" for i in self.contested) + "; their denials are "
                "presented where they are cited."
            )
        else:
            parts.append("None of the cited claims is contested.")
        return " ".join(parts)


def _sentence_of(text: str, pos: int) -> str:
    s, e = sentence_at(text, pos)
    return text[s:e]


def _disagreements(facts: SourceFacts, text: str) -> Iterator[tuple[str, int, int, str]]:
    """(message, start, end, replacement or '') for each statement in ``text`` the facts contradict."""
    for m in COUNT_RE.finditer(text):
        n = _number(m.group(1))
        qualifier = (m.group(2) or "").lower()
        if qualifier in ("independent", "original"):
            actual, what = facts.origins, "independent original sources"
        else:
            actual = len(facts.source_ids)
            what = "sources"
            if m.group(3).lower() == "reports" and n == facts.kinds.get(SourceKind.REPORT, -1):
                continue
        if n != actual:
            yield (
                f"The source summary says {m.group(0)}; the brief cites {actual} {what}.",
                m.start(1),
                m.end(1),
                str(actual),
            )
    for m in CLAIM_COUNT_RE.finditer(text):
        n = _number(m.group(1))
        if n != len(facts.claims):
            yield (
                f"The source summary says {m.group(0)}; the brief cites {counted(len(facts.claims), 'claim')}.",
                m.start(1),
                m.end(1),
                str(len(facts.claims)),
            )
    for m in ORIGIN_COUNT_RE.finditer(text):
        g = 1 if m.group(1) is not None else "n2"
        n = _number(m.group(g))
        if n != facts.origins:
            yield (
                f"The source summary says {m.group(0)}; the cited claims trace to "
                f"{counted(facts.origins, 'independent origin')}.",
                m.start(g),
                m.end(g),
                str(facts.origins),
            )
    for m in OUTLET_COUNT_RE.finditer(text):
        n = _number(m.group(1))
        if n != len(facts.outlets):
            yield (
                f"The source summary says {m.group(0)}; the brief cites {counted(len(facts.outlets), 'outlet')}.",
                m.start(1),
                m.end(1),
                str(len(facts.outlets)),
            )
    for kind, words in KIND_WORDS.items():
        for m in re.finditer(r"(?:" + _NUM + r"\s+)?\b" + words + r"\b", text, re.I):
            actual = facts.kinds.get(kind, 0)
            if m.group(1) is not None and _number(m.group(1)) != actual:
                yield (
                    f"The source summary says {m.group(0)}; the brief cites {actual}.",
                    m.start(1),
                    m.end(1),
                    str(actual),
                )
            elif m.group(1) is None and actual == 0 and not NEGATION_RE.search(_sentence_of(text, m.start())):
                yield (
                    f"The source summary mentions {m.group(0)}, but the brief cites none.",
                    m.start(),
                    m.end(),
                    "",
                )
    grades = set(facts.grades)
    for m in GRADE_RE.finditer(text):
        if m.group(1) not in grades:
            yield (
                f"The source summary mentions grade {m.group(1)}, but no cited claim is graded so (cited: "
                + (", ".join(facts.grades) or "none")
                + ").",
                m.start(),
                m.end(),
                "",
            )
    for m in NOTE_KEY_RE.finditer(text):
        key = m.group(1)
        if key.startswith("c") and int(key[1:]) not in {c.id for c in facts.claims}:
            yield (f"The source summary names {key}, which the brief does not cite.", m.start(), m.end(), "")
    mentions = list(CONTESTED_RE.finditer(text))
    if facts.contested and not any(not NEGATION_RE.search(_sentence_of(text, m.start())) for m in mentions):
        ids = ", ".join(f"c{i}" for i in facts.contested)
        yield (f"The source summary does not say that cited claims are contested ({ids}).", 0, 0, "")
    if not facts.contested:
        for m in mentions:
            if not NEGATION_RE.search(_sentence_of(text, m.start())):
                yield (
                    "The source summary speaks of contested claims, but no cited claim has a denial.",
                    m.start(),
                    m.end(),
                    "",
                )
                break
    singles = list(SINGLE_RE.finditer(text))
    if facts.single and not any(not NEGATION_RE.search(_sentence_of(text, m.start())) for m in singles):
        which = ", ".join(str(j.index) for j in facts.single)
        yield (
            f"The source summary does not say that key judgment(s) {which} rest on a single original source.",
            0,
            0,
            "",
        )
    if not facts.single:
        for m in singles:
            if not NEGATION_RE.search(_sentence_of(text, m.start())):
                yield (
                    "The source summary speaks of single-source dependence, but every key judgment has two "
                    "or more independent original sources.",
                    m.start(),
                    m.end(),
                    "",
                )
                break


def source_summary_agrees(ctx: CheckContext) -> Iterator[Finding]:
    """A source summary statement (the brief's summary_statement, or a 'Source summary' section) is present
    and agrees with the sources cited: counts, type mix, grades, single-source dependence, contested claims."""
    doc = ctx.doc
    facts = SourceFacts(ctx)
    sections = doc.find_sections(SUMMARY_TITLE_RE)
    field_text = ctx.brief.summary_statement.strip()
    if not field_text and not any(
        b.kind != "heading" for h in sections for b in doc.blocks_in(*doc.section_range(h))
    ):
        draft = facts.draft()
        at = len(ctx.body)
        notes = doc.find_sections(NOTES_TITLE_RE)
        if notes:
            at = notes[0].start
        insert = f"## Source summary\n\n{draft}\n\n" if notes else f"\n\n## Source summary\n\n{draft}\n"
        yield ctx.finding(
            "T9",
            W,
            "The brief has no source summary statement (strengths and weaknesses of the sources, which "
            "judgments rest on which, what is corroborated or contested).",
            0,
            0,
            where="brief",
            fixes=(
                Fix(
                    "Fill in the brief's source summary statement",
                    FixKind.SET_FIELD,
                    text=draft,
                    field="summary_statement",
                ),
                Fix("Add a Source summary section", FixKind.INSERT_TEXT, at, at, insert),
            ),
        )
        return
    if field_text:
        for msg, s, e, repl in _disagreements(facts, field_text):
            fixes: tuple[Fix, ...] = ()
            if repl:
                fixed = field_text[:s] + repl + field_text[e:]
                fixes = (Fix(f"Say {repl}", FixKind.SET_FIELD, text=fixed, field="summary_statement"),)
            yield ctx.finding("T9", W, msg, 0, 0, where="summary_statement", fixes=fixes)
    for h in sections:
        start, end = doc.section_range(h)
        blocks = [b for b in doc.blocks_in(start, end) if b.kind != "heading"]
        if not blocks:
            continue
        s0, e0 = blocks[0].text_start, blocks[-1].end
        for msg, s, e, repl in _disagreements(facts, ctx.doc.scrubbed[s0:e0]):
            fixes = (Fix(f"Say {repl}", FixKind.REPLACE_TEXT, s0 + s, s0 + e, repl),) if repl else ()
            if e == 0:
                s, e = 0, e0 - s0
            yield ctx.finding("T9", W, msg, s0 + s, s0 + e, section=h.title, fixes=fixes)
