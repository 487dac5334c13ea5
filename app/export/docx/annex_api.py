"""The interface an annex of a .docx is written against (see :mod:`app.export.docx.annexes`, which lists the
annexes): what ``collect`` reads (:class:`AnnexInputs`), what ``write`` writes with (:class:`AnnexWriter`,
:class:`Run`, :class:`Para`), and the :class:`Annex` entry itself. Kept apart from the list of annexes so an
annex's own module can use it without importing the list that imports it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple

from app.domain import EXPORT_ANNEX_INFO, BriefRecord, ClaimRecord, ClaimWithLinks, SourceRecord
from app.export.docx.wordml import run, t_elements
from app.markings import Marking

if TYPE_CHECKING:
    from app.checks.context import CheckContext
    from app.export.docx.body import BodyWriter
    from app.library import Library


# ------------------------------------------------------------------------------------------ the interface
class AnnexInputs:
    """What an annex's ``collect`` may read: the library, the brief, the records the brief cites (citation key
    -> record, in order of first citation) and the cited claims' links (claim id -> ClaimWithLinks). A plain
    class: made ~10x faster than a dataclass at import (a cold export)."""

    def __init__(
        self,
        lib: Library,
        brief: BriefRecord,
        cited: Mapping[str, ClaimRecord | SourceRecord],
        links: Mapping[int, ClaimWithLinks],
        checks: CheckContext | None = None,  # what the checks read (origins included); else read here
    ) -> None:
        self.lib = lib
        self.brief = brief
        self.cited = cited
        self.links = links
        self.checks = checks

    @cached_property
    def context(self) -> CheckContext:
        """The checks' reading of the brief: where each cited claim came from, which support is independent."""
        if self.checks is not None:
            return self.checks
        from app.checks import load_context

        return load_context(self.lib, self.brief.id, body=self.brief.body, brief=self.brief)

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


class Annex(
    NamedTuple
):  # a named tuple: its class is made ~5x faster than a frozen dataclass's at import (a cold export)
    """An annex: its key, what it reads for a brief, and how it writes what it read."""

    key: str
    collect: Callable[[AnnexInputs], Any]
    write: Callable[[AnnexWriter, Any], None]

    @property
    def label(self) -> str:
        return dict((a.key, a.label) for a in EXPORT_ANNEX_INFO)[self.key]


class AnnexPart(NamedTuple):
    """An annex with its collected content, ready to write."""

    annex: Annex
    data: Any


class Run(NamedTuple):  # made ~5x faster than a frozen dataclass's class at import, and per run
    """Text in a paragraph: bold, italic, or a link (``url``: http, https or mailto; others stay text)."""

    text: str
    bold: bool = False
    italic: bool = False
    url: str = ""


class Para(NamedTuple):
    """A paragraph of runs (strings are plain runs); ``space_before`` in twips (1/20 point)."""

    runs: Sequence[Run | str]
    space_before: int = 0


# A table cell: a string, a run, a paragraph, or several paragraphs.
Cell = str | Run | Para | Sequence[Para]


class AnnexWriter:
    """What an annex writes with. Text is escaped here; styles come from the template (Table Text, Normal...).

    ``default_mark`` is the brief's default portion mark (None when the brief is unmarked): pass it, or a
    stricter one, as ``mark`` to put a portion mark before a paragraph and count it towards the banner.
    """

    __slots__ = ("body", "default_mark", "_letters")

    def __init__(self, body: BodyWriter, default_mark: Marking | None = None) -> None:
        self.body = body
        self.default_mark = default_mark
        self._letters = list("ABCDEFGHIJKLMNOPQRSTUVWXYZ")

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
