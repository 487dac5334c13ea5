"""Interop with the analysts' platforms: STIX 2.1 and MISP out and in, ClaimReview and CSL-JSON out.

Out (no network, nothing written to the library):

    render_brief(lib, brief_id, fmt, *, context=None, marking=None, draft_reason="") -> Rendered
        # fmt "stix": a STIX 2.1 bundle (app.interop.stix); "misp": a MISP event (app.interop.misp)
    render_library(lib, fmt, *, claim_ids=None, contested=False, brief_id=None) -> Rendered
        # fmt "stix" (claims without a brief), "claimreview" (schema.org JSON-LD), "csl" (CSL-JSON of sources)

In: ``app.interop.importer.import_file(lib, path)`` recognises a STIX 2.1 bundle or a MISP event by its
content; ``app.importers.batch.import_paths`` hands such files to it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.checks.context import CheckContext
    from app.library import Library

BRIEF_FORMATS = ("stix", "misp")
LIBRARY_FORMATS = ("claimreview", "csl", "stix")


@dataclass(frozen=True)
class Rendered:
    data: bytes
    records: int  # claims (or sources, for CSL) written
    warnings: tuple[str, ...] = field(default_factory=tuple)


def render_brief(
    lib: Library,
    brief_id: int,
    fmt: str,
    *,
    context: CheckContext | None = None,
    marking: str | None = None,
    draft_reason: str = "",
) -> Rendered:
    from app.errors import ExportError
    from app.interop import collect

    if fmt not in BRIEF_FORMATS:
        raise ExportError(f"Unknown format '{fmt}': a brief exports to {', '.join(BRIEF_FORMATS)} here.")
    material = collect.for_brief(lib, brief_id, marking=marking, system=fmt, context=context)
    if fmt == "stix":
        from app.interop import stix

        data = stix.bundle(material, draft_reason=draft_reason)
        return Rendered(stix.dumps(data), len(material.claims))
    from app.interop import misp

    event = misp.event(material, draft_reason=draft_reason)
    return Rendered(misp.dumps(event), len(material.claims))


def render_library(
    lib: Library,
    fmt: str,
    *,
    claim_ids: list[int] | None = None,
    contested: bool = False,
    brief_id: int | None = None,
    organisation: str = "",
) -> Rendered:
    from app.errors import ExportError
    from app.interop import collect

    if fmt not in LIBRARY_FORMATS:
        raise ExportError(f"Unknown format '{fmt}': use one of {', '.join(LIBRARY_FORMATS)}.")
    if fmt == "csl" and claim_ids is None and not contested and brief_id is None:
        ids: list[int] = []  # every source
    else:
        ids = collect.select_claims(lib, claim_ids=claim_ids, contested=contested, brief_id=brief_id)
    if fmt == "csl":
        from app.interop import csl

        source_ids = collect.select_sources(
            lib, ids, brief_id=brief_id, everything=claim_ids is None and not contested and brief_id is None
        )
        items = csl.items(lib, source_ids)
        return Rendered(csl.dumps(items), len(items))
    material = collect.for_claims(lib, ids, system="stix")
    if fmt == "stix":
        from app.interop import stix

        return Rendered(stix.dumps(stix.bundle(material, organisation=organisation)), len(material.cited))
    from app.interop import claimreview

    reviews = claimreview.reviews(material, organisation=organisation)
    return Rendered(claimreview.dumps(reviews), len(reviews))
