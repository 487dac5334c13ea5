"""``briefdesk doctor [--repair]``: what is wrong inside a library (records holding values Briefdesk cannot
read, rows pointing at missing records, the full-text index, the file's integrity) and, with --repair, the
safe repairs after a backup. Exit 0 when nothing is wrong (or everything found was repaired), else 1."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from app._text import counted
from app.cli.common import Context, add_json

if TYPE_CHECKING:
    from app.doctor import DoctorReport, Finding


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("doctor", help="check a library for damage and repair what is safe")
    p.add_argument("--repair", action="store_true", help="back the library up, then apply the safe repairs")
    add_json(p)
    p.set_defaults(func=cmd_doctor)


def _finding_line(f: Finding) -> str:
    if f.repair:
        return f"  {f.message}\n      repair: {f.repair}"
    return f"  {f.message}\n      not repaired automatically: {f.advice or 'restore it from a backup'}"


def _summary(report: DoctorReport) -> list[str]:
    return [
        f"Library {report.path}",
        f"  database file: {report.integrity}",
        f"  links between records: {report.foreign_keys}",
        f"  full-text index: {report.full_text}",
    ]


def cmd_doctor(args: argparse.Namespace, ctx: Context) -> int:
    from app import doctor
    from app.errors import NotALibraryError

    try:
        lib = ctx.open_library(create=False)
    except NotALibraryError as exc:
        if "damaged" not in str(exc):
            raise
        ctx.output(
            {"path": str(ctx.library_path), "integrity": str(exc), "findings": [], "repaired": []},
            f"{exc}\nThe file itself is damaged, so no record can be checked or repaired. Restore the newest "
            "backup beside it (*.backup*, *.before-repair.*), or rescue what is readable with sqlite3's "
            "'.recover' command.",
        )
        return 1

    def progress(text: str) -> None:
        if sys.stderr.isatty():
            sys.stderr.write(f"doctor: {text}...\n")

    report = doctor.diagnose(lib, progress=progress)
    if not args.repair:
        payload = {
            "path": str(report.path),
            "integrity": report.integrity,
            "foreign_keys": report.foreign_keys,
            "full_text": report.full_text,
            "findings": report.findings,
            "healthy": report.healthy,
        }
        lines = _summary(report)
        if report.healthy:
            lines.append("Nothing is wrong.")
        else:
            lines.append(f"{counted(len(report.findings), 'problem')}:")
            lines += [_finding_line(f) for f in report.findings]
            n = len(report.repairable)
            if n:
                lines.append(
                    f"'briefdesk doctor --repair' fixes {n} of {len(report.findings)} (it backs the library up "
                    "first)."
                )
        ctx.output(payload, "\n".join(lines))
        return 0 if report.healthy else 1
    result = doctor.repair(lib, report)
    after = result.after or report
    payload = {
        "path": str(report.path),
        "backup": str(result.backup) if result.backup else None,
        "repaired": result.repaired,
        "left": result.left,
        "integrity": after.integrity,
        "foreign_keys": after.foreign_keys,
        "full_text": after.full_text,
        "healthy": after.healthy,
    }
    lines = []
    if result.backup is None:
        lines.append("Nothing to repair" + (": nothing is wrong." if report.healthy else " automatically."))
    else:
        lines.append(f"Backed up to {result.backup} first.")
        lines.append(f"Repaired {counted(len(result.repaired), 'problem')}:")
        lines += [f"  {f.message}: {f.repair}" for f in result.repaired]
    lines += _summary(after)
    if result.left:
        lines.append(f"Left as they are ({len(result.left)}):")
        lines += [_finding_line(f) for f in result.left]
    ctx.output(payload, "\n".join(lines))
    return 0 if after.healthy else 1
