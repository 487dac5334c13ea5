"""Team library benchmark: the 1M-claim library on PostgreSQL beside the same library on SQLite.

Usage (from the repository root):

    .venv/bin/python bench/bench_scale.py --generate-only       # bench/out/scale.briefdesk (1M claims)
    .venv/bin/python bench/bench_team.py                        # copy it to PostgreSQL, measure both
    .venv/bin/python bench/bench_team.py --reuse                # reuse the copied server data
    .venv/bin/python bench/bench_team.py --db /tmp/s.briefdesk --quick   # a small library (smoke test)

The PostgreSQL server is a throwaway one started by this script (tests/postgres_cluster.py: initdb into
bench/out/team-pg, loopback only) with durable settings (fsync and synchronous_commit on, as a team would run
it; shared_buffers 256 MB). The library gets there the way a team's would: ``briefdesk library copy`` from
the SQLite file (timed), then ``VACUUM ANALYZE`` (what autovacuum does shortly after a bulk load).

Measured on both, as a user meets it:

- open: ``Library.open`` in a fresh process (median of ``--opens``), and the first claims page after it;
- search: each query of bench_scale's set (59 queries: commonest words, rare words, phrases, prefixes,
  exclusions, OR) timed on its FIRST call in a fresh process that has opened the library; three such
  processes, the median per query; p50/p95/max over queries;
- first pages: the claims and sources lists under bench_scale's filters and sorts, each combination's first
  call in a fresh process (median of three processes); worst and count over 50 ms;
- the same records: each query once more on both with a limit of 4,000, which returns every candidate
  (both rank the newest 4,000 matches in SQLite's rowid order), compared as sets (not timed);
- concurrent edits: ``--procs`` processes each make ``--edits`` claim edits (read, ``update(if_version=)``)
  at once on a shared set of 100 claims, so edits collide; a stale edit is read again and retried, as the
  app's "Reload" does. Reported: failures (anything but a handled stale edit), retries, wall time, p50/p95.
"""

# ruff: noqa: B023  (the timed lambdas are called at once)

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

PG_DIR = OUT / "team-pg"
PG_DB = "team"
HOT_CLAIMS = 100


# --- the server -----------------------------------------------------------------------------------------
def start_server(reuse: bool, pg_dir: Path, shared_buffers: str = "256MB"):
    from tests.postgres_cluster import Cluster, find_bindir

    bindir = find_bindir()
    if bindir is None:
        sys.exit("PostgreSQL server binaries not found (scripts/system-deps.sh installs them).")

    class BenchCluster(Cluster):
        def __init__(self) -> None:
            super().__init__(bindir)
            import shutil

            shutil.rmtree(self.root, ignore_errors=True)  # the temporary folder it made: use ours
            self.root = pg_dir
            self.data = pg_dir / "data"

        def _start_server(self) -> None:
            options = (
                f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1 -c max_connections=100 "
                f"-c shared_buffers={shared_buffers} -c log_min_messages=fatal"
            )
            self._run("pg_ctl", "-D", str(self.data), "-l", str(self.data / "server.log"), "-w", "-t", "120",
                      "-o", options, "start")  # fmt: skip
            self.running = True

        def stop(self) -> None:  # keep the data for --reuse
            if self.running:
                self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", check=False)
                self.running = False

    cluster = BenchCluster()
    if reuse and (cluster.data / "PG_VERSION").exists():
        cluster._start_server()
        return cluster, True
    import shutil

    shutil.rmtree(pg_dir, ignore_errors=True)
    pg_dir.mkdir(parents=True)
    cluster.start()
    cluster.sql(f"CREATE DATABASE {PG_DB}")
    return cluster, False


def copy_into(db: Path, url: str) -> dict:
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "app", "library", "copy", str(db), url],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit(f"library copy failed ({proc.returncode}): {proc.stderr[-2000:]}")
    t1 = time.perf_counter()
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    return {"copy_s": seconds, "analyze_s": time.perf_counter() - t1, "copy_out": proc.stdout[-1500:]}


