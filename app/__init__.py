"""Briefdesk: the product without a screen (storage, services, checks, import, export, CLI).

Nothing in this package imports PySide6 or ``ui``; an import-linter contract and a test hold it to that.
"""

# pyproject.toml's version, written here too: reading it from the installed metadata cost every command ~35 ms
# of importlib.metadata. A test and build.spec check that the two agree.
__version__ = "0.1.0"

APP_NAME = "Briefdesk"
