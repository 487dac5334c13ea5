"""The ``check`` command: run the analytic checks on a brief; exit 1 when errors exist."""

from __future__ import annotations

import argparse
import dataclasses
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from app.check_rules import CHECK_RULES, rules_text
from app.cli.common import Context, add_json, count, record_id
from app.domain import parse_date
from app.errors import ValidationError

if TYPE_CHECKING:
    from app.checks import CheckReport
    from app.checks.notices import Notice


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "check",
        help="check a brief: balance, estimative language, sourcing, markings",
        description="Check a brief before it leaves; exit 1 when a rule finds an error (errors block export).",
        epilog="rules (id, usual severity, what each asks; `--rules --json` for their names in the code):\n"
        + rules_text(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("brief_id", type=record_id, metavar="BRIEF_ID", nargs="?")
    p.add_argument("--rules", action="store_true", help="list the rules and exit")
    p.add_argument(
        "--stale-days",
        type=count,
        default=None,
        metavar="DAYS",
        help="sources older than this behind a key judgment are stale (default 365)",
    )
    p.add_argument(
        "--today",
        default=None,
        metavar="YYYY-MM-DD",
        help="measure the age of sources from this date (default today)",
    )
    add_json(p)
    p.set_defaults(func=cmd_check)


def cmd_check(args: argparse.Namespace, ctx: Context) -> int:
    if args.rules:
        ctx.output(
            {"rules": [r._asdict() for r in CHECK_RULES]},
            "\n".join(f"{r.id}: {r.description}" for r in CHECK_RULES),
        )
        return 0
    if args.brief_id is None:
        raise ValidationError(
            "Name the brief to check (briefdesk check BRIEF_ID), or list the rules: --rules."
        )
    from app._gc import paused_gc
    from app.checks import CheckSettings, load_context, run_checks  # when checking, not --help
    from app.checks.notices import notices_in

    lib = ctx.open_library(create=False)
    fields = {}
    if args.stale_days is not None:
        fields["stale_after_days"] = args.stale_days
    if args.today:
        fields["today"] = parse_date(args.today, what="date")
    started = time.perf_counter()
    # check_brief's run, and the notices (what changed about the cited claims) from what it read
    with paused_gc():
        checked = load_context(lib, args.brief_id, settings=CheckSettings(**fields))
        report = run_checks(checked)
        elapsed = time.perf_counter() - started  # the check's time, as check_brief reports it
        changed = notices_in(checked)
        del checked  # freed before the collector resumes, as check_brief does: its first pass walks less
    report = dataclasses.replace(report, elapsed_ms=elapsed * 1000)
    ctx.output(payload(report, changed), lambda: render(report, changed))
    return 1 if report.errors else 0


def payload(report: CheckReport, changed: Sequence[Notice] = ()) -> dict[str, Any]:
    return {
        "brief_id": report.brief_id,
        "ok": report.ok,
        "errors": len(report.errors),
        "warnings": len(report.warnings),
        "banner": report.banner,
        "findings": list(report.findings),
        "judgments": list(report.judgments),
        "endnotes": list(report.endnotes),
        "notices": list(changed),
        "elapsed_ms": round(report.elapsed_ms, 1),
    }


def render(report: CheckReport, changed: Sequence[Notice] = ()) -> str:
    lines = []
    if changed:
        lines.append("Since the brief was written:")
        lines.extend(f"  - {n.message}" for n in changed)
        lines.append("")
    for f in report.findings:
        where = f.location if f.where == "body" else f"({f.where.replace('_', ' ')})"
        lines.append(f"{where:>9}  {f.severity.value:<7}  {f.rule:<9}  {f.message}")
        for fix in f.fixes:
            lines.append(f"{'':>9}  {'':<7}  {'':<9}  fix: {fix.label}")
    if report.judgments:
        if lines:
            lines.append("")
        lines.append("Key judgments (stated confidence / ceiling the sources allow):")
        for j in report.judgments:
            text = " ".join(j.text.split())
            text = text if len(text) <= 70 else text[:69] + "…"
            lines.append(
                f"  {j.index}. line {j.line}: {j.confidence or 'none'} / {j.ceiling}"
                f" ({j.original_sources} original source{'s' if j.original_sources != 1 else ''})  {text}"
            )
            for r in j.reasons:
                lines.append(f"       - {r}")
    if report.banner:
        lines.append(f"Banner: {report.banner}")
    e, w = len(report.errors), len(report.warnings)
    lines.append(
        f"{e} error{'s' if e != 1 else ''}, {w} warning{'s' if w != 1 else ''}"
        + (": export refuses this brief unless forced." if e else ".")
    )
    return "\n".join(lines)
