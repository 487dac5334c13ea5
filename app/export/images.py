"""Which images a brief may embed: local image files under the folders the user allowed, nothing else.

A brief names an image by path (``![map](maps/kessel.png)``). An export or the preview shows it only if the
path, with links followed, is a regular image file under one of the allowed folders (the library's folder and
the folders in the settings) and no larger than ``MAX_IMAGE_BYTES``; a web address, another scheme, a device,
a file elsewhere on the disk or a missing one gives a visible placeholder and a warning instead.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

MAX_IMAGE_BYTES = 20_000_000
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff"})
_SCHEME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


class ImageFolders(
    NamedTuple
):  # a named tuple: its class is made ~5x faster than a frozen dataclass's at import (a cold export)
    """``root``: where relative paths start (the library's folder); ``allowed``: the folders images may
    come from (``root`` is one when given)."""

    root: Path | None = None
    allowed: tuple[Path, ...] = ()

    @classmethod
    def of(cls, root: Path | None, extra: Iterable[Path | str] = ()) -> ImageFolders:
        folders = [Path(root)] if root is not None else []
        folders.extend(Path(p).expanduser() for p in extra if str(p).strip())
        resolved = []
        for f in folders:
            try:
                resolved.append(f.resolve())
            except OSError:
                continue
        return cls(Path(root) if root is not None else None, tuple(dict.fromkeys(resolved)))

    def check(self, src: str) -> tuple[Path | None, str]:
        """(the file to embed, "") or (None, why not, in plain words)."""
        src = src.strip()
        if not src:
            return None, "no file named"
        if _SCHEME_RE.match(src) and not re.match(r"^[A-Za-z]:[\\/]", src):  # a URL, not C:\...
            return None, "an address, not a file in the allowed folders"
        path = Path(src).expanduser()
        if not path.is_absolute():
            if self.root is None:
                return None, "a relative path with no folder to start from"
            path = self.root / path
        try:
            real = path.resolve()
            st = os.stat(real)
        except (OSError, RuntimeError):
            return None, "not found"
        if not stat.S_ISREG(st.st_mode):
            return None, "not a regular file"
        if not any(real == folder or folder in real.parents for folder in self.allowed):
            return None, "outside the allowed image folders"
        if real.suffix.lower() not in IMAGE_SUFFIXES:
            return None, "not a PNG, JPEG, GIF, BMP or TIFF image"
        if st.st_size > MAX_IMAGE_BYTES:
            return None, f"larger than {MAX_IMAGE_BYTES // 1_000_000} MB"
        return real, ""

    def resolve(self, src: str) -> Path | None:
        return self.check(src)[0]
