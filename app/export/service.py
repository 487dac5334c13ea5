"""Exporting a brief from the library to a file: .docx, pandoc Markdown or HTML.

``export_brief`` reads the brief and what it cites, runs the checks (errors refuse the export unless
``force``, which makes the document a draft), renders, and replaces the output file atomically (written
beside it, then renamed). It never writes to the library.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from app.brief_model import parse_brief
from app.brief_model.render import plan_notes
from app.brief_model.text import drop_forbidden, visible_bidi
from app.citations import cited_claim_ids, cited_source_ids
from app.domain import EXPORT_ANNEXES, EXPORT_ANNEXES_DEFAULT, EXPORT_FORMATS, ClaimRecord, SourceRecord
from app.errors import CancelledError, CheckFailedError, ExportError, NotFoundError
from app.export.images import ImageFolders

if TYPE_CHECKING:
    from app.brief_model import BriefModel
    from app.brief_model.render import NotePlan
    from app.checks.context import CheckContext
    from app.checks.report import CheckReport
    from app.domain import BriefRecord
    from app.library import Library

FORMATS = EXPORT_FORMATS
ANNEXES = EXPORT_ANNEXES


class ExportOptions(NamedTuple):  # a named tuple: its class is made ~5x faster than a dataclass's
    """How to export a brief: the format, template, notes, annexes, paper and marking."""

    format: str = "docx"
    template: Path | None = None
    notes: str = "endnotes"
    annexes: frozenset[str] = frozenset(EXPORT_ANNEXES_DEFAULT)
    allow_missing: bool = False
    force: bool = False
    paper: str = "A4"
    marking: str | None = None
    today: dt.date | None = None
    # folders images may be embedded from, besides the library's own (relative paths start there)
    image_folders: tuple[Path, ...] = ()
    # the checks' report on this very body, when the caller has just run them (the GUI's export dialog)
    report: CheckReport | None = None

    def validate(self) -> None:
        if self.format not in FORMATS:
            raise ExportError(f"Unknown export format '{self.format}': use one of {', '.join(FORMATS)}.")
        if self.notes not in ("endnotes", "footnotes"):
            raise ExportError(f"Notes must be 'endnotes' or 'footnotes', not '{self.notes}'.")
        unknown = set(self.annexes) - set(ANNEXES)
        if unknown:
            raise ExportError(f"Unknown annex {', '.join(sorted(unknown))}: use {', '.join(ANNEXES)}.")
        if self.paper.upper() not in ("A4", "LETTER"):
            raise ExportError(f"Paper size must be A4 or Letter, not '{self.paper}'.")


class ExportResult(NamedTuple):  # a named tuple, as ExportOptions
    """What an export wrote: the file, its format, notes, warnings, draft state, banner and size."""

    path: Path
    format: str
    notes: int
    warnings: tuple[str, ...] = ()
    draft: bool = False
    banner: str = ""
    check_errors: int = 0
    bytes_written: int = 0
    annexes: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "format": self.format,
            "notes": self.notes,
            "warnings": list(self.warnings),
            "draft": self.draft,
            "banner": self.banner,
            "check_errors": self.check_errors,
            "bytes": self.bytes_written,
            "annexes": list(self.annexes),
        }


def resolve_citations(lib: Library, body: str) -> dict[str, ClaimRecord | SourceRecord]:
    """Citation keys of ``body`` mapped to the library's records, in order of first citation (unknown keys
    are left out)."""
    cites = parse_brief(body).citations
    claims = lib.claims.get_many(cited_claim_ids(cites))
    sources = lib.sources.get_many(cited_source_ids(cites))
    resolver: dict[str, ClaimRecord | SourceRecord] = {}
    for c in cites:
        record = (claims if c.kind == "claim" else sources).get(c.ident)
        if record is not None:
            resolver.setdefault(c.key, record)
    return resolver


MAX_TEMPLATE_BYTES = 50_000_000  # Word's own templates are a few MB; one with large images a few tens


# The portions a .docx or HTML export writes, at most: each costs up to 0.1 ms and 2 KB, so a body made of
# hundreds of thousands of one-word headings would take a minute and a gigabyte (measured in a fresh process:
# 500,000 heading lines, 43 s of CPU to .docx, 1 GB for HTML).
MAX_EXPORT_PARTS = 100_000


def export_brief(
    lib: Library,
    brief_id: int,
    out: Path | str,
    options: ExportOptions | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> ExportResult:
    """Export brief ``brief_id`` to ``out``. Raises UnknownCitationError, CheckFailedError, ExportError,
    CancelledError, NotFoundError; on any error an existing ``out`` is left as it was."""
    from app.paths import check_input_file, check_path

    options = options or ExportOptions()
    options.validate()
    # Paths refused from their names and metadata before anything is read: an over-long name, /proc, a
    # template that is a folder, a pipe or far larger than any Word template (a 3 GB file was read whole).
    out = check_path(out, "file to export to")
    if options.template is not None:
        check_input_file(options.template, "template", max_bytes=MAX_TEMPLATE_BYTES)
    if out.is_dir():
        raise ExportError(f"{out} is a folder; give a file name such as {out / 'brief.docx'}.")
    if out.exists() and not out.is_file():
        raise ExportError(f"{out} is not a regular file (a pipe, device or socket); choose a file name.")
    if out.is_symlink():
        out = out.resolve()  # a link to a document: the document is replaced, the link kept
    if not out.parent.exists():
        raise ExportError(f"The folder {out.parent} does not exist.")
    _refuse_to_overwrite_a_library(out, getattr(lib, "path", None))
    if options.template is not None and _same_file(out, Path(options.template)):
        raise ExportError(f"{out} is the template itself; choose another file name for the export.")
    from app._gc import paused_gc
    from app.checks import load_context
    from app.checks.engine import check_errors
    from app.checks.model import CheckSettings

    brief = lib.briefs.get(brief_id)
    model = parse_brief(brief.body)
    parts = len(model.blocks) + len(model.code_blocks)
    if options.format in ("docx", "html") and parts > MAX_EXPORT_PARTS:
        raise ExportError(
            f"This brief has {parts:,} headings, paragraphs, list items and table cells; a {options.format} "
            f"export takes at most {MAX_EXPORT_PARTS:,} (a 500-page brief has about 5,000). Split it into "
            "several briefs, or export it as Markdown (md)."
        )
    settings = CheckSettings(today=options.today) if options.today else None
    # One reading of the library serves the checks, the notes and the annexes: the cited claims with their
    # links (denials included) and the cited sources.
    with paused_gc():
        ctx = load_context(lib, brief_id, settings=settings, brief=brief)
    # in order of first citation, as the notes are numbered
    resolver: dict[str, ClaimRecord | SourceRecord] = {}
    for c in model.citations:
        record = (ctx.claims if c.kind == "claim" else ctx.sources).get(c.ident)
        if record is not None:
            resolver.setdefault(c.key, record)
    # A record holding a value Briefdesk cannot read (app._rows: an unknown marking scheme, a malformed date)
    # would be exported with a stand-in, silently wrong (a banner dropped, a date missing): refused, even
    # forced, until it is repaired.
    damaged = [r.problem for r in (brief, *resolver.values()) if r.problem]
    if damaged:
        more = f" (and {len(damaged) - 3} more)" if len(damaged) > 3 else ""
        raise ExportError(
            f"The brief cannot be exported while {'; '.join(damaged[:3])}{more}. Fix the record, or run "
            "'briefdesk doctor --repair' (it fixes what is safe and says what is left)."
        )
    plan = plan_notes(model, resolver, allow_missing=options.allow_missing)  # raises on unknown keys
    missing = plan.missing
    if missing:
        errors = []  # the checks are for a brief whose citations all resolve; this one is a draft anyway
    elif (
        options.report is not None
        and options.report.brief_id == brief_id
        and options.report.body_hash == hash(brief.body)
        and settings is None
    ):
        errors = list(options.report.errors)  # the caller has just checked this very body: not run twice
    else:
        with paused_gc():  # only the rules that can give an error: an export keeps nothing else of the report
            errors = check_errors(ctx)
    reasons = []
    if errors and not options.force:
        raise CheckFailedError([f"[{f.rule}] line {f.line}: {f.message}" for f in errors])
    if errors:
        reasons.append(f"{len(errors)} check error(s) not resolved")
    if missing:
        reasons.append(f"{len(missing)} citation(s) missing from the library")
    draft_reason = ("not for release: " + "; ".join(reasons)) if reasons else ""
    library_folder = Path(lib.path).parent if getattr(lib, "path", None) else None
    images = ImageFolders.of(library_folder, options.image_folders)

    if cancel is not None and cancel():
        raise CancelledError("Export cancelled; nothing was written.")
    with paused_gc():  # a long brief makes a great many objects while rendering
        data, notes, warnings, banner, written = _render(
            lib, brief, options, ctx, resolver, model, plan, images, draft_reason, progress, cancel
        )
    if cancel is not None and cancel():
        raise CancelledError("Export cancelled; nothing was written.")
    write_atomically(out, data)
    return ExportResult(
        path=out,
        format=options.format,
        notes=notes,
        warnings=tuple(warnings),
        draft=bool(draft_reason),
        banner=banner,
        check_errors=len(errors),
        bytes_written=len(data),
        annexes=written,
    )


def _render(
    lib: Library,
    brief: BriefRecord,
    options: ExportOptions,
    ctx: CheckContext,
    resolver: dict[str, ClaimRecord | SourceRecord],
    model: BriefModel,
    plan: NotePlan,
    images: ImageFolders,
    draft_reason: str,
    progress: Callable[[int, int], None] | None,
    cancel: Callable[[], bool] | None,
) -> tuple[bytes, int, tuple[str, ...], str, tuple[str, ...]]:
    """The document's bytes, its number of notes, warnings, banner and the annexes the .docx holds."""
    written: tuple[str, ...] = ()  # the annexes the .docx holds
    if options.format in ("stix", "misp"):  # the analysts' platforms: app.interop
        from app.interop import render_brief

        platform = render_brief(
            lib, brief.id, options.format, context=ctx, marking=options.marking, draft_reason=draft_reason
        )
        data, notes, warnings, banner = platform.data, platform.records, platform.warnings, ""
    elif options.format == "docx":
        from app.export.docx import render_docx
        from app.export.docx.annexes import AnnexInputs, collect_annexes

        annexes = collect_annexes(AnnexInputs(lib, brief, resolver, ctx.links, ctx), options.annexes)
        written = tuple(
            part.annex.key for part in annexes
        )  # an annex with nothing for this brief is left out
        result = render_docx(
            brief,
            resolver,
            notes=options.notes,
            allow_missing=options.allow_missing,
            template=options.template,
            paper=options.paper,
            marking=options.marking,
            annexes=annexes,
            draft_reason=draft_reason,
            today=options.today,
            images=images,
            progress=progress,
            cancel=cancel,
            model=model,
            plan=plan,
        )
        data, notes, warnings, banner = result.data, len(result.notes), result.warnings, result.banner
    else:
        from app.export.html import render_html, render_pandoc_markdown

        if options.format == "md":
            rendered = render_pandoc_markdown(brief, resolver, model=model, plan=plan)
        else:
            rendered = render_html(brief, resolver, images=images.resolve, model=model, plan=plan)
        text = rendered.html
        if options.format == "html":
            text = (
                '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>'
                + _escape(visible_bidi(drop_forbidden(brief.title)))
                + "</title></head><body>\n"
                + (f"<p><strong>DRAFT — {_escape(draft_reason)}</strong></p>\n" if draft_reason else "")
                + text
                + "\n</body></html>\n"
            )
        data, notes, warnings, banner = (
            text.encode("utf-8"),
            len(rendered.notes),
            tuple(rendered.warnings),
            "",
        )
    return data, notes, warnings, banner, written


