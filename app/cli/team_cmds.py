"""``briefdesk library copy SRC DST``: a whole library between SQLite files and team libraries (PostgreSQL);
``briefdesk library index``: build a team library's phrase index without stopping anyone's edits;
``briefdesk changes``: who changed what, newest first."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from app.cli.common import Context, add_json, command_group, resume_collector


def register(sub: Any) -> None:
    lib, lsub = command_group(
        sub, "library", "the library as a whole: export for other tools, copy to or from a team library"
    )
    p = lsub.add_parser(
        "copy",
        help="copy every record (ids, global ids, links, revisions, originals) into a new or empty library",
        description="Copy a whole library into a new library file or an empty PostgreSQL database, e.g. "
        "briefdesk library copy ~/cell.briefdesk postgresql://analyst@db.example:5432/cell  "
        "(passwords: PGPASSWORD or ~/.pgpass). A destination that holds records is refused.",
    )
    p.add_argument("src", metavar="SRC", help="a library file or postgresql://user@host:port/dbname")
    p.add_argument("dst", metavar="DST", help="a new library file, or an empty database")
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    add_json(p)
    p.set_defaults(func=cmd_library_copy)
    p = lsub.add_parser(
        "index",
        help="build a team library's phrase index (after a Briefdesk upgrade); other analysts keep editing",
        description="Build the indexes of word pairs that make phrase searches fast on a team library "
        "(added by Briefdesk's upgrade of a library's schema to 0013), built so that other analysts go on reading and "
        "editing meanwhile. Minutes "
        "on a library of a million claims; progress on stderr. The desktop app builds them too, in the "
        "background; only one client builds at a time, and an unfinished index left by a build that "
        "stopped is built again. Nothing to do for a library file.",
    )
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    add_json(p)
    p.set_defaults(func=cmd_library_index)
    c = sub.add_parser(
        "changes",
        help="who changed what in the library, newest first (the last 7 days)",
        description="The changes stored in the library, newest first: when (UTC), who, what and which record. "
        "Several saves of one record in a row by one analyst show once. Kept for 7 days.",
    )
    c.add_argument("--by", metavar="NAME", help="only the changes made by this analyst")
    c.add_argument("--limit", type=int, default=50, help="how many (default 50, at most 1000)")
    add_json(c)
    c.set_defaults(func=cmd_changes)


def _target(value: str) -> Any:
    from app.storage.address import is_url

    return value.strip() if is_url(value) else Path(value).expanduser()


def cmd_library_copy(args: argparse.Namespace, ctx: Context) -> int:
    from app.errors import LibraryError
    from app.library import Library
    from app.storage.copy import copy_library

    src_target, dst_target = _target(args.src), _target(args.dst)
    if not isinstance(src_target, str) and not src_target.exists():
        raise LibraryError(f"There is no library at {src_target}.")
    src = Library.open(src_target, create=False)
    resume_collector()  # a copy is long: its garbage is collected
    try:
        new_file = not isinstance(dst_target, str) and not dst_target.exists()
        dst = Library.open(dst_target, create=True)
        copied = False
        try:
            started = time.monotonic()
            last = [0.0]

            def progress(table: str, done: int, total: int) -> None:
                if args.quiet or ctx.json:
                    return
                now = time.monotonic()
                if done in (0, total) or now - last[0] >= 0.5:
                    last[0] = now
                    sys.stderr.write(f"\r  {table}: {done:,} of {total:,}   ")
                    if done == total:
                        sys.stderr.write("\n")
                    sys.stderr.flush()

            report = copy_library(src, dst, progress=progress)
            copied = True
            seconds = time.monotonic() - started
            ctx.output(
                {
                    "source": src.location,
                    "destination": dst.location,
                    "rows": report.rows,
                    "seconds": seconds,
                },
                f"Copied {report.total:,} rows from {src.location} to {dst.location} in {seconds:.1f} s.",
            )
        finally:
            dst.close()
            if new_file and not copied:  # leave no empty library file behind a failed copy
                for suffix in ("", "-wal", "-shm"):
                    Path(str(dst_target) + suffix).unlink(missing_ok=True)
    finally:
        src.close()
    return 0


def cmd_library_index(args: argparse.Namespace, ctx: Context) -> int:
    """Runs until the build ends (a command that stopped early would leave an unfinished index behind)."""
    from app.storage.pg_pairs import BuildProgress

    lib = ctx.open_library(create=False)
    where = lib.location
    if not lib.is_team:
        ctx.output(
            {"library": where, "status": "ready", "built": {}},
            f"{where} is a library file: its search index reads phrases itself; nothing to build.",
        )
        return 0
    shown = {"at": 0.0}
    last = ["", ""]  # the line and the phase shown last

    def progress(p: BuildProgress) -> None:
        if args.quiet or ctx.json:
            return
        now = time.monotonic()
        line = f"{p.table}: {p.phase}" + (f" {100 * p.done // p.total} %" if p.total > 0 else "")
        phase = f"{p.table}: {p.phase}"
        if line != last[0] and (now - shown["at"] >= 0.5 or phase != last[1]):  # a new phase at once
            shown["at"], last[0], last[1] = now, line, phase
            sys.stderr.write(f"\r  {line:<70}")
            sys.stderr.flush()

    started = time.monotonic()
    try:
        report = lib.build_pair_indexes(progress=progress)
    except KeyboardInterrupt:
        sys.stderr.write(
            "\nbriefdesk: interrupted; the unfinished index is built again by the next "
            "`briefdesk library index` (or the app).\n"
        )
        return 130
    if last[0]:
        sys.stderr.write("\n")
    seconds = time.monotonic() - started
    payload = {
        "library": where,
        "status": report.status,
        "built": dict(report.built),
        "rebuilt": list(report.rebuilt),
        "holder": report.holder,
        "seconds": seconds,
    }
    if report.status == "busy":
        who = f" ({report.holder})" if report.holder else ""
        text = (
            f"Another client{who} is building the phrase index of {where} right now; nothing done. "
            "Phrase searches use it once it is built."
        )
    elif report.status == "ready":
        text = f"The phrase index of {where} is built; nothing to do."
    else:
        parts = ", ".join(f"{table} {secs:.1f} s" for table, secs in report.built)
        again = f" (unfinished before, built again: {', '.join(report.rebuilt)})" if report.rebuilt else ""
        text = f"Built the phrase index of {where} in {seconds:.1f} s: {parts}{again}. Phrase searches use it now."
    ctx.output(payload, text)
    return 0


def cmd_changes(args: argparse.Namespace, ctx: Context) -> int:
    from app.errors import ValidationError

    if args.limit < 1:
        raise ValidationError("--limit must be at least 1.")
    lib = ctx.open_library(create=False)
    rows = lib.changes.recent(limit=args.limit, by=args.by)

    def text() -> str:
        if not rows:
            return "No changes" + (f" by {args.by}" if args.by else "") + " in the last 7 days."
        lines = []
        for r in rows:
            label = f"  {r.label[:70]}" if r.label else ""
            lines.append(f"{r.at:%Y-%m-%d %H:%M}  {r.by or '?':<14} {r.action:<9} {r.noun} {r.ref}{label}")
        return "\n".join(lines)

    payload = [
        {
            "at": r.at.isoformat(),
            "by": r.by,
            "action": r.action,
            "entity": r.entity,
            "id": r.entity_id,
            "ref": r.ref,
            "label": r.label,
        }
        for r in rows
    ]
    ctx.output(payload, text)
    return 0
