"""``briefdesk extract SOURCE_ID [--apply] [--json]``: draft claims and denials from a source's text."""

from __future__ import annotations

import argparse
from typing import Any

from app._text import counted
from app.cli.common import Context, add_json, record_id, table
from app.domain import Change


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "extract", help="draft claims and denials from a source's text (writes nothing without --apply)"
    )
    p.add_argument("source_id", type=record_id, metavar="SOURCE_ID")
    p.add_argument("--apply", action="store_true", help="create every proposal as a claim, denials linked")
    p.add_argument(
        "--credibility",
        type=int,
        choices=range(1, 7),
        default=6,
        metavar="1-6",
        help="credibility given to created claims (default 6: truth cannot be judged)",
    )
    add_json(p)
    p.set_defaults(func=cmd_extract)


def cmd_extract(args: argparse.Namespace, ctx: Context) -> int:
    from app.extract import apply, propose  # imported when used: the rules' patterns take time to compile

    lib = ctx.open_library(create=False)
    extraction = propose(lib, args.source_id)
    proposals = list(extraction.proposals)
    created: list[int] = []
    links = 0
    changes: list[Change[Any]] = []
    if args.apply and proposals:
        changes = apply(lib, args.source_id, proposals, credibility=args.credibility)
        created = [c.id for c in changes if c.entity == "claim"]
        links = sum(1 for c in changes if c.entity == "link")
    payload = {
        "source_id": args.source_id,
        "extractor": extraction.extractor,
        "proposals": [p.to_json() for p in proposals],
        "skipped_existing": list(extraction.skipped),
        "notice": extraction.notice,
        "unattributed": list(extraction.unattributed),
        "applied": bool(args.apply),
        "created_claim_ids": created,
        "created_links": links,
    }

    def render() -> str:
        if not proposals:
            lines = [extraction.notice or f"No attributed statements found in source {args.source_id}."]
        else:
            rows = []
            for p in proposals:
                answers = p.denies or (f"c{p.denies_claim_id}" if p.denies_claim_id else "")
                quote = " ".join(p.quote.split())
                rows.append(
                    [
                        p.key,
                        p.kind,
                        p.actor + (f" ({p.role})" if p.role else ""),
                        p.said.isoformat() if p.said else "",
                        answers,
                        quote,
                    ]
                )
            lines = [table(["key", "kind", "speaker", "said", "answers", "quote"], rows, max_width=70)]
        reports = [(p, p.reports) for p in proposals if p.reports is not None]
        if reports:
            lines.append("Not first hand (each is created with a reported-from link):")
            for p, r in reports:
                target = (
                    r.claim_label if r.claim_id is not None else f"{r.origin_name} (no surviving original)"
                )
                lines.append(f"  {p.key}: {r.phrase} -> reported from {target}")
        if proposals and extraction.notice:
            lines.append(extraction.notice)
        if extraction.unattributed:
            lines.append(
                f"{counted(len(extraction.unattributed), 'sentence')} reporting speech without a speaker drafting "
                f"could recognise {'was' if len(extraction.unattributed) == 1 else 'were'} left out rather than "
                "given an invented speaker:"
            )
            lines += [f"  - {text[:160]}" for text in extraction.unattributed]
        if extraction.skipped:
            lines.append(
                f"{counted(len(extraction.skipped), 'statement')} skipped: already claims of this source."
            )
        if args.apply:
            ids = ", ".join(f"c{i}" for i in created) or "none"
            reported = sum(1 for c in changes if c.entity == "report")
            lines.append(
                f"Created {counted(len(created), 'claim')} ({ids}) and {counted(links, 'denial link')}"
                + (f", {counted(reported, 'reported-from link')}." if reported else ".")
            )
        elif proposals:
            lines.append("Nothing was written. Run again with --apply to create these claims.")
        return "\n".join(lines)

    ctx.output(payload, render)
    return 0
