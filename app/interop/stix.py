"""STIX 2.1 out: a bundle of a brief and everything it cites, or of claims without a brief.

What goes where (the choices follow what OpenCTI and the STIX 2.1 specification expect):

- the brief: a ``report`` (name, published, description = its bottom line, object_refs = everything below);
- each source: a ``report`` of its own (the article, statement or transcript: name = title, published,
  ``report_types`` = its kind, created_by_ref = its outlet, ``x_opencti_reliability`` = its reliability grade),
  holding the claims drawn from it, as OpenCTI holds what was reported in a report;
- each outlet and the analyst's organisation: an ``identity`` (organization); each actor: an ``identity``
  (individual, roles = the actor's role, description = the affiliation);
- each claim: a ``note`` (content = the verbatim quote, abstract = the statement, authors = who said it,
  object_refs = its source's report and its actor, external_references = the source with URL and date,
  ``confidence`` from the information credibility (1->90, 2->70, 3->50, 4->30, 5->10, 6 left out: the STIX 2.1
  confidence appendix), labels = its tags and the Admiralty grade as MISP-style machine tags);
- the analyst's assessment of a claim (status corroborated, disputed or retracted): an ``opinion``;
- each link: a ``relationship`` of type denies, corroborates or qualifies from the claim that does it to the
  claim it is about;
- the brief's highest marking: the standard TLP marking-definition (TLP:CLEAR as the TLP 1.0 WHITE definition,
  TLP:AMBER+STRICT as OpenCTI's own definition) or a statement marking with the classification banner, in
  every object's ``object_marking_refs``.

Ids are UUIDv5 (see ``app.interop.ids``); timestamps come from the records, so exporting twice gives the same
bytes. A few ``x_briefdesk_*`` properties carry what STIX has no place for (the date a claim was said, the
source's byline and access date, the exact claim status), so that a Briefdesk -> STIX -> Briefdesk round trip
loses nothing; other platforms ignore them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from app.domain import (
    RELIABILITY_MEANING,
    BriefRecord,
    ClaimRecord,
    ClaimStatus,
    LinkRecord,
    MarkingScheme,
    SourceRecord,
)
from app.domain_lists import ActorRecord
from app.interop import ids
from app.interop.collect import Material, bottom_line
from app.markings import Marking

EPOCH = "1970-01-01T00:00:00.000Z"  # for what has no timestamp of its own (outlets, organisations)
CONFIDENCE = {1: 90, 2: 70, 3: 50, 4: 30, 5: 10}  # credibility 6: no confidence property

# TLP 1.0 marking definitions as the STIX 2.1 specification publishes them (stix2.TLP_*), and OpenCTI's
# definition of TLP:AMBER+STRICT (TLP 2.0 has no TLP 1.0 equivalent; OpenCTI maps TLP:CLEAR to WHITE).
TLP_CREATED = "2017-01-20T00:00:00.000Z"
TLP_IDS = {
    "CLEAR": "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
    "GREEN": "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
    "AMBER": "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
    "AMBER+STRICT": "marking-definition--826578e1-40ad-459f-bc73-ede076f81f37",
    "RED": "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
}
TLP_1_NAMES = {"CLEAR": "white", "GREEN": "green", "AMBER": "amber", "RED": "red"}
KIND_SLUGS = {
    "news article": "news-article",
    "official statement": "official-statement",
    "transcript": "transcript",
    "report": "report",
    "social media post": "social-media-post",
    "dataset": "dataset",
    "other": "other",
}
# The analyst's assessment of a claim, as a STIX opinion (unverified: no opinion is recorded).
OPINIONS = {
    ClaimStatus.CORROBORATED: "agree",
    ClaimStatus.DISPUTED: "disagree",
    ClaimStatus.RETRACTED: "strongly-disagree",
}
# A STIX object (or the bundle) as the JSON it is written as: string keys, values of any JSON type. The same
# shape as app.interop.misp's and .claimreview's objects.
StixObject = dict[str, Any]

_LANG_RE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")


def ts(value: dt.datetime | dt.date | None, default: str = EPOCH) -> str:
    if value is None:
        return default
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def reliability_label(letter: str) -> str:
    return f'admiralty-scale:source-reliability="{letter.lower()}"'


def credibility_label(number: int) -> str:
    return f'admiralty-scale:information-credibility="{number}"'


def opencti_reliability(letter: str) -> str:
    """OpenCTI's reliability vocabulary: 'B - Usually reliable'."""
    return f"{letter} - {RELIABILITY_MEANING[letter]}"


