"""Claim commands: ``claims`` (the list) and ``claim show|add|link|unlink|set|delete``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from app._text import counted
from app.cli import provenance_cmds
from app.cli.common import Context, add_if_version, add_json, count, provenance_lines, record_id, table
from app.domain import CREDIBILITY_MEANING, ClaimRecord, ClaimStatus, LinkKind, grade_text, parse_date
from app.domain_lists import ActorRecord, ClaimFilter
from app.errors import ValidationError

if TYPE_CHECKING:
    from app.library import Library

CREDIBILITY_HELP = "the information's credibility, as the Admiralty code grades it: " + "; ".join(
    f"{n} {meaning.lower()}" for n, meaning in CREDIBILITY_MEANING.items()
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("claims", help="list claims")
    p.add_argument("--source", type=record_id, metavar="ID")
    p.add_argument("--actor", metavar="NAME")
    p.add_argument("--status", choices=[s.value for s in ClaimStatus])
    p.add_argument("--tag")
    p.add_argument("--contested", action="store_true", help="only claims that have a denial")
    p.add_argument(
        "--corroboration",
        choices=["independent", "single"],
        help="independent: corroborated by a claim with an origin of its own; single: nothing independent "
        "corroborates it (one origin)",
    )
    p.add_argument("--from", dest="said_from", metavar="DATE", help="said on or after")
    p.add_argument("--to", dest="said_to", metavar="DATE", help="said on or before")
    p.add_argument("--text", help="only claims matching this search")
    p.add_argument(
        "--sort", default="said", choices=["id", "said", "credibility", "status", "actor", "source"]
    )
    p.add_argument("--asc", action="store_true")
    p.add_argument("--limit", type=count, default=100)
    p.add_argument("--offset", type=count, default=0)
    add_json(p)
    p.set_defaults(func=cmd_claims)

    # claim show|add|link|unlink|set|delete
    cl = sub.add_parser("claim", help="show, add, link, edit or delete a claim")
    csub = cl.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = csub.add_parser("show", help="a claim with its denials and corroborations")
    p.add_argument("id", type=record_id)
    add_json(p)
    p.set_defaults(func=cmd_claim_show)
    p = csub.add_parser("add", help="add a claim quoted from a source")
    p.add_argument("--source", type=record_id, required=True, metavar="ID")
    p.add_argument("--quote", required=True, help="the words as the source has them")
    p.add_argument("--actor", metavar="NAME")
    p.add_argument("--role", default="")
    p.add_argument("--affiliation", default="")
    p.add_argument("--statement", default="")
    p.add_argument("--said", metavar="DATE")
    p.add_argument("--credibility", default="6", metavar="1-6", help=CREDIBILITY_HELP + " (default 6)")
    p.add_argument("--status", default="unverified", choices=[s.value for s in ClaimStatus])
    p.add_argument("--tag", action="append", default=[])
    p.add_argument("--notes", default="")
    add_json(p)
    p.set_defaults(func=cmd_claim_add)
    p = csub.add_parser(
        "link",
        help="link two claims; reads 'claim B denies claim A'",
        usage="briefdesk claim link A (--denies|--corroborates|--qualifies) B [--note TEXT]",
    )
    p.add_argument("a", type=record_id, metavar="A")
    group = p.add_mutually_exclusive_group(required=True)
    for kind in LinkKind:
        group.add_argument(f"--{kind.value}", dest="kind", action="store_const", const=kind.value)
    p.add_argument("b", type=record_id, metavar="B")
    p.add_argument("--note", default="")
    add_json(p)
    p.set_defaults(func=cmd_claim_link)
    p = csub.add_parser("unlink", help="remove the link between claims A and B")
    p.add_argument("a", type=record_id, metavar="A")
    p.add_argument("b", type=record_id, metavar="B")
    add_json(p)
    p.set_defaults(func=cmd_claim_unlink)
    p = csub.add_parser("set", help="edit a claim")
    p.add_argument("id", type=record_id)
    p.add_argument("--status", choices=[s.value for s in ClaimStatus])
    p.add_argument("--credibility", metavar="1-6", help=CREDIBILITY_HELP)
    p.add_argument("--statement")
    p.add_argument("--said", metavar="DATE")
    p.add_argument("--tag", action="append", help="replace the tags (repeat for several)")
    p.add_argument("--notes")
    p.add_argument(
        "--actor",
        metavar="NAME_OR_ID",
        help="who said it: an actor's id (a12) or name (an unknown name is a new actor); '' for no one",
    )
    add_if_version(p, "claim")
    provenance_cmds.add_claim_options(p)
    add_json(p)
    p.set_defaults(func=cmd_claim_set)
    p = csub.add_parser("delete", help="delete a claim and its links")
    p.add_argument("id", type=record_id)
    add_if_version(p, "claim")
    add_json(p)
    p.set_defaults(func=cmd_claim_delete)
    provenance_cmds.register_claim(csub)


# --- handlers ----------------------------------------------------------------------------------------------


def _claim_filter(args: argparse.Namespace, lib: Library) -> ClaimFilter:
    actor_id = None
    actor_name = None
    if args.actor:
        found = lib.actors.find(args.actor)
        if found is not None:
            actor_id = found.id
        else:
            actor_name = args.actor
    return ClaimFilter(
        source_id=args.source,
        actor_id=actor_id,
        actor_name=actor_name,
        tag=args.tag,
        status=ClaimStatus.parse(args.status) if args.status else None,
        contested=args.contested,
        corroboration=args.corroboration,
        said_from=parse_date(args.said_from, what="date"),
        said_to=parse_date(args.said_to, what="date"),
        text=args.text,
    )


def _claim_row(c: ClaimRecord) -> tuple[object, ...]:
    return (
        c.ref,
        c.grade,
        c.said or "",
        c.actor_name,
        c.statement,
        f"s{c.source_id}",
        c.status.value
        + (f" ({c.denial_count} denial{'s' if c.denial_count != 1 else ''})" if c.contested else ""),
    )


def cmd_claims(args: argparse.Namespace, ctx: Context) -> int:
    lib = ctx.open_library(create=False)
    if args.source is not None:
        lib.sources.get(args.source)  # a clear error for an unknown source
    page = lib.claims.list(
        _claim_filter(args, lib),
        sort=args.sort,
        descending=not args.asc,
        offset=args.offset,
        limit=args.limit,
    )
    ctx.output(
        {"total": page.total, "claims": page.items},
        lambda: (
            table(
                ["ref", "grade", "said", "actor", "statement", "source", "status"],
                [_claim_row(c) for c in ctx.sound(page.items)],
            )
            + f"\n{len(page.items)} of {page.total} claims"
        ),
    )
    return 0


def _claim_block(c: ClaimRecord, indent: str = "") -> list[str]:
    who = c.actor_name or "(no actor)"
    if c.actor_role:
        who += f", {c.actor_role}"
    if c.actor_affiliation:
        who += f" ({c.actor_affiliation})"
    out = [
        f"{indent}{c.ref} [{c.grade}] {c.status.value}" + ("  CONTESTED" if c.contested else ""),
        f"{indent}  grade: {grade_text(c.source_reliability, c.credibility)}",
        f"{indent}  {who}, said {c.said or 'undated'}",
        f"{indent}  statement: {c.statement}",
        f"{indent}  quote: \u201c{' '.join(c.quote.split())}\u201d",
        f"{indent}  source: s{c.source_id} {c.source_title} ({c.source_outlet or c.source_kind.value}, "
        f"{c.source_published or 'undated'})",
    ]
    if c.tags:
        out.append(f"{indent}  tags: {', '.join(c.tags)}")
    return out


def cmd_claim_show(args: argparse.Namespace, ctx: Context) -> int:
    lib = ctx.open_library(create=False)
    view = lib.claims.with_links(args.id)

    def text() -> str:
        prov_lines, dependent = provenance_cmds.claim_show_lines(lib, view)
        lines = _claim_block(view.claim) + provenance_lines(view.claim) + prov_lines
        for title, group in (
            ("Denied by", view.denials),
            ("Corroborated by", view.corroborations),
            ("Qualified by", view.qualifications),
            ("This claim denies", view.denies),
            ("This claim corroborates", view.corroborates),
            ("This claim qualifies", view.qualifies),
        ):
            if group:
                lines += ["", f"{title} ({len(group)}):"]
                for lc in group:
                    block = _claim_block(lc.claim, "  ")
                    if lc.link.kind.value == "corroborates" and lc.claim.id in dependent:
                        block[0] += "  NOT INDEPENDENT (shares an origin with this claim)"
                    lines += block
                    if lc.link.note:
                        lines.append(f"    note: {lc.link.note}")
        if not (view.denials or view.corroborations):
            lines += ["", "No denials or corroborations on file."]
        return "\n".join(lines)

    ctx.output(view, text)
    return 0


def cmd_claim_add(args: argparse.Namespace, ctx: Context) -> int:
    lib = ctx.open_library(create=False)
    change = lib.claims.create(
        source_id=args.source,
        quote=args.quote,
        actor=args.actor,
        role=args.role,
        affiliation=args.affiliation,
        statement=args.statement,
        said=args.said,
        credibility=args.credibility,
        status=args.status,
        tags=args.tag,
        notes=args.notes,
    )
    c = change.stored
    ctx.output(
        {"change": change.action, "claim": c},
        f"Claim {c.ref} added [{c.grade}], quote at characters {c.span_start}-{c.span_end} of s{c.source_id}.",
    )
    return 0


def cmd_claim_link(args: argparse.Namespace, ctx: Context) -> int:
    lib = ctx.open_library(create=False)
    change = lib.links.create(from_claim_id=args.b, kind=args.kind, to_claim_id=args.a, note=args.note)
    ctx.output(
        {"change": change.action, "link": change.after},
        f"Linked: claim c{args.b} {args.kind} claim c{args.a} (link {change.id}).",
    )
    return 0


def cmd_claim_unlink(args: argparse.Namespace, ctx: Context) -> int:
    lib = ctx.open_library(create=False)
    link = lib.links.find(args.b, args.a) or lib.links.find(args.a, args.b)
    if link is None:
        raise ValidationError(f"Claims c{args.a} and c{args.b} are not linked.")
    change = lib.links.delete(link.id)
    ctx.output(
        {"change": change.action, "link": change.before},
        f"Unlinked: claim c{link.from_claim_id} no longer {link.kind.value} claim c{link.to_claim_id}.",
    )
    return 0


def cmd_claim_set(args: argparse.Namespace, ctx: Context) -> int:
    fields = {}
    for key in ("status", "credibility", "statement", "said", "notes"):
        if getattr(args, key) is not None:
            fields[key] = getattr(args, key)
    if args.tag is not None:
        fields["tags"] = args.tag
    if not fields and args.actor is None and not provenance_cmds.wants_claim_change(args):
        raise ValidationError("Nothing to change: give at least one option such as --status disputed.")
    lib = ctx.open_library(create=False)
    with lib.transaction():  # the fields, the actor and the report, all or nothing
        if args.actor is not None:
            fields["actor"] = _actor_for(lib, args.actor)
        if fields:
            shown = dict(fields)
            actor = fields.pop("actor", None)
            if "actor" in shown:
                fields["actor_id"] = actor.id if actor is not None else None
                shown["actor"] = f"a{actor.id} {actor.name}" if actor is not None else "(no actor)"
            record = lib.claims.update(args.id, if_version=args.if_version, **fields).after
        else:
            shown = {}
            record = lib.claims.get(args.id)
        said = provenance_cmds.apply_claim_options(args, lib, args.id)
    ctx.output(
        {"change": "updated", "claim": record, "report": lib.provenance.report(args.id)},
        f"Claim c{args.id} updated: " + ", ".join([f"{k}={v}" for k, v in shown.items()] + said),
    )
    return 0


def _actor_for(lib: Library, text: str) -> ActorRecord | None:
    """``claim set --actor``: an actor by id (a12) or by name or alias; an unknown name becomes a new actor
    (as ``claim add --actor`` does); empty: no actor."""
    from app.cli.actor_cmds import actor_ref

    if not text.strip():
        return None
    ident = actor_ref(text)
    if ident is not None:
        return lib.actors.get(ident)
    return lib.actors.get_or_create(name=text)


def cmd_claim_delete(args: argparse.Namespace, ctx: Context) -> int:
    lib = ctx.open_library(create=False)
    change = lib.claims.delete(args.id, if_version=args.if_version)
    ctx.output(
        {"change": change.action, "id": args.id, "links_removed": len(change.extra.get("links", []))},
        f"Claim c{args.id} deleted with {counted(len(change.extra.get('links', [])), 'link')}.",
    )
    return 0