_SQLITE_MAGIC = b"SQLite format 3\x00"


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet)
        return a.resolve() == b.resolve()


def _refuse_to_overwrite_a_library(out: Path, library: Path | str | None) -> None:
    """An export replaces ``out``: never when that is the open library, its journal files, or any other
    SQLite database (another library, most likely), which it would destroy."""
    if library is not None:
        lib_path = Path(library)
        for own in (lib_path, Path(f"{lib_path}-wal"), Path(f"{lib_path}-shm"), Path(f"{lib_path}-journal")):
            if _same_file(out, own):
                raise ExportError(
                    f"{out} is the library itself (or one of its files); exporting over it would destroy the "
                    "library. Choose another file name."
                )
    if not out.is_file():
        return  # nothing there yet (a pipe or device is not opened: that could wait forever)
    try:
        with open(out, "rb") as fh:
            head = fh.read(len(_SQLITE_MAGIC))
    except OSError:
        return  # unreadable: writing it will say so
    if head == _SQLITE_MAGIC:
        raise ExportError(
            f"{out} is a database (a Briefdesk library, perhaps); an export will not replace it. "
            "Choose another file name."
        )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_atomically(out: Path, data: bytes) -> None:
    """Write ``data`` beside ``out`` and rename it over ``out``: readers see the old file or the new one."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    except OSError as exc:
        raise ExportError(f"Cannot write in {out.parent}: {exc.strerror or exc}.") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if out.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp, out.stat().st_mode & 0o777)
        else:
            with contextlib.suppress(OSError):
                os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise ExportError(f"Cannot write {out}: {exc.strerror or exc}.") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


__all__ = [
    "ANNEXES",
    "FORMATS",
    "ExportOptions",
    "ExportResult",
    "NotFoundError",
    "export_brief",
    "resolve_citations",
    "write_atomically",
]
