"""Brief properties: title, author, organisation, marking scheme and default mark, status.

Edit: ``BriefPropertiesDialog(lib, jobs, brief_id, parent).exec()`` writes ``lib.briefs.update`` on accept:
only the fields the analyst changed, on top of what is stored then. A brief's version also moves when its
text is saved, so a newer version alone is no conflict; a field the analyst changed that someone else changed
to something else meanwhile is, and the stale-edit dialog asks (compare, reload theirs, keep mine, copy).
New brief: ``BriefPropertiesDialog.new_brief(lib, jobs, parent, defaults=None)`` returns the new id or None.
``defaults`` may hold author, organisation, marking_scheme, default_marking (e.g. from settings). A new brief
starts from the house shape (``app.brief_shape``: bottom line up front, key judgments, discussion, source
summary, marked with the default mark), an empty page, or a copy of another brief's text (a template brief).
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit

from app.domain import BriefStatus, MarkingScheme
from app.errors import StaleEditError
from ui import theme
from ui.stale_edit_dialog import ask_about_stale_edit

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
        self._before: dict | None = None  # the properties as loaded (an edit), and their version
        self._version = 0
        self.stale_dialog = None  # the StaleEditDialog while one is open
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
        self.start = QComboBox(self)
        self.start.setObjectName("briefStart")
        self.start.addItem(
            "The house shape: bottom line up front, key judgments, discussion, source summary", "house"
        )
        self.start.addItem("An empty page", "empty")
        self.start.setToolTip(
            "What the new brief's text starts from; a copy of a brief uses it as a template"
        )
        self.error = QLabel(self)
        self.error.setStyleSheet(theme.error_style())
        form = QFormLayout(self)
        form.addRow("&Title:", self.title)
        form.addRow("&Author:", self.author)
        form.addRow("&Organisation:", self.organisation)
        form.addRow("&Marking scheme:", self.scheme)
        form.addRow("&Default mark:", self.mark)
        form.addRow("&Status:", self.status)
        if brief_id is None:
            form.addRow("Start &from:", self.start)
            jobs.read(lambda: lib.briefs.list(limit=200).items, self._add_templates)
        else:
            self.start.setVisible(False)
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

    def _add_templates(self, briefs) -> None:
        for b in briefs:
            if not getattr(b, "problem", ""):
                self.start.addItem(f"A copy of: {b.title}", b.id)

    def _scheme_changed(self) -> None:
        current = self.mark.currentText()
        marks = DEFAULT_MARKS[self.scheme.currentData()]
        self.mark.clear()
        self.mark.addItems(marks)
        self.mark.setEnabled(self.scheme.currentData() != MarkingScheme.NONE)
        if current in marks:
            self.mark.setCurrentText(current)

    def _fill(self, b) -> None:
        self._fill_values(**properties(b))
        self._before = self.values()
        self._version = b.version

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
            start = self.start.currentData()

            def create():
                from app.brief_shape import house_body

                fields = dict(values)
                if start == "house":
                    body = house_body(fields["marking_scheme"], fields["default_marking"])
                elif start == "empty":
                    body = ""
                else:  # a template brief: its text
                    body = lib.briefs.get(int(start)).body
                return lib.briefs.create(body=body, **fields)

            self.jobs.write(create, done, failed)
            return
        before = self._before or {}
        mine = {k: v for k, v in values.items() if before.get(k) != v}
        if not mine:
            QDialog.accept(self)
            return

        def failed_or_stale(exc) -> None:
            if not isinstance(exc, StaleEditError):
                failed(exc)
                return
            ask_about_stale_edit(
                self,
                self.jobs,
                exc,
                yours=mine,
                read_stored=lambda: lib.briefs.get(bid),
                shown=properties,
                on_reload=lambda: self.jobs.read(lambda: lib.briefs.get(bid), self._fill),
                on_keep=lambda now: self.jobs.write(
                    lambda: lib.briefs.update(bid, if_version=now.version, **mine), done, failed_or_stale
                ),
                on_cancel=lambda: failed(exc),
                labels={"marking_scheme": "marking scheme", "default_marking": "default mark"},
            )

        version = self._version
        self.jobs.write(lambda: _merge_update(lib, bid, before, mine, version), done, failed_or_stale)

    @classmethod
    def new_brief(cls, lib, jobs, parent=None, defaults: dict | None = None) -> int | None:
        dlg = cls(lib, jobs, None, parent, defaults=defaults)
        return dlg.created_id if dlg.exec() else None


def properties(b) -> dict:
    """A brief's properties as the dialog edits them."""
    return {
        "title": b.title,
        "author": b.author,
        "organisation": b.organisation,
        "marking_scheme": MarkingScheme(b.marking_scheme),
        "default_marking": b.default_marking,
        "status": BriefStatus(b.status),
    }


def _merge_update(lib, brief_id: int, before: dict, mine: dict, version: int):
    """Write the fields the analyst changed on top of the brief as stored now (a save of its text meanwhile
    is no conflict). A field they changed that someone else changed too, to another value, is: StaleEditError
    naming who. ``if_version`` makes the read and the write one step: a change in between is refused too."""
    now = lib.briefs.get(brief_id)
    stored = properties(now)
    clash = [k for k in mine if stored[k] != before.get(k) and stored[k] != mine[k]]
    if clash:
        raise StaleEditError(
            "brief",
            brief_id,
            expected=version,
            current=now.version,
            changed_by=now.updated_by,
            changed_at=now.updated,
        )
    return lib.briefs.update(brief_id, if_version=now.version, **mine)
