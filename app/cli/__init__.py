"""The ``briefdesk`` command line.

Exit codes: 0 ok, 1 a user error (one plain line on stderr), 2 usage. Every command takes ``--json``.
Command families live in their own modules (listed in ``COMMAND_MODULES``), each with ``register(sub)``;
a handler is ``handler(args, ctx) -> int`` and raises ``BriefdeskError`` for anything the user can fix.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Callable
from typing import NoReturn

from app import APP_NAME, __version__
from app.cli.common import Context, leave, pause_collector, resume_collector
from app.errors import BriefdeskError, BriefLockedError, StaleEditError

# Each command module and the top-level commands it registers. A command imports only its own module(s)
# (``briefdesk claims`` never loads the export or import code); ``--help``, no command, or a word that is no
# command loads them all. tests/app/test_cli.py checks this table against what each module registers.
COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "app.cli.library_cmds": ("demo", "actors", "search", "tidy"),
    "app.cli.source_cmds": ("sources", "source"),
    "app.cli.claim_cmds": ("claims", "claim"),
    "app.cli.actor_cmds": ("actor",),
    "app.cli.brief_cmds": ("brief", "where-cited"),
    "app.cli.import_cmds": ("import",),
    "app.cli.extract_cmds": ("extract",),
    "app.cli.export_cmds": ("export",),
    "app.cli.interop_cmds": ("library",),  # library export (ClaimReview, CSL-JSON, STIX)
    "app.cli.check_cmds": ("check",),
    "app.cli.ach_cmds": ("hypothesis", "ach"),
    "app.cli.assumption_cmds": ("assumption",),
    "app.cli.timeline_cmds": ("timeline",),
    "app.cli.doctor_cmds": ("doctor",),
    "app.cli.team_cmds": ("library", "changes"),  # library copy and index; who changed what
}
_GLOBAL_OPTIONS_WITH_VALUE = ("--library",)


def command_word(argv: list[str]) -> str | None:
    """The command a command line names (the first word that is not a global option or its value)."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg == "--":
            return None
        if arg in _GLOBAL_OPTIONS_WITH_VALUE:
            skip = True
            continue
        if arg.startswith("-"):
            if arg in ("-h", "--help"):
                return None
            continue
        return arg
    return None


def modules_for(command: str | None) -> list[str]:
    """The command modules to load for ``command``: its own, or every one when it names none of them."""
    own = [module for module, names in COMMAND_MODULES.items() if command in names]
    return own or list(COMMAND_MODULES)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # usage errors: exit 2 with one line
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: {message}\n")
        raise SystemExit(2)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser, with the subcommands of ``command``'s module(s) only when it names a known command."""
    parser = _Parser(
        prog="briefdesk",
        description=f"{APP_NAME}: write sourced briefs from a local library of graded claims.",
    )
    parser.add_argument(
        "--library",
        metavar="PATH",
        help="the library file (default: $BRIEFDESK_LIBRARY or the user data directory)",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in modules_for(command):
        # A command module that fails to import is a broken install: fail loudly, never drop its commands.
        module = importlib.import_module(name)
        module.register(sub)
    return parser


def own_warnings(record: logging.LogRecord) -> bool:
    """Keep the libraries' own warnings off the terminal ("discarding data: None" from the page extractor,
    "Ignoring wrong pointing object" from the PDF reader): the command says in one plain line what went wrong.
    Their errors still show, and ``BRIEFDESK_LOG=WARNING`` shows everything."""
    return record.levelno >= logging.ERROR or record.name.split(".")[0] in ("app", "ui", "__main__")


def main(
    argv: list[str] | None = None,
    *,
    gui: Callable[[str | None], int] | None = None,
    own_process: bool = False,
) -> int:
    """Run the command line. With no command, start the desktop app through ``gui`` (given by
    ``ui.launcher``, so that ``app`` itself never imports the GUI). ``own_process``: this is the process's
    entry point (the console script, ``python -m app``), whose start-up may pause the garbage collector
    (:func:`app.cli.common.pause_collector`)."""
    if own_process:
        pause_collector()
    logging.basicConfig(
        level=os.environ.get("BRIEFDESK_LOG", "WARNING"), format="%(levelname)s %(name)s: %(message)s"
    )
    if not os.environ.get("BRIEFDESK_LOG"):
        for handler in logging.getLogger().handlers:
            handler.addFilter(own_warnings)
    args_list = sys.argv[1:] if argv is None else argv
    parser = build_parser(command_word(args_list))
    args = parser.parse_args(args_list)
    from app.paths import library_argument_problem

    if args.library is not None:
        problem = library_argument_problem(args.library, "--library")
    else:  # an empty $BRIEFDESK_LIBRARY means unset, as for any variable; a blank or odd one is a slip
        env = os.environ.get("BRIEFDESK_LIBRARY") or ""
        problem = library_argument_problem(env, "$BRIEFDESK_LIBRARY") if env else ""
    if problem:
        parser.error(problem)
    if not getattr(args, "func", None):
        if args.command is None:
            if gui is None:
                sys.stderr.write(
                    "briefdesk: the desktop app is not available here; see `briefdesk --help`.\n"
                )
                return 1
            resume_collector()
            return gui(args.library)
        parser.print_help(sys.stderr)
        return 2
    ctx = Context(args)
    try:
        return int(args.func(args, ctx) or 0)
    except (StaleEditError, BriefLockedError) as exc:  # someone else changed or holds it: scripts may retry
        sys.stderr.write(f"briefdesk: {exc}\n")
        return 3
    except BriefdeskError as exc:
        sys.stderr.write(f"briefdesk: {exc}\n")
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("briefdesk: interrupted.\n")
        return 130
    except BrokenPipeError:
        return 0
    finally:
        ctx.close()
        resume_collector()  # if the command kept it paused (Context.open_library): never left off on return


def console(argv: list[str] | None = None, *, gui: Callable[[str | None], int] | None = None) -> NoReturn:
    """The process's own entry point (the console script through ``ui.launcher``, ``python -m app``): runs
    :func:`main` and, once a command has run, leaves at once (:func:`app.cli.common.leave`). The desktop app,
    usage errors, ``--help`` and an uncaught error end the ordinary way."""
    desktop_ran = False

    def desktop(library: str | None) -> int:
        nonlocal desktop_ran
        desktop_ran = True
        assert gui is not None
        return gui(library)

    code = main(argv, gui=desktop if gui is not None else None, own_process=True)
    if desktop_ran:
        raise SystemExit(code)
    leave(code)


if __name__ == "__main__":
    raise SystemExit(main())
