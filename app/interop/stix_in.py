"""STIX 2.1 in: a bundle read as a stream (ijson), one object at a time, into an import :class:`Plan`.

Only the objects Briefdesk keeps are held in memory, slimmed to the properties it reads: reports (sources,
and the brief that holds them), identities (actors, outlets), notes (claims), opinions (the analyst's
assessment) and relationships (denies, corroborates, qualifies). Everything else (indicators, malware,
observables ...) is counted by type and reported as skipped, so a 100 MB bundle from a platform costs the
memory of what Briefdesk takes from it, not of the file.

Bad input is skipped with a reason, never guessed at: an object of another STIX version, an object missing a
required property, a note no source can be found for, a relationship whose ends are not in the bundle.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

from app.domain import CREDIBILITY_GRADES, RELIABILITY_GRADES, ClaimStatus, LinkKind
from app.interop.plan import InActor, InClaim, InLink, InSource, Plan

KEPT = {"report", "identity", "note", "opinion", "relationship", "marking-definition"}
MAX_KEPT = 500_000  # objects Briefdesk keeps from one bundle; past that the rest is skipped, and said so
MAX_TEXT = 1_000_000  # characters of one quote or statement
_ID_RE = re.compile(r"^([a-z0-9][a-z0-9-]*)--[0-9a-fA-F-]{36}$")
_KINDS = {
    "news-article": "news article",
    "official-statement": "official statement",
    "transcript": "transcript",
    "report": "report",
    "social-media-post": "social media post",
    "dataset": "dataset",
    "other": "other",
    "threat-report": "report",
}
_RELIABILITY_LABEL = re.compile(r'^admiralty-scale:source-reliability="?([a-f])"?$', re.I)
_CREDIBILITY_LABEL = re.compile(r'^admiralty-scale:information-credibility="?([1-6])"?$', re.I)
_OPINION_STATUS = {
    "strongly-agree": ClaimStatus.CORROBORATED,
    "agree": ClaimStatus.CORROBORATED,
    "neutral": ClaimStatus.UNVERIFIED,
    "disagree": ClaimStatus.DISPUTED,
    "strongly-disagree": ClaimStatus.RETRACTED,
}
# properties read, per type (the rest of each object is dropped as it is read)
_READ = {
    "report": (
        "name",
        "published",
        "description",
        "object_refs",
        "report_types",
        "external_references",
        "created_by_ref",
        "labels",
        "x_opencti_reliability",
        "lang",
        "x_briefdesk_authors",
        "x_briefdesk_accessed",
    ),
    "identity": (
        "name",
        "identity_class",
        "roles",
        "description",
        "x_opencti_aliases",
        "x_opencti_reliability",
    ),
    "note": (
        "content",
        "abstract",
        "authors",
        "object_refs",
        "external_references",
        "confidence",
        "labels",
        "lang",
        "x_briefdesk_said",
        "x_briefdesk_notes",
    ),
    "opinion": ("opinion", "explanation", "object_refs", "x_briefdesk_status"),
    "relationship": ("relationship_type", "source_ref", "target_ref", "description"),
    "marking-definition": (),
}
_REQUIRED = {
    "report": ("name", "object_refs"),
    "identity": ("name",),
    "note": ("content", "object_refs"),
    "opinion": ("opinion", "object_refs"),
    "relationship": ("relationship_type", "source_ref", "target_ref"),
    "marking-definition": (),
}


def _text(obj: dict[str, Any], key: str) -> str:
    value = obj.get(key)
    return value if isinstance(value, str) else ""


def _date(value: Any) -> dt.date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _reliability(values: Iterable[Any]) -> str | None:
    for v in values:
        if isinstance(v, str):
            m = _RELIABILITY_LABEL.match(v.strip())
            if m:
                return m.group(1).upper()
            head = v.strip()[:1].upper()
            if head and head in RELIABILITY_GRADES and (len(v.strip()) == 1 or v.strip()[1:3] == " -"):
                return head
    return None


def _credibility(note: dict[str, Any]) -> int:
    for label in note.get("labels") or ():
        m = _CREDIBILITY_LABEL.match(str(label).strip())
        if m and int(m.group(1)) in CREDIBILITY_GRADES:
            return int(m.group(1))
    confidence = note.get("confidence")
    if isinstance(confidence, int | float) and not isinstance(confidence, bool) and 0 <= confidence <= 100:
        # the STIX 2.1 confidence appendix, Admiralty credibility scale
        return (
            1
            if confidence >= 80
            else 2
            if confidence >= 60
            else 3
            if confidence >= 40
            else 4
            if confidence >= 20
            else 5
        )
    return 6


def _bundle_version(head: bytes) -> str | None:
    """The bundle's own spec_version (STIX 2.0 bundles carry one; 2.1 bundles do not), from the keys before
    its objects."""
    before = head.split(b'"objects"', 1)[0]
    m = re.search(rb'"spec_version"\s*:\s*"([^"]{1,20})"', before)
    return m.group(1).decode("ascii", "replace") if m else None


def stream_objects(fh: BinaryIO, plan: Plan) -> Iterator[dict[str, Any]]:
    """Yield the bundle's objects Briefdesk keeps (slimmed), skipping and counting the others. ijson's C
    backend builds one object at a time (a few seconds for 100 MB); nothing else is held."""
    import ijson

    bundle_version = _bundle_version(fh.read(64 * 1024))
    fh.seek(0)
    ignored: Counter[str] = Counter()
    kept = 0
    try:
        for obj in ijson.items(fh, "objects.item", use_float=True):
            kind = obj.get("type") if isinstance(obj, dict) else None
            if not isinstance(kind, str):
                plan.skip("an object without a type")
                continue
            version = obj.get("spec_version", bundle_version)
            if kind not in KEPT:
                ignored[kind] += 1
                continue
            if version != "2.1":
                ignored[f"{kind} (STIX {version or '2.0'})"] += 1
                continue
            if kept >= MAX_KEPT:
                ignored[kind] += 1
                continue
            oid = obj.get("id")
            if not isinstance(oid, str) or not _ID_RE.match(oid) or not oid.startswith(kind + "--"):
                plan.skip(f"a {kind} with an invalid id ({str(oid)[:80]})")
                continue
            missing = [p for p in _REQUIRED[kind] if not obj.get(p)]
            if missing:
                plan.skip(f"{oid}: no {', '.join(missing)} (required by STIX 2.1)")
                continue
            kept += 1
            yield {"type": kind, "id": oid, **{p: obj[p] for p in _READ[kind] if p in obj}}
    finally:  # also when the JSON breaks off: what was counted is still reported
        if bundle_version not in (None, "2.1"):
            plan.skip(f"the bundle is STIX {bundle_version}; Briefdesk reads STIX 2.1 objects only")
        for kind, n in sorted(ignored.items()):
            reason = (
                "another STIX version than 2.1"
                if "(STIX" in kind
                else "a type Briefdesk does not keep (it keeps reports, identities, notes, opinions and relationships)"
                if kind not in KEPT
                else f"more than {MAX_KEPT:,} objects"
            )
            plan.skip(f"{n:,} {kind} object{'s' if n != 1 else ''}: {reason}")


def read(fh: BinaryIO, *, name: str = "bundle") -> Plan:
    """An import plan from the STIX 2.1 bundle in the binary file ``fh``."""
    import ijson

    plan = Plan(system="stix")
    objects: dict[str, dict[str, Any]] = {}
    try:
        for obj in stream_objects(fh, plan):
            objects[obj["id"]] = obj
    except ijson.common.IncompleteJSONError as exc:
        plan.skip(
            f"{name}: the JSON breaks off or is damaged ({str(exc)[:120]}); what came before it was read"
        )
    except ijson.common.JSONError as exc:  # pragma: no cover - ijson's other parse errors
        plan.skip(f"{name}: the JSON is damaged ({str(exc)[:120]}); what came before it was read")
    _resolve(objects, plan)
    return plan


def _resolve(objects: dict[str, dict[str, Any]], plan: Plan) -> None:
    reports = {i: o for i, o in objects.items() if o["type"] == "report"}
    identities = {i: o for i, o in objects.items() if o["type"] == "identity"}
    notes = [o for o in objects.values() if o["type"] == "note"]
    # a report holding other reports is a brief (a container of sources), not a source itself
    briefs = {
        i for i, r in reports.items() if any(str(ref).startswith("report--") for ref in r["object_refs"])
    }
    sources = {i: r for i, r in reports.items() if i not in briefs}
    held_by: dict[str, list[str]] = {}
    for rid, r in sources.items():
        for ref in r["object_refs"]:
            held_by.setdefault(ref, []).append(rid)
    opinions: dict[str, dict[str, Any]] = {}
    for o in objects.values():
        if o["type"] == "opinion":
            for ref in o["object_refs"]:
                opinions.setdefault(ref, o)
    for note in notes:
        source_key = _source_of(note, sources, held_by, identities, plan)
        if source_key is None:
            continue
        content = note["content"]
        if not isinstance(content, str) or not content.strip():
            plan.skip(f"{note['id']}: its content (the quote) is empty")
            continue
        if len(content) > MAX_TEXT:
            plan.skip(f"{note['id']}: its content is longer than {MAX_TEXT:,} characters")
            continue
        actor_key = _actor_of(note, identities, plan)
        opinion = opinions.get(note["id"])
        status = ClaimStatus.UNVERIFIED
        notes_text = _text(note, "x_briefdesk_notes")[:MAX_TEXT]
        if opinion is not None:
            given = opinion.get("x_briefdesk_status")
            status = (
                ClaimStatus(given)
                if given in {s.value for s in ClaimStatus}
                else _OPINION_STATUS.get(_text(opinion, "opinion"), ClaimStatus.UNVERIFIED)
            )
            explanation = opinion.get("explanation")
            if isinstance(explanation, str) and not explanation.startswith(
                "The analyst records this claim as"
            ):
                notes_text = explanation
        tags = tuple(
            str(label)
            for label in note.get("labels") or ()
            if isinstance(label, str)
            and not _RELIABILITY_LABEL.match(label.strip())
            and not _CREDIBILITY_LABEL.match(label.strip())
            and len(label) <= 100
        )
        abstract = note.get("abstract")
        plan.claims.append(
            InClaim(
                key=note["id"],
                source_key=source_key,
                quote=content,
                actor_key=actor_key,
                statement=abstract[:MAX_TEXT] if isinstance(abstract, str) else "",
                said=_date(note.get("x_briefdesk_said")),
                credibility=_credibility(note),
                status=status.value,
                tags=tags,
                notes=notes_text,
            )
        )
    claim_keys = {c.key for c in plan.claims}
    for o in objects.values():
        if o["type"] != "relationship":
            continue
        kind = str(o["relationship_type"]).lower()
        if kind not in {k.value for k in LinkKind}:
            plan.skip(
                f"{o['id']}: a '{kind[:60]}' relationship, not a link Briefdesk keeps (denies, corroborates, qualifies)"
            )
            continue
        ends = (o["source_ref"], o["target_ref"])
        absent = [e for e in ends if e not in objects]
        if absent:
            plan.skip(f"{o['id']} ({kind}): refers to {absent[0]}, which is not in the bundle")
            continue
        if not all(e in claim_keys for e in ends):
            plan.skip(f"{o['id']} ({kind}): links objects that are not claims Briefdesk imports")
            continue
        plan.links.append(InLink(o["id"], kind, o["source_ref"], o["target_ref"], _text(o, "description")))


def _source_of(
    note: dict[str, Any],
    sources: dict[str, Any],
    held_by: dict[str, Any],
    identities: dict[str, Any],
    plan: Plan,
) -> str | None:
    """The source a note was drawn from: a report it refers to, else the report holding it, else its first
    external reference."""
    refs = [r for r in note["object_refs"] if isinstance(r, str)]
    candidates = [r for r in refs if r in sources] + held_by.get(note["id"], [])
    if candidates:
        rid: str = candidates[0]
        if rid not in plan.sources:
            plan.sources[rid] = _source_from_report(sources[rid], identities)
        return rid
    for ext in note.get("external_references") or ():
        if not isinstance(ext, dict):
            continue
        url = _text(ext, "url")
        name = str(ext.get("source_name") or "")
        description = str(ext.get("description") or "")
        if not (url or description):
            continue
        key = "ref:" + (url or f"{name}\x1f{description}")
        if key not in plan.sources:
            title = description.strip().strip('\u201c\u201d"') or url or name
            title = (
                re.split(r"\u201d?, (?:published|accessed) \d{4}-\d{2}-\d{2}", description)[0].strip(
                    '\u201c\u201d" '
                )
                or title
            )
            pub = re.search(r"published (\d{4}-\d{2}-\d{2})", description)
            acc = re.search(r"accessed (\d{4}-\d{2}-\d{2})", description)
            plan.sources[key] = InSource(
                key=key,
                external_id=None,
                title=title[:2000],
                outlet=name if name != title else "",
                url=url,
                published=_date(pub.group(1)) if pub else None,
                accessed=_date(acc.group(1)) if acc else None,
                reliability=_reliability(note.get("labels") or ()) or "F",
            )
        return key
    dangling = [r for r in refs if r.startswith("report--")]
    if dangling:
        plan.skip(
            f"{note['id']}: its source {dangling[0]} is not in the bundle, and it has no external reference"
        )
    else:
        plan.skip(f"{note['id']}: no source (no report holds it and it has no external reference)")
    return None


def _source_from_report(r: dict[str, Any], identities: dict[str, Any]) -> InSource:
    author = identities.get(r.get("created_by_ref") or "")
    ext = next((e for e in r.get("external_references") or () if isinstance(e, dict)), {})
    outlet = author["name"] if author else str(ext.get("source_name") or "")
    if outlet == "source":
        outlet = ""
    reliability = _reliability([r.get("x_opencti_reliability") or "", *(r.get("labels") or ())])
    if reliability is None and author is not None:
        reliability = _reliability([author.get("x_opencti_reliability") or ""])
    kinds = [_KINDS[t] for t in r.get("report_types") or () if t in _KINDS]
    lang = _text(r, "lang")
    description = _text(r, "description")
    authors = _text(r, "x_briefdesk_authors")
    return InSource(
        key=r["id"],
        external_id=r["id"],
        title=str(r["name"])[:2000],
        kind=kinds[0] if kinds else "report",
        outlet=outlet[:2000],
        authors=authors[:2000],
        url=str(ext.get("url") or "")[:2000],
        published=_date(r.get("published")),
        accessed=_date(r.get("x_briefdesk_accessed")),
        language=lang[:35],
        reliability=reliability or "F",
        descriptor=description[:20000],
    )


def _actor_of(note: dict[str, Any], identities: dict[str, Any], plan: Plan) -> str | None:
    """Who said it: an individual the note refers to (or any identity named among its authors), else the
    first author's name."""
    authors = [a for a in note.get("authors") or () if isinstance(a, str) and a.strip()]
    refs = [identities[r] for r in note["object_refs"] if r in identities]
    chosen = next((i for i in refs if i.get("identity_class") == "individual"), None)
    if chosen is None:
        chosen = next((i for i in refs if i["name"] in authors), None)
    if chosen is not None:
        if chosen["id"] not in plan.actors:
            description = _text(chosen, "description")
            affiliation = (
                description[len("Affiliation: ") :] if description.startswith("Affiliation: ") else ""
            )
            roles = [r for r in chosen.get("roles") or () if isinstance(r, str)]
            aliases = tuple(a for a in chosen.get("x_opencti_aliases") or () if isinstance(a, str))
            plan.actors[chosen["id"]] = InActor(
                chosen["id"],
                chosen["id"],
                str(chosen["name"])[:500],
                (roles[0] if roles else "")[:500],
                affiliation[:500],
                aliases,
            )
        return str(chosen["id"])
    if authors:
        key = "name:" + authors[0]
        if key not in plan.actors:
            plan.actors[key] = InActor(key, None, authors[0][:500])
        return key
    return None
