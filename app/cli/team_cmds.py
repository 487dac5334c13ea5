"""``briefdesk library copy SRC DST``: a whole library between SQLite files and team libraries (PostgreSQL);
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
