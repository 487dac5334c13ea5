"""Library commands: demo, lists, show, add, link, set, search, briefs, where-cited."""

from __future__ import annotations

import argparse
import textwrap
from pathlib import Path

from app._text import counted
from app.cli.common import Context, add_json, count, record_id, table
from app.domain import (
    SOURCE_EDITABLE_FIELDS,
    ClaimFilter,
    ClaimRecord,
    ClaimStatus,
    LinkKind,
    SourceFilter,
    parse_date,
)
from app.errors import BriefdeskError, ValidationError

# A brief holds at most 20 million characters, each at most 4 bytes in UTF-8.
_MAX_TEXT_FILE_BYTES = 80_000_000


def _read_text_file(path: str) -> str:
    p = Path(path)
    try:
        size = p.stat().st_size
        if not p.is_file() and not p.is_dir():  # a pipe or device: reading could wait forever
            raise ValidationError(f"{p} is not a regular file (a pipe, device or socket).")
        if p.is_file() and size > _MAX_TEXT_FILE_BYTES:  # refused from its size, before reading it
            raise ValidationError(
                f"{p} is too large for a brief ({size:,} bytes; at most 20 million characters)."
            )
        data = p.read_bytes()
    except FileNotFoundError:
        raise ValidationError(f"There is no file {p}.") from None
    except IsADirectoryError:
        raise ValidationError(f"{p} is a folder, not a file.") from None
    except OSError as exc:
        raise ValidationError(f"Cannot read {p}: {exc.strerror}.") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(f"{p} is not UTF-8 text.") from None


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="fill the library with the demo content")
    p.add_argument("--force", action="store_true", help="add the demo even if the library has content")
    add_json(p)
    p.set_defaults(func=cmd_demo)

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

    p = sub.add_parser("actors", help="list actors")
    p.add_argument("--text")
    p.add_argument("--limit", type=count, default=100)
    p.add_argument("--offset", type=count, default=0)
    add_json(p)
    p.set_defaults(func=cmd_actors)

    p = sub.add_parser("claims", help="list claims")
    p.add_argument("--source", type=record_id, metavar="ID")
    p.add_argument("--actor", metavar="NAME")
    p.add_argument("--status", choices=[s.value for s in ClaimStatus])
    p.add_argument("--tag")
    p.add_argument("--contested", action="store_true", help="only claims that have a denial")
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
    add_json(p)
    p.set_defaults(func=cmd_source_set)
    p = ssub.add_parser("delete", help="delete a source and its claims")
    p.add_argument("id", type=record_id)
    add_json(p)
    p.set_defaults(func=cmd_source_delete)

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
    p.add_argument("--credibility", default="6", metavar="1-6")
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
    p.add_argument("--credibility", metavar="1-6")
    p.add_argument("--statement")
    p.add_argument("--said", metavar="DATE")
    p.add_argument("--tag", action="append", help="replace the tags (repeat for several)")
    p.add_argument("--notes")
    add_json(p)
    p.set_defaults(func=cmd_claim_set)
    p = csub.add_parser("delete", help="delete a claim and its links")
    p.add_argument("id", type=record_id)
    add_json(p)
    p.set_defaults(func=cmd_claim_delete)

    p = sub.add_parser("search", help="search sources, claims and actors")
    p.add_argument("query")
    p.add_argument("--limit", type=count, default=20)
    p.add_argument("--only", choices=["source", "claim", "actor"], action="append")
    add_json(p)
    p.set_defaults(func=cmd_search)

    br = sub.add_parser("brief", help="create, list, show and edit briefs")
    bsub = br.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = bsub.add_parser("new", help="create a brief")
    p.add_argument("title")
    p.add_argument("--body", metavar="FILE.md")
    p.add_argument("--marking", metavar="SCHEME:LEVEL", help="e.g. tlp:amber, classification:S, none")
    p.add_argument("--author", default="")
    p.add_argument("--organisation", default="")
    add_json(p)
    p.set_defaults(func=cmd_brief_new)
    p = bsub.add_parser("list", help="list briefs")
    add_json(p)
    p.set_defaults(func=cmd_brief_list)
    p = bsub.add_parser("show", help="show a brief with its citations")
    p.add_argument("id", type=record_id)
    add_json(p)
    p.set_defaults(func=cmd_brief_show)
    p = bsub.add_parser("set-body", help="replace a brief's text from a Markdown file (keeps a revision)")
    p.add_argument("id", type=record_id)
    p.add_argument("file", metavar="FILE.md")
    add_json(p)
    p.set_defaults(func=cmd_brief_set_body)
    p = bsub.add_parser("set", help="edit a brief's properties")
    p.add_argument("id", type=record_id)
    p.add_argument("--title")
    p.add_argument("--author")
    p.add_argument("--organisation")
    p.add_argument("--status", choices=["draft", "final"])
    p.add_argument("--marking", metavar="SCHEME:LEVEL")
    p.add_argument("--summary", metavar="FILE", help="the source summary statement, from a file")
    add_json(p)
    p.set_defaults(func=cmd_brief_set)
    p = bsub.add_parser("revisions", help="list a brief's revisions")
    p.add_argument("id", type=record_id)
    add_json(p)
    p.set_defaults(func=cmd_brief_revisions)
    p = bsub.add_parser("restore", help="restore a revision")
    p.add_argument("revision", type=record_id)
    add_json(p)
    p.set_defaults(func=cmd_brief_restore)
    p = bsub.add_parser(
        "waive", help="record a balance waiver: why a denied claim is cited without its denial"
    )
    p.add_argument("id", type=record_id, metavar="BRIEF_ID")
    p.add_argument("claim", type=record_id, metavar="CLAIM_ID")
    p.add_argument("--reason", required=True)
    add_json(p)
    p.set_defaults(func=cmd_brief_waive)

    p = sub.add_parser("where-cited", help="which briefs cite a claim, and where")
    p.add_argument("id", type=record_id, metavar="CLAIM_ID")
    add_json(p)
    p.set_defaults(func=cmd_where_cited)


