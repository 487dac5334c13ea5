"""Hostile and huge files for the importers, generated (never stored): HTML, MHTML, e-mail, PDF, plain text and
the formats read through LibreOffice. Each maker returns the file's bytes; ``CASES`` names them with the
extension they are saved under (bench/bench_hostile_imports.py runs each in a fresh process). Sizes default to
the shapes the benchmark uses, up to the 50 MB import limit; tests pass small sizes."""

from __future__ import annotations

import base64
import zlib
from collections.abc import Callable

PARA = (
    "The harbour authority of Kestrava said on Tuesday that the northern crossing would stay closed until the "
    "inspection of the sea wall is finished, a spokesman told reporters."
)


def _page(body: str, head: str = "") -> str:
    return (
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>Crossing stays closed</title>"
        f"{head}</head><body>{body}</body></html>"
    )


def _article() -> str:
    return "".join(f"<p>{PARA} ({i})</p>" for i in range(6))


# --- HTML -------------------------------------------------------------------------------------------------


def html_deep_divs(depth: int = 100_000) -> bytes:
    return _page("<div>" * depth + _article() + "</div>" * depth).encode()


def html_tiny_tags(n: int = 2_000_000) -> bytes:
    return _page(_article() + "<p>" + "<i>a</i>" * n + "</p>").encode()


