"""MISP out: a brief as a MISP event (the JSON that MISP imports and PyMISP's ``MISPEvent.load`` reads).

- the event: ``info`` = the title, ``date``, ``analysis`` (1 ongoing for a draft brief, 2 complete for a final
  one), ``threat_level_id`` 4 (undefined), ``distribution`` from the marking (TLP:CLEAR all communities,
  TLP:GREEN this community, anything stricter or a classification your organisation only);
- tags: the brief's TLP (``tlp:amber``), and from what the checks find in the key judgments,
  ``estimative-language:likelihood-probability="likely"`` and
  ``estimative-language:confidence-in-analytic-judgment="moderate"`` for each term and level used
  (misp-taxonomies' machine tags); ``workflow:state="draft"`` for a brief exported past its check errors;
- the brief itself: an ``EventReport`` in Markdown, each citation resolved to a numbered note whose text is
  the endnote a .docx would print, with a MISP reference ``@[object](uuid)`` to the claim's object;
- each source: a ``report`` object (title, link, summary = its descriptor; outlet, kind and dates in the
  comment; its reliability as ``admiralty-scale:source-reliability``);
- each actor: a ``person`` object (full-name, function = role, alias, text = affiliation);
- each claim: an ``annotation`` object (text = the verbatim quote, ref = the source's URL, creation-date =
  when it was said; comment = the statement; the grade as ``admiralty-scale:`` tags on the quote),
  referring to its source (``derived-from``) and its actor (``attributed-to``), and to the claims it denies,
  corroborates or qualifies; the analyst's assessment as an Analyst Data ``Opinion`` (MISP 2.4.193+: 0 to
  100, 50 neutral).

The JSON is written here; PyMISP is a test dependency that loads and checks it (it would bring ``requests``
and 5 MB of object templates into the app for data classes only). The object templates' uuids and versions
are those of the misp-objects shipped with the PyMISP version in constraints.txt (a test keeps them equal).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from app.domain import BriefRecord, ClaimRecord, ClaimStatus, MarkingScheme, SourceRecord
from app.domain_lists import ActorRecord
from app.interop import ids
from app.interop.collect import Material

TEMPLATES = {
    "report": ("70a68471-df22-4e3f-aa1a-5a3be19f82df", "8"),
    "person": ("a15b0477-e9d1-4b9c-9546-abe78a4f4248", "21"),
    "annotation": ("5d8dc046-15a1-4ca3-a09f-ed4ede7c4487", "3"),
}
# (misp attribute type, category) of each object relation used, as the templates define them
RELATIONS = {
    ("report", "title"): ("text", "Other"),
    ("report", "link"): ("link", "External analysis"),
    ("report", "summary"): ("text", "Other"),
    ("person", "full-name"): ("full-name", "Person"),
    ("person", "function"): ("text", "Other"),
    ("person", "alias"): ("text", "Other"),
    ("person", "text"): ("text", "Other"),
    ("annotation", "text"): ("text", "Other"),
    ("annotation", "format"): ("text", "Other"),
    ("annotation", "type"): ("text", "Other"),
    ("annotation", "ref"): ("link", "External analysis"),
    ("annotation", "creation-date"): ("datetime", "Other"),
}
LIKELIHOOD = (
    "almost-no-chance",
    "very-unlikely",
    "unlikely",
    "roughly-even-chance",
    "likely",
    "very-likely",
    "almost-certain",
)
DISTRIBUTION = {"CLEAR": "3", "GREEN": "1"}  # anything else: "0", your organisation only
OPINION = {ClaimStatus.CORROBORATED: 75, ClaimStatus.DISPUTED: 25, ClaimStatus.RETRACTED: 0}


def _timestamp(value: dt.datetime | None) -> str:
    if value is None:
        return "0"
    return str(int(value.replace(tzinfo=dt.UTC).timestamp()))


def _uuid(*parts: str) -> str:
    return ids.derived("misp", *parts)


class _Event:
    def __init__(self, m: Material, brief: BriefRecord, draft_reason: str) -> None:
        self.m = m
        self.brief = brief
        self.draft_reason = draft_reason
        self.objects: list[dict[str, Any]] = []
        self.object_uuid: dict[tuple[str, int], str] = {}

    def uuid_of(self, kind: str, record: Any) -> str:
        imported = self.m.imported.get(kind) or {}
        known = imported.get(record.id)
        if known and "--" not in known:  # a MISP uuid it came with (not a STIX id)
            return known
        return _uuid(ids.record_key(kind, record))

    def attribute(
        self,
        template: str,
        relation: str,
        value: str,
        owner: str,
        *,
        tags: tuple[str, ...] = (),
        stamp: str = "0",
    ) -> dict[str, Any]:
        kind, category = RELATIONS[(template, relation)]
        attr = {
            "uuid": _uuid(owner, relation, value[:200]),
            "object_relation": relation,
            "type": kind,
            "category": category,
            "value": value,
            "to_ids": False,
            "disable_correlation": kind != "link",
            "distribution": "5",
            "timestamp": stamp,
        }
        if tags:
            attr["Tag"] = [{"name": t} for t in tags]
        return attr

    def obj(
        self, template: str, uuid: str, comment: str, attributes: list[dict[str, Any]], stamp: str
    ) -> dict[str, Any]:
        template_uuid, version = TEMPLATES[template]
        return {
            "uuid": uuid,
            "name": template,
            "meta-category": "misc",
            "template_uuid": template_uuid,
            "template_version": version,
            "description": "",
            "comment": comment,
            "distribution": "5",
            "sharing_group_id": "0",
            "timestamp": stamp,
            "Attribute": attributes,
        }

    def source_object(self, s: SourceRecord) -> dict[str, Any]:
        uuid = self.uuid_of("source", s)
        stamp = _timestamp(s.updated)
        attrs = [
            self.attribute(
                "report",
                "title",
                s.title or f"Source s{s.id}",
                uuid,
                tags=(f'admiralty-scale:source-reliability="{s.reliability.lower()}"',),
                stamp=stamp,
            )
        ]
        if s.url:
            attrs.append(self.attribute("report", "link", s.url, uuid, stamp=stamp))
        if s.descriptor:
            attrs.append(self.attribute("report", "summary", s.descriptor, uuid, stamp=stamp))
        facts = [s.outlet, str(s.kind.value)]
        if s.published:
            facts.append(f"published {s.published.isoformat()}")
        if s.accessed:
            facts.append(f"accessed {s.accessed.isoformat()}")
        facts.append(f"reliability {s.reliability}")
        return self.obj("report", uuid, ", ".join(f for f in facts if f), attrs, stamp)

    def actor_object(self, a: ActorRecord) -> dict[str, Any]:
        uuid = self.uuid_of("actor", a)
        stamp = _timestamp(getattr(a, "updated", None))
        attrs = [self.attribute("person", "full-name", a.name, uuid, stamp=stamp)]
        if a.role:
            attrs.append(self.attribute("person", "function", a.role, uuid, stamp=stamp))
        for alias in a.aliases:
            attrs.append(self.attribute("person", "alias", alias, uuid, stamp=stamp))
        if a.affiliation:
            attrs.append(self.attribute("person", "text", f"Affiliation: {a.affiliation}", uuid, stamp=stamp))
        return self.obj("person", uuid, a.label, attrs, stamp)

    def claim_object(self, c: ClaimRecord) -> dict[str, Any]:
        m = self.m
        uuid = self.uuid_of("claim", c)
        stamp = _timestamp(c.updated)
        grade_tags = (
            f'admiralty-scale:source-reliability="{c.source_reliability.lower()}"',
            f'admiralty-scale:information-credibility="{c.credibility}"',
        )
        attrs = [
            self.attribute("annotation", "text", c.quote, uuid, tags=grade_tags, stamp=stamp),
            self.attribute("annotation", "format", "text", uuid, stamp=stamp),
            self.attribute("annotation", "type", "Annotation", uuid, stamp=stamp),
        ]
        if c.source_url:
            attrs.append(self.attribute("annotation", "ref", c.source_url, uuid, stamp=stamp))
        if c.said:
            attrs.append(
                self.attribute(
                    "annotation", "creation-date", f"{c.said.isoformat()}T00:00:00+00:00", uuid, stamp=stamp
                )
            )
        comment = c.statement or c.quote
        obj = self.obj("annotation", uuid, f"{comment} [{c.grade}]", attrs, stamp)
        refs = []
        source = m.sources.get(c.source_id)
        if source is not None:
            refs.append(self.reference(uuid, self.uuid_of("source", source), "derived-from", "", stamp))
        if c.actor_id is not None and c.actor_id in m.actors:
            refs.append(
                self.reference(uuid, self.uuid_of("actor", m.actors[c.actor_id]), "attributed-to", "", stamp)
            )
        for ln in m.links:
            if ln.from_claim_id == c.id:
                target = self.uuid_of("claim", m.claims[ln.to_claim_id])
                refs.append(self.reference(uuid, target, ln.kind.value, ln.note, _timestamp(ln.created)))
        if refs:
            obj["ObjectReference"] = refs
        if c.notes.strip() and c.status not in OPINION:  # the analyst's notes on an unassessed claim
            obj["Note"] = [
                {
                    "uuid": _uuid(uuid, "note"),
                    "note": c.notes,
                    "object_uuid": uuid,
                    "object_type": "Object",
                    "authors": (m.brief.author if m.brief is not None else "") or "Briefdesk",
                }
            ]
        if c.status in OPINION:
            obj["Opinion"] = [
                {
                    "uuid": _uuid(uuid, "opinion"),
                    "opinion": str(OPINION[c.status]),
                    "comment": c.notes.strip() or f"The analyst records this claim as {c.status.value}.",
                    "object_uuid": uuid,
                    "object_type": "Object",
                    "authors": (m.brief.author if m.brief is not None else "") or "Briefdesk",
                }
            ]
        return obj

    def reference(self, owner: str, target: str, kind: str, comment: str, stamp: str) -> dict[str, Any]:
        return {
            "uuid": _uuid(owner, kind, target),
            "object_uuid": owner,
            "referenced_uuid": target,
            "relationship_type": kind,
            "comment": comment or "",
            "timestamp": stamp,
        }

    def report_markdown(self) -> str:
        """The brief's Markdown with each citation as a numbered note, and the notes at the end with their
        endnote text and a MISP reference to the claim's object."""
        from app.citations import parse_citations
        from app.export.notes import note_text

        brief = self.brief
        body = brief.body
        numbers: dict[str, int] = {}
        notes: list[str] = []
        out: list[str] = []
        pos = 0
        group: tuple[int, int] | None = None
        marks: list[str] = []

        def flush() -> None:
            if marks:
                out.append(" [" + ", ".join(marks) + "]")
                marks.clear()

        for c in parse_citations(body):
            if (c.group_start, c.group_end) != group:
                flush()
                group = (c.group_start, c.group_end)
                out.append(body[pos : c.group_start].rstrip(" "))
                pos = c.group_end
            record = self.m.claims.get(c.ident) if c.kind == "claim" else self.m.sources.get(c.ident)
            if record is None:
                marks.append(f"missing {c.key}")
                continue
            if c.key not in numbers:
                numbers[c.key] = len(notes) + 1
                kind = "claim" if c.kind == "claim" else "source"
                notes.append(f"{numbers[c.key]}. {note_text(record)} @[object]({self.uuid_of(kind, record)})")
            marks.append(str(numbers[c.key]))
        flush()
        out.append(body[pos:])
        text = "".join(out).rstrip() + "\n"
        if self.draft_reason:
            text = f"**DRAFT ({self.draft_reason})**\n\n" + text
        if notes:
            text += "\n## Notes\n\n" + "\n".join(notes) + "\n"
        return text

    def tags(self) -> list[str]:
        m = self.m
        tags: list[str] = []
        if m.marking is not None and m.marking.scheme is MarkingScheme.TLP:
            tags.append(f"tlp:{m.marking.level.lower()}")
        ctx: Any = m.context
        if ctx is not None:
            bands = sorted({t.band for j in ctx.judgments for t in j.terms})
            levels = [
                lv
                for lv in ("low", "moderate", "high")
                if any(c[0].lower() == lv for j in ctx.judgments for c in j.confidence)
            ]
            tags += [f'estimative-language:likelihood-probability="{LIKELIHOOD[b]}"' for b in bands]
            tags += [f'estimative-language:confidence-in-analytic-judgment="{lv}"' for lv in levels]
        if self.draft_reason:
            tags.append('workflow:state="draft"')
        return tags

    def build(self) -> dict[str, Any]:
        m = self.m
        brief = self.brief
        stamp = _timestamp(brief.updated)
        for s in m.sources.values():
            self.objects.append(self.source_object(s))
        for a in sorted(m.actors.values(), key=lambda a: a.id):
            self.objects.append(self.actor_object(a))
        for c in m.claims.values():
            self.objects.append(self.claim_object(c))
        marking = m.marking
        distribution = "0"
        if marking is not None and marking.scheme is MarkingScheme.TLP:
            distribution = DISTRIBUTION.get(marking.level, "0")
        event_uuid = _uuid(ids.record_key("brief", brief))
        event = {
            "uuid": event_uuid,
            "info": brief.title or f"Brief b{brief.id}",
            "date": brief.updated.date().isoformat(),
            "timestamp": stamp,
            "analysis": "2" if str(brief.status.value) == "final" and not self.draft_reason else "1",
            "threat_level_id": "4",
            "distribution": distribution,
            "published": False,
            "Tag": [{"name": t} for t in self.tags()],
            "EventReport": [
                {
                    "uuid": _uuid(event_uuid, "report"),
                    "name": brief.title or f"Brief b{brief.id}",
                    "content": self.report_markdown(),
                    "distribution": "5",
                    "timestamp": stamp,
                }
            ],
            "Object": self.objects,
            "Attribute": [],
        }
        return {"Event": event}


def event(material: Material, *, draft_reason: str = "") -> dict[str, Any]:
    """The MISP event of the brief in ``material`` as a dict (``{"Event": {...}}``)."""
    from app.errors import ExportError

    if material.brief is None:
        raise ExportError("A MISP event is made from a brief; give a brief to export.")
    return _Event(material, material.brief, draft_reason).build()


def dumps(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
