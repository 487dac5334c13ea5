"""The right-hand pane of the Claims page: the selected claim, its denials and its corroborations.

Each linked claim is a card with actor, date said, source, grade and the verbatim quote. The Denials,
Corroborations and Qualifications groups are drop zones: dropping a claim from the list on one of them links
it (the dropped claim denies / corroborates / qualifies the shown one). Cards offer "Show in source" and
"Unlink". The pane scrolls on its own, independently of the list.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.domain import LinkKind
from ui import theme
from ui.claim_mime import CLAIM_IDS_MIME, claim_ids_from_mime
from ui.formatting import actor_text, date_text, grade_tooltip, provenance_text

GROUPS = (
    ("denials", LinkKind.DENIES, "Denials", "Drop a claim here to record that it denies this claim"),
    (
        "corroborations",
        LinkKind.CORROBORATES,
        "Corroborations",
        "Drop a claim here to record that it corroborates this claim",
    ),
    (
        "qualifications",
        LinkKind.QUALIFIES,
        "Qualifications",
        "Drop a claim here to record that it qualifies this claim",
    ),
)
# cards shown at once in a group: a claim denied 1,000 times built 1,000 cards on the GUI thread (seconds);
# the rest come MAX_CARDS at a time from the group's "Show more" button
MAX_CARDS = 100
OUTGOING = (
    ("denies", "This claim denies"),
    ("corroborates", "This claim corroborates"),
    ("qualifies", "This claim qualifies"),
)


def _card_html(claim, *, big: bool = False) -> str:
    esc = html.escape
    said = date_text(claim.said)
    source = esc(claim.source_title)
    if claim.source_outlet:
        source += f" \u2014 {esc(claim.source_outlet)}"
    grade = esc(claim.grade)
    quote_size = "font-size:large;" if big else ""
    statement = (
        f"<div style='margin-top:4px'><i>{esc(claim.statement)}</i></div>" if claim.statement and big else ""
    )
    contested = (
        f" \u00b7 <span style='color:{theme.colors().denial_accent.name()}'>"
        f"<b>contested ({claim.denial_count})</b></span>"
        if claim.denial_count
        else ""
    )
    muted = theme.colors().muted_text.name()
    who = f"<div style='color:{muted}'>{esc(provenance_text(claim))}</div>" if big else ""
    return (
        f"<div><b>{esc(actor_text(claim))}</b> \u00b7 said {esc(said)} \u00b7 "
        f"<span title='{esc(grade_tooltip(claim.source_reliability, claim.credibility))}'><b>{grade}</b></span>"
        f" \u00b7 {esc(claim.status.value)}{contested} \u00b7 <span style='color:{muted}'>c{claim.id}</span></div>"
        f"<div style='color:{muted}'>{source}, {esc(date_text(claim.source_published, empty='undated'))}</div>"
        f"<div style='margin-top:4px;{quote_size}'>\u201c{esc(claim.quote)}\u201d</div>{statement}{who}"
    )


class ClaimCard(QFrame):
    """One claim: a card with its text and the actions that apply to it."""

    def __init__(self, claim, *, link=None, accent=None, big: bool = False, parent=None) -> None:
        super().__init__(parent)
        self.claim, self.link = claim, link
        self.setObjectName("claimCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        colors = theme.colors()
        border = accent.name() if accent is not None else colors.muted_text.name()
        self.setStyleSheet(
            f"QFrame#claimCard {{ background:{colors.card.name()}; border:1px solid {colors.muted_text.name()};"
            f" border-left:4px solid {border}; border-radius:4px; }}"
        )
        self.text = QLabel(_card_html(claim, big=big), self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.buttons = QHBoxLayout()
        self.buttons.setContentsMargins(0, 0, 0, 0)
        self.buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 6, 8, 6)
        lay.addWidget(self.text)
        lay.addLayout(self.buttons)

    def note(self, text: str, *, objectName: str = "", warn: bool = False) -> QLabel:  # noqa: N803
        """A line under the card's text: what the claim is reported from, or why a corroboration does not
        count (``warn``: in the denial colour, the whole note in the tooltip)."""
        label = QLabel(self)
        label.setObjectName(objectName)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setText(text)
        label.setToolTip(text)
        if warn:
            label.setStyleSheet(f"color:{theme.colors().denial_accent.name()}; font-weight:bold")
        else:
            label.setStyleSheet(f"color:{theme.colors().muted_text.name()}")
        layout = self.layout()
        layout.insertWidget(1, label)
        return label

    def add_button(self, text: str, slot, tip: str = "") -> QToolButton:
        b = QToolButton(self)
        b.setText(text)
        b.setToolTip(tip)
        b.setAutoRaise(True)
        b.clicked.connect(slot)
        self.buttons.addWidget(b)
        return b


class DropZone(QFrame):
    """A group of linked claims that accepts dropped claims (from the claim list) to link them."""

    claims_dropped = Signal(object, list)  # LinkKind, claim ids

    def __init__(self, kind: LinkKind, title: str, hint: str, parent=None) -> None:
        super().__init__(parent)
        self.kind, self.title_text, self.hint = kind, title, hint
        self.setObjectName(f"dropZone_{kind.value}")
        self.setAcceptDrops(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.title = QLabel(self)
        self.title.setObjectName("groupTitle")
        self.empty = QLabel(hint, self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setObjectName("dropHint")
        self.cards = QVBoxLayout()
        self.cards.setContentsMargins(0, 0, 0, 0)
        self.cards.setSpacing(6)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self.title)
        lay.addLayout(self.cards)
        lay.addWidget(self.empty)
        self._hover = False
        self.set_count(0)

    def set_count(self, n: int) -> None:
        accent = {
            LinkKind.DENIES: theme.colors().denial_accent,
            LinkKind.CORROBORATES: theme.colors().corroboration_accent,
            LinkKind.QUALIFIES: theme.colors().qualification_accent,
        }[self.kind]
        self.title.setText(f"<b style='color:{accent.name()}'>{self.title_text} ({n})</b>")
        self.empty.setVisible(n == 0)
        self.empty.setText(self.hint if n == 0 else "")
        self._paint()

    def _paint(self) -> None:
        muted = theme.colors().muted_text.name()
        style = "dashed" if not self._hover else "solid"
        width = 1 if not self._hover else 2
        self.setStyleSheet(
            f"QFrame#{self.objectName()} {{ border:{width}px {style} {muted}; border-radius:6px; }}"
            f"QLabel#dropHint {{ color:{muted}; padding:10px; }}"
        )

    def clear_cards(self) -> None:
        while self.cards.count():
            item = self.cards.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()

    def add_card(self, card: QWidget) -> None:
        self.cards.addWidget(card)

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasFormat(CLAIM_IDS_MIME):
            event.setDropAction(Qt.DropAction.LinkAction)
            event.accept()
            self._hover = True
            self._paint()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasFormat(CLAIM_IDS_MIME):
            event.setDropAction(Qt.DropAction.LinkAction)
            event.accept()
        else:
            event.ignore()

    def dragLeaveEvent(self, event) -> None:  # noqa: N802
        self._hover = False
        self._paint()

    def dropEvent(self, event) -> None:  # noqa: N802
        self._hover = False
        self._paint()
        ids = claim_ids_from_mime(event.mimeData())
        if not ids:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.LinkAction)
        event.accept()
        self.claims_dropped.emit(self.kind, ids)


class ClaimLinksView(QScrollArea):
    """The claim shown, then its denials and corroborations (and qualifications) as drop zones."""

    link_requested = Signal(int, object, int)  # from claim id, LinkKind, to claim id
    unlink_requested = Signal(object)  # LinkedClaim
    show_in_source_requested = Signal(object)  # ClaimRecord
    claim_activated = Signal(int)
    edit_requested = Signal(object)  # ClaimRecord
    delete_requested = Signal(object)  # ClaimRecord
    provenance_requested = Signal(int)  # claim id: show where it came from

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("claimLinks")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.data = None  # ClaimWithLinks
        inner = QWidget(self)
        self.setWidget(inner)
        self.lay = QVBoxLayout(inner)
        self.lay.setContentsMargins(8, 8, 8, 8)
        self.lay.setSpacing(10)
        self.placeholder = QLabel("Select a claim to see its denials and corroborations side by side.", inner)
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.lay.addWidget(self.placeholder)
        self.main_holder = QVBoxLayout()
        self.lay.addLayout(self.main_holder)
        self.zones: dict[str, DropZone] = {}
        for key, kind, title, hint in GROUPS:
            zone = DropZone(kind, title, hint, inner)
            zone.claims_dropped.connect(self._dropped)
            self.zones[key] = zone
            self.lay.addWidget(zone)
        self.outgoing = QLabel(inner)
        self.outgoing.setWordWrap(True)
        self.outgoing.setTextFormat(Qt.TextFormat.RichText)
        self.outgoing.linkActivated.connect(lambda href: self.claim_activated.emit(int(href.lstrip("c"))))
        self.lay.addWidget(self.outgoing)
        self.lay.addStretch(1)
        self._main_card: ClaimCard | None = None
        self.show_claim(None)
        theme.on_change(self, lambda: self.show_claim(self.data))  # the cards' colours are their own

    def claim_id(self) -> int | None:
        return self.data.claim.id if self.data is not None else None

    def show_claim(self, data, *, independence: dict[int, str] | None = None, report=None) -> None:
        """Show a ClaimWithLinks (or nothing). ``independence``: for each corroborating (or corroborated)
        claim, '' when it is independent of this one, else why not (app.provenance); ``report``: what this
        claim is reported from (a ReportRecord), or None for first hand."""
        keep_scroll = (
            self.verticalScrollBar().value()
            if data is not None and self.data is not None and data.claim.id == self.data.claim.id
            else 0
        )
        self.data = data
        self.independence = independence or {}
        self.placeholder.setVisible(data is None)
        if self._main_card is not None:
            self._main_card.deleteLater()
            self._main_card = None
        for zone in self.zones.values():
            zone.clear_cards()
            zone.setVisible(data is not None)
        self.outgoing.setVisible(False)
        if data is None:
            return
        c = data.claim
        card = ClaimCard(c, big=True, parent=self.widget())
        card.add_button(
            "Show in source",
            lambda: self.show_in_source_requested.emit(c),
            "Open the source with this quote selected",
        )
        card.add_button("Edit...", lambda: self.edit_requested.emit(c), "Edit this claim")
        card.add_button("Delete", lambda: self.delete_requested.emit(c), "Delete this claim (undoable)")
        card.add_button(
            "Provenance...",
            lambda: self.provenance_requested.emit(c.id),
            "Where this claim came from: its chain back to its origins (Ctrl+Shift+P)",
        )
        if report is not None:
            origin = (
                f"c{report.reported_from_id}"
                if report.reported_from_id is not None
                else f"{report.origin_name or 'an unnamed source'} (no surviving original)"
            )
            card.note(f"Reported from {origin}", objectName="reportedFrom")
        self._main_card = card
        self.main_holder.addWidget(card)
        colors = theme.colors()
        accents = {
            "denials": colors.denial_accent,
            "corroborations": colors.corroboration_accent,
            "qualifications": colors.qualification_accent,
        }
        for key, zone in self.zones.items():
            linked = getattr(data, key)
            zone.set_count(len(linked))
            self._add_cards(key, accents[key], linked, 0)
        rows = []
        for key, label in OUTGOING:
            for lc in getattr(data, key):
                dependent = key == "corroborates" and self.independence.get(lc.claim.id, "")
                rows.append(
                    f"{label} <a href='c{lc.claim.id}'>c{lc.claim.id}</a> "
                    f"({html.escape(lc.claim.actor_name or 'unknown actor')}, {lc.claim.grade})"
                    + (
                        f" <span style='color:{theme.colors().denial_accent.name()}'>not independent</span>"
                        if dependent
                        else ""
                    )
                )
        if rows:
            self.outgoing.setText("<br>".join(rows))
            self.outgoing.setVisible(True)
        self.verticalScrollBar().setValue(keep_scroll)

    def _add_cards(self, key: str, accent, linked, shown: int) -> None:
        """Add the group's cards from ``shown`` on, at most MAX_CARDS, then a button for the rest."""
        zone = self.zones[key]
        for lc in linked[shown : shown + MAX_CARDS]:
            card = self._linked_card(lc, accent)
            why = self.independence.get(lc.claim.id, "") if key == "corroborations" else ""
            if why:  # the corroboration shares this claim's origin: it does not count
                card.note(f"Not independent: {why}", objectName="notIndependent", warn=True)
            zone.add_card(card)
        shown = min(len(linked), shown + MAX_CARDS)
        if shown < len(linked):
            more = QPushButton(
                f"Show {min(MAX_CARDS, len(linked) - shown):,} more "
                f"({len(linked) - shown:,} of {len(linked):,} not shown)",
                zone,
            )
            more.setObjectName("showMoreCards")

            def show_more() -> None:
                zone.cards.removeWidget(more)
                more.deleteLater()
                self._add_cards(key, accent, linked, shown)

            more.clicked.connect(show_more)
            zone.add_card(more)

    def _linked_card(self, lc, accent) -> ClaimCard:
        card = ClaimCard(lc.claim, link=lc.link, accent=accent, parent=self.widget())
        card.add_button(
            "Open", lambda: self.claim_activated.emit(lc.claim.id), "Show this claim with its links"
        )
        card.add_button(
            "Show in source",
            lambda: self.show_in_source_requested.emit(lc.claim),
            "Open the source with this quote selected",
        )
        card.add_button("Unlink", lambda: self.unlink_requested.emit(lc), "Remove this link (undoable)")
        if lc.link.note:
            card.setToolTip(f"Note: {lc.link.note}")
        card.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        card.customContextMenuRequested.connect(lambda pos: self._card_menu(card, lc, pos))
        return card

    def _card_menu(self, card: ClaimCard, lc, pos) -> None:
        menu = QMenu(self)
        menu.addAction("Open", lambda: self.claim_activated.emit(lc.claim.id))
        menu.addAction("Show in source", lambda: self.show_in_source_requested.emit(lc.claim))
        menu.addSeparator()
        menu.addAction("Unlink", lambda: self.unlink_requested.emit(lc))
        menu.exec(card.mapToGlobal(pos))

    def _dropped(self, kind: LinkKind, ids: list[int]) -> None:
        if self.data is None:
            return
        target = self.data.claim.id
        for cid in ids:
            if cid != target:
                self.link_requested.emit(cid, kind, target)

    def buttons(self) -> list[QPushButton]:
        return self.findChildren(QToolButton)
