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


# ---- paragraphs rebuilt from a PDF's printed lines


def test_a_libreoffice_pdf_reads_as_its_paragraphs_without_running_headers_or_page_numbers():
    """dredging-libreoffice.pdf: LibreOffice 7.4 printed dredging.fodt (beside it, written for Briefdesk): three
    pages with a running header and 'Page N' footers, paragraphs wrapped over many lines and across pages, a
    word cut at a line's end, and a bulleted list."""
    from pathlib import Path

    data = (Path(__file__).parents[2] / "fixtures" / "word" / "dredging-libreoffice.pdf").read_bytes()
    p = read_pdf(data, filename="dredging.pdf")
    paras = p.body.split("\n\n")
    assert p.title == "Dredging statement"
    assert paras[0] == "Dredging statement"
    assert [para.rsplit(" ", 4)[-4:] for para in paras[1:15]] == [
        ["Paragraph", str(n), "ends", "here."] for n in range(1, 15)
    ]  # fourteen paragraphs, each whole, those cut by a page break joined again
    assert "after long negotiations with the two bidders" in p.body
    assert "Harbour Authority" not in p.body and "Page " not in p.body
    assert paras[15:] == ["• The first point of the list.", "• The second point of the list."]


def test_lines_join_into_paragraphs_by_the_cues_a_reader_uses():
    from app.importers.pdf_text import pdf_paragraphs

    full = "x" * 70
    page = "\n".join(
        [
            "Summary of the talks",  # a short line that ends no sentence: a heading
            "The minister said the negotiators had met three times since the start of the",
            "month and that a fourth round was planned for the week after the holiday, though",
            "no date had been set.",
            "Talks resumed on Monday.",  # short, ends a sentence: the next capital starts a new paragraph
            "1) The first demand was a",
            "ceasefire.",
            "2) The second was access.",
            "",
            "A table row 12.5 3",
            "A table row 9.1 4",
            "The spokesman rejected the account and called it a fabri-",
            "cation by the opposition.",
        ]
    )
    assert pdf_paragraphs([page + "\n" + full]) == [
        "Summary of the talks",
        "The minister said the negotiators had met three times since the start of the month and that a "
        "fourth round was planned for the week after the holiday, though no date had been set.",
        "Talks resumed on Monday.",
        "1) The first demand was a ceasefire.",
        "2) The second was access.",
        "A table row 12.5 3",
        "A table row 9.1 4",
        "The spokesman rejected the account and called it a fabrication by the opposition.",
        full,
    ]


def test_running_headers_need_several_pages_and_page_numbers_only_stand_at_the_edges():
    from app.importers.pdf_text import pdf_paragraphs

    def page(n: int) -> str:
        body = [
            "The spokesman said the ferries would run again on Monday.",
            f"Item {n} was discussed at length.",
        ]
        return "\n".join(
            ["Ministry of Ports - Press release", *body, f"The statement on page {n} is complete.", str(n)]
        )

    # three pages: the header repeats on each, and the bare numbers at the bottom are page numbers
    out = pdf_paragraphs([page(n) for n in (1, 2, 3)])
    assert "Ministry of Ports - Press release" not in out
    assert [p for p in out if p.startswith("Item")] == [
        f"Item {n} was discussed at length." for n in (1, 2, 3)
    ]
    assert not any(p.strip() in {"1", "2", "3"} for p in out)
    # two pages are not enough to call a repeated line a running header
    two = pdf_paragraphs(["Annex\nFirst page text ends.", "Annex\nSecond page text ends."])
    assert two.count("Annex") == 2
    # a number in the middle of a page is text
    mid = pdf_paragraphs(["Casualties by month\nJanuary\n42\nFebruary\n17\nThe figures are provisional."])
    assert "42" in mid and "17" in mid
