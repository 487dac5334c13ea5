"""MISP in: a MISP event (``{"Event": {...}}``, an event's own keys, or a ``response`` list) read as a stream
into an import :class:`Plan`.

Objects become records: ``report`` and ``news-media`` objects sources, ``person`` objects actors,
``annotation`` objects claims (the quote in ``text``, the statement in the object's comment, the grade from
``admiralty-scale`` tags, when it was said from ``creation-date``); an annotation's ``derived-from`` reference
names its source (else its ``ref`` link does), ``attributed-to`` its actor, and denies / corroborates /
qualifies references to other annotations become links. An Analyst Data ``Opinion`` on a claim gives its
status. Attributes outside objects, other object templates and galaxies are counted and reported as skipped.
Only the objects kept are held in memory.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

from app.domain import CREDIBILITY_GRADES, RELIABILITY_GRADES, SourceKind
from app.interop.plan import InActor, InClaim, InLink, InSource, Plan

KEPT = {"report", "news-media", "person", "annotation"}
MAX_KEPT = 500_000
MAX_TEXT = 1_000_000
_OBJECT_PREFIXES = ("Event.Object.item", "Object.item", "response.item.Event.Object.item")
_ATTRIBUTE_PREFIXES = ("Event.Attribute.item", "Attribute.item", "response.item.Event.Attribute.item")
_RELIABILITY = re.compile(r'^admiralty-scale:source-reliability="?([a-f])"?$', re.I)
_CREDIBILITY = re.compile(r'^admiralty-scale:information-credibility="?([1-6])"?$', re.I)
_GRADE_SUFFIX = re.compile(r"\s*\[[A-F][1-6]\]$")
_KINDS = {k.value for k in SourceKind}
_UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


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


def _attrs(obj: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for a in obj.get("Attribute") or ():
        if isinstance(a, dict) and isinstance(a.get("object_relation"), str):
            out.setdefault(a["object_relation"], []).append(a)
    return out


def _value(attrs: dict[str, Any], relation: str) -> str:
    for a in attrs.get(relation, ()):
        v = a.get("value")
        if isinstance(v, str) and v.strip():
            return v.strip()
    return ""


def _tags(attr_lists: Iterable[list[dict[str, Any]]]) -> list[str]:
    out = []
    for attrs in attr_lists:
        for a in attrs:
            for t in a.get("Tag") or ():
                if isinstance(t, dict) and isinstance(t.get("name"), str):
                    out.append(t["name"].strip())
    return out


def _grade(tags: list[str]) -> tuple[str | None, int | None]:
    rel = cred = None
    for t in tags:
        m = _RELIABILITY.match(t)
        if m and m.group(1).upper() in RELIABILITY_GRADES:
            rel = m.group(1).upper()
        m = _CREDIBILITY.match(t)
        if m and int(m.group(1)) in CREDIBILITY_GRADES:
            cred = int(m.group(1))
    return rel, cred


def stream_objects(fh: BinaryIO, plan: Plan) -> Iterator[dict[str, Any]]:
    import ijson

    ignored: Counter[tuple[str, str]] = Counter()
    kept = 0
    parser = ijson.parse(fh, use_float=True)
    for prefix, event, value in parser:
        if event != "start_map":
            continue
        if prefix in _ATTRIBUTE_PREFIXES:
            depth = 0
            for _p, e2, _v in parser:  # skip the attribute without building it
                if e2 in ("start_map", "start_array"):
                    depth += 1
                elif e2 in ("end_map", "end_array"):
                    if depth == 0:
                        break
                    depth -= 1
            ignored[("attribute outside an object", "attributes outside an object")] += 1
            continue
        if prefix not in _OBJECT_PREFIXES:
            continue
        builder = ijson.ObjectBuilder()
        builder.event(event, value)
        depth = 0
        for _p, e2, v2 in parser:
            builder.event(e2, v2)
            if e2 in ("start_map", "start_array"):
                depth += 1
            elif e2 in ("end_map", "end_array"):
                if depth == 0:
                    break
                depth -= 1
        obj = builder.value
        name = obj.get("name") if isinstance(obj, dict) else None
        if name not in KEPT:
            label = f"{name} object" if isinstance(name, str) else "object without a template name"
            ignored[(label, label.replace("object", "objects", 1))] += 1
            continue
        if kept >= MAX_KEPT:
            ignored[
                (
                    f"{name} object beyond the first {MAX_KEPT:,}",
                    f"{name} objects beyond the first {MAX_KEPT:,}",
                )
            ] += 1
            continue
        uuid = obj.get("uuid")
        if not isinstance(uuid, str) or not _UUID_RE.match(uuid):
            plan.skip(f"a {name} object without a valid uuid")
            continue
        kept += 1
        yield obj
    for (one, many), n in sorted(ignored.items()):
        plan.skip(
            f"{n:,} {one if n == 1 else many}: Briefdesk imports report, news-media, person and annotation objects"
        )


def read(fh: BinaryIO, *, name: str = "event") -> Plan:
    import ijson

    plan = Plan(system="misp")
    objects: dict[str, dict[str, Any]] = {}
    try:
        for obj in stream_objects(fh, plan):
            objects[obj["uuid"]] = obj
    except ijson.common.JSONError as exc:
        plan.skip(
            f"{name}: the JSON breaks off or is damaged ({str(exc)[:120]}); what came before it was read"
        )
    _resolve(objects, plan)
    return plan


def _source(obj: dict[str, Any]) -> InSource:
    attrs = _attrs(obj)
    comment = _text(obj, "comment")
    parts = [p.strip() for p in comment.split(", ") if p.strip()]
    kind = next(
        (p for p in parts if p in _KINDS), "news article" if obj["name"] == "news-media" else "report"
    )
    pub = re.search(r"published (\d{4}-\d{2}-\d{2})", comment)
    acc = re.search(r"accessed (\d{4}-\d{2}-\d{2})", comment)
    rel = re.search(r"reliability ([A-F])\b", comment)
    outlet = _value(attrs, "source") if obj["name"] == "news-media" else ""
    if (
        not outlet
        and parts
        and parts[0] not in _KINDS
        and not re.match(r"(published|accessed|reliability) ", parts[0])
    ):
        outlet = parts[0]
    tagged, _c = _grade(_tags(attrs.values()))
    url = _value(attrs, "link") or _value(attrs, "url")
    title = _value(attrs, "title") or url or f"MISP object {obj['uuid']}"
    return InSource(
        key=obj["uuid"],
        external_id=obj["uuid"],
        title=title[:2000],
        kind=kind,
        outlet=outlet[:2000],
        url=url[:2000],
        published=_date(pub.group(1)) if pub else None,
        accessed=_date(acc.group(1)) if acc else None,
        reliability=tagged or (rel.group(1) if rel else "F"),
        descriptor=_value(attrs, "summary")[:20000],
    )


def _actor(obj: dict[str, Any]) -> InActor | None:
    attrs = _attrs(obj)
    name = _value(attrs, "full-name") or " ".join(
        p for p in (_value(attrs, "first-name"), _value(attrs, "last-name")) if p
    )
    if not name:
        return None
    text = _value(attrs, "text")
    affiliation = text[len("Affiliation: ") :] if text.startswith("Affiliation: ") else ""
    aliases = tuple(a["value"] for a in attrs.get("alias", ()) if isinstance(a.get("value"), str))
    return InActor(
        obj["uuid"], obj["uuid"], name[:500], _value(attrs, "function")[:500], affiliation[:500], aliases
    )


def _resolve(objects: dict[str, dict[str, Any]], plan: Plan) -> None:
    annotations = [o for o in objects.values() if o["name"] == "annotation"]
    for obj in annotations:
        attrs = _attrs(obj)
        quote = _value(attrs, "text")
        if not quote:
            plan.skip(f"annotation {obj['uuid']}: no text (the quote)")
            continue
        if len(quote) > MAX_TEXT:
            plan.skip(f"annotation {obj['uuid']}: its text is longer than {MAX_TEXT:,} characters")
            continue
        refs = [r for r in obj.get("ObjectReference") or () if isinstance(r, dict)]
        by_kind: dict[str, list[str]] = {}
        for r in refs:
            by_kind.setdefault(str(r.get("relationship_type") or ""), []).append(
                str(r.get("referenced_uuid") or "")
            )
        source_key = None
        for target in by_kind.get("derived-from", ()):
            target_obj = objects.get(target)
            if target_obj is not None and target_obj["name"] in ("report", "news-media"):
                if target not in plan.sources:
                    plan.sources[target] = _source(target_obj)
                source_key = target
                break
        if source_key is None:
            url = _value(attrs, "ref")
            missing = by_kind.get("derived-from", [])
            if url:
                source_key = "ref:" + url
                plan.sources.setdefault(
                    source_key, InSource(key=source_key, external_id=None, title=url[:2000], url=url[:2000])
                )
            elif missing:
                plan.skip(f"annotation {obj['uuid']}: its source {missing[0]} is not in the event")
                continue
            else:
                plan.skip(f"annotation {obj['uuid']}: no source (no derived-from reference, no ref link)")
                continue
        actor_key = None
        for target in by_kind.get("attributed-to", ()):
            target_obj = objects.get(target)
            if target_obj is not None and target_obj["name"] == "person":
                actor = _actor(target_obj)
                if actor is not None:
                    plan.actors.setdefault(target, actor)
                    actor_key = target
                    break
        rel, cred = _grade(_tags(attrs.values()))
        if (
            rel
            and plan.sources[source_key].reliability == "F"
            and plan.sources[source_key].external_id is None
        ):
            plan.sources[source_key].reliability = rel
        status, notes = "unverified", ""
        for op in obj.get("Opinion") or ():
            try:
                value = int(str(op.get("opinion")))
            except (TypeError, ValueError):
                continue
            status = (
                "corroborated"
                if value >= 60
                else "retracted"
                if value <= 10
                else "disputed"
                if value <= 40
                else "unverified"
            )
            comment = _text(op, "comment")
            if comment and not comment.startswith("The analyst records this claim as"):
                notes = comment
            break
        for note in obj.get("Note") or ():
            if isinstance(note, dict) and isinstance(note.get("note"), str) and not notes:
                notes = note["note"][:MAX_TEXT]
        comment = _text(obj, "comment")
        statement = _GRADE_SUFFIX.sub("", comment).strip()
        plan.claims.append(
            InClaim(
                key=obj["uuid"],
                source_key=source_key,
                quote=quote,
                actor_key=actor_key,
                statement="" if statement == quote else statement[:MAX_TEXT],
                said=_date(_value(attrs, "creation-date")),
                credibility=cred or 6,
                status=status,
                notes=notes,
            )
        )
        for kind in ("denies", "corroborates", "qualifies"):
            for r in refs:
                if r.get("relationship_type") != kind:
                    continue
                target = str(r.get("referenced_uuid") or "")
                key = str(r.get("uuid") or f"{obj['uuid']}:{kind}:{target}")
                if target not in objects:
                    plan.skip(f"reference {key} ({kind}): refers to {target}, which is not in the event")
                    continue
                plan.links.append(InLink(key, kind, obj["uuid"], target, str(r.get("comment") or "")))
    claim_keys = {c.key for c in plan.claims}
    kept_links = []
    for ln in plan.links:
        if ln.to_key in claim_keys:
            kept_links.append(ln)
        elif ln.from_key in claim_keys:
            plan.skip(f"reference {ln.key} ({ln.kind}): links to an object that is not an imported claim")
    plan.links = kept_links
