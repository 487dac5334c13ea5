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
import re
from dataclasses import dataclass, field

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


def _canonical(entry: dict) -> bytes:
    return json.dumps(entry, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")


def _date_parts(value) -> str:
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


def _names(people) -> str:
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


def _entry(filename: str, ident: str, raw: dict, **fields) -> ParsedSource:
    title = " ".join(str(fields.pop("title", "") or "").split())
    if not title:
        raise ImportFormatError(f"{filename}: entry {ident or '?'} has no title")
    body = fields.pop("body")
    return ParsedSource(
        title=title[:1000],
        body=body,
        metadata={k: v for k, v in fields.items() if v},
        original=_canonical(raw),
        original_filename=f"{filename}#{ident}" if ident else filename,
    )


# --------------------------------------------------------------------------------------------- CSL-JSON
def read_csl_json(data: bytes, *, filename: str) -> RefEntries:
    try:
        items = json.loads(decode_text(data, filename))
    except json.JSONDecodeError as exc:
        raise ImportFormatError(f"{filename}: not valid CSL-JSON ({exc.msg} at line {exc.lineno})") from None
    if isinstance(items, dict) and "items" in items:
        items = items["items"]
    if isinstance(items, dict) and ("title" in items or "type" in items):
        items = [items]
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise ImportFormatError(f"{filename}: not a CSL-JSON export (expected a list of items)")
    out = RefEntries()
    for n, item in enumerate(items, start=1):
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
def read_bibtex(data: bytes, *, filename: str) -> RefEntries:
    import bibtexparser
    from bibtexparser.bparser import BibTexParser
    from bibtexparser.customization import convert_to_unicode

    text = decode_text(data, filename)
    if "@" not in text:
        raise ImportFormatError(f"{filename}: not a BibTeX file (no @entry)")
    parser = BibTexParser(common_strings=True, ignore_nonstandard_types=False)
    parser.customization = convert_to_unicode
    try:
        db = bibtexparser.loads(text, parser=parser)
    except Exception as exc:  # pyparsing errors on broken files
        raise ImportFormatError(f"{filename}: the BibTeX entries cannot be read ({exc})") from None
    if not db.entries:
        raise ImportFormatError(f"{filename}: no BibTeX entries found")
    out = RefEntries()
    for n, e in enumerate(db.entries, start=1):
        ident = str(e.get("ID") or n)
        title = re.sub(r"[{}]", "", e.get("title", ""))
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
                    sitename=re.sub(
                        r"[{}]",
                        "",
                        e.get("journal")
                        or e.get("journaltitle")
                        or e.get("publisher")
                        or e.get("institution")
                        or e.get("organization")
                        or "",
                    ),
                    author=re.sub(
                        r"[{}]",
                        "",
                        "; ".join(a.strip() for a in e.get("author", "").split(" and ") if a.strip()),
                    ),
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
