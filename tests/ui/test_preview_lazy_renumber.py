"""An edit that renumbers the notes of a long brief: the preview shows the part in view renumbered at once and
renumbers the rest later, while idle; whatever the analyst scrolls to, finds, copies or prints is the fresh
render's, never a note number from before the edit."""

from __future__ import annotations

import dataclasses

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QPoint  # noqa: E402
from PySide6.QtGui import QTextDocument  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from ui.preview_view import QUIET_MS, PreviewView, _with_blocks, render_preview  # noqa: E402

pytestmark = pytest.mark.sqlite_only("the preview's document does not depend on the storage")


@pytest.fixture
def claims(lib):
    body = " ".join(f"Statement {n} was made." for n in range(61))
    src = lib.sources.create(title="Wire report", body=body).after
    return [
        lib.claims.create(source_id=src.id, quote=f"Statement {n} was made.", actor=f"Official {n}").after
        for n in range(61)
    ]


def _body(claims) -> str:
    """60 cited paragraphs, each citing a claim of its own: 60 notes; claim 61 is not cited."""
    parts = [
        f"Paragraph {n} says the convoy crossed the border at night [@c{c.id}]." for n, c in enumerate(claims)
    ]
    return "\n\n".join(["# Key judgments", *parts[:60]]) + "\n"


def _cite_new_at_top(body: str, claim) -> str:
    """The uncited claim cited in the first paragraph: it becomes note 1 and every other note moves down."""
    return body.replace("at night [", f"at night [@c{claim.id}] [", 1)


def _view(qtbot, lib, brief) -> PreviewView:
    view = PreviewView(lib, None)
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    view._show(view._generation, *_with_blocks(render_preview(lib, brief, view.images, view.records)))
    QApplication.processEvents()
    return view


def _update(view: PreviewView, lib, brief) -> QTextDocument:
    """Show ``brief`` in place (no event processed after it: no idle slice runs); the fresh render's document."""
    result = render_preview(lib, brief, view.images, view.records)
    view._show(view._generation, *_with_blocks(result))
    assert view.updated_in_place
    fresh = QTextDocument()
    fresh.setDefaultStyleSheet(view.document().defaultStyleSheet())
    fresh.setHtml(result.html)
    return fresh


def _visible_blocks(view: PreviewView) -> range:
    port = view.viewport()
    top = view.cursorForPosition(QPoint(0, 0)).blockNumber()
    return range(top, view.cursorForPosition(QPoint(port.width() - 1, port.height() - 1)).blockNumber() + 1)


def _shows(view: PreviewView, fresh: QTextDocument, numbers: range) -> bool:
    doc = view.document()  # as it is: the view's own readers renumber first
    return all(doc.findBlockByNumber(n).text() == fresh.findBlockByNumber(n).text() for n in numbers)


@pytest.fixture
def renumber(qtbot, lib, claims):
    """A view of the 60-paragraph brief, scrolled to its top; calling this makes the edit that renumbers
    every note (inside the test: pytest-qt processes events between a fixture and the test)."""
    brief = lib.briefs.create(title="Long brief", body=_body(claims)).after
    view = _view(qtbot, lib, brief)
    view.verticalScrollBar().setValue(0)

    def edit(settle: bool = True) -> tuple[PreviewView, QTextDocument]:
        """``settle``: the update's own further stretches run too (the new note, the part in view)."""
        fresh = _update(view, lib, dataclasses.replace(brief, body=_cite_new_at_top(brief.body, claims[60])))
        if settle:
            qtbot.waitUntil(lambda: view.viewport().updatesEnabled(), timeout=3000)
            assert len(view.shown.pending) > 60, "the part out of view is left for later"
        return view, fresh

    edit.brief = brief  # type: ignore[attr-defined]
    return edit


