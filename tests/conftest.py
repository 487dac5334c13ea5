"""Fixtures shared by every test (keep them here, one place): a fresh library (``lib``), a library with the demo
content (``demo_lib``: a copy of one built once per session and database), a source (``source``).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Never touch the real user's data or config directories."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("BRIEFDESK_LIBRARY", raising=False)


@pytest.fixture(autouse=True)
def _no_modal_dialog_waits_for_a_user(monkeypatch):
    """A modal dialog in a test has no one to close it, so the suite would wait forever (it did: an error
    box during an actor merge stalled two workers for the whole CI budget). Any message box or dialog a test
    did not arrange for is recorded, answered with Cancel at once, and fails the test with its text."""
    try:
        from PySide6.QtWidgets import QDialog, QMessageBox
    except ImportError:  # a test run without Qt
        yield
        return
    opened: list[str] = []

    def message_box(box):
        opened.append(f"message box {box.text()!r} {box.informativeText()!r}")
        return int(QMessageBox.StandardButton.Cancel.value)

    def dialog(dlg):
        opened.append(f"dialog {type(dlg).__name__} {dlg.windowTitle()!r}")
        return int(QDialog.DialogCode.Rejected.value)

    monkeypatch.setattr(QMessageBox, "exec", message_box)
    monkeypatch.setattr(QDialog, "exec", dialog)
    yield
    assert not opened, f"a modal dialog opened that no test answers: {opened}"


# --- running on several workers (pytest-xdist) ---------------------------------------------------------------
# Tests whose node ids match one of these, once the part in the group is taken out, share a costly result
# kept in their worker (a child process exports one hostile body to every format): with -n (xdist's load,
# or loadgroup as make test says) they go to one worker, before the other tests. xdist's own xdist_group
# marker is lost under pytest 9: xdist renames item._nodeid, which pytest 9 no longer reads.
RUN_TOGETHER = (
    re.compile(
        r"^(tests/adversarial/test_hostile_briefs\.py::test_pathological_markdown_exports_in_bounded_time_and_"
        r"memory\[)(?:docx|html|md)-(.*\])$"
    ),
    re.compile(
        r"^(tests/adversarial/test_hostile_briefs\.py::test_a_body_of_500000_headings_\w+\[)(?:docx|html|md)(\])$"
    ),
)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") not in ("load", "loadgroup"):  # -n alone means load
        return None
    from xdist.scheduler import LoadScopeScheduling

    class RunTogether(LoadScopeScheduling):
        """Each test is its own unit of work, but for the groups of RUN_TOGETHER; the largest units are sent
        out first (xdist's --loadscope-reorder, on by default)."""

        def _split_scope(self, nodeid: str) -> str:
            for pattern in RUN_TOGETHER:
                m = pattern.match(nodeid)
                if m:
                    return m.group(1) + m.group(2)
            return nodeid

    return RunTogether(config, log)


# --- one library fixture, two databases --------------------------------------------------------------------
# Every test that takes ``lib``, ``demo_lib``, ``library_path`` (or ``library_target``) runs twice: on a
# SQLite file and on a team library in a throwaway PostgreSQL server (tests/postgres_cluster.py), started
# once per test session. Without the server binaries the PostgreSQL runs are skipped with the reason,
# except in CI (CI=true or BRIEFDESK_REQUIRE_POSTGRES=1), where that is a failure.
BACKENDS = ("sqlite", "postgresql")


def postgres_required() -> bool:
    return os.environ.get("BRIEFDESK_REQUIRE_POSTGRES") == "1" or os.environ.get("CI", "").lower() == "true"


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "sqlite_only(reason): the test is about the SQLite file itself; not run on PostgreSQL"
    )


# How a test's database is copied from its template. PostgreSQL 15's default (WAL_LOG) writes the template's
# every page into the write-ahead log: 140 ms a database here. FILE_COPY copies the files after a checkpoint,
# which costs nothing with fsync off (tests/postgres_cluster.py): 40 ms. Servers before 15 copy files anyway
# and do not know the word (_PgServer leaves it out for them).
COPY = "STRATEGY FILE_COPY"


