"""Shared plumbing for command modules: opening the library, printing JSON or tables."""

from __future__ import annotations

import argparse
import atexit
import dataclasses
import datetime as dt
import enum
import gc
import json
import math
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from app.ids import MAX_ID
from app.paths import default_library_path

if TYPE_CHECKING:
    from app.library import Library


_collector_paused = False


def pause_collector() -> None:
    """Start-up of a command-line process: no cyclic garbage collection until the library is open.

    Importing SQLAlchemy, Markdown, python-docx and Briefdesk makes ~50,000 long-lived objects and hardly any
    garbage, yet the collector walked them ~110 times, a tenth of a cold ``check`` or export (bench/RESULTS.md,
    "Command line start-up"). Only for a process the command line owns (the console script, ``python -m app``):
    a program or test calling :func:`app.cli.main` keeps its collector as it is. The entry points pause it even before
    importing this module (the same start-up, one step earlier)."""
    global _collector_paused
    gc.disable()
    _collector_paused = True


def resume_collector() -> None:
    """End of start-up (the library is open, or the desktop app starts): what start-up made is frozen, so no
    later collection walks it again, and the collector runs as usual, so a long command (many briefs
    exported, a library copied) frees its garbage. The few hundred unreachable objects start-up leaves are
    kept. Does nothing unless :func:`pause_collector` paused it."""
    global _collector_paused
    if _collector_paused:
        _collector_paused = False
        gc.freeze()
        gc.enable()


def leave(code: int) -> NoReturn:
    """End a command-line process whose command has run: what Python's own exit does that matters, then
    ``os._exit``, skipping the interpreter's teardown (every module emptied, start-up's ~80,000 objects freed
    one by one: ~10 ms of a cold command, bench/RESULTS.md) that leaves nothing behind.

    By then the command has closed what it wrote (an export is written, fsynced and renamed; the library is
    closed, its connection closed and its WAL checkpointed, by ``Context.close``). Done here, as at exit:
    every ``atexit`` handler (logging's shutdown flushes and closes its handlers; ``weakref.finalize``
    callbacks such as a temporary folder's removal), then stdout and stderr flushed. If a stream cannot be
    flushed (a closed pipe) the ordinary exit takes over, so its message and exit code are Python's as before.
    Only for the process's own entry points (``app.cli.console``); never for the desktop app."""
    atexit._run_exitfuncs()
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        raise SystemExit(code) from None
    os._exit(code)


def to_jsonable(value: Any) -> Any:
    """Dataclasses, enums, dates, tuples → JSON-friendly values with stable keys."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
        for extra in ("ref", "grade", "contested", "label"):
            if hasattr(type(value), extra) and isinstance(getattr(type(value), extra), property):
                out[extra] = to_jsonable(getattr(value, extra))
        return out
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_jsonable(v) for v in value]
    if isinstance(value, bytes):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None  # JSON has no NaN or Infinity
    return value


class Context:
    """What a command handler gets: the parsed global options and helpers."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.json: bool = bool(getattr(args, "json", False))
        self._library: Library | None = None

    @property
    def library_path(self) -> Path | str:
        """The library file's path, or a team library's address (postgresql://user@host:port/dbname)."""
        from app.storage.address import is_url

        target = getattr(self.args, "library", None) or os.environ.get("BRIEFDESK_LIBRARY")
        if target and is_url(target):
            return target.strip()
        if target:
            return Path(target).expanduser()
        return default_library_path()

    def open_library(
        self, *, create: bool = True, collect: bool = True, integrity_check: bool = True
    ) -> Library:
        """The library (``create``: made, empty, if the file does not exist; commands that only read or change
        what is stored pass False, so a mistyped --library says so instead of making an empty library).
        Opening it ends start-up (:func:`resume_collector`) unless ``collect`` is False: a command that does
        one bounded piece of work (one brief exported) keeps the collector paused until :func:`app.cli.main`
        returns, so the modules it imports and the objects it makes after the open are not walked by ~20
        young collections that find almost nothing (the export pauses it while loading, checking and
        rendering anyway). ``integrity_check=False``: a command that only reads (export) opens the file
        without checking it whole first (:meth:`Library.open`)."""
        from app.errors import LibraryError
        from app.library import Library  # loaded when a command runs, not for --help

        if self._library is None:
            from app.paths import check_path

            target = self.library_path
            if isinstance(target, str):  # a team library: the server says whether it is there
                self._library = Library.open(target, create=create)
                if collect:
                    resume_collector()
                return self._library
            path = check_path(target, "library path")
            if not create and not path.exists():
                raise LibraryError(
                    f"There is no library at {path}. Create one with 'briefdesk demo' (the demo content) or "
                    "'briefdesk import FILES', or name another with --library."
                )
            self._library = Library.open(path, create=create, integrity_check=integrity_check)
        if collect:
            resume_collector()
        return self._library

    def close(self) -> None:
        if self._library is not None:
            self._library.close()
            self._library = None

    def sound(self, records: Iterable[Any]) -> list[Any]:
        """The records fit for a table; a damaged one (``problem`` set, see app._rows) is said on stderr
        instead, as one plain line naming it, and the rest are shown."""
        out = []
        for record in records:
            if getattr(record, "problem", ""):
                self._say_problem(record.problem)
            else:
                out.append(record)
        return out

    def _say_problem(self, problem: str) -> None:
        said = self.__dict__.setdefault("_problems_said", set())
        if problem not in said:
            said.add(problem)
            sys.stderr.write(f"briefdesk: {problem}\n")

    def output(self, payload: Any, text: str | Callable[[], str]) -> None:
        """Print ``payload`` as one JSON document with --json, else the readable ``text``. Every damaged
        record in ``payload`` is also named on stderr (with a pointer to ``briefdesk doctor``)."""
        for problem in _problems_in(payload):
            self._say_problem(problem)
        if self.__dict__.get("_problems_said") and not self.__dict__.get("_doctor_hinted"):
            self._doctor_hinted = True
            sys.stderr.write(
                "briefdesk: the records above hold values Briefdesk cannot read; "
                "'briefdesk doctor' lists them and 'briefdesk doctor --repair' fixes what is safe.\n"
            )
        if self.json:
            json.dump(to_jsonable(payload), sys.stdout, ensure_ascii=False, indent=2, allow_nan=False)
            sys.stdout.write("\n")
        else:
            body = text() if callable(text) else text
            if body:
                sys.stdout.write(body if body.endswith("\n") else body + "\n")


