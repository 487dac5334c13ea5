"""The source dialog: a source's metadata and its reliability grade (the body is not edited here).

Like the claim dialog, it checks locally, hands the values to the caller's ``submit`` (an undoable
``lib.sources.update``), and stays open showing the message if the write is refused.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain import RELIABILITY_MEANING, SourceKind, parse_date
from app.errors import BriefdeskError, ValidationError
from ui import theme


def source_fields(s) -> dict:
    """The editable fields of a SourceRecord, as the dialog and ``lib.sources.update`` take them."""
    return {
        "title": s.title,
        "kind": s.kind.value,
        "outlet": s.outlet,
        "authors": s.authors,
        "url": s.url,
        "published": s.published,
        "accessed": s.accessed,
        "language": s.language,
        "reliability": s.reliability,
        "descriptor": s.descriptor,
        "notes": s.notes,
    }


class SourceDialog(QDialog):
    def __init__(
        self,
        source,
        *,
        submit: Callable[[dict, Callable[[], None], Callable[[BaseException], None]], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Source s{source.id}")
        self.setMinimumWidth(560)
        self.source = source
        self._submit = submit
        self.title = QLineEdit(source.title, self)
        self.kind = QComboBox(self)
        for k in SourceKind:
            self.kind.addItem(k.value.capitalize(), k.value)
        self.kind.setCurrentIndex(max(0, self.kind.findData(source.kind.value)))
        self.outlet = QLineEdit(source.outlet, self)
        self.authors = QLineEdit(source.authors, self)
        self.url = QLineEdit(source.url, self)
        self.published = QLineEdit(source.published.isoformat() if source.published else "", self)
        self.published.setPlaceholderText("YYYY-MM-DD")
        self.accessed = QLineEdit(source.accessed.isoformat() if source.accessed else "", self)
        self.accessed.setPlaceholderText("YYYY-MM-DD")
        self.language = QLineEdit(source.language, self)
        self.reliability = QComboBox(self)
        for letter, meaning in RELIABILITY_MEANING.items():
            self.reliability.addItem(f"{letter} \u2013 {meaning}", letter)
        self.reliability.setCurrentIndex(max(0, self.reliability.findData(source.reliability)))
        self.descriptor = QPlainTextEdit(source.descriptor, self)
        self.descriptor.setTabChangesFocus(True)
        self.descriptor.setFixedHeight(70)
        self.descriptor.setPlaceholderText("Access, bias, currency")
        self.notes = QPlainTextEdit(source.notes, self)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(60)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(theme.error_style())
        self.error.setVisible(False)
        form = QFormLayout()
        form.addRow("&Title:", self.title)
        form.addRow("&Kind:", self.kind)
        form.addRow("&Outlet:", self.outlet)
        form.addRow("A&uthors:", self.authors)
        form.addRow("&URL:", self.url)
        form.addRow("&Published:", self.published)
        form.addRow("&Accessed:", self.accessed)
        form.addRow("&Language:", self.language)
        form.addRow("&Reliability:", self.reliability)
        form.addRow("&Descriptor:", self.descriptor)
        form.addRow("&Notes:", self.notes)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)

    def values(self) -> dict:
        title = " ".join(self.title.text().split())
        if not title:
            raise ValidationError("A source needs a title.")
        return {
            "title": title,
            "kind": self.kind.currentData(),
            "outlet": self.outlet.text().strip(),
            "authors": self.authors.text().strip(),
            "url": self.url.text().strip(),
            "published": parse_date(self.published.text(), what="date published"),
            "accessed": parse_date(self.accessed.text(), what="date accessed"),
            "language": self.language.text().strip(),
            "reliability": self.reliability.currentData(),
            "descriptor": self.descriptor.toPlainText(),
            "notes": self.notes.toPlainText(),
        }

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
            self.show_error(str(exc) if isinstance(exc, BriefdeskError) else f"{type(exc).__name__}: {exc}")

        self._submit(values, done, failed)
