"""What the rules read: the brief, the claims it cites with their links, sources, waivers and settings.

Built without a database in tests (plain records), or by ``app.checks.load_context`` from a library.
Shared analysis (the key judgments, their confidence ceilings, original sources) is computed once here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from app._text import counted
from app.brief_model import Block, BriefModel, parse_brief
from app.checks import language as lang
from app.checks.model import AnalysisFacts, CheckSettings, Finding, Fix, Severity
from app.domain import (
    CREDIBILITY_MEANING,
    BriefRecord,
    ClaimRecord,
    ClaimStatus,
    ClaimWithLinks,
    LinkedClaim,
    SourceRecord,
    WaiverRecord,
)
from app.provenance.graph import ProvenanceGraph, Token, facts_from_records

_WORD_RE = re.compile(r"[a-z0-9]+")
_STOP_WORDS = "a an the of to in on and or that this is was be by for with at as it its from"
_STOP = frozenset(_STOP_WORDS.split())


@dataclass
class Judgment:
    """A key judgment of the brief: the claims it rests on, its estimative terms and the confidence they allow."""

    index: int
    block: Block
    claim_ids: tuple[int, ...]
    terms: list[lang.TermHit]
    confidence: list[tuple[str, int, int]]
    ceiling: str
    reasons: tuple[str, ...]
    origins: int


@dataclass
class CheckContext:
    """What the rules read: the brief, the claims and sources it cites, its waivers, settings and analysis."""

    brief: BriefRecord
    claims: dict[int, ClaimRecord] = field(default_factory=dict)
    links: dict[int, ClaimWithLinks] = field(default_factory=dict)
    sources: dict[int, SourceRecord] = field(default_factory=dict)
    waivers: dict[int, WaiverRecord] = field(default_factory=dict)  # by claim id
    settings: CheckSettings = field(default_factory=CheckSettings)
    # Where the cited (and linked) claims came from, read with them (app.provenance); None: the claims
    # above are all there is (each its own origin), as for records built without a library.
    provenance: ProvenanceGraph | None = None
    analysis: AnalysisFacts | None = None  # the brief's ACH ranking and assumptions (None: not loaded)

    @property
    def body(self) -> str:
        return self.brief.body

    @cached_property
    def doc(self) -> BriefModel:
        return parse_brief(self.brief.body)

    @cached_property
    def text(self) -> str:
        """The analyst's own words (code, quotations and citations blanked), same offsets as the body."""
        return lang.language_text(self.doc.scrubbed)

    @cached_property
    def lower(self) -> str | None:
        """``text`` in lower case (same offsets), for fast scans of the whole body; None if not possible."""
        return lang.lowered(self.text)

    # --- findings ------------------------------------------------------------------------------------
    def finding(
        self,
        rule: str,
        severity: Severity,
        message: str,
        start: int,
        end: int,
        *,
        section: str = "",
        claim_ids: tuple[int, ...] = (),
        fixes: tuple[Fix, ...] = (),
        where: str = "body",
    ) -> Finding:
        line, col = self.doc.line_col(start)
        end_line, end_col = self.doc.line_col(max(start, end))
        return Finding(
            rule,
            severity,
            message,
            line,
            col,
            end_line,
            end_col,
            start,
            end,
            section,
            claim_ids,
            fixes,
            where,
        )

    # --- claims --------------------------------------------------------------------------------------
    def open_denials(self, claim_id: int) -> list[LinkedClaim]:
        """Denials on file whose denying claim has not been retracted."""
        memo: dict[int, list[LinkedClaim]] = self.__dict__.setdefault("_open_denials", {})
        found = memo.get(claim_id)
        if found is None:
            cwl = self.links.get(claim_id)
            found = (
                [] if cwl is None else [d for d in cwl.denials if d.claim.status is not ClaimStatus.RETRACTED]
            )
            memo[claim_id] = found
        return found

    def label(self, claim: ClaimRecord) -> str:
        who = claim.actor_name or claim.source_outlet or claim.source_title
        return f"c{claim.id} ({who})" if who else f"c{claim.id}"

    def same_statement(self, a: ClaimRecord, b: ClaimRecord) -> bool:
        """One original statement repeated: same actor (or both unattributed) and near-identical words,
        carried by two different sources."""
        if a.source_id == b.source_id:
            return False
        if a.actor_id != b.actor_id:
            return False
        threshold = (
            self.settings.near_identical if a.actor_id is not None else max(0.9, self.settings.near_identical)
        )
        best = 0.0
        for x, y in ((a.statement, b.statement), (a.quote, b.quote)):
            if x and y:
                best = max(best, _similarity(x, y))
        return best >= threshold

    # --- provenance: origins and independence ----------------------------------------------------------
    @cached_property
    def all_claims(self) -> dict[int, ClaimRecord]:
        """The cited claims and every claim linked to them."""
        records = dict(self.claims)
        for cwl in self.links.values():
            records.setdefault(cwl.claim.id, cwl.claim)
            for group in (cwl.denials, cwl.corroborations, cwl.qualifications, cwl.corroborates):
                for lc in group:
                    records.setdefault(lc.claim.id, lc.claim)
        return records

    @cached_property
    def graph(self) -> ProvenanceGraph:
        """The provenance of the cited claims and the claims linked to them."""
        if self.provenance is not None:
            return self.provenance
        return ProvenanceGraph(facts_from_records(self.all_claims.values()))

    def _claim(self, claim_id: int) -> ClaimRecord | None:
        return self.all_claims.get(claim_id)

    def independent(self, a: ClaimRecord, b: ClaimRecord) -> bool:
        """Whether two claims share no origin, speaker or source (app.provenance) and are not one statement
        repeated (same speaker, near-identical words)."""
        g = self.graph
        if a.id in g.facts.claims and b.id in g.facts.claims and not g.independent(a.id, b.id):
            return False
        return not self.same_statement(a, b)

    def repeats(self, a: ClaimRecord, b: ClaimRecord) -> bool:
        """Whether two claims are one statement passed on: they end at one origin, or are near-identical
        words by one speaker in two outlets."""
        g = self.graph
        if a.id in g.facts.claims and b.id in g.facts.claims and g.same_origin(a.id, b.id):
            return True
        return self.same_statement(a, b)

    def origin_groups(self, claim_ids: list[int]) -> list[list[int]]:
        """Cited claims grouped by independent origin: claims in one group share an origin claim, a speaker
        (actor), a source (for content nobody is named for), or are repeats of one statement across outlets;
        reports and derived sources are followed to their origins (app.provenance)."""
        ids = [i for i in dict.fromkeys(claim_ids) if i in self.claims]
        parent = {i: i for i in ids}

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        g = self.graph
        owner: dict[Token, int] = {}
        for i in ids:
            if i in g.facts.claims:
                tokens = g.tokens(i)
            else:
                c = self.claims[i]
                tokens = frozenset(
                    (("actor", c.actor_id) if c.actor_id is not None else ("source", c.source_id),)
                )
            for t in tokens:
                j = owner.get(t)
                if j is None:
                    owner[t] = i
                elif find(i) != find(j):
                    parent[find(i)] = find(j)
        # Claims by one actor already share an origin; only unattributed ones can still be repeats.
        loose = [i for i in ids if self.claims[i].actor_id is None]
        for n, i in enumerate(loose):
            for j in loose[n + 1 :]:
                if find(i) != find(j) and self.same_statement(self.claims[i], self.claims[j]):
                    parent[find(j)] = find(i)
        groups: dict[int, list[int]] = {}
        for i in ids:
            groups.setdefault(find(i), []).append(i)
        return list(groups.values())

    def origin_label(self, claim_ids: list[int]) -> str:
        """What a group of dependent claims comes down to: 'c1 (Jake Sullivan, White House Briefing Room)',
        's3 (Northwire)', or the shared speaker's name."""
        claims = [c for c in (self._claim(i) for i in claim_ids) if c is not None]
        if not claims:
            return ""
        g = self.graph
        first = claims[0]
        if all(c.id in g.facts.claims for c in claims):
            common = set(g.origins(first.id))
            for c in claims[1:]:
                common &= set(g.origins(c.id))
            if len(common) == 1:
                return g.short(next(iter(common)))
            if first.actor_name and all(c.actor_id == first.actor_id for c in claims):
                return first.actor_name
            if len(claims) > 1:
                node = g.shared(first.id, claims[1].id)
                if node is not None:
                    return g.short(node)
        return first.actor_name or first.source_outlet or first.source_title or f"c{first.id}"

    def chains(self, claim_ids: list[int]) -> str:
        """How each claim that came from elsewhere got here: 'c10 (Gulf Ledger), rewritten from c8
        (Meridian Wire), reported from c1 (Jake Sullivan)'; '' when none did."""
        g = self.graph
        out = [g.chain_text(i) for i in claim_ids if i in g.facts.claims and g.depth(i) > 0]
        return "; ".join(out)

    def support_phrase(self, claim_ids: list[int], origins: int | None = None) -> str:
        """'3 cited claims from 2 outlets trace to 1 origin'."""
        ids = [i for i in dict.fromkeys(claim_ids) if i in self.claims]
        outlets = {self.claims[i].source_outlet or f"s{self.claims[i].source_id}" for i in ids}
        n = len(self.origin_groups(ids)) if origins is None else origins
        verb = "traces" if len(ids) == 1 else "trace"
        return (
            f"{counted(len(ids), 'cited claim')} from {counted(len(outlets), 'outlet')} {verb} to "
            f"{counted(n, 'independent origin') if n != 1 else '1 origin'}"
        )

    def ceiling(self, claim_ids: list[int]) -> tuple[str, tuple[str, ...], int]:
        """The highest confidence the cited claims allow (T6), the reasons it is lower, and the number of
        independent original sources.

        High needs two or more independent original sources, every claim graded 1-3, none with an open
        denial, disputed or retracted. One of those failing caps it at moderate; low when nothing is cited,
        a claim is retracted, every claim is weak (source D-F or information 5-6), or a single original
        source is itself doubtful or contested.
        """
        claims = [self.claims[i] for i in dict.fromkeys(claim_ids) if i in self.claims]
        if not claims:
            return "low", ("cites no claim in the library",), 0
        groups = self.origin_groups([c.id for c in claims])
        reasons: list[str] = []
        low = False
        weak_grade = [c for c in claims if c.credibility >= 4]
        contested = [c for c in claims if self.open_denials(c.id) or c.status is ClaimStatus.DISPUTED]
        retracted = [c for c in claims if c.status is ClaimStatus.RETRACTED]
        if retracted:
            low = True
            reasons.append("rests on a retracted claim: " + ", ".join(f"c{c.id}" for c in retracted))
        if len(groups) == 1:
            who = self.origin_label(groups[0])
            reasons.append(f"all support is one original source: {self.support_phrase(groups[0], 1)}, {who}")
            if weak_grade or contested:
                low = True
        for c in weak_grade:
            reasons.append(f"c{c.id} is graded {c.grade} ({CREDIBILITY_MEANING[c.credibility].lower()})")
        for c in contested:
            denials = self.open_denials(c.id)
            if denials:
                reasons.append(
                    f"c{c.id} has an open denial (" + ", ".join(f"c{d.claim.id}" for d in denials) + ")"
                )
            else:
                reasons.append(f"c{c.id} is disputed")
        if all(c.source_reliability in "DEF" or c.credibility >= 5 for c in claims):
            low = True
            reasons.append(
                "every supporting claim is weakly graded (its source D-F, or the information 5, improbable, "
                "or 6, truth cannot be judged)"
            )
        if low:
            return "low", tuple(reasons), len(groups)
        return ("moderate" if reasons else "high"), tuple(reasons), len(groups)

    # --- key judgments -------------------------------------------------------------------------------
    @cached_property
    def judgments(self) -> list[Judgment]:
        out = []
        text = self.text
        for n, block in enumerate(self.doc.key_judgments, 1):
            ids = tuple(dict.fromkeys(c.ident for c in block.citations if c.kind == "claim"))
            terms = lang.likelihood_terms(text, block.text_start, block.end)
            conf = lang.confidence_levels(text, block.text_start, block.end)
            ceiling, reasons, origins = self.ceiling(list(ids))
            out.append(Judgment(n, block, ids, terms, conf, ceiling, reasons, origins))
        return out

    @cached_property
    def cited_claim_ids(self) -> list[int]:
        return list(dict.fromkeys(c.ident for c in self.doc.citations if c.kind == "claim"))

    def section_of(self, block: Block | None) -> str:
        return self.doc.section_title(block) if block is not None else ""


def _tokens(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD_RE.findall(text.lower()) if w not in _STOP)


def _similarity(a: str, b: str) -> float:
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)
