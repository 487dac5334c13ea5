"""Export dialog: exporting the demo brief, the draft and missing-citation paths, cancel, formats, Ctrl+E from
the editor (typed text saved first), and a failed save keeping the text marked unsaved."""

from __future__ import annotations

import docx
import pytest

pytest.importorskip("pytestqt")

from PySide6.QtWidgets import QMessageBox  # noqa: E402

from ui import brief_editor as be  # noqa: E402
from ui import export_dialog as ed  # noqa: E402


@pytest.fixture
def opened():
    return []


def make_dialog(qtbot, lib, jobs, brief_id, opened, tmp_path, name="out.docx"):
    dlg = ed.ExportDialog(lib, jobs, brief_id, opener=opened.append)
    qtbot.addWidget(dlg)
    dlg.path_edit.setText(str(tmp_path / name))
    return dlg


def test_exports_the_demo_brief_and_offers_to_open_it(qtbot, demo_lib, jobs, tmp_path, opened):
    brief = demo_lib.briefs.list().items[0]
    dlg = make_dialog(qtbot, demo_lib, jobs, brief.id, opened, tmp_path)
    assert dlg.check_label.text() == "The checks report no errors."
    assert not dlg.force.isVisibleTo(dlg)
    assert dlg.marking_combo.findText("TLP:AMBER") >= 0  # levels of the brief's marking scheme
    dlg.annex_boxes["summary"].setChecked(False)
    dlg.footnotes.setChecked(True)
    dlg.start_export()
    out = tmp_path / "out.docx"
    assert dlg.result is not None and dlg.result.path == out
    document = docx.Document(str(out))
    assert document.paragraphs[0].text == brief.title
    texts = [p.text for p in document.paragraphs]
    assert not any("Source summary statement" in t and "Annex" in t for t in texts)
    assert "Exported to" in dlg.result_box.text()
    dlg.result_box.buttonClicked.emit(dlg.open_document_button)
    assert [u.toLocalFile() for u in opened] == [str(out)]


def test_open_folder_button(qtbot, demo_lib, jobs, tmp_path, opened):
    dlg = make_dialog(qtbot, demo_lib, jobs, 1, opened, tmp_path)
    dlg.start_export()
    dlg.result_box.buttonClicked.emit(dlg.open_folder_button)
    assert [u.toLocalFile() for u in opened] == [str(tmp_path)]


def test_check_errors_refuse_until_exported_as_a_draft(qtbot, demo_lib, jobs, tmp_path, opened):
    claim = demo_lib.claims.list(limit=1).items[0]
    brief = demo_lib.briefs.create(
        title="Retracted", body=f"## Bottom line\n\nIt happened [@c{claim.id}].\n"
    ).after
    demo_lib.claims.update(claim.id, status="retracted")
    dlg = make_dialog(qtbot, demo_lib, jobs, brief.id, opened, tmp_path)
    assert "error" in dlg.check_label.text() and dlg.force.isVisibleTo(dlg)
    dlg.start_export()
    assert dlg.result is None and not (tmp_path / "out.docx").exists()
    assert "draft" in dlg.last_error_text.lower()
    # the findings one per line, in the dialog's own words (no command-line option)
    lines = dlg.last_error_text.splitlines()
    assert lines[0].startswith("The brief has ") and lines[0].endswith("so it is not exported as final:")
    listed = [ln for ln in lines if ln.startswith("\u2022 [")]
    assert listed and len(listed) == len(dlg.last_error.findings)
    assert any("retracted" in ln for ln in listed) and "--force" not in dlg.last_error_text
    dlg.force.setChecked(True)
    dlg.start_export()
    assert dlg.result is not None and dlg.result.draft
    assert any(p.text.startswith("DRAFT") for p in docx.Document(str(tmp_path / "out.docx")).paragraphs)


