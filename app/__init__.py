"""Briefdesk: the product without a screen (storage, services, checks, import, export, CLI).

Nothing in this package imports PySide6 or ``ui``; an import-linter contract and a test hold it to that.
"""

# The one place the version is written: pyproject.toml reads it from here (setuptools' dynamic version), and
# reading it back from the installed metadata would cost every command ~35 ms of importlib.metadata.
__version__ = "0.1.0"

APP_NAME = "Briefdesk"
