"""``briefdesk export BRIEF_ID -o OUT`` : the brief as .docx (or pandoc Markdown, or HTML), or for the
analysts' platforms as a STIX 2.1 bundle or a MISP event (``--format stix|misp``, app.interop).

Many briefs in one run: ``briefdesk export ID [ID ...] -o DIR/``, ``--all`` or ``--status final`` write one file
per brief into the folder DIR (named ``b12-its-title.docx``), in one process: the libraries are loaded and the
library opened once, so twenty briefs cost little more than one. A brief that cannot be exported (check errors,
a missing citation) is named on stderr and the others are still written; the exit code is then 1."""

from __future__ import annotations

import argparse
import os
import re
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from app._text import counted
from app.cli.common import Context, add_json, record_id
from app.domain import EXPORT_ANNEX_INFO, EXPORT_ANNEXES_DEFAULT, EXPORT_FORMATS, parse_date
from app.domain import EXPORT_ANNEXES as ANNEXES
from app.errors import BriefdeskError, ExportError

if TYPE_CHECKING:
    from app.export.service import ExportOptions, ExportResult
    from app.library import Library

EXTENSIONS = {"docx": ".docx", "md": ".md", "html": ".html", "stix": ".json", "misp": ".json"}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "export", help="export a brief to Word (.docx), pandoc Markdown or HTML, or STIX 2.1 / MISP JSON"
    )
    p.add_argument(
        "brief_ids", type=record_id, nargs="*", metavar="BRIEF_ID", help="one brief, or several (-o a folder)"
    )
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="the file to write (replaced atomically); for several briefs, --all or --status, a folder "
        "(made if missing) that gets one file per brief, named from its id and title",
    )
    p.add_argument("--all", action="store_true", help="export every brief of the library")
    p.add_argument(
        "--status",
        choices=("draft", "final"),
        help="export the briefs with this status (of those named, or of every brief)",
    )
    p.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        default=None,
        help="default: from OUT's extension (.json needs --format stix or misp); docx into a folder",
    )
    p.add_argument(
        "--template", metavar="REF.docx", help="a .docx or .dotx whose styles, margins and headers to use"
    )
    p.add_argument("--notes", choices=("endnotes", "footnotes"), default="endnotes")
    p.add_argument(
        "--no-annex",
        action="append",
        choices=ANNEXES,
        default=[],
        metavar="ANNEX",
        help="leave out an annex (repeatable): "
        + ", ".join(
            a.key if a.label.lower() == a.key else f"{a.key} ({a.label.lower()})"
            for a in EXPORT_ANNEX_INFO
            if a.default
        ),
    )
    p.add_argument(
        "--annex",
        action="append",
        choices=ANNEXES,
        default=[],
        metavar="ANNEX",
        help="add an optional annex (repeatable): "
        + ", ".join(f"{a.key} ({a.label.lower()})" for a in EXPORT_ANNEX_INFO if not a.default),
    )
    p.add_argument(
        "--allow-missing", action="store_true", help="render unknown citations as [missing c99] (a draft)"
    )
    p.add_argument(
        "--image-folder",
        action="append",
        default=[],
        metavar="DIR",
        help="a folder images may be embedded from, besides the library's own (repeatable); an image "
        "anywhere else is shown as a placeholder",
    )
    p.add_argument(
        "--force", action="store_true", help="export despite check errors; the document is marked DRAFT"
    )
    p.add_argument("--paper", choices=("A4", "Letter"), default="A4", help="paper size of the house template")
    p.add_argument(
        "--marking", metavar="LEVEL", help="the default marking for unmarked portions (overrides the brief's)"
    )
    p.add_argument("--today", metavar="YYYY-MM-DD", help="the date in the title block and for the checks")
    add_json(p)
    p.set_defaults(func=cmd_export)


