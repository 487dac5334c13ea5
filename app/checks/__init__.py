"""Checking a brief before it leaves: balance, estimative language, sourcing, markings, where-cited.

Rules (ids, usual severity; the catalogue with a one-line description of each is ``app.check_rules``, and
``briefdesk check --rules`` lists it; T1-T9 are the standards' numbering of the tradecraft checks):

- ``balance`` (error): a cited claim with an open denial (a denial whose denying claim is not retracted)
  needs one of its denials cited in the same section (the nearest heading above), or a waiver recorded
  for this brief with a reason. Fixes: cite a denial (inserts `` <who> denied this [@c7].`` at the end of
  the paragraph), or add a waiver (``needs == "reason"``: ask the analyst why).
- ``T1`` (warning): likelihood terms from one row of the ICD 203 table unless the brief mixes them and
  says so (a paragraph naming estimative/likelihood/ICD 203 terms and "mix"/"both rows"), or
  ``settings.allow_mixed_rows``. Fix: the same band's term from the row the brief mostly uses.
- ``T2`` (warning): a sentence with both a confidence level and a likelihood term.
- ``T3`` (warning): vague hedges in key judgments. Fixes: standard terms from the row the brief uses.
- ``T4`` (error): each key judgment has a likelihood term, a confidence level and a cited claim.
- ``T5`` (error): every cited claim or source is in the library with a valid Admiralty grade.
- ``T6`` (error for high, warning for moderate over a low ceiling): stated confidence above the ceiling
  its cited claims allow (``CheckContext.ceiling``). Fix: state the ceiling.
- ``T7`` (error): endnote numbering (one note per cited key, by first citation, reused); hand-written
  footnotes and hand-written endnote lists that disagree break it.
- ``T8`` (error): portion marks and the banner; see ``app.checks.marking`` for the decision on default
  markings.
- ``T9`` (warning): a source summary statement is present and agrees with the cited sources.
- ``retracted`` (error), ``circular`` (warning), ``uncited`` (warning), ``stale`` (warning).
- ``ach`` (warning): a key judgment gives a likelihood of even chance or more to a hypothesis the brief's ACH
  matrix ranks below another. ``assumptions`` (warning): a key judgment without a key assumption recorded for
  it when the brief records none for its whole, or an assumption tied to a judgment the brief lacks. Both
  read ``CheckContext.analysis`` (``app.checks.analysis``).

Errors block export (``gate_export``) unless the export is forced.

Locations: each ``Finding`` has 1-based ``line``/``column`` to ``end_line``/``end_column`` and ``start``/
``end`` offsets into the body checked; ``where`` is "body", or "summary_statement"/"brief" for findings about
the brief's properties. Each finding may carry ``fixes``, each a ``Fix``:

- ``label``: the text of the menu item.
- ``kind``: ``replace_text`` (replace body[start:end] with ``text``), ``insert_text`` (insert ``text`` at
  ``start``), ``add_waiver`` (``lib.briefs.add_waiver(brief_id=..., claim_id=fix.claim_id, reason=...)``
  with a reason asked of the analyst: ``needs == "reason"``), ``set_field`` (``lib.briefs.update(brief_id,
  **{fix.field: fix.text})``).
- ``claim_id``: the claim concerned (the denial cited, the claim waived).
Text fixes are computed against the checked body: apply one (``apply_text_fix``), then check again before
applying another.

For the editor, ``LiveChecker(lib, brief_id).check(body)`` checks unsaved text as it is typed, loading only
claims it has not seen (call ``invalidate()`` on any library change); run it on a worker thread.

The report also carries the key judgments (``JudgmentReport``: stated confidence, the ceiling and why, the
number of independent original sources), the endnote numbering and the banner.

What changed in the library since a brief was written (a cited claim now disputed, a new denial) is told by
``app.checks.notices`` (``notices_in(ctx)``), which the ``check`` command imports itself.
"""

from typing import TYPE_CHECKING, Any

from app.checks.context import CheckContext
from app.checks.engine import (
    RULE_IDS,
    RULES,
    LiveChecker,
    Rule,
    check_brief,
    check_errors,
    gate_export,
    load_context,
    run_checks,
)
from app.checks.model import (
    CheckSettings,
    Finding,
    Fix,
    FixKind,
    Severity,
    apply_text_fix,
)

if TYPE_CHECKING:
    from app.checks.report import CheckReport, Endnote, JudgmentReport

_REPORT = ("CheckReport", "Endnote", "JudgmentReport")  # app.checks.report, loaded when first asked for


def __getattr__(name: str) -> Any:
    if name in _REPORT:
        from app.checks import report

        return getattr(report, name)
    raise AttributeError(f"module 'app.checks' has no attribute {name!r}")


__all__ = [
    "RULES",
    "RULE_IDS",
    "CheckContext",
    "CheckReport",
    "CheckSettings",
    "Endnote",
    "Finding",
    "Fix",
    "FixKind",
    "JudgmentReport",
    "LiveChecker",
    "Rule",
    "Severity",
    "apply_text_fix",
    "check_brief",
    "check_errors",
    "gate_export",
    "load_context",
    "run_checks",
]
