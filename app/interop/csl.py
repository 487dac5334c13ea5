"""CSL-JSON of sources (Citation Style Language input data), for Zotero, pandoc, citeproc and the like.

One item per source: ``id`` = its reference (``s12``), ``type`` from its kind, title, authors (as literal
names: a byline's names are not split into family and given names by guesswork), outlet as the
container (news, posts) or publisher (other kinds), issued and accessed dates as date-parts, URL, language,
its descriptor as ``note``. The CSL data schema allows no other top-level key: Briefdesk's grade goes in
``custom`` (``briefdesk_reliability``: the letter, ``briefdesk_reliability_meaning``: its words).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import TYPE_CHECKING, Any

from app.domain import RELIABILITY_MEANING, SourceRecord

TYPES = {
    "news article": "article-newspaper",
    "official statement": "document",
    "transcript": "speech",
    "report": "report",
    "social media post": "post",
    "dataset": "dataset",
    "other": "document",
}
CONTAINER_KINDS = {"news article", "social media post"}
_SPLIT_RE = re.compile(r"\s*(?:;|\band\b|&)\s*")

if TYPE_CHECKING:
    from app.library import Library


def _date(value: dt.date | None) -> dict[str, Any] | None:
    return {"date-parts": [[value.year, value.month, value.day]]} if value else None


def _names(byline: str) -> list[dict[str, Any]]:
    return [{"literal": n} for n in (p.strip(" ,") for p in _SPLIT_RE.split(byline)) if n]


def item(s: SourceRecord) -> dict[str, Any]:
    kind = str(s.kind.value)
    out: dict[str, Any] = {"id": s.ref, "type": TYPES.get(kind, "document"), "title": s.title or s.ref}
    if s.authors:
        names = _names(s.authors)
        if names:
            out["author"] = names
    if s.outlet:
        out["container-title" if kind in CONTAINER_KINDS else "publisher"] = s.outlet
    if kind == "official statement":
        out["genre"] = "official statement"
    for key, value in (("issued", _date(s.published)), ("accessed", _date(s.accessed))):
        if value:
            out[key] = value
    if s.url:
        out["URL"] = s.url
    if s.language:
        out["language"] = s.language
    if s.descriptor:
        out["note"] = s.descriptor
    out["custom"] = {
        "briefdesk_reliability": s.reliability,
        "briefdesk_reliability_meaning": RELIABILITY_MEANING[s.reliability],
    }
    return out


def items(lib: Library, source_ids: list[int]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for start in range(0, len(source_ids), 500):
        chunk = source_ids[start : start + 500]
        found = lib.sources.get_many(chunk)
        out.extend(item(found[i]) for i in chunk if i in found)
    return out


def dumps(data: list[dict[str, Any]]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
