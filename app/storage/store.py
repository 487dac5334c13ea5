"""The store under every service: one open library file's engine and sessions, and who is making changes.

``Library`` (app/library.py) is a Store with the services on it. A service takes the Store it works on
(``SourceService(store)``) and never imports ``app.library``, so the services and the library do not
import each other.
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Self

from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError

from app.errors import LibraryError, ReadOnlyLibraryError

if TYPE_CHECKING:  # the ORM is loaded by the first call that writes or reads through it, never by querying()
    from sqlalchemy.orm import Session

    from app.storage.parts import StorageParts
    from app.storage.pg_pairs import PairIndexes


def current_user() -> str:
    """Who is making changes: ``BRIEFDESK_USER`` if set, else the operating system's user name."""
    import getpass
    import os

    name = os.environ.get("BRIEFDESK_USER", "")
    if not name.strip():
        try:
            name = getpass.getuser()
        except (OSError, KeyError, ImportError):  # no login name (e.g. a container without a passwd entry)
            name = ""
    name = " ".join(name.split())[:200]
    return name or "unknown"


class Store:
    """An open library file: sessions for reading and for writing (one transaction each), and the change log.
    Thread-safe: each call opens its own session from the pooled engine."""

    def __init__(self, path: Path | str, engine: Engine, *, user: str | None = None) -> None:
        import uuid

        # A file library's path, or a team library's address without its password (what the title bar,
        # messages and the recent-libraries list show).
        self.path = path
        self.engine = engine
        self.dialect = engine.dialect.name  # "sqlite" or "postgresql"
        self.is_team = self.dialect == "postgresql"
        # the database-specific parts the services use (full-text filters): app.storage.sqlite or .postgres
        self.storage: StorageParts
        if self.is_team:
            from app.storage import postgres as postgres_parts

            self.storage = postgres_parts
        else:
            from app.storage import sqlite as sqlite_parts

            self.storage = sqlite_parts
        # Who this library's changes are recorded as (created_by/updated_by, brief locks, the change log),
        # and this open library's own id (two windows of one user hold brief locks apart).
        self.user = user if user and user.strip() else current_user()
        self.session_id = uuid.uuid4().hex
        self._write_engine = engine.execution_options(sqlite_immediate=True)
        self._local = threading.local()
        self.read_only_reason = ""  # why edits are disabled ("its folder ... is read-only"), or ""

    @functools.cached_property
    def pair_indexes(self) -> PairIndexes:
        """A team library's tables whose index of word pairs the search may ask (app.storage.pg_pairs); made
        on first use, so a command on a library file never imports that module."""
        from app.storage.pg_pairs import PairIndexes

        return PairIndexes()

    @property
    def location(self) -> str:
        """Where the library is, as a user reads it: a file's path, or a team library's address."""
        return str(self.path)

    @property
    def read_only(self) -> bool:
        return bool(self.read_only_reason)

    def require_writable(self) -> None:
        """Raise ReadOnlyLibraryError (one plain sentence) when edits are disabled (Library.open)."""
        if self.read_only_reason:
            raise ReadOnlyLibraryError(
                f"The library {self.path} is open read-only ({self.read_only_reason}), so edits are disabled; "
                "nothing was changed."
            )

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- sessions ------------------------------------------------------------------------------------
    @contextlib.contextmanager
    def querying(self) -> Iterator[Connection]:
        """A connection for reading with SQLAlchemy Core (``app.storage.tables``), in one transaction.

        The read paths a command line meets first (listing claims, search) use this: it needs no ORM, so a
        cold ``briefdesk claims`` never imports or configures it. Inside ``lib.transaction()`` it is that
        transaction's connection (its uncommitted writes are seen)."""
        ambient = getattr(self._local, "session", None)
        if ambient is not None:
            yield ambient.connection()
            return
        try:
            with self.engine.connect() as conn, conn.begin():
                yield conn
        except DBAPIError as exc:
            raise _storage_error(self.location, exc, self._upgrading) from exc

    @contextlib.contextmanager
    def reading(self) -> Iterator[Session]:
        from sqlalchemy.orm import Session

        ambient = getattr(self._local, "session", None)
        if ambient is not None:  # inside lib.transaction(): see its uncommitted writes
            yield ambient
            return
        try:
            with Session(self.engine, expire_on_commit=False) as session, session.begin():
                yield session
        except DBAPIError as exc:
            raise _storage_error(self.location, exc, self._upgrading) from exc

    @contextlib.contextmanager
    def writing(self) -> Iterator[Session]:
        """One transaction, all or nothing: commits when the block ends, rolls back on any error.

        Inside ``lib.transaction()`` every service call joins that one transaction instead.
        """
        from sqlalchemy.orm import Session
        from sqlalchemy.orm.exc import StaleDataError

        self.require_writable()
        ambient = getattr(self._local, "session", None)
        if ambient is not None:
            with ambient.begin_nested():  # a savepoint: a failed call undoes only itself
                yield ambient
            return
        with Session(self._write_engine, expire_on_commit=False) as session:
            try:
                with session.begin():
                    yield session
            except DBAPIError as exc:
                raise _storage_error(self.location, exc, self._upgrading) from exc
            except StaleDataError:
                raise _changed_meanwhile() from None
            except UnicodeEncodeError:
                raise _not_unicode() from None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Self]:
        """Group several service calls into one transaction (all or nothing) on this thread::

        with lib.transaction():
            src = lib.sources.create(...)
            lib.claims.create(source_id=src.id, ...)
        """
        from sqlalchemy.orm import Session
        from sqlalchemy.orm.exc import StaleDataError

        self.require_writable()
        if getattr(self._local, "session", None) is not None:
            yield self  # already inside one: join it
            return
        with Session(self._write_engine, expire_on_commit=False) as session:
            try:
                with session.begin():
                    self._local.session = session
                    try:
                        yield self
                    finally:
                        self._local.session = None
            except DBAPIError as exc:
                raise _storage_error(self.location, exc, self._upgrading) from exc
            except StaleDataError:
                raise _changed_meanwhile() from None
            except UnicodeEncodeError:
                raise _not_unicode() from None

    def _upgrading(self) -> bool:
        """Whether another Briefdesk is upgrading this team library's schema right now (why a write waited)."""
        return self.is_team and upgrade_running(self.engine)

    def log_change(self, s: Session, entity: str, entity_id: int, action: str) -> None:
        """Record one change in the change log (same transaction as the change itself)."""
        from app.storage.models import ChangeLogEntry, utcnow

        s.add(
            ChangeLogEntry(
                entity=entity,
                entity_id=int(entity_id),
                action=action,
                changed_by=self.user,
                at=utcnow(),
                session=self.session_id,
            )
        )


