"""Provenance of a claim or a source: the chain as a small graph, and where it is recorded.

``ProvenanceGraphView`` draws nodes (claims, sources whose content travelled without a matching claim, and
originals that did not survive) in columns by distance from the claim or source shown, with arrows from the
later to the earlier, each labelled with how it travelled ("reported from", "rewritten from", ...). Origins
are drawn with a heavy border; a lost original with a dashed one. Keyboard: Right goes one hop back towards
the origin, Left one hop forward, Up/Down move within a column, Home returns to the start, Enter (or a
double click) opens the node's source at the quote.

``ProvenanceDialog`` shows the graph for a claim (``claim_id``) or a source (``source_id``), says how many
hands and independent origins there are, and records changes: what a claim is reported from (a claim, or an
original that did not survive, named), and what a source derives from (kind per link). Reads run on the read
pool, changes as undoable commands on the write worker (ui/provenance_commands.py).
"""

from __future__ import annotations

import html
from types import SimpleNamespace

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsTextItem,
    QGraphicsView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain import Change, DerivationKind, Entity
from app.provenance_records import ProvenanceHop, ProvenanceNode
from ui import theme

NODE_W, NODE_H = 230.0, 62.0
COL_GAP, ROW_GAP = 90.0, 26.0
MIN_SCALE = 0.6  # below this the labels are too small to read: the view scrolls instead
PHRASE = {
    "reported from": "reported from",
    "rewrites": "rewritten from",
    "quotes": "quoted from",
    "translates": "translated from",
    "reposts": "reposted from",
    "cites": "cited from",
}


def node_title(n: ProvenanceNode) -> str:
    if n.kind == "lost":
        return n.speaker or "unnamed"
    if n.kind == "source":
        return f"{n.key} {n.source_outlet or n.source_title}".strip()
    return f"{n.key} {n.speaker or 'unattributed'}"


def node_subtitle(n: ProvenanceNode) -> str:
    if n.kind == "lost":
        return "no surviving original"
    if n.kind == "source":
        return n.source_title if n.source_outlet else ""
    return n.source_outlet or n.source_title


def node_description(n: ProvenanceNode) -> str:
    """One sentence for a screen reader and the status line under the graph."""
    if n.kind == "lost":
        text = f"{n.speaker or 'An unnamed source'}: an original that did not survive"
    elif n.kind == "source":
        text = f"Source s{n.id}, {n.source_title}" + (f" ({n.source_outlet})" if n.source_outlet else "")
    else:
        where = n.source_outlet or n.source_title
        text = f"Claim c{n.id} by {n.speaker or 'an unnamed speaker'}" + (f", in {where}" if where else "")
    if n.origin:
        text += "; an origin"
    return text + "."


class NodeItem(QGraphicsRectItem):
    """One node: a rounded box with the node's title and where it is."""

    def __init__(self, node: ProvenanceNode, layer: int) -> None:
        super().__init__(0, 0, NODE_W, NODE_H)
        self.node, self.layer = node, layer
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsSelectable | QGraphicsItem.GraphicsItemFlag.ItemIsFocusable
        )
        colors = theme.colors()
        self.setBrush(QBrush(colors.card))
        pen = QPen(colors.corroboration_accent if node.origin else colors.muted_text)
        pen.setWidthF(3.0 if node.origin else 1.2)
        if node.kind == "lost":
            pen.setStyle(Qt.PenStyle.DashLine)
        self.setPen(pen)
        self.setToolTip(node_description(node) + (f"\n{node.statement}" if node.statement else ""))
        title = self.title = QGraphicsTextItem(self)  # kept: PySide would delete an unreferenced child
        title.setTextWidth(NODE_W - 12)
        sub = html.escape(node_subtitle(node))
        origin = " · <b>origin</b>" if node.origin else ""
        title.setHtml(
            f"<div style='font-weight:bold'>{html.escape(node_title(node))}</div>"
            f"<div style='color:{colors.muted_text.name()}'>{sub}{origin}</div>"
        )
        title.setPos(6, 4)
        self.setRect(0, 0, NODE_W, max(NODE_H, title.boundingRect().height() + 10))

    def paint(self, painter, option, widget=None) -> None:  # noqa: ANN001 - Qt's signature
        painter.setRenderHint(painter.RenderHint.Antialiasing)
        pen = QPen(self.pen())
        if self.isSelected():
            pen.setColor(QApplication.palette().color(QPalette.ColorRole.Highlight))
            pen.setWidthF(max(pen.widthF(), 2.5))
        painter.setPen(pen)
        painter.setBrush(self.brush())
        painter.drawRoundedRect(self.rect(), 6, 6)


