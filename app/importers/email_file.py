"""E-mail saved as a file (.eml: Thunderbird, Apple Mail, Outlook's "Save as" in Internet format): statements and
press releases often reach an analyst by mail. The message's text is the source; its subject the title, its
sender the author, its Date header the date published. Attachments are left out: save and import them as files.

The parts are found as the MHTML reader finds them (``app.importers.mhtml``: by their boundary lines, headers
parsed part by part), so a message carrying a 40 MB attachment is read in one pass over its bytes.
"""

from __future__ import annotations

import datetime as dt
import re
from email.header import decode_header, make_header
from email.message import Message
from email.utils import getaddresses, parsedate_to_datetime

from app.importers.errors import ImportFormatError
from app.importers.mhtml import MAX_DEPTH, mime_parts, part_text, split_head

_TEXT_TYPES = ("text/plain", "text/html")
WRAPPED_AT = 56  # mail clients wrap plain text at 72-78 characters: a line this long was wrapped
_HEADER_LINE = re.compile(rb"^(from|date|subject|to|message-id|received|return-path):", re.I | re.M)
_REPLY_PREFIX = re.compile(r"^(?:(?:re|fwd?|aw|wg|tr|sv|vs)\s*:\s*)+", re.I)
# paragraph ends and line breaks; a tag's attributes never run past the next "<" (a mail of "<br" opened and never
# closed made each one rescan the rest of the mail: 2 million took longer than anyone waits)
_BLOCKS = re.compile(r"<\s*(?:/p|/div|/h[1-6]|/li|/tr|/blockquote|/table|hr)\b[^<>]*>", re.I)
_BREAK = re.compile(r"<\s*br\b[^<>]*>", re.I)


def _header(head: Message, name: str) -> str:
    raw = head.get(name)
    if raw is None:
        return ""
    try:
        return " ".join(str(make_header(decode_header(str(raw)))).split())
    except (LookupError, UnicodeError, ValueError):  # a charset Python does not know, a broken encoded word
        return " ".join(str(raw).split())


def _text_parts(
    head: Message, body: bytes, depth: int, unread: list[int] | None = None
) -> list[tuple[Message, bytes]]:
    """The message's text parts (plain and HTML) in order, attachments left out, nested parts followed (at most
    ``MAX_DEPTH`` levels: the depth of each multipart left unread is added to ``unread``)."""
    if head.get_content_maintype() != "multipart":
        disposition = str(head.get("Content-Disposition") or "").strip().lower()
        if head.get_content_type() in _TEXT_TYPES and not disposition.startswith("attachment"):
            return [(head, body)]
        return []
    boundary = head.get_param("boundary")
    if not isinstance(boundary, str) or not boundary:
        return []
    if depth > MAX_DEPTH:
        if unread is not None:
            unread.append(depth)
        return []
    found: list[tuple[Message, bytes]] = []
    for raw in mime_parts(body, boundary.encode("ascii", "replace")):
        part_head, part_body = split_head(raw)
        found.extend(_text_parts(part_head, part_body, depth + 1, unread))
    return found


def _html_as_text(html: str) -> str:
    """An HTML mail's text: paragraph ends kept, every tag dropped, scripts and styles with their content
    (nh3, the sanitiser the app uses elsewhere: linear in the mail's size, whatever its markup)."""
    import html as html_module

    import nh3

    marked = _BREAK.sub("\n", _BLOCKS.sub("\n\n", html))
    text = nh3.clean(marked, tags=set(), clean_content_tags={"script", "style", "head", "title"})
    return _paragraphs(html_module.unescape(text))


def _paragraphs(text: str) -> str:
    """Lines joined into paragraphs at blank lines, as the other readers keep them."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    out, current = [], []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return "\n\n".join(_unwrapped(p) for p in out)


def _unwrapped(lines: list[str]) -> str:
    """A paragraph's lines: those a mail client wrapped (long, at a word) joined by a space, short ones (an
    address block, a list) kept on their own lines."""
    text = lines[0]
    for before, line in zip(lines, lines[1:], strict=False):
        text += (" " if len(before) >= WRAPPED_AT else "\n") + line
    return text


def _published(head: Message) -> str:
    raw = head.get("Date")
    if not raw:
        return ""
    try:
        when = parsedate_to_datetime(str(raw))
    except (TypeError, ValueError, IndexError):
        return ""
    if when is None or not dt.date(1990, 1, 1) <= when.date() <= dt.date.today() + dt.timedelta(days=2):
        return ""  # a mail client's clock at zero, or years ahead: no date is better than a wrong one
    return when.date().isoformat()  # the sender's own day (the offset it was written with)


def read_message(data: bytes, filename: str) -> tuple[str, str, dict[str, str]]:
    """(title, text, metadata) of a saved e-mail; ImportFormatError when it is not one or holds no text."""
    start = data[:65536].lstrip()
    if b"\x00" in start[:8192] or len(_HEADER_LINE.findall(start[:16384])) < 2:
        raise ImportFormatError(f"{filename}: this is not an e-mail message saved as a file (.eml)")
    head, body = split_head(data.lstrip())
    if not (head.get("From") or head.get("Subject")):
        raise ImportFormatError(f"{filename}: this is not an e-mail message saved as a file (.eml)")
    unread: list[int] = []
    parts = _text_parts(head, body, 0, unread)
    plain = next((p for p in parts if p[0].get_content_type() == "text/plain"), None)
    text = ""
    if plain is not None:
        text = _paragraphs(part_text(*plain))
    if not text:
        html = next((p for p in parts if p[0].get_content_type() == "text/html"), None)
        text = _html_as_text(part_text(*html)) if html is not None else ""
    if not text.strip() and unread:
        raise ImportFormatError(
            f"{filename}: refused, the message nests its parts more than {MAX_DEPTH + 1} levels deep (a mail "
            "client nests two or three); no text was found above that"
        )
    if not text.strip():
        raise ImportFormatError(
            f"{filename}: the message holds no text (only attachments?); save its attachments and import those"
        )
    metadata: dict[str, str] = {}
    sender = getaddresses([_header(head, "From")])
    if sender and (sender[0][0] or sender[0][1]):
        name, address = sender[0]
        metadata["author"] = name or address
        if "@" in address:
            metadata["sitename"] = address.rsplit("@", 1)[1].lower()
    published = _published(head)
    if published:
        metadata["date"] = published
    title = _REPLY_PREFIX.sub("", _header(head, "Subject")).strip()
    return title, text, metadata
