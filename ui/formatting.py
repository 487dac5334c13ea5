"""How records read on screen: dates, grades, actors, one-line claim descriptions. No Qt here."""

from __future__ import annotations

import datetime as dt
import html

from app._text import counted
from app.domain import CREDIBILITY_MEANING, RELIABILITY_MEANING
from ui import theme


def date_text(value: dt.date | None, *, empty: str = "undated") -> str:
    return value.isoformat() if value else empty


def grade_tooltip(reliability: str, credibility: int | None = None) -> str:
    text = f"Source reliability {reliability}: {RELIABILITY_MEANING.get(reliability, '?')}"
    if credibility is not None:
        text += f"\nClaim credibility {credibility}: {CREDIBILITY_MEANING.get(credibility, '?')}"
    return text


def actor_text(claim) -> str:
    if not claim.actor_name:
        return "Unknown actor"
    text = claim.actor_name
    if claim.actor_role:
        text += f", {claim.actor_role}"
    if claim.actor_affiliation:
        text += f" ({claim.actor_affiliation})"
    return text


def one_line(text: str, limit: int = 160) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "\u2026"


def claim_summary(claim) -> str:
    """'c12 Dana Reyes, 2026-03-02, B2: the statement' (for menus, tooltips, pickers)."""
    return (
        f"c{claim.id} {claim.actor_name or 'Unknown actor'}, {date_text(claim.said)}, {claim.grade}: "
        f"{one_line(claim.statement or claim.quote, 100)}"
    )


def claim_tooltip_html(claim) -> str:
    """Rich tooltip for a claim: actor, date said, grade, status, the verbatim quote."""
    esc = html.escape
    parts = [
        f"<b>c{claim.id}</b> \u00b7 {esc(actor_text(claim))}",
        f"Said {esc(date_text(claim.said))} \u00b7 grade <b>{esc(claim.grade)}</b> \u00b7 {esc(claim.status.value)}",
    ]
    if claim.statement:
        parts.append(f"<i>{esc(one_line(claim.statement, 300))}</i>")
    parts.append(f"\u201c{esc(one_line(claim.quote, 400))}\u201d")
    if claim.denial_count:
        red = theme.colors().denial_accent.name()
        parts.append(f"<span style='color:{red}'>Contested: {counted(claim.denial_count, 'denial')}</span>")
    return "<br>".join(parts)


def provenance_text(rec) -> str:
    """'Added by alice, 2026-12-04 16:41 · changed by bob, 2026-12-04 17:02 · version 3' for a record that
    keeps who and when (sources, claims, briefs, revisions)."""
    from app._time import who_when

    parts = [f"Added by {who_when(rec.created_by, rec.created)}"]
    if rec.version > 1 or rec.updated_by != rec.created_by:
        parts.append(f"changed by {who_when(rec.updated_by, rec.updated)}")
    parts.append(f"version {rec.version}")
    return " \u00b7 ".join(parts)
