"""Brief properties: title, author, organisation, marking scheme and default mark, status.

Edit: ``BriefPropertiesDialog(lib, jobs, brief_id, parent).exec()`` writes ``lib.briefs.update`` on accept.
New brief: ``BriefPropertiesDialog.new_brief(lib, jobs, parent, defaults=None)`` returns the new id or None.
``defaults`` may hold author, organisation, marking_scheme, default_marking (e.g. from settings).
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit

from app.domain import BriefStatus, MarkingScheme
from ui import theme

SCHEMES = [
    (MarkingScheme.NONE, "None"),
    (MarkingScheme.CLASSIFICATION, "Classification (U, C, S, TS)"),
    (MarkingScheme.TLP, "Traffic Light Protocol (TLP)"),
]
DEFAULT_MARKS = {
    MarkingScheme.NONE: [""],
    MarkingScheme.CLASSIFICATION: ["U", "C", "S", "TS"],
    MarkingScheme.TLP: ["TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED"],
}


class BriefPropertiesDialog(QDialog):
    def __init__(self, lib, jobs, brief_id: int | None = None, parent=None, *, defaults: dict | None = None):
        super().__init__(parent)
        self.lib, self.jobs, self.brief_id = lib, jobs, brief_id
        self.created_id: int | None = None
        self.setWindowTitle("New brief" if brief_id is None else "Brief properties")
        self.title = QLineEdit(self)
        self.author = QLineEdit(self)
        self.organisation = QLineEdit(self)
        self.scheme = QComboBox(self)
        for value, label in SCHEMES:
            self.scheme.addItem(label, value)
        self.mark = QComboBox(self)
        self.mark.setEditable(True)
        self.status = QComboBox(self)
        for s in BriefStatus:
            self.status.addItem(s.value.capitalize(), s)
        self.error = QLabel(self)
        self.error.setStyleSheet(theme.error_style())
        form = QFormLayout(self)
        form.addRow("&Title:", self.title)
        form.addRow("&Author:", self.author)
        form.addRow("&Organisation:", self.organisation)
        form.addRow("&Marking scheme:", self.scheme)
        form.addRow("&Default mark:", self.mark)
        form.addRow("&Status:", self.status)
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.scheme.currentIndexChanged.connect(self._scheme_changed)
        self._scheme_changed()
        if brief_id is not None:
            jobs.read(lambda: lib.briefs.get(brief_id), self._fill)
        elif defaults:
            self._fill_values(**defaults)

    def _scheme_changed(self) -> None:
        current = self.mark.currentText()
        marks = DEFAULT_MARKS[self.scheme.currentData()]
        self.mark.clear()
        self.mark.addItems(marks)
        self.mark.setEnabled(self.scheme.currentData() != MarkingScheme.NONE)
        if current in marks:
            self.mark.setCurrentText(current)

    def _fill(self, b) -> None:
        self._fill_values(
            title=b.title,
            author=b.author,
            organisation=b.organisation,
            marking_scheme=b.marking_scheme,
            default_marking=b.default_marking,
            status=b.status,
        )

    def _fill_values(
        self,
        title="",
        author="",
        organisation="",
        marking_scheme="none",
        default_marking="",
        status="draft",
        **_ignored,
    ) -> None:
        self.title.setText(title)
        self.author.setText(author)
        self.organisation.setText(organisation)
        self.scheme.setCurrentIndex(max(self.scheme.findData(MarkingScheme(marking_scheme)), 0))
        self._scheme_changed()
        self.mark.setCurrentText(default_marking)
        self.status.setCurrentIndex(max(self.status.findData(BriefStatus(status)), 0))

    def values(self) -> dict:
        scheme = self.scheme.currentData()
        return {
            "title": self.title.text().strip(),
            "author": self.author.text().strip(),
            "organisation": self.organisation.text().strip(),
            "marking_scheme": scheme,
            "default_marking": "" if scheme == MarkingScheme.NONE else self.mark.currentText().strip(),
            "status": self.status.currentData(),
        }

    def accept(self) -> None:
        values = self.values()
        if not values["title"]:
            self.error.setText("A brief needs a title.")
            return
        lib, bid = self.lib, self.brief_id

        def done(change) -> None:
            if bid is None:
                self.created_id = change.after.id
            QDialog.accept(self)

        def failed(exc) -> None:
            self.error.setText(str(exc))

        if bid is None:
            self.jobs.write(lambda: lib.briefs.create(**values), done, failed)
        else:
            self.jobs.write(lambda: lib.briefs.update(bid, **values), done, failed)

    @classmethod
    def new_brief(cls, lib, jobs, parent=None, defaults: dict | None = None) -> int | None:
        dlg = cls(lib, jobs, None, parent, defaults=defaults)
        return dlg.created_id if dlg.exec() else None
