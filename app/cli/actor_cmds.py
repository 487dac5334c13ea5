"""Actor commands: ``actor show|set|merge|delete`` (the list is ``actors``, in library_cmds).

Drafting names speakers as the text does; these commands clean up after it: two spellings of one person
become one actor (``actor merge B --into A``: B's claims move to A, B's names become A's aliases), a wrong
name or role is corrected (``actor set``), an actor no claim is attributed to is removed (``actor delete``).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from app._text import counted
from app.cli.common import Context, add_if_version, add_json, provenance_lines, table
from app.domain_lists import ActorRecord, ClaimFilter
from app.errors import ValidationError

if TYPE_CHECKING:
    from app.library import Library

SHOWN_CLAIMS = 10


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    ac = sub.add_parser("actor", help="show, edit, merge or delete an actor")
    asub = ac.add_subparsers(dest="action", metavar="ACTION", required=True)

    p = asub.add_parser("show", help="an actor with their names and latest claims")
    p.add_argument("actor", metavar="ACTOR", help="the actor's id (a12 or 12) or name")
    add_json(p)
    p.set_defaults(func=cmd_actor_show)

    p = asub.add_parser("set", help="correct an actor's name, role, affiliation or aliases")
    p.add_argument("actor", metavar="ACTOR", help="the actor's id (a12 or 12) or name")
    p.add_argument("--name")
    p.add_argument("--role")
    p.add_argument("--affiliation")
    p.add_argument(
        "--alias",
        action="append",
        metavar="NAME",
        help="replace the aliases (repeat for several; --alias '' clears them)",
    )
    p.add_argument("--add-alias", action="append", metavar="NAME", help="add an alias, keeping the others")
    add_if_version(p, "actor")
    add_json(p)
    p.set_defaults(func=cmd_actor_set)

    p = asub.add_parser(
        "merge",
        help="merge actor B into actor A: B's claims move to A and B's names become A's aliases",
        usage="briefdesk actor merge B --into A",
    )
    p.add_argument("actor", metavar="B", help="the actor to merge away (id or name)")
    p.add_argument("--into", required=True, metavar="A", help="the actor to keep (id or name)")
    add_json(p)
    p.set_defaults(func=cmd_actor_merge)

    p = asub.add_parser("delete", help="delete an actor no claim is attributed to")
    p.add_argument("actor", metavar="ACTOR", help="the actor's id (a12 or 12) or name")
    add_if_version(p, "actor")
    add_json(p)
    p.set_defaults(func=cmd_actor_delete)


def actor_ref(text: str) -> int | None:
    """The id in ``a12`` or ``12``; None when ``text`` is a name."""
    t = text.strip().lower()
    t = t[1:] if t.startswith("a") and t[1:].isdigit() else t
    return int(t) if t.isascii() and t.isdigit() and len(t) < 19 else None


def find_actor(lib: Library, text: str) -> ActorRecord:
    """An actor named by id (``a12``, ``12``) or by name or alias; a clear error when there is none."""
    if not text.strip():
        raise ValidationError("Name an actor: their id (such as a12) or their name.")
    ident = actor_ref(text)
    if ident is not None:
        return lib.actors.get(ident)
    found = lib.actors.find(text)
    if found is None:
        raise ValidationError(f"There is no actor named '{text.strip()}'; 'briefdesk actors' lists them.")
    return lib.actors.get(found.id)  # with the claim count


def _actor_lines(a: ActorRecord) -> list[str]:
    lines = [f"a{a.id} {a.label}"]
    if a.aliases:
        lines.append(f"  also known as: {', '.join(a.aliases)}")
    lines.append(f"  claims: {a.claim_count}")
    return lines


def cmd_actor_show(args: argparse.Namespace, ctx: Context) -> int:
    lib = ctx.open_library(create=False)
    actor = find_actor(lib, args.actor)
    page = lib.claims.list(ClaimFilter(actor_id=actor.id), sort="said", limit=SHOWN_CLAIMS)

    def text() -> str:
        lines = _actor_lines(actor) + provenance_lines(actor)
        if page.items:
            lines += ["", f"Latest claims ({len(page.items)} of {page.total}):"]
            lines.append(
                table(
                    ["ref", "grade", "said", "statement"],
                    [(c.ref, c.grade, c.said or "", c.statement) for c in page.items],
                    max_width=80,
                )
            )
        else:
            lines += ["", "No claim is attributed to this actor."]
        return "\n".join(lines)

    ctx.output({"actor": actor, "claims": page.items, "claim_total": page.total}, text)
    return 0


def cmd_actor_set(args: argparse.Namespace, ctx: Context) -> int:
    fields: dict[str, object] = {}
    for key in ("name", "role", "affiliation"):
        if getattr(args, key) is not None:
            fields[key] = getattr(args, key)
    lib = ctx.open_library(create=False)
    actor = find_actor(lib, args.actor)
    if args.alias is not None:
        fields["aliases"] = [a for a in args.alias if a.strip()]
    if args.add_alias:
        base = list(fields.get("aliases", actor.aliases))  # type: ignore[call-overload]  # a list when set
        fields["aliases"] = base + [a for a in args.add_alias if a.strip()]
    if not fields:
        raise ValidationError(
            "Nothing to change: give at least one option such as --role 'Foreign minister'."
        )
    change = lib.actors.update(actor.id, if_version=args.if_version, **fields)
    after = change.after
    assert after is not None
    shown = ", ".join(f"{k}={', '.join(v) if isinstance(v, list) else v}" for k, v in fields.items())
    ctx.output({"change": change.action, "actor": after}, f"Actor a{actor.id} updated: {shown}")
    return 0


def cmd_actor_merge(args: argparse.Namespace, ctx: Context) -> int:
    lib = ctx.open_library(create=False)
    other = find_actor(lib, args.actor)
    keep = find_actor(lib, args.into)
    change = lib.actors.merge(other.id, into=keep.id)
    after = change.after
    assert after is not None
    moved = len(change.extra.get("claim_ids", []))
    ctx.output(
        {"change": change.action, "actor": after, "merged": other, "claims_moved": moved},
        f"Merged a{other.id} {other.name} into a{keep.id} {keep.name}: "
        f"{counted(moved, 'claim')} moved; {after.name} is also known as {', '.join(after.aliases) or '-'}.",
    )
    return 0


def cmd_actor_delete(args: argparse.Namespace, ctx: Context) -> int:
    lib = ctx.open_library(create=False)
    actor = find_actor(lib, args.actor)
    change = lib.actors.delete(actor.id, if_version=args.if_version)
    ctx.output({"change": change.action, "id": actor.id}, f"Actor a{actor.id} {actor.name} deleted.")
    return 0
