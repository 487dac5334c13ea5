"""Checks panel: a balance finding for the typed text, a jump to it, and its fixes applied."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from app.checks import FixKind  # noqa: E402
from ui import brief_editor as be  # noqa: E402
from ui.jobs import Jobs  # noqa: E402


@pytest.fixture
def setup(lib):
    src = lib.sources.create(
        title="Wire",
        body="The minister said the plant is closed. The envoy said it is open.",
        reliability="B",
    ).after
    a = lib.claims.create(
        source_id=src.id, quote="the plant is closed", actor="Minister", credibility=2
    ).after
    d = lib.claims.create(source_id=src.id, quote="it is open", actor="Envoy", credibility=2).after
    lib.links.create(from_claim_id=d.id, kind="denies", to_claim_id=a.id)
    bid = lib.briefs.create(title="B", body=f"# Situation\n\nThe plant is closed [@c{a.id}].\n").after.id
    return bid, a, d


def _balance(ed):
    return [f for f in ed.checks.findings() if f.rule == "balance"]


def test_balance_finding_jump_and_cite_denial_fix(qtbot, lib, jobs, setup):
    bid, a, d = setup
    ed = be.BriefEditor(lib, jobs, bid)
    qtbot.addWidget(ed)
    qtbot.waitUntil(lambda: bool(_balance(ed)), timeout=3000)
    finding = _balance(ed)[0]
    item = next(
        ed.checks.tree.topLevelItem(i)
        for i in range(ed.checks.tree.topLevelItemCount())
        if ed.checks.tree.topLevelItem(i).text(0).startswith("balance")
    )
    ed.checks.tree.itemClicked.emit(item, 0)
    assert ed.editor.textCursor().blockNumber() == finding.line - 1
    cite = next(f for f in finding.fixes if f.kind in (FixKind.INSERT_TEXT, FixKind.REPLACE_TEXT))
    assert ed.checks.apply_fix(cite)
    assert f"@c{d.id}" in ed.body()
    qtbot.waitUntil(lambda: ed.checks.report is not None and not _balance(ed), timeout=3000)


def test_waiver_fix_records_the_reason(qtbot, lib, jobs, setup):
    bid, a, d = setup
    ed = be.BriefEditor(lib, jobs, bid)
    qtbot.addWidget(ed)
    qtbot.waitUntil(lambda: bool(_balance(ed)), timeout=3000)
    waiver = next(f for f in _balance(ed)[0].fixes if f.kind is FixKind.ADD_WAIVER)
    assert ed.checks.apply_fix(waiver, reason="The envoy's denial is addressed in annex B.")
    assert [(w.claim_id, w.reason) for w in lib.briefs.waivers(bid)] == [
        (a.id, "The envoy's denial is addressed in annex B.")
    ]
    qtbot.waitUntil(lambda: not _balance(ed), timeout=3000)


def test_the_editors_own_saves_do_not_reload_the_checker(qtbot, demo_lib):
    from ui.checks_panel import ChecksPanel

    jobs = Jobs()
    from PySide6.QtWidgets import QPlainTextEdit

    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    brief = demo_lib.briefs.list().items[0]
    editor.setPlainText(demo_lib.briefs.get(brief.id).body)
    panel = ChecksPanel(demo_lib, jobs, brief.id, editor)
    qtbot.addWidget(panel)
    calls = []
    panel.checker.invalidate = lambda: calls.append("invalidate")
    saved = demo_lib.briefs.set_body(brief.id, editor.toPlainText() + "\nMore.\n", reason="autosave")
    jobs.announce([saved])
    assert calls == []
    claim = demo_lib.claims.list(limit=1).items[0]
    jobs.announce([demo_lib.claims.update(claim.id, status="disputed")])
    assert calls == ["invalidate"]
    jobs.announce([demo_lib.briefs.update(brief.id, default_marking="TLP:RED")])
    assert calls == ["invalidate", "invalidate"]


@pytest.fixture
def tlp_marked(lib):
    """A brief with no marking scheme whose paragraphs carry TLP portion marks: the checks offer to set the
    scheme (a property of the brief, not its text)."""
    body = "# Situation\n\n(TLP:GREEN) The plant is closed.\n\n(TLP:GREEN) The envoy disagrees.\n"
    return lib.briefs.create(title="Marked", body=body, marking_scheme="none").after.id


def _scheme_fix(ed):
    return next(
        fix
        for f in ed.checks.findings()
        for fix in f.fixes
        if fix.kind is FixKind.SET_FIELD and fix.field == "marking_scheme"
    )


def test_the_marking_scheme_fix_sets_the_property_even_after_other_edits(qtbot, lib, jobs, tlp_marked):
    ed = be.BriefEditor(lib, jobs, tlp_marked)
    qtbot.addWidget(ed)
    qtbot.waitUntil(lambda: ed.checks.report is not None, timeout=5000)
    fix = _scheme_fix(ed)
    lib.briefs.update(tlp_marked, title="Marked, renamed by a colleague")  # another field: no clash
    assert ed.checks.apply_fix(fix)
    jobs.wait()
    stored = lib.briefs.get(tlp_marked)
    assert (stored.marking_scheme, stored.title) == ("tlp", "Marked, renamed by a colleague")
    assert ed.checks.notice.isHidden()


def test_the_marking_scheme_fix_never_overwrites_a_colleagues_choice(qtbot, lib, jobs, tlp_marked):
    ed = be.BriefEditor(lib, jobs, tlp_marked)
    qtbot.addWidget(ed)
    qtbot.waitUntil(lambda: ed.checks.report is not None, timeout=5000)
    fix = _scheme_fix(ed)
    lib.briefs.update(tlp_marked, marking_scheme="classification")  # decided by someone else meanwhile
    assert ed.checks.apply_fix(fix)
    jobs.wait()
    assert lib.briefs.get(tlp_marked).marking_scheme == "classification"
    qtbot.waitUntil(lambda: not ed.checks.notice.isHidden(), timeout=3000)
    assert "The fix was not applied" in ed.checks.notice.text()
    assert "Nothing was saved" in ed.checks.notice.text()