class _PgServer:
    """The session's server, with a migrated template database that each test's library is copied from."""

    def __init__(self, cluster) -> None:
        self.cluster = cluster
        self.count = 0
        self.template = "briefdesk_template"
        import psycopg

        with psycopg.connect(cluster.url(), autocommit=True) as conn:
            version = conn.info.server_version
        self.copy = COPY if version >= 150000 else ""
        from app.library import Library

        cluster.sql(f"CREATE DATABASE {self.template}")
        Library.open(cluster.url(self.template)).close()  # create the schema once

    def new_database(self, name_hint: str = "t") -> str:
        self.count += 1
        name = f"{name_hint}_{os.getpid()}_{self.count}"
        self.cluster.sql(f"CREATE DATABASE {name} TEMPLATE {self.template} {self.copy}")
        return name

    def new_demo_database(self) -> str:
        """A fresh database holding the demo content, copied from one filled once per session."""
        self.count += 1
        name = f"demo_{os.getpid()}_{self.count}"
        self.fill_with_demo(name)
        return name

    def fill_with_demo(self, name: str) -> None:
        """Database ``name`` (made anew) holds the demo content, copied from one filled once per session."""
        if not getattr(self, "_demo_ready", False):
            from app.demo import populate
            from app.library import Library

            self.cluster.sql(f"CREATE DATABASE briefdesk_demo TEMPLATE briefdesk_template {self.copy}")
            library = Library.open(self.cluster.url("briefdesk_demo"))
            populate(library)
            library.close()  # a template database must have no connections
            self._demo_ready = True
        self.cluster.sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        self.cluster.sql(f"CREATE DATABASE {name} TEMPLATE briefdesk_demo {self.copy}")

    def empty_database(self) -> str:
        self.count += 1
        name = f"empty_{os.getpid()}_{self.count}"
        self.cluster.sql(f"CREATE DATABASE {name}")
        return name

    def drop(self, name: str) -> None:
        import contextlib

        with contextlib.suppress(Exception):
            self.cluster.sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(scope="session")
def pg_server():
    """The session's PostgreSQL server (skipped, with the reason, when the binaries are not installed)."""
    from tests.postgres_cluster import Cluster, find_bindir

    bindir = find_bindir()
    if bindir is None:
        reason = (
            "PostgreSQL server binaries not found (install Debian's postgresql package; "
            "scripts/system-deps.sh does)"
        )
        if postgres_required():
            pytest.fail(reason + "; CI must run the PostgreSQL tests")
        pytest.skip(reason)
    cluster = Cluster(bindir)
    try:
        cluster.start()
        yield _PgServer(cluster)
    finally:
        cluster.stop()


@pytest.fixture
def own_server():
    """A PostgreSQL server of this test's own, with an empty database 'team', which the test may kill and
    restart (the session's server is shared)."""
    from tests.postgres_cluster import Cluster, find_bindir

    bindir = find_bindir()
    if bindir is None:
        if postgres_required():
            pytest.fail("PostgreSQL server binaries not found; CI must run the PostgreSQL tests")
        pytest.skip("PostgreSQL server binaries not found (install Debian's postgresql package)")
    cluster = Cluster(bindir, crash_safe=True).start()  # killed by the test: what was committed must stay
    cluster.sql("CREATE DATABASE team")
    yield cluster
    cluster.stop()


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    if request.param == "postgresql":
        marker = request.node.get_closest_marker("sqlite_only")
        if marker is not None:
            pytest.skip(f"SQLite only: {marker.args[0] if marker.args else 'about the library file'}")
    return request.param


@pytest.fixture
def library_target(backend, tmp_path, request):
    """Where the test's library is: a file path (SQLite), or a fresh team library's address (PostgreSQL)."""
    if backend == "sqlite":
        yield tmp_path / "test.briefdesk"
        return
    server = request.getfixturevalue("pg_server")
    name = server.new_database()
    yield server.cluster.url(name)
    server.drop(name)


