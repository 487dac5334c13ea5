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
``write`` (in your own module), and append ``Annex(key, collect, write)`` to ``ANNEXES`` below.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from app.domain import EXPORT_ANNEX_INFO, BriefRecord, ClaimRecord, ClaimWithLinks, SourceRecord
from app.export.docx import analysis
from app.export.docx.wordml import run, t_elements
from app.markings import Marking

if TYPE_CHECKING:
    from app.export.docx.body import BodyWriter
    from app.library import Library


# ------------------------------------------------------------------------------------------ the interface
@dataclass
class AnnexInputs:
    """What an annex's ``collect`` may read: the library, the brief, the records the brief cites (citation key
    -> record, in order of first citation) and the cited claims' links (claim id -> ClaimWithLinks)."""

    lib: Library
    brief: BriefRecord
    cited: Mapping[str, ClaimRecord | SourceRecord]
    links: Mapping[int, ClaimWithLinks]

    @cached_property
    def cited_claims(self) -> list[ClaimRecord]:
        return [r for r in self.cited.values() if isinstance(r, ClaimRecord)]

    @cached_property
    def sources(self) -> list[SourceRecord]:
        """Every source the brief cites, directly or through a cited claim, in order of first citation."""
        ids = list(
            dict.fromkeys(
                [c.source_id for c in self.cited_claims]
                + [r.id for r in self.cited.values() if isinstance(r, SourceRecord)]
            )
        )
        found = self.lib.sources.get_many(ids) if ids else {}
        return [found[i] for i in ids if i in found]

    @cached_property
    def contested(self) -> list[tuple[ClaimRecord, list[ClaimRecord]]]:
        """Each cited claim that a recorded denial contests, with every denial in the order recorded."""
        out = []
        for c in self.cited_claims:
            cwl = self.links.get(c.id)
            if cwl is not None and cwl.denials:
                out.append((c, [lc.claim for lc in sorted(cwl.denials, key=lambda lc: lc.link.id)]))
        return out


@dataclass(frozen=True)
class Annex:
    key: str
    collect: Callable[[AnnexInputs], Any]
    write: Callable[[AnnexWriter, Any], None]

    @property
    def label(self) -> str:
        return dict((a.key, a.label) for a in EXPORT_ANNEX_INFO)[self.key]


@dataclass(frozen=True)
class AnnexPart:
    """An annex with its collected content, ready to write."""

    annex: Annex
    data: Any


@dataclass(frozen=True)
class Run:
    """Text in a paragraph: bold, italic, or a link (``url``: http, https or mailto; others stay text)."""

    text: str
    bold: bool = False
    italic: bool = False
    url: str = ""


@dataclass(frozen=True)
class Para:
    """A paragraph of runs (strings are plain runs); ``space_before`` in twips (1/20 point)."""

    runs: Sequence[Run | str]
    space_before: int = 0


# A table cell: a string, a run, a paragraph, or several paragraphs.
Cell = str | Run | Para | Sequence[Para]


