"""``briefdesk import FILE...|DIR [--kind K] [--reliability A-F] [--title T] [--json]``.

Text, Markdown, saved web pages (.html, or .mhtml as one file), .docx, .pdf, saved e-mail (.eml), .doc/.rtf/.odt
(through LibreOffice, when installed), and CSL-JSON / RIS / BibTeX
exports (one source per entry);
a STIX 2.1 bundle or a MISP event (recognised by its content) brings in sources, actors, claims and links.
A file that cannot be imported is reported and the rest still import; the exit code is then 1.
"""

from __future__ import annotations

import argparse
import os
import sys

from app._text import counted
from app.cli.common import Context, add_json


def cmd_import(args: argparse.Namespace, ctx: Context) -> int:
    from app.importers.batch import import_paths  # imported when used, not at every start of the CLI

    lib = ctx.open_library()
    tty = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if tty:
            width = 30
            filled = width * done // max(total, 1)
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
            if done == total:
                sys.stderr.write("\n")

    rep = import_paths(
        lib, args.paths, kind=args.kind, reliability=args.reliability, title=args.title, progress=progress
    )
    counts = {
        s: sum(r.status == s for r in rep.results)
        for s in ("imported", "existing", "warning", "failed", "skipped")
    }
    sources = sum(len(r.source_ids) for r in rep.results if r.status in ("imported", "warning"))
    lines = [
        ", ".join(f"{k}: {v}" for k, v in counts.items() if v or k == "imported")
        + f" ({counted(sources, 'source')})"
    ]
    lines += [
        f"existing: {r.path}: already in the library as " + ", ".join(f"s{i}" for i in r.source_ids)
        for r in rep.results
        if r.status == "existing"
    ]
    for r in rep.results:
        if r.status == "warning" and r.message:
            lines.append(f"warning: {r.path}: {r.message}")
        elif r.status == "imported" and r.message:
            lines.append(f"{r.status}: {r.path}: {r.message}")  # a bundle or event: what it brought in
        lines += [f"  skipped: {d}" for d in getattr(r, "details", None) or ()]
    lines += [f"skipped: {r.path}: {r.message}" for r in rep.results if r.status == "skipped"]
    proposals = [d for r in rep.results for d in r.derivations]
    for d in proposals:  # a page that credits a wire service: the derived-from link it suggests
        lines.append(f"provenance: {d.text}")
        if d.derived_from_id is not None:
            lines.append(
                f"  record it: briefdesk source set s{d.source_id} --derived-from s{d.derived_from_id}:{d.kind}"
            )
    if not ctx.json:  # failures go to stderr (stdout keeps the summary, for scripts reading it)
        for r in rep.failed:
            name = os.path.basename(r.path) + ": "
            reason = r.message[len(name) :] if r.message.startswith(name) else r.message  # named once
            sys.stderr.write(f"briefdesk: failed: {r.path}: {reason}\n")
    if rep.cancelled:
        lines.append("Cancelled: the files before the cancel were imported whole; nothing else was.")
    payload = {
        "files": [
            {
                "path": r.path,
                "status": r.status,
                "source_ids": r.source_ids,
                "message": r.message,
                "details": list(getattr(r, "details", None) or ()),
                "derivations": [d.to_json() for d in r.derivations],
            }
            for r in rep.results
        ],
        "counts": counts,
        "sources": sources,
        "cancelled": rep.cancelled,
    }
    ctx.output(payload, "\n".join(lines))
    return 1 if rep.failed else 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("import", help="import files or directories as sources")
    p.add_argument("paths", nargs="+")
    from app.domain import SourceKind

    kinds = ", ".join(f"'{k.value}'" for k in SourceKind)
    p.add_argument(
        "--kind",
        metavar="KIND",
        help=f"the kind of every imported source: {kinds} (default: what the file says, else 'other')",
    )
    p.add_argument("--reliability", choices=list("ABCDEF"))
    p.add_argument("--title")
    add_json(p)
    p.set_defaults(func=cmd_import)
