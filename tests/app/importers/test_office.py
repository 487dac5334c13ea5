"""Word 97-2003 (.doc), RTF and OpenDocument text import through LibreOffice: the text read as a .docx is, the
file kept as given; without LibreOffice, or on a file it cannot read, a refusal that says what to do."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from app.importers import ImportFormatError, read_bytes
from app.importers.batch import import_paths

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")

RTF = (
    rb"{\rtf1\ansi\deff0{\fonttbl{\f0 Times New Roman;}}"
    rb"{\pard\b Harbour closed\b0\par}"
    rb"{\pard The harbour master, Ilse Marrow, said the east quay would stay shut until \u8220?May\u8221?.\par}"
    rb"{\pard Caf\'e9 owners on the quay denied that trade had fallen.\par}}"
)


@pytest.fixture(scope="module")
def office_files(tmp_path_factory) -> dict[str, bytes]:
    """The same short story as .rtf (written here) and as .doc and .odt (LibreOffice's own conversions of it)."""
    folder = tmp_path_factory.mktemp("office")
    (folder / "story.rtf").write_bytes(RTF)
    files = {".rtf": RTF}
    if SOFFICE is not None:
        for target in ("doc", "odt"):
            subprocess.run(
                [
                    SOFFICE,
                    f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                    "--headless",
                    "--convert-to",
                    target,
                    "--outdir",
                    str(folder / target),
                    str(folder / "story.rtf"),
                ],
                capture_output=True,
                timeout=180,
                check=True,
            )
            files[f".{target}"] = (folder / target / f"story.{target}").read_bytes()
    return files


@needs_libreoffice
@pytest.mark.parametrize("ext", [".doc", ".rtf", ".odt"])
def test_old_and_other_word_files_are_read_through_libreoffice(office_files, ext):
    data = office_files[ext]
    parsed = read_bytes(data, filename=f"story{ext}")
    assert parsed.title == "Harbour closed"
    assert "Ilse Marrow, said the east quay would stay shut until \u201cMay\u201d." in parsed.body
    assert "Caf\u00e9 owners on the quay denied" in parsed.body
    assert parsed.original == data and parsed.original_filename == f"story{ext}"  # kept as given


@needs_libreoffice
def test_a_doc_in_a_folder_imports_with_the_rest(lib, tmp_path, office_files):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.doc").write_bytes(office_files[".doc"])
    (folder / "b.txt").write_text("Note\n\nA plain note.", encoding="utf-8")
    report = import_paths(lib, [folder])
    assert [r.status for r in report.results] == ["imported", "imported"]
    assert "Ilse Marrow" in lib.sources.get(report.results[0].source_ids[0]).body


@pytest.mark.parametrize(
    "name, data, message",
    [
        (
            "damaged.doc",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(4000),
            "not a Word document, or it is damaged",
        ),
        ("noise.doc", os.urandom(4000), "not a Word document, or it is damaged"),
        (
            "locked.docx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
            + b"\0" * 500
            + "EncryptedPackage".encode("utf-16-le")
            + b"\0" * 500,
            "password-protected",
        ),
        ("story.rtf", b"plain words, not RTF", "not a Rich Text file"),
        (
            "story.odt",
            b"PK\x03\x04" + b"\0" * 26 + b"mimetypeapplication/epub+zip",
            "not an OpenDocument text file",
        ),
    ],
    ids=["damaged doc", "noise named .doc", "password-protected docx", "not rtf", "not odt"],
)
def test_what_libreoffice_would_misread_is_refused_before_it(monkeypatch, tmp_path, name, data, message):
    # LibreOffice reads a file it cannot parse as plain text: noise would come back as a source
    monkeypatch.setenv("BRIEFDESK_SOFFICE", str(tmp_path / "never-run"))
    with pytest.raises(ImportFormatError, match=re.escape(message)):
        read_bytes(data, filename=name)


def test_without_libreoffice_the_refusal_says_what_to_do(monkeypatch):
    monkeypatch.setenv("BRIEFDESK_SOFFICE", "")  # as on a machine without LibreOffice
    with pytest.raises(ImportFormatError) as refused:
        read_bytes(RTF, filename="story.rtf")
    message = str(refused.value)
    assert "Rich Text file (.rtf)" in message and "LibreOffice, which is not installed" in message
    assert "save it as .docx" in message


def test_a_conversion_that_hangs_is_stopped(monkeypatch, tmp_path):
    from app.importers import office

    hanging = tmp_path / "soffice"
    hanging.write_text("#!/bin/sh\nexec sleep 30\n", encoding="utf-8")
    hanging.chmod(hanging.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("BRIEFDESK_SOFFICE", str(hanging))
    monkeypatch.setattr(office, "CONVERT_SECONDS", 1)
    with pytest.raises(ImportFormatError, match="did not finish converting"):
        read_bytes(RTF, filename="story.rtf")


def test_libreoffice_is_found_by_its_usual_names(monkeypatch, tmp_path):
    from app.importers import office

    monkeypatch.delenv("BRIEFDESK_SOFFICE", raising=False)
    program = tmp_path / "soffice"
    program.write_text("#!/bin/sh\n", encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert Path(office.libreoffice() or "") == program
