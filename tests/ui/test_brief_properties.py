"""Brief properties dialog: creating a brief and editing one write the row in the library."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from ui.brief_properties_dialog import BriefPropertiesDialog  # noqa: E402


def test_new_brief_and_edit(qtbot, lib, jobs):
    dlg = BriefPropertiesDialog(lib, jobs, None, defaults={"author": "A. Analyst"})
    qtbot.addWidget(dlg)
    assert dlg.author.text() == "A. Analyst"
    dlg.accept()
    assert dlg.created_id is None and "title" in dlg.error.text()
    dlg.title.setText("Harbour closure")
    dlg.scheme.setCurrentIndex(dlg.scheme.findData("tlp"))
    dlg.mark.setCurrentText("TLP:AMBER")
    dlg.accept()
    b = lib.briefs.get(dlg.created_id)
    assert (b.title, b.author, b.marking_scheme, b.default_marking) == (
        "Harbour closure",
        "A. Analyst",
        "tlp",
        "TLP:AMBER",
    )

    edit = BriefPropertiesDialog(lib, jobs, b.id)
    qtbot.addWidget(edit)
    assert edit.title.text() == "Harbour closure" and edit.mark.currentText() == "TLP:AMBER"
    edit.organisation.setText("Desk 4")
    edit.status.setCurrentIndex(edit.status.findData("final"))
    edit.accept()
    b = lib.briefs.get(b.id)
    assert (b.organisation, b.status, b.default_marking) == ("Desk 4", "final", "TLP:AMBER")


def test_properties_edited_while_someone_else_changed_the_brief(qtbot, library_target, jobs):
    """Bob saves the brief's text and changes its organisation while Alice has its properties open: her new
    title goes on top of both. When Bob changed the very field she changed, she is asked, and Keep my edit
    saves hers on top."""
    from app.library import Library

    alice = Library.open(library_target, user="alice")
    bob = Library.open(library_target, user="bob")
    try:
        bid = alice.briefs.create(title="Port closure", body="Text.\n").after.id
        dlg = BriefPropertiesDialog(alice, jobs, bid)
        qtbot.addWidget(dlg)
        bob.briefs.set_body(bid, "Text, revised by Bob.\n")
        bob.briefs.update(bid, organisation="Desk 7")
        dlg.title.setText("Port closure, day 3")
        dlg.accept()
        b = alice.briefs.get(bid)
        assert (b.title, b.organisation, b.body) == (
            "Port closure, day 3",
            "Desk 7",
            "Text, revised by Bob.\n",
        )
        assert b.updated_by == "alice"

        dlg = BriefPropertiesDialog(alice, jobs, bid)
        qtbot.addWidget(dlg)
        dlg.show()
        bob.briefs.update(bid, author="B. Baker")
        dlg.author.setText("A. Analyst")
        dlg.accept()
        stale = dlg.stale_dialog
        assert stale is not None and "changed by bob" in stale.message.text()
        assert stale.differences == ["author"]
        assert alice.briefs.get(bid).author == "B. Baker"  # nothing written yet
        stale.keep_button.click()
        assert alice.briefs.get(bid).author == "A. Analyst" and not dlg.isVisible()

        # Reload puts what is stored in the fields, and the dialog stays open
        dlg = BriefPropertiesDialog(alice, jobs, bid)
        qtbot.addWidget(dlg)
        dlg.show()
        bob.briefs.update(bid, title="Port closure (Bob's title)")
        dlg.title.setText("Port closure (Alice's title)")
        dlg.accept()
        dlg.stale_dialog.reload_button.click()
        assert dlg.isVisible() and dlg.title.text() == "Port closure (Bob's title)"
        assert alice.briefs.get(bid).title == "Port closure (Bob's title)"
    finally:
        bob.close()
        alice.close()


def test_a_new_brief_starts_from_the_house_shape_or_a_template_brief(qtbot, lib, jobs):
    from app.brief_model import parse_brief

    dlg = BriefPropertiesDialog(lib, jobs, None)
    qtbot.addWidget(dlg)
    assert dlg.start.currentData() == "house" and dlg.start.isVisibleTo(dlg)
    dlg.title.setText("Harbour outlook")
    dlg.scheme.setCurrentIndex(dlg.scheme.findData("classification"))
    dlg.mark.setCurrentText("U")
    dlg.accept()
    shaped = lib.briefs.get(dlg.created_id)
    titles = [h.title for h in parse_brief(shaped.body).headings]
    assert titles == ["Bottom line up front", "Key judgments", "Discussion", "Source summary"]
    assert shaped.body.startswith("## (U) Bottom line up front\n\n(U) ")
    assert "\n1. (U) " in shaped.body  # the key judgments are a numbered list

    lib.briefs.set_body(shaped.id, shaped.body + "\nA house paragraph kept as the template.\n")
    copy = BriefPropertiesDialog(lib, jobs, None)
    qtbot.addWidget(copy)
    choices = [copy.start.itemText(i) for i in range(copy.start.count())]
    assert "A copy of: Harbour outlook" in choices and "An empty page" in choices
    copy.title.setText("Harbour outlook, week 2")
    copy.start.setCurrentIndex(choices.index("A copy of: Harbour outlook"))
    copy.accept()
    assert lib.briefs.get(copy.created_id).body == lib.briefs.get(shaped.id).body

    empty = BriefPropertiesDialog(lib, jobs, None)
    qtbot.addWidget(empty)
    empty.title.setText("Scratch")
    empty.start.setCurrentIndex(empty.start.findData("empty"))
    empty.accept()
    assert lib.briefs.get(empty.created_id).body == ""
    # editing a brief's properties never offers to replace its text
    edit = BriefPropertiesDialog(lib, jobs, shaped.id)
    qtbot.addWidget(edit)
    assert not edit.start.isVisibleTo(edit)