def _not_unicode() -> Exception:
    """A text to store held half of a surrogate pair (bytes that were not UTF-8, passed through)."""
    from app.errors import ValidationError

    return ValidationError(
        "The text has characters that are not valid Unicode (often bytes from a file or terminal that is not "
        "UTF-8), so it cannot be stored; nothing was saved. Retype it, or re-save the file as UTF-8."
    )


def _changed_meanwhile() -> Exception:
    """SQLAlchemy's version check failed at write time: another analyst's change landed in between."""
    from app.errors import ConflictError

    return ConflictError(
        "Another analyst changed the same record at the same moment; nothing was saved. Reload it and try again."
    )


def upgrade_running(engine: Engine) -> bool:
    """Whether a team library's upgrade lock is held (False when that cannot be told)."""
    from app.storage import postgres as pg

    try:
        with engine.connect() as conn:
            return pg.upgrade_running(conn)
    except DBAPIError:
        return False


def _storage_error(
    path: Path | str, exc: DBAPIError, upgrading: Callable[[], bool] | None = None
) -> Exception:
    """Turn a database error into a message a user can act on (IntegrityError: a rule of the library).
    ``upgrading``: asked when a statement gave up waiting for a lock, whether a schema upgrade holds it."""
    from app.errors import ConflictError, LibraryBusyError, LibraryUnavailableError
    from app.storage import postgres as pg

    text = str(exc.orig if exc.orig is not None else exc).lower()
    if exc.connection_invalidated or not isinstance(exc, IntegrityError):
        problem = pg.connection_problem(exc, str(path))
        if problem is not None:
            return LibraryUnavailableError(problem)
    if "lock timeout" in text or "canceling statement due to lock timeout" in text:
        if upgrading is not None and upgrading():
            return LibraryBusyError(
                f"The library {path} is being upgraded for a newer version of Briefdesk (another analyst "
                "opened it with one); nothing was changed. Try again in a minute."
            )
        return LibraryBusyError(
            f"The library {path} is busy: another analyst is changing the same records. Try again."
        )
    if "deadlock detected" in text or "could not serialize" in text:
        return LibraryBusyError(
            f"Another analyst changed the same records at the same moment in {path}; nothing was changed. "
            "Try again."
        )
    if isinstance(exc, IntegrityError):
        return ConflictError(
            f"That change would break a rule of the library ({exc.orig}); nothing was changed."
        )
    if "locked" in text or "busy" in text:
        return LibraryBusyError(
            f"The library {path} is busy: another Briefdesk window or command is writing to it. Try again."
        )
    if "readonly" in text or "read-only" in text:
        return LibraryError(f"The library {path} is read-only; nothing was changed.")
    if "disk is full" in text or "database or disk is full" in text:
        return LibraryError(f"The disk holding {path} is full; nothing was changed.")
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return LibraryError(f"The library {path} is damaged ({exc.orig}); nothing was changed.")
    return LibraryError(f"The library {path} could not be used: {exc.orig}.")