# --- children: fresh processes ----------------------------------------------------------------------------
# Imported before the open is timed (their import is reported apart, as bench_scale does): the services
# Library's constructor loads, and for a team library the PostgreSQL driver and SQLAlchemy's dialect for it.
PRELOAD = (
    "app.actors",
    "app.analysis.ach",
    "app.analysis.assumptions",
    "app.analysis.timeline",
    "app.briefs",
    "app.changes",
    "app.claims",
    "app.external_ids",
    "app.links",
    "app.provenance",
    "app.search",
    "app.sources",
    "app.storage.postgres",
    "psycopg",
    "sqlalchemy.dialects.postgresql.psycopg",
)


def child_open(target: str) -> None:
    import importlib

    t0 = time.perf_counter()
    from app.library import Library

    for name in PRELOAD:
        importlib.import_module(name)
    t1 = time.perf_counter()
    lib = Library.open(target)
    t2 = time.perf_counter()
    page = lib.claims.list(limit=100, with_total=False)
    t3 = time.perf_counter()
    lib.close()
    print(json.dumps({"import": t1 - t0, "open": t2 - t1, "first_page": t3 - t2, "n": len(page.items)}))


def claim_filters(lib) -> dict:
    import bench_scale as bs

    from app.domain_lists import ClaimFilter

    busy_actor = lib.actors.list(limit=1).items[0] if hasattr(lib.actors, "list") else None
    rare_word = bs.TextGen(random.Random(bs.SEED)).vocab[30_000]
    out = {
        "none": ClaimFilter(),
        "tag (common)": ClaimFilter(tag="ceasefire"),
        "tag (rare)": ClaimFilter(tag="mercenaries"),
        "status disputed": ClaimFilter(status="disputed"),
        "contested only": ClaimFilter(contested=True),
        "date range (1 month)": ClaimFilter(said_from=dt.date(2020, 3, 1), said_to=dt.date(2020, 3, 31)),
        "text (common word)": ClaimFilter(text="government"),
        "text (rare word)": ClaimFilter(text=rare_word),
        "contested + tag + status": ClaimFilter(contested=True, tag="ceasefire", status="unverified"),
        "source": ClaimFilter(source_id=1),
    }
    if busy_actor is not None:
        out["actor"] = ClaimFilter(actor_id=busy_actor.id)
    return out


def source_filters() -> dict:
    from app.domain_lists import SourceFilter

    return {
        "none": SourceFilter(),
        "kind": SourceFilter(kind="report"),
        "reliability": SourceFilter(reliability="A"),
        "published range": SourceFilter(
            published_from=dt.date(2021, 1, 1), published_to=dt.date(2021, 6, 30)
        ),
        "text (common word)": SourceFilter(text="ceasefire"),
        "text (phrase)": SourceFilter(text='"the government"'),
    }


def child_measure(target: str, queries_file: str) -> None:
    """A fresh process: open, then the first call of every query and every list combination."""
    from app.library import Library

    queries = json.loads(Path(queries_file).read_text())
    lib = Library.open(target)
    lib.claims.list(limit=1, with_total=False)  # what the window does first: the claims page
    search = []
    for cat, q in queries:
        t0 = time.perf_counter()
        hits = lib.search(q)
        search.append((cat, q, time.perf_counter() - t0, len(hits)))
    lists = []
    for name, flt in claim_filters(lib).items():
        for sort in ("said", "id", "credibility"):
            for desc in (True, False):
                t0 = time.perf_counter()
                page = lib.claims.list(flt, sort=sort, descending=desc, limit=100, with_total=False)
                lists.append(("claims", name, sort, desc, time.perf_counter() - t0, len(page.items)))
    for name, flt in source_filters().items():
        for sort in ("published", "id", "title"):
            for desc in (True, False):
                t0 = time.perf_counter()
                page = lib.sources.list(flt, sort=sort, descending=desc, limit=100, with_total=False)
                lists.append(("sources", name, sort, desc, time.perf_counter() - t0, len(page.items)))
    lib.close()
    print(json.dumps({"search": search, "lists": lists}))


