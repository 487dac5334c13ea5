"""Settings: one form row per declared setting (``ui.settings.SETTINGS``), saved to the JSON file on OK."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui import theme
from ui.settings import SETTINGS, Settings

CHOICE_LABELS = {
    "none": "None",
    "classification": "Classification (U, C, S, TS)",
    "tlp": "Traffic Light Protocol (TLP)",
    "system": "Follow the system",
    "light": "Light",
    "dark": "Dark",
}
SHOWN = (
    "default_author",
    "default_organisation",
    "default_marking_scheme",
    "default_marking",
    "template",
    "paper_size",
    "image_folders",
    "appearance",
)


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.setMinimumWidth(520)
        self.settings = settings
        self.editors: dict[str, QWidget] = {}
        form = QFormLayout()
        for s in SETTINGS:
            if s.name not in SHOWN:
                continue
            value = settings.get(s.name)
            if s.choices:
                w = QComboBox(self)
                for choice in s.choices:
                    w.addItem(CHOICE_LABELS.get(choice, choice), choice)
                w.setCurrentIndex(max(0, w.findData(value)))
                field: QWidget = w
            else:
                w = QLineEdit(str(value), self)
                field = w
                if s.name == "template":
                    field = QWidget(self)
                    row = QHBoxLayout(field)
                    row.setContentsMargins(0, 0, 0, 0)
                    w.setPlaceholderText("Built-in template")
                    browse = QPushButton("Browse\u2026", field)
                    browse.clicked.connect(self._browse_template)
                    row.addWidget(w, 1)
                    row.addWidget(browse)
            w.setToolTip(s.doc)
            self.editors[s.name] = w
            form.addRow(f"{s.label}:", field)
        self.error = QLabel(self)
        self.error.setStyleSheet(theme.error_style())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        note = QLabel(
            f"Defaults apply to new briefs and exports. Settings are saved in\n{settings.path}", self
        )
        note.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(note)
        lay.addWidget(self.error)
        lay.addWidget(buttons)

    def _browse_template(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Word template", "", "Word templates (*.dotx *.docx)")
        if path:
            self.editors["template"].setText(path)

    def values(self) -> dict:
        out = {}
        for name, w in self.editors.items():
            out[name] = w.currentData() if isinstance(w, QComboBox) else w.text().strip()
        return out

    def accept(self) -> None:
        try:
            for name, value in self.values().items():
                self.settings.set(name, value)
            self.settings.save()
        except (OSError, ValueError) as exc:
            self.error.setText(f"The settings could not be saved: {exc}")
            return
        super().accept()
