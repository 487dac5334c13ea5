"""A library opened read-only (its folder cannot be written, or on request) is shown read-only: the title
and status bar say so, editing actions stay disabled even when a selection would enable them, and an open
brief can be read but not typed in."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from app.library import Library  # noqa: E402
from ui.brief_editor import BriefEditor  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.settings import Settings  # noqa: E402


@pytest.fixture
def read_only_library(tmp_path):
    from app.demo import populate

    path = tmp_path / "shelf.briefdesk"
    with Library.open(path) as lib:
        populate(lib)
    library = Library.open(path, read_only=True)
    yield library
    library.close()


def test_the_window_shows_a_read_only_library_read_only(qtbot, read_only_library):
    w = MainWindow(read_only_library, Settings.load())
    qtbot.addWidget(w)
    w.show()
    assert w.windowTitle().endswith("(read-only)")
    assert "edits are disabled" in w.read_only_label.text()
    assert not any(a.isEnabled() for a in w.read_only_actions())
    w.go_to("claims")
    w.claims.show_claim(1, select=True)  # a selection enables the claim actions on a writable library
    assert not w.claims.edit_action.isEnabled() and not w.claims.add_denial_action.isEnabled()
    assert not w.acceptDrops()
    assert w.claims.model.rowCount() > 0  # everything still reads


def test_an_open_brief_can_be_read_but_not_typed_in(qtbot, read_only_library, jobs):
    brief_id = read_only_library.briefs.list().items[0].id
    ed = BriefEditor(read_only_library, jobs, brief_id)
    qtbot.addWidget(ed)
    assert ed.body() == read_only_library.briefs.get(brief_id).body
    assert ed.editor.isReadOnly() and not ed.save_action.isEnabled()
    assert "read-only" in ed.status.text()
    ed.save()  # nothing is written, nothing fails
    assert ed.save_error is None


def test_a_writable_library_is_not_marked_read_only(qtbot, demo_lib):
    w = MainWindow(demo_lib, Settings.load())
    qtbot.addWidget(w)
    assert "(read-only)" not in w.windowTitle()
    assert w.new_brief_action.isEnabled()
