"""The rule registry and the runs: ``run_checks`` on a context, ``check_brief`` on a library."""

from __future__ import annotations

import dataclasses
import importlib
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, NamedTuple

from app._gc import paused_gc
from app.brief_model import parse_brief
from app.check_rules import CHECK_RULES
from app.checks import analysis, estimative, marking, sourcing
from app.checks.context import CheckContext
from app.checks.model import AnalysisFacts, CheckSettings, Finding, Severity
from app.domain import BriefRecord, ClaimRecord, ClaimWithLinks, SourceRecord, WaiverRecord
from app.provenance.graph import ProvenanceGraph

if TYPE_CHECKING:
    from app.checks.report import CheckReport
    from app.library import Library


class Rule(
    NamedTuple
):  # a named tuple: its class is made ~5x faster than a frozen dataclass's at import (a cold export)
    """A rule the engine runs: its id, usual severity, what it asks and the function that checks it."""

    id: str
    severity: Severity  # the usual severity of its findings (some rules grade a finding lower)
    title: str  # one line: what the rule asks
    run: Callable[[CheckContext], Iterable[Finding]]  # app.checks.<module>.<name>

    @property
    def name(self) -> str:
        return self.run.__name__


_MODULES = {"estimative": estimative, "sourcing": sourcing, "marking": marking, "analysis": analysis}


def _rule_function(module: str, name: str) -> Callable[[CheckContext], Iterable[Finding]]:
    """``app.checks.<module>.<name>``. The modules whose rules give warnings only and which the engine does not
    use itself (``summary``, ``characters``, ``uncited``) are imported when one of their rules first runs: an export runs only
    the rules that can give an error (``BLOCKING_RULE_IDS``) and never loads them."""
    loaded = _MODULES.get(module)
    if loaded is not None:
        found: Callable[[CheckContext], Iterable[Finding]] = getattr(loaded, name)
        return found

    def run(ctx: CheckContext) -> Iterable[Finding]:
        rule: Callable[[CheckContext], Iterable[Finding]] = getattr(
            importlib.import_module(f"app.checks.{module}"), name
        )
        return rule(ctx)

    run.__name__ = run.__qualname__ = name
    run.__module__ = f"app.checks.{module}"  # where the rule lives, for whoever asks (check --rules)
    return run


# The rules in the order they run, from the catalogue in app.check_rules (which --help reads).
RULES: tuple[Rule, ...] = tuple(
    Rule(info.id, Severity(info.severity), info.description, _rule_function(info.module, info.name))
    for info in CHECK_RULES
)
RULE_IDS = tuple(r.id for r in RULES)
# The rules whose findings can be errors, the findings that stop an export: those the catalogue calls errors, and
# ``circular``, usually a warning but an error when a key judgment rests only on one origin counted several
# times. The others (T1-T3, T9, uncited, stale, ach, assumptions, bidi) give warnings only, so an export, which
# keeps only the errors, runs these alone (on a 20-page brief the others are ~7 ms of a cold export, ``uncited``
# 5 of them: bench/RESULTS.md). tests/app/checks/test_engine.py checks that no other rule gives an error.
BLOCKING_RULE_IDS = frozenset(r.id for r in RULES if r.severity is Severity.ERROR) | {"circular"}


def _findings(ctx: CheckContext, wanted: Iterable[str]) -> list[Finding]:
    """The findings of the rules in ``wanted`` (but ``ctx.settings.disabled``), in the order of the body."""
    wanted = set(wanted)
    findings: list[Finding] = []
    for rule in RULES:
        if rule.id in wanted and rule.id not in ctx.settings.disabled:
            findings.extend(rule.run(ctx))
    findings.sort(key=lambda f: (f.start, f.severity.rank, f.rule))
    return findings