def test_the_part_in_view_is_renumbered_at_once_and_the_rest_while_idle(qtbot, renumber):
    view, fresh = renumber(settle=False)
    assert not view.viewport().updatesEnabled(), "nothing painted until the part in view is renumbered"
    qtbot.waitUntil(lambda: view.viewport().updatesEnabled(), timeout=3000)  # the update's next stretches
    assert view.shown.target is not None, "the rest waits for a pause"
    assert _shows(view, fresh, _visible_blocks(view))
    assert "Paragraph 0 says the convoy crossed the border at night1 2." in view.document().toPlainText()
    last = fresh.lastBlock()
    assert view.document().lastBlock().text() != last.text(), "the last note is not renumbered yet"
    qtbot.waitUntil(lambda: view.shown.target is None, timeout=5000)  # the idle slices, nothing asked
    assert view.document().toPlainText() == fresh.toPlainText()
    assert view.document().toHtml() == fresh.toHtml()
    assert view.document().lastBlock().text().startswith("61. ")


def test_the_rest_waits_while_the_analyst_types_and_is_renumbered_once_they_pause(qtbot, renumber):
    """A citation typed key by key renumbers on every render: what is out of view waits for a pause
    (``QUIET_MS`` without a keystroke or a render), then the idle slices finish it."""
    view, fresh = renumber()
    pending = list(view.shown.pending)
    for _ in range(3):  # keystrokes closer together than the pause
        qtbot.wait(QUIET_MS // 3)
        brief = renumber.brief
        view.schedule(
            brief, brief.body + "x" * len(pending)
        )  # a keystroke: its render is due after the debounce
        view._timer.stop()  # not rendered here: only the keystroke's effect on the waiting renumbering counts
        assert view.shown.pending == pending, "nothing out of view renumbered while typing"
    qtbot.waitUntil(lambda: view.shown.target is None, timeout=QUIET_MS + 5000)
    assert view.document().toHtml() == fresh.toHtml()


def test_scrolling_to_a_part_not_renumbered_yet_shows_it_renumbered(renumber):
    view, fresh = renumber()
    bar = view.verticalScrollBar()
    # the notes, no event processed, no idle slice run. Qt lays a long document out lazily, so the end the
    # scroll bar knows can be where layout had got to (a quiet machine had not laid the notes out yet): the
    # analyst drags to the end again once the bar has grown, as here
    for _ in range(5):
        bar.setValue(bar.maximum())
        shown = _visible_blocks(view)
        if fresh.lastBlock().blockNumber() in shown:
            break
    assert fresh.lastBlock().blockNumber() in shown
    assert _shows(view, fresh, shown), "the notes in view show their new numbers"
    assert view.document().lastBlock().text().startswith("61. c")
    bar.setValue(bar.maximum() // 2)  # the middle of the body
    assert _shows(view, fresh, _visible_blocks(view))
    assert view.shown.target is not None, "what was never in view is still left for later"


def test_find_in_the_preview_finds_the_new_numbers_of_a_part_not_renumbered_yet(renumber, claims):
    view, fresh = renumber()
    last_note = f"61. c{claims[59].id} Official 59"
    assert last_note in fresh.toPlainText() and last_note not in view.document().toPlainText()
    assert view.find(last_note)
    assert view.textCursor().selectedText() == last_note
    assert view.shown.target is None and view.document().toHtml() == fresh.toHtml()
    assert _shows(view, fresh, _visible_blocks(view))


def test_copying_everything_copies_the_renumbered_text(renumber):
    view, fresh = renumber()
    view.selectAll()
    view.copy()
    assert QApplication.clipboard().text() == fresh.toPlainText()


def test_printing_prints_the_renumbered_document(renumber, tmp_path):
    from PySide6.QtPrintSupport import QPrinter

    view, fresh = renumber()
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "preview.pdf"))
    view.print_(printer)
    assert (tmp_path / "preview.pdf").stat().st_size > 0
    assert view.shown.target is None and view.document().toHtml() == fresh.toHtml()


def test_reading_the_previews_text_or_html_gives_the_renumbered_document(renumber):
    view, fresh = renumber()
    assert view.toPlainText() == fresh.toPlainText()
    assert view.toHtml() == fresh.toHtml()