def _library_like(path: Path) -> bool:
    if path.suffix.lower().startswith(".briefdesk"):
        return True
    try:
        with path.open("rb") as f:
            return f.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def _format_for(path: Path, given: str | None) -> str:
    if given:
        return given
    if path.suffix.lower() == ".json":
        raise ExportError(
            f"{path.name}: say which JSON to write, --format stix (a STIX 2.1 bundle) or --format misp "
            "(a MISP event)."
        )
    suffix = path.suffix.lower()
    known = {"": "docx", ".docx": "docx", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
    if suffix not in known and not _library_like(path):  # a library: the export's own check says why not
        hint = " (export to .docx, then print it to PDF from Word or LibreOffice)" if suffix == ".pdf" else ""
        raise ExportError(
            f"{path.name}: Briefdesk cannot write '{suffix}' files{hint}. Name the file .docx, .md or .html, "
            "or say the format with --format."
        )
    return known.get(suffix, "docx")


def file_name(brief_id: int, title: str, fmt: str) -> str:
    """``b12-border-crossings-in-may.docx``: the id keeps names unique, the title (letters and digits of any
    script, at most 60 characters) makes them readable."""
    text = unicodedata.normalize("NFKC", title).lower()
    slug = re.sub(r"[\W_]+", "-", text).strip("-")[:60].strip("-")
    return f"b{brief_id}" + (f"-{slug}" if slug else "") + EXTENSIONS[fmt]


def _options(args: argparse.Namespace, fmt: str) -> ExportOptions:
    from app.export.service import MAX_TEMPLATE_BYTES, ExportOptions  # loaded when exporting
    from app.paths import check_input_file

    template = None
    if args.template is not None:  # refused from its name and size before anything is read
        template = check_input_file(args.template, "template", max_bytes=MAX_TEMPLATE_BYTES)
    return ExportOptions(
        format=fmt,
        template=template,
        notes=args.notes,
        annexes=frozenset(
            a for a in ANNEXES if (a in EXPORT_ANNEXES_DEFAULT or a in args.annex) and a not in args.no_annex
        ),
        allow_missing=args.allow_missing,
        force=args.force,
        paper=args.paper,
        marking=args.marking,
        today=parse_date(args.today, what="date") if args.today else None,
        image_folders=tuple(Path(f).expanduser() for f in args.image_folder),
    )


def _is_batch(args: argparse.Namespace, out: Path) -> bool:
    """Several briefs (or a selection) into a folder, rather than one brief into one file."""
    if args.all or args.status or len(set(args.brief_ids)) > 1:
        return True
    return out.is_dir() or args.output.endswith(("/", os.sep))


def cmd_export(args: argparse.Namespace, ctx: Context) -> int:
    from app.paths import check_path

    out = check_path(args.output, "file to export to")
    if args.all and args.brief_ids:
        raise ExportError("Name briefs or give --all, not both.")
    if not (args.brief_ids or args.all or args.status):
        raise ExportError("Say which brief to export: its id (b12), several ids, --all or --status final.")
    if _is_batch(args, out):
        return _export_many(args, ctx, out)
    return _export_one(args, ctx, args.brief_ids[0], out)


def _export_one(args: argparse.Namespace, ctx: Context, brief_id: int, out: Path) -> int:
    from app.export.service import export_brief  # loaded when exporting

    options = _options(args, _format_for(out, args.format))
    # one brief: no collection until the command ends; export only reads, so the file is not checked whole
    # first (a damaged page it reads still stops it, in plain words: Library.open)
    lib = ctx.open_library(create=False, collect=False, integrity_check=False)
    tty = sys.stderr.isatty() and not ctx.json

    def progress(done: int, total: int) -> None:
        if tty:
            sys.stderr.write(f"\rexporting… {100 * done // max(total, 1)}%")

    result = export_brief(lib, brief_id, out, options, progress=progress)
    if tty:
        sys.stderr.write("\r" + " " * 20 + "\r")
    for w in result.warnings:
        if not ctx.json:
            sys.stderr.write(f"warning: {w}\n")
    ctx.output(result.to_json(), _said(brief_id, result))
    return 0


def _said(brief_id: int, result: ExportResult) -> str:
    draft = " (DRAFT)" if result.draft else ""
    return (
        f"Exported brief {brief_id} to {result.path}{draft}: "
        + counted(result.notes, "claim" if result.format in ("stix", "misp") else "note")
        + (f", banner {result.banner}" if result.banner else "")
        + "."
    )


def _selected(lib: Library, args: argparse.Namespace) -> list[tuple[int, str]]:
    """(id, title) of the briefs to export, in the order named (or by id for --all / --status)."""
    if args.brief_ids:
        wanted = list(dict.fromkeys(args.brief_ids))
        briefs = [lib.briefs.get(i) for i in wanted]  # an unknown id stops the run before anything is written
        return [(b.id, b.title) for b in briefs if args.status is None or b.status.value == args.status]
    found: list[tuple[int, str]] = []
    offset = 0
    while True:
        page = lib.briefs.list(offset=offset, limit=500)
        found += [(b.id, b.title) for b in page.items if args.status is None or b.status.value == args.status]
        offset += len(page.items)
        if not page.items or offset >= page.total:
            break
    return sorted(found)


def _export_many(args: argparse.Namespace, ctx: Context, folder: Path) -> int:
    from app.export.service import export_brief  # loaded when exporting

    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder} is a file; several briefs are exported into a folder (give DIR/).")
    if not folder.parent.is_dir():
        raise ExportError(f"The folder {folder.parent} does not exist.")
    fmt = args.format or "docx"
    options = _options(args, fmt)
    lib = ctx.open_library(create=False, integrity_check=False)  # only reads (see _export_one)
    briefs = _selected(lib, args)
    if not briefs:
        which = f"is {args.status}" if args.status else "is stored"
        named = "of those named " if args.brief_ids else ""
        raise ExportError(f"No brief {named}{which}; nothing was exported.")
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise ExportError(f"The folder {folder} cannot be made: {exc.strerror or exc}.") from exc
    tty = sys.stderr.isatty() and not ctx.json
    cr = "\r" if tty else ""  # a message starts at the line's beginning, over the progress
    done, failed = [], []
    for n, (brief_id, title) in enumerate(briefs, 1):
        if tty:
            sys.stderr.write(f"\rexporting brief {n} of {len(briefs)}…")
        try:
            result = export_brief(lib, brief_id, folder / file_name(brief_id, title, fmt), options)
        except BriefdeskError as exc:
            failed.append({"brief": brief_id, "title": title, "error": str(exc)})
            if not ctx.json:
                sys.stderr.write(f"{cr}brief {brief_id} not exported: {exc}\n")
            continue
        done.append((brief_id, result))
        if not ctx.json:
            for w in result.warnings:
                sys.stderr.write(f"{cr}warning: brief {brief_id}: {w}\n")
    if tty:
        sys.stderr.write("\r" + " " * 40 + "\r")

    def text() -> str:
        lines = [_said(brief_id, r) for brief_id, r in done]
        summary = f"Exported {len(done)} of {counted(len(briefs), 'brief')} to {folder}"
        lines.append(summary + (f"; {len(failed)} not exported (see above)." if failed else "."))
        return "\n".join(lines)

    payload = {
        "folder": str(folder),
        "exported": [{"brief": brief_id, **r.to_json()} for brief_id, r in done],
        "failed": failed,
    }
    ctx.output(payload, text)
    return 1 if failed else 0
