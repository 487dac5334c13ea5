import io

import pypdf
import pytest

from app.importers import ImportFormatError, read_pdf


def _pdf(encrypt: bool = False) -> bytes:
    w = pypdf.PdfWriter()
    w.add_blank_page(200, 200)
    if encrypt:
        w.encrypt("secret")
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def test_encrypted_truncated_and_textless_refused():
    with pytest.raises(ImportFormatError, match="encrypted"):
        read_pdf(_pdf(encrypt=True), filename="e.pdf")
    with pytest.raises(ImportFormatError, match="no text layer"):
        read_pdf(_pdf(), filename="scan.pdf")
    with pytest.raises(ImportFormatError, match="not a PDF"):
        read_pdf(b"PK\x03\x04 zip", filename="z.pdf")
