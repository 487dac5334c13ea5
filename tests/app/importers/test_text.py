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
    with pytest.raises(ImportFormatError, match="cannot be imported") as refused:
        read_bytes(b"x", filename="x.exe")
    # the refusal says what can be read, so the analyst knows what to save the file as
    assert ".docx" in str(refused.value) and ".mhtml" in str(refused.value) and "RIS" in str(refused.value)
    with pytest.raises(ImportFormatError, match="not a PDF"):
        read_bytes(b"Title\nBody", filename="x.pdf")


def test_wire_copy_without_a_headline_keeps_its_first_paragraph_in_the_body():
    """Wire copy saved from its dateline on: the first paragraph is the story's lede (its statements are
    drafted from the body), not a headline; the title is its start."""
    lede = (
        "OSTRAVEN, May 9 (Harbour Wire) - The authority that runs the port said on Friday that the cranes had "
        "been inspected in April."
    )
    p = read_text(f"{lede}\n\nThe dockers' union rejected that account.\n".encode(), filename="w.txt")
    assert p.body.startswith(lede) and p.body.endswith("rejected that account.")
    assert p.title.startswith("OSTRAVEN, May 9 (Harbour Wire)") and p.title.endswith("\u2026")
    assert len(p.title) <= 101
    # a paragraph longer than any headline is body text too, with or without a dateline
    long = "Officials in the northern province said " + "the ferries would run again " * 6 + "by June."
    q = read_text(f"{long}\nMore text.\n".encode(), filename="l.txt")
    assert q.body.startswith(long) and q.title.endswith("\u2026")
    # a headline, even one with a comma and brackets, is still the title
    r = read_text(b"Port talks stall (again), officials say\n\nText.\n", filename="h.txt")
    assert r.title == "Port talks stall (again), officials say" and r.body == "Text."
