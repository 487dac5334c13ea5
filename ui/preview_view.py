"""Live preview of a brief, rendered by ``app.export.render_html`` off the GUI thread.

``PreviewView.schedule(brief)`` debounces (``DEBOUNCE_MS``); the render runs through ``jobs.read`` and a
result older than the latest request is dropped. The scroll position is kept across refreshes. Clicking a
citation marker (``briefdesk:c12``) emits ``claim_activated(12)``.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtWidgets import QTextBrowser

from app.citations import parse_citations
from app.export import render_html

DEBOUNCE_MS = 250


def render_preview(lib, brief):
    """Worker-side: resolve the body's citation keys through the library and render (unknown keys shown)."""
    keys = {c.key for c in parse_citations(brief.body)}
    claims = lib.claims.get_many([int(k[1:]) for k in keys if k.startswith("c")])
    sources = lib.sources.get_many([int(k[1:]) for k in keys if k.startswith("s")])
    resolver = {f"c{i}": r for i, r in claims.items()} | {f"s{i}": r for i, r in sources.items()}
    return render_html(brief, resolver, allow_missing=True)


class PreviewView(QTextBrowser):
    claim_activated = Signal(int)
    rendered = Signal()

    def __init__(self, lib, jobs, parent=None) -> None:
        super().__init__(parent)
        self.lib, self.jobs = lib, jobs
        self.setOpenLinks(False)
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

    def schedule(self, brief, body: str) -> None:
        self._pending = dataclasses.replace(brief, body=body)
        self._timer.start(DEBOUNCE_MS)

    def _render(self) -> None:
        if self._pending is None:
            return
        self._generation += 1
        gen, brief, lib = self._generation, self._pending, self.lib
        self.jobs.read(
            lambda: render_preview(lib, brief),
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
