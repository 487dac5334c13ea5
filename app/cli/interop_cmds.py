"""``briefdesk library export -o FILE --format claimreview|csl|stix [--claims IDS | --contested | --brief ID]``.

Claims and sources of the library for other tools, without a brief: schema.org ClaimReview (JSON-LD) of
claims, CSL-JSON of sources (every source, or those of the selected claims), a STIX 2.1 bundle of claims
with their sources, actors and links. (A brief as STIX or MISP: ``briefdesk export BRIEF_ID --format``.)
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app._text import counted
from app.cli.common import Context, add_json, command_group, record_id

FORMATS = ("claimreview", "csl", "stix")
WHAT = {"claimreview": "claim review", "csl": "source", "stix": "claim"}


def _ids(value: str) -> list[int]:
    """``c3,c7,12`` -> [3, 7, 12]."""
    out = [record_id(part) for part in value.replace(" ", ",").split(",") if part.strip()]
    if not out:
        raise argparse.ArgumentTypeError("give claim ids such as c3,c7")
    return out


def register(sub: Any) -> None:
    lib, lsub = command_group(
        sub, "library", "the library as a whole: export for other tools, copy to or from a team library"
    )
    p = lsub.add_parser(
        "export",
        help="claims as ClaimReview JSON-LD or STIX 2.1, sources as CSL-JSON",
        description="Export claims as schema.org ClaimReview (JSON-LD) or a STIX 2.1 bundle, or sources as "
        "CSL-JSON. Without a selection: every claim (or every source).",
    )
    p.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="the file to write (replaced atomically)"
    )
    p.add_argument("--format", required=True, choices=FORMATS)
    which = p.add_mutually_exclusive_group()
    which.add_argument("--claims", type=_ids, metavar="IDS", help="these claims (c3,c7,12)")
    which.add_argument("--contested", action="store_true", help="the claims that have a denial on file")
    which.add_argument("--brief", type=record_id, metavar="BRIEF_ID", help="the claims a brief cites")
    p.add_argument(
        "--organisation", default="", metavar="NAME", help="who publishes the reviews or the bundle"
    )
    add_json(p)
    p.set_defaults(func=cmd_library_export)
    lib.set_defaults(func=lambda args, ctx: _usage(lib))


def _usage(parser: argparse.ArgumentParser) -> int:
    import sys

    parser.print_help(sys.stderr)
    return 2


def cmd_library_export(args: argparse.Namespace, ctx: Context) -> int:
    from app.errors import ExportError
    from app.export.service import _refuse_to_overwrite_a_library, write_atomically
    from app.interop import render_library

    out = Path(args.output).expanduser()
    if out.is_dir():
        raise ExportError(f"{out} is a folder; give a file name such as {out / 'claims.json'}.")
    if out.exists() and not out.is_file():
        raise ExportError(f"{out} is not a regular file (a pipe, device or socket); choose a file name.")
    if not out.parent.exists():
        raise ExportError(f"The folder {out.parent} does not exist.")
    lib = ctx.open_library(create=False)
    _refuse_to_overwrite_a_library(out, lib.path)
    organisation = args.organisation
    if not organisation and args.brief is not None:
        organisation = lib.briefs.get(args.brief).organisation
    rendered = render_library(
        lib,
        args.format,
        claim_ids=args.claims,
        contested=args.contested,
        brief_id=args.brief,
        organisation=organisation,
    )
    write_atomically(out, rendered.data)
    ctx.output(
        {"path": str(out), "format": args.format, "records": rendered.records, "bytes": len(rendered.data)},
        f"Exported {counted(rendered.records, WHAT[args.format])} to {out} ({args.format}).",
    )
    return 0
