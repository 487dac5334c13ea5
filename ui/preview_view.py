"""Live preview of a brief, rendered by ``app.export.render_html`` off the GUI thread.

``PreviewView.schedule(brief)`` debounces (``DEBOUNCE_MS``); the render runs through ``jobs.read`` and a
result older than the latest request is dropped. The render renders again only the top-level blocks whose
source changed (``ui.preview_render``: the same HTML as a whole render). The scroll position is kept across refreshes. Clicking a
citation marker (``briefdesk:c12``) emits ``claim_activated(12)``.

The preview loads nothing but the brief's images that are allowed (local image files under the library's
folder or the folders in the settings, see ``app.export.images``): ``loadResource`` answers every other
request (style sheets, remote or other local files) with nothing.

A refresh replaces in place only the top-level blocks whose HTML changed (``ui.preview_blocks``: one
paragraph typed in costs a few milliseconds on the GUI thread, where setting the whole HTML of a 20-page
brief costs 13-50); the first render, a new palette and any change it cannot make exactly set the whole HTML.
``updated_in_place`` says which the last refresh did. An edit that renumbers the notes (``ui.preview_renumber``)
renumbers only the blocks in view, in the event-loop stretch right after the update and before anything is
painted, and those that come into view (a scroll, a resize) at once; the rest in
slices of about ``SLICE_MS`` while the event loop is idle once the analyst has paused (``QUIET_MS``: a
keystroke or a new render puts them off again), and all of it at once when something reads or
hands on the whole document: ``find``, copying (``createMimeDataFromSelection``), ``print_``, ``toPlainText``,
``toHtml``, ``toMarkdown`` (not ``document()``'s own readers: they show the document as it is).
"""

from __future__ import annotations

import dataclasses
import sys
import time
from pathlib import Path

from PySide6.QtCore import QPoint, QTimer, QUrl, Signal
from PySide6.QtGui import QImageReader, QTextDocument
from PySide6.QtWidgets import QTextBrowser

from app.brief_model import parse_brief
from app.citations import cited_claim_ids, cited_source_ids
from app.export import render_html
from app.export.images import ImageFolders
from ui import preview_blocks, theme
from ui.preview_blocks import ShownBlocks, normalized_blocks, split_blocks
from ui.preview_render import PreviewRenderer
from ui.preview_renumber import note_paragraphs
from ui.settings import Settings, image_folders

DEBOUNCE_MS = 250
SLICE_MS = 6  # GUI-thread time one idle slice of a renumbering aims at (the paint after it comes on top)
FIRST_SLICE_CHARS = 20_000  # HTML chars of the first slice, before any was timed
# Each slice also moves every line after it (Qt), ~1 ms at the top of a 100-page brief: on a loaded machine, where
# a char's time doubles, smaller slices cost more in all (measured at load 6-9: 36-44 slices of ~12,000 chars
# took 15-40 % more GUI time than 24-26 of 20,000). Slices grow on a fast machine, never below the first's size.
MIN_SLICE_CHARS = FIRST_SLICE_CHARS
# The renumbering out of view waits until the analyst has stopped typing this long (no keystroke, no render):
# a citation typed key by key ("[@c1", "[@c12", "[@c123]") renumbers on every render, and each would
# otherwise pay for the whole document's slices (100-130 ms of GUI time at 100 pages) that the next redoes.
QUIET_MS = 1000


def preview_images(lib) -> ImageFolders:
    """The folders the preview shows images from: the library's own and the settings'."""
    path = getattr(lib, "path", None)
    return ImageFolders.of(Path(path).parent if path else None, image_folders(Settings.load()))


