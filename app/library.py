"""The library: one SQLite file holding sources, actors, claims, links and briefs.

``Library.open(path)`` is the one way in. It creates a new file (stamped at the newest schema), upgrades an
older one after copying it to a backup beside it, and refuses a file from a newer Briefdesk, a file that is
not a Briefdesk library, or a corrupt one, with a message naming the file, writing nothing to it.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.engine import Engine

from app.errors import BriefdeskError, LibraryError, LibraryTooNewError, NotALibraryError
from app.storage import sqlite as sqlite_parts
from app.storage.store import Store, _storage_error, upgrade_running

if TYPE_CHECKING:
    from collections.abc import Callable

    from alembic.config import Config

    from app.actors import ActorService
    from app.analysis.ach import AchService
    from app.analysis.assumptions import AssumptionService
    from app.analysis.timeline import TimelineService
    from app.briefs import BriefService
    from app.changes import ChangeFeed
    from app.claim_dependents import ClaimDependent
    from app.claims import ClaimService
    from app.domain_lists import SearchHit
    from app.external_ids import ExternalIdService
    from app.links import LinkService
    from app.provenance import ProvenanceService
    from app.search import SearchService
    from app.sources import SourceService
    from app.storage.pg_pairs import BuildProgress, BuildReport

log = logging.getLogger(__name__)


def _migrations_dir() -> Path:
    from importlib import resources

    return Path(str(resources.files("app.storage") / "migrations"))


def _alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(_migrations_dir()))
    return cfg


@functools.cache
def known_revisions() -> tuple[list[str], str]:
    """All schema revisions this Briefdesk knows (oldest first) and the head.

    Each migration file is named after its revision, which follows the one before it
    (``0014_claim_common_words.py`` is revision "0014", down_revision "0013"), so the revisions are read from
    the folder's listing: no file is read and Alembic, whose import costs ~150 ms, is not imported at an open
    (reading and searching the 14 files took ~2 ms of every cold command). Alembic is imported only to create
    or upgrade a library; a test checks that its own reading of the files agrees with this one."""
    try:
        names = os.listdir(_migrations_dir() / "versions")
    except OSError:
        names = []
    order = sorted(n[:4] for n in names if n.endswith(".py") and n[:4].isdigit() and n[4:5] == "_")
    if not order or order != [f"{k:04d}" for k in range(1, len(order) + 1)]:
        raise LibraryError("Briefdesk's schema migrations are incomplete; reinstall Briefdesk.")
    return order, order[-1]


class Library(Store):
    """An open library: its services (``lib.sources``, ``lib.claims``, ...) over one store. Thread-safe: each
    service call opens its own session from a pooled engine."""

    def __init__(self, path: Path | str, engine: Engine, *, user: str | None = None) -> None:
        super().__init__(path, engine, user=user)
        self.backup_path: Path | None = None

    # The services are made (and their modules imported) on first use: a command that lists claims never
    # loads the briefs, analysis or provenance code (cold start-up of the command line, bench/RESULTS.md).
    # cached_property makes each once per library (Python 3.11's cached_property takes a lock).
    @functools.cached_property
    def sources(self) -> SourceService:
        from app.sources import SourceService

        return SourceService(self)

    @functools.cached_property
    def actors(self) -> ActorService:
        from app.actors import ActorService

        return ActorService(self)

    @functools.cached_property
    def provenance(self) -> ProvenanceService:
        from app.provenance import ProvenanceService

        return ProvenanceService(self)

    @functools.cached_property
    def claims(self) -> ClaimService:
        from app.claims import ClaimService

        def dependents() -> tuple[ClaimDependent, ...]:
            # asked for only when a claim is deleted or restored: reading and exporting never load these
            from app.analysis.ach import restore_claim, snapshot_claim
            from app.claim_dependents import ClaimDependent

            return (ClaimDependent("analysis", snapshot_claim, restore_claim),)

        return ClaimService(
            self, actors=lambda: self.actors, provenance=lambda: self.provenance, dependents=dependents
        )

    @functools.cached_property
    def links(self) -> LinkService:
        from app.links import LinkService

        return LinkService(self)

    @functools.cached_property
    def briefs(self) -> BriefService:
        from app.briefs import BriefService

        return BriefService(self)

    @functools.cached_property
    def external_ids(self) -> ExternalIdService:
        from app.external_ids import ExternalIdService

        return ExternalIdService(self)

    @functools.cached_property
    def _search(self) -> SearchService:
        from app.search import SearchService

        # the services a reference typed as the query ("c21") is read with, made only for such a query
        return SearchService(
            self, sources=lambda: self.sources, claims=lambda: self.claims, actors=lambda: self.actors
        )

    @functools.cached_property
    def ach(self) -> AchService:
        from app.analysis.ach import AchService

        return AchService(self)

    @functools.cached_property
    def assumptions(self) -> AssumptionService:
        from app.analysis.assumptions import AssumptionService

        return AssumptionService(self)

    @functools.cached_property
    def timeline(self) -> TimelineService:
        from app.analysis.timeline import TimelineService

        return TimelineService(self, actors=self.actors, claims=self.claims)

    @functools.cached_property
    def changes(self) -> ChangeFeed:
        """What other analysts stored meanwhile (app.changes)."""
        from app.changes import ChangeFeed

        return ChangeFeed(self)

    # --- opening -------------------------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        create: bool = True,
        user: str | None = None,
        read_only: bool = False,
        integrity_check: bool = True,
    ) -> Library:
        """Open (or create) a library. A library that cannot be written (a read-only folder: SQLite's WAL
        needs to make its -shm file there; a read-only file or medium), or ``read_only=True``, opens
        read-only: every read works, every write is refused in plain words (``read_only_reason`` says why).

        A library file is checked whole at open (``PRAGMA quick_check``: a damaged file is refused before
        anything is written to it). ``integrity_check=False`` is for a command that only reads (export): the
        whole-file check is skipped and SQLite checks each page as it is read (``cell_size_check``), so a
        damaged page the command reads still stops it with the plain "damaged" message, and damage elsewhere
        cannot reach its output or spread through a write it does not make."""
        lib = cls._open(path, create=create, read_only=read_only, integrity_check=integrity_check)
        if user and user.strip():
            lib.user = " ".join(user.split())[:200]
        return lib

    @classmethod
    def _open(
        cls, path: str | Path, *, create: bool = True, read_only: bool = False, integrity_check: bool = True
    ) -> Library:
        from app.errors import ValidationError
        from app.paths import check_path
        from app.storage.address import is_url

        if is_url(path):
            lib = cls._open_postgres(str(path), create=create)
            if read_only:
                lib.read_only_reason = "opened read-only"
            return lib
        try:
            path = check_path(path, "library path")
        except ValidationError as exc:
            raise LibraryError(str(exc)) from None
        revisions, head = known_revisions()
        try:
            exists = path.exists()
        except OSError as exc:
            raise LibraryError(f"Cannot open the library {path}: {exc.strerror or exc}.") from None
        if not exists:
            if not create:
                raise LibraryError(f"There is no library at {path}.")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
                if blocker is not None:
                    raise LibraryError(
                        f"Cannot create the library {path}: {blocker} is a file, not a folder."
                    ) from None
                raise LibraryError(
                    f"Cannot create the folder for the library {path}: {exc.strerror}."
                ) from None
            if not os.access(path.parent, os.W_OK):
                raise LibraryError(f"Cannot create the library {path}: its folder is read-only.")
            return cls._create(path)
        if path.is_dir():
            raise NotALibraryError(f"{path} is a folder, not a Briefdesk library file.")
        if not path.is_file():  # a pipe or device: reading its header could wait forever
            raise NotALibraryError(f"{path} is not a Briefdesk library (not a regular file).")
        try:
            app_id, revision, tables = sqlite_parts.probe(path, integrity=integrity_check)
        except PermissionError:
            raise LibraryError(f"Cannot read {path}: permission denied.") from None
        except (sqlite3.DatabaseError, OSError) as exc:
            # "malformed": a damaged page met while reading the schema, which the whole-file check, when
            # it runs, would report too
            if isinstance(exc, sqlite3.DatabaseError) and (
                "integrity" in str(exc) or "malformed" in str(exc)
            ):
                raise NotALibraryError(
                    f"{path} is damaged (the database fails its integrity check)."
                ) from None
            raise NotALibraryError(
                f"{path} is not a Briefdesk library (it is not a readable database)."
            ) from None
        if app_id != sqlite_parts.APPLICATION_ID:
            raise NotALibraryError(f"{path} is a database, but not a Briefdesk library.")
        if revision is None:
            raise NotALibraryError(f"{path} is a damaged Briefdesk library (its schema version is missing).")
        if revision not in revisions:
            raise LibraryTooNewError(
                f"{path} was written by a newer version of Briefdesk (schema {revision}); "
                "update Briefdesk to open it. The file was left untouched."
            )
        backup = None
        reason = "it was opened read-only" if read_only else unwritable_reason(path)
        if reason and revision != head:
            raise LibraryError(
                f"{path} was written by an older Briefdesk and must be upgraded before it can be opened, but "
                f"{reason}. Copy it to a folder you can write to and open the copy. The file was left untouched."
            )
        if reason:
            lib = cls(path, sqlite_parts.make_engine(path, read_only=True, check_pages=not integrity_check))
            lib.read_only_reason = reason
            log.info("opened %s read-only: %s", path, reason)
            return lib
        if revision != head:
            backup = cls._backup_before_upgrade(path, revision)
            engine = sqlite_parts.make_engine(path)
            try:
                cls._upgrade(engine)
            except Exception as exc:
                engine.dispose()
                if sqlite_parts.is_disk_full(exc):
                    raise LibraryError(
                        f"The disk holding {path} filled up while it was being upgraded for this version of "
                        f"Briefdesk. The library is unchanged and a backup is at {backup}; free some space "
                        "and open it again."
                    ) from None
                raise LibraryError(
                    f"Upgrading {path} failed ({exc}); the library is unchanged and a backup is at {backup}."
                ) from exc
            log.info("upgraded %s from %s to %s (backup %s)", path, revision, head, backup)
        else:
            engine = sqlite_parts.make_engine(path, check_pages=not integrity_check)
        lib = cls(path, engine)
        lib.backup_path = backup
        return lib

    @classmethod
    def _create(cls, path: Path) -> Library:
        engine = sqlite_parts.make_engine(path)
        try:
            with engine.connect() as conn:
                conn.exec_driver_sql(f"PRAGMA application_id = {sqlite_parts.APPLICATION_ID}")
                conn.commit()
            cls._upgrade(engine)
        except Exception:
            engine.dispose()
            for suffix in ("", "-wal", "-shm"):
                Path(str(path) + suffix).unlink(missing_ok=True)
            raise
        return cls(path, engine)

    @staticmethod
    def _upgrade(engine: Engine) -> None:
        from alembic import command

        cfg = _alembic_config()
        with engine.begin() as conn:  # one transaction: all migrations or none
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    @classmethod
    def _open_postgres(cls, address: str, *, create: bool = True) -> Library:
        """Open (or, in an empty database, create) a team library.

        The schema is created or upgraded in one transaction under an advisory lock, so analysts opening
        the library at the same moment queue and find it current; PostgreSQL's DDL is transactional, so a
        failed upgrade leaves the library as it was. A database that holds other tables is refused, and so
        is a library whose schema is newer than this Briefdesk."""
        from sqlalchemy.exc import DBAPIError as _DBAPIError

        from app.storage import postgres as pg

        url = pg.parse_url(address)
        where = pg.display_url(url)
        revisions, head = known_revisions()
        engine = pg.make_engine(url)
        try:
            try:
                with engine.connect() as conn:
                    state, revision = pg.probe(conn)
            except _DBAPIError as exc:
                raise _storage_error(where, exc) from None
            if state == "other":
                raise NotALibraryError(
                    f"The database {where} is not a Briefdesk library (it holds other tables); nothing was "
                    "changed. Use an empty database for a new team library."
                )
            if state == "briefdesk" and revision not in revisions:
                raise LibraryTooNewError(
                    f"The team library {where} was upgraded by a newer version of Briefdesk (schema "
                    f"{revision}); update Briefdesk to open it. Nothing was changed."
                )
            if state == "empty" and not create:
                raise LibraryError(f"The database {where} is empty: it is not a Briefdesk library yet.")
            if state == "empty" or revision != head:
                try:
                    cls._upgrade_postgres(engine)
                except BriefdeskError:
                    raise
                except _DBAPIError as exc:  # (waited for the lock of another client's upgrade: says so)
                    raise _storage_error(where, exc, lambda: upgrade_running(engine)) from None
                except Exception as exc:
                    raise LibraryError(
                        f"Upgrading the team library {where} failed ({exc}); it is unchanged."
                    ) from exc
                if state == "briefdesk":
                    log.info("upgraded %s from %s to %s", where, revision, head)
        except BaseException:
            engine.dispose()
            raise
        return cls(where, engine)

    @staticmethod
    def _upgrade_postgres(engine: Engine) -> None:
        from alembic import command

        from app.storage import postgres as pg

        revisions, head = known_revisions()
        cfg = _alembic_config()
        with engine.begin() as conn:
            pg.lock_for_upgrade(conn)  # held until commit: a second opener waits, then finds it current
            state, revision = pg.probe(conn)  # again, under the lock
            if state == "other":
                raise NotALibraryError("The database is not a Briefdesk library; nothing was changed.")
            if revision is not None and revision not in revisions:
                raise LibraryTooNewError(
                    f"The team library was upgraded by a newer version of Briefdesk (schema {revision})."
                )
            if revision == head:
                return
            if state == "empty":
                pg.mark_as_library(conn)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    @staticmethod
    def _backup_before_upgrade(path: Path, revision: str) -> Path:
        """A copy made before each upgrade attempt; the newest UPGRADE_BACKUPS_KEPT are kept (older ones go
        before the new copy is made), so an upgrade killed again and again (each attempt backs up first)
        leaves a bounded number of copies, and a disk without room for the copy and the upgrade is said in
        plain words before anything is written."""
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        backup = path.with_name(f"{path.stem}.schema-{revision}.{stamp}.backup{path.suffix or '.briefdesk'}")
        try:
            sqlite_parts.backup_with_room(
                path,
                backup,
                kind="schema-",
                keep=UPGRADE_BACKUPS_KEPT,
                purpose="back it up and upgrade it for this version of Briefdesk",
                # the copy (1x) and the upgrade's rewrite through the write-ahead log (measured ~0.45x, a
                # rebuild of every table would near 1x: bench/bench_upgrade_space.py)
                factor=2,
            )
        except (sqlite3.Error, OSError) as exc:
            raise LibraryError(
                f"Cannot back up {path} before upgrading it ({exc}); nothing was changed."
            ) from None
        return backup

    def search(
        self, query: str, *, entities: tuple[str, ...] = ("source", "claim", "actor"), limit: int = 20
    ) -> list[SearchHit]:
        return self._search.search(query, entities=entities, limit=limit)

    def build_pair_indexes(
        self,
        progress: Callable[[BuildProgress], None] | None = None,
        stop: Callable[[], bool] | None = None,
    ) -> BuildReport:
        """Build a team library's indexes of word pairs (migration 0013) with CREATE INDEX CONCURRENTLY, on a
        connection of its own, taking minutes on a large library while other analysts' edits go on; the
        search uses each index once it is valid. Only one client builds at a time (a second one gets status
        "busy"); a file library has nothing to build ("ready"). See app.storage.pg_pairs."""
        from app.storage import pg_pairs

        if not self.is_team:
            return pg_pairs.BuildReport("ready")
        try:
            return pg_pairs.build(self.engine.url, self.location, progress=progress, stop=stop)
        finally:
            self.pair_indexes.forget()

    def tidy_search_index(self, pages: int | None = None, *, above: int | None = None) -> bool:
        """One bounded step of upkeep of the search indexes, in a write transaction of its own. First, while
        some claims' common-word bits are not computed yet (a library upgraded to migration 0014), computes
        those of up to app.storage.common_words.FILL_BATCH claims (the claims list uses the bits once all are
        computed). Then, on a file library, merges up to ``pages`` of the full-text index's pages towards a
        single b-tree when it is made of more than ``above`` (default app.storage.fts_plan.TIDY_ABOVE), which
        makes the text filters of the claims and sources lists several times faster on a large library.
        True while there is more to do; False when there is nothing to do, and always for a read-only
        library. Nothing a query finds changes."""
        if self.read_only:
            return False
        if self.dialect != "sqlite":
            return False  # PostgreSQL keeps its own indexes, and its lists do not use the bits (never filled)
        from app.storage import common_words

        with self.writing() as s:
            if common_words.fill_step(s.connection()):
                return True
        from app.storage import fts_plan

        with self.writing() as s:
            return fts_plan.tidy_step(
                s,
                fts_plan.TIDY_PAGES if pages is None else pages,
                above=fts_plan.TIDY_ABOVE if above is None else above,
            )

    def counts(self) -> dict[str, int]:
        """Row counts for a status bar: sources, actors, claims, links, briefs."""
        from sqlalchemy import text

        with self.reading() as s:
            out = {}
            for table, key in (
                ("sources", "sources"),
                ("actors", "actors"),
                ("claims", "claims"),
                ("claim_links", "links"),
                ("briefs", "briefs"),
            ):
                out[key] = s.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
            return out


UPGRADE_BACKUPS_KEPT = 3


def unwritable_reason(path: Path) -> str:
    """Why a library file cannot be written here ('' when it can): WAL needs its folder writable."""
    if not os.access(path.parent, os.W_OK):
        return f"its folder {path.parent} is read-only"
    if not os.access(path, os.W_OK):
        return "the file is read-only"
    return ""
