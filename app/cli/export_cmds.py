"""``briefdesk export BRIEF_ID -o OUT`` : the brief as .docx (or pandoc Markdown, or HTML), or for the
analysts' platforms as a STIX 2.1 bundle or a MISP event (``--format stix|misp``, app.interop)."""

from __future__ import annotations

import sys
from pathlib import Path

from app._text import counted
from app.cli.common import Context, add_json, record_id
from app.domain import EXPORT_ANNEX_INFO, EXPORT_ANNEXES_DEFAULT, EXPORT_FORMATS, parse_date
from app.domain import EXPORT_ANNEXES as ANNEXES
from app.errors import ExportError


def register(sub) -> None:
    p = sub.add_parser(
        "export", help="export a brief to Word (.docx), pandoc Markdown or HTML, or STIX 2.1 / MISP JSON"
    )
    p.add_argument("brief_id", type=record_id, metavar="BRIEF_ID")
    p.add_argument(
        "-o", "--output", required=True, metavar="OUT", help="the file to write (replaced atomically)"
    )
    p.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        default=None,
        help="default: from OUT's extension (.json needs --format stix or misp)",
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


def _format_for(path: Path, given: str | None) -> str:
    if given:
        return given
    if path.suffix.lower() == ".json":
        raise ExportError(
            f"{path.name}: say which JSON to write, --format stix (a STIX 2.1 bundle) or --format misp "
            "(a MISP event)."
        )
    return {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}.get(path.suffix.lower(), "docx")


def cmd_export(args, ctx: Context) -> int:
    from app.export.service import MAX_TEMPLATE_BYTES, ExportOptions, export_brief  # loaded when exporting
    from app.paths import check_input_file, check_path

    out = check_path(args.output, "file to export to")
    template = None
    if args.template is not None:  # refused from its name and size before anything is read
        template = check_input_file(args.template, "template", max_bytes=MAX_TEMPLATE_BYTES)
    options = ExportOptions(
        format=_format_for(out, args.format),
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
    lib = ctx.open_library(create=False)
    tty = sys.stderr.isatty() and not ctx.json

    def progress(done: int, total: int) -> None:
        if tty:
            sys.stderr.write(f"\rexporting… {100 * done // max(total, 1)}%")

    result = export_brief(lib, args.brief_id, out, options, progress=progress)
    if tty:
        sys.stderr.write("\r" + " " * 20 + "\r")
    for w in result.warnings:
        if not ctx.json:
            sys.stderr.write(f"warning: {w}\n")
    draft = " (DRAFT)" if result.draft else ""
    ctx.output(
        result.to_json(),
        f"Exported brief {args.brief_id} to {result.path}{draft}: "
        + counted(result.notes, "claim" if result.format in ("stix", "misp") else "note")
        + (f", banner {result.banner}" if result.banner else "")
        + ".",
    )
    return 0
