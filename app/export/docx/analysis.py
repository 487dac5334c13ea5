"""The structured-analysis annexes of a .docx: "Analysis of competing hypotheses" (the ranking and the
matrix), "Key assumptions", and the optional "Who said what, when" (the cited claims in order of the date
said). Each ``collect`` returns None when the brief has nothing to show, so the annex is left out.

Registered in ``app.export.docx.annexes.ANNEXES``; written against ``app.export.docx.annex_api``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app._text import counted
from app.export.docx.annex_api import AnnexInputs, AnnexWriter, Para, Run

if TYPE_CHECKING:
    from app.analysis.model import AchMatrix, AssumptionRecord, LinkNote, Timeline

# Hypothesis columns per matrix table: more would leave each rating column too narrow on a portrait page.
COLUMNS_PER_TABLE = 6
STATEMENT_CHARS = 220
TIMELINE_LIMIT = 2000


def _short(text: str, limit: int = STATEMENT_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- analysis of competing hypotheses ---------------------------------------------------------------------


def collect_ach(inputs: AnnexInputs) -> AchMatrix | None:
    facts = inputs.checks.analysis if inputs.checks is not None else None
    if facts is not None and not facts.hypotheses:  # the checks have just read that there are none
        return None
    matrix = inputs.lib.ach.matrix(inputs.brief.id)
    return matrix if matrix.hypotheses else None


def write_ach(w: AnnexWriter, m: AchMatrix) -> None:
    rated = sum(len(r.ratings) for r in m.rows)
    cells = len(m.rows) * len(m.hypotheses)
    w.paragraph(
        f"The brief weighs {counted(len(m.hypotheses), 'hypothesis', 'hypotheses')} against "
        f"{counted(len(m.rows), 'claim')}. Each hypothesis is scored by its weighted inconsistency: for every "
        "claim rated inconsistent (I) with it, the claim's weight; for every claim rated very inconsistent (II), "
        "twice the weight. The lower the score, the less the evidence argues against the hypothesis; "
        "consistent evidence is not counted, since it seldom tells hypotheses apart.",
        mark=w.default_mark,
    )
    w.table(
        ("Rank", "Hypothesis", "Score", "I or II", "Unrated"),
        [
            (
                str(s.rank),
                Para([Run(f"{s.label} ", bold=True), s.text]),
                f"{s.score:.2f}",
                str(s.inconsistent),
                str(s.unrated),
            )
            for s in m.ranking
        ],
        widths=(0.08, 0.6, 0.1, 0.1, 0.12),
        align=("center", "", "right", "right", "right"),
    )
    if m.rows:
        w.paragraph(Run("Sensitivity. ", bold=True), m.sensitivity.summary, mark=w.default_mark)
    if cells and rated < cells:
        w.paragraph(
            f"The matrix is incomplete: {rated} of {cells} cells are rated. An unrated cell counts as no "
            "inconsistency, so the ranking may change as the rest is rated.",
            mark=w.default_mark,
        )
    if not m.rows:
        w.paragraph("No claim has been rated against the hypotheses yet.", mark=w.default_mark)
        return
    w.heading("Matrix", 2, mark=w.default_mark)
    w.paragraph(
        "Ratings: CC very consistent, C consistent, N neutral, I inconsistent, II very inconsistent, "
        "NA not applicable; a blank cell is not rated. Weight: the source's reliability (A 1.0, B 0.8, "
        "C 0.6, D 0.4, E 0.2, F 0.5) times the information's credibility (1 1.0, 2 0.8, 3 0.6, 4 0.4, "
        "5 0.2, 6 0.5); a claim with open denials keeps weight \u00d7 weight / (weight + the denials' "
        "weights). A claim is diagnostic when its ratings differ across the hypotheses.",
        mark=w.default_mark,
    )
    hyps = list(m.hypotheses)
    chunks = [hyps[i : i + COLUMNS_PER_TABLE] for i in range(0, len(hyps), COLUMNS_PER_TABLE)]
    for chunk in chunks:
        if len(chunks) > 1:
            w.paragraph(
                Run(f"Hypotheses {chunk[0].label} to {chunk[-1].label}", bold=True), mark=w.default_mark
            )
        share = 0.065 * len(chunk)
        rest = 1.0 - share - 0.09 - 0.11 - 0.15
        rows = []
        for r in m.rows:
            weight = f"{r.effective_weight:.2f}"
            if r.retracted:
                weight += " retracted"
            elif r.denial_grades:
                weight += " denied"
            diag = "yes" if r.diagnostic else "no"
            if r.critical:
                diag += ", critical"
            rows.append(
                (
                    Para([Run(f"c{r.claim_id} ", bold=True), _short(r.claim.statement or r.claim.quote)]),
                    r.grade,
                    weight,
                    *[r.ratings[h.id].value if h.id in r.ratings else "" for h in chunk],
                    diag,
                )
            )
        w.table(
            ("Claim", "Grade", "Weight", *[h.label for h in chunk], "Diagnostic"),
            rows,
            widths=(rest, 0.09, 0.11, *([0.065] * len(chunk)), 0.15),
            align=("", "center", "right", *(["center"] * len(chunk)), ""),
        )
    idle = [r for r in m.rows if not r.diagnostic]
    if idle:
        w.paragraph(
            f"{counted(len(idle), 'claim')} ({', '.join(f'c{r.claim_id}' for r in idle)}) "
            f"{'is' if len(idle) == 1 else 'are'} not diagnostic: rated alike against every hypothesis (or not "
            "rated), "
            f"{'it does' if len(idle) == 1 else 'they do'} not help to choose between them.",
            mark=w.default_mark,
        )


# --- key assumptions --------------------------------------------------------------------------------------


def collect_assumptions(inputs: AnnexInputs) -> list[AssumptionRecord] | None:
    facts = inputs.checks.analysis if inputs.checks is not None else None
    if facts is not None and not facts.assumptions:  # the checks have just read that there are none
        return None
    items = inputs.lib.assumptions.list(inputs.brief.id)
    return items or None


def write_assumptions(w: AnnexWriter, items: list[AssumptionRecord]) -> None:
    tally = {r: sum(1 for a in items if a.rating.value == r) for r in ("solid", "caveated", "unsupported")}
    w.paragraph(
        f"The judgments rest on {counted(len(items), 'key assumption')}: {tally['solid']} solid, "
        f"{tally['caveated']} correct with caveats, {tally['unsupported']} unsupported. An unsupported "
        "assumption is a key uncertainty: if it fails, the judgments it underpins should be revisited.",
        mark=w.default_mark,
    )
    w.table(
        ("#", "Assumption", "Rating", "Underpins", "Why"),
        [
            (
                str(a.position),
                a.text,
                a.rating.value,
                "the whole brief" if a.judgment is None else f"key judgment {a.judgment}",
                a.why,
            )
            for a in items
        ],
        widths=(0.05, 0.34, 0.15, 0.14, 0.32),  # "unsupported" whole on one line
        align=("right", "", "", "", ""),
    )


# --- who said what, when ----------------------------------------------------------------------------------


def collect_timeline(inputs: AnnexInputs) -> Timeline | None:
    timeline = inputs.lib.timeline.build(brief_id=inputs.brief.id, limit=TIMELINE_LIMIT)
    return timeline if timeline.entries else None


def _notes(title: str, notes: tuple[LinkNote, ...]) -> str:
    return f"{title} " + ", ".join(f"c{n.claim_id} ({n.grade})" for n in notes) if notes else ""


def write_timeline(w: AnnexWriter, t: Timeline) -> None:
    w.paragraph(
        "The claims this brief cites, in the order they were said. Where the date said is unknown, the "
        "source's date of publication is given and marked \u201cpublished\u201d. A change of position is a "
        "claim its own actor later qualified or contradicted.",
        mark=w.default_mark,
    )
    rows = []
    for e in t.entries:
        c = e.claim
        when = e.date.isoformat() if e.date else "undated"
        if e.date_kind == "published":
            when += " (published)"
        links = [
            _notes("Denied by", e.denied_by),
            _notes("Corroborated by", e.corroborated_by),
            _notes("Qualified by", e.qualified_by),
            _notes("Denies", e.denies),
        ]
        paras = [Para([x]) for x in links if x]
        if e.revised_by:
            paras.append(
                Para(
                    [
                        Run("Position changed later: ", bold=True),
                        _notes("by", e.revised_by).removeprefix("by "),
                    ]
                )
            )
        if e.revises:
            paras.append(Para([Run("Changes position: ", bold=True), _notes("from", e.revises)]))
        rows.append(
            (
                when,
                Para([Run(f"c{c.id} ", bold=True), _short(c.statement or c.quote)]),
                c.actor_name or "",
                c.grade,
                paras or "",
            )
        )
    w.table(
        ("Date", "Claim", "Actor", "Grade", "Denials and corroborations"),
        rows,
        widths=(0.14, 0.37, 0.15, 0.09, 0.25),
        align=("", "", "", "center", ""),
    )
    if len(t.entries) < t.total:
        w.paragraph(f"The first {len(t.entries)} of {t.total} cited claims are shown.", mark=w.default_mark)
