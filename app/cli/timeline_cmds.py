"""Who said what, when: ``briefdesk timeline``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from app._text import counted
from app.cli.common import Context, add_json, count, record_id

if TYPE_CHECKING:
    from app.analysis.model import LinkNote, Timeline, TimelineEntry


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "timeline",
        help="who said what, when: claims in order of the date said",
        description=(
            "Claims in order of the date they were said (the source's date of publication when that is "
            "unknown, marked so), each with its denials and corroborations. A claim that its own actor later "
            "qualified or contradicted is marked as a change of position."
        ),
    )
    p.add_argument("--actor", metavar="NAME_OR_ID", help="one actor's claims (a name, part of one, or an id)")
    p.add_argument("--tag", help="claims with this tag")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="on or after this date (YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="on or before this date")
    p.add_argument("--brief", type=record_id, metavar="BRIEF_ID", help="only claims this brief cites")
    p.add_argument("--limit", type=count, default=500, help="at most this many claims (default 500)")
    p.add_argument("--offset", type=count, default=0)
    add_json(p)
    p.set_defaults(func=cmd_timeline)


def _when(e: TimelineEntry) -> str:
    if e.date_kind == "said":
        return str(e.date)
    if e.date_kind == "published":
        return f"{e.date} (published)"
    return "undated"


def _note(n: LinkNote) -> str:
    bits = [n.actor_name or "no actor", str(n.date) if n.date else "undated", n.grade]
    if n.retracted:
        bits.append("retracted")
    return f"c{n.claim_id} ({', '.join(bits)})"


def _entry_lines(e: TimelineEntry) -> list[str]:
    c = e.claim
    who = c.actor_name or "(no actor)"
    lines = [f"{_when(e):<24} {c.ref:<6} [{c.grade}] {who}: {' '.join(c.statement.split())}"]
    pad = " " * 32
    for title, group in (
        ("denied by", e.denied_by),
        ("corroborated by", e.corroborated_by),
        ("qualified by", e.qualified_by),
        ("denies", e.denies),
        ("corroborates", e.corroborates),
        ("qualifies", e.qualifies),
    ):
        if group:
            lines.append(f"{pad}{title}: " + "; ".join(_note(n) for n in group))
    if e.revised_by:
        lines.append(
            f"{pad}POSITION CHANGED LATER: "
            + "; ".join(f"{n.kind.replace('ies', 'ied')} by {_note(n)}" for n in e.revised_by)
        )
    if e.revises:
        lines.append(f"{pad}changes position: " + "; ".join(f"{n.kind} {_note(n)}" for n in e.revises))
    if c.status.value == "retracted":
        lines.append(f"{pad}retracted")
    return lines


def _note_json(n: LinkNote) -> dict[str, Any]:
    return {
        "claim_id": n.claim_id,
        "actor": n.actor_name,
        "date": n.date.isoformat() if n.date else None,
        "grade": n.grade,
        "retracted": n.retracted,
    }


def timeline_payload(t: Timeline) -> dict[str, Any]:
    return {
        "total": t.total,
        "offset": t.offset,
        "limit": t.limit,
        "actor": t.actor or None,
        "actor_id": t.actor_id,
        "tag": t.tag or None,
        "from": t.date_from.isoformat() if t.date_from else None,
        "to": t.date_to.isoformat() if t.date_to else None,
        "entries": [
            {
                "claim_id": e.claim.id,
                "date": e.date.isoformat() if e.date else None,
                "date_kind": e.date_kind,
                "said": e.claim.said.isoformat() if e.claim.said else None,
                "published": e.claim.source_published.isoformat() if e.claim.source_published else None,
                "actor_id": e.claim.actor_id,
                "actor": e.claim.actor_name,
                "statement": e.claim.statement,
                "grade": e.claim.grade,
                "status": e.claim.status.value,
                "tags": list(e.claim.tags),
                "source_id": e.claim.source_id,
                "denied_by": [_note_json(n) for n in e.denied_by],
                "corroborated_by": [_note_json(n) for n in e.corroborated_by],
                "qualified_by": [_note_json(n) for n in e.qualified_by],
                "denies": [_note_json(n) for n in e.denies],
                "corroborates": [_note_json(n) for n in e.corroborates],
                "qualifies": [_note_json(n) for n in e.qualifies],
                "position_changed": e.position_changed,
                "revised_by": [{**_note_json(n), "kind": n.kind} for n in e.revised_by],
                "revises": [{**_note_json(n), "kind": n.kind} for n in e.revises],
            }
            for e in t.entries
        ],
    }


def timeline_text(t: Timeline) -> str:
    scope = []
    if t.actor:
        scope.append(t.actor)
    if t.tag:
        scope.append(f"tag '{t.tag}'")
    if t.date_from or t.date_to:
        scope.append(f"{t.date_from or '…'} to {t.date_to or '…'}")
    head = "Timeline" + (f" ({'; '.join(scope)})" if scope else "")
    if not t.entries:
        return head + ": no claims match."
    lines = [head + f": {counted(t.total, 'claim')}", ""]
    for e in t.entries:
        lines += _entry_lines(e)
    shown = len(t.entries)
    if t.offset or shown < t.total:
        lines += ["", f"{t.offset + 1}-{t.offset + shown} of {t.total}; see more with --offset and --limit."]
    if any(e.date_kind == "published" for e in t.entries):
        lines += ["", "(published): the date said is unknown; the source's date of publication is shown."]
    return "\n".join(lines)


def cmd_timeline(args: argparse.Namespace, ctx: Context) -> int:
    lib = ctx.open_library(create=False)
    t = lib.timeline.build(
        actor=args.actor,
        tag=args.tag,
        date_from=args.date_from,
        date_to=args.date_to,
        brief_id=args.brief,
        offset=args.offset,
        limit=args.limit,
    )
    ctx.output(timeline_payload(t), lambda: timeline_text(t))
    return 0
