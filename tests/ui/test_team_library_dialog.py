"""File > Open team library: connecting to a library on a PostgreSQL server from the app, every refusal in
plain words in the dialog, and the password never written anywhere by Briefdesk."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtWidgets import QApplication  # noqa: E402

from app.library import Library  # noqa: E402
from ui import main as ui_main  # noqa: E402
from ui.jobs import Jobs  # noqa: E402
from ui.main_window import MainWindow, open_windows  # noqa: E402
from ui.settings import Settings, settings_path  # noqa: E402
from ui.team_library_dialog import TeamLibraryDialog  # noqa: E402


@pytest.fixture
def team_db(pg_server):
    """An empty team library in the session's server (schema made), and its server."""
    name = pg_server.new_database("team")
    yield pg_server.cluster, name
    pg_server.drop(name)


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(Jobs, "synchronous", True)
    lib = Library.open(tmp_path / "local.briefdesk")
    w = MainWindow(lib, Settings.load())
    qtbot.addWidget(w)
    w.watcher.stop()
    yield w
    for other in open_windows():
        other.close()


def _fill(dlg: TeamLibraryDialog, cluster, database: str, *, user: str = "postgres", password: str = ""):
    dlg.host.setText("127.0.0.1")
    dlg.port.setValue(cluster.port)
    dlg.database.setText(database)
    dlg.user.setText(user)
    dlg.password.setText(password)


def _new_window(old: MainWindow) -> MainWindow:
    return next(w for w in open_windows() if w is not old)


def test_open_team_library_with_a_typed_password_never_stores_it(qtbot, window, team_db):
    from tests.postgres_cluster import PASSWORD, PASSWORD_ROLE

    cluster, name = team_db
    window.open_team_library_action.trigger()
    dlg = window.team_dialog
    assert isinstance(dlg, TeamLibraryDialog) and dlg.isVisible()
    _fill(dlg, cluster, name, user=PASSWORD_ROLE, password=PASSWORD)
    dlg.connect_button.click()
    new = _new_window(window)
    qtbot.addWidget(new)
    new.watcher.stop()
    assert new.lib.is_team and new.lib.location == cluster.url(name, user=PASSWORD_ROLE)
    assert f"{name} (team library on 127.0.0.1)" in new.windowTitle()
    assert dlg.password.text() == ""
    # the address is remembered for next time, the password is not: not in settings.json, not anywhere
    stored = settings_path().read_text(encoding="utf-8")
    assert cluster.url(name, user=PASSWORD_ROLE) in stored and "correct horse" not in stored
    assert not any("horse" in p for p in Settings.load().get("recent_libraries"))
    # the session keeps working with the typed password (a new pooled connection logs in again)
    new.lib.engine.dispose()
    new.lib.sources.create(title="Stored on the team server", body="Text.")
    assert new.lib.counts()["sources"] == 1


def test_a_wrong_password_is_said_in_the_dialog_which_stays_open(qtbot, window, team_db):
    from tests.postgres_cluster import PASSWORD, PASSWORD_ROLE

    cluster, name = team_db
    window.open_team_library_action.trigger()
    dlg = window.team_dialog
    _fill(dlg, cluster, name, user=PASSWORD_ROLE, password="not the password")
    dlg.connect_button.click()
    assert dlg.isVisible() and dlg.library is None
    assert "wrong user name or password" in dlg.status.text()
    assert "not the password" not in dlg.status.text()
    assert dlg.password.hasFocus() or dlg.password.selectedText() == "not the password"
    assert [w for w in open_windows() if w is not window] == []
    dlg.password.setText(PASSWORD)  # correct it and connect again
    dlg.connect_button.click()
    assert not dlg.isVisible() and dlg.library is not None
    qtbot.addWidget(_new_window(window))


def test_an_unreachable_server_is_said_in_the_dialog(qtbot, window):
    from tests.postgres_cluster import free_port

    window.open_team_library_action.trigger()
    dlg = window.team_dialog
    dlg.host.setText("127.0.0.1")
    dlg.port.setValue(free_port())
    dlg.database.setText("team")
    dlg.connect_button.click()
    assert dlg.isVisible() and "cannot be reached" in dlg.status.text()
    assert dlg.connect_button.isEnabled()  # try again once the server is up


