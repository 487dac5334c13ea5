"""File readers for Briefdesk import: plain text, Markdown, saved HTML pages, .docx, .pdf, and the
reference-manager exports CSL-JSON, RIS and BibTeX (``app.importers.refs``, one source per entry).

``read_text`` (.txt, .md), ``read_html`` (.html, .htm), ``read_docx``, ``read_pdf``, each
``(data, *, filename, title=None)``, and ``read_bytes(data, *, filename, title=None)`` choosing by extension, turn
bytes into a :class:`ParsedSource`. Bad input raises :class:`ImportFormatError` with a plain message. Nothing here
touches the library: ``app.importers.batch.import_paths`` stores what these return.
"""

from __future__ import annotations

import codecs
import hashlib
import logging
import re
import zipfile
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from charset_normalizer import from_bytes

from app.importers.errors import ImportFormatError as ImportFormatError  # re-exported: the readers raise it

if TYPE_CHECKING:
    from collections.abc import Mapping

    from docx.document import Document as DocxDocument

MAX_BYTES = 50 * 1024 * 1024

log = logging.getLogger(__name__)


def refuse_oversized(data: bytes, filename: str) -> None:
    """Every reader's first check: a file over the per-file limit is refused before it is parsed."""
    if len(data) > MAX_BYTES:
        raise ImportFormatError(
            f"{filename}: {len(data) // (1024 * 1024)} MB is over the 50 MB limit per file"
        )


