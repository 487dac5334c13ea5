"""Brief commands: ``brief new|list|show|set-body|set|revisions|restore|waive`` and ``where-cited``."""

from __future__ import annotations

import argparse

from app._text import counted
from app._time import local_text
from app.cli.common import Context, add_if_version, add_json, provenance_lines, record_id, table
from app.errors import ValidationError

# A brief holds at most 20 million characters, each at most 4 bytes in UTF-8.
_MAX_TEXT_FILE_BYTES = 80_000_000


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    br = sub.add_parser("brief", help="create, list, show and edit briefs")
    bsub = br.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = bsub.add_parser(
        "new",
        help="create a brief (in the house shape: bottom line up front, key judgments, discussion, source "
        "summary; or from a file, or from another brief)",
    )
    p.add_argument("title")
    start = p.add_mutually_exclusive_group()
    start.add_argument("--body", metavar="FILE.md", help="the text, from a Markdown file")
    start.add_argument(
        "--from",
        dest="template",
        type=record_id,
        metavar="BRIEF_ID",
        help="start from a copy of another brief's text (a template brief); its marking unless --marking",
    )
    start.add_argument("--empty", action="store_true", help="start with no text at all")
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
    add_if_version(p, "brief")
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
    add_if_version(p, "brief")
    add_json(p)
    p.set_defaults(func=cmd_brief_set)
    p = bsub.add_parser("delete", help="delete a brief with its revisions, waivers and analysis")
    p.add_argument("id", type=record_id)
    add_json(p)
    p.set_defaults(func=cmd_brief_delete)
    p = bsub.add_parser("revisions", help="list a brief's revisions")
    p.add_argument("id", type=record_id)
    add_json(p)
    p.set_defaults(func=cmd_brief_revisions)
    p = bsub.add_parser("restore", help="restore a revision")
    p.add_argument("revision", type=record_id)
    add_if_version(p, "brief")
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


def _read_text_file(path: str) -> str:
    from app.paths import check_input_file

    # refused from its name and metadata (too long, under /proc, a pipe, a folder, too large) before reading
    p = check_input_file(path, "file", max_bytes=_MAX_TEXT_FILE_BYTES, purpose="for a brief")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ValidationError(f"Cannot read {p}: {exc.strerror}.") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(f"{p} is not UTF-8 text.") from None


def _parse_marking(value: str | None) -> tuple[str, str]:
    if not value:
        return "none", ""
    scheme, _, level = value.partition(":")
    scheme = scheme.strip().lower()
    if scheme == "tlp" and level and not level.upper().startswith("TLP:"):
        level = f"TLP:{level}"
    return scheme, level


def cmd_brief_new(args: argparse.Namespace, ctx: Context) -> int:
    from app.brief_shape import house_body

    scheme, level = _parse_marking(args.marking)
    lib = ctx.open_library()
    if args.body:
        body = _read_text_file(args.body)
    elif args.empty:
        body = ""
    elif args.template is not None:
        template = lib.briefs.get(args.template)
        body = template.body
        if not args.marking:
            scheme, level = template.marking_scheme.value, template.default_marking
    else:
        body = house_body(scheme, level)
    change = lib.briefs.create(
        title=args.title,
        body=body,
        marking_scheme=scheme,
        default_marking=level,
        author=args.author,
        organisation=args.organisation,
    )
    b = change.stored
    note = _dropped_note(body) if args.body else ""
    ctx.output({"change": change.action, "brief": b}, f"Brief {b.id} created: {b.title}" + note)
    return 0


def cmd_brief_list(args: argparse.Namespace, ctx: Context) -> int:
    lib = ctx.open_library(create=False)
    page = lib.briefs.list(limit=1000)
    rows = [
        (b.id, b.status.value, b.default_marking or b.marking_scheme.value, b.updated, b.title)
        for b in ctx.sound(page.items)
    ]
    ctx.output(
        {"total": page.total, "briefs": page.items},
        lambda: table(["id", "status", "marking", "updated", "title"], rows),
    )
    return 0