class CitedRecords:
    """The cited claims and sources the preview has read, kept while the analyst types (a keystroke seldom
    cites anything new): only ids not read before are read. The view replaces it with a new one when the
    library changes, so a read already running on the worker fills the old one, never the new."""

    def __init__(self) -> None:
        self._claims: dict[int, object] = {}
        self._sources: dict[int, object] = {}
        self._missing: set[tuple[str, int]] = set()

    def resolver(self, lib, model) -> dict[str, object]:
        """Citation key -> record, for every cited key the library holds."""
        claim_ids, source_ids = cited_claim_ids(model.citations), cited_source_ids(model.citations)
        for kind, ids, known, service in (
            ("c", claim_ids, self._claims, lib.claims),
            ("s", source_ids, self._sources, lib.sources),
        ):
            new = [i for i in ids if i not in known and (kind, i) not in self._missing]
            if new:
                found = service.get_many(new)
                known.update(found)
                self._missing.update((kind, i) for i in new if i not in found)
        claims, sources = self._claims, self._sources
        return {f"c{i}": claims[i] for i in claim_ids if i in claims} | {
            f"s{i}": sources[i] for i in source_ids if i in sources
        }


def render_preview(lib, brief, images: ImageFolders | None = None, records: CitedRecords | None = None):
    """Worker-side: resolve the body's citation keys through the library (through ``records``, the view's,
    when given) and render (unknown keys shown), the notes as paragraphs (``note_paragraphs``)."""
    model = parse_brief(brief.body)
    resolver = (records or CitedRecords()).resolver(lib, model)
    result = render_html(
        brief, resolver, allow_missing=True, images=images.resolve if images else None, model=model
    )
    # The notes one paragraph each (not the exported HTML's list): a note added is one block inserted.
    return dataclasses.replace(result, html=note_paragraphs(result.html))


def _with_blocks(result):
    """Worker-side: the rendered result, its HTML cut into top-level blocks and their normalized forms."""
    blocks = split_blocks(result.html)
    return result, blocks, None if blocks is None else normalized_blocks(blocks)


