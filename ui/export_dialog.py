"""Export to Word (Ctrl+E): output file, format, template, notes, annexes, marking and paper; runs
``app.export.export_brief`` on a worker with progress and Cancel, then offers to open the document or its folder.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app._text import counted
from app.domain import EXPORT_ANNEX_INFO, MarkingScheme
from app.errors import BriefdeskError, CancelledError, CheckFailedError, UnknownCitationError
from app.export import ExportOptions, ExportResult, export_brief
from app.markings import CLASSIFICATION_LEVELS, TLP_LEVELS
from ui import desktop, theme
from ui.jobs import CancelToken, Jobs
from ui.settings import Settings, image_folders, window_state

FORMATS = (
    ("docx", "Word document (.docx)"),
    ("md", "Markdown with footnotes (.md)"),
    ("html", "HTML (.html)"),
    ("stix", "STIX 2.1 bundle for OpenCTI and other platforms (.json)"),
    ("misp", "MISP event (.json)"),
)
EXTENSIONS = {"docx": ".docx", "md": ".md", "html": ".html", "stix": ".json", "misp": ".json"}
PLATFORM_FORMATS = ("stix", "misp")  # what is counted is claims, not notes


def safe_file_name(title: str) -> str:
    """A file name from a brief's title, safe on Windows, macOS and Linux: letters (any script), digits and
    plain punctuation kept; a title's colon becomes a dash; anything else a space; at most 80 characters."""
    text = unicodedata.normalize("NFC", title).replace(": ", " - ").replace(":", "-")
    name = "".join(c if c.isalnum() or c in " -_.,()'" else " " for c in text)
    name = " ".join(name.split()).strip(" .-")
    name = (name[:80].rstrip(" .-") if name else "") or "brief"
    if name.upper() in _WINDOWS_DEVICES:  # CON.docx cannot be created on Windows
        name += " brief"
    return name


