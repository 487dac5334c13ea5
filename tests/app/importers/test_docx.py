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


def _dated_doc(text: str, created: str) -> bytes:
    import datetime as dt

    d = docx.Document()
    d.core_properties.created = dt.datetime.fromisoformat(created)
    for para in text.split("\n"):
        d.add_paragraph(para)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_the_date_a_word_file_gives_in_its_text_is_the_source_date(lib, tmp_path):
    """A note saved in Word years after it was written: the date the reader sees wins over the file's own."""
    from app.importers.batch import import_paths

    path = tmp_path / "ferry.docx"
    path.write_bytes(
        _dated_doc(
            "PORT ALDER, 4 March 2026 - The ferry line said on Monday it would resume.", "2019-05-02T10:00:00"
        )
    )
    report = import_paths(lib, [path])
    (result,) = report.results
    source = lib.sources.get(result.source_ids[0])
    assert str(source.published) == "2026-03-04"
    assert "file's properties" not in result.message


def test_a_date_from_the_file_properties_alone_is_flagged_for_checking(lib, tmp_path):
    from app.importers.batch import import_paths

    path = tmp_path / "memo.docx"
    path.write_bytes(_dated_doc("The ferry line said it would resume sailings.", "2019-05-02T10:00:00"))
    (result,) = import_paths(lib, [path]).results
    assert str(lib.sources.get(result.source_ids[0]).published) == "2019-05-02"
    assert result.status == "imported"
    assert "published 2019-05-02 was taken from the file's properties" in result.message
