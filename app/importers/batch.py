"""``import_paths(lib, paths, *, kind=None, reliability=None, title=None, progress=None, cancelled=None)``.

Each file is read and stored in its own transaction on the already open library, so a failed file stores nothing
and the batch goes on. ``progress(done, total)`` is called after each file; ``cancelled()`` is checked before each
file, so a cancel leaves only whole sources. Directories are walked. Safe to call from a worker thread that owns
``lib``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from app.errors import BriefdeskError
from app.importers import ImportFormatError, read_bytes


@dataclass
class FileResult:
    path: str
    status: str  # imported | existing | failed | warning
    source_ids: list[int] = field(default_factory=list)
    message: str = ""


@dataclass
class ImportReport:
    results: list[FileResult] = field(default_factory=list)
    cancelled: bool = False

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "failed"]


def _walk(paths: Iterable[str | os.PathLike]) -> list[str]:
    out: list[str] = []
    for p in paths:
        p = os.fspath(p)
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs.sort()
                out.extend(os.path.join(root, f) for f in sorted(files))
        else:
            out.append(p)
    return out


def import_paths(
    lib,
    paths,
    *,
    kind=None,
    reliability=None,
    title=None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportReport:
    files = _walk(paths)
    report = ImportReport()
    for i, path in enumerate(files):
        if cancelled is not None and cancelled():
            report.cancelled = True
            break
        name = os.path.basename(path)
        try:
            with open(path, "rb") as fh:
                data = fh.read(50 * 1024 * 1024 + 1)
            parsed = read_bytes(data, filename=name, title=title)
            extra = {}
            if kind:
                extra["kind"] = kind
            if reliability:
                extra["reliability"] = reliability
            m = parsed.metadata
            with lib.transaction():
                change = lib.sources.create(
                    title=parsed.title,
                    body=parsed.body,
                    outlet=m.get("sitename", ""),
                    authors=m.get("author", ""),
                    url=m.get("url", ""),
                    published=m.get("date") or None,
                    language=m.get("language", ""),
                    original=parsed.original,
                    original_filename=name,
                    **extra,
                )
            warnings = (getattr(change, "extra", None) or {}).get("warnings") or []
            status = "existing" if change.action == "existing" else ("warning" if warnings else "imported")
            report.results.append(FileResult(path, status, [change.after.id], "; ".join(map(str, warnings))))
        except (ImportFormatError, BriefdeskError, OSError) as exc:
            report.results.append(FileResult(path, "failed", [], str(exc)))
        if progress is not None:
            progress(i + 1, len(files))
    return report