_WINDOWS_DEVICES = frozenset(
    ["CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))]
)


class ExportDialog(QDialog):
    """Choose how to export one brief, export it off the GUI thread, report the result in plain words."""

    exported = Signal(object)  # ExportResult

    def __init__(
        self,
        lib,
        jobs: Jobs,
        brief_id: int,
        *,
        settings: Settings | None = None,
        parent: QWidget | None = None,
        opener: Callable[[QUrl], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.lib, self.jobs, self.brief_id = lib, jobs, brief_id
        self.settings = settings or Settings.load()
        self.opener = opener or QDesktopServices.openUrl
        self.result: ExportResult | None = None
        self.last_error: BaseException | None = None
        self.token: CancelToken | None = None
        self.progress: QProgressDialog | None = None
        self.check_errors: int | None = None
        self.check_report = None
        self.setWindowTitle("Export brief")
        self.setMinimumWidth(560)

        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("exportPath")
        browse = QPushButton("Browse...", self)
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)

        self.format_combo = QComboBox(self)
        for key, label in FORMATS:
            self.format_combo.addItem(label, key)
        self.format_combo.currentIndexChanged.connect(self._format_changed)

        self.template_edit = QLineEdit(self)
        self.template_edit.setPlaceholderText("Built-in house template")
        self.template_edit.setText(str(self.settings.get("template") or ""))
        template_browse = QPushButton("Choose...", self)
        template_browse.clicked.connect(self._browse_template)
        template_row = QHBoxLayout()
        template_row.addWidget(self.template_edit, 1)
        template_row.addWidget(template_browse)

        self.endnotes = QRadioButton("Endnotes", self)
        self.footnotes = QRadioButton("Footnotes", self)
        self.endnotes.setChecked(True)
        notes_group = QButtonGroup(self)
        notes_group.addButton(self.endnotes)
        notes_group.addButton(self.footnotes)
        notes_row = QHBoxLayout()
        notes_row.addWidget(self.endnotes)
        notes_row.addWidget(self.footnotes)
        notes_row.addStretch(1)
        self.docx_application = ""  # the desktop's default .docx application, once asked
        self.notes_warning = QLabel(self)
        self.notes_warning.setObjectName("exportNotesWarning")
        self.notes_warning.setWordWrap(True)
        self.notes_warning.setTextFormat(Qt.TextFormat.RichText)
        self.notes_warning.linkActivated.connect(lambda _link: self.footnotes.setChecked(True))
        self.notes_warning.setVisible(False)
        self.endnotes.toggled.connect(lambda _on: self._update_notes_warning())

        # One check box per annex the .docx can hold (app.domain.EXPORT_ANNEX_INFO), on as each declares.
        self.annex_boxes: dict[str, QCheckBox] = {}
        annex_row = QGridLayout()
        for i, info in enumerate(EXPORT_ANNEX_INFO):
            box = QCheckBox(info.label, self)
            box.setChecked(info.default)
            self.annex_boxes[info.key] = box
            annex_row.addWidget(box, i // 3, i % 3)
        annex_row.setColumnStretch(3, 1)

        self.marking_combo = QComboBox(self)
        self.marking_combo.addItem("The brief's default", None)
        self.paper_combo = QComboBox(self)
        self.paper_combo.addItems(["A4", "Letter"])
        self.paper_combo.setCurrentText(str(self.settings.get("paper_size") or "A4"))

        self.allow_missing = QCheckBox("Show unknown citations as [missing] (a draft)", self)
        self.force = QCheckBox("Export as a draft even though checks report errors", self)
        self.check_label = QLabel("Checking the brief...", self)
        self.check_label.setObjectName("exportCheckStatus")
        self.check_label.setWordWrap(True)

        form = QFormLayout()
        form.addRow("Save as:", path_row)
        form.addRow("Format:", self.format_combo)
        form.addRow("Template:", template_row)
        form.addRow("Notes:", notes_row)
        form.addRow("", self.notes_warning)
        form.addRow("Annexes:", annex_row)
        form.addRow("Default marking:", self.marking_combo)
        form.addRow("Paper:", self.paper_combo)

        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)

        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.check_label)
        lay.addWidget(self.force)
        lay.addWidget(self.allow_missing)
        lay.addWidget(self.buttons)

        self.jobs.read(lambda: lib.briefs.get(brief_id), self._brief_loaded, self._fail)
        self.jobs.read(self._count_check_errors, self._checks_loaded, self._checks_failed)
        self.jobs.background(desktop.default_docx_application, self._docx_application_known, lambda _e: None)

    # --- loading -------------------------------------------------------------------------------------
    def _brief_loaded(self, brief) -> None:
        self.brief = brief
        folder = Path(str(window_state().value("export/folder", "") or Path.home()))
        if not folder.is_dir():
            folder = Path.home()
        self.path_edit.setText(str(folder / (safe_file_name(brief.title) + ".docx")))
        if brief.marking_scheme is MarkingScheme.CLASSIFICATION:
            levels = CLASSIFICATION_LEVELS
        elif brief.marking_scheme is MarkingScheme.TLP:
            levels = tuple(f"TLP:{lv}" for lv in TLP_LEVELS)
        else:
            levels = ()
        for level in levels:
            self.marking_combo.addItem(level, level)
        self.marking_combo.setEnabled(bool(levels))

    def _count_check_errors(self):
        from app.checks import check_brief

        return check_brief(self.lib, self.brief_id)

    def _checks_loaded(self, report) -> None:
        self.check_report = report  # the export uses it instead of checking the same text again
        errors = len(report.errors)
        self.check_errors = errors
        if errors:
            self.check_label.setText(
                f"The checks report {counted(errors, 'error')}: the brief exports only as a draft, marked as such on its "
                "first page. Fix them in the Checks panel, or tick the box below."
            )
        else:
            self.check_label.setText("The checks report no errors.")
        self.force.setVisible(bool(errors))

    def _checks_failed(self, exc: BaseException) -> None:
        self.check_label.setText(f"The checks could not run: {exc}")

    def _docx_application_known(self, name: str) -> None:
        self.docx_application = name or ""
        self._update_notes_warning()

    def _update_notes_warning(self) -> None:
        """Endnotes, a .docx, and LibreOffice opens .docx files here: its versions before 24.8 show the
        endnotes page without the banner; footnotes carry it on every page."""
        show = (
            desktop.is_libreoffice(self.docx_application)
            and self.endnotes.isChecked()
            and self.format_combo.currentData() == "docx"
        )
        if show:
            color = theme.colors().qualification_accent.name()
            self.notes_warning.setText(
                f'<span style="color:{color}">\u26a0</span> LibreOffice opens .docx files here: before version '
                "24.8 it shows the endnotes page without its banner. Footnotes carry the banner on every "
                'page. <a href="footnotes">Use footnotes</a>'
            )
        self.notes_warning.setVisible(show)

    # --- choices -------------------------------------------------------------------------------------
    def _format_changed(self) -> None:
        fmt = self.format_combo.currentData()
        docx_only = fmt == "docx"
        for w in (
            self.template_edit,
            self.endnotes,
            self.footnotes,
            *self.annex_boxes.values(),
            self.paper_combo,
        ):
            w.setEnabled(docx_only)
        text = self.path_edit.text().strip()
        if text:
            self.path_edit.setText(str(Path(text).with_suffix(EXTENSIONS[fmt])))
        self._update_notes_warning()

    def _browse(self) -> None:
        fmt = self.format_combo.currentData()
        ext = EXTENSIONS[fmt]
        path, _ = QFileDialog.getSaveFileName(self, "Export brief", self.path_edit.text(), f"*{ext}")
        if path:
            self.path_edit.setText(path if path.endswith(ext) else path + ext)

    def _browse_template(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Word template", self.template_edit.text(), "Word documents and templates (*.docx *.dotx)"
        )
        if path:
            self.template_edit.setText(path)

    def options(self) -> ExportOptions:
        annexes = frozenset(key for key, box in self.annex_boxes.items() if box.isChecked())
        template = self.template_edit.text().strip()
        return ExportOptions(
            format=self.format_combo.currentData(),
            template=Path(template).expanduser() if template else None,
            notes="footnotes" if self.footnotes.isChecked() else "endnotes",
            annexes=annexes,
            allow_missing=self.allow_missing.isChecked(),
            force=self.force.isChecked(),
            paper=self.paper_combo.currentText(),
            marking=self.marking_combo.currentData(),
            image_folders=image_folders(self.settings),
            report=self.check_report,
        )

    # --- running -------------------------------------------------------------------------------------
    def start_export(self) -> None:
        text = self.path_edit.text().strip()
        if not text:
            self._show_error("Choose where to save the document.")
            return
        out = Path(text).expanduser()
        options = self.options()
        if options.template is not None and not options.template.is_file():
            self._show_error(f"The template {options.template} does not exist.")
            return
        self.token = CancelToken()
        self.progress = QProgressDialog("Exporting the brief...", "Cancel", 0, 100, self)
        self.progress.setWindowTitle("Export")
        self.progress.setMinimumDuration(300)  # shown only when the export takes longer than that
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self.token.cancel)
        self.export_button.setEnabled(False)
        report = self.jobs.progress_callback(self._progress)
        lib, bid, token = self.lib, self.brief_id, self.token
        self.jobs.read(
            lambda: export_brief(lib, bid, out, options, progress=lambda d, t: report((d, t)), cancel=token),
            self._done,
            self._fail,
        )

    def _progress(self, payload) -> None:
        done, total = payload
        if self.progress is not None and total:
            self.progress.setValue(min(99, 100 * done // total))

    def _close_progress(self) -> None:
        self.export_button.setEnabled(True)
        if self.progress is not None:
            self.progress.close()
            self.progress = None

    def _done(self, result: ExportResult) -> None:
        self._close_progress()
        self.result = result
        window_state().setValue("export/folder", str(result.path.parent))
        self.exported.emit(result)
        draft = " It is marked as a DRAFT." if result.draft else ""
        warn = (
            ("\n\nWarnings:\n" + "\n".join(f"- {w}" for w in result.warnings[:10])) if result.warnings else ""
        )
        box = QMessageBox(self)
        box.setWindowTitle("Export finished")
        box.setIcon(QMessageBox.Icon.Information)
        what = "claim" if result.format in PLATFORM_FORMATS else "note"
        box.setText(f"Exported to {result.path} with {counted(result.notes, what)}.{draft}{warn}")
        self.open_document_button = box.addButton("Open document", QMessageBox.ButtonRole.AcceptRole)
        self.open_folder_button = box.addButton("Open folder", QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.buttonClicked.connect(lambda button: self._after_result(button, result))
        self.result_box = box
        box.open()

    def _after_result(self, button, result: ExportResult) -> None:
        if button is self.open_document_button:
            if self._open(result.path) is False:
                self._no_launcher(result, f"No program on this computer opens {result.path.suffix} files")
                return
        elif button is self.open_folder_button and self._open(result.path.parent) is False:
            self._no_launcher(result, "The desktop could not open the folder", offer_folder=False)
            return
        self.accept()

    def _open(self, path: Path) -> object:
        """Ask the desktop to open a file or folder; False when it has no launcher for it."""
        return self.opener(QUrl.fromLocalFile(str(path)))

    def _no_launcher(self, result: ExportResult, what: str, *, offer_folder: bool = True) -> None:
        """QDesktopServices.openUrl said no (no launcher, no file manager): say so, offer the folder, and
        let the path be copied, so the analyst can still find the document."""
        from PySide6.QtGui import QGuiApplication

        box = QMessageBox(self)
        box.setWindowTitle("Export finished")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setText(
            f"{what} (the desktop has no launcher for it).\n\nThe document is saved at:\n{result.path}"
        )
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.launcher_folder_button = (
            box.addButton("Open folder", QMessageBox.ButtonRole.ActionRole) if offer_folder else None
        )
        self.copy_path_button = box.addButton("Copy path", QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)

        def clicked(button) -> None:
            if button is self.copy_path_button:
                QGuiApplication.clipboard().setText(str(result.path))
            elif button is self.launcher_folder_button and self._open(result.path.parent) is False:
                self._no_launcher(result, "The desktop could not open the folder either", offer_folder=False)
                return
            self.accept()

        box.buttonClicked.connect(clicked)
        self.launcher_box = box
        box.open()

    def _fail(self, exc: BaseException) -> None:
        self._close_progress()
        self.last_error = exc
        if isinstance(exc, CancelledError):
            self.check_label.setText("Export cancelled; nothing was written.")
            return
        if isinstance(exc, CheckFailedError):
            self.force.setVisible(True)
            listed = "\n".join(f"\u2022 {line}" for line in exc.findings[: exc.MAX_LISTED])
            more = len(exc.findings) - exc.MAX_LISTED
            if more > 0:
                listed += f"\n\u2026 and {more} more (the Checks list beside the brief shows them all)"
            self._show_error(
                f"{exc.headline}\n{listed}\n\nFix them, or tick \u201cExport as a draft\u201d to export it "
                "anyway, marked as a draft."
            )
            return
        if isinstance(exc, UnknownCitationError):
            self._show_error(
                f"{exc}\n\nTick \u201cShow unknown citations as [missing]\u201d to export a draft."
            )
            return
        if isinstance(exc, BriefdeskError):
            self._show_error(str(exc))
            return
        self._show_error(f"The export failed unexpectedly: {exc.__class__.__name__}: {exc}")

    def _show_error(self, message: str) -> None:
        self.last_error_text = message
        box = QMessageBox(QMessageBox.Icon.Warning, "Export", message, QMessageBox.StandardButton.Ok, self)
        self.error_box = box
        box.open()
