"""Saved web pages as browsers write them: one-file MHTML (Chrome/Edge "Webpage, Single File"), pages whose
charset is declared only in a meta tag, and the Markdown extension the import dialog offers. The pages are
written for Briefdesk."""

import base64
import quopri

import pytest

from app.importers import ImportFormatError, read_bytes

ARTICLE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ferry service suspended</title>
<meta name="author" content="Imre Falk"><meta property="article:published_time" content="2026-10-14T08:00:00Z">
</head><body><nav>Home | World</nav><article><h1>Ferry service suspended</h1>
<p>The transport minister of Velmora said on Tuesday that the island ferry would stop for three weeks while
the pier at Oskar Bay is rebuilt, a decision that surprised the harbour council.</p>
<p>The ferry operator denied that the pier was unsafe and said its boats had passed every inspection this
year, calling the closure “a political choice dressed as engineering”.</p></article>
<footer>Subscribe to our newsletter</footer></body></html>"""


def _mhtml(
    html: str, *, url: str = "https://news.example.org/ferry", encoding: str = "quoted-printable"
) -> bytes:
    """A page saved as Chrome saves it: the HTML part first, then an image, in a multipart/related message."""
    boundary = "----MultipartBoundary--Briefdesk0123456789----"
    raw = html.encode("utf-8")
    body = (
        quopri.encodestring(raw).decode("ascii")
        if encoding == "quoted-printable"
        else base64.encodebytes(raw).decode()
    )
    image = base64.encodebytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64).decode()
    return (
        "From: <Saved by Blink>\r\n"
        f"Snapshot-Content-Location: {url}\r\n"
        "Subject: Ferry service suspended\r\n"
        "Date: Wed, 14 Oct 2026 09:12:00 -0000\r\n"
        "MIME-Version: 1.0\r\n"
        f'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="{boundary}"\r\n\r\n'
        f"--{boundary}\r\nContent-Type: text/html\r\nContent-ID: <frame-1@mhtml.blink>\r\n"
        f"Content-Transfer-Encoding: {encoding}\r\nContent-Location: {url}\r\n\r\n{body}\r\n"
        f"--{boundary}\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
        f"Content-Location: https://news.example.org/pier.png\r\n\r\n{image}\r\n--{boundary}--\r\n"
    ).encode("ascii")


@pytest.mark.parametrize("suffix", [".mhtml", ".mht"])
@pytest.mark.parametrize("encoding", ["quoted-printable", "base64"])
def test_a_page_saved_as_one_file_imports_like_the_page(suffix, encoding):
    data = _mhtml(ARTICLE, encoding=encoding)
    p = read_bytes(data, filename="ferry" + suffix)
    assert p.title == "Ferry service suspended"
    assert "a political choice dressed as engineering" in p.body  # the non-ASCII quotes came through
    assert "Subscribe" not in p.body and "Home | World" not in p.body
    assert p.metadata["author"] == "Imre Falk"
    assert p.metadata["date"] == "2026-10-14"
    assert p.metadata["url"] == "https://news.example.org/ferry"
    assert p.original == data  # the whole saved file is kept, images and all


def test_damaged_or_foreign_one_file_pages_are_refused_plainly():
    with pytest.raises(ImportFormatError, match="not a web page saved as one file"):
        read_bytes(b"just words, no MIME here", filename="x.mhtml")
    only_image = _mhtml(ARTICLE).replace(b"Content-Type: text/html\r\n", b"Content-Type: image/gif\r\n")
    with pytest.raises(ImportFormatError, match="holds no HTML page"):
        read_bytes(only_image, filename="y.mhtml")
    with pytest.raises(ImportFormatError, match="binary content|not a web page"):
        read_bytes(b"\x00\x01" * 4000, filename="z.mht")


def test_a_page_is_read_in_the_charset_it_declares():
    # windows-1251 Cyrillic and a Latin-1 page: decoded as the meta tag says, not as a detector guesses
    cyrillic = "Министр заявил, что переговоры продолжатся в понедельник в столице."
    page = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">
<title>Переговоры</title></head><body><article><p>{cyrillic} {cyrillic}</p><p>{cyrillic}</p></article>
</body></html>"""
    p = read_bytes(page.encode("cp1251"), filename="ru.html")
    assert cyrillic in p.body
    latin = "Le ministre a déclaré à Genève que l’accord était « mort » après la réunion du comité."
    page = f"""<html><head><meta charset="ISO-8859-1"><title>Accord</title></head><body><article>
<p>{latin.replace("’", "'")} {latin.replace("’", "'")}</p></article></body></html>"""
    p = read_bytes(page.encode("latin-1"), filename="fr.htm")
    assert "déclaré à Genève" in p.body and "« mort »" in p.body
    # a stale tag that cannot decode the page is not trusted
    page = (
        '<html><head><meta charset="us-ascii"><title>T</title></head><body><article><p>'
        + ("Le porte-parole a démenti les informations publiées à Genève. " * 3)
        + "</p></article></body></html>"
    )
    p = read_bytes(page.encode("utf-8"), filename="stale.html")
    assert "démenti" in p.body and "Genève" in p.body


