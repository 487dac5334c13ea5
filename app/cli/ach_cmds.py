"""Analysis of competing hypotheses: ``briefdesk hypothesis add/list/set/delete`` and ``briefdesk ach``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from app._text import counted
from app.cli.common import Context, add_json, record_id, table

if TYPE_CHECKING:
    from app.analysis.model import AchMatrix, AchRowRecord

ACH_USAGE = """briefdesk ach BRIEF_ID [--json]
       briefdesk ach rate HYPOTHESIS_ID CLAIM_ID RATING [--note TEXT]
       briefdesk ach add BRIEF_ID (CLAIM_ID... | --cited) [--position N]
       briefdesk ach remove BRIEF_ID CLAIM_ID...
       briefdesk ach move BRIEF_ID CLAIM_ID POSITION"""

ACH_EPILOG = """RATING is one of Heuer's scale: CC (very consistent), C (consistent), N (neutral),
I (inconsistent), II (very inconsistent), NA (not applicable); 'clear' empties the cell.

Scores: each hypothesis's weighted inconsistency, the sum over the matrix's claims of weight x (1 for I,
2 for II). A claim's weight is R x C from its grade (A 1.0, B 0.8, C 0.6, D 0.4, E 0.2, F 0.5; 1 1.0, 2 0.8,
3 0.6, 4 0.4, 5 0.2, 6 0.5), reduced when it is contested to weight x weight / (weight + its open denials'
weights). Hypotheses are ranked from least to most inconsistent."""


def position(value: str) -> int:
    """A 1-based place in a list."""
    text = str(value).strip()
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 1_000_000:
        raise argparse.ArgumentTypeError(f"'{value}' is not a position (1 for the first)")
    return int(text)


def hypothesis_id(value: str) -> int:
    """A hypothesis id: ``3`` or ``h3``."""
    text = str(value).strip().lower()
    if text.startswith("h"):
        text = text[1:]
    return record_id(text)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    hy = sub.add_parser("hypothesis", help="add, list, edit or delete a brief's competing hypotheses")
    hsub = hy.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = hsub.add_parser("add", help="add a hypothesis to a brief")
    p.add_argument("brief", type=record_id, metavar="BRIEF_ID")
    p.add_argument("text")
    p.add_argument("--position", type=position, metavar="N", help="its place among the hypotheses (1 first)")
    p.add_argument("--judgment", metavar="N", help="the key judgment that states it (1 for the first)")
    add_json(p)
    p.set_defaults(func=cmd_hypothesis_add)
    p = hsub.add_parser("list", help="a brief's hypotheses in order")
    p.add_argument("brief", type=record_id, metavar="BRIEF_ID")
    add_json(p)
    p.set_defaults(func=cmd_hypothesis_list)
    p = hsub.add_parser("set", help="reword a hypothesis or move it")
    p.add_argument("id", type=hypothesis_id, metavar="HYPOTHESIS_ID")
    p.add_argument("--text")
    p.add_argument("--position", type=position, metavar="N")
    p.add_argument("--judgment", metavar="N", help="the key judgment that states it, or 'none'")
    add_json(p)
    p.set_defaults(func=cmd_hypothesis_set)
    p = hsub.add_parser("delete", help="delete a hypothesis and its ratings")
    p.add_argument("id", type=hypothesis_id, metavar="HYPOTHESIS_ID")
    add_json(p)
    p.set_defaults(func=cmd_hypothesis_delete)

    p = sub.add_parser(
        "ach",
        help="a brief's matrix of competing hypotheses: show, rate, add or remove claims",
        usage=ACH_USAGE,
        epilog=ACH_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("words", nargs="+", metavar="ARGS", help="see the usage above")
    p.add_argument("--note", help="with rate: why the claim is rated so")
    p.add_argument("--cited", action="store_true", help="with add: every claim the brief cites")
    p.add_argument("--position", type=position, metavar="N", help="with add: the first new row's place")
    add_json(p)
    p.set_defaults(func=cmd_ach, parser=p)


# --- hypotheses -------------------------------------------------------------------------------------------


def cmd_hypothesis_add(args: argparse.Namespace, ctx: Context) -> int:
    lib = ctx.open_library(create=False)
    change = lib.ach.add_hypothesis(args.brief, args.text, position=args.position, judgment=args.judgment)
    h = change.after
    assert h is not None
    tied = f" (stated by key judgment {h.judgment})" if h.judgment else ""
    ctx.output(
        {"change": change.action, "hypothesis": h},
        f"Hypothesis {h.ref} added to brief {h.brief_id} as {h.label}{tied}: {h.text}",
    )
    return 0


def cmd_hypothesis_list(args: argparse.Namespace, ctx: Context) -> int:
    lib = ctx.open_library(create=False)
    hyps = lib.ach.hypotheses(args.brief)
    if not ctx.json and not hyps:
        ctx.output(
            None, f"Brief {args.brief} has no hypotheses yet; add one with 'briefdesk hypothesis add'."
        )
        return 0
    ctx.output(
        {"brief_id": args.brief, "hypotheses": hyps},
        lambda: table(
            ["", "id", "stated by", "hypothesis"],
            [(h.label, h.ref, f"key judgment {h.judgment}" if h.judgment else "", h.text) for h in hyps],
            max_width=90,
        ),
    )
    return 0


def cmd_hypothesis_set(args: argparse.Namespace, ctx: Context) -> int:
    from app.analysis.ach import KEEP
    from app.errors import ValidationError

    if args.text is None and args.position is None and args.judgment is None:
        raise ValidationError("Nothing to change: give --text, --position or --judgment.")
    lib = ctx.open_library(create=False)
    change = lib.ach.update_hypothesis(
        args.id,
        text=args.text,
        position=args.position,
        judgment=KEEP if args.judgment is None else args.judgment,
    )
    h = change.stored
    ctx.output({"change": change.action, "hypothesis": h}, f"Hypothesis {h.ref} updated: {h.label}, {h.text}")
    return 0


def cmd_hypothesis_delete(args: argparse.Namespace, ctx: Context) -> int:
    lib = ctx.open_library(create=False)
    change = lib.ach.delete_hypothesis(args.id)
    ratings = change.extra.get("ratings", [])
    ctx.output(
        {"change": change.action, "hypothesis": change.before, "ratings_removed": len(ratings)},
        f"Hypothesis h{args.id} deleted with {counted(len(ratings), 'rating')}.",
    )
    return 0


# --- the matrix -------------------------------------------------------------------------------------------


def _claim_arg(parser: argparse.ArgumentParser, value: str) -> int:
    try:
        return record_id(value)
    except argparse.ArgumentTypeError as exc:
        parser.error(str(exc))
        raise  # unreachable: error() exits


def cmd_ach(args: argparse.Namespace, ctx: Context) -> int:
    parser: argparse.ArgumentParser = args.parser
    words: list[str] = args.words
    verb = words[0].lower()
    if verb == "rate":
        if len(words) != 4:
            parser.error("rate takes HYPOTHESIS_ID CLAIM_ID RATING, e.g. 'briefdesk ach rate h1 c12 II'")
        try:
            hyp = hypothesis_id(words[1])
        except argparse.ArgumentTypeError as exc:
            parser.error(str(exc))
        return _rate(ctx, hyp, _claim_arg(parser, words[2]), words[3], args.note)
    if verb in ("add", "remove", "move"):
        if len(words) < 2:
            parser.error(f"{verb} takes a BRIEF_ID first")
        brief = _claim_arg(parser, words[1])
        claims = [_claim_arg(parser, w) for w in words[2:]]
        if verb == "add":
            if not claims and not args.cited:
                parser.error("add takes CLAIM_IDs or --cited")
            return _add(ctx, brief, claims, args.cited, args.position)
        if verb == "remove":
            if not claims:
                parser.error("remove takes the CLAIM_IDs to take out of the matrix")
            return _remove(ctx, brief, claims)
        if len(claims) != 2:
            parser.error("move takes BRIEF_ID CLAIM_ID POSITION")
        try:
            place = position(words[3])
        except argparse.ArgumentTypeError as exc:
            parser.error(str(exc))
        return _move(ctx, brief, claims[0], place)
    if verb == "show":
        words = words[1:]
    if len(words) != 1:
        parser.error("give one BRIEF_ID to show its matrix, or rate/add/remove/move")
    return _show(ctx, _claim_arg(parser, words[0]))


def _rate(ctx: Context, hyp: int, claim: int, rating: str, note: str | None) -> int:
    lib = ctx.open_library(create=False)
    value = None if rating.strip().lower() in ("clear", "none", "-", "") else rating
    change = lib.ach.rate(hyp, claim, value, note=note)
    if change.action in ("deleted", "unchanged"):
        text = (
            f"Claim c{claim} against h{hyp}: cleared." if change.action == "deleted" else "Nothing to clear."
        )
    else:
        r = change.stored.rating
        text = f"Claim c{claim} rated {r.value} ({r.meaning}) against h{hyp}."
        if change.extra.get("row_added") is not None:
            text += f" c{claim} is now a row of the matrix."
    ctx.output(
        {
            "change": change.action,
            "rating": change.after,
            "previous": change.before,
            "row_added": change.extra.get("row_added") is not None,
        },
        text,
    )
    return 0


def _add(ctx: Context, brief: int, claims: list[int], cited: bool, place: int | None) -> int:
    lib = ctx.open_library(create=False)
    added: list[AchRowRecord] = []
    skipped: list[int] = []
    with lib.transaction():  # --cited and named claims: all or none
        if cited:
            change = lib.ach.add_cited(brief)
            added += change.stored
            skipped += change.extra["skipped"]
        if claims:
            change = lib.ach.add_claims(brief, claims, position=place)
            added += change.stored
            skipped += change.extra["skipped"]
    text = f"Brief {brief}: {counted(len(added), 'claim')} added to the matrix"
    if added:
        text += " (" + ", ".join(f"c{r.claim_id}" for r in added) + ")"
    if skipped:
        text += f"; already there: {', '.join(f'c{c}' for c in skipped)}"
    ctx.output({"brief_id": brief, "added": added, "skipped": skipped}, text + ".")
    return 0


def _remove(ctx: Context, brief: int, claims: list[int]) -> int:
    lib = ctx.open_library(create=False)
    change = lib.ach.remove_claims(brief, claims)
    ratings = change.extra.get("ratings", [])
    removed = change.before or ()
    ctx.output(
        {"brief_id": brief, "removed": removed, "ratings_removed": len(ratings)},
        f"Brief {brief}: {counted(len(removed), 'claim')} taken out of the matrix with "
        f"{counted(len(ratings), 'rating')}.",
    )
    return 0


def _move(ctx: Context, brief: int, claim: int, place: int) -> int:
    lib = ctx.open_library(create=False)
    change = lib.ach.move_claim(brief, claim, place)
    ctx.output(
        {"brief_id": brief, "row": change.stored},
        f"Brief {brief}: c{claim} is now row {change.stored.position} of the matrix.",
    )
    return 0


def _num(value: float) -> str:
    return f"{value:.2f}"


def matrix_payload(m: AchMatrix) -> dict[str, Any]:
    """The JSON of ``briefdesk ach BRIEF_ID --json`` (hypotheses in rank order)."""
    tied = {h.id: h.judgment for h in m.hypotheses}
    return {
        "brief_id": m.brief_id,
        "complete": m.complete,
        "hypotheses": [
            {
                "rank": s.rank,
                "hypothesis_id": s.hypothesis_id,
                "label": s.label,
                "text": s.text,
                "judgment": tied.get(s.hypothesis_id),
                "score": round(s.score, 6),
                "inconsistent": s.inconsistent,
                "consistent": s.consistent,
                "unrated": s.unrated,
            }
            for s in m.ranking
        ],
        "claims": [
            {
                "claim_id": r.claim_id,
                "position": r.position,
                "grade": r.grade,
                "weight": round(r.weight, 6),
                "effective_weight": round(r.effective_weight, 6),
                "denial_grades": list(r.denial_grades),
                "retracted": r.retracted,
                "diagnostic": r.diagnostic,
                "spread": round(r.spread, 6),
                "critical": r.critical,
                "actor": r.claim.actor_name,
                "statement": r.claim.statement,
                "ratings": [
                    {"hypothesis_id": h.id, "rating": r.ratings[h.id].value, "note": r.notes.get(h.id, "")}
                    for h in m.hypotheses
                    if h.id in r.ratings
                ],
            }
            for r in m.rows
        ],
        "suggestions": [
            {
                "hypothesis_id": s.hypothesis_id,
                "claim_id": s.claim_id,
                "rating": s.rating.value,
                "because_claim_id": s.because_claim_id,
                "kind": s.kind,
                "reason": s.reason,
            }
            for s in m.suggestions
        ],
        "sensitivity": {
            "claim_id": m.sensitivity.claim_id,
            "spread": round(m.sensitivity.spread, 6),
            "ranking_without": list(m.sensitivity.ranking_without),
            "changed": m.sensitivity.changed,
            "leader_changed": m.sensitivity.leader_changed,
            "summary": m.sensitivity.summary,
        },
        "cited_not_in_matrix": list(m.candidates),
    }


def matrix_text(m: AchMatrix) -> str:
    hyps = m.hypotheses
    lines: list[str] = []
    rated = sum(len(r.ratings) for r in m.rows)
    lines.append(
        f"Brief {m.brief_id}: analysis of competing hypotheses ({counted(len(hyps), 'hypothesis', 'hypotheses')}, "
        f"{counted(len(m.rows), 'claim')}; {rated} of {len(hyps) * len(m.rows)} cells rated)"
    )
    if not hyps:
        lines.append("No hypotheses yet: add them with 'briefdesk hypothesis add BRIEF_ID \"text\"'.")
    else:
        lines += ["", "Ranking, least inconsistent first:"]
        lines.append(
            table(
                ["rank", "", "id", "score", "I/II", "C/CC", "unrated", "hypothesis"],
                [
                    (
                        s.rank,
                        s.label,
                        f"h{s.hypothesis_id}",
                        _num(s.score),
                        s.inconsistent,
                        s.consistent,
                        s.unrated,
                        s.text,
                    )
                    for s in m.ranking
                ],
                max_width=70,
            )
        )
    if m.rows:
        headers = ["claim", "grade", "weight", *[h.label for h in hyps], "diagnostic", "statement"]
        body = []
        for r in m.rows:
            weight = _num(r.effective_weight)
            if r.retracted:
                weight += " (retracted)"
            elif r.denial_grades:
                weight += f" (denied: {', '.join(r.denial_grades)})"
            cells = [r.ratings[h.id].value if h.id in r.ratings else "." for h in hyps]
            diag = "yes" if r.diagnostic else "no"
            if r.critical:
                diag += ", critical"
            body.append((r.ref, r.grade, weight, *cells, diag, r.claim.statement))
        lines += ["", "Matrix (. unrated):", table(headers, body, max_width=60)]
        lines += ["", "Sensitivity: " + m.sensitivity.summary]
        if hyps and not m.complete:
            lines.append(
                "The matrix is incomplete: an unrated cell counts as no inconsistency, so the ranking may move "
                "as the rest is rated."
            )
    else:
        lines += [
            "",
            "No claims in the matrix yet: 'briefdesk ach add BRIEF_ID --cited' adds the cited ones.",
        ]
    if m.suggestions:
        lines += ["", "Suggested from denials (not applied; rate to accept):"]
        label = {h.id: h.label for h in hyps}
        for s in m.suggestions:
            lines.append(f"  {label[s.hypothesis_id]} c{s.claim_id} -> {s.rating.value}: {s.reason}")
            lines.append(f"      briefdesk ach rate h{s.hypothesis_id} c{s.claim_id} {s.rating.value}")
    if m.candidates:
        lines += [
            "",
            "Cited in the brief but not in the matrix: " + ", ".join(f"c{c}" for c in m.candidates),
        ]
    return "\n".join(lines)


def _show(ctx: Context, brief: int) -> int:
    lib = ctx.open_library(create=False)
    m = lib.ach.matrix(brief)
    ctx.output(matrix_payload(m), lambda: matrix_text(m))
    return 0
