"""Light and dark palettes (Fusion style), following the desktop's colour scheme unless the user chose one.

``apply(app, appearance)`` with ``appearance`` one of "system", "light", "dark". Views that paint their own
colours (claim highlights, badges) ask ``colors()`` for the current set.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication


@dataclass(frozen=True)
class Colors:
    dark: bool
    claim_highlight: QColor
    claim_highlight_contested: QColor
    claim_selected: QColor
    badge: QColor
    badge_text: QColor
    denial_accent: QColor
    corroboration_accent: QColor
    qualification_accent: QColor
    card: QColor
    muted_text: QColor


LIGHT = Colors(
    dark=False,
    claim_highlight=QColor("#fff1a8"),
    claim_highlight_contested=QColor("#ffd0c4"),
    claim_selected=QColor("#9fd0ff"),
    badge=QColor("#c0392b"),
    badge_text=QColor("#ffffff"),
    denial_accent=QColor("#c0392b"),
    corroboration_accent=QColor("#2e7d32"),
    qualification_accent=QColor("#8a6d00"),
    card=QColor("#ffffff"),
    muted_text=QColor("#5f6368"),
)

DARK = Colors(
    dark=True,
    claim_highlight=QColor("#5c4f12"),
    claim_highlight_contested=QColor("#6e2a22"),
    claim_selected=QColor("#1f5f99"),
    badge=QColor("#e2574c"),
    badge_text=QColor("#ffffff"),
    denial_accent=QColor("#ef6f63"),
    corroboration_accent=QColor("#66bb6a"),
    qualification_accent=QColor("#d6b847"),
    card=QColor("#2b2d30"),
    muted_text=QColor("#a0a4a8"),
)

_current = LIGHT


def colors() -> Colors:
    return _current


def error_style() -> str:
    """The style sheet of a dialog's error line: the denial red of the palette in use, readable on light and
    on dark."""
    return f"color:{_current.denial_accent.name()}"


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    return scheme is not None and scheme() == Qt.ColorScheme.Dark


def dark_palette() -> QPalette:
    p = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    base, window, text = QColor("#1e1f22"), QColor("#2b2d30"), QColor("#e6e6e6")
    p.setColor(role.Window, window)
    p.setColor(role.WindowText, text)
    p.setColor(role.Base, base)
    p.setColor(role.AlternateBase, QColor("#26282b"))
    p.setColor(role.ToolTipBase, QColor("#3a3d41"))
    p.setColor(role.ToolTipText, text)
    p.setColor(role.PlaceholderText, QColor("#9a9da1"))  # 4.9:1 on the window colour
    p.setColor(role.Text, text)
    p.setColor(role.Button, QColor("#35373b"))
    p.setColor(role.ButtonText, text)
    p.setColor(role.BrightText, QColor("#ff6b6b"))
    p.setColor(role.Link, QColor("#6cb6ff"))
    p.setColor(role.LinkVisited, QColor("#b392f0"))
    p.setColor(role.Highlight, QColor("#2f65ca"))
    p.setColor(role.HighlightedText, QColor("#ffffff"))
    p.setColor(role.Mid, QColor("#4a4d52"))
    p.setColor(role.Midlight, QColor("#3c3f43"))
    p.setColor(role.Dark, QColor("#151618"))
    p.setColor(role.Shadow, QColor("#000000"))
    for r in (role.Text, role.WindowText, role.ButtonText):
        p.setColor(group.Disabled, r, QColor("#7a7d82"))
    return p


def light_palette() -> QPalette:
    p = QApplication.style().standardPalette()
    p.setColor(QPalette.ColorRole.Highlight, QColor("#2f65ca"))
    p.setColor(QPalette.ColorRole.Link, QColor("#1a5fb4"))
    return p


def stylesheet() -> str:
    """resources/styles/base.qss (palette-relative, so it serves both light and dark)."""
    from app.paths import resource

    try:
        return resource("styles", "base.qss").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return ""


class _Notifier(QObject):
    changed = Signal(object)  # the new Colors


_notifier: _Notifier | None = None


def notifier() -> _Notifier:
    """``notifier().changed`` fires after the palette switched while running (Settings > Appearance, or the
    desktop's colour scheme): views that paint colours of their own (cards, highlights, rich text) redraw."""
    global _notifier
    if _notifier is None:
        _notifier = _Notifier()
    return _notifier


_redraws: list[tuple[QObject, Callable[[], None]]] = []


def on_change(owner: QObject, redraw: Callable[[], None]) -> None:
    """Call ``redraw`` when the palette switches, for as long as ``owner`` lives."""
    if len(_redraws) > 64:
        _redraws[:] = [(o, f) for o, f in _redraws if shiboken6.isValid(o)]
    _redraws.append((owner, redraw))


def _redraw_all() -> None:
    alive = [(o, f) for o, f in _redraws if shiboken6.isValid(o)]
    _redraws[:] = alive
    for _owner, redraw in alive:
        redraw()


def apply(app: QApplication, appearance: str = "system") -> Colors:
    """Set the Fusion style, the palette and the style sheet; return the colour set views should use.

    Switched while running, every widget is polished again: the style sheet's ``palette(...)`` colours are
    resolved when a widget is polished, so without it labels kept the old palette's text colour (dark text on
    the dark palette's background until a restart). Views with colours of their own hear ``notifier()``."""
    global _current
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    dark = system_is_dark() if appearance == "system" else appearance == "dark"
    switched = (DARK if dark else LIGHT) is not _current
    app.setPalette(dark_palette() if dark else light_palette())
    _current = DARK if dark else LIGHT
    sheet = stylesheet()
    if switched and app.styleSheet():
        app.setStyleSheet("")  # a new sheet re-resolves palette(...) in every widget
    if app.styleSheet() != sheet:
        app.setStyleSheet(sheet)
    if switched:
        style = app.style()
        palette = app.palette()
        for w in app.allWidgets():
            if w.testAttribute(Qt.WidgetAttribute.WA_SetPalette) and not w.isWindow():
                w.setPalette(
                    palette
                )  # a palette set on a widget (by Qt or a view) no longer follows the app's
            style.unpolish(w)
            style.polish(w)
            w.update()
        _redraw_all()
        notifier().changed.emit(_current)
    return _current
