"""Word files as real producers write them: the text a reader sees in Word, and nothing Word hides.

harbour-libreoffice.docx was written by LibreOffice 7.4 from harbour.fodt (beside it; text written for
Briefdesk): a footnote, an endnote, a tracked insertion and deletion, a text box and a table, and the core
properties under the relationship spelling python-docx does not find. The other documents are built here from
WordprocessingML written for each test."""

import io
import re
import zipfile
from pathlib import Path

import docx

from app.importers import read_docx

FIXTURES = Path(__file__).parents[2] / "fixtures" / "word"


def test_a_libreoffice_document_keeps_notes_tracked_changes_text_boxes_and_its_title():
    p = read_docx((FIXTURES / "harbour-libreoffice.docx").read_bytes(), filename="harbour.docx")
    assert p.title == "Harbour pilots report"  # not python-docx's made-up "Word Document"
    assert "author" not in p.metadata  # the file names no creator (python-docx would say "python-docx")
    blocks = p.body.split("\n\n")
    # the tracked insertion is text in Word; the tracked deletion is not
    assert "said the channel would reopen within ten days after dredging.[1]" in p.body
    assert "last spring" not in p.body
    # the text box once (its old-reader copy is not read again), after the paragraph that anchors it
    assert p.body.count("dredgers had not been seen since August") == 1
    assert (
        blocks.index("A pilot said dredgers had not been seen since August.")
        == blocks.index("The dispute turns on the survey dates.") + 1
    )
    assert "North quay | 9.5 m" in blocks
    # the notes after the body, each with the mark the body carries
    assert blocks[-2:] == [
        "[1] Statement to the pilots' association, 3 November 2026.",
        "[i] Ministry press office, written reply.",
    ]
    assert "The shipping ministry denied that the channel had ever been closed.[i]" in blocks


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _word(body_xml: str, footnotes_xml: str | None = None) -> bytes:
    """A .docx whose body is ``body_xml`` (WordprocessingML, prefix w:), with a footnotes part if given."""
    d = docx.Document()
    d.add_paragraph("PLACEHOLDER")
    buf = io.BytesIO()
    d.save(buf)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "word/document.xml":
                text = data.decode()
                text = re.sub(
                    r"<w:p>(?:(?!<w:p>).)*?PLACEHOLDER.*?</w:p>", lambda _m: body_xml, text, flags=re.S
                )
                assert "PLACEHOLDER" not in text
                data = text.encode()
            elif footnotes_xml and info.filename == "word/_rels/document.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdFn" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships/footnotes" Target="footnotes.xml"/></Relationships>',
                )
            elif footnotes_xml and info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>',
                )
            zout.writestr(info, data)
        if footnotes_xml:
            zout.writestr("word/footnotes.xml", f'<w:footnotes xmlns:w="{W}">{footnotes_xml}</w:footnotes>')
    return out.getvalue()


def _run(text: str, props: str = "") -> str:
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


def _p(*inner: str) -> str:
    return "<w:p>" + "".join(inner) + "</w:p>"


def test_content_controls_fields_and_moves_are_read_as_word_shows_them():
    body = (
        # a form template: the whole paragraph inside a block content control
        '<w:sdt><w:sdtPr><w:alias w:val="Summary"/></w:sdtPr><w:sdtContent>'
        + _p(_run("The convoy crossed at dawn."))
        + "</w:sdtContent></w:sdt>"
        # a control still showing its placeholder is not content
        + "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
        + _p(_run("Click or tap here to enter text."))
        + "</w:sdtContent></w:sdt>"
        + _p(
            _run("The spokesman for "),
            "<w:sdt><w:sdtContent>" + _run("the port authority") + "</w:sdtContent></w:sdt>",
            _run(" said "),
            '<w:fldSimple w:instr=" DATE "><w:r><w:t>4 May</w:t></w:r></w:fldSimple>',
            _run(" was the "),
            '<w:moveFrom w:id="1" w:author="x">' + _run("OLD PLACE ") + "</w:moveFrom>",
            '<w:moveTo w:id="2" w:author="x">' + _run("last day") + "</w:moveTo>",
            _run("."),
        )
        # field codes never show; their results do
        + _p(
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>',
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>12</w:t></w:r>',
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
            _run(" pages in all"),
        )
        # hidden text is hidden in Word
        + _p(_run("Shown. "), _run("SECRET NOTE ", "<w:rPr><w:vanish/></w:rPr>"), _run("Also shown."))
        + _p(_run("anti"), "<w:r><w:noBreakHyphen/></w:r>", _run("aircraft"))
    )
    p = read_docx(_word(body), filename="form.docx")
    assert p.body.split("\n\n") == [
        "The convoy crossed at dawn.",
        "The spokesman for the port authority said 4 May was the last day.",
        "12 pages in all",
        "Shown. Also shown.",
        "anti-aircraft",
    ]
    assert p.title == "The convoy crossed at dawn."


def test_tables_read_cell_by_cell_with_controls_nesting_and_tracked_row_deletions():
    def cell(*paras: str) -> str:
        return "<w:tc>" + "".join(paras) + "</w:tc>"

    nested = "<w:tbl>" + "<w:tr>" + cell(_p(_run("inner a"))) + cell(_p(_run("inner b"))) + "</w:tr></w:tbl>"
    body = (
        "<w:tbl>"
        + "<w:tr>"
        + cell(_p(_run("Date")))
        + cell(_p(_run("Said")))
        + "</w:tr>"
        + "<w:sdt><w:sdtContent><w:tr>"
        + cell(_p(_run("3 May")))
        + cell(_p(_run("Denied")))
        + "</w:tr>"
        + "</w:sdtContent></w:sdt>"
        + '<w:tr><w:trPr><w:del w:id="3" w:author="x"/></w:trPr>'
        + cell(_p(_run("GONE")))
        + "</w:tr>"
        + "<w:tr>"
        + cell(_p(_run("0")))
        + cell(_p(_run("0")))
        + "</w:tr>"
        + "<w:tr>"
        + cell(_p(_run("Nested")), nested, _p())
        + "</w:tr>"
        + "</w:tbl>"
    )
    p = read_docx(_word(body), filename="table.docx")
    assert p.body.split("\n\n") == ["Date | Said", "3 May | Denied", "0 | 0", "Nested inner a | inner b"]


def test_footnotes_follow_the_body_in_the_order_first_referred_to():
    notes = (
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="7"><w:p><w:r><w:footnoteRef/></w:r>'
        + _run(" Second note.")
        + "</w:p></w:footnote>"
        '<w:footnote w:id="5"><w:p><w:r><w:footnoteRef/></w:r>' + _run(" First note.") + "</w:p></w:footnote>"
    )
    body = _p(
        _run("Claim one."),
        '<w:r><w:footnoteReference w:id="5"/></w:r>',
        _run(" Claim two."),
        '<w:r><w:footnoteReference w:id="7"/></w:r>',
    )
    p = read_docx(_word(body, notes), filename="notes.docx")
    assert p.body.split("\n\n") == ["Claim one.[1] Claim two.[2]", "[1] First note.", "[2] Second note."]


def test_a_damaged_notes_part_costs_the_notes_not_the_document():
    body = _p(_run("Claim one."), '<w:r><w:footnoteReference w:id="1"/></w:r>')
    data = _word(body, '<w:footnote w:id="1"><w:p>' + _run("unclosed"))
    p = read_docx(data, filename="broken-notes.docx")
    assert p.body == "Claim one.[1]"
