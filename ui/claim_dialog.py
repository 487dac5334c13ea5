"""The claim dialog: a new claim from a selection in a source, or an edit of an existing claim.

The dialog collects values and checks what it can locally (a quote, a valid date); the caller's ``submit``
does the write (through an undo command) and calls back ``done()`` or ``failed(exc)``: on a failure the
message is shown in the dialog, which stays open with everything the user typed.

Who said the selected words is proposed by ``app.extract.suggest`` (the caller passes it as ``suggested``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain import CREDIBILITY_MEANING, ClaimStatus, parse_date
from app.errors import BriefdeskError
from app.extract.suggest import ActorCandidate
from ui import theme


def split_tags(text: str) -> list[str]:
    return [t.strip() for t in re.split(r"[,;]", text) if t.strip()]


class ClaimDialog(QDialog):
    """Fill in a claim. ``values()`` gives what ``lib.claims.create``/``update`` take (actor as a name)."""

    def __init__(
        self,
        *,
        source_title: str,
        quote: str,
        span: tuple[int, int] | None = None,
        claim=None,
        suggested: ActorCandidate | None = None,
        outlet: str = "",
        actor_names: list[str] | None = None,
        actors: list[ActorCandidate] | None = None,
        heading: str = "",
        submit: Callable[[dict, Callable[[], None], Callable[[BaseException], None]], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit claim" if claim is not None else "New claim")
        self.setMinimumWidth(560)
        self.span = span
        self.claim = claim
        self._submit = submit
        self._filled_actor = claim.actor_name if claim is not None else (suggested.name if suggested else "")
        self.heading = QLabel(heading, self)
        self.heading.setWordWrap(True)
        self.heading.setVisible(bool(heading))
        self.source_label = QLabel(source_title, self)
        self.source_label.setWordWrap(True)
        self.quote = QPlainTextEdit(self)
        self.quote.setPlainText(quote)
        self._quote_original = quote.strip()
        self.quote.setTabChangesFocus(True)
        self.quote.setFixedHeight(90)
        self.quote.setToolTip("The verbatim words from the source; they must occur in its text.")
        self.actor = QLineEdit(self)
        self.actor.setPlaceholderText("Who said it (a person, an office, or the outlet itself)")
        self.known_actors = list(actors or [])
        actor_names = list(dict.fromkeys([*(actor_names or []), *(a.name for a in self.known_actors)]))
        if actor_names:
            completer = QCompleter(actor_names, self)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            self.actor.setCompleter(completer)
            completer.activated.connect(self._known_actor_chosen)
        self.actor.editingFinished.connect(lambda: self._known_actor_chosen(self.actor.text()))
        self.role = QLineEdit(self)
        self.role.setPlaceholderText("Role or title (for a new actor)")
        self.affiliation = QLineEdit(self)
        self.affiliation.setPlaceholderText("Country or organisation (for a new actor)")
        actor_row = QWidget(self)
        actor_lay = QHBoxLayout(actor_row)
        actor_lay.setContentsMargins(0, 0, 0, 0)
        actor_lay.addWidget(self.actor, 3)
        actor_lay.addWidget(self.role, 2)
        actor_lay.addWidget(self.affiliation, 2)
        self.statement = QPlainTextEdit(self)
        self.statement.setTabChangesFocus(True)
        self.statement.setFixedHeight(64)
        self.statement.setPlaceholderText("The claim in your words (optional)")
        self.said = QLineEdit(self)
        self.said.setPlaceholderText("YYYY-MM-DD (when it was said)")
        self.credibility = QComboBox(self)
        for n, meaning in CREDIBILITY_MEANING.items():
            self.credibility.addItem(f"{n} \u2013 {meaning}", n)
        self.status = QComboBox(self)
        for s in ClaimStatus:
            self.status.addItem(s.value.capitalize(), s.value)
        self.tags = QLineEdit(self)
        self.tags.setPlaceholderText("Comma-separated, e.g. drones, iran")
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(56)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(theme.error_style())
        self.error.setVisible(False)

        form = QFormLayout()
        form.addRow("Source:", self.source_label)
        form.addRow("&Quote:", self.quote)
        form.addRow("&Actor:", actor_row)
        form.addRow("S&tatement:", self.statement)
        form.addRow("&Date said:", self.said)
        form.addRow("C&redibility:", self.credibility)
        form.addRow("Stat&us:", self.status)
        form.addRow("Ta&gs:", self.tags)
        form.addRow("&Notes:", self.notes)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)

        self.credibility.setCurrentIndex(5)
        if claim is not None:
            self._fill(claim)
        else:
            if suggested is not None:
                self.actor.setText(suggested.name)
                self.role.setText(suggested.role)
                self.affiliation.setText(suggested.affiliation)
            elif outlet:
                self.actor.setText(outlet)
        QTimer.singleShot(0, self.actor.setFocus if claim is None else self.statement.setFocus)

    def known_actor(self, name: str) -> ActorCandidate | None:
        """The library's actor with this name or alias (any case), if the dialog was given them."""
        key = " ".join(name.split()).casefold()
        if not key:
            return None
        for cand in self.known_actors:
            if key in (" ".join(n.split()).casefold() for n in (cand.name, *cand.aliases)):
                return cand
        return None

    def _known_actor_chosen(self, name: str) -> None:
        """Naming a known actor brings their role and affiliation, so the claim goes to that actor rather than
        to a new one with the previous actor's affiliation."""
        cand = self.known_actor(name)
        if cand is None or cand.name == self._filled_actor:
            return
        self._filled_actor = cand.name
        self.actor.setText(cand.name)
        self.role.setText(cand.role)
        self.affiliation.setText(cand.affiliation)

    def _fill(self, c) -> None:
        self.actor.setText(c.actor_name)
        self.role.setText(c.actor_role)
        self.affiliation.setText(c.actor_affiliation)
        self.statement.setPlainText(c.statement)
        self.said.setText(c.said.isoformat() if c.said else "")
        self.credibility.setCurrentIndex(max(0, self.credibility.findData(c.credibility)))
        self.status.setCurrentIndex(max(0, self.status.findData(c.status.value)))
        self.tags.setText(", ".join(c.tags))
        self.notes.setPlainText(c.notes)

    def values(self) -> dict:
        """Checked values; raises BriefdeskError (ValidationError) with a message for the user."""
        quote = self.quote.toPlainText().strip()
        if not quote:
            from app.errors import ValidationError

            raise ValidationError("A claim needs the quote: the words as the source has them.")
        said = parse_date(self.said.text(), what="date said")
        out = {
            "quote": quote,
            "actor": self.actor.text().strip(),
            "role": self.role.text().strip(),
            "affiliation": self.affiliation.text().strip(),
            "statement": " ".join(self.statement.toPlainText().split()),
            "said": said,
            "credibility": self.credibility.currentData(),
            "status": self.status.currentData(),
            "tags": split_tags(self.tags.text()),
            "notes": self.notes.toPlainText(),
        }
        if self.span is not None and quote == self._quote_original:
            out["span"] = self.span  # the selection's place in the body (the same words may occur twice)
        return out

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def accept(self) -> None:
        try:
            values = self.values()
        except BriefdeskError as exc:
            self.show_error(str(exc))
            return
        if self._submit is None:
            super().accept()
            return
        self.buttons.setEnabled(False)

        def done() -> None:
            self.buttons.setEnabled(True)
            QDialog.accept(self)

        def failed(exc: BaseException) -> None:
            self.buttons.setEnabled(True)
            if isinstance(exc, BriefdeskError):
                self.show_error(str(exc))
            else:
                self.show_error(f"{type(exc).__name__}: {exc}")

        self._submit(values, done, failed)