def test_markdown_files_under_their_long_extension_import():
    p = read_bytes(b"# Pier closure\n\nThe operator denied the pier was unsafe.\n", filename="notes.markdown")
    assert p.title == "Pier closure"
    assert "denied the pier was unsafe" in p.body


def test_hostile_one_file_pages_are_read_or_refused_in_bounded_time():
    # thousands of nested multiparts: refused plainly (the page is deeper than a browser ever nests it)
    depth = 3000
    nested = 'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b0"\r\n\r\n'
    for i in range(depth):
        nested += f'--b{i}\r\nContent-Type: multipart/related; boundary="b{i + 1}"\r\n\r\n'
    nested += f"--b{depth}\r\nContent-Type: text/html\r\n\r\n<html><body><p>deep</p></body></html>\r\n"
    nested += "".join(f"--b{i}--\r\n" for i in range(depth, -1, -1))
    with pytest.raises(ImportFormatError, match="holds no HTML page"):
        read_bytes(nested.encode(), filename="deep.mhtml")
    # a page with ten thousand images: the page is found without parsing every image
    many = _mhtml(ARTICLE)
    boundary = b"----MultipartBoundary--Briefdesk0123456789----"
    image = (
        b"--" + boundary + b"\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\nQUJD\r\n"
    )
    closing = b"--" + boundary + b"--\r\n"
    many = many.replace(closing, image * 10_000 + closing)
    p = read_bytes(many, filename="gallery.mhtml")
    assert "a political choice dressed as engineering" in p.body


def test_a_boundary_that_begins_another_is_not_taken_for_it():
    inner = (
        'Content-Type: multipart/alternative; boundary="b10"\r\n\r\n'
        "--b10\r\nContent-Type: text/plain\r\n\r\nplain words\r\n"
        "--b10\r\nContent-Type: text/html\r\n\r\n" + ARTICLE + "\r\n--b10--\r\n"
    )
    data = (
        'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b1"\r\n\r\n--b1\r\n'
        + inner
        + "--b1--\r\n"
    ).encode("utf-8")
    p = read_bytes(data, filename="nested.mht")
    assert "a political choice dressed as engineering" in p.body


def test_a_page_whose_story_is_drawn_by_scripts_imports_the_text_it_declares():
    """Saved as "HTML only" from a site that renders with scripts: the body is an empty shell, the story is in
    the page's NewsArticle data."""
    story = (
        "The transport minister of Velmora said on Tuesday that the island ferry would stop for three weeks.\\n\\n"
        "The ferry operator denied that the pier was unsafe &amp; said its boats had passed every inspection."
    )
    page = f"""<!DOCTYPE html><html lang="en"><head><title>Ferry halted | Coast Courier</title>
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "Ferry halted for pier works", "datePublished": "2026-10-14T08:00:00Z",
"author": {{"@type": "Person", "name": "Imre Falk"}}, "articleBody": "{story}"}}</script></head>
<body><div id="root"></div><script src="/app.js"></script></body></html>"""
    p = read_bytes(page.encode("utf-8"), filename="ferry.html")
    assert p.body.split("\n\n") == [
        "The transport minister of Velmora said on Tuesday that the island ferry would stop for three weeks.",
        "The ferry operator denied that the pier was unsafe & said its boats had passed every inspection.",
    ]
    assert p.metadata["date"] == "2026-10-14" and p.metadata["kind"] == "news article"
    assert p.title in ("Ferry halted | Coast Courier", "Ferry halted for pier works", "Ferry halted")


def test_a_full_page_keeps_its_own_text_over_a_shorter_declared_summary():
    page = ARTICLE.replace(
        "</head>",
        '<script type="application/ld+json">{"@type": "NewsArticle", "articleBody": "A short summary."}'
        "</script></head>",
    )
    p = read_bytes(page.encode("utf-8"), filename="full.html")
    assert "a political choice dressed as engineering" in p.body and "A short summary." not in p.body