class PreviewView(QTextBrowser):
    claim_activated = Signal(int)
    rendered = Signal()

    def __init__(self, lib, jobs, parent=None) -> None:
        super().__init__(parent)
        self.lib, self.jobs = lib, jobs
        self.images = preview_images(lib)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.document().setUndoRedoEnabled(False)  # in-place updates would otherwise pile up undo steps
        # Headings a step smaller than Qt's defaults: the title should not fill a narrow preview pane.
        self.document().setDefaultStyleSheet(
            "h1 { font-size: x-large; } h2 { font-size: large; } h3 { font-size: medium; }"
        )
        self.anchorClicked.connect(self._on_anchor)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._render)
        self._pending = None
        self._asked = None  # the brief last scheduled (None: render whatever is scheduled next)
        self._generation = 0
        self.records = CitedRecords()
        self.renderer = PreviewRenderer()  # the blocks rendered last, reused by the next render
        self.shown = ShownBlocks()
        self.updated_in_place = False
        self._target_html = ""
        self._steps = QTimer(self)  # the slices of a renumbering out of view, one an event-loop stretch
        self._steps.setSingleShot(True)
        self._steps.setInterval(0)
        self._steps.timeout.connect(self._patch_more)
        self._in_view = QTimer(self)  # the blocks in view renumbered, in the stretch after the update
        self._in_view.setSingleShot(True)
        self._in_view.setInterval(0)
        self._in_view.timeout.connect(self._patch_in_view)
        self._quiet = QTimer(self)  # the slices start once the analyst has paused (``QUIET_MS``)
        self._quiet.setSingleShot(True)
        self._quiet.setInterval(QUIET_MS)
        self._quiet.timeout.connect(self._steps.start)
        self._slice_chars = FIRST_SLICE_CHARS
        self._patching = False
        self.verticalScrollBar().valueChanged.connect(self._patch_visible)
        if jobs is not None:
            jobs.library_changed.connect(self._library_changed)
        theme.on_change(self, self._new_palette)

    def schedule(self, brief, body: str) -> None:
        pending = dataclasses.replace(brief, body=body)
        if pending == self._asked:
            # Asked again for what was last asked (the editor's highlighter re-emits textChanged when it
            # recolours the text): the same HTML again, rendered for nothing on the worker.
            return
        self._pending = self._asked = pending
        self._timer.start(DEBOUNCE_MS)
        self._put_off_patching()  # the analyst is typing: the slices wait for the next pause

    def _pause_patching(self) -> None:
        self._steps.stop()
        self._quiet.stop()

    def _put_off_patching(self) -> None:
        """The renumbering out of view, if any, starts ``QUIET_MS`` from now (the slices stop until then)."""
        self._pause_patching()
        if self.shown.target is not None:
            self._quiet.start()

    def _render(self) -> None:
        if self._pending is None:
            return
        self._generation += 1
        gen, brief, lib, images, records, renderer = (
            self._generation,
            self._pending,
            self.lib,
            self.images,
            self.records,
            self.renderer,
        )
        self.jobs.read(
            lambda: renderer.render(lib, brief, images, records),
            lambda res: self._show(gen, *res),
            lambda exc: self._show_error(gen, exc),
            owner=self,
        )

    def _new_palette(self) -> None:
        """Links and text take the new palette's colours, which Qt reads when it parses the HTML: the next
        render sets the whole HTML."""
        self.shown.reset()
        self._render()

    def _library_changed(self, _changes) -> None:
        self.records = CitedRecords()  # read again on the next render
        self._asked = None  # the same text may now render differently

    def _show(
        self, gen: int, result, blocks: list[str] | None = None, normal: list[str] | None = None
    ) -> None:
        """Show ``result`` (its HTML cut into ``blocks`` on the worker; cut here when not given), changing
        only the blocks that differ from those shown when that can be done exactly. An edit that renumbers
        the notes gets its visible part renumbered at once and the rest later (``_patch_more``)."""
        if gen != self._generation:
            return  # stale
        if blocks is None:
            blocks = split_blocks(result.html)
        bar = self.verticalScrollBar()
        pos = bar.value()
        self.updated_in_place = blocks is not None and self.shown.update(
            self.document(), blocks, normal, notes_later=True
        )
        if not self.updated_in_place:
            self.setHtml(result.html)
            self.shown.reset(blocks, self.document(), normal)
        bar.setValue(pos)
        self._target_html = result.html
        # The notes that differ (``ShownBlocks.later``), then the blocks in view renumbered, each in a stretch
        # of its own right after this one (each edit block costs a pass over every line after it: the three
        # in one stretch went over 16 ms at 100 pages); nothing is painted in between, so the new text never
        # shows with the old numbers.
        if self.shown.later is not None or self._in_view_pending():
            self.viewport().setUpdatesEnabled(False)
            self._in_view.start()
        self._put_off_patching()  # the rest, in slices once the analyst pauses
        self.rendered.emit()

    def _in_view_pending(self) -> bool:
        return self.shown.target is not None and bool(self.shown.pending_between(*self._visible()))

    def _finish_update(self) -> None:
        """Replace now the notes the last update left (``ShownBlocks.later``); the whole HTML when that
        cannot be done exactly."""
        if self.shown.later is None:
            return
        bar = self.verticalScrollBar()
        pos = bar.value()
        if not self.shown.finish(self.document()):
            self.updated_in_place = False
            self.setHtml(self._target_html)
            self.shown.reset(split_blocks(self._target_html), self.document())
        bar.setValue(pos)

    def _patch(self, patch) -> None:
        """Run ``patch`` (a ``ShownBlocks`` patch; False when it could not be done exactly, and the whole HTML
        is then set), the scroll position kept; never inside another patch (scrolling calls back)."""
        if self._patching or self.shown.target is None:
            return
        self._patching = True
        bar = self.verticalScrollBar()
        pos = bar.value()
        try:
            if not patch(self.document()):
                self.setHtml(self._target_html)
                self.shown.reset(split_blocks(self._target_html), self.document())
        finally:
            bar.setValue(pos)
            self._patching = False

    def _visible(self) -> tuple[int, int]:
        """The first and last ``QTextBlock`` numbers the viewport shows."""
        port = self.viewport()
        top = self.cursorForPosition(QPoint(0, 0)).blockNumber()
        return top, self.cursorForPosition(QPoint(port.width() - 1, port.height() - 1)).blockNumber()

    def _patch_visible(self) -> None:
        """Renumber now the blocks the viewport shows (after an update, a scroll, a resize). Their new
        numbers may wrap their lines differently and bring other blocks into view: looked at again."""
        for _ in range(4):
            if self.shown.target is None or self._patching:
                return
            indexes = self.shown.pending_between(*self._visible())
            if not indexes:
                return
            self._patch(lambda doc, indexes=indexes: self.shown.patch(doc, indexes))

    def _patch_in_view(self) -> None:
        """The update's further stretches: the notes it left, then the blocks in view renumbered; the
        viewport painted after the last."""
        again = False
        try:
            if self.shown.later is not None:
                self._finish_update()
                again = self._in_view_pending()
                if again:
                    self._in_view.start()
                self._put_off_patching()
            else:
                self._patch_visible()
        finally:
            if not again:
                self.viewport().setUpdatesEnabled(True)

    def _patch_more(self) -> None:
        """One slice of a renumbering's blocks out of view (``ShownBlocks.step``), from the top of the view
        down, then above it, while the event loop is idle: about ``SLICE_MS`` of GUI-thread time, its size
        in HTML chars taken from the time the slices before it took; the next one scheduled."""
        self._finish_update()
        if self.shown.target is None:
            return
        started = time.thread_time()
        near = self.shown.index_at(self._visible()[0])
        budget = min(preview_blocks.STEP_CHARS, self._slice_chars)
        self._patch(lambda doc: self.shown.step(doc, budget, near))
        took = (time.thread_time() - started) * 1000
        spent = self.shown.spent
        if spent >= budget // 2 and took > 0:
            fits = spent * SLICE_MS / took  # chars one slice of SLICE_MS lays out, measured
            self._slice_chars = max(MIN_SLICE_CHARS, int((self._slice_chars + fits) / 2))
        self._patch_visible()  # blocks above the view patched may have moved others into it
        if self.shown.target is not None:
            self._steps.start()

    def flush(self) -> None:
        """Renumber every block still pending now, in one edit block: for whatever needs the whole document
        (find, copy, print, its text or HTML read)."""
        self._pause_patching()
        self._finish_update()
        while self.shown.target is not None and not self._patching:
            self._patch(lambda doc: self.shown.step(doc, sys.maxsize))

    def finish_patching(self) -> None:
        """Run the renumbering's remaining idle slices now, one after another (tests, benchmarks)."""
        self._finish_update()
        while self.shown.target is not None:
            self._pause_patching()
            self._patch_more()

    # Whatever reads or hands on the whole document sees it renumbered.
    def toPlainText(self) -> str:  # noqa: N802 - Qt override
        self.flush()
        return super().toPlainText()

    def toHtml(self) -> str:  # noqa: N802 - Qt override
        self.flush()
        return super().toHtml()

    def toMarkdown(self, *args) -> str:  # noqa: N802 - Qt override
        self.flush()
        return super().toMarkdown(*args)

    def find(self, *args) -> bool:
        self.flush()
        return super().find(*args)

    def print_(self, printer) -> None:
        self.flush()
        super().print_(printer)

    def createMimeDataFromSelection(self):  # noqa: N802 - Qt override: copy, drag
        self.flush()
        return super().createMimeDataFromSelection()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._patch_visible()

    def _show_error(self, gen: int, exc: BaseException) -> None:
        if gen == self._generation:
            self._asked = None  # asking again tries again
            self.shown.reset()
            self.setPlainText(f"The preview could not be rendered: {exc}")
            self.rendered.emit()

    def _on_anchor(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("briefdesk:c") and text[len("briefdesk:c") :].isdigit():
            self.claim_activated.emit(int(text[len("briefdesk:c") :]))

    def loadResource(self, kind: int, url: QUrl):  # noqa: N802 - Qt override
        """Only an allowed image, read with Qt's allocation limit; nothing else is ever loaded."""
        if kind != QTextDocument.ResourceType.ImageResource.value or not url.isLocalFile():
            return None
        path, _why = self.images.check(url.toLocalFile())
        if path is None:
            return None
        reader = QImageReader(str(path))
        reader.setAllocationLimit(128)  # megabytes: a small file that decodes to a huge image is refused
        image = reader.read()
        return None if image.isNull() else image
