"""Very long and strange sources on the Sources page: a long body is shown a part at a time, with a bar saying
which part; showing a claim or a span moves to its part; an ordinary source is shown whole, with no bar."""

from __future__ import annotations

import pytest

import ui.source_reader_view as reader_module
from ui.main_window import MainWindow
from ui.settings import Settings


@pytest.fixture
def window(qtbot, lib):
    w = MainWindow(lib, Settings.load())
    qtbot.addWidget(w)
    w.show()
    w.go_to("sources")
    return w


def _paragraphs(n: int) -> str:
    return "\n\n".join(
        f"Paragraph {i}: the harbour master said the port of Varn stays open." for i in range(n)
    )


def test_an_ordinary_source_is_shown_whole_without_a_part_bar(window, lib):
    body = _paragraphs(200)
    src = lib.sources.create(title="Ordinary", body=body).after
    window.sources.open_source(src.id)
    reader = window.sources.reader
    assert reader.toPlainText() == body
    assert not reader.part_bar.isVisible()


def test_a_long_source_is_shown_a_part_at_a_time(window, lib, qtbot, monkeypatch):
    monkeypatch.setattr(reader_module, "PART_CHARS", 5_000)
    body = _paragraphs(600)  # about 43,000 characters: nine parts of at most 5,000
    src = lib.sources.create(title="A book", body=body).after
    window.sources.open_source(src.id)
    reader = window.sources.reader
    shown = reader.toPlainText()
    assert body.startswith(shown) and 2_500 <= len(shown) <= 5_000
    assert shown.endswith("\n")  # cut after a line break, not inside a sentence
    assert reader.part_bar.isVisible()
    assert reader.part_label.text().startswith(f"Part 1 of {reader.part_count()}: characters 1\u2013")
    assert not reader.earlier_button.isEnabled()
    qtbot.mouseClick(reader.later_button, reader_module.Qt.MouseButton.LeftButton)
    second = reader.toPlainText()
    assert body[len(shown) : len(shown) + len(second)] == second
    assert reader.part_label.text().startswith(
        f"Part 2 of {reader.part_count()}: characters {len(shown) + 1:,}"
    )
    assert reader.earlier_button.isEnabled()
    # all the parts together are the body, in order
    parts = [shown, second]
    while reader.later_button.isEnabled():
        reader.later_button.click()
        parts.append(reader.toPlainText())
    assert "".join(parts) == body


def test_a_claim_in_a_later_part_is_shown_highlighted_in_its_part(window, lib, monkeypatch):
    monkeypatch.setattr(reader_module, "PART_CHARS", 5_000)
    body = _paragraphs(600)
    src = lib.sources.create(title="A book", body=body).after
    words = "Paragraph 500: the harbour master said the port of Varn stays open."
    start = body.index(words)
    claim = lib.claims.create(
        source_id=src.id, quote=words, actor="Harbour master", span=(start, start + len(words))
    )
    window.sources.open_source(src.id, claim_id=claim.after.id)
    reader = window.sources.reader
    assert words in reader.toPlainText()
    assert "Paragraph 1:" not in reader.toPlainText()
    [sel] = reader.extraSelections()
    assert sel.cursor.selectedText() == words
    reader.select_text(start, start + len("Paragraph 500"))
    assert reader.selection_span() == (start, start + len("Paragraph 500"))
    assert reader.selected_quote() == "Paragraph 500"
    reader.earlier_button.click()  # the claim's highlight is not in the earlier part
    assert reader.extraSelections() == []


def test_a_line_without_a_break_is_shown_in_pieces(window, lib):
    body = "port said officials harbour " * 5_000  # 140,000 characters, no line break
    src = lib.sources.create(title="One line", body=body).after
    window.sources.open_source(src.id)
    reader = window.sources.reader
    shown = reader.toPlainText()
    assert body.startswith(shown)
    assert len(shown) <= reader_module.LONG_LINE_CHARS and shown.endswith(" ")
    assert reader.part_count() == 3
    assert reader.part_label.text().startswith("Part 1 of 3: characters 1\u2013")
    assert "of 140,000" in reader.part_label.text()


