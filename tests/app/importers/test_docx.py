import io
import zipfile

import docx
import pytest

from app.importers import ImportFormatError, read_docx


def _doc() -> bytes:
    d = docx.Document()
    d.core_properties.title = "Border note"
    d.core_properties.author = "Sam Idris"
    d.add_paragraph("Officials said the crossing reopened on Monday.")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_read():
    p = read_docx(_doc(), filename="n.docx")
    assert p.title == "Border note"
    assert p.metadata["author"] == "Sam Idris"
    assert "crossing reopened" in p.body


def test_zip_bomb_and_truncated_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", b"\0" * (30 * 1024 * 1024))
    with pytest.raises(ImportFormatError, match="zip bomb"):
        read_docx(buf.getvalue(), filename="bomb.docx")
    with pytest.raises(ImportFormatError, match="damaged or truncated"):
        read_docx(_doc()[:400], filename="cut.docx")
    with pytest.raises(ImportFormatError, match="not a Word"):
        read_docx(b"%PDF-1.4 not a docx", filename="x.docx")


def test_old_and_password_protected_word_files_are_refused_with_what_to_do():
    from app.importers import read_bytes

    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512  # the container both are stored in
    locked = ole2 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 64
    for name in ("memo.doc", "protected.docx"):
        with pytest.raises(
            ImportFormatError, match=r"password-protected.*save it as \.docx without a password"
        ):
            read_bytes(locked, filename=name)
        with pytest.raises(ImportFormatError, match=r"not a Word document, or it is damaged"):
            read_bytes(ole2, filename=name)  # an empty container: no Word text in it
    # a .docx that was only renamed .doc is read as what it is
    assert "crossing reopened" in read_bytes(_doc(), filename="renamed.doc").body
