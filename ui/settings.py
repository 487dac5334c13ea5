"""User preferences, declared once: name, type, default, and what each one does.

They are stored as JSON in ``settings.json`` under ``app.paths.config_dir()``. Window geometry, splitter
positions and other view state go to QSettings (``window_state()``), never here.

    settings = Settings.load()
    settings.get("default_author"); settings.set("paper_size", "Letter"); settings.save()
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app import paths

log = logging.getLogger(__name__)

FILENAME = "settings.json"
RECENT_MAX = 8


@dataclass(frozen=True)
class Setting:
    name: str
    type: type
    default: Any
    doc: str
    choices: tuple[str, ...] = ()
    label: str = ""


SETTINGS: tuple[Setting, ...] = (
    Setting("default_author", str, "", "Author given to new briefs.", label="Default author"),
    Setting(
        "default_organisation", str, "", "Organisation given to new briefs.", label="Default organisation"
    ),
    Setting(
        "default_marking_scheme",
        str,
        "none",
        "Marking scheme of new briefs: none, classification (U, C, S, TS) or TLP.",
        choices=("none", "classification", "tlp"),
        label="Default marking scheme",
    ),
    Setting(
        "default_marking",
        str,
        "",
        "Default portion mark of new briefs, e.g. U or TLP:AMBER.",
        label="Default marking",
    ),
    Setting(
        "template",
        str,
        "",
        "A Word template (.dotx/.docx) for exports; empty for the built-in one.",
        label="Word template",
    ),
    Setting(
        "paper_size",
        str,
        "A4",
        "Paper size of exported documents.",
        choices=("A4", "Letter"),
        label="Paper size",
    ),
    Setting(
        "appearance",
        str,
        "system",
        "Light or dark colours; 'system' follows the desktop.",
        choices=("system", "light", "dark"),
        label="Appearance",
    ),
    Setting(
        "image_folders",
        str,
        "",
        "Folders a brief's images may come from, besides the library's own, separated by "
        f"'{os.pathsep}'. An image anywhere else is shown as a placeholder in the preview and exports.",
        label="Image folders",
    ),
    Setting("recent_libraries", list, [], "Libraries opened recently, newest first."),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def settings_path() -> Path:
    return paths.config_dir() / FILENAME


class Settings:
    """The preferences, read from and written to the JSON file. Unknown or ill-typed values fall back."""

    def __init__(self, values: dict[str, Any] | None = None, path: Path | None = None) -> None:
        self.path = path or settings_path()
        self._values: dict[str, Any] = {}
        for key, value in (values or {}).items():
            if key in _BY_NAME and self._valid(_BY_NAME[key], value):
                self._values[key] = value

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        path = path or settings_path()
        try:
            values = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(values, dict):
                raise ValueError("not an object")
        except FileNotFoundError:
            values = {}
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable settings file %s: %s", path, exc)
            values = {}
        return cls(values, path)

    @staticmethod
    def _valid(setting: Setting, value: Any) -> bool:
        if not isinstance(value, setting.type):
            return False
        return not setting.choices or value in setting.choices

    def get(self, name: str) -> Any:
        setting = _BY_NAME[name]
        value = self._values.get(name, setting.default)
        return list(value) if isinstance(value, list) else value

    def set(self, name: str, value: Any) -> None:
        setting = _BY_NAME[name]
        if not self._valid(setting, value):
            raise ValueError(
                f"{name} must be a {setting.type.__name__}"
                + (f" among {', '.join(setting.choices)}" if setting.choices else "")
            )
        self._values[name] = value

    def as_dict(self) -> dict[str, Any]:
        return {s.name: self.get(s.name) for s in SETTINGS}

    def save(self) -> None:
        """Write atomically (a temporary file renamed over the old one)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        data = json.dumps(self._values, indent=2, ensure_ascii=False, sort_keys=True)
        fd, tmp = tempfile.mkstemp(prefix=".settings-", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(data + "\n")
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    # --- recent libraries ----------------------------------------------------------------------------
    def add_recent_library(self, path: str | Path) -> None:
        from app.storage import postgres

        if postgres.is_url(str(path)):
            text = postgres.storable_url(str(path))  # a team library: its address, never its password
        else:
            text = str(Path(path).expanduser().resolve())
        recent = [p for p in self.get("recent_libraries") if p != text]
        self.set("recent_libraries", [text, *recent][:RECENT_MAX])

    def brief_defaults(self) -> dict[str, str]:
        return {
            "author": self.get("default_author"),
            "organisation": self.get("default_organisation"),
            "marking_scheme": self.get("default_marking_scheme"),
            "default_marking": self.get("default_marking"),
        }


def window_state():
    """QSettings for geometry and splitter state only, in an INI file beside settings.json."""
    from PySide6.QtCore import QSettings

    return QSettings(str(paths.config_dir() / "window-state.ini"), QSettings.Format.IniFormat)


def image_folders(settings: Settings) -> tuple[Path, ...]:
    """The extra folders images may be embedded from (the setting, split on the path separator)."""
    raw = str(settings.get("image_folders") or "")
    return tuple(Path(p.strip()).expanduser() for p in raw.split(os.pathsep) if p.strip())
