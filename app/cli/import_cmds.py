"""``briefdesk import FILE...|DIR [--kind K] [--reliability A-F] [--title T] [--json]`` (issue 5).

Not yet listed in ``app.cli.COMMAND_MODULES``; the ``extract`` command is not written.
"""

from __future__ import annotations

import sys

from app.cli.common import add_json
from app.importers.batch import import_paths


def cmd_import(args, ctx) -> int:
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
    payload = [r.__dict__ for r in rep.results]
    counts = {
        s: sum(r.status == s for r in rep.results) for s in ("imported", "existing", "warning", "failed")
    }
    lines = [f"{k}: {v}" for k, v in counts.items()]
    lines += [f"failed: {r.path}: {r.message}" for r in rep.failed]
    ctx.output(payload, "\n".join(lines))
    return 1 if rep.failed else 0


def register(sub) -> None:
    p = sub.add_parser("import", help="import files or directories as sources")
    p.add_argument("paths", nargs="+")
    p.add_argument("--kind")
    p.add_argument("--reliability", choices=list("ABCDEF"))
    p.add_argument("--title")
    add_json(p)
    p.set_defaults(func=cmd_import)