def html_long_text_node(size: int = 40 * 1024 * 1024) -> bytes:
    words = "crossing " * (size // 9)
    return _page(f"<p>{PARA}</p><p>{words}</p>").encode()


def html_paragraphs_under_the_tag_bound(size: int = 40 * 1024 * 1024, tags: int = 190_000) -> bytes:
    """As many paragraphs as the tag bound lets through, sharing ``size`` bytes of text."""
    words = (PARA + " ") * (size // (tags // 2) // (len(PARA) + 1) + 1)
    return _page(f"<p>{words[: size // (tags // 2)]}</p>" * (tags // 2)).encode()


def html_scripts(n: int = 100_000) -> bytes:
    blocks = "<script>var a = 1;</script><style>p { color: red }</style>" * (n // 2)
    return _page(_article() + blocks, head=blocks[:2000]).encode()


def html_open_tags(n: int = 100_000) -> bytes:
    """Tags the page-metadata readers look for, opened and never closed (no ``>`` follows)."""
    opened = "<meta name=x " * (n // 4) + "<script type=application/ld+json " * (n // 4)
    opened += "<time datetime=2026 " * (n // 4) + "<html lang=e " * (n // 4)
    return ("<html><body>" + _article() + opened).encode()


def html_jsonld_huge(size: int = 10 * 1024 * 1024) -> bytes:
    body = (PARA + "\\n\\n") * (size // (len(PARA) + 4))
    ld = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Crossing", '
        f'"articleBody": "{body}"}}</script>'
    )
    return _page(_article(), head=ld).encode()


def html_jsonld_deep(depth: int = 10_000) -> bytes:
    ld = f'<script type="application/ld+json">{"[" * depth}{"]" * depth}</script>'
    return _page(_article(), head=ld).encode()


def html_charset_lie(size: int = 40 * 1024 * 1024) -> bytes:
    """Declares UTF-8, holds Windows-1252 (and bytes that are neither): charset detection over 40 MB."""
    para = "<p>" + PARA.replace("said", "sa\xefd") + " \u2019\xe9\xe8</p>"
    return _page(para * (size // len(para))).encode("cp1252")


def html_charset_exotic() -> bytes:
    """Declares UTF-7, holds Latin-1 with stray '+' runs."""
    return (
        '<html><head><meta charset="utf-7"><title>Crossing</title></head><body>'
        + "".join(f"<p>+AGE-{PARA} caf\xe9 +/v8-</p>" for _ in range(2000))
        + "</body></html>"
    ).encode("latin-1")


# --- MHTML ------------------------------------------------------------------------------------------------


def _mhtml(parts: list[tuple[str, str, bytes]], boundary: str = "----=_Part_1") -> bytes:
    out = [
        "From: <Saved by Blink>\r\nSnapshot-Content-Location: https://news.example/crossing\r\n"
        "Subject: Crossing\r\nMIME-Version: 1.0\r\n"
        f'Content-Type: multipart/related; type="text/html"; boundary="{boundary}"\r\n\r\n'.encode()
    ]
    for ctype, encoding, body in parts:
        out.append(
            f"--{boundary}\r\nContent-Type: {ctype}\r\nContent-Transfer-Encoding: {encoding}\r\n"
            "Content-Location: https://news.example/crossing\r\n\r\n".encode()
        )
        out.append(body + b"\r\n")
    out.append(f"--{boundary}--\r\n".encode())
    return b"".join(out)


def _b64(data: bytes) -> bytes:
    return base64.encodebytes(data)


def mhtml_many_parts(n: int = 5_000) -> bytes:
    image = _b64(b"\x89PNG\r\n\x1a\n" + bytes(200))
    parts = [("text/html", "base64", _b64(_page(_article()).encode()))]
    parts += [("image/png", "base64", image)] * n
    return _mhtml(parts)


def mhtml_huge_base64(size: int = 36 * 1024 * 1024) -> bytes:
    html = _page(f"<p>{PARA}</p>" * (size * 3 // 4 // (len(PARA) + 7))).encode()
    return _mhtml([("text/html", "base64", _b64(html))])


def mhtml_quoted_printable(size: int = 40 * 1024 * 1024) -> bytes:
    """Every byte written as =XX, soft line breaks between: 40 MB that decode to a third of it."""
    html = _page(_article() + "<p>" + "a" * (size // 3 - 2000) + "</p>").encode()
    encoded = "".join(f"={b:02X}" for b in html[:4096]).encode()
    encoded += b"=61" * ((size - len(encoded)) // 3 - 2000) + b"=\r\n"
    return _mhtml([("text/html", "quoted-printable", encoded)])


# --- E-mail -----------------------------------------------------------------------------------------------

_MAIL_HEAD = (
    "From: Press Office <press@harbour.example>\r\nTo: desk@example.org\r\nSubject: Crossing stays closed\r\n"
    "Date: Tue, 3 Mar 2026 09:00:00 +0000\r\nMIME-Version: 1.0\r\n"
)


def eml_deep_nesting(depth: int = 10_000) -> bytes:
    out = [_MAIL_HEAD.encode()]
    for i in range(depth):
        out.append(f'Content-Type: multipart/mixed; boundary="b{i}"\r\n\r\n--b{i}\r\n'.encode())
    out.append(f"Content-Type: text/plain\r\n\r\n{PARA}\r\n".encode())
    for i in reversed(range(depth)):
        out.append(f"--b{i}--\r\n".encode())
    return b"".join(out)


def eml_huge_attachment(size: int = 36 * 1024 * 1024) -> bytes:
    attachment = _b64(bytes(range(256)) * (size * 3 // 4 // 256))
    return (
        (
            _MAIL_HEAD + 'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n--b1\r\n'
            f"Content-Type: text/plain\r\n\r\n{PARA}\r\n--b1\r\n"
            'Content-Type: application/octet-stream\r\nContent-Disposition: attachment; filename="a.bin"\r\n'
            "Content-Transfer-Encoding: base64\r\n\r\n"
        ).encode()
        + attachment
        + b"--b1--\r\n"
    )


def eml_html_open_tags(n: int = 2_000_000) -> bytes:
    """An HTML mail whose text holds 'br' and closing-paragraph tags opened and never closed."""
    html = f"<p>{PARA}</p>" + "<br </p " * (n // 2)
    return (_MAIL_HEAD + "Content-Type: text/html; charset=utf-8\r\n\r\n" + html + "\r\n").encode()


# --- PDF --------------------------------------------------------------------------------------------------


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of these objects (numbered from 1; object 1 is the catalogue), with a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + obj + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _stream(data: bytes, *, flate: bool = False) -> bytes:
    head = f"<< /Length {len(data)}{' /Filter /FlateDecode' if flate else ''} >>"
    return head.encode() + b"\nstream\n" + data + b"\nendstream"


_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
_TEXT = f"BT /F1 11 Tf 72 720 Td ({PARA}) Tj ET".encode()


def pdf_empty_pages(n: int = 5_000) -> bytes:
    """One page of text and n empty pages (objects: catalogue, pages, font, text stream, pages...)."""
    kids = " ".join(f"{5 + i} 0 R" for i in range(n + 1))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {n + 1} >>".encode(),
        _FONT,
        _stream(_TEXT),
    ]
    page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >>"
    objects.append(f"{page} /Contents 4 0 R >>".encode())
    objects += [f"{page} >>".encode()] * n
    return _pdf(objects)


def pdf_flate_bomb(expanded: int = 2 * 1024**3) -> bytes:
    """A page whose content stream inflates to ``expanded`` bytes of text-showing operators."""
    chunk = b"BT /F1 11 Tf 72 720 Td (crossing) Tj ET\n" * 25_000
    z = zlib.compressobj(9)
    packed = [z.compress(_TEXT + b"\n")]
    for _ in range(expanded // len(chunk)):
        packed.append(z.compress(chunk))
    packed.append(z.flush())
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
            _FONT,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Contents 5 0 R >>",
            _stream(b"".join(packed), flate=True),
        ]
    )


def pdf_with_a_map(drawing: int = 3 * 1024 * 1024) -> bytes:
    """A page of text, then a page of ``drawing`` bytes of vector path instructions (a map): a real report's shape."""
    path = b"72 720 m 300 500 l 540 720 l S\n"
    z = zlib.compressobj(9)
    drawn = z.compress(path * (drawing // len(path))) + z.flush()
    page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >>"
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [6 0 R 7 0 R] /Count 2 >>",
            _FONT,
            _stream(_TEXT),
            _stream(drawn, flate=True),
            f"{page} /Contents 4 0 R >>".encode(),
            f"{page} /Contents 5 0 R >>".encode(),
        ]
    )


def pdf_heavy_pages(pages: int = 40, per_page: int = 4 * 1024 * 1024) -> bytes:
    """Pages of text-showing instructions, each inflating to ``per_page`` bytes (under pypdf's bounds of 75 MB
    and 2 million tokens per stream: ~5 s to read each); the first page also shows an article paragraph."""
    chunk = b"BT /F1 11 Tf 72 720 Td () Tj ET\n"
    z = zlib.compressobj(9)
    stream = z.compress(chunk * (per_page // len(chunk))) + z.flush()
    kids = " ".join(f"{6 + i} 0 R" for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        _FONT,
        _stream(_TEXT),
        _stream(stream, flate=True),
    ]
    page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >>"
    objects += [f"{page} /Contents [4 0 R 5 0 R] >>".encode()]
    objects += [f"{page} /Contents 5 0 R >>".encode()] * (pages - 1)
    return _pdf(objects)


def pdf_page_tree_loop() -> bytes:
    """The page tree's node lists itself (and its parent) among its kids."""
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>",
            b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R 3 0 R 4 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 3 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
            b"/Contents 6 0 R >>",
            _FONT,
            _stream(_TEXT),
        ]
    )


# --- Plain text -------------------------------------------------------------------------------------------


def txt_one_line(size: int = 40 * 1024 * 1024) -> bytes:
    return ((PARA + " ") * (size // (len(PARA) + 1))).encode()


def txt_blank_lines(n: int = 2_000_000) -> bytes:
    return b"\n" * n + PARA.encode() + b"\n" + b"\r\n" * n + PARA.encode()


def txt_combining_marks(size: int = 10 * 1024 * 1024) -> bytes:
    """One letter carrying every combining mark, over and over: one grapheme of ``size`` bytes."""
    marks = "".join(
        chr(c)
        for lo, hi in ((0x300, 0x36F), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF), (0xFE20, 0xFE2F))
        for c in range(lo, hi + 1)
    )
    one = marks.encode()
    return (PARA + "\n\na").encode() + one * (size // len(one))


def txt_utf16_lone_surrogates(n: int = 1_000_000) -> bytes:
    """UTF-16 with its byte-order mark, a lone high surrogate after every paragraph."""
    para = (PARA + "\n\n").encode("utf-16-le") + b"\x00\xd8"
    return b"\xff\xfe" + para * (n // len(para))


def txt_cp1252(size: int = 40 * 1024 * 1024) -> bytes:
    para = (PARA.replace("said", "sa\xefd") + " \u2019\xe9\n").encode("cp1252")
    return para * (size // len(para))


# --- Through LibreOffice ----------------------------------------------------------------------------------


def rtf_deep_groups(depth: int = 200_000) -> bytes:
    return b"{\\rtf1\\ansi " + PARA.encode() + b"\\par " + b"{\\b " * depth + b"x" + b"}" * depth + b"}"


def rtf_many_tables(n: int = 100_000) -> bytes:
    row = b"\\trowd\\cellx1000\\cellx2000 a\\cell b\\cell\\row "
    return b"{\\rtf1\\ansi " + PARA.encode() + b"\\par " + row * n + b"}"


def odt_zip_bomb(expanded: int = 1024**3) -> bytes:
    """An OpenDocument text whose content.xml inflates to ``expanded`` bytes (its directory tells the truth)."""
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        info = zipfile.ZipInfo("content.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with zf.open(info, "w", force_zip64=True) as member:
            member.write(b'<?xml version="1.0"?><office:document-content><office:body><office:text><text:p>')
            step = b" " * (1024 * 1024)
            for _ in range(expanded // len(step)):
                member.write(step)
            member.write(b"</text:p></office:text></office:body></office:document-content>")
    return buf.getvalue()


CASES: dict[str, tuple[str, Callable[[], bytes]]] = {
    "html-deep-divs-100k": (".html", html_deep_divs),
    "html-2m-tiny-tags": (".html", html_tiny_tags),
    "html-40mb-text-node": (".html", html_long_text_node),
    "html-40mb-in-95k-paragraphs": (".html", html_paragraphs_under_the_tag_bound),
    "html-100k-scripts-styles": (".html", html_scripts),
    "html-100k-open-tags": (".html", html_open_tags),
    "html-jsonld-10mb": (".html", html_jsonld_huge),
    "html-jsonld-10k-deep": (".html", html_jsonld_deep),
    "html-charset-lie-40mb": (".html", html_charset_lie),
    "html-charset-utf7": (".html", html_charset_exotic),
    "mhtml-5000-parts": (".mhtml", mhtml_many_parts),
    "mhtml-36mb-base64": (".mhtml", mhtml_huge_base64),
    "mhtml-qp-40mb": (".mhtml", mhtml_quoted_printable),
    "eml-10k-deep-multipart": (".eml", eml_deep_nesting),
    "eml-36mb-attachment": (".eml", eml_huge_attachment),
    "eml-html-2m-open-tags": (".eml", eml_html_open_tags),
    "pdf-5000-empty-pages": (".pdf", pdf_empty_pages),
    "pdf-flate-bomb-2gb": (".pdf", pdf_flate_bomb),
    "pdf-40-pages-of-4mb": (".pdf", pdf_heavy_pages),
    "pdf-page-tree-loop": (".pdf", pdf_page_tree_loop),
    "txt-40mb-one-line": (".txt", txt_one_line),
    "txt-2m-blank-lines": (".txt", txt_blank_lines),
    "txt-combining-marks-10mb": (".txt", txt_combining_marks),
    "txt-utf16-lone-surrogates": (".txt", txt_utf16_lone_surrogates),
    "txt-cp1252-40mb": (".txt", txt_cp1252),
    "rtf-200k-deep-groups": (".rtf", rtf_deep_groups),
    "rtf-100k-table-rows": (".rtf", rtf_many_tables),
    "odt-zip-bomb-1gb": (".odt", odt_zip_bomb),
}
