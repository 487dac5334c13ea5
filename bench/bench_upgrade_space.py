"""Disk space a schema upgrade takes: what ``Library.open`` needs beside an old library (the backup copy, the
upgrade's rewrite through the write-ahead log, the library's growth), against what its free-space check asks
for (app.storage.sqlite.backup_with_room: three times the library, plus 1 MB).

    .venv/bin/python bench/bench_upgrade_space.py [--sizes 1000,20000] [--runs 3]

Each run builds a library at the first schema (0001, as tests/fixtures/libraries/make_0001.py does) holding N
sources with ~3 KB of text, N claims and N/20 briefs, then opens it with this Briefdesk (backup, then every
migration in one transaction) while a thread samples the folder's bytes every 10 ms. Reports the library's
size, the peak of the folder's growth during the open (the space the upgrade needed), its ratio to the
library, and the check's demand. The figure to watch: the check must ask for at least the peak.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.library import Library, _alembic_config  # noqa: E402
from app.storage import sqlite as sqlite_parts  # noqa: E402

WORDS = [
    "the",
    "ministry",
    "said",
    "on",
    "tuesday",
    "that",
    "convoy",
    "traffic",
    "across",
    "the",
    "northern",
    "bridge",
    "would",
    "resume",
    "after",
    "inspections",
    "by",
    "engineers",
    "from",
    "the",
    "regional",
    "authority",
    "who",
    "reported",
    "no",
    "structural",
    "damage",
]


def build_0001(path: Path, n: int) -> None:
    from alembic import command

    engine = sqlite_parts.make_engine(path)
    with engine.connect() as conn:
        conn.exec_driver_sql(f"PRAGMA application_id = {sqlite_parts.APPLICATION_ID}")
        conn.commit()
    cfg = _alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    now = "2026-01-05 10:00:00"
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.executemany(
            "INSERT INTO sources (id, title, kind, outlet, body, sha256, reliability, created, updated) "
            "VALUES (?, ?, 'news', 'Wire', ?, ?, 'B', ?, ?)",
            (
                (
                    i,
                    f"Report {i}",
                    " ".join(WORDS[(i + k) % len(WORDS)] for k in range(480)) + f" ({i}).",
                    f"sha{i:08d}",
                    now,
                    now,
                )
                for i in range(1, n + 1)
            ),
        )
        cur.executemany(
            "INSERT INTO claims (id, source_id, actor_id, statement, quote, span_start, span_end, credibility, "
            "status, notes, created, updated) VALUES (?, ?, NULL, ?, 'the ministry said', 0, 17, 3, "
            "'unverified', '', ?, ?)",
            ((i, i, f"The ministry spoke ({i}).", now, now) for i in range(1, n + 1)),
        )
        cur.executemany(
            "INSERT INTO briefs (id, title, body, marking_scheme, default_marking, status, created, updated) "
            "VALUES (?, ?, ?, 'none', '', 'draft', ?, ?)",
            (
                (i, f"Brief {i}", "## Outlook\n\n" + f"It reopens [@c{i}].\n" * 40, now, now)
                for i in range(1, n // 20 + 1)
            ),
        )
        raw.commit()
    finally:
        raw.close()
    engine.dispose()
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def folder_bytes(folder: Path) -> int:
    total = 0
    for entry in os.scandir(folder):
        try:
            total += entry.stat().st_size
        except OSError:
            pass
    return total


def measure(template: Path) -> tuple[int, int, int]:
    """(library bytes, peak growth of its folder during the upgrading open, library bytes after)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "old.briefdesk"
        shutil.copy(template, path)
        size = sqlite_parts.library_bytes(path)
        start = folder_bytes(Path(tmp))
        peak = [start]
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], folder_bytes(Path(tmp)))
                time.sleep(0.01)

        sampler = threading.Thread(target=sample)
        sampler.start()
        try:
            lib = Library.open(path)
            peak[0] = max(peak[0], folder_bytes(Path(tmp)))
            lib.close()
        finally:
            done.set()
            sampler.join()
        return size, peak[0] - start, sqlite_parts.library_bytes(path)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,20000")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    print(
        "| sources | library MB | upgrade peak extra MB (median) | peak / library | library after MB | "
        "check asks MB |"
    )
    print("|---:|---:|---:|---:|---:|---:|")
    for n in (int(x) for x in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            template = Path(tmp) / "template.briefdesk"
            build_0001(template, n)
            runs = [measure(template) for _ in range(args.runs)]
        size = runs[0][0]
        extra = statistics.median(r[1] for r in runs)
        after = statistics.median(r[2] for r in runs)
        asks = 3 * size + max(1_000_000, size // 20)
        print(
            f"| {n:,} | {size / 1e6:.1f} | {extra / 1e6:.1f} | {extra / size:.2f} | {after / 1e6:.1f} | "
            f"{asks / 1e6:.1f} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
