"""Reference-manager exports: CSL-JSON (as Zotero exports it), RIS and BibTeX. Each entry is one source.

An entry's metadata fills the source (title, outlet, authors, dates, URL, language, kind from the item type);
its abstract or notes become the body when there is no full text. What is kept as the original, and hashed
to recognise a re-import, is the entry itself serialised canonically (sorted keys, JSON), not the whole file:
the same entry exported again in another file, or beside other entries, is still "the same source", and one
export file yields many sources whose originals must differ.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from app._text import without_surrogates
from app.importers import ImportFormatError, ParsedSource, decode_text

CSL_KINDS = {
    "article-newspaper": "news article",
    "article-magazine": "news article",
    "article": "news article",
    "webpage": "news article",
    "post-weblog": "social media post",
    "post": "social media post",
    "report": "report",
    "article-journal": "report",
    "book": "report",
    "chapter": "report",
    "thesis": "report",
    "paper-conference": "report",
    "speech": "transcript",
    "interview": "transcript",
    "broadcast": "transcript",
    "dataset": "dataset",
    "legislation": "official statement",
    "bill": "official statement",
    "regulation": "official statement",
    "treaty": "official statement",
    "legal_case": "official statement",
}
RIS_KINDS = {
    "NEWS": "news article",
    "MGZN": "news article",
    "ELEC": "news article",
    "WEB": "news article",
    "BLOG": "social media post",
    "RPRT": "report",
    "JOUR": "report",
    "BOOK": "report",
    "CHAP": "report",
    "THES": "report",
    "CONF": "report",
    "CPAPER": "report",
    "DATA": "dataset",
    "AGGR": "dataset",
    "HEAR": "transcript",
    "SOUND": "transcript",
    "VIDEO": "transcript",
    "GOVDOC": "official statement",
    "STAT": "official statement",
    "BILL": "official statement",
    "PRESS": "official statement",
}
BIB_KINDS = {
    "article": "news article",
    "online": "news article",
    "misc": "other",
    "techreport": "report",
    "report": "report",
    "book": "report",
    "inbook": "report",
    "incollection": "report",
    "inproceedings": "report",
    "phdthesis": "report",
    "mastersthesis": "report",
    "dataset": "dataset",
    "unpublished": "other",
}
MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
    )
}


@dataclass
class RefEntries:
    """The entries of one export file: parsed ones, and the plain-words reasons others were skipped."""

    entries: list[ParsedSource] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _canonical(entry: Mapping[str, object]) -> bytes:
    # surrogatepass: a JSON export may escape half a surrogate pair ("\\ud800"); the original keeps it as written
    return json.dumps(entry, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8", "surrogatepass")


def _date_parts(value: object) -> str:
    """CSL 'issued' -> ISO date (year, year-month or full date)."""
    if not isinstance(value, dict):
        return ""
    parts = value.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        nums = [int(p) for p in parts[0][:3] if str(p).strip().lstrip("-").isdigit()]
        if nums:
            y, m, d = (nums + [1, 1])[:3]
            try:
                return dt.date(y, m, d).isoformat()
            except ValueError:
                return ""
    raw = value.get("raw") or value.get("literal")
    return _loose_date(str(raw)) if raw else ""


def _loose_date(text: str) -> str:
    text = text.strip()
    m = re.match(r"^(\d{4})(?:[-/](\d{1,2}))?(?:[-/](\d{1,2}))?", text)
    if not m:
        return ""
    y, mo, d = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    try:
        return dt.date(y, mo, d).isoformat()
    except ValueError:
        return ""


def _names(people: Iterable[object] | None) -> str:
    out = []
    for p in people or []:
        if isinstance(p, dict):
            name = p.get("literal") or " ".join(x for x in (p.get("given", ""), p.get("family", "")) if x)
        else:
            name = str(p)
        if name.strip():
            out.append(name.strip())
    return "; ".join(out)


def _body(title: str, *texts: str) -> str:
    parts = [t.strip() for t in texts if t and t.strip()]
    return "\n\n".join(parts) if parts else title


def _entry(filename: str, ident: str, raw: Mapping[str, object], **fields: str) -> ParsedSource:
    title = without_surrogates(" ".join(str(fields.pop("title", "") or "").split()))
    if not title:
        raise ImportFormatError(f"{filename}: entry {ident or '?'} has no title")
    body = without_surrogates(fields.pop("body"))
    return ParsedSource(
        title=title[:1000],
        body=body,
        metadata={k: without_surrogates(v) if isinstance(v, str) else v for k, v in fields.items() if v},
        original=_canonical(raw),
        original_filename=f"{filename}#{ident}" if ident else filename,
    )


# --------------------------------------------------------------------------------------------- CSL-JSON
MAX_NESTING = 64  # CSL-JSON items nest 3-4 levels; deeper structures are refused before anything walks them


def _too_deep(value: object, limit: int = MAX_NESTING) -> bool:
    """Whether lists/dicts nest deeper than ``limit`` (iterative: never recurses itself)."""
    stack: list[tuple[object, int]] = [(value, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)
    return False


def read_csl_json(data: bytes, *, filename: str) -> RefEntries:
    try:
        items = json.loads(decode_text(data, filename))
    except json.JSONDecodeError as exc:
        raise ImportFormatError(f"{filename}: not valid CSL-JSON ({exc.msg} at line {exc.lineno})") from None
    except RecursionError:
        raise ImportFormatError(
            f"{filename}: refused, the JSON nests too deeply to be a reference export"
        ) from None
    if _too_deep(items):
        raise ImportFormatError(
            f"{filename}: refused, the JSON nests more than {MAX_NESTING} levels deep (a CSL-JSON export "
            "nests a few)"
        )
    if isinstance(items, dict) and "items" in items:
        items = items["items"]
    if isinstance(items, dict) and ("title" in items or "type" in items):
        items = [items]
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise ImportFormatError(f"{filename}: not a CSL-JSON export (expected a list of items)")
    out = RefEntries()
    for n, item in enumerate(items, start=1):
        items[n - 1] = None  # each parsed item is let go once read: a 100,000-entry file holds less at once
        ident = str(item.get("id") or n)
        try:
            out.entries.append(
                _entry(
                    filename,
                    ident,
                    item,
                    title=item.get("title", ""),
                    body=_body(item.get("title", ""), item.get("abstract", ""), item.get("note", "")),
                    kind=CSL_KINDS.get(str(item.get("type", "")).lower(), "other"),
                    sitename=item.get("container-title") or item.get("publisher") or "",
                    author=_names(item.get("author")),
                    date=_date_parts(item.get("issued")),
                    accessed=_date_parts(item.get("accessed")),
                    url=item.get("URL") or item.get("url") or "",
                    language=item.get("language", ""),
                )
            )
        except ImportFormatError as exc:
            out.problems.append(str(exc))
    return out


# --------------------------------------------------------------------------------------------- RIS
def read_ris(data: bytes, *, filename: str) -> RefEntries:
    import rispy

    text = decode_text(data, filename)
    if not re.search(r"^TY  - ", text, re.M):
        raise ImportFormatError(f"{filename}: not a RIS export (no 'TY  - ' record)")
    try:
        records = rispy.loads(text, skip_unknown_tags=True)
    except Exception as exc:  # rispy raises plain exceptions on malformed records
        raise ImportFormatError(f"{filename}: the RIS records cannot be read ({exc})") from None
    out = RefEntries()
    for n, r in enumerate(records, start=1):
        records[n - 1] = None  # let go once read (memory of a 100,000-entry file)
        ident = str(r.get("id") or n)
        title = r.get("title") or r.get("primary_title") or r.get("translated_title") or ""
        date = r.get("date") or r.get("publication_year") or r.get("year") or ""
        urls = r.get("urls") or []
        try:
            out.entries.append(
                _entry(
                    filename,
                    ident,
                    r,
                    title=title,
                    body=_body(title, r.get("abstract", ""), "\n".join(r.get("notes") or [])),
                    kind=RIS_KINDS.get(str(r.get("type_of_reference", "")).upper(), "other"),
                    sitename=r.get("journal_name") or r.get("secondary_title") or r.get("publisher") or "",
                    author=_names(r.get("authors") or r.get("first_authors")),
                    date=_loose_date(str(date)),
                    accessed=_loose_date(str(r.get("access_date", ""))),
                    url=urls[0] if urls else "",
                    language=r.get("language", ""),
                )
            )
        except ImportFormatError as exc:
            out.problems.append(str(exc))
    return out


# --------------------------------------------------------------------------------------------- BibTeX
_ACCENTS = {
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    '"': "\u0308",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "u": "\u0306",
    "v": "\u030c",
    "H": "\u030b",
    "c": "\u0327",
    "k": "\u0328",
    "r": "\u030a",
    "d": "\u0323",
    "b": "\u0331",
}
_ACCENT_RE = re.compile(
    r"""\\([`'^"~=.]|[uvHckrdb](?![A-Za-z]))\s*(?:\{\s*(\\[ij]|[A-Za-z])\s*\}|(\\[ij](?![A-Za-z])|[A-Za-z]))"""
)
_LETTERS = {"ss": "ß", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "o": "ø", "O": "Ø", "l": "ł", "L": "Ł"}
_LETTERS |= {"aa": "å", "AA": "Å", "i": "ı", "j": "ȷ", "ldots": "…", "textendash": "–", "textemdash": "—"}
_LETTER_RE = re.compile(r"\\(" + "|".join(sorted(_LETTERS, key=len, reverse=True)) + r")(?![A-Za-z])\s?")
_ESCAPED_RE = re.compile(r"\\([&%$#_{}])")
_LATEX_CHARS = re.compile(r"[\\{}~$]|--")
_VERBATIM_FIELDS = {"url", "doi", "eprint", "file", "howpublished"}


def _latex_text(value: str) -> str:
    r"""LaTeX in a BibTeX value as plain text: case-protecting braces dropped, accent commands (M{\"u}ller),
    special letters (\ss, \o) and escapes (\&) turned into characters, ~ and -- into a space and dashes.
    That covers what reference managers write; anything else with a backslash goes to pylatexenc, which is
    exact but ~1 ms a value (too slow for every field of 100,000 entries)."""
    if not _LATEX_CHARS.search(value):
        return value
    text = _ACCENT_RE.sub(lambda m: (m.group(2) or m.group(3)).lstrip("\\") + _ACCENTS[m.group(1)], value)
    text = _LETTER_RE.sub(lambda m: _LETTERS[m.group(1)], text)
    text = _ESCAPED_RE.sub(lambda m: {"{": "\ue000", "}": "\ue001"}.get(m.group(1), m.group(1)), text)
    if "\\" in text or "$" in text:
        from pylatexenc.latex2text import LatexNodes2Text

        try:
            return unicodedata.normalize("NFC", LatexNodes2Text().latex_to_text(value))
        except Exception:  # pylatexenc on malformed LaTeX: keep the text as written
            return value
    text = text.replace("{", "").replace("}", "").replace("\ue000", "{").replace("\ue001", "}")
    text = text.replace("---", "\u2014").replace("--", "\u2013").replace("~", "\u00a0")
    return unicodedata.normalize("NFC", text)


def _bib_value(raw: str, strings: dict[str, str]) -> str:
    """A field's value with @string macros and '#' concatenation resolved (bibtexparser 2 resolves only a
    bare macro), outer braces or quotes removed."""
    raw = raw.strip()
    if "#" not in raw:
        return strings.get(raw.lower(), raw) if raw.isidentifier() else _unwrap(raw)
    parts, depth, start, quoted = [], 0, 0, False
    for i, ch in enumerate(raw):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == '"' and depth == 0:
            quoted = not quoted
        elif ch == "#" and depth == 0 and not quoted:
            parts.append(raw[start:i])
            start = i + 1
    parts.append(raw[start:])
    out = []
    for part in (p.strip() for p in parts):
        out.append(strings.get(part.lower(), part) if part.isidentifier() else _unwrap(part))
    return "".join(out)


def _unwrap(value: str) -> str:
    if len(value) >= 2 and ((value[0] == "{" and value[-1] == "}") or (value[0] == '"' and value[-1] == '"')):
        return value[1:-1]
    return value


def read_bibtex(data: bytes, *, filename: str) -> RefEntries:
    """BibTeX through bibtexparser 2 (linear: 100,000 entries in seconds; version 1 took 90 s for 10,000).
    A block that cannot be parsed is named by its line and skipped; the rest import."""
    from bibtexparser.entrypoint import parse_string
    from bibtexparser.middlewares import ResolveStringReferencesMiddleware

    text = decode_text(data, filename)
    if "@" not in text:
        raise ImportFormatError(f"{filename}: not a BibTeX file (no @entry)")
    logging.getLogger("bibtexparser").setLevel(logging.ERROR)  # failed blocks are reported as problems
    try:
        # Only macros are resolved by the library; enclosing braces and LaTeX are handled in _bib_value and
        # _latex_text (concatenations need the enclosures to split on '#').
        db = parse_string(text, parse_stack=[ResolveStringReferencesMiddleware(True)])
    except RecursionError:
        raise
    except Exception as exc:  # the splitter on input it cannot make sense of
        raise ImportFormatError(f"{filename}: the BibTeX entries cannot be read ({exc})") from None
    out = RefEntries()
    for block in db.failed_blocks:
        reason = str(getattr(block, "error", "") or "").strip().splitlines()
        out.problems.append(
            f"{filename}: the entry at line {getattr(block, 'start_line', 0) + 1} cannot be read"
            + (f" ({reason[-1].strip()[:200]})" if reason else "")
        )
    if not db.entries:
        if out.problems:
            raise ImportFormatError("; ".join(out.problems[:5]))
        raise ImportFormatError(f"{filename}: no BibTeX entries found")
    strings = {s.key.lower(): _unwrap(str(s.value).strip()) for s in db.strings}
    strings |= {m: m for m in MONTHS}
    for n, entry in enumerate(db.entries, start=1):
        e: dict[str, str] = {"ID": entry.key, "ENTRYTYPE": entry.entry_type.lower()}
        for f in entry.fields:
            key = f.key.lower()
            value = _bib_value(str(f.value), strings)
            e[key] = value if key in _VERBATIM_FIELDS else " ".join(_latex_text(value).split())
        ident = str(e.get("ID") or n)
        title = e.get("title", "")
        year = e.get("year", "")
        month = e.get("month", "")
        mon = (
            MONTHS.get(month.strip().lower()[:3])
            if month and not month.strip().isdigit()
            else (int(month) if month.strip().isdigit() else None)
        )
        day = e.get("day", "")
        date = e.get("date", "") or (
            f"{year}-{mon or 1:02d}-{int(day) if day.isdigit() else 1:02d}" if year else ""
        )
        try:
            out.entries.append(
                _entry(
                    filename,
                    ident,
                    e,
                    title=title,
                    body=_body(title, e.get("abstract", ""), e.get("note", ""), e.get("annote", "")),
                    kind=BIB_KINDS.get(e.get("ENTRYTYPE", "").lower(), "other"),
                    sitename=e.get("journal")
                    or e.get("journaltitle")
                    or e.get("publisher")
                    or e.get("institution")
                    or e.get("organization")
                    or "",
                    author="; ".join(a.strip() for a in e.get("author", "").split(" and ") if a.strip()),
                    date=_loose_date(date),
                    accessed=_loose_date(e.get("urldate", "")),
                    url=e.get("url", "")
                    or (e.get("howpublished", "") if "http" in e.get("howpublished", "") else ""),
                    language=e.get("language", "") or e.get("langid", ""),
                )
            )
        except ImportFormatError as exc:
            out.problems.append(str(exc))
    return out


REF_READERS = {".json": read_csl_json, ".ris": read_ris, ".bib": read_bibtex}
