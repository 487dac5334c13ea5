"""File > Open team library: connect to a Briefdesk library on a PostgreSQL server.

The analyst gives the server, port, database and user name (or a libpq service name), and a password only
when the server asks for one and it is not already in ``~/.pgpass`` or ``PGPASSWORD``. The password lives in
memory for this session only (so the app can reconnect after the server comes back); Briefdesk never writes
it anywhere: the recent-libraries list and the settings keep the address without it.

Connecting runs off the GUI thread (a server that does not answer takes up to the connect timeout), and every
refusal (server unreachable, wrong password, no such database, a database that is not a Briefdesk library,
a library upgraded by a newer Briefdesk) is shown in the dialog in plain words, which stays open to correct
the address or type the password. ``library`` is the open Library once the dialog is accepted.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.errors import BriefdeskError
from app.storage import postgres as pg
from app.storage.store import current_user
from ui import theme
from ui.jobs import Jobs

DEFAULT_PORT = 5432
_LOGIN_WORDS = ("password", "login")


class TeamLibraryDialog(QDialog):
    def __init__(
        self,
        *,
        recent: list[str] | tuple[str, ...] = (),
        address: str | None = None,
        error: str | None = None,
        open_library: Any = None,
        parent: QWidget | None = None,
    ) -> None:
        """``recent``: team library addresses opened before (newest first); ``address``/``error``: start
        filled in with this address and this message (a team library that failed to open at start-up).
        ``open_library(address)``: what opens it (``Library.open`` by default; run on a worker thread)."""
        super().__init__(parent)
        self.setWindowTitle("Open team library")
        self.library: Any = None
        self._open = open_library
        self._jobs = Jobs(self)
        self._connecting = False
        self._abandoned = False

        intro = QLabel(
            "A team library is a Briefdesk library on a PostgreSQL server, shared by your cell. Ask whoever "
            "runs the server for its name, the database and your user name.",
            self,
        )
        intro.setWordWrap(True)
        self.recent = QComboBox(self)
        self.recent.addItem("(new address)", None)
        for a in recent:
            self.recent.addItem(a, a)
        self.recent.setEnabled(bool(recent))
        self.recent.currentIndexChanged.connect(self._recent_chosen)
        self.host = QLineEdit(self)
        self.host.setPlaceholderText("server name or address, e.g. briefs.cell.example")
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.port.setValue(DEFAULT_PORT)
        self.database = QLineEdit(self)
        self.database.setPlaceholderText("e.g. cell_library")
        self.user = QLineEdit(self)
        self.user.setText(current_user())
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("only if the server asks; else from ~/.pgpass or PGPASSWORD")
        self.service = QLineEdit(self)
        self.service.setPlaceholderText("optional: a name in ~/.pg_service.conf instead of the fields above")
        note = QLabel(
            "Briefdesk never stores the password: it is used for this session only. To connect without typing "
            "it, put it in ~/.pgpass (readable by you only) or use a libpq service.",
            self,
        )
        note.setWordWrap(True)
        note.setObjectName("hint")
        form = QFormLayout()
        form.addRow("&Recent:", self.recent)
        form.addRow("&Server:", self.host)
        form.addRow("P&ort:", self.port)
        form.addRow("&Database:", self.database)
        form.addRow("&User name:", self.user)
        form.addRow("&Password:", self.password)
        form.addRow("Ser&vice:", self.service)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.setVisible(False)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.connect_button = self.buttons.button(QDialogButtonBox.StandardButton.Open)
        self.connect_button.setText("&Connect")
        self.buttons.accepted.connect(self.connect_to_library)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(form)
        lay.addWidget(note)
        lay.addWidget(self.status)
        lay.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())
        if address:
            self.set_address(address)
        elif recent:
            self.recent.setCurrentIndex(1)
        if error:
            self.show_problem(error)

    # --- the address ---------------------------------------------------------------------------------
    def set_address(self, address: str) -> None:
        """Fill the fields from an address (any password in it is ignored: it is never shown or kept)."""
        try:
            parts = pg.address_parts(address)
        except Exception:  # noqa: BLE001 - an unreadable address leaves the fields as they are
            return
        self.host.setText(parts["host"])
        self.port.setValue(parts["port"] or DEFAULT_PORT)
        self.database.setText(parts["database"])
        self.user.setText(parts["user"])
        self.service.setText(parts["service"])
        self.password.clear()

    def _recent_chosen(self, index: int) -> None:
        address = self.recent.itemData(index)
        if address:
            self.set_address(address)

    def address(self, *, with_password: bool = False) -> str:
        """The address from the fields (LibraryError in plain words if it cannot be one). With a service and
        no server, the service file gives the server and its port."""
        by_service = bool(self.service.text().strip()) and not self.host.text().strip()
        return pg.compose_url(
            host=self.host.text(),
            port=None if by_service else self.port.value(),
            database=self.database.text(),
            user=self.user.text(),
            password=self.password.text() if with_password else None,
            service=self.service.text(),
        )

    # --- connecting ----------------------------------------------------------------------------------
    def connect_to_library(self) -> None:
        if self._connecting:
            return
        if not (self.database.text().strip() or self.service.text().strip()):
            self.show_problem("Give the database's name (or a service name).")
            self.database.setFocus()
            return
        try:
            address = self.address(with_password=True)
            shown = self.address()
        except BriefdeskError as exc:
            self.show_problem(str(exc))
            return
        self._set_connecting(True)
        self.status.setStyleSheet("")
        self.status.setText(f"Connecting to {shown} ...")
        self.status.setVisible(True)
        opener = self._open
        if opener is None:
            from app.library import Library

            opener = Library.open
        self._jobs.read(lambda: opener(address), self._opened, self._failed)

    def _set_connecting(self, on: bool) -> None:
        self._connecting = on
        self.connect_button.setEnabled(not on)
        for w in (self.recent, self.host, self.port, self.database, self.user, self.password, self.service):
            w.setEnabled(not on and (w is not self.recent or self.recent.count() > 1))

    def _opened(self, lib: Any) -> None:
        self._set_connecting(False)
        if self._abandoned:  # the dialog was cancelled while connecting
            lib.close()
            return
        self.library = lib
        self.password.clear()
        super().accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_connecting(False)
        if self._abandoned:
            return
        message = str(exc) if isinstance(exc, BriefdeskError) else f"{type(exc).__name__}: {exc}"
        self.show_problem(message)

    def show_problem(self, message: str) -> None:
        """Say what went wrong under the fields; a refused login puts the keyboard in the password field."""
        if any(w in message.lower() for w in _LOGIN_WORDS):
            message += " Or type the password above and connect again."
            self.password.selectAll()
            self.password.setFocus()
        self.status.setText(message)
        self.status.setStyleSheet(theme.error_style())
        self.status.setVisible(True)

    def accept(self) -> None:  # Enter in a field: connect, never close without a library
        self.connect_to_library()

    def reject(self) -> None:
        if self._connecting:
            self._abandoned = True  # the worker finishes in the background (at most the connect timeout)
        self.password.clear()
        super().reject()