def marking_definition(marking: Marking) -> StixObject:
    if marking.scheme is MarkingScheme.TLP:
        level = marking.level
        if level in TLP_1_NAMES:
            tlp = TLP_1_NAMES[level]
            return {
                "type": "marking-definition",
                "spec_version": "2.1",
                "id": TLP_IDS[level],
                "created": TLP_CREATED,
                "definition_type": "tlp",
                "name": f"TLP:{tlp.upper()}",
                "definition": {"tlp": tlp},
            }
        return {
            "type": "marking-definition",
            "spec_version": "2.1",
            "id": TLP_IDS[level],
            "created": "2022-10-01T00:00:00.000Z",
            "definition_type": "statement",
            "name": "TLP:AMBER+STRICT",
            "definition": {"statement": "TLP:AMBER+STRICT"},
            "x_opencti_definition_type": "TLP",
            "x_opencti_definition": "TLP:AMBER+STRICT",
        }
    banner = marking.banner
    return {
        "type": "marking-definition",
        "spec_version": "2.1",
        "id": ids.for_name("marking-definition", "statement", banner),
        "created": EPOCH,
        "definition_type": "statement",
        "name": banner,
        "definition": {"statement": banner},
    }


def _common(
    obj: StixObject, created: str, modified: str | None, producer: str | None, markings: list[str]
) -> StixObject:
    obj["created"] = created
    if modified is not None:
        obj["modified"] = max(modified, created)
    if producer:
        obj["created_by_ref"] = producer
    if markings:
        obj["object_marking_refs"] = list(markings)
    return obj


def _source_reference(source: SourceRecord) -> StixObject:
    """The source as an external reference: outlet, title with its dates, URL."""
    dates = []
    if source.published:
        dates.append(f"published {source.published.isoformat()}")
    if source.accessed:
        dates.append(f"accessed {source.accessed.isoformat()}")
    title = source.title or f"Source s{source.id}"
    ref: StixObject = {
        "source_name": source.outlet or title,
        "description": f"\u201c{title}\u201d" + (f", {', '.join(dates)}" if dates else ""),
    }
    if source.url:
        ref["url"] = source.url
    return ref


