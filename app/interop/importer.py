"""Importing from the analysts' platforms: a STIX 2.1 bundle or a MISP event, recognised by its content.

``sniff(path)`` reads the first 64 KB of a file: "stix" for a JSON object with ``"type": "bundle"``, "misp"
for a MISP event (``{"Event": {...}}`` or an event's own keys), else None. ``import_file(lib, path)`` reads
the file as a stream and stores what it holds (``app.interop.plan``). A bundle may be large: the reading keeps
only the objects Briefdesk uses, so memory follows what is imported, not the file's size; files over
``MAX_FILE_BYTES`` are refused from their size before a byte is read.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from app.interop.plan import Applied, apply

HEAD_BYTES = 64 * 1024
MAX_FILE_BYTES = 2 * 1024**3  # 2 GB: a bundle that size takes minutes to read; refused plainly
_STIX_RE = re.compile(rb'"type"\s*:\s*"bundle"')
_MISP_WRAPPED_RE = re.compile(rb'^\s*(?:\[\s*)?\{\s*"(?:Event|response)"\s*:')
_MISP_KEYS_RE = re.compile(rb'"(?:threat_level_id|analysis|Attribute|Object|EventReport|Orgc)"\s*:')
_INFO_RE = re.compile(rb'"info"\s*:')

if TYPE_CHECKING:
    from app.library import Library


def sniff_bytes(head: bytes) -> str | None:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not text.startswith((b"{", b"[")):
        return None
    if _STIX_RE.search(text) and b'"objects"' in text:
        return "stix"
    if _MISP_WRAPPED_RE.match(text) or (_INFO_RE.search(text) and _MISP_KEYS_RE.search(text)):
        return "misp"
    return None


def sniff(path: str | os.PathLike[str]) -> str | None:
    try:
        with open(path, "rb") as fh:
            return sniff_bytes(fh.read(HEAD_BYTES))
    except OSError:
        return None


def import_file(
    lib: Library,
    path: str | os.PathLike[str],
    fmt: str | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Applied:
    """Import the STIX bundle or MISP event at ``path`` (``fmt``: as ``sniff`` found it)."""
    from app.importers import ImportFormatError

    name = os.path.basename(os.fspath(path))
    size = os.stat(path).st_size
    if size > MAX_FILE_BYTES:
        raise ImportFormatError(
            f"{name}: {size / 1024**3:.1f} GB is over the {MAX_FILE_BYTES // 1024**3} GB limit for a bundle or event"
        )
    fmt = fmt or sniff(path)
    with open(path, "rb") as fh:
        if fmt == "stix":
            from app.interop import stix_in

            plan = stix_in.read(fh, name=name)
        elif fmt == "misp":
            from app.interop import misp_in

            plan = misp_in.read(fh, name=name)
        else:
            raise ImportFormatError(f"{name}: neither a STIX 2.1 bundle nor a MISP event")
    return apply(lib, plan, progress=progress, cancelled=cancelled)