@pytest.fixture(scope="module", params=BACKENDS)
def module_library_target(request, tmp_path_factory):
    """Like ``library_target``, but one library per test module and database, for modules whose tests only
    read a library that is costly to fill (the module's own fixture fills it once). Tests that change the
    library take ``lib``."""
    if request.param == "sqlite":
        yield tmp_path_factory.mktemp("module-library") / "shared.briefdesk"
        return
    server = request.getfixturevalue("pg_server")
    name = server.new_database("m")
    yield server.cluster.url(name)
    server.drop(name)


@pytest.fixture
def library_path(library_target):
    return library_target


@pytest.fixture(scope="session")
def _empty_library_file(tmp_path_factory) -> Path:
    """An empty library file (the schema the migrations make), made once per session; ``lib`` gets copies.
    Making one runs every migration (0.2 s); copying and opening the made file takes 3 ms. Making a library
    stays tested wherever a test opens a path not yet made (the command line, tests/app/test_library_open.py)."""
    from app.library import Library

    path = tmp_path_factory.mktemp("empty-template") / "empty.briefdesk"
    Library.open(path).close()  # checkpoints the write-ahead log into the file: one file to copy
    return path


@pytest.fixture
def lib(library_target, request):
    """A new empty library of this test's own (on SQLite a copy of the session's empty library file)."""
    from app.library import Library

    if not str(library_target).startswith("postgresql://"):
        import shutil

        shutil.copyfile(request.getfixturevalue("_empty_library_file"), library_target)
    library = Library.open(library_target)
    yield library
    library.close()


@pytest.fixture(scope="session")
def _demo_library_file(tmp_path_factory) -> Path:
    """The demo library as a SQLite file, built once per test session (seconds) and closed; tests get copies."""
    from app.demo import populate
    from app.library import Library

    path = tmp_path_factory.mktemp("demo-template") / "demo.briefdesk"
    library = Library.open(path)
    populate(library)
    library.close()  # checkpoints the write-ahead log into the file: one file to copy
    return path


@pytest.fixture
def demo_lib(backend, tmp_path, request):
    """A library of this test's own with the built-in demo content (sources, actors, claims, denials, a
    brief): a copy of the session's demo library (a file copy, or a database made from a template), so each
    test may change it freely."""
    from app.library import Library

    if backend == "sqlite":
        import shutil

        target = tmp_path / "demo.briefdesk"
        shutil.copyfile(request.getfixturevalue("_demo_library_file"), target)
        library = Library.open(target)
        yield library
        library.close()
        return
    server = request.getfixturevalue("pg_server")
    name = server.new_demo_database()
    library = Library.open(server.cluster.url(name))
    yield library
    library.close()
    server.drop(name)


@pytest.fixture
def put_demo(request):
    """``put_demo(target)``: the library at ``target`` (a SQLite path not yet made, or a team library's
    address) holds the demo content, as after ``briefdesk demo``, copied from the session's demo library
    instead of filled anew (the command itself is tested on its own)."""

    def _put(target) -> None:
        if str(target).startswith("postgresql://"):
            name = str(target).rsplit("/", 1)[1].split("?", 1)[0]
            request.getfixturevalue("pg_server").fill_with_demo(name)
            return
        import shutil

        assert not Path(target).exists(), "the demo goes into a library not yet made"
        shutil.copyfile(request.getfixturevalue("_demo_library_file"), target)

    return _put


SAMPLE_BODY = (
    "Meridian Wire, 3 March. The interior minister, Dana Reyes, said on Monday that the border crossing at "
    "Kessel would reopen within a week. \u201cWe have repaired the bridge and the guards are back,\u201d she said.\n\n"
    "Officials in the neighbouring province denied this. \u201cNothing has been repaired,\u201d a spokesman said."
)


@pytest.fixture
def source(lib):
    return lib.sources.create(
        title="Border crossing to reopen",
        body=SAMPLE_BODY,
        kind="news article",
        outlet="Meridian Wire",
        url="https://example.org/kessel",
        published="2026-03-03",
        reliability="B",
    ).after