def child_edit(target: str, worker: int, edits: int, hot: list[int], start_at: float) -> None:
    """One analyst's process: ``edits`` edits of claims from the shared hot set, as the app makes them."""
    from app.errors import StaleEditError
    from app.library import Library

    lib = Library.open(target, user=f"analyst{worker}")
    rng = random.Random(1000 + worker)
    while time.time() < start_at:  # all processes start editing at the same moment
        time.sleep(0.005)
    lat, retries, failures = [], 0, []
    t_all = time.perf_counter()
    for n in range(edits):
        cid = rng.choice(hot)
        t0 = time.perf_counter()
        for _attempt in range(20):
            try:
                claim = lib.claims.get(cid)
                lib.claims.update(cid, notes=f"{claim.notes[:200]} w{worker}e{n}", if_version=claim.version)
                break
            except StaleEditError:
                retries += 1  # someone else saved first: read it again and make the edit on top
            except Exception as exc:  # noqa: BLE001 - counted and reported
                failures.append(f"{type(exc).__name__}: {exc}")
                break
        else:
            failures.append("gave up after 20 stale retries")
        lat.append(time.perf_counter() - t0)
    wall = time.perf_counter() - t_all
    lib.close()
    print(json.dumps({"lat": lat, "retries": retries, "failures": failures, "wall": wall}))


def same_matches(db: str, url: str, queries: list) -> list[tuple[str, int, int, bool]]:
    """For each query: (query, SQLite records, PostgreSQL records, the same records?) with a limit of
    SEARCH_CANDIDATES, so every candidate is returned: both rank the same candidates (the newest matches in
    rowid order), so the sets are equal whatever the ranking functions. Not timed."""
    from app.library import Library
    from app.storage.pg_search import SEARCH_CANDIDATES

    out = []
    with Library.open(db) as sq, Library.open(url) as pg:
        for _cat, q in queries:
            a = {(h.entity, h.id) for h in sq.search(q, limit=SEARCH_CANDIDATES)}
            b = {(h.entity, h.id) for h in pg.search(q, limit=SEARCH_CANDIDATES)}
            out.append((q, len(a), len(b), a == b))
    return out


def run_child(*args: str) -> dict:
    proc = subprocess.run(
        [sys.executable, __file__, *args], cwd=ROOT, stdout=subprocess.PIPE, text=True, check=True
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


def concurrent_edits(target: str, procs: int, edits: int) -> dict:
    from app.library import Library

    with Library.open(target) as lib:
        hot = [c.id for c in lib.claims.list(limit=HOT_CLAIMS, sort="id", with_total=False).items]
    start_at = time.time() + 6.0  # time for every process to import and open
    children = [
        subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--_child",
                "edit",
                "--target",
                target,
                "--worker",
                str(w),
                "--edits",
                str(edits),
                "--hot",
                ",".join(map(str, hot)),
                "--start-at",
                str(start_at),
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for w in range(procs)
    ]
    results = []
    for c in children:
        out, _ = c.communicate()
        results.append(json.loads(out.strip().splitlines()[-1]) if c.returncode == 0 else {"crashed": True})
    lat = [x for r in results for x in r.get("lat", [])]
    return {
        "edits": len(lat),
        "expected": procs * edits,
        "failures": [f for r in results for f in r.get("failures", [])],
        "crashed": sum(1 for r in results if r.get("crashed")),
        "retries": sum(r.get("retries", 0) for r in results),
        "wall": max((r.get("wall", 0) for r in results), default=0),
        "p50": pct(lat, 50),
        "p95": pct(lat, 95),
    }


# --- report -----------------------------------------------------------------------------------------------
def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(p / 100 * (len(s) - 1))))]


def ms(x: float) -> str:
    return f"{x * 1000:.1f}"