# --- handlers ----------------------------------------------------------------------------------------------


def cmd_demo(args, ctx: Context) -> int:
    from app.demo import populate

    lib = ctx.open_library()
    result = populate(lib, force=args.force)
    payload = {
        "library": str(lib.path),
        "sources": len(result.sources),
        "actors": len(result.actors),
        "claims": len(result.claims),
        "links": result.links,
        "brief_id": result.brief_id,
    }
    ctx.output(
        payload,
        f"Demo content added to {lib.path}: {len(result.sources)} sources, {len(result.actors)} "
        f"actors, {len(result.claims)} claims, {result.links} links, brief {result.brief_id}.",
    )
    return 0


def cmd_sources(args, ctx: Context) -> int:
    lib = ctx.open_library(create=False)
    flt = SourceFilter(kind=args.kind, reliability=args.reliability, text=args.text)
    page = lib.sources.list(
        flt, sort=args.sort, descending=not args.asc, offset=args.offset, limit=args.limit
    )
    rows = [
        (s.ref, s.reliability, s.published or "", s.kind.value, s.outlet, s.title, s.claim_count)
        for s in page.items
    ]
    ctx.output(
        {"total": page.total, "sources": page.items},
        lambda: (
            table(["ref", "grade", "published", "kind", "outlet", "title", "claims"], rows)
            + f"\n{len(page.items)} of {page.total} sources"
        ),
    )
    return 0


def cmd_actors(args, ctx: Context) -> int:
    lib = ctx.open_library(create=False)
    page = lib.actors.list(text=args.text, offset=args.offset, limit=args.limit)
    rows = [(f"a{a.id}", a.name, a.role, a.affiliation, a.claim_count) for a in page.items]
    ctx.output(
        {"total": page.total, "actors": page.items},
        lambda: (
            table(["ref", "name", "role", "affiliation", "claims"], rows)
            + f"\n{len(page.items)} of {page.total} actors"
        ),
    )
    return 0


def _claim_filter(args, lib) -> ClaimFilter:
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
        said_from=parse_date(args.said_from, what="date"),
        said_to=parse_date(args.said_to, what="date"),
        text=args.text,
    )


def _claim_row(c: ClaimRecord) -> tuple:
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


def cmd_claims(args, ctx: Context) -> int:
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
                [_claim_row(c) for c in page.items],
            )
            + f"\n{len(page.items)} of {page.total} claims"
        ),
    )
    return 0


