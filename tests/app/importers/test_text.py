import hashlib

import pytest

from app.importers import MAX_BYTES, ImportFormatError, read_text


def test_first_line_is_title_and_bytes_kept():
    data = b"\n# Port talks stall\n\nOfficials said talks stalled.\n"
    p = read_text(data, filename="a.md")
    assert p.title == "Port talks stall"
    assert p.body == "Officials said talks stalled."
    assert p.sha256 == hashlib.sha256(data).hexdigest()


def test_latin1_decoded():
    data = "Réunion à Genève\nLe ministre a déclaré que les négociations reprendront.".encode("cp1252")
    assert read_text(data, filename="b.txt").title == "Réunion à Genève"


def test_binary_and_oversize_refused():
    with pytest.raises(ImportFormatError, match="binary"):
        read_text(b"\x00\x01\x02junk", filename="c.txt")
    with pytest.raises(ImportFormatError, match="50 MB"):
        read_text(b"a" * (MAX_BYTES + 1), filename="d.txt")


def test_read_bytes_dispatch():
    from app.importers import read_bytes

    assert read_bytes(b"Title\nBody", filename="x.TXT").title == "Title"
    with pytest.raises(ImportFormatError, match="cannot be imported"):
        read_bytes(b"x", filename="x.exe")
    with pytest.raises(ImportFormatError, match="not a PDF"):
        read_bytes(b"Title\nBody", filename="x.pdf")
