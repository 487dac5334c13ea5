"""Claims dragged or copied between views: one MIME type and its parser.

A payload is comma-separated claim ids (``application/x-briefdesk-claim-ids``), with the citation as plain
text beside it (``[@c3; @c7]``) so a drop into any text field writes the citation. The Claims table makes
it; the links pane (to link) and the brief editor (to cite) read it.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData

CLAIM_IDS_MIME = "application/x-briefdesk-claim-ids"


def citation_for(ids: list[int]) -> str:
    """The citation of these claims as the editor writes it: ``[@c3; @c7]``."""
    return "[" + "; ".join(f"@c{i}" for i in ids) + "]"


def claim_ids_mime(ids: list[int]) -> QMimeData:
    mime = QMimeData()
    mime.setData(CLAIM_IDS_MIME, ",".join(str(i) for i in ids).encode("ascii"))
    mime.setText(citation_for(ids))
    return mime


def claim_ids_from_mime(mime: QMimeData) -> list[int]:
    """The claim ids in a payload (none when it is not one); anything but digits between commas is skipped."""
    if not mime.hasFormat(CLAIM_IDS_MIME):
        return []
    raw = bytes(mime.data(CLAIM_IDS_MIME).data()).decode("ascii", "replace")
    return [int(p) for p in raw.replace(";", ",").split(",") if p.strip().isascii() and p.strip().isdigit()]
