"""``import_paths(lib, paths, *, kind=None, reliability=None, title=None, progress=None, cancelled=None)``.

Each file is read and stored in its own transaction on the already open library, so a failed file stores nothing
and the batch goes on: a reference export (RIS, BibTeX, CSL-JSON) with 100,000 entries is one transaction too
(an entry that cannot be stored is skipped and named; a crash, a full disk or a cancel stores none of the file).
Any failure of one file (a bad format, a parser's RecursionError on absurd nesting, a storage error) fails that
file alone. ``progress(done, total)`` is called after each file; ``cancelled()`` is checked before each file and
every few hundred entries inside one, so a cancel leaves only whole files. Directories are walked. Safe to call
from a worker thread that owns ``lib``.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from app.errors import BriefdeskError, CancelledError
from app.importers import MAX_BYTES, READERS, ImportFormatError, ParsedSource, read_bytes
from app.importers.refs import REF_READERS, RefEntries
from app.paths import check_path

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from app.domain import Change, SourceRecord
    from app.library import Library


@dataclass
class FileResult:
    path: str
    status: str  # imported | existing | warning | failed | skipped
    source_ids: list[int] = field(default_factory=list)
    message: str = ""
    details: list[str] = field(default_factory=list)  # one line per item skipped (bundles, events)
    # derived-from links the new source's text suggests (it credits a wire service: app.provenance.wire);
    # proposals only: nothing is recorded until the analyst accepts one
    derivations: list[Any] = field(default_factory=list)


@dataclass
class ImportReport:
    results: list[FileResult] = field(default_factory=list)
    cancelled: bool = False

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "failed"]


SUPPORTED = set(READERS) | set(REF_READERS)


def _special(path: str) -> bool:
    """A pipe, device or socket (a link is followed; a broken one is left for the import to report)."""
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _walk(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[str], list[FileResult]]:
    """Files to import, and what a folder held that is skipped (hidden files, types Briefdesk cannot read)."""
    out: list[str] = []
    skipped: list[FileResult] = []
    for p in paths:
        p = os.fspath(p)
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    full = os.path.join(root, f)
                    if f.startswith("."):
                        skipped.append(FileResult(full, "skipped", [], "hidden file"))
                    elif os.path.splitext(f)[1].lower() not in SUPPORTED:
                        skipped.append(FileResult(full, "skipped", [], "not a type Briefdesk imports"))
                    elif _special(full):
                        skipped.append(
                            FileResult(full, "skipped", [], "not a regular file (a pipe, device or socket)")
                        )
                    else:
                        out.append(full)
        else:
            out.append(p)
    return out, skipped


def import_paths(
    lib: Library,
    paths: Iterable[str | os.PathLike[str]],
    *,
    kind: str | None = None,
    reliability: str | None = None,
    title: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportReport:
    files, skipped = _walk(paths)
    report = ImportReport(results=list(skipped))
    overrides: dict[str, str] = {}
    if kind:
        overrides["kind"] = kind
    if reliability:
        overrides["reliability"] = reliability
    for i, path in enumerate(files):
        if cancelled is not None and cancelled():
            report.cancelled = True
            break
        name = os.path.basename(path)
        try:
            check_path(path, "file")  # over-long names, /proc and /sys: refused before opening
            st = os.stat(path)
            if not stat.S_ISREG(st.st_mode):  # opening a pipe would wait for a writer forever
                raise ImportFormatError(
                    f"{name}: not a regular file (a pipe, device or socket); nothing was read"
                )
            size = st.st_size
            platform = _platform_format(path)
            if platform is not None:  # a STIX bundle or MISP event, recognised by its content (app.interop)
                report.results.append(_import_platform(lib, path, platform))
                if progress is not None:
                    progress(i + 1, len(files))
                continue
            if size > MAX_BYTES:  # refused before reading a byte of it
                raise ImportFormatError(
                    f"{name}: {size / (1024 * 1024):.0f} MB is over the 50 MB limit per file"
                )
            with open(path, "rb") as fh:
                data = fh.read(MAX_BYTES + 1)
            ext = os.path.splitext(name)[1].lower()
            if ext in REF_READERS:
                report.results.append(
                    _import_entries(lib, path, REF_READERS[ext](data, filename=name), overrides, cancelled)
                )
            else:
                parsed = read_bytes(data, filename=name, title=title)
                report.results.append(_store(lib, path, parsed, overrides))
        except CancelledError:
            report.cancelled = True
            break
        except (ImportFormatError, BriefdeskError, OSError) as exc:
            message = str(exc)
            if isinstance(exc, OSError):
                message = f"{name}: cannot be read ({exc.strerror or exc})"
            report.results.append(FileResult(path, "failed", [], message))
        except RecursionError:  # a reader met nesting deeper than Python's stack (e.g. [[[[... JSON)
            report.results.append(
                FileResult(path, "failed", [], f"{name}: nested too deeply to be read; nothing was imported")
            )
        except Exception as exc:  # a reader's own bug on odd input must not end a 500-file import
            from sqlalchemy.exc import SQLAlchemyError

            if isinstance(exc, SQLAlchemyError):
                raise  # the library itself failed, not this file: the import stops and says why
            log.info("importing %s failed", path, exc_info=True)
            detail = " ".join(str(exc).split())[:160]
            report.results.append(
                FileResult(
                    path,
                    "failed",
                    [],
                    f"{name}: could not be read ({type(exc).__name__}{': ' + detail if detail else ''}); "
                    "nothing was imported from it",
                )
            )
        if progress is not None:
            progress(i + 1, len(files))
    return report


def _fields(parsed: ParsedSource, overrides: dict[str, str]) -> dict[str, Any]:
    m = parsed.metadata
    fields: dict[str, Any] = {
        "kind": m.get("kind") or "other",
        "outlet": m.get("sitename", ""),
        "authors": m.get("author", ""),
        "url": m.get("url", ""),
        "published": m.get("date") or None,
        "accessed": m.get("accessed") or None,
        "language": m.get("language", "")[:35],
    }
    fields.update(overrides)
    return fields


def _store(lib: Library, path: str, parsed: ParsedSource, overrides: dict[str, str]) -> FileResult:
    """One document, one source, one transaction."""
    with lib.transaction():
        change = lib.sources.create(
            title=parsed.title,
            body=parsed.body,
            original=parsed.original,
            original_filename=parsed.original_filename,
            **_fields(parsed, overrides),
        )
    messages = _warnings(change)
    if change.action == "created" and parsed.metadata.get("date_from") and "published" not in overrides:
        messages.append(
            f"published {change.stored.published} was taken from {parsed.metadata['date_from']} "
            "(when the file was created); check it against the document"
        )
    if change.action == "created" and parsed.metadata.get("pages_not_read"):
        pages = parsed.metadata["pages_not_read"]
        one = "," not in pages
        messages.append(
            f"{'page' if one else 'pages'} {pages} {'was' if one else 'were'} not read for text: "
            f"{'it is' if one else 'each is'} a drawing (a map or a chart) of more than 2 MB; the PDF itself is "
            "kept with the source"
        )
    result = _result(path, [change.stored.id], [change.action], messages, [])
    if change.action == "created":
        result.derivations = lib.provenance.propose_derivations(change.stored.id)
    return result


def _warnings(change: Change[SourceRecord]) -> list[str]:
    return list(map(str, (getattr(change, "extra", None) or {}).get("warnings") or []))


def _result(
    path: str, ids: list[int], actions: list[str], messages: list[str], problems: list[str]
) -> FileResult:
    if not ids:
        return FileResult(path, "failed", [], "; ".join(messages) or "nothing could be imported")
    if all(a == "existing" for a in actions):
        status = "existing"
    elif any(a == "created" for a in actions) and (problems or any("same URL" in m for m in messages)):
        status = "warning"
    else:
        status = "imported"
    return FileResult(path, status, ids, "; ".join(messages))


def _import_entries(
    lib: Library,
    path: str,
    refs: RefEntries,
    overrides: dict[str, str],
    cancelled: Callable[[], bool] | None = None,
) -> FileResult:
    """A reference export: every entry in one transaction (lib.sources.create_many); an entry the library
    refuses is skipped and named, anything else (storage, cancel) stores none of the file."""
    if not refs.entries:
        return FileResult(path, "failed", [], "; ".join(refs.problems) or "the file holds no entries")
    entries, refs.entries = refs.entries, []
    names = [p.original_filename for p in entries]
    items: list[dict[str, Any]] = []
    entries.reverse()
    while entries:  # each parsed entry let go as its item is made (100,000 are held once)
        p = entries.pop()
        items.append(
            {
                "title": p.title,
                "body": p.body,
                "original": p.original,
                "original_filename": p.original_filename,
                **_fields(p, overrides),
            }
        )
    del entries
    with lib.transaction():
        outcomes = lib.sources.create_many(items, cancelled=cancelled, consume=True)
    ids: list[int] = []
    actions: list[str] = []
    messages: list[str] = []
    skipped = list(refs.problems)
    for name, outcome in zip(names, outcomes, strict=True):
        if isinstance(outcome, BriefdeskError):
            skipped.append(f"{name}: {outcome}")
        else:
            ids.append(outcome.stored.id)
            actions.append(outcome.action)
            messages.extend(_warnings(outcome))
    return _result(path, ids, actions, skipped + messages, skipped)


def _platform_format(path: str) -> str | None:
    """ "stix" or "misp" when the file is a STIX bundle or a MISP event (whatever its name), else None."""
    from app.interop.importer import sniff

    return sniff(path)


def _import_platform(lib: Library, path: str, fmt: str) -> FileResult:
    from app.interop.importer import import_file

    applied = import_file(lib, path, fmt)
    ids = applied.sources_created + applied.sources_used
    details = list(applied.skipped)
    if applied.skipped_count > len(applied.skipped):
        details.append(f"... and {applied.skipped_count - len(applied.skipped):,} more")
    details += applied.warnings
    if applied.added_anything:
        status = "warning" if applied.skipped_count else "imported"
    elif applied.claims_existing or applied.links_existing or applied.sources_used:
        status = "warning" if applied.skipped_count else "existing"
    else:
        status = "failed"
    return FileResult(path, status, ids, applied.summary(), details)