def _problems_in(payload: Any, depth: int = 0) -> Iterator[str]:
    """The ``problem`` of every record in a payload (records, lists, tuples, dicts, pages), in order."""
    if depth > 6 or payload is None or isinstance(payload, str | bytes | int | float):
        return
    # a record (a dataclass instance; a dataclass class itself has no fields of its own to read): its
    # fields read by name from the class, once per field (dataclasses.fields() per record cost ~15 ms a page)
    names = getattr(type(payload), "__dataclass_fields__", None)
    if names is not None:
        problem = getattr(payload, "problem", "")
        if problem:
            yield problem
        for name in names:
            value = getattr(payload, name, None)
            if isinstance(value, list | tuple | dict) or hasattr(type(value), "__dataclass_fields__"):
                yield from _problems_in(value, depth + 1)
    elif isinstance(payload, dict):
        for value in payload.values():
            yield from _problems_in(value, depth + 1)
    elif isinstance(payload, list | tuple):
        for value in payload:
            yield from _problems_in(value, depth + 1)


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]], *, max_width: int = 60) -> str:
    """A plain aligned text table; long cells are clipped with an ellipsis."""

    def cell(v: Any) -> str:
        s = "" if v is None else str(v)
        s = " ".join(s.split())
        return s if len(s) <= max_width else s[: max_width - 1] + "…"

    cells = [[cell(v) for v in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        for i, v in enumerate(row):
            widths[i] = max(widths[i], len(v))
    lines = ["  ".join(h.ljust(widths[i]) for i, h in enumerate(headers)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in cells:
        lines.append("  ".join(v.ljust(widths[i]) for i, v in enumerate(row)).rstrip())
    return "\n".join(lines)


def record_id(value: str) -> int:
    """An id argument: ``12``, or with its letter, ``c12`` / ``s3`` / ``b1`` / ``a7``."""
    text = str(value).strip().lower()
    for prefix in ("c", "s", "b", "a"):
        if text.startswith(prefix) and text[1:].isascii() and text[1:].isdigit():
            text = text[1:]
            break
    if not (text.isascii() and text.isdigit()) or int(text) > MAX_ID:
        raise argparse.ArgumentTypeError(f"'{value}' is not an id (a whole number such as 12)")
    return int(text)


def count(value: str) -> int:
    """A count or offset argument: a whole number from 0 to 1,000,000,000."""
    text = str(value).strip()
    if not (text.isascii() and text.isdigit()) or int(text) > 1_000_000_000:
        raise argparse.ArgumentTypeError(f"'{value}' is not a number from 0 to 1,000,000,000")
    return int(text)


def version_number(value: str) -> int:
    """A record version for --if-version: a whole number from 1."""
    text = str(value).strip()
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_ID:
        raise argparse.ArgumentTypeError(f"'{value}' is not a version number (a whole number such as 3)")
    return int(text)


def add_if_version(parser: argparse.ArgumentParser, entity: str) -> None:
    parser.add_argument(
        "--if-version",
        type=version_number,
        metavar="N",
        help=f"change the {entity} only if it is still at version N (as 'show' printed it); if someone "
        "changed it since, nothing is changed and the command says who and when (exit code 3)",
    )


def provenance_lines(rec: Any, indent: str = "  ") -> list[str]:
    """Who made a record and who last changed it, its version and its global id, for 'show' commands."""
    from app._time import who_when

    lines = [f"{indent}created: {who_when(rec.created_by, rec.created)}"]
    if rec.version > 1 or rec.updated_by != rec.created_by:
        lines.append(f"{indent}last changed: {who_when(rec.updated_by, rec.updated)}")
    lines.append(f"{indent}version: {rec.version}    uuid: {rec.uuid or '-'}")
    return lines


def command_group(sub: Any, name: str, help: str) -> tuple[argparse.ArgumentParser, Any]:
    """The subcommands of ``briefdesk NAME`` (made by the first module that asks): several command modules
    add to one group, e.g. ``library export`` (interop_cmds) and ``library copy`` (team_cmds)."""
    parser = sub.choices.get(name)
    if parser is None:
        parser = sub.add_parser(name, help=help)
        actions = parser.add_subparsers(dest=f"{name}_command", metavar="COMMAND")
        return parser, actions
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return parser, action
    raise RuntimeError(f"briefdesk {name} has no subcommands")  # pragma: no cover - a programming error


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="print one JSON document on stdout"
    )
