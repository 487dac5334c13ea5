"""Source commands: ``sources`` (the list) and ``source show|set|delete``."""

from __future__ import annotations

import argparse
import textwrap

from app._text import counted
from app.cli import provenance_cmds
from app.cli.common import Context, add_if_version, add_json, count, provenance_lines, record_id, table
from app.domain import SOURCE_EDITABLE_FIELDS
from app.domain_lists import SourceFilter
from app.errors import ValidationError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("sources", help="list sources")
    p.add_argument("--kind")
    p.add_argument("--reliability", metavar="A-F")
    p.add_argument("--text", help="only sources matching this search")
    p.add_argument(
        "--sort", default="published", choices=["id", "title", "outlet", "published", "kind", "reliability"]
    )
    p.add_argument("--asc", action="store_true", help="ascending order")
    p.add_argument("--limit", type=count, default=100)
    p.add_argument("--offset", type=count, default=0)
    add_json(p)
    p.set_defaults(func=cmd_sources)

    # source show|set|delete
    src = sub.add_parser("source", help="show, edit or delete a source")
    ssub = src.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = ssub.add_parser("show", help="show a source")
    p.add_argument("id", type=record_id)
    p.add_argument("--body", action="store_true", help="print the whole text")
    add_json(p)
    p.set_defaults(func=cmd_source_show)
    p = ssub.add_parser("set", help="edit a source's metadata or grade")
    p.add_argument("id", type=record_id)
    for name in SOURCE_EDITABLE_FIELDS:
        p.add_argument(f"--{name}")
    add_if_version(p, "source")
    provenance_cmds.add_source_options(p)
    add_json(p)
    p.set_defaults(func=cmd_source_set)
    p = ssub.add_parser("delete", help="delete a source and its claims")
    p.add_argument("id", type=record_id)
    add_if_version(p, "source")
    add_json(p)
    p.set_defaults(func=cmd_source_delete)


# --- handlers ----------------------------------------------------------------------------------------------


def cmd_sources(args: argparse.Namespace, ctx: Context) -> int:
    lib = ctx.open_library(create=False)
    flt = SourceFilter(kind=args.kind, reliability=args.reliability, text=args.text)
    page = lib.sources.list(
        flt, sort=args.sort, descending=not args.asc, offset=args.offset, limit=args.limit
    )
    rows = [
        (s.ref, s.reliability, s.published or "", s.kind.value, s.outlet, s.title, s.claim_count)
        for s in ctx.sound(page.items)
    ]
    ctx.output(
        {"total": page.total, "sources": page.items},
        lambda: (
            table(["ref", "grade", "published", "kind", "outlet", "title", "claims"], rows)
            + f"\n{len(page.items)} of {page.total} sources"
        ),
    )
    return 0


def cmd_source_show(args: argparse.Namespace, ctx: Context) -> int:
    lib = ctx.open_library(create=False)
    src = lib.sources.get(args.id)
    claims = lib.claims.for_source(src.id)
    prov_lines, prov = provenance_cmds.source_show_lines(lib, src.id)

    def text() -> str:
        lines = [
            f"{src.ref}  {src.title}",
            f"  kind: {src.kind.value}    grade: {src.reliability}    language: {src.language or '-'}",
            f"  outlet: {src.outlet or '-'}    authors: {src.authors or '-'}",
            f"  published: {src.published or '-'}    accessed: {src.accessed or '-'}",
            f"  url: {src.url or '-'}",
            f"  sha256: {src.sha256}",
            *provenance_lines(src),
        ]
        if src.descriptor:
            lines.append(f"  descriptor: {src.descriptor}")
        if src.notes:
            lines.append(f"  notes: {src.notes}")
        lines.append(f"  {counted(len(src.body), 'character')}, {counted(len(claims), 'claim')}")
        if args.body:
            lines += ["", src.body]
        else:
            preview = " ".join(src.body.split())[:400]
            lines += ["", textwrap.fill(preview + ("…" if len(src.body) > 400 else ""), 100)]
        lines += prov_lines
        if claims:
            lines += [
                "",
                table(
                    ["ref", "grade", "said", "actor", "statement"],
                    [(c.ref, c.grade, c.said or "", c.actor_name, c.statement) for c in ctx.sound(claims)],
                ),
            ]
        return "\n".join(lines)

    ctx.output({"source": src, "claims": claims, "provenance": prov}, text)
    return 0


def cmd_source_set(args: argparse.Namespace, ctx: Context) -> int:
    fields = {k: getattr(args, k) for k in SOURCE_EDITABLE_FIELDS if getattr(args, k) is not None}
    if not fields and not provenance_cmds.wants_source_change(args):
        raise ValidationError("Nothing to change: give at least one option such as --reliability B.")
    lib = ctx.open_library(create=False)
    with lib.transaction():  # the fields and the derivations, all or nothing
        if fields:
            record = lib.sources.update(args.id, if_version=args.if_version, **fields).after
        else:
            record = lib.sources.get(args.id)
        said, derived = provenance_cmds.apply_source_options(args, lib, args.id)
    said = [f"{k}={v}" for k, v in fields.items()] + said
    ctx.output(
        {"change": "updated", "source": record, "derived_from": derived},
        f"Source {args.id} updated: " + ", ".join(said) if said else f"Source {args.id}: nothing changed.",
    )
    return 0


def cmd_source_delete(args: argparse.Namespace, ctx: Context) -> int:
    lib = ctx.open_library(create=False)
    change = lib.sources.delete(args.id, if_version=args.if_version)
    ctx.output(
        {"change": change.action, "id": args.id, "claims_deleted": [i for _, i in change.affected]},
        f"Source {args.id} deleted with {counted(len(change.affected), 'claim')}.",
    )
    return 0
