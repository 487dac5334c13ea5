"""The upgrade to 0013 and the concurrent build of the pairs indexes on a copy of the 1M-claim team library.

On server data at 0013 (a copy: this changes it), it downgrades to 0012 (drops the indexes and the function),
then times:
- the upgrade: ``Library.open`` of the library at 0012, and how long the upgrade's advisory lock was held
  (seen by a second connection polling ``pg_locks`` every 10 ms);
- the build: ``briefdesk library index`` in its own process (its progress lines kept), start to end;
- edits meanwhile: another process edits a claim and a source every EDIT_EVERY_S seconds (read, then
  ``update(if_version=)``), before the build (the normal time), during it (each edit's time and the build's
  phase at that moment) and after it (the indexes kept current by every write); a refused edit is counted
  as a failure.

    .venv/bin/python bench/bench_team_pair_build.py --pg-dir PATH_OF_A_COPY_OF_THE_SERVER_DATA
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

EDIT_EVERY_S = 2.0
BASELINE_EDITS = 40


def cpu_reference() -> float:
    t = time.perf_counter()
    sum(range(3_000_000))
    return time.perf_counter() - t


def load() -> str:
    return Path("/proc/loadavg").read_text().split()[0]


def phase_now(url: str) -> str:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute(
            "SELECT c.relname || ': ' || p.phase FROM pg_stat_progress_create_index p "
            "JOIN pg_class c ON c.oid = p.relid WHERE p.datname = current_database()"
        ).fetchone()
    return "" if row is None else str(row[0])


def edit_once(lib, rng: random.Random, claims: int, sources: int) -> dict:
    from app.errors import BriefdeskError

    out: dict = {}
    for kind, top in (("claim", claims), ("source", sources)):
        service = lib.claims if kind == "claim" else lib.sources
        ident = rng.randint(1, top)
        t = time.perf_counter()
        try:
            current = service.get(ident)
            if kind == "claim":
                service.update(
                    ident, statement=f"Edited during the build {t:.3f}", if_version=current.version
                )
            else:
                service.update(ident, title=f"Edited during the build {t:.3f}", if_version=current.version)
            out[kind] = (time.perf_counter() - t) * 1000
        except BriefdeskError as exc:
            out[kind] = None
            out[kind + "_error"] = str(exc)
    return out


def summary(values: list[float]) -> dict:
    if not values:
        return {}
    values = sorted(values)
    return {
        "n": len(values),
        "median_ms": round(statistics.median(values), 1),
        "p95_ms": round(values[min(len(values) - 1, int(0.95 * len(values)))], 1),
        "max_ms": round(values[-1], 1),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pg-dir", type=Path, required=True, help="server data at 0013 (a copy: it is changed)")
    ap.add_argument("--db", default="team")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "bench"))
    from alembic import command
    from bench_team import start_server

    from app.library import Library, _alembic_config

    cluster, _ = start_server(True, args.pg_dir.resolve())
    url = cluster.url(args.db)
    report: dict = {"cpu_reference_start_s": round(cpu_reference(), 3), "load_start": load()}
    try:
        lib = Library.open(url)
        t = time.perf_counter()
        cfg = _alembic_config()
        with lib.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0012")
        report["downgrade_s"] = round(time.perf_counter() - t, 1)
        lib.close()

        # the upgrade, and how long its lock is held
        held: list[float] = []
        done = threading.Event()

        def watch() -> None:
            import psycopg

            from app.storage.postgres import UPGRADE_LOCK_KEY

            with psycopg.connect(url, autocommit=True) as conn:
                while not done.is_set():
                    row = conn.execute(
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND objid::bigint = %s",
                        (UPGRADE_LOCK_KEY,),
                    ).fetchone()
                    if row and row[0]:
                        held.append(time.perf_counter())
                    time.sleep(0.01)

        watcher = threading.Thread(target=watch)
        watcher.start()
        time.sleep(0.2)
        t = time.perf_counter()
        lib = Library.open(url)
        report["upgrade_open_s"] = round(time.perf_counter() - t, 3)
        done.set()
        watcher.join()
        report["upgrade_lock_seen_s"] = round(held[-1] - held[0], 3) if held else 0.0
        report["upgrade_lock_samples"] = len(held)
        with lib.engine.connect() as conn:
            from app.storage.pg_pairs import index_states

            report["states_after_upgrade"] = index_states(conn)
        counts = lib.counts()
        rng = random.Random(13)

        # edits before the build: the normal time
        base = [edit_once(lib, rng, counts["claims"], counts["sources"]) for _ in range(BASELINE_EDITS)]

        # the build, in its own process, and edits meanwhile
        t = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "app", "--library", url, "library", "index"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        during: list[dict] = []
        while proc.poll() is None:
            phase = phase_now(url)
            edit = edit_once(lib, rng, counts["claims"], counts["sources"])
            edit["phase"] = phase
            edit["at_s"] = round(time.perf_counter() - t, 1)
            during.append(edit)
            time.sleep(EDIT_EVERY_S)
        out, err = proc.communicate()
        report["build_s"] = round(time.perf_counter() - t, 1)
        report["build_exit"] = proc.returncode
        report["build_stdout"] = out.strip()
        report["build_progress_lines"] = [
            line.strip() for line in err.replace("\r", "\n").splitlines() if line.strip()
        ]
        with lib.engine.connect() as conn:
            report["states_after_build"] = index_states(conn)
        after = [edit_once(lib, rng, counts["claims"], counts["sources"]) for _ in range(BASELINE_EDITS)]

        def kind_times(edits: list[dict], kind: str) -> list[float]:
            return [e[kind] for e in edits if e.get(kind) is not None]

        report["edits_before"] = {k: summary(kind_times(base, k)) for k in ("claim", "source")}
        report["edits_after"] = {k: summary(kind_times(after, k)) for k in ("claim", "source")}
        in_build = [e for e in during if e["phase"]]
        report["edits_during"] = {k: summary(kind_times(in_build, k)) for k in ("claim", "source")}
        for table in ("actors", "claims", "sources"):
            of_table = [e for e in in_build if e["phase"].startswith(table)]
            report[f"edits_during_{table}"] = {
                k: summary(kind_times(of_table, k)) for k in ("claim", "source")
            }
        report["edits_refused"] = [
            e for e in base + during if e.get("claim") is None or e.get("source") is None
        ]
        report["phases_seen"] = sorted({e["phase"] for e in in_build})
        lib.close()
        report["cpu_reference_end_s"] = round(cpu_reference(), 3)
        report["load_end"] = load()
    finally:
        cluster.stop()
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
