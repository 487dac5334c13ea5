"""A throwaway PostgreSQL server for the tests: initdb into a temporary folder, trust authentication on the
loopback only, a free port, stopped and deleted at the end.

Run as root (CI), the server runs as the ``postgres`` user (initdb refuses root). The server binaries are
found with ``pg_config --bindir``, in /usr/lib/postgresql/*/bin (Debian), or on PATH;
``BRIEFDESK_PG_BINDIR`` overrides. ``scripts/system-deps.sh`` installs Debian's ``postgresql`` when missing.

Usable on its own, for a manual try or the benchmark::

    .venv/bin/python tests/postgres_cluster.py      # prints the address, stops on Enter
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

# A role that logs in with a password (for the wrong-password test); every other login is trusted.
PASSWORD_ROLE = "briefdesk_pw"
PASSWORD = "correct horse"


def find_bindir() -> Path | None:
    env = os.environ.get("BRIEFDESK_PG_BINDIR")
    if env:
        return Path(env) if (Path(env) / "initdb").exists() else None
    candidates: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, timeout=10).stdout
            candidates.append(Path(out.strip()))

    def version(p: Path) -> tuple[int, ...]:
        try:
            return tuple(int(x) for x in p.parent.name.split("."))
        except ValueError:
            return (0,)

    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=version, reverse=True)
    initdb = shutil.which("initdb")
    if initdb:
        candidates.append(Path(initdb).resolve().parent)
    for c in candidates:
        if (c / "initdb").exists() and (c / "pg_ctl").exists() and (c / "postgres").exists():
            return c
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Cluster:
    """One server. ``start()`` then ``url(dbname)``; ``kill()`` stops it at once (as a crash would),
    ``restart()`` brings it back on the same port; ``stop()`` ends it and deletes its files."""

    def __init__(self, bindir: Path, *, crash_safe: bool = False) -> None:
        """``crash_safe``: a commit is on disk before it returns (synchronous_commit on), so a server killed
        with ``kill()`` keeps everything committed, as a real one does; else commits are flushed a moment later
        (faster, for the shared server that is never killed)."""
        self.bindir = bindir
        self.crash_safe = crash_safe
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="briefdesk-pg-"))
        self.data = self.root / "data"
        self.as_postgres = os.name == "posix" and os.geteuid() == 0
        self.running = False

    # --- running commands as the server's owner --------------------------------------------------------
    def _run(self, *args: str, check: bool = True, timeout: float = 120) -> subprocess.CompletedProcess:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self.as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
        env.pop("PGPASSWORD", None)
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
        if check and proc.returncode != 0:
            raise RuntimeError(f"{' '.join(args[:2])} failed: {proc.stderr.strip() or proc.stdout.strip()}")
        return proc

    def start(self) -> Cluster:
        if self.as_postgres:
            shutil.chown(self.root, "postgres", "postgres")
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth-local=trust",
            "--auth-host=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        hba = self.data / "pg_hba.conf"
        lines = hba.read_text().splitlines()
        # initdb's host lines are for 127.0.0.1/32 and ::1/128 only; the password role must give its password
        lines.insert(0, f"host all {PASSWORD_ROLE} 127.0.0.1/32 scram-sha-256")
        hba.write_text("\n".join(lines) + "\n")
        self._start_server()
        self.sql(f"CREATE ROLE {PASSWORD_ROLE} LOGIN SUPERUSER PASSWORD '{PASSWORD}'")
        return self

    def _start_server(self) -> None:
        options = (
            f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1 -c max_connections=300 "
            f"-c fsync=off -c synchronous_commit={'on' if self.crash_safe else 'off'} -c full_page_writes=off "
            "-c shared_buffers=64MB -c log_min_messages=fatal"
        )
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.data / "server.log"), "-w", "-t", "60",
                  "-o", options, "start")  # fmt: skip
        self.running = True

    def kill(self) -> None:
        """Stop at once, as a crash or a pulled plug would (no checkpoint, clients cut off)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", check=False)
        self.running = False

    def restart(self) -> None:
        self._start_server()

    def stop(self) -> None:
        if self.running:
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", check=False)
            self.running = False
        shutil.rmtree(self.root, ignore_errors=True)

    # --- use ---------------------------------------------------------------------------------------------
    def url(self, dbname: str = "postgres", user: str = "postgres", password: str | None = None) -> str:
        cred = user if password is None else f"{user}:{password}"
        return f"postgresql://{cred}@127.0.0.1:{self.port}/{dbname}"

    def sql(self, statement: str, dbname: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.url(dbname), autocommit=True, connect_timeout=10) as conn:
            conn.execute(statement)  # type: ignore[arg-type]

    def wait_ready(self, timeout: float = 30) -> None:
        import psycopg

        deadline = time.monotonic() + timeout
        while True:
            try:
                psycopg.connect(self.url(), connect_timeout=2).close()
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)


if __name__ == "__main__":  # pragma: no cover - a manual helper
    bindir = find_bindir()
    if bindir is None:
        raise SystemExit("No PostgreSQL server binaries found (install Debian's postgresql package).")
    cluster = Cluster(bindir).start()
    try:
        print(cluster.url("postgres"), flush=True)
        input("Running; press Enter to stop and delete it. ")
    finally:
        cluster.stop()
