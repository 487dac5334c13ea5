"""The annexes of a .docx, and the one place to add another.

An annex is an :class:`Annex` listed in :data:`ANNEXES`:

* ``key``: the name ``ExportOptions.annexes``, the command line's ``--no-annex`` and the export dialog use.
  Its key and label are declared in ``app.domain.EXPORT_ANNEX_INFO`` (cheap to import: the command line's
  help and the export dialog read it without loading the export code); a test keeps the two lists equal.
* ``collect(inputs) -> data | None``: reads what the annex shows, through the library's services, from
  :class:`AnnexInputs` (the brief, the records it cites, the cited claims' links as the checks loaded them).
  It must not write. ``None`` leaves the annex out of this brief (an analysis the brief does not have).
* ``write(writer, data)``: writes the annex's content through an :class:`AnnexWriter` (paragraphs, headings,
  tables; all text is escaped there). The heading "Annex X: label" is written before it, on a new page.

The export service calls ``collect`` for each annex the user kept, in ``ANNEXES`` order, before rendering;
:func:`app.export.docx.render_docx` stays pure and writes the collected :class:`AnnexPart` values, lettered
A, B, C in order. To add an annex: declare it in ``app.domain.EXPORT_ANNEX_INFO``, write its ``collect`` and
``write`` in your own module against :mod:`app.export.docx.annex_api` (the interface lives there, so your
module never imports this list back), and append ``Annex(key, collect, write)`` to ``ANNEXES`` below.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from app.domain import ClaimRecord, SourceRecord
from app.export.docx import analysis
from app.export.docx.annex_api import (  # the interface, importable from here as before
    Annex,
    AnnexInputs,
    AnnexPart,
    AnnexWriter,
    Cell,
    Para,
    Run,
)
from app.markings import Marking

if TYPE_CHECKING:
    from app.export.docx.body import BodyWriter

__all__ = [
    "ANNEXES",
    "Annex",
    "AnnexInputs",
    "AnnexPart",
    "AnnexWriter",
    "Cell",
    "Para",
    "Run",
    "collect_annexes",
    "draft_summary_statement",
    "write_annexes",
]


# ------------------------------------------------------------------------------------------ built-in annexes
def _collect_sources(inputs: AnnexInputs) -> list[SourceRecord]:
    return inputs.sources


def _write_sources(w: AnnexWriter, sources: list[SourceRecord]) -> None:
    if not sources:
        w.paragraph("No source is cited.")
        return
    w.table(
        ("Ref", "Title", "Outlet", "Date", "Kind", "Grade", "URL"),
        [
            (
                f"s{s.id}",
                s.title,
                s.outlet,
                s.published.isoformat() if s.published else "",
                str(s.kind.value if hasattr(s.kind, "value") else s.kind),
                s.reliability,
                Run(s.url, url=s.url) if s.url else "",
            )
            for s in sources
        ],
        # the date column fits "2022-07-14" on one line (at 0.13 it broke at the second hyphen)
        widths=(0.06, 0.24, 0.14, 0.16, 0.12, 0.09, 0.19),
        align=("", "", "", "", "", "center", ""),
    )


def _claim_cell(c: ClaimRecord, spacing: int = 20) -> list[Para]:
    who = c.actor_name + (f", {c.actor_role}" if c.actor_role else "")
    when = c.said.isoformat() if c.said else "date not stated"
    return [
        Para(
            [Run(f"c{c.id} ", bold=True), f"{who} · {when} · [{c.source_reliability}{c.credibility}]"],
            spacing,
        ),
        Para([c.statement or c.quote]),
        Para([Run(f"\u201c{c.quote}\u201d", italic=True)]),
        Para([" — ".join(p for p in (c.source_outlet, c.source_title) if p)]),
    ]


class ClaimsAnnex(NamedTuple):  # a named tuple: its class is made ~3x faster than a dataclass's (cold export)
    """The claims-and-denials annex: each cited claim a denial contests, with its denials; and each cited claim
    something corroborates, with its corroborations, those that are not independent of it marked (they share
    its origin, speaker or source: ``note`` says which and how, '' for an independent one)."""

    contested: list[tuple[ClaimRecord, list[ClaimRecord]]]
    corroborated: list[tuple[ClaimRecord, list[tuple[ClaimRecord, str]]]]


def _collect_claims(inputs: AnnexInputs) -> ClaimsAnnex:
    corroborated = []
    ctx = None
    for c in inputs.cited_claims:
        cwl = inputs.links.get(c.id)
        if cwl is None or not cwl.corroborations:
            continue
        ctx = ctx or inputs.context
        marked = []
        for lc in sorted(cwl.corroborations, key=lambda lc: lc.link.id):
            note = ""
            if not ctx.independent(c, lc.claim):
                group = [c.id, lc.claim.id]
                chains = ctx.chains(group)
                note = f"both come down to {ctx.origin_label(group)}" + (f" ({chains})" if chains else "")
            marked.append((lc.claim, note))
        corroborated.append((c, marked))
    return ClaimsAnnex(inputs.contested, corroborated)


def _write_claims(w: AnnexWriter, data: ClaimsAnnex) -> None:
    if not data.contested:
        w.paragraph("No cited claim is denied.")
    for claim, denials in data.contested:
        right = [p for i, d in enumerate(denials) for p in _claim_cell(d, 20 if i == 0 else 160)]
        w.table(("Claim", "Denied by"), [(_claim_cell(claim), right)])
    if not data.corroborated:
        return
    w.heading("Corroboration", 2)
    w.paragraph(
        "Corroboration counts only when it is independent: a claim that shares the corroborated claim's "
        "origin, speaker or source (a rewrite of one wire story, a report of the same statement) is marked "
        "not independent."
    )
    for claim, marked in data.corroborated:
        cell: list[Para] = []
        for i, (other, note) in enumerate(marked):
            cell += _claim_cell(other, 20 if i == 0 else 160)
            if note:
                cell.append(Para([Run("Not independent: ", bold=True), Run(note, italic=True)]))
            else:
                cell.append(Para([Run("Independent origin", italic=True)]))
        w.table(("Claim", "Corroborated by"), [(_claim_cell(claim), cell)])


def draft_summary_statement(
    claims: list[ClaimRecord],
    sources: list[SourceRecord],
    contested: int,
    *,
    origins: str = "",
    single: int | None = None,
) -> str:
    """A source summary statement drafted from what the brief cites (ICD 206 style, plain sentences).

    ``origins``: how the cited claims trace to independent origins ('7 cited claims from 4 outlets trace to 3
    independent origins', from the checks); ``single``: how many cited claims nothing independent
    corroborates (None: counted as those nothing corroborates at all)."""
    if not sources:
        return "This brief cites no source."
    kinds = Counter(
        str(s.kind.value if hasattr(s.kind, "value") else s.kind).replace("_", " ") for s in sources
    )
    grades = Counter(s.reliability for s in sources)
    kind_text = ", ".join(
        f"{n} {k}{'s' if n > 1 and not k.endswith('s') else ''}" for k, n in kinds.most_common()
    )
    grade_text = ", ".join(f"{n} graded {g}" for g, n in sorted(grades.items()))
    per_source: Counter[int] = Counter(c.source_id for c in claims)
    independent = single is not None
    if single is None:
        single = sum(1 for c in claims if not c.corroboration_count)  # nothing in the library corroborates it
    dates = sorted(s.published for s in sources if s.published)
    if not dates:
        span = ""
    elif dates[0] == dates[-1]:
        span = f" published on {dates[0].isoformat()}"
    else:
        span = f" published between {dates[0].isoformat()} and {dates[-1].isoformat()}"
    reliable = sum(n for g, n in grades.items() if g in ("A", "B"))
    paras = [
        f"This brief draws on {len(sources)} source{'s' if len(sources) != 1 else ''}{span}: {kind_text}.",
        f"Source reliability: {grade_text}; {reliable} of {len(sources)} are usually reliable or better (A-B).",
        f"It cites {len(claims)} claim{'s' if len(claims) != 1 else ''} from {len(per_source)} of these sources; "
        f"{single} {'rests' if single == 1 else 'rest'} on a single source (nothing "
        f"{'independent ' if independent else ''}corroborates them), and {contested} "
        f"{'is' if contested == 1 else 'are'} contested by a recorded denial, shown in the claims-and-denials annex.",
    ]
    if origins:  # counted by origin, not by citation: rewrites and reports of one statement are one origin
        paras.append(f"Counted by where they came from, the {origins}.")
    return "\n\n".join(paras)


def has_summary_section(body: str) -> bool:
    """Whether the brief states its source summary in its own text (a "Source summary" section)."""
    from app.brief_model import parse_brief
    from app.brief_model.model import SUMMARY_TITLE_RE

    return bool(parse_brief(body).find_sections(SUMMARY_TITLE_RE))


def _collect_summary(inputs: AnnexInputs) -> str | None:
    if has_summary_section(inputs.brief.body):
        return None  # one or the other: the brief's own section, not an annex repeating it
    written = inputs.brief.summary_statement.strip()
    if written:
        return written
    claims = inputs.cited_claims
    ctx = inputs.context
    single = 0
    for c in claims:
        cwl = inputs.links.get(c.id)
        if cwl is None or not any(ctx.independent(c, lc.claim) for lc in cwl.corroborations):
            single += 1
    origins = ctx.support_phrase([c.id for c in claims]) if claims else ""
    return draft_summary_statement(
        claims, inputs.sources, len(inputs.contested), origins=origins, single=single
    )


def _write_summary(w: AnnexWriter, summary: str) -> None:
    for para in [p for p in summary.split("\n\n") if p.strip()] or ["No source is cited."]:
        w.paragraph(para.strip())


# The annexes, in the order they are lettered. Append yours here (see the module's docstring).
ANNEXES: tuple[Annex, ...] = (
    Annex("sources", _collect_sources, _write_sources),
    Annex("claims", _collect_claims, _write_claims),
    Annex("summary", _collect_summary, _write_summary),
    Annex("ach", analysis.collect_ach, analysis.write_ach),
    Annex("assumptions", analysis.collect_assumptions, analysis.write_assumptions),
    Annex("timeline", analysis.collect_timeline, analysis.write_timeline),
)


def collect_annexes(inputs: AnnexInputs, keys: frozenset[str] | set[str]) -> list[AnnexPart]:
    """The annexes named in ``keys`` with their content, in ``ANNEXES`` order; those with nothing to show
    for this brief (``collect`` returned None) are left out."""
    parts = []
    for annex in ANNEXES:
        if annex.key in keys:
            data = annex.collect(inputs)
            if data is not None:
                parts.append(AnnexPart(annex, data))
    return parts


def write_annexes(body: BodyWriter, parts: Sequence[AnnexPart], mark: Marking | None) -> None:
    """Each annex's heading (lettered A, B, C...) and content, appended to ``body.out``."""
    writer = AnnexWriter(body, mark)
    for part in parts:
        writer.annex_heading(part.annex.label, mark)
        part.annex.write(writer, part.data)
