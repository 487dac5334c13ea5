"""Where things live on disk (platformdirs), and resources loaded via importlib.resources."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import platformdirs

APP_DIR_NAME = "Briefdesk"
LIBRARY_FILENAME = "library.briefdesk"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_DIR_NAME, appauthor=False))


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_DIR_NAME, appauthor=False))


def default_library_path() -> Path:
    return data_dir() / LIBRARY_FILENAME


def resource(*parts: str):
    """A Traversable for a file under the ``resources`` package (works frozen too)."""
    node = resources.files("resources")
    for p in parts:
        node = node.joinpath(p)
    return node