def test_search_hit_in_a_long_source_opens_its_part(window, lib, monkeypatch):
    monkeypatch.setattr(reader_module, "PART_CHARS", 5_000)
    body = _paragraphs(600) + "\n\nThe zeppelin landed."
    src = lib.sources.create(title="A book", body=body).after
    window.sources.open_source(src.id)
    reader = window.sources.reader
    start = body.index("zeppelin")
    reader.show_span(start, start + len("zeppelin"))
    assert reader.textCursor().selectedText() == "zeppelin"
    assert "The zeppelin landed." in reader.toPlainText()
    assert not reader.later_button.isEnabled()


def test_a_claim_denied_many_times_shows_its_denials_a_page_at_a_time(window, lib, monkeypatch):
    import ui.claim_links_view as links_module

    monkeypatch.setattr(links_module, "MAX_CARDS", 2)
    body = "The port is open. Anna denies it. Bell denies it. Carl denies it."
    src = lib.sources.create(title="Port", body=body).after
    target = lib.claims.create(source_id=src.id, quote="The port is open", actor="Harbour master").after
    deniers = []
    for name in ("Anna", "Bell", "Carl"):
        c = lib.claims.create(source_id=src.id, quote=f"{name} denies it", actor=name).after
        lib.links.create(from_claim_id=c.id, kind="denies", to_claim_id=target.id)
        deniers.append(c.id)
    window.go_to("claims")
    window.claims.show_claim(target.id)
    zone = window.claims.links.zones["denials"]
    assert "Denials (3)" in zone.title.text()

    def shown():
        widgets = [zone.cards.itemAt(i).widget() for i in range(zone.cards.count())]
        return [w.claim.id for w in widgets if hasattr(w, "claim")], [
            w.text() for w in widgets if w.objectName() == "showMoreCards"
        ]

    cards, more = shown()
    assert len(cards) == 2 and set(cards) < set(deniers)
    assert more == ["Show 1 more (1 of 3 not shown)"]
    more_button = next(
        zone.cards.itemAt(i).widget()
        for i in range(zone.cards.count())
        if zone.cards.itemAt(i).widget().objectName() == "showMoreCards"
    )
    more_button.click()
    cards, more = shown()
    assert sorted(cards) == sorted(deniers) and more == []


def test_the_denies_list_of_a_draft_offers_the_nearest_and_says_how_many_more(qtbot, lib, jobs, monkeypatch):
    import ui.draft_claims_dialog as draft_module
    from ui.draft_claims_dialog import DraftClaimsDialog

    monkeypatch.setattr(draft_module, "MAX_ANSWERS", 2)
    body = (
        "The interior minister, Dana Reyes, said on Monday that the border crossing at Kessel would reopen "
        "within a week.\n\n"
        "\u201cWe have repaired the bridge and the guards are back,\u201d Reyes told reporters.\n\n"
        "Officials in the neighbouring province denied this. Drivers said they had received no instructions.\n"
    )
    src = lib.sources.create(title="Kessel", body=body, kind="news article", published="2026-03-03").after
    dlg = DraftClaimsDialog(lib, jobs, src.id)
    qtbot.addWidget(dlg)
    dlg.denials_list.setCurrentItem(dlg.denials_list.topLevelItem(0))
    combo = dlg.answers_combo
    listed = [combo.itemText(i) for i in range(combo.count())]
    assert listed[0].startswith("Nothing")
    assert combo.currentText().startswith("p2 ")  # what it denies now is always listed
    assert len(listed) == 4 and not any(t.startswith("p1 ") for t in listed)  # the furthest is left out
    assert listed[-1] == "(1 more further away in the source not listed)"
    assert not combo.model().item(combo.count() - 1).isEnabled()


def test_opening_a_search_hit_in_a_long_source_selects_the_word_in_its_part(window, lib, qtbot, monkeypatch):
    monkeypatch.setattr(reader_module, "PART_CHARS", 5_000)
    body = _paragraphs(600) + "\n\nThe Zeppelin landed at dawn."
    src = lib.sources.create(title="A book", body=body).after
    field = window.search_field
    field.setText("zeppelin")
    qtbot.keyClick(field, reader_module.Qt.Key.Key_Return)
    reader = window.sources.reader
    assert window.current_page() == "sources" and reader.source.id == src.id
    assert reader.textCursor().selectedText() == "Zeppelin"
    assert reader.selection_span() == (body.index("Zeppelin"), body.index("Zeppelin") + len("Zeppelin"))
    assert "Part 9 of 9" in reader.part_label.text()