@dataclass
class AnnexWriter:
    """What an annex writes with. Text is escaped here; styles come from the template (Table Text, Normal...).

    ``default_mark`` is the brief's default portion mark (None when the brief is unmarked): pass it, or a
    stricter one, as ``mark`` to put a portion mark before a paragraph and count it towards the banner.
    """

    body: BodyWriter
    default_mark: Marking | None = None
    _letters: list[str] = field(default_factory=lambda: list("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))

    @property
    def text_width(self) -> int:
        """The width between the margins, in twips."""
        return self.body.text_width

    def runs(self, *runs: Run | str) -> str:
        out = []
        for r in runs:
            if isinstance(r, str):
                r = Run(r)
            xml = run(r.text, bold=r.bold, italic=r.italic)
            if r.url and r.url.lower().startswith(("http://", "https://", "mailto:")):
                xml = self.body.hyperlink(
                    r.url.strip(), f"<w:r>{self.body.link_style_rpr()}{t_elements(r.text)}</w:r>"
                )
            out.append(xml)
        return "".join(out)

    def paragraph(self, *runs: Run | str, style: str = "Normal", mark: Marking | None = None) -> None:
        """A paragraph in ``style`` (a style name; the template's, or Normal when it has none)."""
        prefix = ""
        if mark is not None:
            self.body.marks.append(mark)
            prefix = run(f"{mark.portion} ")
        self.body.para(prefix + self.runs(*runs), self.body.st.ppr(style, "Normal"))

    def heading(self, text: str, level: int = 2, *, mark: Marking | None = None) -> None:
        """A heading inside the annex (level 2 and below: the annex's own title is level 1)."""
        self.paragraph(text, style=f"Heading {max(2, min(level, 6))}", mark=mark)

    def annex_heading(self, label: str, mark: Marking | None) -> None:
        """'Annex X: label', level 1, on a new page (called by render_docx before each annex)."""
        letter = self._letters.pop(0) if self._letters else "Z"
        prefix = f"{mark.portion} " if mark is not None else ""
        if mark is not None:
            self.body.marks.append(mark)
        self.body.para(
            run(f"{prefix}Annex {letter}: {label}"),
            self.body.st.ppr("Heading 1") + "<w:pageBreakBefore/>",
        )

    def _cell(self, cell: Cell) -> str:
        style = self.body.st.ppr("Table Text", "Normal")
        if isinstance(cell, str | Run):
            return self.runs(cell)
        paras = [cell] if isinstance(cell, Para) else list(cell)
        return (
            "".join(
                f"<w:p><w:pPr>{style}"
                + (f'<w:spacing w:before="{p.space_before}"/>' if p.space_before else "")
                + f"</w:pPr>{self.runs(*p.runs)}</w:p>"
                for p in paras
            )
            or f"<w:p><w:pPr>{style}</w:pPr></w:p>"
        )

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[Cell]],
        *,
        widths: Sequence[float] | None = None,
        align: Sequence[str] | None = None,
    ) -> None:
        """A table with a bold header row that repeats on every page. ``widths``: fractions of the text
        width per column; ``align``: "left", "center" or "right" (or "") per column."""
        ncols = max([len(header), *(len(r) for r in rows)]) or 1
        aligns = list(align or []) + [""] * ncols
        tw = [int(self.text_width * f) for f in widths] if widths else None
        out_rows = [(True, [(run(h, bold=True), "", True) for h in header])] if header else []
        for r in rows:
            cells = [(self._cell(c), aligns[i], False) for i, c in enumerate(r)]
            cells += [("", "", False)] * (ncols - len(cells))
            out_rows.append((False, cells))
        self.body.table_xml(out_rows, ncols, tw)


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
        widths=(0.06, 0.25, 0.15, 0.13, 0.13, 0.09, 0.19),
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


def _collect_claims(inputs: AnnexInputs) -> list[tuple[ClaimRecord, list[ClaimRecord]]]:
    return inputs.contested


def _write_claims(w: AnnexWriter, contested: list[tuple[ClaimRecord, list[ClaimRecord]]]) -> None:
    if not contested:
        w.paragraph("No cited claim is denied.")
    for claim, denials in contested:
        right = [p for i, d in enumerate(denials) for p in _claim_cell(d, 20 if i == 0 else 160)]
        w.table(("Claim", "Denied by"), [(_claim_cell(claim), right)])


def draft_summary_statement(claims: list[ClaimRecord], sources: list[SourceRecord], contested: int) -> str:
    """A source summary statement drafted from what the brief cites (ICD 206 style, plain sentences)."""
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
    single = sum(1 for c in claims if not c.corroboration_count)  # nothing in the library corroborates it
    dates = sorted(s.published for s in sources if s.published)
    span = f" published between {dates[0].isoformat()} and {dates[-1].isoformat()}" if dates else ""
    reliable = sum(n for g, n in grades.items() if g in ("A", "B"))
    paras = [
        f"This brief draws on {len(sources)} source{'s' if len(sources) != 1 else ''}{span}: {kind_text}.",
        f"Source reliability: {grade_text}; {reliable} of {len(sources)} are usually reliable or better (A-B).",
        f"It cites {len(claims)} claim{'s' if len(claims) != 1 else ''} from {len(per_source)} of these sources; "
        f"{single} {'rests' if single == 1 else 'rest'} on a single source (nothing corroborates them), and {contested} "
        f"{'is' if contested == 1 else 'are'} contested by a recorded denial, shown in the claims-and-denials annex.",
    ]
    return "\n\n".join(paras)


def _collect_summary(inputs: AnnexInputs) -> str:
    return inputs.brief.summary_statement.strip() or draft_summary_statement(
        inputs.cited_claims, inputs.sources, len(inputs.contested)
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
