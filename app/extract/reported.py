"""Reported-from proposals for drafted claims: "according to X", "X told Y that", "citing X", "a report by X
said", "X reported that".

A claim drafted from such a sentence is not first hand: the source reports what X said or wrote first. For
each drafted claim whose sentence says so, :func:`attach` proposes a reported-from link (app.provenance): to
an existing claim of X's that says the same thing when the library has one, else to an original that did not
survive, named after X. Nothing is stored until the analyst accepts the proposal (``app.extract.apply``).

Rule-based English, like the drafting; the sentence is the one the claim's quote sits in. Not a report:
"X told reporters/journalists/a news conference" (X spoke to the press, whose report this is) and "X told
<this outlet>" (the outlet heard it first hand).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from app._text import norm_key
from app.extract.gate import speaker_shaped
from app.extract.model import Proposal, ReportProposal
from app.provenance.graph import similarity, words
from app.sentences import sentence_at, sentence_finder

if TYPE_CHECKING:
    from app.domain import SourceRecord

# who X may be: a name or a description, up to a clause boundary
_X = (
    r"(?P<x>(?:(?!\b(?:that|who|which|said|says|told|reported|as|and|but|on|in)\b)[^,.;:\u201c\u201d\"()])+?)"
)
_END = (
    r"(?=\s*(?:,|\.|;|:|\)|\bthat\b|\bon\b|\bin\b|\bsaid\b|\bsays\b|\bwho\b|\bfound\b|\bshowed\b|"
    r"\bconcluded\b|\bestimated\b|$))"
)

PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("according to", re.compile(r"\baccording to\s+" + _X + _END, re.I)),
    ("citing", re.compile(r"\bciting\s+" + _X + _END, re.I)),
    (
        "a report by",
        re.compile(
            r"\b(?:a|the|an)\s+(?:new\s+|recent\s+|separate\s+)?report\s+(?:by|from)\s+" + _X + _END, re.I
        ),
    ),
    ("reported by", re.compile(r"\b(?:as\s+)?(?:first\s+)?reported\s+by\s+" + _X + _END, re.I)),
    (
        "report",
        re.compile(
            r"\b(?:[Aa]|[Aa]n)\s+(?P<x>[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,3})\s+report\s+(?:said|says|found|showed)\b"
        ),
    ),
    (
        "reported",
        re.compile(
            r"(?:^|[,;]\s*|\b(?:as|and)\s+)(?P<x>(?:the\s+)?[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,4})\s+(?:news\s+agency\s+)?reported\b(?!\s+by)"
        ),
    ),
    (
        "told",
        re.compile(
            r"(?P<x>(?:the\s+|a\s+|an\s+)?[A-Za-z][\w.&' -]{1,80}?)\s+told\s+(?P<y>[^,.;:]{2,60}?)\s*(?:,|\bthat\b|\bon\b|\bin\b|[.;:]|$)"
        ),
    ),
)
# "X told reporters": a press statement, heard first hand by the press whose report this is
FIRST_HAND_AUDIENCE = re.compile(
    r"^(?:the\s+)?(?:reporters?|journalists?|(?:a\s+|the\s+)?(?:news|press)\s+(?:conference|briefing)|"
    r"parliament|lawmakers|the\s+assembly|a\s+rally|supporters|us|this\s+newspaper|the\s+audience|a\s+crowd)\b",
    re.I,
)
_LEAD = re.compile(r"^(?:also|later|earlier|separately|meanwhile|however|but|and)\s+", re.I)
MATCH_WITH_SPEAKER = 0.2  # word overlap for an existing claim by X to be the one this claim reports
MAX_CANDIDATES = 400


def _clean(name: str) -> str:
    name = " ".join(name.split()).strip(" ,;:-\u2014\u2013")
    name = _LEAD.sub("", name)
    # "A Western official told ...": the article is capitalised only because it opens the sentence
    return re.sub(r"^(A|An|The)(?=\s)", lambda m: m.group(1).lower(), name)


def find_report(
    text: str,
    start: int,
    end: int,
    *,
    outlet: str = "",
    locate: Callable[[int], tuple[int, int]] | None = None,
) -> ReportProposal | None:
    """The report cue in the sentence holding ``text[start:end]`` (a drafted claim's quote), or None.
    ``locate`` finds a position's sentence (``sentence_finder``, for many quotes of one text)."""
    s_start, s_end = (locate or (lambda pos: sentence_at(text, pos)))(start)
    s_start, s_end = min(s_start, start), max(s_end, end)
    sentence = text[s_start:s_end]
    outlet_key = norm_key(outlet)
    best: ReportProposal | None = None
    for cue, pattern in PATTERNS:
        for m in pattern.finditer(sentence):
            x_start, x_end = m.start("x"), m.end("x")
            # the cue must not sit inside the quoted words themselves
            if s_start + x_start >= start and s_start + x_end <= end and cue != "according to":
                continue
            name = _clean(m.group("x"))
            if not name or len(name.split()) > 12 or not re.search(r"[A-Za-z]", name):
                continue
            if not speaker_shaped(name):
                continue  # the speaker gate: "citing what the officials told staff" names no one
            if cue == "told":
                audience = _clean(m.group("y"))
                heard_by = norm_key(audience).removeprefix("the ")
                own_outlet = bool(outlet_key) and heard_by == outlet_key.removeprefix("the ")
                if FIRST_HAND_AUDIENCE.match(audience) or own_outlet:
                    continue
            own = norm_key(name).removeprefix("the ") == outlet_key.removeprefix("the ")
            if cue in ("reported", "report", "reported by", "a report by") and outlet_key and own:
                continue  # the outlet's own reporting
            lead = len(m.group("x")) - len(m.group("x").lstrip())
            found = ReportProposal(name, cue, s_start + x_start + lead, s_start + x_start + lead + len(name))
            if best is None or found.start < best.start:
                best = found
    return best


def _candidates(lib: Any, name: str, exclude_source: int) -> list[Any]:
    """Claims that could be X's original: by an actor so named, or in a source from an outlet so named."""
    from app.domain_lists import ClaimFilter

    key = norm_key(name)
    bare = re.sub(r"^(?:the|a|an)\s+", "", key)
    out: dict[int, Any] = {}
    page = lib.actors.list(text=bare, limit=20)
    for actor in page.items:
        akey = norm_key(actor.name)
        if akey in (key, bare) or bare in akey or (len(akey) > 3 and akey in bare):
            for c in lib.claims.list(ClaimFilter(actor_id=actor.id), limit=MAX_CANDIDATES).items:
                out.setdefault(c.id, c)
    if len(bare) > 2:
        for src in lib.provenance.sources_from([bare, f"the {bare}"], limit=50):
            for c in lib.claims.for_source(src.id)[:MAX_CANDIDATES]:
                out.setdefault(c.id, c)
    return [c for c in out.values() if c.source_id != exclude_source]


def best_match(lib: Any, name: str, quote: str, statement: str, source_id: int) -> Any | None:
    """The existing claim of X's that says what the drafted claim says (most words in common), or None."""
    mine = words(quote) | words(statement)
    best: tuple[float, int, Any] | None = None
    for c in _candidates(lib, name, source_id):
        sim = similarity(mine, words(c.quote) | words(c.statement))
        if sim < MATCH_WITH_SPEAKER:
            continue
        if best is None or (sim, -c.id) > (best[0], best[1]):
            best = (sim, -c.id, c)
    return None if best is None else best[2]


def attach(lib: Any, source: SourceRecord, proposals: Sequence[Proposal]) -> list[Proposal]:
    """Each drafted claim with a reported-from proposal when its sentence reports someone else's words."""
    out = []
    locate = sentence_finder(source.body)
    for p in proposals:
        found = find_report(source.body, p.start, p.end, outlet=source.outlet, locate=locate)
        if found is not None:
            match = best_match(lib, found.origin_name, p.quote, p.statement, source.id)
            if match is not None:
                who = match.actor_name or match.source_outlet or match.source_title
                found = dataclasses.replace(
                    found, claim_id=match.id, claim_label=f"c{match.id} {who} (s{match.source_id})"
                )
            p = dataclasses.replace(p, reports=found)
        out.append(p)
    return out


def apply_reports(lib: Any, created: Iterable[tuple[int, Proposal]]) -> list[Any]:
    """Record the accepted proposals' reported-from links (inside the caller's transaction)."""
    changes = []
    for claim_id, p in created:
        r = getattr(p, "reports", None)
        if r is None:
            continue
        changes.append(lib.provenance.set_reported_from(claim_id, r.claim_id, origin_name=r.origin_name))
    return changes