def cmd_source_show(args, ctx: Context) -> int:
    lib = ctx.open_library(create=False)
    src = lib.sources.get(args.id)
    claims = lib.claims.for_source(src.id)

    def text() -> str:
        lines = [
            f"{src.ref}  {src.title}",
            f"  kind: {src.kind.value}    grade: {src.reliability}    language: {src.language or '-'}",
            f"  outlet: {src.outlet or '-'}    authors: {src.authors or '-'}",
            f"  published: {src.published or '-'}    accessed: {src.accessed or '-'}",
            f"  url: {src.url or '-'}",
            f"  sha256: {src.sha256}",
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
        if claims:
            lines += [
                "",
                table(
                    ["ref", "grade", "said", "actor", "statement"],
                    [(c.ref, c.grade, c.said or "", c.actor_name, c.statement) for c in claims],
                ),
            ]
        return "\n".join(lines)

    ctx.output({"source": src, "claims": claims}, text)
    return 0


def cmd_source_set(args, ctx: Context) -> int:
    fields = {k: getattr(args, k) for k in SOURCE_EDITABLE_FIELDS if getattr(args, k) is not None}
    if not fields:
        raise ValidationError("Nothing to change: give at least one option such as --reliability B.")
    lib = ctx.open_library(create=False)
    change = lib.sources.update(args.id, **fields)
    ctx.output(
        {"change": change.action, "source": change.after},
        f"Source {args.id} updated: " + ", ".join(f"{k}={v}" for k, v in fields.items()),
    )
    return 0


def cmd_source_delete(args, ctx: Context) -> int:
    lib = ctx.open_library(create=False)
    change = lib.sources.delete(args.id)
    ctx.output(
        {"change": change.action, "id": args.id, "claims_deleted": [i for _, i in change.affected]},
        f"Source {args.id} deleted with {counted(len(change.affected), 'claim')}.",
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
        f"{indent}  {who}, said {c.said or 'undated'}",
        f"{indent}  statement: {c.statement}",
        f"{indent}  quote: \u201c{' '.join(c.quote.split())}\u201d",
        f"{indent}  source: s{c.source_id} {c.source_title} ({c.source_outlet or c.source_kind.value}, "
        f"{c.source_published or 'undated'})",
    ]
    if c.tags:
        out.append(f"{indent}  tags: {', '.join(c.tags)}")
    return out


def cmd_claim_show(args, ctx: Context) -> int:
    lib = ctx.open_library(create=False)
    view = lib.claims.with_links(args.id)

    def text() -> str:
        lines = _claim_block(view.claim)
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
                    lines += _claim_block(lc.claim, "  ")
                    if lc.link.note:
                        lines.append(f"    note: {lc.link.note}")
        if not (view.denials or view.corroborations):
            lines += ["", "No denials or corroborations on file."]
        return "\n".join(lines)

    ctx.output(view, text)
    return 0


def cmd_claim_add(args, ctx: Context) -> int:
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
    c = change.after
    ctx.output(
        {"change": change.action, "claim": c},
        f"Claim {c.ref} added [{c.grade}], quote at characters {c.span_start}-{c.span_end} of s{c.source_id}.",
    )
    return 0


def cmd_claim_link(args, ctx: Context) -> int:
    lib = ctx.open_library(create=False)
    change = lib.links.create(from_claim_id=args.b, kind=args.kind, to_claim_id=args.a, note=args.note)
    ctx.output(
        {"change": change.action, "link": change.after},
        f"Linked: claim c{args.b} {args.kind} claim c{args.a} (link {change.id}).",
    )
    return 0


def cmd_claim_unlink(args, ctx: Context) -> int:
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


def cmd_claim_set(args, ctx: Context) -> int:
    fields = {}
    for key in ("status", "credibility", "statement", "said", "notes"):
        if getattr(args, key) is not None:
            fields[key] = getattr(args, key)
    if args.tag is not None:
        fields["tags"] = args.tag
    if not fields:
        raise ValidationError("Nothing to change: give at least one option such as --status disputed.")
    lib = ctx.open_library(create=False)
    change = lib.claims.update(args.id, **fields)
    ctx.output(
        {"change": change.action, "claim": change.after},
        f"Claim c{args.id} updated: " + ", ".join(f"{k}={v}" for k, v in fields.items()),
    )
    return 0


def cmd_claim_delete(args, ctx: Context) -> int:
    lib = ctx.open_library(create=False)
    change = lib.claims.delete(args.id)
    ctx.output(
        {"change": change.action, "id": args.id, "links_removed": len(change.extra.get("links", []))},
        f"Claim c{args.id} deleted with {counted(len(change.extra.get('links', [])), 'link')}.",
    )
    return 0


def cmd_search(args, ctx: Context) -> int:
    lib = ctx.open_library(create=False)
    entities = tuple(args.only) if args.only else ("source", "claim", "actor")
    hits = lib.search(args.query, entities=entities, limit=args.limit)
    ctx.output(
        {"query": args.query, "hits": hits},
        lambda: (
            table(
                ["ref", "kind", "title", "snippet"],
                [(h.ref, h.entity, h.title, _plain(h.snippet)) for h in hits],
                max_width=70,
            )
            + f"\n{counted(len(hits), 'hit')}"
        ),
    )
    return 0


def _parse_marking(value: str | None) -> tuple[str, str]:
    if not value:
        return "none", ""
    scheme, _, level = value.partition(":")
    scheme = scheme.strip().lower()
    if scheme == "tlp" and level and not level.upper().startswith("TLP:"):
        level = f"TLP:{level}"
    return scheme, level


def cmd_brief_new(args, ctx: Context) -> int:
    body = _read_text_file(args.body) if args.body else ""
    scheme, level = _parse_marking(args.marking)
    lib = ctx.open_library()
    change = lib.briefs.create(
        title=args.title,
        body=body,
        marking_scheme=scheme,
        default_marking=level,
        author=args.author,
        organisation=args.organisation,
    )
    b = change.after
    ctx.output({"change": change.action, "brief": b}, f"Brief {b.id} created: {b.title}")
    return 0


def cmd_brief_list(args, ctx: Context) -> int:
    lib = ctx.open_library(create=False)
    page = lib.briefs.list(limit=1000)
    rows = [
        (b.id, b.status.value, b.default_marking or b.marking_scheme.value, b.updated, b.title)
        for b in page.items
    ]
    ctx.output(
        {"total": page.total, "briefs": page.items},
        lambda: table(["id", "status", "marking", "updated", "title"], rows),
    )
    return 0


def cmd_brief_show(args, ctx: Context) -> int:
    from app.citations import parse_citations

    lib = ctx.open_library(create=False)
    b = lib.briefs.get(args.id)
    cites = parse_citations(b.body)

    def text() -> str:
        lines = [
            f"Brief {b.id}: {b.title}",
            f"  status: {b.status.value}    marking: {b.marking_scheme.value} {b.default_marking}".rstrip(),
            f"  author: {b.author or '-'}    organisation: {b.organisation or '-'}",
            f"  updated: {b.updated}    {len(b.body.split())} words, {len(cites)} citations",
            "",
            b.body,
        ]
        return "\n".join(lines)

    ctx.output({"brief": b, "citations": cites}, text)
    return 0


def cmd_brief_set_body(args, ctx: Context) -> int:
    body = _read_text_file(args.file)
    lib = ctx.open_library(create=False)
    change = lib.briefs.set_body(args.id, body, reason="save")
    ctx.output(
        {"change": change.action, "brief": change.after, "revision_id": change.extra.get("revision_id")},
        f"Brief {args.id}: body {'replaced' if change.action == 'updated' else 'unchanged'}.",
    )
    return 0


def cmd_brief_set(args, ctx: Context) -> int:
    fields = {
        k: getattr(args, k)
        for k in ("title", "author", "organisation", "status")
        if getattr(args, k) is not None
    }
    if args.marking is not None:
        fields["marking_scheme"], fields["default_marking"] = _parse_marking(args.marking)
    if args.summary is not None:
        fields["summary_statement"] = _read_text_file(args.summary)
    if not fields:
        raise ValidationError("Nothing to change: give at least one option such as --status final.")
    lib = ctx.open_library(create=False)
    change = lib.briefs.update(args.id, **fields)
    ctx.output({"change": change.action, "brief": change.after}, f"Brief {args.id} updated.")
    return 0


def cmd_brief_revisions(args, ctx: Context) -> int:
    lib = ctx.open_library(create=False)
    revs = lib.briefs.revisions(args.id)
    ctx.output(
        {
            "brief_id": args.id,
            "revisions": [
                {**{"id": r.id, "reason": r.reason, "created": r.created, "word_count": r.word_count}}
                for r in revs
            ],
        },
        lambda: table(
            ["revision", "reason", "saved", "words"],
            [(r.id, r.reason, r.created, r.word_count) for r in revs],
        ),
    )
    return 0


def cmd_brief_restore(args, ctx: Context) -> int:
    lib = ctx.open_library(create=False)
    change = lib.briefs.restore_revision(args.revision)
    ctx.output(
        {"change": change.action, "brief": change.after},
        f"Brief {change.id}: revision {args.revision} restored.",
    )
    return 0


def cmd_brief_waive(args, ctx: Context) -> int:
    lib = ctx.open_library(create=False)
    change = lib.briefs.add_waiver(brief_id=args.id, claim_id=args.claim, reason=args.reason)
    ctx.output(
        {"change": change.action, "waiver": change.after},
        f"Waiver recorded: brief {args.id} may cite c{args.claim} without its denial.",
    )
    return 0


def cmd_where_cited(args, ctx: Context) -> int:
    lib = ctx.open_library(create=False)
    places = lib.briefs.where_cited(args.id)
    if not ctx.json and not places:
        ctx.output(None, f"Claim c{args.id} is not cited in any brief.")
        return 0
    ctx.output(
        {"claim_id": args.id, "citations": places},
        lambda: table(
            ["brief", "title", "line", "column", "section"],
            [(p.brief_id, p.brief_title, p.line, p.column, p.section) for p in places],
        ),
    )
    return 0


__all__ = ["register", "BriefdeskError"]


def _plain(snippet: str) -> str:
    from app.search import plain  # loaded when searching, not for --help

    return plain(snippet)
