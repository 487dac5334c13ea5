"""Draft claims: proposals shown claims left and denials right, rejecting and editing one, creating the rest as
rows in the library with the denial linked; opened from the source reader."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402

from ui.draft_claims_dialog import DraftClaimsDialog  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.settings import Settings  # noqa: E402

ARTICLE = (
    "KESSEL, March 3 (Meridian Wire) - The interior minister, Dana Reyes, said on Monday that the border crossing "
    "at Kessel would reopen within a week.\n\n"
    "\u201cWe have repaired the bridge and the guards are back,\u201d Reyes told reporters.\n\n"
    "Officials in the neighbouring province denied this. Drivers said they had received no instructions.\n"
)


@pytest.fixture
def article(lib):
    return lib.sources.create(title="Kessel", body=ARTICLE, kind="news article", published="2026-03-03").after


def texts(tree):
    return [tree.topLevelItem(i).text(3) for i in range(tree.topLevelItemCount())]


def test_proposals_are_shown_claims_left_denials_right(qtbot, lib, jobs, article):
    dlg = DraftClaimsDialog(lib, jobs, article.id)
    qtbot.addWidget(dlg)
    assert texts(dlg.claims_list) == [
        "the border crossing at Kessel would reopen within a week",
        "We have repaired the bridge and the guards are back",
        "they had received no instructions",
    ]
    assert texts(dlg.denials_list) == ["Officials in the neighbouring province denied this"]
    answers = dlg.denials_list.topLevelItem(0).text(2)
    assert answers.startswith("p2: We have repaired")
    assert dlg.create_button.text() == "Create 4 claims"
    assert "3 claims and 1 denial proposed" in dlg.status.text()


def test_reject_edit_and_create(qtbot, lib, jobs, article):
    dlg = DraftClaimsDialog(lib, jobs, article.id)
    qtbot.addWidget(dlg)
    spans = []
    dlg.span_selected.connect(lambda a, b: spans.append((a, b)))
    drivers = dlg.claims_list.topLevelItem(2)
    drivers.setCheckState(0, Qt.CheckState.Unchecked)  # rejected
    assert dlg.create_button.text() == "Create 3 claims"
    dlg.claims_list.setCurrentItem(dlg.claims_list.topLevelItem(1))
    dlg.claims_list.setCurrentItem(dlg.claims_list.topLevelItem(0))
    assert spans and ARTICLE[spans[-1][0] : spans[-1][1]].startswith("the border crossing")
    assert dlg.actor_edit.text() == "Dana Reyes" and dlg.role_edit.text() == "interior minister"
    dlg.statement_edit.setText("Reyes said the Kessel crossing would reopen within a week.")
    dlg.said_edit.setText("not a date")
    dlg._commit_edit()
    assert "not a date" in dlg.status.text()
    dlg.said_edit.setText("2026-03-02")
    dlg.create_accepted()
    claims = {c.quote: c for c in lib.claims.for_source(article.id)}
    assert len(claims) == 3
    lead = claims["the border crossing at Kessel would reopen within a week"]
    assert lead.statement == "Reyes said the Kessel crossing would reopen within a week."
    assert lead.said.isoformat() == "2026-03-02" and lead.actor_name == "Dana Reyes"
    denial = claims["Officials in the neighbouring province denied this"]
    repaired = claims["We have repaired the bridge and the guards are back"]
    assert [lc.claim.id for lc in lib.claims.with_links(repaired.id).denials] == [denial.id]
    assert dlg.result() == dlg.DialogCode.Accepted


def test_a_source_with_nothing_attributed_says_so(qtbot, lib, jobs):
    src = lib.sources.create(title="Weather", body="It rained all week. The river rose by two metres.").after
    dlg = DraftClaimsDialog(lib, jobs, src.id)
    qtbot.addWidget(dlg)
    assert dlg.status.text().startswith("No attributed statements were found")
    assert not dlg.create_button.isEnabled()


def test_a_failed_create_writes_nothing_and_says_why(qtbot, lib, jobs, article, monkeypatch):
    dlg = DraftClaimsDialog(lib, jobs, article.id)
    qtbot.addWidget(dlg)
    dlg.claims_list.setCurrentItem(dlg.claims_list.topLevelItem(1))
    dlg.actor_edit.setText("")  # a proposal without a speaker cannot be created
    dlg.create_accepted()
    assert "no speaker" in dlg.status.text()
    assert lib.claims.for_source(article.id) == []
    assert dlg.create_button.isEnabled()


def test_opened_from_the_source_reader(qtbot, lib, article):
    window = MainWindow(lib, Settings.load())
    qtbot.addWidget(window)
    window.show()
    window.go_to("sources")
    window.sources.open_source(article.id)
    assert window.sources.draft_action.isEnabled() and window.sources.draft_button.isEnabled()
    window.sources.draft_action.trigger()
    dlg = window.sources.draft_dialog
    assert isinstance(dlg, DraftClaimsDialog) and dlg.isVisible()
    dlg.create_accepted()
    assert len(lib.claims.for_source(article.id)) == 4
    qtbot.waitUntil(lambda: len(window.sources.reader.claims) == 4, timeout=3000)


def test_a_source_in_another_language_says_drafting_reads_english(qtbot, lib, jobs):
    body = (
        "Die Hafenbehörde erklärte am Sonntag, der Tanker habe sein Ortungssystem neun Stunden lang abgeschaltet. "
        "Die Reederei wies die Vorwürfe als haltlos zurück und sagte, das Schiff habe vor Anker gelegen."
    )
    src = lib.sources.create(title="Tanker", body=body).after
    dlg = DraftClaimsDialog(lib, jobs, src.id)
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: "English" in dlg.status.text())
    assert dlg.status.text().startswith("Drafting supports English text")
    assert not dlg.create_button.isEnabled()


def test_sentences_with_no_recognisable_speaker_are_counted(qtbot, lib, jobs):
    body = (
        "The documents show that the deal was signed in June by a state-owned company, the paper said.\n\n"
        "Dana Reyes said the bridge would reopen next week."
    )
    src = lib.sources.create(title="Deal", body=body, published="2026-11-18").after
    dlg = DraftClaimsDialog(lib, jobs, src.id)
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: "left out" in dlg.status.text())
    assert (
        "1 sentence reporting speech without a speaker drafting could recognise was left" in dlg.status.text()
    )
    # the analyst can read which: the status line's tooltip lists them
    assert "the deal was signed in June by a state-owned company, the paper said" in dlg.status.toolTip()
    assert "Dana Reyes" not in dlg.status.toolTip()


def test_a_fragment_is_never_a_speaker_its_sentence_is_counted_as_having_none(qtbot, lib, jobs):
    body = (
        "Two said the bus had been speeding before the crash.\n\n"
        "Dana Reyes said the bridge would reopen next week."
    )
    src = lib.sources.create(title="Crash", body=body, published="2026-11-18").after
    dlg = DraftClaimsDialog(lib, jobs, src.id)
    qtbot.addWidget(dlg)
    qtbot.waitUntil(lambda: "left out" in dlg.status.text())
    assert [p.actor for p in dlg.proposals.values()] == ["Dana Reyes"]  # never "Two"
    assert (
        "1 sentence reporting speech without a speaker drafting could recognise was left" in dlg.status.text()
    )


STATEMENT = "The defence ministry said the last units left Varn at dawn on Tuesday."
REPORTING = (
    "VARN, May 6 (Kessel Daily) - According to the defence ministry, the last units left Varn at dawn on "
    "Tuesday.\n\n"
    "A Western official told Meridian Wire that two soldiers were still at the depot.\n\n"
    "The mayor, Ona Petrai, said the roads into Varn were open again.\n"
)


def test_claims_that_are_not_first_hand_show_and_create_their_reported_from_link(qtbot, lib, jobs):
    ministry = lib.sources.create(
        title="Ministry statement", body=STATEMENT, kind="official statement", outlet="Defence Ministry"
    ).after
    original = lib.claims.create(
        source_id=ministry.id, quote="the last units left Varn at dawn on Tuesday", actor="Defence Ministry"
    ).after
    daily = lib.sources.create(
        title="Daily", body=REPORTING, kind="news article", outlet="Kessel Daily"
    ).after
    dlg = DraftClaimsDialog(lib, jobs, daily.id)
    qtbot.addWidget(dlg)
    rows = {
        dlg.claims_list.topLevelItem(i).text(3): dlg.claims_list.topLevelItem(i)
        for i in range(dlg.claims_list.topLevelItemCount())
    }
    units = next(item for quote, item in rows.items() if "last units left Varn" in quote)
    soldiers = next(item for quote, item in rows.items() if "soldiers" in quote)
    mayor = next(item for quote, item in rows.items() if "roads into Varn" in quote)
    assert units.text(4) == f"c{original.id} Defence Ministry (s{ministry.id})"
    assert soldiers.text(4) == "a Western official (no surviving original)"
    assert mayor.text(4) == ""
    assert "2 proposals are not first hand" in dlg.status.text()

    dlg.claims_list.setCurrentItem(mayor)  # first hand: nothing to record
    assert not dlg.report_box.isEnabled() and not dlg.report_box.isChecked()
    dlg.claims_list.setCurrentItem(soldiers)
    assert dlg.report_box.isEnabled() and dlg.report_box.isChecked()
    assert "\u201ca Western official told\u201d" in dlg.report_box.text()
    dlg.report_box.setChecked(False)  # the analyst reads it as the paper's own reporting
    assert soldiers.text(4) == "(first hand)"
    dlg.claims_list.setCurrentItem(units)
    assert dlg.report_box.isChecked()
    dlg.create_accepted()

    made = {c.quote: c.id for c in lib.claims.for_source(daily.id)}
    units_id = next(i for q, i in made.items() if "last units" in q)
    soldiers_id = next(i for q, i in made.items() if "soldiers" in q)
    mayor_id = next(i for q, i in made.items() if "roads into Varn" in q)
    report = lib.provenance.report(units_id)
    assert report is not None and report.reported_from_id == original.id
    assert lib.provenance.report(soldiers_id) is None and lib.provenance.report(mayor_id) is None
    origins = lib.provenance.origins(units_id)
    assert origins.depth == 1


def test_a_reported_from_link_dropped_and_ticked_again_is_created(qtbot, lib, jobs):
    daily = lib.sources.create(
        title="Daily", body=REPORTING, kind="news article", outlet="Kessel Daily"
    ).after
    dlg = DraftClaimsDialog(lib, jobs, daily.id)
    qtbot.addWidget(dlg)
    soldiers = next(
        dlg.claims_list.topLevelItem(i)
        for i in range(dlg.claims_list.topLevelItemCount())
        if "soldiers" in dlg.claims_list.topLevelItem(i).text(3)
    )
    dlg.claims_list.setCurrentItem(soldiers)
    dlg.report_box.setChecked(False)
    dlg.report_box.setChecked(True)
    assert soldiers.text(4) == "a Western official (no surviving original)"
    dlg.create_accepted()
    made = next(c for c in lib.claims.for_source(daily.id) if "soldiers" in c.quote)
    report = lib.provenance.report(made.id)
    assert (
        report is not None and report.reported_from_id is None and report.origin_name == "a Western official"
    )


def _choose(dlg, prefix: str) -> None:
    combo = dlg.answers_combo
    index = next(i for i in range(combo.count()) if combo.itemText(i).startswith(prefix))
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


def test_what_a_denial_answers_can_be_changed_before_creating(qtbot, lib, jobs, article):
    dlg = DraftClaimsDialog(lib, jobs, article.id)
    qtbot.addWidget(dlg)
    denial = dlg.denials_list.topLevelItem(0)
    dlg.denials_list.setCurrentItem(denial)
    combo = dlg.answers_combo
    assert combo.isEnabled() and combo.currentText().startswith("p2 ")
    assert combo.itemText(0).startswith("Nothing")
    _choose(dlg, "p1 ")
    assert dlg.denials_list.topLevelItem(0).text(2).startswith("p1: the border crossing")
    dlg.create_accepted()
    claims = {c.quote: c for c in lib.claims.for_source(article.id)}
    lead = claims["the border crossing at Kessel would reopen within a week"]
    repaired = claims["We have repaired the bridge and the guards are back"]
    denial_claim = claims["Officials in the neighbouring province denied this"]
    assert [lc.claim.id for lc in lib.claims.with_links(lead.id).denials] == [denial_claim.id]
    assert lib.claims.with_links(repaired.id).denials == ()


def test_a_denial_can_answer_a_claim_already_recorded_or_nothing(qtbot, lib, jobs, article):
    recorded = lib.claims.create(
        source_id=article.id, quote="Drivers said they had received no instructions"
    ).after
    dlg = DraftClaimsDialog(lib, jobs, article.id)
    qtbot.addWidget(dlg)
    dlg.denials_list.setCurrentItem(dlg.denials_list.topLevelItem(0))
    _choose(dlg, f"c{recorded.id} (recorded)")
    assert dlg.denials_list.topLevelItem(0).text(2).startswith(f"c{recorded.id}: Drivers said")
    # a drafted claim given something to answer becomes a denial, and back
    first = dlg.claims_list.topLevelItem(0).data(0, Qt.ItemDataRole.UserRole)
    dlg.claims_list.setCurrentItem(dlg.claims_list.topLevelItem(0))
    _choose(dlg, "p2 ")
    assert first in [dlg.denials_list.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) for i in range(2)]
    assert dlg.denials_list.currentItem().data(0, Qt.ItemDataRole.UserRole) == first
    _choose(dlg, "Nothing")
    assert dlg.denials_list.topLevelItemCount() == 1
    assert dlg.claims_list.currentItem().data(0, Qt.ItemDataRole.UserRole) == first
    dlg.create_accepted()
    claims = {c.quote: c for c in lib.claims.for_source(article.id)}
    denial_claim = claims["Officials in the neighbouring province denied this"]
    assert [lc.claim.id for lc in lib.claims.with_links(recorded.id).denials] == [denial_claim.id]
    lead = claims["the border crossing at Kessel would reopen within a week"]
    assert not lib.claims.with_links(lead.id).denies


def test_the_quote_can_be_edited_but_stays_verbatim(qtbot, lib, jobs, article):
    dlg = DraftClaimsDialog(lib, jobs, article.id)
    qtbot.addWidget(dlg)
    spans = []
    dlg.span_selected.connect(lambda a, b: spans.append((a, b)))
    dlg.claims_list.setCurrentItem(dlg.claims_list.topLevelItem(1))
    assert dlg.quote_edit.toPlainText() == "We have repaired the bridge and the guards are back"
    # words the source does not have are refused, and nothing is created while they stand
    dlg.quote_edit.setPlainText("We have rebuilt the bridge")
    dlg.create_accepted()
    assert "does not occur in the source" in dlg.status.text() and "source's own words" in dlg.status.text()
    assert lib.claims.for_source(article.id) == []
    assert dlg.proposals[dlg.current_key].quote == "We have repaired the bridge and the guards are back"
    # Esc takes the edit back without closing the dialog
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    QApplication.sendEvent(
        dlg.quote_edit, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)
    )
    assert dlg.quote_edit.toPlainText() == "We have repaired the bridge and the guards are back"
    # shortened to the source's own words (typed with plain quotes and spaces): taken, span moved
    dlg.quote_edit.setPlainText("We  have repaired\nthe bridge")
    assert dlg._commit_edit()
    p = dlg.proposals[dlg.current_key]
    assert p.quote == "We have repaired the bridge" and ARTICLE[p.start : p.end] == p.quote
    assert spans[-1] == (p.start, p.end)
    assert dlg.claims_list.topLevelItem(1).text(3) == "We have repaired the bridge"
    assert dlg.denials_list.topLevelItem(0).text(2) == "p2: We have repaired the bridge"
    dlg.create_accepted()
    quotes = {c.quote for c in lib.claims.for_source(article.id)}
    assert "We have repaired the bridge" in quotes
    assert "We have repaired the bridge and the guards are back" not in quotes
