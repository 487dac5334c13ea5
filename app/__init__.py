"""Briefdesk: the product without a screen (storage, services, checks, import, export, CLI).

Nothing in this package imports PySide6 or ``ui``; an import-linter contract and a test hold it to that.
"""

from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("briefdesk")
except _metadata.PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0.1.0"

APP_NAME = "Briefdesk"