class _Writer:
    def __init__(
        self, material: Material, producer_name: str = "", analyst: str = "", draft_reason: str = ""
    ) -> None:
        self.m = material
        self.draft_reason = draft_reason
        self.analyst = analyst
        self.markings: list[str] = []
        self.objects: list[StixObject] = []
        self.producer = ids.for_name("identity", "organisation", producer_name) if producer_name else None
        self.producer_name = producer_name

    # ids
    def source_report_id(self, source: SourceRecord) -> str:
        return ids.for_record("report", "source", source, self.m.imported.get("source"))

    def note_id(self, claim: ClaimRecord) -> str:
        return ids.for_record("note", "claim", claim, self.m.imported.get("claim"))

    def actor_id(self, actor: ActorRecord) -> str:
        return ids.for_record("identity", "actor", actor, self.m.imported.get("actor"))

    def outlet_id(self, outlet: str) -> str:
        return ids.for_name("identity", "outlet", outlet)

    def build(self) -> StixObject:
        m = self.m
        if m.marking is not None:
            definition = marking_definition(m.marking)
            self.objects.append(definition)
            self.markings = [definition["id"]]
        mk = self.markings
        if self.producer:
            self.objects.append(
                _common(
                    {
                        "type": "identity",
                        "spec_version": "2.1",
                        "id": self.producer,
                        "name": self.producer_name,
                        "identity_class": "organization",
                    },
                    EPOCH,
                    EPOCH,
                    None,
                    mk,
                )
            )
        # outlets, with OpenCTI's reliability where all of the outlet's sources here share one grade
        outlets: dict[str, set[str]] = {}
        for s in m.sources.values():
            if s.outlet:
                outlets.setdefault(s.outlet, set()).add(s.reliability)
        for name in sorted(outlets, key=str.casefold):
            obj: StixObject = {
                "type": "identity",
                "spec_version": "2.1",
                "id": self.outlet_id(name),
                "name": name,
                "identity_class": "organization",
            }
            grades = outlets[name]
            if len(grades) == 1:
                obj["x_opencti_reliability"] = opencti_reliability(next(iter(grades)))
            self.objects.append(_common(obj, EPOCH, EPOCH, None, mk))
        for actor in sorted(m.actors.values(), key=lambda a: a.id):
            created = ts(getattr(actor, "created", None))
            obj = {
                "type": "identity",
                "spec_version": "2.1",
                "id": self.actor_id(actor),
                "name": actor.name,
                "identity_class": "individual",
            }
            if actor.role:
                obj["roles"] = [actor.role]
            if actor.affiliation:
                obj["description"] = f"Affiliation: {actor.affiliation}"
            if actor.aliases:
                obj["x_opencti_aliases"] = list(actor.aliases)
            self.objects.append(
                _common(obj, created, ts(getattr(actor, "updated", None), created), self.producer, mk)
            )
        notes = [self.note(c) for c in m.claims.values()]
        by_source: dict[int, list[str]] = {}
        actors_by_source: dict[int, list[str]] = {}
        for c, note in zip(m.claims.values(), notes, strict=True):
            by_source.setdefault(c.source_id, []).append(note["id"])
            if c.actor_id is not None and c.actor_id in m.actors:
                refs = actors_by_source.setdefault(c.source_id, [])
                aid = self.actor_id(m.actors[c.actor_id])
                if aid not in refs:
                    refs.append(aid)
        brief_report = ids.for_record("report", "brief", m.brief) if m.brief is not None else None
        source_reports = []
        for s in m.sources.values():
            refs = by_source.get(s.id, []) + actors_by_source.get(s.id, [])
            if not refs:
                refs = [self.outlet_id(s.outlet)] if s.outlet else ([brief_report] if brief_report else [])
            if refs:
                source_reports.append(self.source_report(s, refs))
        self.objects.extend(source_reports)
        self.objects.extend(notes)
        for c in m.claims.values():
            opinion = self.opinion(c)
            if opinion is not None:
                self.objects.append(opinion)
        for ln in m.links:
            self.objects.append(self.relationship(ln))
        if m.brief is not None and brief_report is not None:
            self.objects.append(self.brief_report(m.brief, brief_report))
        bundle_key = ids.record_key("brief", m.brief) if m.brief is not None else "claims"
        versions = sorted(o["id"] + o.get("modified", o.get("created", "")) for o in self.objects)
        digest = ids.derived("bundle", bundle_key, *versions)
        return {"type": "bundle", "id": f"bundle--{digest}", "objects": self.objects}

    def source_report(self, s: SourceRecord, refs: list[str]) -> StixObject:
        obj: StixObject = {
            "type": "report",
            "spec_version": "2.1",
            "id": self.source_report_id(s),
            "name": s.title or f"Source s{s.id}",
            "report_types": [KIND_SLUGS.get(str(s.kind.value), "other")],
            "published": ts(s.published or s.accessed or s.created),
            "object_refs": refs,
        }
        if s.descriptor:
            obj["description"] = s.descriptor
        ext: StixObject = {"source_name": s.outlet or "source", "description": s.title or f"Source s{s.id}"}
        if s.url:
            ext["url"] = s.url
        obj["external_references"] = [ext]
        obj["labels"] = [reliability_label(s.reliability)]
        obj["x_opencti_reliability"] = opencti_reliability(s.reliability)
        if s.language and _LANG_RE.match(s.language):
            obj["lang"] = s.language
        if s.authors:
            obj["x_briefdesk_authors"] = s.authors
        if s.accessed:
            obj["x_briefdesk_accessed"] = s.accessed.isoformat()
        outlet = self.outlet_id(s.outlet) if s.outlet else self.producer
        return _common(obj, ts(s.created), ts(s.updated), outlet, self.markings)

    def note(self, c: ClaimRecord) -> StixObject:
        source = self.m.sources.get(c.source_id)
        refs = [self.source_report_id(source)] if source is not None else []
        if c.actor_id is not None and c.actor_id in self.m.actors:
            refs.append(self.actor_id(self.m.actors[c.actor_id]))
        obj: StixObject = {
            "type": "note",
            "spec_version": "2.1",
            "id": self.note_id(c),
            "content": c.quote,
            "object_refs": refs,
        }
        if c.statement:
            obj["abstract"] = c.statement
        if c.actor_name:
            obj["authors"] = [c.actor_name]
        if source is not None:
            obj["external_references"] = [_source_reference(source)]
        if c.credibility in CONFIDENCE:
            obj["confidence"] = CONFIDENCE[c.credibility]
        obj["labels"] = [
            *c.tags,
            reliability_label(c.source_reliability),
            credibility_label(c.credibility),
        ]
        if source is not None and source.language and _LANG_RE.match(source.language):
            obj["lang"] = source.language
        if c.said:
            obj["x_briefdesk_said"] = c.said.isoformat()
        if (
            c.notes.strip() and c.status not in OPINIONS
        ):  # an assessed claim's notes are its opinion's explanation
            obj["x_briefdesk_notes"] = c.notes
        return _common(obj, ts(c.created), ts(c.updated), self.producer, self.markings)

    def opinion(self, c: ClaimRecord) -> StixObject | None:
        value = OPINIONS.get(c.status)
        if value is None:
            return None
        note_id = self.note_id(c)
        obj: StixObject = {
            "type": "opinion",
            "spec_version": "2.1",
            "id": ids.stix_id("opinion", note_id),
            "opinion": value,
            "object_refs": [note_id],
            "explanation": c.notes.strip() or f"The analyst records this claim as {c.status.value}.",
            "x_briefdesk_status": c.status.value,
        }
        if self.analyst:
            obj["authors"] = [self.analyst]
        return _common(obj, ts(c.created), ts(c.updated), self.producer, self.markings)

    def relationship(self, ln: LinkRecord) -> StixObject:
        a, b = self.m.claims[ln.from_claim_id], self.m.claims[ln.to_claim_id]
        obj: StixObject = {
            "type": "relationship",
            "spec_version": "2.1",
            "id": ids.for_record("relationship", "link", ln, self.m.imported.get("link")),
            "relationship_type": ln.kind.value,
            "source_ref": self.note_id(a),
            "target_ref": self.note_id(b),
        }
        if ln.note:
            obj["description"] = ln.note
        created = ts(ln.created)
        return _common(obj, created, ts(getattr(ln, "updated", None), created), self.producer, self.markings)

    def brief_report(self, brief: BriefRecord, report_id: str) -> StixObject:
        refs = [o["id"] for o in self.objects if o["type"] != "marking-definition"]
        if not refs:  # a brief that cites nothing: the report still needs one reference
            refs = [self.producer] if self.producer else []
        obj: StixObject = {
            "type": "report",
            "spec_version": "2.1",
            "id": report_id,
            "name": brief.title or f"Brief b{brief.id}",
            "report_types": ["threat-report"],
            "published": ts(brief.updated),
            "object_refs": refs,
        }
        ctx = self.m.context
        description = bottom_line(brief, ctx.doc) if ctx is not None else ""
        if self.draft_reason:
            description = f"DRAFT ({self.draft_reason}). {description}".strip()
            obj["labels"] = ["draft"]
        if description:
            obj["description"] = description
        return _common(obj, ts(brief.created), ts(brief.updated), self.producer, self.markings)


def bundle(
    material: Material, *, organisation: str = "", analyst: str = "", draft_reason: str = ""
) -> StixObject:
    """The STIX 2.1 bundle of ``material`` as a dict. ``draft_reason``: the brief is exported as a draft
    (check errors forced past): its report says so and is labelled ``draft``."""
    if material.brief is not None:
        organisation = organisation or material.brief.organisation
        analyst = analyst or material.brief.author
    if material.brief is not None and not material.claims and not material.sources and not organisation:
        from app.errors import ExportError

        raise ExportError("The brief cites no claim or source: there is nothing to put in a STIX bundle.")
    return _Writer(material, organisation.strip(), analyst.strip(), draft_reason).build()


def dumps(data: StixObject) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
