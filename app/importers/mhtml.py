"""MHTML: a web page and its images saved as one MIME message (Chrome's and Edge's "Webpage, Single File",
Word's and Internet Explorer's .mht). Only the page's HTML is wanted, never its scripts, images or frames as
separate sources.

The standard library's email parser reads every part of the message into objects: a 40 MB page with its
images took 45 s, and a message nested thousands of levels deep several seconds before failing. The parts
are found here by their boundary lines instead (one pass over the bytes, nested messages followed at most
``MAX_DEPTH`` levels), and only the headers of each part are parsed, with the email package's header parser.
"""

from __future__ import annotations

import base64
import binascii
import quopri
import re
from email.message import Message
from email.parser import BytesHeaderParser

from app.importers.errors import ImportFormatError

MAX_DEPTH = 4
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_HEAD_END = re.compile(rb"\r?\n\r?\n")
_WANTED = re.compile(rb"text/html|xhtml|multipart/", re.I)


def split_head(block: bytes) -> tuple[Message, bytes]:
    """A part's headers (parsed) and its body."""
    end = _HEAD_END.search(block, 0, 65536)
    if end is None:
        head, body = block, b""
    else:
        head, body = block[: end.start()], block[end.end() :]
    return BytesHeaderParser().parsebytes(head.lstrip(b"\r\n") + b"\r\n\r\n"), body


def _boundary_lines(body: bytes, delim: bytes) -> list[tuple[int, int, bool]]:
    """(start, end, closing) of each boundary line: the delimiter at a line's start followed by blanks and
    the line's end, or by the closing "--" (so boundary "b1" does not match a line "--b10")."""
    out: list[tuple[int, int, bool]] = []
    pos = 0 if body.startswith(delim) else body.find(b"\n" + delim)
    while pos != -1:
        start = pos if pos == 0 and body.startswith(delim) else pos + 1
        after = start + len(delim)
        closing = body[after : after + 2] == b"--"
        eol = body.find(b"\n", after)
        end = len(body) if eol == -1 else eol + 1
        rest = body[after + (2 if closing else 0) : end].strip()
        if not rest:
            out.append((start, end, closing))
            if closing:
                break
        pos = body.find(b"\n" + delim, after)
    return out


def mime_parts(body: bytes, boundary: bytes) -> list[bytes]:
    """The raw parts between a multipart body's boundary lines (preamble and epilogue left out)."""
    lines = _boundary_lines(body, b"--" + boundary)
    return [
        body[this[1] : nxt[0]].rstrip(b"\r\n")
        for this, nxt in zip(lines, [*lines[1:], (len(body), len(body), True)], strict=True)
        if not this[2]
    ]


def _pages(head: Message, body: bytes, depth: int) -> list[tuple[Message, bytes]]:
    """Every HTML part (headers, undecoded body) in document order, following nested multiparts."""
    if head.get_content_maintype() != "multipart":
        return [(head, body)] if head.get_content_type() in _HTML_TYPES else []
    boundary = head.get_param("boundary")
    if not isinstance(boundary, str) or not boundary or depth > MAX_DEPTH:
        return []
    found: list[tuple[Message, bytes]] = []
    for raw in mime_parts(body, boundary.encode("ascii", "replace")):
        end = _HEAD_END.search(raw, 0, 65536)
        if not _WANTED.search(raw[: end.start() if end else 65536]):
            continue  # an image, a stylesheet, a font: its headers are not worth parsing
        part_head, part_body = split_head(raw)
        found.extend(_pages(part_head, part_body, depth + 1))
    return found


def part_text(head: Message, body: bytes) -> str:
    encoding = str(head.get("Content-Transfer-Encoding") or "").strip().lower()
    try:
        if encoding == "base64":
            body = base64.b64decode(re.sub(rb"[^A-Za-z0-9+/=]", b"", body) + b"==")
        elif encoding == "quoted-printable":
            body = quopri.decodestring(body)
    except (binascii.Error, ValueError):
        return ""
    charset = head.get_content_charset() or "utf-8"
    try:
        return body.decode(charset, "replace")
    except LookupError:
        return body.decode("utf-8", "replace")


def page_of(data: bytes, filename: str) -> tuple[str, str | None]:
    """The page's HTML as text, and the address it was saved from (None when the file does not say)."""
    head_bytes = data[:65536].lstrip()
    if b"\x00" in head_bytes[:8192] or not (
        b"mime-version" in head_bytes.lower() and b"multipart/" in head_bytes.lower()
    ):
        raise ImportFormatError(f"{filename}: this is not a web page saved as one file (MHTML)")
    head, body = split_head(data.lstrip())
    if head.get_content_maintype() != "multipart" or not head.get_param("boundary"):
        raise ImportFormatError(f"{filename}: this is not a web page saved as one file (MHTML)")
    where = str(head.get("Snapshot-Content-Location") or head.get("Content-Location") or "").strip() or None
    pages = _pages(head, body, 0)
    if not pages:
        raise ImportFormatError(f"{filename}: the saved page (MHTML) holds no HTML page")
    # the saved page is the part at the snapshot's address, else the first page (frames come after it)
    page = next(
        (p for p in pages if where and str(p[0].get("Content-Location") or "").strip() == where), pages[0]
    )
    content = part_text(*page)
    if not content.strip():
        raise ImportFormatError(f"{filename}: the saved page (MHTML) holds no HTML page")
    if where is None:
        where = str(page[0].get("Content-Location") or "").strip() or None
    if where and not where.lower().startswith(("http://", "https://")):
        where = None  # a cid: or file: address says nothing about where the page came from
    return content, where