def check_errors(ctx: CheckContext, *, rules: Iterable[str] = BLOCKING_RULE_IDS) -> list[Finding]:
    """The errors ``run_checks(ctx, rules=rules).errors`` holds, without the rest of the report (key judgments,
    endnotes, banner): what an export keeps. By default only the rules that can give an error run."""
    return [f for f in _findings(ctx, rules) if f.severity is Severity.ERROR]


def run_checks(ctx: CheckContext, *, rules: Iterable[str] | None = None) -> CheckReport:
    """Run the rules (all but ``ctx.settings.disabled``, or only ``rules``) on a loaded context."""
    from app.checks.report import CheckReport, JudgmentReport  # not loaded by an export (check_errors)

    t0 = time.perf_counter()
    findings = _findings(ctx, RULE_IDS if rules is None else rules)
    judgments = tuple(
        JudgmentReport(
            index=j.index,
            line=ctx.doc.line_col(j.block.start)[0],
            column=ctx.doc.line_col(j.block.start)[1],
            start=j.block.start,
            end=j.block.end,
            text=ctx.body[j.block.text_start : j.block.end],
            likelihood_terms=tuple(t.term for t in j.terms),
            confidence=j.confidence[0][0] if j.confidence else None,
            claim_ids=j.claim_ids,
            ceiling=j.ceiling,
            reasons=j.reasons,
            original_sources=j.origins,
        )
        for j in ctx.judgments
    )
    banner = marking.computed_banner(ctx)
    return CheckReport(
        brief_id=ctx.brief.id,
        findings=tuple(findings),
        judgments=judgments,
        endnotes=tuple(sourcing.endnotes(ctx)),
        banner=banner.banner if banner is not None else "",
        body_length=len(ctx.body),
        body_hash=hash(ctx.body),
        elapsed_ms=(time.perf_counter() - t0) * 1000,
    )


def load_context(
    lib: Library,
    brief_id: int,
    *,
    body: str | None = None,
    settings: CheckSettings | None = None,
    brief: BriefRecord | None = None,
) -> CheckContext:
    """What the rules read for brief ``brief_id`` (``brief``: its record, when the caller has just read it):
    the parsed body, the cited claims with their links, the cited sources and the brief's waivers."""
    if brief is None or brief.id != brief_id:
        brief = lib.briefs.get(brief_id)
    if body is not None and body != brief.body:
        brief = dataclasses.replace(brief, body=body)
    doc = parse_brief(brief.body)
    claim_ids = [c.ident for c in doc.citations if c.kind == "claim"]
    source_ids = list({c.ident for c in doc.citations if c.kind == "source"})
    links = lib.claims.with_links_many(claim_ids)
    claims = {i: view.claim for i, view in links.items()}
    sources = lib.sources.get_many(source_ids) if source_ids else {}
    waivers = {w.claim_id: w for w in lib.briefs.waivers(brief_id)}
    ctx = CheckContext(
        brief,
        claims,
        links,
        sources,
        waivers,
        settings or CheckSettings(),
        provenance_of(lib, links),
        analysis.load_analysis(lib, brief_id),
    )
    ctx.doc = doc  # a cached_property: the model parsed once above is kept
    return ctx


def provenance_of(lib: Library, links: dict[int, ClaimWithLinks]) -> ProvenanceGraph:
    """Where the claims (and the claims linked to them) came from: app.provenance reads only what it has
    not been given (reports, derivations and the claims they lead to), in a few batched queries."""
    known: dict[int, ClaimRecord] = {}
    for view in links.values():
        known[view.claim.id] = view.claim
        for group in (view.denials, view.corroborations, view.qualifications, view.corroborates):
            for lc in group:
                known.setdefault(lc.claim.id, lc.claim)
    return lib.provenance.graph(list(known), known=known)