def test_unknown_citation_is_named_and_can_be_exported_as_missing(qtbot, lib, jobs, tmp_path, opened):
    brief = lib.briefs.create(title="Gaps", body="A claim [@c77].\n").after
    dlg = make_dialog(qtbot, lib, jobs, brief.id, opened, tmp_path)
    dlg.start_export()
    assert "c77 (line 1)" in dlg.last_error_text
    dlg.allow_missing.setChecked(True)
    dlg.start_export()
    texts = [p.text for p in docx.Document(str(tmp_path / "out.docx")).paragraphs]
    assert any("[missing c77]" in t for t in texts)


def test_cancel_writes_nothing(qtbot, demo_lib, jobs, tmp_path, opened, monkeypatch):
    class Cancelled(ed.CancelToken):
        def cancelled(self) -> bool:
            return True

        __call__ = cancelled

    monkeypatch.setattr(ed, "CancelToken", Cancelled)
    dlg = make_dialog(qtbot, demo_lib, jobs, 1, opened, tmp_path)
    dlg.start_export()
    assert dlg.result is None and not (tmp_path / "out.docx").exists()
    assert dlg.check_label.text() == "Export cancelled; nothing was written."
    assert list(tmp_path.iterdir()) == [tmp_path / "demo.briefdesk"] or not list(tmp_path.glob("*.part"))


def test_markdown_format_changes_the_extension_and_disables_word_options(
    qtbot, demo_lib, jobs, tmp_path, opened
):
    dlg = make_dialog(qtbot, demo_lib, jobs, 1, opened, tmp_path)
    dlg.format_combo.setCurrentIndex(dlg.format_combo.findData("md"))
    assert dlg.path_edit.text().endswith("out.md")
    assert not dlg.template_edit.isEnabled() and not dlg.annex_boxes["claims"].isEnabled()
    dlg.start_export()
    assert "[^1]:" in (tmp_path / "out.md").read_text(encoding="utf-8")


def test_missing_template_is_reported_before_exporting(qtbot, demo_lib, jobs, tmp_path, opened):
    dlg = make_dialog(qtbot, demo_lib, jobs, 1, opened, tmp_path)
    dlg.template_edit.setText(str(tmp_path / "nope.dotx"))
    dlg.start_export()
    assert "does not exist" in dlg.last_error_text and dlg.result is None


def test_ctrl_e_in_the_editor_saves_typed_text_then_opens_the_dialog(qtbot, demo_lib, jobs, tmp_path):
    editor = be.BriefEditor(demo_lib, jobs, 1)
    qtbot.addWidget(editor)
    editor.show()
    editor.editor.moveCursor(editor.editor.textCursor().MoveOperation.End)
    editor.editor.insertPlainText("\nA sentence typed just before exporting.\n")
    assert editor.export_action.isEnabled()
    editor.export_action.trigger()
    assert demo_lib.briefs.get(1).body.endswith("A sentence typed just before exporting.\n")
    dlg = editor.export_dialog
    assert isinstance(dlg, ed.ExportDialog) and dlg.isVisible()
    dlg.path_edit.setText(str(tmp_path / "typed.docx"))
    dlg.start_export()
    texts = [p.text for p in docx.Document(str(tmp_path / "typed.docx")).paragraphs]
    assert any("A sentence typed just before exporting." in t for t in texts)
    dlg.result_box.done(QMessageBox.StandardButton.Close)


def test_a_failed_save_keeps_the_text_unsaved_and_says_why(qtbot, lib, jobs, monkeypatch):
    from app.errors import LibraryBusyError

    brief = lib.briefs.create(title="Fragile", body="Start.\n").after
    editor = be.BriefEditor(lib, jobs, brief.id)
    qtbot.addWidget(editor)
    editor.editor.insertPlainText("More text. ")

    real_set_body = lib.briefs.set_body
    busy = [True]

    def set_body(*args, **kwargs):
        if busy[0]:
            raise LibraryBusyError("The library is busy in another program; try again.")
        return real_set_body(*args, **kwargs)

    monkeypatch.setattr(lib.briefs, "set_body", set_body)
    editor.save()
    assert editor.editor.document().isModified()
    assert "not saved" in editor.status.text() and "busy" in editor.status.text()
    busy[0] = False
    editor.save()
    assert not editor.editor.document().isModified()
    assert "not saved" not in editor.status.text()
    assert lib.briefs.get(brief.id).body.startswith("More text. ")


