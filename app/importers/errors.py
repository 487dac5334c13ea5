"""The error every file reader raises for a file it cannot import (its own module, so that the readers in
this package's submodules can raise it without importing ``app.importers`` back)."""

from __future__ import annotations


class ImportFormatError(ValueError):
    """A file that cannot be imported; the message is meant for the analyst."""
