"""The title block at the top of the document: title, date, author and organisation, marking, draft notice."""

from __future__ import annotations

import datetime as dt

from app.domain import BriefRecord
from app.export.docx.body import BodyWriter
from app.export.docx.wordml import XML_FORBIDDEN, run


def write_title_block(
    writer: BodyWriter, brief: BriefRecord, banner: str, draft_reason: str, today: dt.date
) -> None:
    st = writer.st
    title = " ".join(XML_FORBIDDEN.sub("", brief.title).split()) or "Untitled brief"
    writer.para(run(title), st.ppr("Title"))
    meta = [today.strftime("%d %B %Y").lstrip("0")]
    if brief.author:
        meta.append(brief.author)
    if brief.organisation:
        meta.append(brief.organisation)
    writer.para(run(" · ".join(meta)), st.ppr("Title Block"))
    if banner:
        writer.para(run("Marking: ") + run(banner, bold=True), st.ppr("Title Block"))
    if draft_reason:
        writer.para(run(f"DRAFT — {draft_reason}"), st.ppr("Draft Notice"))