def test_default_file_names_from_titles():
    from ui.export_dialog import safe_file_name

    assert (
        safe_file_name("Iranian drones for Russia, 2022: the warning")
        == "Iranian drones for Russia, 2022 - the warning"
    )
    assert safe_file_name('a/b\\c*?"<>|d') == "a b c d"
    assert safe_file_name("Café Kyiv 2022") == "Café Kyiv 2022"
    assert safe_file_name("   ...  ") == "brief"
    assert safe_file_name("CON:") == "CON brief" and safe_file_name("lpt1") == "lpt1 brief"
    assert len(safe_file_name("x" * 300)) == 80


def test_open_document_without_a_launcher_says_so_and_offers_the_folder(qtbot, demo_lib, jobs, tmp_path):
    asked = []

    def no_launcher(url):  # QDesktopServices.openUrl on a desktop with no program for .docx files
        asked.append(url.toLocalFile())
        return url.toLocalFile() == str(tmp_path)  # the file manager works, the document has no launcher

    dlg = ed.ExportDialog(demo_lib, jobs, 1, opener=no_launcher)
    qtbot.addWidget(dlg)
    dlg.path_edit.setText(str(tmp_path / "out.docx"))
    dlg.open()
    dlg.start_export()
    dlg.result_box.buttonClicked.emit(dlg.open_document_button)
    assert asked == [str(tmp_path / "out.docx")]
    box = dlg.launcher_box
    assert "No program on this computer opens .docx files" in box.text()
    assert str(tmp_path / "out.docx") in box.text()
    assert dlg.isVisible(), "the dialog stays until the analyst has read where the document is"
    box.buttonClicked.emit(dlg.launcher_folder_button)
    assert asked[-1] == str(tmp_path)
    assert not dlg.isVisible()


def test_no_launcher_at_all_offers_the_path_to_copy(qtbot, demo_lib, jobs, tmp_path):
    from PySide6.QtGui import QGuiApplication

    dlg = ed.ExportDialog(demo_lib, jobs, 1, opener=lambda url: False)
    qtbot.addWidget(dlg)
    dlg.path_edit.setText(str(tmp_path / "out.docx"))
    dlg.start_export()
    dlg.result_box.buttonClicked.emit(dlg.open_document_button)
    dlg.launcher_box.buttonClicked.emit(dlg.launcher_folder_button)
    box = dlg.launcher_box
    assert "could not open the folder either" in box.text()
    assert dlg.launcher_folder_button is None
    box.buttonClicked.emit(dlg.copy_path_button)
    assert QGuiApplication.clipboard().text() == str(tmp_path / "out.docx")


@pytest.mark.parametrize("fmt", ["stix", "misp"])
def test_the_dialog_offers_stix_and_misp_and_writes_them(qtbot, demo_lib, jobs, tmp_path, opened, fmt):
    import json

    dlg = make_dialog(qtbot, demo_lib, jobs, 1, opened, tmp_path)
    labels = [dlg.format_combo.itemText(i) for i in range(dlg.format_combo.count())]
    assert any("STIX 2.1" in t for t in labels) and any("MISP" in t for t in labels)
    dlg.format_combo.setCurrentIndex(dlg.format_combo.findData(fmt))
    assert dlg.path_edit.text().endswith("out.json")
    assert not dlg.template_edit.isEnabled() and not dlg.annex_boxes["claims"].isEnabled()
    assert dlg.marking_combo.isEnabled()  # the marking travels as a TLP marking or tag
    dlg.start_export()
    qtbot.waitUntil(
        lambda: dlg.result is not None or getattr(dlg, "last_error", None) is not None, timeout=30000
    )
    assert dlg.result is not None, getattr(dlg, "last_error_text", "")
    data = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    if fmt == "stix":
        assert data["type"] == "bundle" and any(o["type"] == "note" for o in data["objects"])
    else:
        assert data["Event"]["info"] == demo_lib.briefs.get(1).title
    assert "claims" in dlg.result_box.text() and "notes" not in dlg.result_box.text()