def cmd_brief_show(args: argparse.Namespace, ctx: Context) -> int:
    from app.citations import parse_citations

    lib = ctx.open_library(create=False)
    b = lib.briefs.get(args.id)
    cites = parse_citations(b.body)

    def text() -> str:
        lines = [
            f"Brief {b.id}: {b.title}",
            f"  status: {b.status.value}    marking: {b.marking_scheme.value} {b.default_marking}".rstrip(),
            f"  author: {b.author or '-'}    organisation: {b.organisation or '-'}",
            f"  {len(b.body.split())} words, {len(cites)} citations",
            *provenance_lines(b),
            "",
            b.body,
        ]
        return "\n".join(lines)

    ctx.output({"brief": b, "citations": cites}, text)
    return 0


def _dropped_note(body: str) -> str:
    """What the library leaves out of a body read from a file, said in plain words (empty if nothing)."""
    from app.brief_model.text import count_forbidden

    n = count_forbidden(body)
    if not n:
        return ""
    return f" {counted(n, 'control character')} in the file left out (no document can hold them)."


def cmd_brief_set_body(args: argparse.Namespace, ctx: Context) -> int:
    body = _read_text_file(args.file)
    lib = ctx.open_library(create=False)
    change = lib.briefs.set_body(args.id, body, reason="save", if_version=args.if_version)
    ctx.output(
        {"change": change.action, "brief": change.after, "revision_id": change.extra.get("revision_id")},
        f"Brief {args.id}: body {'replaced' if change.action == 'updated' else 'unchanged'}."
        + _dropped_note(body),
    )
    return 0


def cmd_brief_set(args: argparse.Namespace, ctx: Context) -> int:
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
    change = lib.briefs.update(args.id, if_version=args.if_version, **fields)
    ctx.output({"change": change.action, "brief": change.after}, f"Brief {args.id} updated.")
    return 0


def cmd_brief_delete(args: argparse.Namespace, ctx: Context) -> int:
    lib = ctx.open_library(create=False)
    change = lib.briefs.delete(args.id)
    revisions = change.extra.get("revisions", 0)
    ctx.output(
        {"change": change.action, "brief": change.before, "revisions_deleted": revisions},
        f"Brief {args.id} deleted ({change.before.title if change.before else ''}) with {counted(revisions, 'revision')}.",
    )
    return 0


def cmd_brief_revisions(args: argparse.Namespace, ctx: Context) -> int:
    lib = ctx.open_library(create=False)
    revs = lib.briefs.revisions(args.id)
    ctx.output(
        {
            "brief_id": args.id,
            "revisions": [
                {
                    "id": r.id,
                    "reason": r.reason,
                    "created": r.created,
                    "created_by": r.created_by,
                    "uuid": r.uuid,
                    "word_count": r.word_count,
                }
                for r in revs
            ],
        },
        lambda: table(
            ["revision", "reason", "saved", "by", "words"],
            [
                (r.id, r.reason, local_text(r.created, seconds=True), r.created_by or "-", r.word_count)
                for r in ctx.sound(revs)
            ],
        ),
    )
    return 0


def cmd_brief_restore(args: argparse.Namespace, ctx: Context) -> int:
    lib = ctx.open_library(create=False)
    change = lib.briefs.restore_revision(args.revision, if_version=args.if_version)
    ctx.output(
        {"change": change.action, "brief": change.after},
        f"Brief {change.id}: revision {args.revision} restored.",
    )
    return 0


def cmd_brief_waive(args: argparse.Namespace, ctx: Context) -> int:
    lib = ctx.open_library(create=False)
    change = lib.briefs.add_waiver(brief_id=args.id, claim_id=args.claim, reason=args.reason)
    ctx.output(
        {"change": change.action, "waiver": change.after},
        f"Waiver recorded: brief {args.id} may cite c{args.claim} without its denial.",
    )
    return 0


def cmd_where_cited(args: argparse.Namespace, ctx: Context) -> int:
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