def measure(target: str, opens: int, rounds: int, queries_file: Path) -> dict:
    o = [run_child("--_child", "open", "--target", target) for _ in range(opens)]
    runs = [
        run_child("--_child", "measure", "--target", target, "--queries", str(queries_file))
        for _ in range(rounds)
    ]
    search = [
        (cat, q, statistics.median(r["search"][i][2] for r in runs), runs[0]["search"][i][3])
        for i, (cat, q, _t, _n) in enumerate(runs[0]["search"])
    ]
    lists = [
        (*row[:4], statistics.median(r["lists"][i][4] for r in runs), row[5])
        for i, row in enumerate(runs[0]["lists"])
    ]
    return {
        "open": statistics.median(x["open"] for x in o),
        "first_page": statistics.median(x["first_page"] for x in o),
        "import": statistics.median(x["import"] for x in o),
        "search": search,
        "lists": lists,
    }


def report(sq: dict, pg: dict, edits: dict, meta: dict) -> str:
    L = []
    ratio = lambda a, b: f"{a / b:.1f}x" if b else "-"  # noqa: E731
    L.append("| measure | SQLite | PostgreSQL | PG/SQLite | target (PG) | PG result |")
    L.append("|---|---:|---:|---:|---:|---|")
    ok = lambda b: "pass" if b else "**FAIL**"  # noqa: E731

    def row(label: str, a: float, b: float, target: float | None) -> None:
        t = f"<= {target * 1000:.0f} ms" if target else ""
        res = ok(b <= target) if target else ""
        L.append(f"| {label} | {ms(a)} ms | {ms(b)} ms | {ratio(b, a)} | {t} | {res} |")

    row(f"open `Library.open`, fresh process (median of {meta['opens']})", sq["open"], pg["open"], 0.3)
    row("first claims page right after open (median)", sq["first_page"], pg["first_page"], 0.05)
    st = [x[2] for x in sq["search"]]
    pt = [x[2] for x in pg["search"]]
    row(f"search p50, first call of each of {len(st)} queries", pct(st, 50), pct(pt, 50), None)
    row("search p95, first call", pct(st, 95), pct(pt, 95), 0.05)
    row("search max, first call", max(st), max(pt), None)
    for kind in ("claims", "sources"):
        a = [x for x in sq["lists"] if x[0] == kind]
        b = [x for x in pg["lists"] if x[0] == kind]
        wa, wb = max(a, key=lambda x: x[4]), max(b, key=lambda x: x[4])
        row(
            f"{kind} list first page, worst of {len(a)} filter/sort first calls (PG: {wb[1]}, sort {wb[2]})",
            wa[4],
            wb[4],
            0.05,
        )
        L.append(
            f"| {kind} list first pages over 50 ms | {sum(1 for x in a if x[4] > 0.05)} of {len(a)} | "
            f"{sum(1 for x in b if x[4] > 0.05)} of {len(b)} | | 0 | {ok(all(x[4] <= 0.05 for x in b))} |"
        )
    e = edits
    L.append(
        f"| {e['expected']} concurrent claim edits from {meta['procs']} processes (PostgreSQL): done, "
        f"failures | | {e['edits']} done, {len(e['failures']) + e['crashed']} failures, {e['retries']} stale "
        f"retries | | 0 failures | {ok(not e['failures'] and not e['crashed'] and e['edits'] == e['expected'])} |"
    )
    L.append(
        f"| the same: edit p50 / p95, wall time | | {ms(e['p50'])} / {ms(e['p95'])} ms, {e['wall']:.1f} s | | | |"
    )
    L.append("")
    L.append("Search, first call per query (median of 3 fresh processes, ms):\n")
    L.append("| kind | query | SQLite | PostgreSQL | hits (SQLite/PG) |")
    L.append("|---|---|---:|---:|---|")
    for a, b in zip(sq["search"], pg["search"], strict=True):
        q = (a[1] if len(a[1]) < 40 else a[1][:37] + "...").replace("|", "\\|")
        L.append(f"| {a[0]} | `{q}` | {ms(a[2])} | {ms(b[2])} | {a[3]}/{b[3]} |")
    L.append("")
    L.append("Lists, slowest first calls on PostgreSQL (median of 3 fresh processes, ms):\n")
    L.append("| list | filter | sort | SQLite | PostgreSQL |")
    L.append("|---|---|---|---:|---:|")
    pairs = sorted(zip(sq["lists"], pg["lists"], strict=True), key=lambda p: -p[1][4])
    for a, b in pairs[:12]:
        L.append(f"| {a[0]} | {a[1]} | {a[2]} {'desc' if a[3] else 'asc'} | {ms(a[4])} | {ms(b[4])} |")
    return "\n".join(L)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", type=Path, default=OUT / "scale.briefdesk")
    ap.add_argument(
        "--reuse", action="store_true", help="reuse the server data in --pg-dir (the copy made before)"
    )
    ap.add_argument("--pg-dir", type=Path, default=PG_DIR, help="where the server keeps its data")
    ap.add_argument("--opens", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument(
        "--shared-buffers",
        default="256MB",
        help="the server's shared_buffers (256MB: a small server; PostgreSQL's guide suggests a quarter of RAM)",
    )
    ap.add_argument("--procs", type=int, default=4)
    ap.add_argument("--edits", type=int, default=50, help="edits per process")
    ap.add_argument("--quick", action="store_true", help="fewer repetitions (smoke test)")
    ap.add_argument("--_child", choices=["open", "measure", "edit"], help=argparse.SUPPRESS)
    ap.add_argument("--target", help=argparse.SUPPRESS)
    ap.add_argument("--queries", help=argparse.SUPPRESS)
    ap.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--hot", help=argparse.SUPPRESS)
    ap.add_argument("--start-at", type=float, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args._child == "open":
        return child_open(args.target)
    if args._child == "measure":
        return child_measure(args.target, args.queries)
    if args._child == "edit":
        return child_edit(
            args.target, args.worker, args.edits, [int(x) for x in args.hot.split(",")], args.start_at
        )
    if not args.db.exists():
        sys.exit(f"{args.db} does not exist: run bench/bench_scale.py --generate-only first")
    if args.quick:
        args.opens, args.rounds = 3, 1
    import bench_scale as bs

    queries_file = OUT / "team_queries.json"
    queries_file.write_text(json.dumps(bs.search_queries(args.db, random.Random(7))))
    cluster, reused = start_server(args.reuse, args.pg_dir.resolve(), args.shared_buffers)
    try:
        url = cluster.url(PG_DB)
        meta = {"opens": args.opens, "procs": args.procs}
        if not reused:
            print(f"copying {args.db} ({args.db.stat().st_size / 1e6:,.0f} MB) into {url} ...", flush=True)
            meta.update(copy_into(args.db, url))
            print(f"copy {meta['copy_s']:.0f} s, VACUUM ANALYZE {meta['analyze_s']:.0f} s", flush=True)
            (OUT / "team_copy.json").write_text(json.dumps(meta, indent=1))
        print("measuring SQLite ...", flush=True)
        sq = measure(str(args.db), args.opens, args.rounds, queries_file)
        print("measuring PostgreSQL ...", flush=True)
        pg = measure(url, args.opens, args.rounds, queries_file)
        print("concurrent edits ...", flush=True)
        edits = concurrent_edits(url, args.procs, args.edits)
        print("comparing the records each search finds ...", flush=True)
        same = same_matches(str(args.db), url, json.loads(queries_file.read_text()))
        (OUT / "team_results.json").write_text(
            json.dumps({"sqlite": sq, "pg": pg, "edits": edits, "same": same}, indent=1)
        )
        import platform

        import psycopg

        with psycopg.connect(url) as conn:
            server = conn.execute("SHOW server_version").fetchone()[0]
        print(
            f"\nMachine: nproc {os.cpu_count()}, Python {platform.python_version()}, PostgreSQL {server} "
            f"(shared_buffers {args.shared_buffers}), "
            f"load average at the end {os.getloadavg()[0]:.1f}\n"
        )
        print(report(sq, pg, edits, meta))
        differ = [x for x in same if not x[3]]
        print(
            f"\nSearch, every candidate (limit 4,000): the same records on both for {len(same) - len(differ)} "
            f"of {len(same)} queries"
            + "".join(f"\n  differ: `{q}` SQLite {a}, PostgreSQL {b}" for q, a, b, _ in differ)
        )
        if edits["failures"]:
            print("\nEdit failures:\n" + "\n".join(sorted(set(edits["failures"]))[:20]))
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