def test_the_dialog_checks_the_brief_once_and_the_export_uses_that_report(
    qtbot, demo_lib, jobs, tmp_path, opened, monkeypatch
):
    import app.checks.engine as engine

    calls = []
    real, real_errors = engine.run_checks, engine.check_errors  # the dialog's check, the export's own
    monkeypatch.setattr(engine, "run_checks", lambda ctx, **kw: calls.append(1) or real(ctx, **kw))
    monkeypatch.setattr(engine, "check_errors", lambda ctx, **kw: calls.append(1) or real_errors(ctx, **kw))
    dlg = make_dialog(qtbot, demo_lib, jobs, 1, opened, tmp_path)
    assert dlg.check_report is not None and len(calls) == 1
    dlg.start_export()
    assert dlg.result is not None and (tmp_path / "out.docx").is_file()
    assert len(calls) == 1  # the export did not check the same text again
    # a body changed since the dialog checked it is checked again before it is exported
    brief = demo_lib.briefs.get(1)
    demo_lib.briefs.set_body(1, brief.body + "\nOne more line.\n")
    dlg.start_export()
    assert len(calls) == 2


def _fake_xdg_mime(tmp_path, monkeypatch, answer: str) -> None:
    """An xdg-mime on PATH that names ``answer`` as the default application for .docx files."""
    folder = tmp_path / "bin"
    folder.mkdir(exist_ok=True)
    tool = folder / "xdg-mime"
    tool.write_text(
        "#!/bin/sh\n"
        '[ "$1 $2 $3" = "query default application/vnd.openxmlformats-officedocument.wordprocessingml.document" ]'
        f" && echo '{answer}'\n"
    )
    tool.chmod(0o755)
    import os

    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")


def test_endnotes_warn_when_libreoffice_opens_docx_and_offer_footnotes(
    qtbot, demo_lib, jobs, tmp_path, opened, monkeypatch
):
    _fake_xdg_mime(tmp_path, monkeypatch, "libreoffice-writer.desktop")
    dlg = make_dialog(qtbot, demo_lib, jobs, 1, opened, tmp_path)
    assert dlg.docx_application == "libreoffice-writer.desktop"
    assert dlg.endnotes.isChecked() and dlg.notes_warning.isVisibleTo(dlg)
    assert "before version 24.8 it shows the endnotes page without its banner" in dlg.notes_warning.text()
    dlg.format_combo.setCurrentIndex(dlg.format_combo.findData("md"))
    assert not dlg.notes_warning.isVisibleTo(dlg)  # only a .docx has an endnotes page
    dlg.format_combo.setCurrentIndex(dlg.format_combo.findData("docx"))
    assert dlg.notes_warning.isVisibleTo(dlg)
    dlg.notes_warning.linkActivated.emit("footnotes")  # "Use footnotes"
    assert dlg.footnotes.isChecked() and not dlg.notes_warning.isVisibleTo(dlg)
    assert dlg.options().notes == "footnotes"


def test_no_notes_warning_when_word_or_nothing_opens_docx(
    qtbot, demo_lib, jobs, tmp_path, opened, monkeypatch
):
    _fake_xdg_mime(tmp_path, monkeypatch, "onlyoffice-desktopeditors.desktop")
    dlg = make_dialog(qtbot, demo_lib, jobs, 1, opened, tmp_path)
    assert not dlg.notes_warning.isVisibleTo(dlg)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no xdg-mime at all
    dlg2 = make_dialog(qtbot, demo_lib, jobs, 1, opened, tmp_path)
    assert dlg2.docx_application == "" and not dlg2.notes_warning.isVisibleTo(dlg2)
