"""MHTML: a web page and its images saved as one MIME message (Chrome's and Edge's "Webpage, Single File",
Word's and Internet Explorer's .mht). Read with the standard library's email parser; only the page's HTML is
wanted, never its scripts, images or frames as separate sources."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage

from app.importers import ImportFormatError


def page_of(data: bytes, filename: str) -> tuple[str, str | None]:
    """The page's HTML as text, and the address it was saved from (None when the file does not say)."""
    head = data[:65536].lstrip()
    if b"\x00" in head[:8192] or not (b"mime-version" in head.lower() and b"multipart/" in head.lower()):
        raise ImportFormatError(f"{filename}: this is not a web page saved as one file (MHTML)")
    try:
        msg = email.message_from_bytes(data, policy=email.policy.default)
    except Exception:  # the email package raises several types on a malformed message
        raise ImportFormatError(f"{filename}: the saved page (MHTML) is damaged") from None
    if not isinstance(msg, EmailMessage) or not msg.is_multipart():
        raise ImportFormatError(f"{filename}: this is not a web page saved as one file (MHTML)")
    where = str(msg.get("Snapshot-Content-Location") or msg.get("Content-Location") or "").strip() or None
    pages = [part for part in msg.walk() if part.get_content_type() in ("text/html", "application/xhtml+xml")]
    if not pages:
        raise ImportFormatError(f"{filename}: the saved page (MHTML) holds no HTML page")
    # the saved page is the part at the snapshot's address, else the first page (frames come after it)
    page = next(
        (p for p in pages if where and str(p.get("Content-Location") or "").strip() == where), pages[0]
    )
    try:
        content = page.get_content()
    except (LookupError, UnicodeError, ValueError):
        payload = page.get_payload(decode=True)
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    if isinstance(content, bytes):
        content = content.decode("utf-8", "replace")
    if not isinstance(content, str) or not content.strip():
        raise ImportFormatError(f"{filename}: the saved page (MHTML) holds no HTML page")
    if where is None:
        where = str(page.get("Content-Location") or "").strip() or None
    if where and not where.lower().startswith(("http://", "https://")):
        where = None  # a cid: or file: address says nothing about where the page came from
    return content, where
