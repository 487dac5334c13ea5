"""Key assumptions check: ``briefdesk assumption add/list/set/delete``."""

from __future__ import annotations

import argparse

from app.cli.ach_cmds import position
from app.cli.common import Context, add_json, record_id, table

RATINGS = ("solid", "caveated", "unsupported")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    asm = sub.add_parser("assumption", help="a brief's key assumptions: add, list, edit, delete")
    asub = asm.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = asub.add_parser("add", help="record a key assumption of a brief")
    p.add_argument("brief", type=record_id, metavar="BRIEF_ID")
    p.add_argument("text")
    p.add_argument("--rating", required=True, choices=RATINGS, help="how well the assumption holds")
    p.add_argument("--why", default="", help="the reason for the rating")
    p.add_argument(
        "--judgment",
        metavar="N",
        help="the key judgment it underpins (1 for the first); default: the whole brief",
    )
    p.add_argument("--position", type=position, metavar="N")
    add_json(p)
    p.set_defaults(func=cmd_assumption_add)
    p = asub.add_parser("list", help="a brief's key assumptions")
    p.add_argument("brief", type=record_id, metavar="BRIEF_ID")
    add_json(p)
    p.set_defaults(func=cmd_assumption_list)
    p = asub.add_parser("set", help="edit a key assumption")
    p.add_argument("id", type=record_id, metavar="ASSUMPTION_ID")
    p.add_argument("--text")
    p.add_argument("--rating", choices=RATINGS)
    p.add_argument("--why")
    p.add_argument("--judgment", metavar="N", help="a key judgment number, or 'none' for the whole brief")
    p.add_argument("--position", type=position, metavar="N")
    add_json(p)
    p.set_defaults(func=cmd_assumption_set)
    p = asub.add_parser("delete", help="delete a key assumption")
    p.add_argument("id", type=record_id, metavar="ASSUMPTION_ID")
    add_json(p)
    p.set_defaults(func=cmd_assumption_delete)


def _applies(judgment: int | None) -> str:
    return "the whole brief" if judgment is None else f"key judgment {judgment}"


def cmd_assumption_add(args: argparse.Namespace, ctx: Context) -> int:
    lib = ctx.open_library(create=False)
    change = lib.assumptions.add(
        args.brief,
        args.text,
        rating=args.rating,
        why=args.why,
        judgment=args.judgment,
        position=args.position,
    )
    a = change.stored
    ctx.output(
        {"change": change.action, "assumption": a},
        f"Assumption {a.id} recorded for brief {a.brief_id} ({a.rating.value}, {_applies(a.judgment)}).",
    )
    return 0


def cmd_assumption_list(args: argparse.Namespace, ctx: Context) -> int:
    lib = ctx.open_library(create=False)
    items = lib.assumptions.list(args.brief)
    if not ctx.json and not items:
        ctx.output(None, f"Brief {args.brief} has no key assumptions recorded.")
        return 0
    ctx.output(
        {"brief_id": args.brief, "assumptions": items},
        lambda: table(
            ["#", "id", "rating", "underpins", "assumption", "why"],
            [(a.position, a.id, a.rating.value, _applies(a.judgment), a.text, a.why) for a in items],
            max_width=70,
        ),
    )
    return 0


def cmd_assumption_set(args: argparse.Namespace, ctx: Context) -> int:
    from app.errors import ValidationError

    fields = {k: getattr(args, k) for k in ("text", "rating", "why", "judgment", "position")}
    fields = {k: v for k, v in fields.items() if v is not None}
    if not fields:
        raise ValidationError("Nothing to change: give --text, --rating, --why, --judgment or --position.")
    lib = ctx.open_library(create=False)
    change = lib.assumptions.update(args.id, **fields)
    a = change.stored
    ctx.output(
        {"change": change.action, "assumption": a},
        f"Assumption {a.id} updated ({a.rating.value}, {_applies(a.judgment)}).",
    )
    return 0


def cmd_assumption_delete(args: argparse.Namespace, ctx: Context) -> int:
    lib = ctx.open_library(create=False)
    change = lib.assumptions.delete(args.id)
    ctx.output({"change": change.action, "assumption": change.before}, f"Assumption {args.id} deleted.")
    return 0