def _claimed_book(lib, paragraphs: list[int]):
    body = _paragraphs(300)
    src = lib.sources.create(title="A claimed book", body=body).after
    ids = {}
    for i in paragraphs:
        words = f"Paragraph {i}: the harbour master said"
        start = body.index(words)
        ids[i] = lib.claims.create(
            source_id=src.id, quote=words, actor="Harbour master", span=(start, start + len(words))
        ).after.id
    return src, ids


def _highlighted(reader) -> list[str]:
    return sorted(sel.cursor.selectedText() for sel in reader.extraSelections())


def test_thousands_of_claims_are_highlighted_where_the_reader_is(window, lib, qtbot, monkeypatch):
    monkeypatch.setattr(reader_module, "MAX_HIGHLIGHTS", 3)
    monkeypatch.setattr(reader_module, "HIGHLIGHT_MARGIN_CHARS", 100)
    src, ids = _claimed_book(lib, [1, 2, 3, 297, 298, 299])
    window.sources.open_source(src.id)
    reader = window.sources.reader
    top = [f"Paragraph {i}: the harbour master said" for i in (1, 2, 3)]
    bottom = [f"Paragraph {i}: the harbour master said" for i in (297, 298, 299)]
    assert _highlighted(reader) == top
    reader.verticalScrollBar().setValue(reader.verticalScrollBar().maximum())
    qtbot.waitUntil(lambda: _highlighted(reader) == bottom)
    window.sources.select_claim(ids[2])  # back at the top, the selected claim in its own colour
    qtbot.waitUntil(lambda: _highlighted(reader) == top)
    assert reader.selected_claim_id == ids[2]


def test_a_source_with_thousands_of_claims_lists_the_first_and_says_how_many_more(window, lib, monkeypatch):
    import ui.source_claims_list as list_module

    monkeypatch.setattr(list_module, "MAX_LISTED", 3)
    src, ids = _claimed_book(lib, [1, 2, 3, 250, 251])
    window.sources.open_source(src.id)
    claims_list = window.sources.claims_list
    rows = [claims_list.topLevelItem(i).text(0) for i in range(claims_list.topLevelItemCount())]
    assert rows[:3] == [f"Paragraph {i}: the harbour master said" for i in (1, 2, 3)]
    assert rows[3] == (
        "2 more claims of this source are not listed here; \u201cShow this source's claims in Claims\u201d lists all 5."
    )
    assert len(rows) == 4
    window.sources.select_claim(ids[2])
    assert claims_list.currentItem().text(0) == "Paragraph 2: the harbour master said"
    window.sources.select_claim(ids[251])  # not listed: shown in the reader, no row current
    assert claims_list.currentItem() is None
    assert window.sources.reader.selected_claim_id == ids[251]


def test_an_edited_quote_in_a_long_source_is_found_near_the_proposal(qtbot, lib, jobs, monkeypatch):
    import ui.draft_claims_dialog as draft_module

    monkeypatch.setattr(draft_module, "QUOTE_WINDOW_CHARS", 300)
    body = (
        "The interior minister, Dana Reyes, said on Monday that the border crossing at Kessel would reopen "
        "within a week.\n\n" + _paragraphs(40) + "\n\nA ferry to Varn sails at noon.\n"
    )
    src = lib.sources.create(title="Kessel", body=body, kind="news article", published="2026-03-03").after
    dlg = draft_module.DraftClaimsDialog(lib, jobs, src.id)
    qtbot.addWidget(dlg)
    dlg.claims_list.setCurrentItem(dlg.claims_list.topLevelItem(0))
    assert dlg.quote_edit.toPlainText() == "the border crossing at Kessel would reopen within a week"
    dlg.quote_edit.setPlainText("the border crossing at Kessel")  # shortened: found where the proposal is
    assert dlg._commit_edit()
    assert dlg.claims_list.topLevelItem(0).text(3) == "the border crossing at Kessel"
    dlg.quote_edit.setPlainText("A ferry to Varn sails at noon")  # in the source, but far from the proposal
    assert not dlg._commit_edit()
    assert "does not occur in the source" in dlg.status.text()
    assert "within 300 characters of the proposal" in dlg.status.text()
    assert dlg.claims_list.topLevelItem(0).text(3) == "the border crossing at Kessel"