@dataclass
class ParsedSource:
    title: str
    body: str
    metadata: dict[str, str] = field(default_factory=dict)
    original: bytes = b""
    original_filename: str = ""

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.original).hexdigest()


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: its mark begins with UTF-16 LE's
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _wide_text(data: bytes) -> str | None:
    """UTF-16 or UTF-32 text (Windows' "Unicode" text files, some exports): by its byte-order mark, or without
    one when every other byte is zero as in Western text. None when it is not."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            # half a surrogate pair (a string cut by its exporter) is one U+FFFD, as in CSL-JSON; a file that
            # is mostly undecodable under its mark is not text
            text = data.decode(codec, "replace")
            return text if text.count("\ufffd") <= len(text) // 100 else None
    head = data[:8192]
    if len(head) < 4 or len(head) % 2:
        return None
    for zeros, codec in ((head[1::2], "utf-16-le"), (head[0::2], "utf-16-be")):
        if zeros.count(0) > 0.9 * len(zeros):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                return None
            return text if "\x00" not in text else None
    return None


def _decode(data: bytes, filename: str) -> str:
    if b"\x00" in data[:8192]:
        wide = _wide_text(data)
        if wide is not None:
            return wide
        raise ImportFormatError(f"{filename}: binary content, not a text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    matches = list(from_bytes(data))
    if not matches:
        raise ImportFormatError(f"{filename}: the text encoding could not be recognised")
    best = matches[0]
    # Among guesses with no more chaos than the best, prefer Windows-1252 (the commonest legacy encoding of
    # Western text); coherence scores on short texts are too noisy to separate cp1250 from cp1252.
    for m in matches:
        if m.chaos <= best.chaos and "cp1252" in m.could_be_from_charset:
            return str(m)
    return str(best)


def decode_text(data: bytes, filename: str) -> str:
    """Bytes of a text file as str: UTF-8 (with or without BOM), else the encoding charset-normalizer detects."""
    refuse_oversized(data, filename)
    return _decode(data, filename).replace("\r\n", "\n")


def read_text(data: bytes, *, filename: str, title: str | None = None) -> ParsedSource:
    refuse_oversized(data, filename)
    text = _decode(data, filename).replace("\r\n", "\n")
    lines = text.split("\n")
    if title is None:
        first = next((i for i, line in enumerate(lines) if line.strip()), None)
        if first is None:
            raise ImportFormatError(f"{filename}: the file is empty")
        title = lines[first].strip().lstrip("#").strip()
        if _is_text_not_headline(title):  # wire copy saved without its headline: the lede stays in the body
            body = "\n".join(lines[first:]).strip("\n")
            title = _shortened(title)
        else:
            body = "\n".join(lines[first + 1 :]).strip("\n")
            if not body.strip():  # one line and nothing after it: a statement saved alone is still the text
                body = title
    else:
        body = text.strip("\n")
    return ParsedSource(title=title, body=body, original=data, original_filename=filename)


# A first line that reads as the story's first paragraph, not a headline: a dateline ("KESTRAVA, March 4
# (Northline Wire) -", "PARIS (AP) —") or longer than any headline (wire headlines stay under ~120 characters).
_DATELINE = re.compile(
    r"^[A-Z][A-Z .'\u2019-]{1,40}(?:,[^()\n]{1,40})?\s*\([^()\n]{1,60}\)\s*[-\u2013\u2014]"
)
HEADLINE_MAX_CHARS = 160
TITLE_FROM_TEXT_CHARS = 100


def _is_text_not_headline(line: str) -> bool:
    return len(line) > HEADLINE_MAX_CHARS or _DATELINE.match(line) is not None


def _shortened(line: str) -> str:
    """A title from a paragraph: its start, cut at a word, with an ellipsis when cut."""
    if len(line) <= TITLE_FROM_TEXT_CHARS:
        return line
    cut = line[:TITLE_FROM_TEXT_CHARS].rsplit(" ", 1)[0].rstrip(" ,;:-\u2013\u2014")
    return cut + "\u2026"


def read_html(data: bytes, *, filename: str, title: str | None = None) -> ParsedSource:
    """A saved web page: main text, title, author, date, site name and URL extracted by trafilatura."""
    refuse_oversized(data, filename)
    return html_source(_decode_html(data, filename), original=data, filename=filename, title=title)


def html_source(
    text: str, *, original: bytes, filename: str, title: str | None = None, url: str | None = None
) -> ParsedSource:
    """The source in a page's HTML (already decoded); ``url`` is where the page was saved from, if known
    outside the page (an MHTML file's header)."""
    import trafilatura

    from app.importers.pagemeta import article_body, body_language, page_metadata

    if "<" not in text[:4096]:
        raise ImportFormatError(f"{filename}: this does not look like an HTML page")
    _refuse_unreadable_markup(text, filename)
    try:
        doc = trafilatura.bare_extraction(text, with_metadata=True)
    except RecursionError:
        raise  # the batch names it: nested too deeply
    except Exception as exc:  # lxml and htmldate assert on some markup (an SVG root, broken trees)
        log.warning("article reader failed on %s: %r", filename, exc)
        raise ImportFormatError(
            f"{filename}: the page's markup could not be read as an article (it may be an image, a feed or a "
            "damaged page); nothing was imported"
        ) from None
    d: dict[str, Any] = {} if doc is None else (doc if isinstance(doc, dict) else doc.as_dict())
    # trafilatura puts one paragraph on each line: a blank line between them keeps them paragraphs
    body = "\n\n".join(line.strip() for line in (d.get("text") or "").splitlines() if line.strip())
    declared, headline = article_body(text)
    if len(declared) > max(2 * len(body), len(body) + 400) or (
        declared.count("\n\n") > body.count("\n\n") and declared.split() == body.split()
    ):
        # the page drew its story with scripts or showed a teaser (the text it declares is the article), or
        # the extractor read that text but ran its paragraphs together
        body = declared
        d["title"] = d.get("title") or headline
    if not body:
        raise ImportFormatError(f"{filename}: no article text could be found in the page")
    meta = {k: d[k] for k in ("author", "date", "sitename", "url", "language") if d.get(k)}
    if url and not meta.get("url"):
        meta["url"] = url
    page = page_metadata(text)  # what the page declares wins over what trafilatura guessed
    meta.update(page)
    if not meta.get("language"):
        meta["language"] = body_language(body)
    meta = {k: v for k, v in meta.items() if v}
    return ParsedSource(
        title=title or d.get("title") or filename,
        body=body,
        metadata=meta,
        original=original,
        original_filename=filename,
    )


# The article reader (trafilatura, on lxml) grows with the page's elements: 2 million tiny tags ran for minutes,
# and 40 MB in 230,000 paragraphs took 32 s of CPU and 1.5 GB. An article page has a few thousand tags.
MAX_PAGE_TAGS = 200_000
_TAG_START = re.compile(r"<[A-Za-z/!]")


# lxml (under trafilatura) stops reading a page at a text or attribute over 10 MB (XML_MAX_TEXT_LENGTH), and
# the article came back cut where the run began, with nothing said: a page holding such a run is refused.
MAX_PAGE_RUN_BYTES = 9_500_000


# The article reader grows with the text too: 40 MB in 95,000 paragraphs (under the tag bound) took 24 s and
# 1.1 GB. A page's markup and text, its scripts and styles aside, are read up to 20 MB (~12 s, ~550 MB); an
# article page holds well under 1 MB.
MAX_PAGE_MARKUP = 20 * 1024 * 1024
_CODE_OPEN = re.compile(r"<(script|style)\b", re.I)
_CODE_CLOSE = {"script": re.compile(r"</script", re.I), "style": re.compile(r"</style", re.I)}


def _markup_size(text: str) -> int:
    """The page's length without the content of its scripts and styles (one pass)."""
    code = 0
    opened = _CODE_OPEN.search(text)
    while opened is not None:
        closed = _CODE_CLOSE[opened.group(1).lower()].search(text, opened.end())
        if closed is None:
            break
        code += closed.start() - opened.end()
        opened = _CODE_OPEN.search(text, closed.end())
    return len(text) - code


def _refuse_unreadable_markup(text: str, filename: str) -> None:
    """Refuse a page the article reader would take minutes or gigabytes on, or read only in part."""
    if len(text) > MAX_PAGE_MARKUP and (size := _markup_size(text)) > MAX_PAGE_MARKUP:
        raise ImportFormatError(
            f"{filename}: refused, the page holds {size / 1e6:.1f} MB of markup and text (scripts and styles "
            f"aside), more than the {MAX_PAGE_MARKUP // (1024 * 1024)} MB Briefdesk reads (an article page holds "
            "well under 1 MB); save the article alone (the browser's reader view, or print it to PDF) and "
            "import that"
        )
    if text.count("<") > MAX_PAGE_TAGS:
        tags = sum(1 for _ in _TAG_START.finditer(text))
        if tags > MAX_PAGE_TAGS:
            raise ImportFormatError(
                f"{filename}: refused, the page has {tags:,} tags, more than the {MAX_PAGE_TAGS:,} Briefdesk "
                "reads (an article page has a few thousand); save the article alone (the browser's reader view, "
                "or print it to PDF) and import that"
            )
    run = _long_run(text, MAX_PAGE_RUN_BYTES // 4)  # characters: at most 4 bytes each in UTF-8
    while run is not None:
        start, end = run
        size = len(text[start:end].encode("utf-8", "surrogatepass"))
        if size > MAX_PAGE_RUN_BYTES:
            raise ImportFormatError(
                f"{filename}: refused, the page holds {size / 1e6:.1f} MB of text or data between two tags, more "
                f"than the article reader reads ({MAX_PAGE_RUN_BYTES / 1e6:.1f} MB): it would keep only what "
                "comes before it; nothing was imported"
            )
        run = _long_run(text, MAX_PAGE_RUN_BYTES // 4, end)


def _long_run(text: str, limit: int, start: int = 0) -> tuple[int, int] | None:
    """(start, end) of the first run of more than ``limit`` characters without a "<" from ``start``, or None.
    Linear: each rfind looks ``limit`` ahead and jumps to the last "<" it finds."""
    p = start - 1  # the "<" before the run (or the text's start)
    while True:
        if len(text) - p - 1 <= limit:
            return None
        q = text.rfind("<", p + 1, p + limit + 2)
        if q == -1:
            nxt = text.find("<", p + limit + 2)
            return p + 1, len(text) if nxt == -1 else nxt
        p = q


_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{1,40})""", re.I)


def _decode_html(data: bytes, filename: str) -> str:
    """A page's bytes as text. Bytes that are valid UTF-8 are UTF-8 whatever the page says (legacy-encoded
    text is almost never valid UTF-8 by chance, and pages re-saved as UTF-8 often keep a stale meta tag); else
    the charset the page declares in its first 4 KB, read as a browser reads it (ISO-8859-1 and ASCII as
    Windows-1252); else the encoding charset-normalizer detects."""
    import codecs

    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data[:8192]:
        return _decode(data, filename)  # UTF-16 with its mark, or binary content refused there
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    found = _META_CHARSET.search(data[:4096])
    if found:
        name = found.group(1).decode("ascii").lower()
        try:
            codec = codecs.lookup(
                "cp1252" if name in ("iso-8859-1", "latin1", "latin-1", "us-ascii") else name
            )
        except LookupError:
            codec = None
        if codec is not None and not codec.name.startswith("utf-16"):
            try:
                return data.decode(codec.name)
            except UnicodeDecodeError:
                pass
    return _decode(data, filename)


MAX_UNZIPPED = 200 * 1024 * 1024
MAX_RATIO = 100


def _check_zip_members(data: bytes, infos: list[zipfile.ZipInfo], filename: str) -> None:
    """Every member decompressed once, streamed, before anything reads it (see app._zipcheck)."""
    from app._zipcheck import ZipProblem, check_members

    try:
        check_members(data, infos, limit=MAX_UNZIPPED)
    except ZipProblem as exc:
        raise ImportFormatError(f"{filename}: {exc}") from None


def _checked_zip(data: bytes, filename: str) -> list[zipfile.ZipInfo]:
    """A zipped document's members, after the declared sizes and ratio and then the sizes each member actually
    decompresses to (streamed) are checked: a zip bomb is refused before anything reads it."""
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise ImportFormatError(f"{filename}: the document is damaged or truncated") from None
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > MAX_UNZIPPED or total / packed > MAX_RATIO:
        raise ImportFormatError(
            f"{filename}: refused, it would expand to {total // (1024 * 1024)} MB (zip bomb)"
        )
    _check_zip_members(data, infos, filename)
    return infos


_ENTITY_DECLARATION = re.compile(rb"<!(DOCTYPE|ENTITY)", re.I)


def _docx_blocks(doc: DocxDocument) -> list[str]:
    """The body's paragraphs and tables in reading order as Word shows them, then the footnotes and endnotes
    (app.importers.docx_text says what is read and what is left out)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    from app.importers.docx_text import document_blocks

    def note_part(reltype: str) -> Any:
        rel = next((r for r in doc.part.rels.values() if r.reltype == reltype and not r.is_external), None)
        if rel is None:
            return None
        parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
        try:
            return etree.fromstring(rel.target_part.blob, parser)
        except etree.XMLSyntaxError:
            return None  # a damaged notes part costs the notes, not the document

    return document_blocks(doc.element.body, note_part(RT.FOOTNOTES), note_part(RT.ENDNOTES))


_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of Word 97-2003 files and of encrypted .docx


def read_doc(data: bytes, *, filename: str, title: str | None = None) -> ParsedSource:
    """An old binary Word file, through LibreOffice (``app.importers.office``); a .doc renamed from .docx is
    read as .docx."""
    if data.startswith(b"PK\x03\x04"):
        return read_docx(data, filename=filename, title=title)
    return _through_libreoffice(data, filename=filename, title=title, ext=".doc")


def read_office(data: bytes, *, filename: str, title: str | None = None) -> ParsedSource:
    """Rich Text and OpenDocument text, through LibreOffice."""
    import os

    ext = os.path.splitext(filename)[1].lower()
    return _through_libreoffice(data, filename=filename, title=title, ext=ext)


def _through_libreoffice(data: bytes, *, filename: str, title: str | None, ext: str) -> ParsedSource:
    from app.importers.office import as_docx

    refuse_oversized(data, filename)
    if ext == ".odt" and data.startswith(b"PK\x03\x04") and b"opendocument.text" in data[:200]:
        _checked_zip(data, filename)  # LibreOffice would inflate a bomb with no bound but its time limit
    parsed = read_docx(as_docx(data, filename=filename, ext=ext), filename=filename, title=title)
    parsed.original = data  # the source keeps the file as given, not LibreOffice's copy
    return parsed


def read_docx(data: bytes, *, filename: str, title: str | None = None) -> ParsedSource:
    """A Word document. The zip is checked before python-docx reads it: the declared sizes and ratio, then the
    sizes each part actually decompresses to (streamed, see _check_zip_members). XML parts declaring a DOCTYPE
    or entities (never written by Word; the shape of an XXE attack) are refused, and a document with no text
    is a failure, not an empty source."""
    import io

    refuse_oversized(data, filename)
    if data.startswith(_OLE2):  # a .doc named .docx, or a password-protected .docx (an encrypted package)
        return _through_libreoffice(data, filename=filename, title=title, ext=".doc")
    if not data.startswith(b"PK\x03\x04"):
        raise ImportFormatError(f"{filename}: this is not a Word (.docx) document")
    infos = _checked_zip(data, filename)
    import docx

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for info in infos:
                if info.filename.lower().endswith((".xml", ".rels")) and _ENTITY_DECLARATION.search(
                    zf.read(info)
                ):
                    raise ImportFormatError(
                        f"{filename}: refused, {info.filename} declares a DOCTYPE or entities, which Word "
                        "never writes (the shape of an XML external entity attack)"
                    )
        doc = docx.Document(io.BytesIO(data))
    except ImportFormatError:
        raise
    except Exception:  # python-docx raises several unrelated types for a bad package
        raise ImportFormatError(f"{filename}: this is not a readable Word (.docx) document") from None
    blocks = _docx_blocks(doc)
    body = "\n\n".join(blocks)
    if not body.strip():
        raise ImportFormatError(f"{filename}: the document holds no text; nothing to import")
    from app.importers.docx_text import core_properties

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = set(zf.namelist())
        meta = core_properties(lambda name: zf.read(name) if name in names else None)
    from app.extract.dates import date_in_text

    written = date_in_text(body)  # "Issued 4 March 2026", a dateline: the date the reader sees wins
    if written is not None:
        meta["date"] = written.isoformat()
    elif "date" in meta:
        meta["date_from"] = "the file's properties"  # when the file was created, which may be years off
    found = title or meta.pop("title", "") or (blocks[0][:300] if blocks else filename)
    meta.pop("title", None)
    return ParsedSource(
        title=found,
        body=body,
        metadata=meta,
        original=data,
        original_filename=filename,
    )


def read_pdf(data: bytes, *, filename: str, title: str | None = None) -> ParsedSource:
    """A PDF's text layer (pypdf). Encrypted and scanned (no text layer) PDFs are refused plainly."""
    import io

    import pypdf

    refuse_oversized(data, filename)
    if not data.lstrip()[:5] == b"%PDF-":
        raise ImportFormatError(f"{filename}: this is not a PDF document")
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ImportFormatError(
                f"{filename}: the PDF is encrypted; save an unprotected copy and import that"
            )
        pages, drawings = _pdf_page_texts(reader, filename)
        info: Mapping[str, object] = reader.metadata or {}
    except ImportFormatError:
        raise
    except pypdf.errors.LimitReachedError:  # pypdf's own bounds: 75 MB from one stream, 2 million tokens
        raise ImportFormatError(
            f"{filename}: refused, part of the PDF expands beyond what Briefdesk reads (more than 75 MB from one "
            "stream, or millions of drawing instructions on one page: the shape of a decompression bomb); "
            "nothing was imported"
        ) from None
    except Exception:  # pypdf raises many types for a damaged file
        raise ImportFormatError(f"{filename}: the PDF is damaged or truncated") from None
    from app.importers.pdf_text import pdf_paragraphs

    body = "\n\n".join(pdf_paragraphs(pages))
    if not body and drawings:
        raise ImportFormatError(
            f"{filename}: its pages are drawings of more than {PDF_PAGE_DRAWING // (1024 * 1024)} MB each (maps or "
            "charts) with no text read; nothing to import"
        )
    if not body:
        raise ImportFormatError(f"{filename}: the PDF has no text layer (a scan?); nothing to import")
    author = info.get("/Author")
    meta = {"author": str(author)} if author else {}
    if drawings:
        meta["pages_not_read"] = ", ".join(map(str, drawings))
    found = title or info.get("/Title") or body.split("\n", 1)[0].strip()[:300]
    return ParsedSource(title=str(found), body=body, metadata=meta, original=data, original_filename=filename)


# pypdf bounds each stream (75 MB inflated, 2 million tokens: ~5 s to read), not the document: pages of drawing
# instructions just under those bounds took ~1.2 s per MB each, without end. 16 MB in all is ~18 s; a 1,000-page
# text report's pages hold ~10 MB.
MAX_PDF_CONTENT = 16 * 1024 * 1024
# A page of text, even a dense table, holds well under 1 MB of instructions; one of more than 2 MB is a map or a
# chart (vector drawing), whose text (labels) is not read, so that a report with maps is imported, not refused.
PDF_PAGE_DRAWING = 2 * 1024 * 1024


def _pdf_page_texts(reader: Any, filename: str) -> tuple[list[str], list[int]]:
    """Each page's text, the pages' drawing instructions (inflated) at most ``MAX_PDF_CONTENT`` in all; and the
    pages left unread as drawings (over ``PDF_PAGE_DRAWING`` each)."""
    texts: list[str] = []
    drawings: list[int] = []
    total = 0
    for number, page in enumerate(reader.pages, start=1):
        contents = page.get_contents()
        size = len(contents.get_data()) if contents is not None else 0
        if size > PDF_PAGE_DRAWING:
            drawings.append(number)
            texts.append("")
            continue
        total += size
        if total > MAX_PDF_CONTENT:
            raise ImportFormatError(
                f"{filename}: refused, the drawing instructions of its "
                f"{'first page' if number == 1 else f'first {number:,} pages'} come to more than "
                f"{MAX_PDF_CONTENT // (1024 * 1024)} MB (a text document's are a few MB); nothing was imported"
            )
        texts.append(page.extract_text() or "")
    return texts, drawings


def read_mhtml(data: bytes, *, filename: str, title: str | None = None) -> ParsedSource:
    """A web page saved as one file (MHTML, "Webpage, Single File"): the page's HTML part is read as a saved
    page; the whole file is kept as the original."""
    from app.importers.mhtml import page_of

    refuse_oversized(data, filename)
    text, url = page_of(data, filename)
    return html_source(text, original=data, filename=filename, title=title, url=url)


def read_eml(data: bytes, *, filename: str, title: str | None = None) -> ParsedSource:
    """A saved e-mail (.eml): its text, subject as title, sender as author, Date as published."""
    from app.importers.email_file import read_message

    refuse_oversized(data, filename)
    subject, body, metadata = read_message(data, filename)
    first = body.split("\n", 1)[0]
    return ParsedSource(
        title=title or subject or _shortened(first) or filename,
        body=body,
        metadata=metadata,
        original=data,
        original_filename=filename,
    )


READERS = {
    ".txt": read_text,
    ".md": read_text,
    ".markdown": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".xhtml": read_html,
    ".mhtml": read_mhtml,
    ".mht": read_mhtml,
    ".docx": read_docx,
    ".doc": read_doc,
    ".pdf": read_pdf,
    ".eml": read_eml,
    ".rtf": read_office,
    ".odt": read_office,
}


def read_bytes(data: bytes, *, filename: str, title: str | None = None) -> ParsedSource:
    """Choose the reader by the file name's extension; an unsupported extension is a plain error."""
    import os

    ext = os.path.splitext(filename)[1].lower()
    reader = READERS.get(ext)
    if reader is None:
        raise ImportFormatError(
            f"{filename}: files of type '{ext or 'none'}' cannot be imported. Briefdesk reads text (.txt, .md), "
            "saved web pages (.html, .htm, .mhtml), Word (.docx; .doc, .rtf and .odt through LibreOffice), PDF, e-mail "
            "(.eml), and reference exports (CSL-JSON, "
            "RIS, BibTeX); save the file as one of these first"
        )
    return reader(data, filename=filename, title=title)
