"""Icons from resources/icons, loaded through importlib.resources so they work in the frozen build."""

from __future__ import annotations

from PySide6.QtGui import QIcon, QPixmap

from app.paths import resource


def icon(name: str) -> QIcon:
    """An icon from resources/icons (loaded through importlib.resources, so it works frozen)."""
    node = resource("icons", f"{name}.svg")
    try:
        data = node.read_bytes()
    except (FileNotFoundError, OSError):
        return QIcon()
    pm = QPixmap()
    pm.loadFromData(data, "SVG")
    return QIcon(pm)