class ProvenanceGraphView(QGraphicsView):
    """The chain as a graph: the start on the left, origins to the right."""

    node_activated = Signal(object)  # ProvenanceNode (Enter / double click)
    current_changed = Signal(object)  # ProvenanceNode or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("provenanceGraph")
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(self.renderHints())
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Provenance graph")
        self.items_by_key: dict[str, NodeItem] = {}
        self.earlier: dict[str, list[str]] = {}
        self.later: dict[str, list[str]] = {}
        self.layers: list[list[str]] = []
        self.start_key = ""
        self.scene().selectionChanged.connect(self._selection_changed)

    # --- building ------------------------------------------------------------------------------------
    def show_graph(self, nodes: tuple[ProvenanceNode, ...], hops: tuple[ProvenanceHop, ...]) -> None:
        scene = self.scene()
        scene.clear()
        self.items_by_key.clear()
        self.earlier, self.later, self.layers = {}, {}, []
        if not nodes:
            return
        self.start_key = nodes[0].key
        for h in hops:
            self.earlier.setdefault(h.later, []).append(h.earlier)
            self.later.setdefault(h.earlier, []).append(h.later)
        # layers: distance from the start along hops (later -> earlier); nodes not reached (a source's
        # descendants) go by distance the other way, to the left
        depth: dict[str, int] = {self.start_key: 0}
        queue = [self.start_key]
        while queue:
            k = queue.pop(0)
            for e in self.earlier.get(k, []):
                if e not in depth:
                    depth[e] = depth[k] + 1
                    queue.append(e)
            for lt in self.later.get(k, []):
                if lt not in depth:
                    depth[lt] = depth[k] - 1
                    queue.append(lt)
        for n in nodes:
            depth.setdefault(n.key, 0)
        low = min(depth.values())
        by_layer: dict[int, list[ProvenanceNode]] = {}
        for n in nodes:
            by_layer.setdefault(depth[n.key] - low, []).append(n)
        for layer in sorted(by_layer):
            keys = []
            y = 0.0
            for n in by_layer[layer]:
                item = NodeItem(n, layer)
                item.setPos(layer * (NODE_W + COL_GAP), y)
                y += item.rect().height() + ROW_GAP
                scene.addItem(item)
                self.items_by_key[n.key] = item
                keys.append(n.key)
            self.layers.append(keys)
        colors = theme.colors()
        for h in hops:
            a, b = self.items_by_key.get(h.later), self.items_by_key.get(h.earlier)
            if a is None or b is None:
                continue
            self._edge(a, b, PHRASE.get(h.relation, h.relation), h, colors.muted_text)
        scene.setSceneRect(scene.itemsBoundingRect().adjusted(-20, -20, 20, 20))
        self._fit()
        self.select(self.start_key)

    def _fit(self) -> None:
        """The whole graph in view when it fits at a readable size; else readable, and scrolled to."""
        self.resetTransform()
        rect = self.sceneRect()
        view = self.viewport().rect()
        if rect.isEmpty() or view.isEmpty():
            return
        scale = min(view.width() / rect.width(), view.height() / rect.height(), 1.0)
        scale = max(scale, MIN_SCALE)
        self.scale(scale, scale)

    def resizeEvent(self, event) -> None:  # noqa: N802, ANN001
        super().resizeEvent(event)
        self._fit()

    def _edge(self, a: NodeItem, b: NodeItem, label: str, hop: ProvenanceHop, color: QColor) -> None:
        ra, rb = a.sceneBoundingRect(), b.sceneBoundingRect()
        if rb.left() >= ra.right():
            p1, p2 = QPointF(ra.right(), ra.center().y()), QPointF(rb.left(), rb.center().y())
        elif rb.right() <= ra.left():
            p1, p2 = QPointF(ra.left(), ra.center().y()), QPointF(rb.right(), rb.center().y())
        else:
            p1, p2 = QPointF(ra.center().x(), ra.bottom()), QPointF(rb.center().x(), rb.top())
        path = QPainterPath(p1)
        mid_x = (p1.x() + p2.x()) / 2
        path.cubicTo(QPointF(mid_x, p1.y()), QPointF(mid_x, p2.y()), p2)
        # the arrow head at the earlier end
        direction = 1 if p2.x() >= p1.x() else -1
        path.moveTo(p2)
        path.lineTo(QPointF(p2.x() - 9 * direction, p2.y() - 5))
        path.moveTo(p2)
        path.lineTo(QPointF(p2.x() - 9 * direction, p2.y() + 5))
        edge = QGraphicsPathItem(path)
        pen = QPen(color)
        pen.setWidthF(1.4)
        edge.setPen(pen)
        edge.setZValue(-1)
        tip = label + (f"\n{hop.via}" if hop.via else "")
        if hop.recorded_by or hop.recorded:
            when = hop.recorded.date().isoformat() if hop.recorded else ""
            tip += f"\nrecorded {('by ' + hop.recorded_by) if hop.recorded_by else ''} {when}".rstrip()
        edge.setToolTip(tip)
        self.scene().addItem(edge)
        text = QGraphicsSimpleTextItem(label)
        font = QFont(text.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
        text.setFont(font)
        text.setBrush(QBrush(color))
        text.setToolTip(tip)
        box = text.boundingRect()
        text.setPos((p1.x() + p2.x()) / 2 - box.width() / 2, (p1.y() + p2.y()) / 2 - box.height() - 2)
        self.scene().addItem(text)

    # --- the current node and the keyboard -----------------------------------------------------------
    def current(self) -> ProvenanceNode | None:
        for item in self.scene().selectedItems():
            if isinstance(item, NodeItem):
                return item.node
        return None

    def select(self, key: str) -> None:
        item = self.items_by_key.get(key)
        if item is None:
            return
        self.scene().clearSelection()
        item.setSelected(True)
        item.setFocus()
        self.ensureVisible(item, 30, 30)

    def _selection_changed(self) -> None:
        self.current_changed.emit(self.current())

    def _neighbour_in_layer(self, step: int) -> str | None:
        cur = self.current()
        if cur is None:
            return None
        for keys in self.layers:
            if cur.key in keys:
                i = keys.index(cur.key) + step
                return keys[i] if 0 <= i < len(keys) else None
        return None

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        cur = self.current()
        key = event.key()
        target: str | None = None
        if cur is None and self.items_by_key:
            target = self.start_key
        elif key == Qt.Key.Key_Right:
            target = next(iter(self.earlier.get(cur.key, [])), None) if cur else None
        elif key == Qt.Key.Key_Left:
            target = next(iter(self.later.get(cur.key, [])), None) if cur else None
        elif key == Qt.Key.Key_Down:
            target = self._neighbour_in_layer(1)
        elif key == Qt.Key.Key_Up:
            target = self._neighbour_in_layer(-1)
        elif key == Qt.Key.Key_Home:
            target = self.start_key
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and cur is not None:
            self.node_activated.emit(cur)
            event.accept()
            return
        else:
            super().keyPressEvent(event)
            return
        if target is not None:
            self.select(target)
        event.accept()

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: N802, ANN001
        super().mouseDoubleClickEvent(event)
        cur = self.current()
        if cur is not None:
            self.node_activated.emit(cur)


class ProvenanceDialog(QDialog):
    """Where a claim or a source came from, and what is recorded about it."""

    open_node = Signal(object)  # ProvenanceNode: open its source (at the quote, for a claim)

    def __init__(
        self, ctx, *, claim_id: int | None = None, source_id: int | None = None, parent=None
    ) -> None:  # noqa: ANN001
        super().__init__(parent)
        if (claim_id is None) == (source_id is None):
            raise ValueError("a provenance view shows one claim or one source")
        self.ctx, self.lib, self.jobs = ctx, ctx.lib, ctx.jobs
        self.claim_id, self.source_id = claim_id, source_id
        self.setObjectName("provenanceDialog")
        self.setWindowTitle(
            f"Provenance of c{claim_id}" if claim_id is not None else f"Provenance of s{source_id}"
        )
        self.summary = QLabel(self)
        self.summary.setObjectName("provenanceSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.graph = ProvenanceGraphView(self)
        self.graph.node_activated.connect(self._open)
        self.graph.current_changed.connect(self._describe)
        self.status = QLabel(self)
        self.status.setObjectName("provenanceStatus")
        self.status.setWordWrap(True)
        self.open_button = QPushButton("&Open in source", self)
        self.open_button.clicked.connect(lambda: self._open(self.graph.current()))
        edit = QWidget(self)
        form = QFormLayout(edit)
        form.setContentsMargins(0, 0, 0, 0)
        if claim_id is not None:
            self._build_claim_editor(form)
        else:
            self._build_source_editor(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addWidget(self.graph, 1)
        lay.addWidget(self.status)
        lay.addWidget(edit)
        lay.addWidget(buttons)
        self.resize(860, 520)
        self.jobs.library_changed.connect(self._library_changed)
        self.reload()

    # --- editing what a claim is reported from ----------------------------------------------------
    def _build_claim_editor(self, form: QFormLayout) -> None:
        self.reported_label = QLabel(self)
        self.reported_label.setObjectName("reportedFrom")
        self.reported_label.setWordWrap(True)
        row = QHBoxLayout()
        self.set_report_button = QPushButton("Reported from a &claim...", self)
        self.set_report_button.setToolTip(
            "Choose the claim this one reports (its original, or the report it came through)"
        )
        self.set_report_button.clicked.connect(self._choose_reported_claim)
        self.lost_button = QPushButton("From a &lost original...", self)
        self.lost_button.setToolTip("Reported from an original that did not survive: name who it came from")
        self.lost_button.clicked.connect(self._choose_lost_original)
        self.clear_report_button = QPushButton("&First hand", self)
        self.clear_report_button.setToolTip("Forget what this claim was reported from")
        self.clear_report_button.clicked.connect(self._clear_report)
        for b in (self.set_report_button, self.lost_button, self.clear_report_button):
            row.addWidget(b)
        row.addStretch(1)
        form.addRow("Reported from:", self.reported_label)
        form.addRow("", row)

    def _choose_reported_claim(self) -> None:
        from ui.claim_picker_dialog import ClaimPickerDialog

        dlg = ClaimPickerDialog(self.lib, self.jobs, self)
        dlg.setWindowTitle(f"c{self.claim_id} is reported from...")
        self.active_dialog = dlg

        def done(result: int) -> None:
            ids = dlg.chosen_ids() if result == QDialog.DialogCode.Accepted else []
            if ids:
                self.set_reported_from(ids[0])

        dlg.finished.connect(done)
        dlg.open()

    def _choose_lost_original(self) -> None:
        name, ok = QInputDialog.getText(
            self,
            "A lost original",
            "Who did it come from? (e.g. 'a Western official', 'Reuters')",
        )
        if ok:
            self.set_reported_from(None, origin_name=name)

    def set_reported_from(self, reported_from_id: int | None, *, origin_name: str = "") -> None:
        from ui.provenance_commands import ReportCommand
        from ui.undo_commands import run_command

        run_command(
            self.ctx.undo_stack,
            ReportCommand(
                self.lib, self.jobs, self.claim_id, reported_from_id, origin_name, self.ctx.report_error
            ),
            on_error=self.ctx.report_error,
        )

    def _clear_report(self) -> None:
        from ui.provenance_commands import ReportCommand
        from ui.undo_commands import run_command

        run_command(
            self.ctx.undo_stack,
            ReportCommand(self.lib, self.jobs, self.claim_id, None, "", self.ctx.report_error, clear=True),
            on_error=self.ctx.report_error,
        )

    # --- editing what a source derives from -------------------------------------------------------
    def _build_source_editor(self, form: QFormLayout) -> None:
        self.derived_list = QListWidget(self)
        self.derived_list.setObjectName("derivedFrom")
        self.derived_list.setMaximumHeight(110)
        self.derived_list.setAccessibleName("Derived from")
        row = QHBoxLayout()
        self.kind_combo = QComboBox(self)
        for k in DerivationKind:
            self.kind_combo.addItem(k.value, k.value)
        self.kind_combo.setToolTip(
            "rewrites, translates, reposts: the whole content; quotes, cites: part of it"
        )
        self.add_derivation_button = QPushButton("&Derived from source...", self)
        self.add_derivation_button.clicked.connect(self._choose_derived_from)
        self.set_kind_button = QPushButton("Set &kind", self)
        self.set_kind_button.setToolTip("Give the selected link the kind chosen beside")
        self.set_kind_button.clicked.connect(self._set_kind)
        self.remove_derivation_button = QPushButton("&Remove link", self)
        self.remove_derivation_button.clicked.connect(self._remove_derivation)
        for w in (
            self.kind_combo,
            self.add_derivation_button,
            self.set_kind_button,
            self.remove_derivation_button,
        ):
            row.addWidget(w)
        row.addStretch(1)
        form.addRow("Derived from:", self.derived_list)
        form.addRow("", row)

    def _choose_derived_from(self) -> None:
        number, ok = QInputDialog.getText(
            self, "Derived from", f"s{self.source_id} derives from source (id, e.g. s3):"
        )
        if not ok:
            return
        text = number.strip().lower().removeprefix("s")
        if not text.isdigit():
            self.ctx.report_error(ValueError(f"'{number}' is not a source id such as s3."))
            return
        self.derive(int(text), self.kind_combo.currentData())

    def derive(self, derived_from_id: int, kind: str) -> None:
        from ui.provenance_commands import DerivationCommand
        from ui.undo_commands import run_command

        run_command(
            self.ctx.undo_stack,
            DerivationCommand(
                self.lib, self.jobs, self.source_id, derived_from_id, kind, self.ctx.report_error
            ),
            on_error=self.ctx.report_error,
        )

    def _selected_derivation(self) -> int | None:
        item = self.derived_list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def _set_kind(self) -> None:
        target = self._selected_derivation()
        if target is not None:
            self.derive(target, self.kind_combo.currentData())

    def _remove_derivation(self) -> None:
        from ui.provenance_commands import DerivationCommand
        from ui.undo_commands import run_command

        target = self._selected_derivation()
        if target is None:
            return
        run_command(
            self.ctx.undo_stack,
            DerivationCommand(
                self.lib, self.jobs, self.source_id, target, "", self.ctx.report_error, remove=True
            ),
            on_error=self.ctx.report_error,
        )

    # --- reading ---------------------------------------------------------------------------------------
    def reload(self) -> None:
        lib = self.lib
        if self.claim_id is not None:
            cid = self.claim_id

            def read():
                return lib.provenance.origins(cid), lib.provenance.report(cid)

            self.jobs.read(read, self._show_claim, self._failed)
        else:
            sid = self.source_id
            self.jobs.read(lambda: lib.provenance.derivations(sid), self._show_source, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.summary.setText(str(exc))
        self.ctx.report_error(exc)

    def _show_claim(self, result) -> None:  # noqa: ANN001
        origins, report = result
        start = origins.nodes[0]
        if origins.depth == 0:
            text = f"c{start.id} is first hand: nothing recorded says it came from elsewhere."
        else:
            labels = [node_title(origins.node(k)) for k in origins.origins]
            hands = "hand" if origins.depth == 1 else "hands"
            text = (
                f"c{start.id} is {origins.depth} {hands} from its origin"
                f"{'s' if len(labels) > 1 else ''}: {'; '.join(labels)}. "
                f"{origins.independent_count} independent origin{'s' if origins.independent_count != 1 else ''}."
            )
        self.summary.setText(text)
        self.graph.show_graph(origins.nodes, origins.hops)
        if report is None and origins.depth:
            self.reported_label.setText("no claim recorded; it came here through its source's derivation")
        elif report is None:
            self.reported_label.setText("nothing: first hand")
        elif report.reported_from_id is None:
            self.reported_label.setText(
                f"{report.origin_name or 'an unnamed source'} (no surviving original)"
            )
        else:
            self.reported_label.setText(f"c{report.reported_from_id}")
        self.clear_report_button.setEnabled(report is not None)

    def _show_source(self, prov) -> None:  # noqa: ANN001
        sid = prov.source_id
        roots = [r for r in prov.roots if r != sid]
        if not prov.derived_from and not prov.derived_by:
            text = f"s{sid} derives from no recorded source, and none is recorded as derived from it."
        else:
            text = f"s{sid} derives from {len(prov.derived_from)} source(s) and {len(prov.derived_by)} derive from it."
            if roots:
                text += " Its content traces back to " + ", ".join(f"s{r}" for r in roots) + "."
        self.summary.setText(text)
        self.graph.show_graph(prov.nodes, prov.hops)
        self.derived_list.clear()
        for d in prov.derived_from:
            item = QListWidgetItem(
                f"{d.kind.value} s{d.derived_from_id} {d.derived_from_outlet or d.derived_from_title}"
                + (f"  (recorded by {d.created_by})" if d.created_by else "")
            )
            item.setData(Qt.ItemDataRole.UserRole, d.derived_from_id)
            self.derived_list.addItem(item)
        has = bool(prov.derived_from)
        self.set_kind_button.setEnabled(has)
        self.remove_derivation_button.setEnabled(has)

    def _describe(self, node: ProvenanceNode | None) -> None:
        if node is None:
            self.status.setText("")
            self.open_button.setEnabled(False)
            return
        tip = (
            " Enter opens its source at the quote."
            if node.kind == "claim"
            else (" Enter opens the source." if node.kind == "source" else "")
        )
        self.status.setText(node_description(node) + tip)
        self.open_button.setEnabled(node.kind != "lost")

    def _open(self, node: ProvenanceNode | None) -> None:
        """Open the node's source (at the quote, for a claim) in the main window, and close this view."""
        if node is not None and node.kind != "lost":
            self.open_node.emit(node)
            self.accept()

    def _library_changed(self, changes: tuple[Change, ...]) -> None:
        entities = {c.entity for c in changes}
        if entities & {Entity.REPORT, Entity.DERIVATION, Entity.CLAIM, Entity.SOURCE, Entity.LINK}:
            self.reload()


def open_request(node: ProvenanceNode) -> SimpleNamespace:
    """What 'show in source' needs for a node: its source, and the claim to select for a claim node."""
    return SimpleNamespace(source_id=node.source_id, id=node.id if node.kind == "claim" else None)
