"""What migration 0013's index of word pairs costs a team library's writes: an import of text files, and
claim edits, into two fresh team libraries on one throwaway server, one at 0012 (no pairs) and one at head,
taking turns in chunks so both meet the same load.

    .venv/bin/python bench/bench_team_writes.py [--db bench/out/scale.briefdesk] [--files 300] [--chunk 50]

The files are the bodies of the 1M-claim library's newest sources (what a team imports: wire copy of a
few KB); the edits change a claim's statement (its tsvector and pairs) 200 times. Reported: the median
time per file and per edit of each library, and the wall time of each in all.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", type=Path, default=ROOT / "bench" / "out" / "scale.briefdesk")
    ap.add_argument("--files", type=int, default=300)
    ap.add_argument("--chunk", type=int, default=50)
    ap.add_argument("--edits", type=int, default=200)
    args = ap.parse_args()
    from alembic import command

    from app.importers.batch import import_paths
    from app.library import Library, _alembic_config
    from tests.postgres_cluster import Cluster, find_bindir

    bindir = find_bindir()
    if bindir is None:
        sys.exit("PostgreSQL server binaries not found")
    work = Path(tempfile.mkdtemp(prefix="bd-writes-"))
    with sqlite3.connect(args.db) as conn:
        rows = conn.execute(
            "SELECT id, title, body FROM sources ORDER BY id DESC LIMIT ?", (2 * args.files,)
        ).fetchall()
    files = []
    for i, (_sid, title, body) in enumerate(rows):
        path = work / f"wire-{i:05d}.txt"
        path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
        files.append(path)
    cluster = Cluster(bindir)
    cluster.start()
    try:
        libs = {}
        for name in ("at0012", "head"):
            cluster.sql(f"CREATE DATABASE {name}")
            libs[name] = Library.open(cluster.url(name))
        cfg = _alembic_config()
        with libs["at0012"].engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0012")
        per_file: dict[str, list[float]] = {n: [] for n in libs}
        wall = dict.fromkeys(libs, 0.0)
        halves = {"at0012": files[: args.files], "head": files[args.files : 2 * args.files]}
        for start in range(0, args.files, args.chunk):
            order = list(libs) if (start // args.chunk) % 2 == 0 else list(libs)[::-1]
            for name in order:
                for path in halves[name][start : start + args.chunk]:
                    t0 = time.perf_counter()
                    import_paths(libs[name], [path])
                    dt = time.perf_counter() - t0
                    per_file[name].append(dt)
                    wall[name] += dt
        per_edit: dict[str, list[float]] = {n: [] for n in libs}
        for lib in libs.values():
            src = lib.sources.list(limit=1).items[0]
            body = lib.sources.get(src.id).body
            quote = body.split(".")[0].strip()
            lib.claims.create(source_id=src.id, quote=quote)
        for i in range(args.edits):
            for name in list(libs) if i % 2 == 0 else list(libs)[::-1]:
                lib = libs[name]
                claim = lib.claims.list(limit=1, with_total=False).items[0]
                t0 = time.perf_counter()
                lib.claims.update(
                    claim.id,
                    statement=f"Edit {i}: the government said the talks went on.",
                    if_version=claim.version,
                )
                per_edit[name].append(time.perf_counter() - t0)
        for name in libs:
            print(
                f"{name}: import median {statistics.median(per_file[name]) * 1000:.1f} ms/file, "
                f"p95 {sorted(per_file[name])[int(0.95 * len(per_file[name]))] * 1000:.1f} ms, "
                f"{len(per_file[name])} files in {wall[name]:.1f} s; "
                f"edit median {statistics.median(per_edit[name]) * 1000:.1f} ms, "
                f"p95 {sorted(per_edit[name])[int(0.95 * len(per_edit[name]))] * 1000:.1f} ms"
            )
        for lib in libs.values():
            lib.close()
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
