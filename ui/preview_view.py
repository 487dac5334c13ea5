"""Live preview of a brief, rendered by ``app.export.render_html`` off the GUI thread.

``PreviewView.schedule(brief)`` debounces (``DEBOUNCE_MS``); the render runs through ``jobs.read`` and a
result older than the latest request is dropped. The scroll position is kept across refreshes. Clicking a
citation marker (``briefdesk:c12``) emits ``claim_activated(12)``.

The preview loads nothing but the brief's images that are allowed (local image files under the library's
folder or the folders in the settings, see ``app.export.images``): ``loadResource`` answers every other
request (style sheets, remote or other local files) with nothing.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import QImageReader, QTextDocument
from PySide6.QtWidgets import QTextBrowser

from app.brief_model import parse_brief
from app.citations import cited_claim_ids, cited_source_ids
from app.export import render_html
from app.export.images import ImageFolders
from ui import theme
from ui.settings import Settings, image_folders

DEBOUNCE_MS = 250


def preview_images(lib) -> ImageFolders:
    """The folders the preview shows images from: the library's own and the settings'."""
    path = getattr(lib, "path", None)
    return ImageFolders.of(Path(path).parent if path else None, image_folders(Settings.load()))


def render_preview(lib, brief, images: ImageFolders | None = None):
    """Worker-side: resolve the body's citation keys through the library and render (unknown keys shown)."""
    model = parse_brief(brief.body)
    claims = lib.claims.get_many(cited_claim_ids(model.citations))
    sources = lib.sources.get_many(cited_source_ids(model.citations))
    resolver = {f"c{i}": r for i, r in claims.items()} | {f"s{i}": r for i, r in sources.items()}
    return render_html(
        brief, resolver, allow_missing=True, images=images.resolve if images else None, model=model
    )


class PreviewView(QTextBrowser):
    claim_activated = Signal(int)
    rendered = Signal()

    def __init__(self, lib, jobs, parent=None) -> None:
        super().__init__(parent)
        self.lib, self.jobs = lib, jobs
        self.images = preview_images(lib)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        # Headings a step smaller than Qt's defaults: the title should not fill a narrow preview pane.
        self.document().setDefaultStyleSheet(
            "h1 { font-size: x-large; } h2 { font-size: large; } h3 { font-size: medium; }"
        )
        self.anchorClicked.connect(self._on_anchor)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._render)
        self._pending = None
        self._generation = 0
        theme.on_change(self, self._render)  # links and text take the new palette's colours

    def schedule(self, brief, body: str) -> None:
        self._pending = dataclasses.replace(brief, body=body)
        self._timer.start(DEBOUNCE_MS)

    def _render(self) -> None:
        if self._pending is None:
            return
        self._generation += 1
        gen, brief, lib, images = self._generation, self._pending, self.lib, self.images
        self.jobs.read(
            lambda: render_preview(lib, brief, images),
            lambda res: self._show(gen, res),
            lambda exc: self._show_error(gen, exc),
        )

    def _show(self, gen: int, result) -> None:
        if gen != self._generation:
            return  # stale
        bar = self.verticalScrollBar()
        pos = bar.value()
        self.setHtml(result.html)
        bar.setValue(pos)
        self.rendered.emit()

    def _show_error(self, gen: int, exc: BaseException) -> None:
        if gen == self._generation:
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