def test_not_a_library_and_a_newer_library_are_refused_in_plain_words(qtbot, window, pg_server):
    cluster = pg_server.cluster
    other = pg_server.empty_database()
    newer = pg_server.new_database("newer")
    try:
        cluster.sql("CREATE TABLE invoices (id int primary key)", other)
        cluster.sql("UPDATE alembic_version SET version_num = '9999'", newer)
        window.open_team_library_action.trigger()
        dlg = window.team_dialog
        _fill(dlg, cluster, other)
        dlg.connect_button.click()
        assert "is not a Briefdesk library" in dlg.status.text()
        _fill(dlg, cluster, newer)
        dlg.connect_button.click()
        assert "newer version of Briefdesk" in dlg.status.text() and "update Briefdesk" in dlg.status.text()
        _fill(dlg, cluster, "")
        dlg.connect_button.click()
        assert "database's name" in dlg.status.text()
        assert dlg.isVisible() and dlg.library is None
        dlg.reject()
    finally:
        pg_server.drop(other)
        pg_server.drop(newer)


def test_a_recent_team_library_opens_from_the_file_menu(qtbot, window, team_db):
    cluster, name = team_db
    address = cluster.url(name)
    window.settings.add_recent_library(address)
    window._rebuild_recent_menu()
    entry = next(a for a in window.recent_menu.actions() if a.text() == address)
    assert entry.isEnabled()
    entry.trigger()  # connects at once, through the dialog (a server may be slow: never on the GUI thread)
    new = _new_window(window)
    qtbot.addWidget(new)
    new.watcher.stop()
    assert new.lib.location == address


def test_the_dialog_is_filled_from_a_recent_address_without_its_password(qtbot):
    dlg = TeamLibraryDialog(
        recent=["postgresql://alice@db.cell.example:6543/cell_library"],
        address="postgresql://bob:secret@other.example/briefs",
    )
    qtbot.addWidget(dlg)
    assert (dlg.host.text(), dlg.port.value(), dlg.database.text(), dlg.user.text()) == (
        "other.example",
        5432,
        "briefs",
        "bob",
    )
    assert dlg.password.text() == ""
    dlg.recent.setCurrentIndex(1)
    assert (dlg.host.text(), dlg.port.value(), dlg.database.text(), dlg.user.text()) == (
        "db.cell.example",
        6543,
        "cell_library",
        "alice",
    )
    dlg.password.setText("p@ss:w/rd")
    assert dlg.address() == "postgresql://alice@db.cell.example:6543/cell_library"
    assert Library  # the address with the password escapes it, so any password works
    from sqlalchemy.engine import make_url

    assert make_url(dlg.address(with_password=True)).password == "p@ss:w/rd"


def test_a_libpq_service_names_the_library(qtbot, window, team_db, tmp_path, monkeypatch):
    cluster, name = team_db
    service_file = tmp_path / "pg_service.conf"
    service_file.write_text(
        f"[cell]\nhost=127.0.0.1\nport={cluster.port}\ndbname={name}\nuser=postgres\n", encoding="utf-8"
    )
    monkeypatch.setenv("PGSERVICEFILE", str(service_file))
    window.open_team_library_action.trigger()
    dlg = window.team_dialog
    for field in (dlg.host, dlg.database, dlg.user):
        field.clear()
    dlg.service.setText("cell")
    dlg.connect_button.click()
    assert dlg.library is not None, dlg.status.text()
    new = _new_window(window)
    qtbot.addWidget(new)
    new.watcher.stop()
    assert new.lib.location == "postgresql://?service=cell"
    assert "cell (team library, service cell)" in new.windowTitle()
    assert new.lib.counts()["sources"] == 0


def test_starting_on_a_team_library_that_wants_a_password_asks_for_it(qtbot, team_db, monkeypatch):
    from PySide6.QtCore import QTimer

    from tests.postgres_cluster import PASSWORD, PASSWORD_ROLE

    cluster, name = team_db
    address = cluster.url(name, user=PASSWORD_ROLE)  # no password: PGPASSWORD unset, no ~/.pgpass
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", "/nonexistent")
    monkeypatch.setenv("BRIEFDESK_LIBRARY", address)
    monkeypatch.setenv("BRIEFDESK_QUIT_AFTER_INTERACTIVE", "1")
    monkeypatch.setattr(Jobs, "synchronous", True)
    assert ui_main.resolve_library_path(None) == address
    asked: list[str] = []

    def exec_(dlg: TeamLibraryDialog) -> int:
        asked.append(dlg.status.text())
        assert dlg.database.text() == name and dlg.user.text() == PASSWORD_ROLE
        dlg.password.setText(PASSWORD)
        dlg.connect_to_library()
        return dlg.result()

    monkeypatch.setattr(TeamLibraryDialog, "exec", exec_)
    QTimer.singleShot(15000, QApplication.instance().quit)  # a safety net: never hang the suite
    assert ui_main.run(None) == 0
    assert asked and "refused the login" in asked[0]