def check_brief(
    lib: Library, brief_id: int, *, body: str | None = None, settings: CheckSettings | None = None
) -> CheckReport:
    """Check a brief in ``lib``; ``body`` checks unsaved text instead of the stored body (offsets are then
    into ``body``). Safe to call from a worker thread."""
    t0 = time.perf_counter()
    with paused_gc():
        # the context is freed before the collector resumes: its first pass then walks only what survives
        # (the report, the cached model), not 2,000 claims with their links (~5 ms on a 500-page brief)
        report = run_checks(load_context(lib, brief_id, body=body, settings=settings))
    return dataclasses.replace(report, elapsed_ms=(time.perf_counter() - t0) * 1000)


class LiveChecker:
    """Checks a brief again and again as it is edited (the GUI's Checks panel), keeping what it loaded.

    ``check(body)`` parses the text and loads only claims and sources it has not loaded before; the brief's
    properties and waivers are read once. Call ``invalidate()`` when the library changes (a Change about a
    claim, link, source, waiver or the brief): everything is read again on the next check. One instance per
    open brief; not for use from two threads at once.
    """

    def __init__(self, lib: Library, brief_id: int, *, settings: CheckSettings | None = None) -> None:
        self._lib = lib
        self.brief_id = brief_id
        self.settings = settings or CheckSettings()
        self.invalidate()

    def invalidate(self) -> None:
        self._brief: BriefRecord | None = None
        self._waivers: dict[int, WaiverRecord] = {}
        self._claims: dict[int, ClaimRecord] = {}
        self._links: dict[int, ClaimWithLinks] = {}
        self._sources: dict[int, SourceRecord] = {}
        self._missing: set[tuple[str, int]] = set()
        self._graph: ProvenanceGraph | None = None
        self._analysis: AnalysisFacts | None = None

    @property
    def brief(self) -> BriefRecord | None:
        """The brief's record as the last check read it (its properties and version), or None."""
        return self._brief

    def check(self, body: str | None = None) -> CheckReport:
        with paused_gc():
            return self._check(body)

    def _check(self, body: str | None) -> CheckReport:
        t0 = time.perf_counter()
        lib = self._lib
        stored = self._brief
        if stored is None:
            stored = self._brief = lib.briefs.get(self.brief_id)
            self._waivers = {w.claim_id: w for w in lib.briefs.waivers(self.brief_id)}
            self._analysis = analysis.load_analysis(lib, self.brief_id)
        brief = stored if body is None else dataclasses.replace(stored, body=body)
        doc = parse_brief(brief.body)
        want_c = {c.ident for c in doc.citations if c.kind == "claim"}
        want_s = {c.ident for c in doc.citations if c.kind == "source"}
        new_c = [i for i in want_c if i not in self._claims and ("c", i) not in self._missing]
        new_s = [i for i in want_s if i not in self._sources and ("s", i) not in self._missing]
        if new_c:
            links = lib.claims.with_links_many(new_c)
            self._claims.update((i, view.claim) for i, view in links.items())
            self._links.update(links)
            self._missing.update(("c", i) for i in new_c if i not in links)
            self._graph = None  # read again with the new claims
        if self._graph is None:
            self._graph = provenance_of(lib, self._links)
        if new_s:
            found = lib.sources.get_many(new_s)
            self._sources.update(found)
            self._missing.update(("s", i) for i in new_s if i not in found)
        ctx = CheckContext(
            brief,
            {i: self._claims[i] for i in want_c if i in self._claims},
            {i: self._links[i] for i in want_c if i in self._links},
            {i: self._sources[i] for i in want_s if i in self._sources},
            self._waivers,
            self.settings,
            self._graph,
            self._analysis,
        )
        ctx.doc = doc
        report = run_checks(ctx)
        return dataclasses.replace(report, elapsed_ms=(time.perf_counter() - t0) * 1000)


def gate_export(lib: Library, brief_id: int, *, settings: CheckSettings | None = None) -> list[Finding]:
    """The errors that stop an export (empty: the brief may be exported as final)."""
    return check_brief(lib, brief_id, settings=settings).errors
