"""Provenance on the command line: the options ``source set --derived-from/--not-derived-from`` and
``claim set --reported-from``, and ``claim origins C`` (the chain hop by hop, depth, independent origins).

``source_cmds`` and ``claim_cmds`` call the helpers here, so the provenance vocabulary lives in one place.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING, Any

from app._text import counted
from app.cli.common import Context, add_json, record_id
from app.domain import ClaimWithLinks, DerivationKind

if TYPE_CHECKING:
    from app.library import Library
    from app.provenance_records import ClaimOrigins, DerivationRecord, ProvenanceNode

KINDS = ", ".join(k.value for k in DerivationKind)


def derivation_arg(value: str) -> tuple[int, DerivationKind]:
    """``A`` or ``A:kind`` (s3, 3:quotes): the source derived from and how (rewrites when not said)."""
    ident, sep, kind = str(value).partition(":")
    try:
        source_id = record_id(ident)
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(
            f"'{value}' is not a source id with an optional kind, such as s3:quotes"
        ) from None
    if not sep:
        return source_id, DerivationKind.REWRITES
    try:
        return source_id, DerivationKind.parse(kind)
    except Exception:
        raise argparse.ArgumentTypeError(
            f"'{kind}' is not a kind of derivation; use one of: {KINDS}"
        ) from None


def reported_arg(value: str) -> int | None:
    """A claim id, or ``none``: an original that did not survive."""
    if str(value).strip().lower() in ("none", "lost", "-"):
        return None
    return record_id(value)


# --- source set ----------------------------------------------------------------------------------------
def add_source_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--derived-from",
        dest="derived_from",
        action="append",
        type=derivation_arg,
        default=[],
        metavar="A[:KIND]",
        help=f"this source derives from source A (repeatable); KIND: {KINDS} (default rewrites)",
    )
    p.add_argument(
        "--not-derived-from",
        dest="not_derived_from",
        action="append",
        type=record_id,
        default=[],
        metavar="A",
        help="remove the link to source A (repeatable)",
    )


def wants_source_change(args: argparse.Namespace) -> bool:
    return bool(args.derived_from or args.not_derived_from)


def apply_source_options(
    args: argparse.Namespace, lib: Library, source_id: int
) -> tuple[list[str], list[DerivationRecord]]:
    """Record the derivations asked for (inside the caller's transaction): sentences for the output and
    the derivation records after the change."""
    said: list[str] = []
    for a in args.not_derived_from:
        lib.provenance.underive(source_id, a)
        said.append(f"no longer derived from s{a}")
    for a, kind in args.derived_from:
        change = lib.provenance.derive(source_id, a, kind)
        if change.action != "unchanged":
            said.append(f"{kind.value} s{a}" + (" (kind changed)" if change.action == "updated" else ""))
    return said, list(lib.provenance.derivations(source_id).derived_from)


def source_show_lines(lib: Library, source_id: int) -> tuple[list[str], dict[str, Any]]:
    prov = lib.provenance.derivations(source_id)
    lines = []
    for d in prov.derived_from:
        lines.append(
            f"  {d.kind.value} s{d.derived_from_id} {d.derived_from_outlet or d.derived_from_title}"
            + _recorded(d.created_by, d.created)
        )
    for d in prov.derived_by:
        lines.append(
            f"  s{d.source_id} {d.source_outlet or d.source_title} {d.kind.value} this source"
            + _recorded(d.created_by, d.created)
        )
    if prov.roots and prov.roots != (source_id,):
        lines.append("  its content traces back to " + ", ".join(f"s{r}" for r in prov.roots))
    payload = {"derived_from": prov.derived_from, "derived_by": prov.derived_by, "roots": prov.roots}
    return (["", "Provenance:", *lines] if lines else []), payload


# --- claim set -----------------------------------------------------------------------------------------
def add_claim_options(p: argparse.ArgumentParser) -> None:
    group = p.add_mutually_exclusive_group()
    group.add_argument(
        "--reported-from",
        dest="reported_from",
        type=reported_arg,
        default=argparse.SUPPRESS,
        metavar="D|none",
        help="this claim reports claim D ('according to ...'); none: an original that did not survive",
    )
    group.add_argument(
        "--not-reported-from",
        dest="not_reported",
        action="store_true",
        help="forget what this claim was reported from",
    )
    p.add_argument(
        "--origin",
        dest="origin_name",
        metavar="NAME",
        help="with --reported-from none: who the lost original came from ('a Western official', 'Reuters')",
    )


def wants_claim_change(args: argparse.Namespace) -> bool:
    return (
        hasattr(args, "reported_from")
        or bool(getattr(args, "not_reported", False))
        or bool(getattr(args, "origin_name", None))
    )


def apply_claim_options(args: argparse.Namespace, lib: Library, claim_id: int) -> list[str]:
    from app.errors import ValidationError

    if args.origin_name and not (hasattr(args, "reported_from") and args.reported_from is None):
        raise ValidationError("--origin names a lost original; give it with --reported-from none.")
    if getattr(args, "not_reported", False):
        lib.provenance.clear_reported_from(claim_id)
        return ["no longer reported from another claim"]
    if not hasattr(args, "reported_from"):
        return []
    change = lib.provenance.set_reported_from(
        claim_id, args.reported_from, origin_name=args.origin_name or ""
    )
    r = change.stored
    if r.reported_from_id is None:
        return [f"reported from {r.origin_name or 'an unnamed source'} (no surviving original)"]
    return [f"reported from c{r.reported_from_id}"]


def claim_show_lines(lib: Library, view: ClaimWithLinks) -> tuple[list[str], set[int]]:
    """For ``claim show``: what the claim was reported from, its origins and depth, and which of the
    claims corroborating it are not independent of it (they share an origin)."""
    cid = view.claim.id
    others = [lc.claim.id for lc in (*view.corroborations, *view.corroborates)]
    g = lib.provenance.graph([cid, *others])
    o = g.claim_origins(cid)
    lines = []
    report = g.facts.reports.get(cid)
    if report is not None:
        if report.reported_from_id is not None and report.reported_from_id in g.facts.claims:
            lines.append(f"  reported from c{report.reported_from_id}")
        else:
            lines.append(
                f"  reported from {report.origin_name or 'an unnamed source'} (no surviving original)"
            )
    if o.depth:
        lines.append(
            f"  origins: {', '.join(o.origins)} (hearsay depth {o.depth}); see 'briefdesk claim origins {cid}'"
        )
    dependent = {i for i in others if not g.independent(cid, i)}
    return (["", "Provenance:", *lines] if lines else []), dependent


# --- claim origins -------------------------------------------------------------------------------------
def register_claim(csub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = csub.add_parser(
        "origins", help="where a claim came from: the chain hop by hop, hearsay depth, independent origins"
    )
    p.add_argument("id", type=record_id)
    add_json(p)
    p.set_defaults(func=cmd_claim_origins)


def _recorded_words(by: str, when: dt.datetime | None) -> str:
    """'recorded by a.analyst on 2026-12-04' ('' when neither is known)."""
    parts = [x for x in (f"by {by}" if by else "", f"on {when.date().isoformat()}" if when else "") if x]
    return f"recorded {' '.join(parts)}" if parts else ""


def _recorded(by: str, when: dt.datetime | None) -> str:
    words = _recorded_words(by, when)
    return f"  ({words})" if words else ""


def _label(n: ProvenanceNode) -> str:
    if n.kind == "lost":
        return f"{n.speaker or 'an unnamed source'} (no surviving original)"
    where = n.source_outlet or n.source_title
    if n.kind == "source":
        return f"s{n.id} {where}  (its content, no matching claim recorded)"
    return f"c{n.id} {n.speaker or 'unattributed'}" + (f" ({where}, s{n.source_id})" if where else "")


def origins_text(o: ClaimOrigins) -> str:
    """The chain as an indented tree, hop by hop from the claim back to its origins."""
    from app.provenance.graph import RELATION_PHRASE

    nodes = {n.key: n for n in o.nodes}
    children: dict[str, list[Any]] = {}
    for h in o.hops:
        children.setdefault(h.later, []).append(h)
    lines = [_label(o.nodes[0]) + ("  ORIGIN" if o.nodes[0].origin else "")]
    shown = {o.nodes[0].key}
    stack = [(h, 1) for h in reversed(children.get(o.nodes[0].key, []))]
    while stack:
        h, level = stack.pop()
        n = nodes[h.earlier]
        phrase = RELATION_PHRASE.get(h.relation, h.relation)
        detail = "; ".join(x for x in (h.via, _recorded_words(h.recorded_by, h.recorded)) if x)
        again = n.key in shown
        lines.append(
            "  " * level
            + f"<- {phrase} {_label(n)}"
            + ("  ORIGIN" if n.origin and not again else "")
            + ("  (see above)" if again else "")
            + (f"   [{detail}]" if detail else "")
        )
        if not again:
            shown.add(n.key)
            stack.extend((c, level + 1) for c in reversed(children.get(n.key, [])))
    lines.append("")
    if o.depth == 0:
        lines.append("Hearsay depth: 0 (first hand: nothing recorded says it came from elsewhere)")
    else:
        lines.append(
            f"Hearsay depth: {o.depth} ({counted(o.depth, 'hand')} between the claim and its origin)"
        )
    lines.append(f"Origins ({counted(len(o.origins), 'origin')}):")
    lines += [f"  {_label(nodes[k])}" for k in o.origins]
    shared = [g for g in o.independent if len(g) > 1]
    lines.append(
        f"Independent origins: {o.independent_count}"
        + (
            " (" + "; ".join(" and ".join(g) for g in shared) + " share a speaker or source)"
            if shared
            else ""
        )
    )
    return "\n".join(lines)


def cmd_claim_origins(args: argparse.Namespace, ctx: Context) -> int:
    lib = ctx.open_library(create=False)
    o = lib.provenance.origins(args.id)
    ctx.output(o, lambda: origins_text(o))
    return 0
