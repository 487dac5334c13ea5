"""Library-wide commands: demo content, actors, search, upkeep of the search index."""

from __future__ import annotations

import argparse

from app._text import counted
from app.cli.common import Context, add_json, count, table


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("demo", help="fill the library with the demo content")
    p.add_argument("--force", action="store_true", help="add the demo even if the library has content")
    add_json(p)
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("actors", help="list actors")
    p.add_argument("--text")
    p.add_argument("--limit", type=count, default=100)
    p.add_argument("--offset", type=count, default=0)
    add_json(p)
    p.set_defaults(func=cmd_actors)

    p = sub.add_parser("search", help="search sources, claims and actors")
    p.add_argument("query")
    p.add_argument("--limit", type=count, default=20)
    p.add_argument("--only", choices=["source", "claim", "actor"], action="append")
    add_json(p)
    p.set_defaults(func=cmd_search)

    p = sub.add_parser(
        "tidy",
        help="merge the search index into one piece and note each claim's common words (after an upgrade): text "
        "filters on a large library get several times faster",
    )
    add_json(p)
    p.set_defaults(func=cmd_tidy)


# --- handlers ----------------------------------------------------------------------------------------------


def cmd_demo(args: argparse.Namespace, ctx: Context) -> int:
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


def cmd_actors(args: argparse.Namespace, ctx: Context) -> int:
    lib = ctx.open_library(create=False)
    page = lib.actors.list(text=args.text, offset=args.offset, limit=args.limit)
    rows = [(f"a{a.id}", a.name, a.role, a.affiliation, a.claim_count) for a in ctx.sound(page.items)]
    ctx.output(
        {"total": page.total, "actors": page.items},
        lambda: (
            table(["ref", "name", "role", "affiliation", "claims"], rows)
            + f"\n{len(page.items)} of {page.total} actors"
        ),
    )
    return 0


def cmd_search(args: argparse.Namespace, ctx: Context) -> int:
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


def cmd_tidy(args: argparse.Namespace, ctx: Context) -> int:
    """The app does this a step at a time while it is idle; after a large import or an upgrade to 0014 (each
    claim's common words computed: app.storage.common_words) this does it at once."""
    lib = ctx.open_library(create=False)
    steps = 0
    while lib.tidy_search_index(above=1):
        steps += 1
    ctx.output(
        {"library": str(lib.path), "steps": steps},
        f"The search index of {lib.path} is in one piece and every claim's common words are noted"
        + (f" ({counted(steps, 'step')})." if steps else " (nothing to do)."),
    )
    return 0


def _plain(snippet: str) -> str:
    from app.search import plain  # loaded when searching, not for --help

    return plain(snippet)
