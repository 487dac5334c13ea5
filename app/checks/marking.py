"""T8: portion marks and the banner.

Decision (documented for the export and the GUI): with the classification scheme every portion (heading,
paragraph, list item, table cell) must open with a portion mark, as US marking rules require; an unmarked
portion is an error whose fix inserts the brief's default marking. With TLP a label per portion is optional
(TLP 2.0), so unmarked portions take the brief's default marking. The banner is the highest effective mark
(explicit, or the default for unmarked TLP portions); ``CheckReport.banner`` is that value, which the export
puts in every header and footer. A banner line written in the body must equal it. Marks of the other
scheme, or marks in a brief whose scheme is none, are errors (a brief uses exactly one scheme).
"""

from __future__ import annotations

from collections.abc import Iterator

from app.brief_model import banner_of
from app.checks.context import CheckContext
from app.checks.model import Finding, Fix, FixKind, Severity
from app.domain import MarkingScheme
from app.markings import Marking, highest, parse_mark

E = Severity.ERROR
PORTIONS = ("heading", "paragraph", "list_item", "table_cell")


def default_mark(ctx: CheckContext) -> Marking | None:
    scheme = ctx.brief.marking_scheme
    if scheme is MarkingScheme.NONE:
        return None
    raw = ctx.brief.default_marking or ("U" if scheme is MarkingScheme.CLASSIFICATION else "TLP:CLEAR")
    if scheme is MarkingScheme.TLP and not raw.upper().startswith("TLP:"):
        raw = "TLP:" + raw
    mark = parse_mark(raw)
    return mark if mark is not None and mark.scheme is scheme else None


def computed_banner(ctx: CheckContext) -> Marking | None:
    """The high-water mark of the effective portion marks (computed once per context)."""
    if "_banner" in ctx.__dict__:
        cached: Marking | None = ctx.__dict__["_banner"]
        return cached
    scheme = ctx.brief.marking_scheme
    result = None
    if scheme is not MarkingScheme.NONE:
        default = default_mark(ctx)
        marks: dict[Marking, None] = {}
        for b in ctx.doc.blocks:
            if b.mark is not None and b.mark.scheme is scheme:
                marks[b.mark] = None  # a mark written anywhere counts (a term's too), as in the export
            elif b.kind in PORTIONS and b.mark is None and default is not None:
                marks[default] = None
        if not marks and default is not None:
            marks[default] = None
        result = highest(list(marks))
    ctx.__dict__["_banner"] = result
    return result


def portion_marks_and_banner(ctx: CheckContext) -> Iterator[Finding]:
    scheme = ctx.brief.marking_scheme
    doc = ctx.doc
    if scheme is MarkingScheme.NONE:
        marked = [(b, b.mark) for b in doc.blocks if b.mark is not None]
        if marked:
            b, mark = marked[0]
            yield ctx.finding(
                "T8",
                E,
                f"{len(marked)} portion(s) carry marks such as {b.mark_text}, but the brief has no marking "
                "scheme; set the scheme or remove the marks.",
                b.start,
                b.text_start,
                section=doc.section_title(b),
                where="body",
                fixes=(
                    Fix(
                        f"Use the {mark.scheme.value} marking scheme",
                        FixKind.SET_FIELD,
                        text=mark.scheme.value,
                        field="marking_scheme",
                    ),
                ),
            )
        return
    default = default_mark(ctx)
    for b in doc.blocks:
        if b.kind not in PORTIONS:
            continue
        if b.mark is not None and b.mark.scheme is not scheme:
            yield ctx.finding(
                "T8",
                E,
                f"The mark {b.mark_text} is not a {scheme.value} marking; a brief uses one scheme.",
                b.start,
                b.text_start,
                section=doc.section_title(b),
            )
        elif b.mark is None and scheme is MarkingScheme.CLASSIFICATION:
            what = b.kind.replace("_", " ")
            fixes: tuple[Fix, ...] = ()
            if default is not None:
                fixes = (
                    Fix(
                        f"Mark it {default.portion}",
                        FixKind.INSERT_TEXT,
                        b.start,
                        b.start,
                        default.portion + " ",
                    ),
                )
            yield ctx.finding(
                "T8",
                E,
                f"This {what} carries no portion mark.",
                b.start,
                min(b.end, b.start + 40),
                section=doc.section_title(b),
                fixes=fixes,
            )
    banner = computed_banner(ctx)
    if banner is None:
        return
    for b in doc.blocks:
        if b.kind != "banner":
            continue
        written = banner_of(ctx.body[b.start : b.end])
        if written is None or written.banner != banner.banner:
            text = ctx.body[b.start : b.end]
            inner = text.strip().strip("*_ ").strip()
            s = b.start + text.find(inner)
            yield ctx.finding(
                "T8",
                E,
                f"The banner reads {inner}, but the highest portion mark makes it {banner.banner}.",
                s,
                s + len(inner),
                section=doc.section_title(b),
                fixes=(
                    Fix(
                        f"Make the banner {banner.banner}",
                        FixKind.REPLACE_TEXT,
                        s,
                        s + len(inner),
                        banner.banner,
                    ),
                ),
            )
