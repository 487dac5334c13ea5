"""What a saved web page says about itself: whether it is a news article, its language and its publication date,
read from the page's own data (Open Graph and article meta tags, JSON-LD, ``<html lang>``, ``<time>``).

These win over trafilatura's guesses: a date the page declares beats one found in its text or URL.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from app._text import looks_english

# schema.org types of news: NewsArticle and its subtypes, and the report types news sites use.
_NEWS_TYPES = frozenset(
    {
        "newsarticle",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "backgroundnewsarticle",
        "reviewnewsarticle",
        "askpublicnewsarticle",
        "satiricalarticle",
        "liveblogposting",
    }
)
_ARTICLE_TYPES = frozenset({"article", "blogposting", "report"})
_HEAD_LIMIT = 512 * 1024  # meta tags are read from the head; a head longer than this is not a page's head
_JSONLD_LIMIT = 20  # scripts read at most
# A tag's attributes are read up to its ">" but never past the next "<" nor beyond 2,000 characters: a page of
# tags opened and never closed made each pattern rescan the rest of the page once per tag (100,000 open tags
# took longer than anyone waits; every scan here is now linear in the page).
_TAG_TYPE_RE = re.compile(
    r"""[^<>]{0,2000}?\btype\s*=\s*["']?application/ld\+json["']?[^<>]{0,2000}>""", re.I
)
_SCRIPT_OPEN = re.compile(r"<script(?=\s)", re.I)
_SCRIPT_CLOSE = re.compile(r"</script", re.I)
_HEAD_CLOSE = re.compile(r"</head>", re.I)
_META_RE = re.compile(r"<meta\b[^<>]{0,2000}>", re.I)
_ATTR_RE = re.compile(r"([\w:.\-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'>]+))", re.S)
_HTML_LANG_RE = re.compile(
    r"<html\b[^<>]{0,2000}?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)", re.I
)
_TIME_RE = re.compile(  # <time itemprop="datePublished" datetime="...">
    r"<time\b(?=[^<>]{0,2000}?\bitemprop\s*=\s*[\"']?datePublished)[^<>]{0,2000}?\bdatetime\s*=\s*[\"']?([^\"'<>\s]+)",
    re.I,
)
_DATE_RE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_LANG_RE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
_DATE_METAS = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish_date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
)


def _attrs(tag: str) -> dict[str, str]:
    return {m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or "" for m in _ATTR_RE.finditer(tag)}


def _iso_date(value: Any) -> str:
    m = _DATE_RE.match(str(value or ""))
    if not m:
        return ""
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return ""


def _language(value: Any) -> str:
    tag = str(value or "").strip().replace("_", "-")
    if not _LANG_RE.match(tag):
        return ""
    primary, _, rest = tag.partition("-")
    return primary.lower() + ("-" + rest.upper() if rest and len(rest) == 2 else ("-" + rest if rest else ""))


def _jsonld_scripts(text: str) -> list[str]:
    """The text of the page's first ``_JSONLD_LIMIT`` JSON-LD scripts, found in one pass over the page."""
    out: list[str] = []
    found = _SCRIPT_OPEN.search(text)
    while found is not None and len(out) < _JSONLD_LIMIT:
        tag = _TAG_TYPE_RE.match(text, found.end())
        if tag is None:
            found = _SCRIPT_OPEN.search(text, found.end())
            continue
        end = _SCRIPT_CLOSE.search(text, tag.end())
        if end is None:
            break  # no script closes after this one: none after it does either
        out.append(text[tag.end() : end.start()])
        found = _SCRIPT_OPEN.search(text, end.end())
    return out


def _jsonld_objects(text: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for script in _jsonld_scripts(text):
        raw = script.strip()
        if not raw or len(raw) > 1024 * 1024:
            continue
        try:
            data = json.loads(raw)
        except (
            ValueError,
            RecursionError,
        ):  # broken, or nested deeper than Python's stack: the page without it
            continue
        stack = [data]
        while stack and len(out) < 200:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item[:100])
            elif isinstance(item, dict):
                out.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph[:100])
    return out


def _types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type")
    values = t if isinstance(t, list) else [t]
    return {str(v).lower().rsplit("/", 1)[-1] for v in values if v}


def page_metadata(html: str) -> dict[str, str]:
    """``kind`` ("news article" when the page says it is one), ``date`` (YYYY-MM-DD) and ``language`` (a BCP 47
    tag such as "en" or "de-AT"), each only when the page declares it."""
    head_end = _HEAD_CLOSE.search(html, 0, _HEAD_LIMIT)
    head = html[: head_end.start() if head_end else _HEAD_LIMIT]
    metas: dict[str, str] = {}
    for tag in _META_RE.findall(head):
        a = _attrs(tag)
        key = (a.get("property") or a.get("name") or a.get("itemprop") or a.get("http-equiv") or "").lower()
        if key and "content" in a and key not in metas:
            metas[key] = a["content"].strip()
    out: dict[str, str] = {}
    news = article = False
    date = language = ""
    for obj in _jsonld_objects(html):
        types = _types(obj)
        if types & _NEWS_TYPES:
            news = True
        if types & (_NEWS_TYPES | _ARTICLE_TYPES):
            article = True
            date = date or _iso_date(obj.get("datePublished") or obj.get("dateCreated"))
            language = language or _language(obj.get("inLanguage"))
    og_type = metas.get("og:type", "").lower()
    if og_type == "article" or any(k.startswith("article:") for k in metas):
        article = True
    if "news_keywords" in metas or "googlebot-news" in metas or metas.get("og:type", "").lower() == "news":
        news = True
    if news or article:
        out["kind"] = "news article"
    for key in _DATE_METAS:
        date = date or _iso_date(metas.get(key))
    if not date:
        m = _TIME_RE.search(html)
        date = _iso_date(m.group(1)) if m else ""
    if date:
        out["date"] = date
    m = _HTML_LANG_RE.search(head)
    language = (
        language
        or _language(m.group(1) if m else "")
        or _language(metas.get("content-language", "").split(",")[0])
        or _language(metas.get("og:locale") or metas.get("dc.language") or metas.get("language"))
    )
    if language:
        out["language"] = language
    return out


def article_body(html: str) -> tuple[str, str]:
    """The article's text and headline as the page's own JSON-LD gives them (``articleBody`` of a news or
    article object), as plain paragraphs; ("", "") when the page gives none. A page saved from a site that
    draws its text with scripts ("Save page as, HTML only") often holds the story only there."""
    import html as html_lib

    for obj in _jsonld_objects(html):
        if not _types(obj) & (_NEWS_TYPES | _ARTICLE_TYPES):
            continue
        body = obj.get("articleBody")
        if not isinstance(body, str) or not body.strip():
            continue
        text = html_lib.unescape(re.sub(r"<[^<>]{0,2000}>", "\n", body[: 2 * 1024 * 1024]))
        paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n|\r?\n", text)]
        headline = obj.get("headline") or obj.get("name") or ""
        return "\n\n".join(p for p in paras if p), " ".join(str(headline).split())
    return "", ""


def body_language(body: str) -> str:
    """ "en" when a page that declares no language is plainly English prose; otherwise nothing (unknown)."""
    return "en" if looks_english(body) else ""
