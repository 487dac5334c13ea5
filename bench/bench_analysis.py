"""Benchmark: the structured-analysis reads on the scale library (1,000,000 claims), as a user meets them.

    .venv/bin/python bench/bench_analysis.py [--runs 5]      # needs bench/out/scale.briefdesk (bench_scale.py)

Each command runs in a fresh process (``briefdesk ... --json``, the first call a user makes), side by side
with the command it stands beside, on the same rows, in the same minutes:

- ``timeline --actor A`` (the busiest actor, first 500 claims in order of date said, with their links and
  position changes) beside ``claims --actor A --sort said --asc --limit 500`` (the same claims, listed);
- ``timeline`` over the whole library (first page of 500) beside ``claims --sort said --asc --limit 500``;
- ``timeline --tag T`` (the commonest tag) beside ``claims --tag T --sort said --asc --limit 500``;
- ``ach B`` on a realistic matrix (7 hypotheses x 60 claims, all rated) and on the largest the library accepts
  (50 hypotheses x 1,000 claims, all rated) beside ``brief show B`` (reading the brief the matrix belongs to).

``--gui``: the ACH pane itself (open and show, sort, reload) on both matrices, offscreen.

The matrices are stored once in the scale library, in briefs titled "ACH bench ..." (made if missing).
Prints the median and range of each, and the ratio to the command beside it.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DB = ROOT / "bench" / "out" / "scale.briefdesk"
CLI = [str(ROOT / ".venv" / "bin" / "briefdesk"), "--library", str(DB)]
RATINGS = ("CC", "C", "N", "I", "II", "NA")


def ensure_matrix(lib, title: str, hypotheses: int, rows: int, seed: int) -> int:
    """A brief with ``hypotheses`` x ``rows`` rated cells (made once; reused when it exists)."""
    for b in lib.briefs.list(text=title, limit=10).items:
        if b.title == title:
            return int(b.id)
    rng = random.Random(seed)
    claim_ids = lib.claims.ids(limit=200_000, sort="id")
    chosen = rng.sample(claim_ids, rows)
    body = (
        "## Key judgments\n\n1. It is likely that the first hypothesis holds ["
        + "; ".join(f"@c{c}" for c in chosen[:20])
        + "]. We have low confidence in this judgment.\n"
    )
    with lib.transaction():
        brief = lib.briefs.create(title=title, body=body).after.id
        hyps = [
            lib.ach.add_hypothesis(brief, f"Hypothesis {i} of the bench").after.id for i in range(hypotheses)
        ]
        lib.ach.add_claims(brief, chosen)
        for c in chosen:
            for h in hyps:
                lib.ach.rate(h, c, rng.choice(RATINGS))
    return int(brief)


CPU: dict[int, list[float]] = {}  # id(wall list) -> the child's CPU times (user + system) of the same runs


def timed(args: list[str], runs: int) -> list[float]:
    """Wall-clock ms of each run; the child's CPU ms are kept beside (on a shared, loaded machine the CPU
    time is the steadier figure: the wall clock also counts waiting for a core)."""
    out, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        done = subprocess.run(CLI + args, capture_output=True, text=True, check=False)
        out.append((time.perf_counter() - t0) * 1000)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(args)} failed: {done.stderr.strip()}")
    CPU[id(out)] = cpu
    return out


def report(name: str, ms: list[float], beside: list[float] | None = None) -> None:
    med = statistics.median(ms)
    line = f"{name:<52} wall {med:6.0f} ms ({min(ms):.0f}-{max(ms):.0f})"
    cpu = CPU.get(id(ms))
    if cpu:
        line += f"  cpu {statistics.median(cpu):5.0f} ms"
    if beside:
        line += f"   x{med / statistics.median(beside):.2f} wall"
        if cpu and CPU.get(id(beside)):
            line += f", x{statistics.median(cpu) / statistics.median(CPU[id(beside)]):.2f} cpu"
    print(line, flush=True)


def gui(runs: int) -> None:
    """The ACH pane as the app builds it (offscreen, reads run synchronously): open and show, sort by a
    hypothesis column, reload, for both bench matrices. Wall-clock medians."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QApplication

    from app.library import Library
    from ui.ach_pane import FIXED, AchPane
    from ui.jobs import Jobs

    app = QApplication.instance() or QApplication([])
    Jobs.synchronous = True
    with Library.open(DB) as lib:
        for title in ("ACH bench 7x60", "ACH bench 50x1000"):
            brief = next(b.id for b in lib.briefs.list(text=title, limit=10).items if b.title == title)
            opened, sorted_, reloaded = [], [], []
            for _ in range(runs):
                t = time.perf_counter()
                pane = AchPane(lib, Jobs(), brief, QUndoStack())
                pane.resize(900, 700)
                pane.show()
                app.processEvents()
                opened.append((time.perf_counter() - t) * 1000)
                t = time.perf_counter()
                pane.proxy.sort(len(FIXED) + 1)
                app.processEvents()
                sorted_.append((time.perf_counter() - t) * 1000)
                t = time.perf_counter()
                pane.reload()
                app.processEvents()
                reloaded.append((time.perf_counter() - t) * 1000)
                pane.close()
                pane.deleteLater()
                app.processEvents()
            report(f"ACH pane open+show ({title[10:]})", opened)
            report(f"ACH pane sort by H2 ({title[10:]})", sorted_)
            report(f"ACH pane reload ({title[10:]})", reloaded)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--gui", action="store_true", help="only the ACH pane, in this process")
    args = parser.parse_args()
    if not DB.exists():
        raise SystemExit(f"{DB} is missing: run .venv/bin/python bench/bench_scale.py --generate-only first")
    if args.gui:
        gui(args.runs)
        return
    from app.library import Library

    with Library.open(DB) as lib:
        t0 = time.perf_counter()
        small = ensure_matrix(lib, "ACH bench 7x60", 7, 60, 1)
        large = ensure_matrix(lib, "ACH bench 50x1000", 50, 1000, 2)
        made = time.perf_counter() - t0
        with lib.reading() as s:
            from sqlalchemy import func, select

            from app.storage.models import Claim, ClaimTag

            actor_id, n_actor = s.execute(
                select(Claim.actor_id, func.count())
                .where(Claim.actor_id.is_not(None))
                .group_by(Claim.actor_id)
                .order_by(func.count().desc())
                .limit(1)
            ).one()
            tag, n_tag = s.execute(
                select(ClaimTag.tag, func.count())
                .group_by(ClaimTag.tag)
                .order_by(func.count().desc())
                .limit(1)
            ).one()
        busiest = lib.actors.get(actor_id)
        counts = lib.counts()
        # warm, in one process: what the panes call
        warm_matrix = []
        for _ in range(args.runs):
            t = time.perf_counter()
            m = lib.ach.matrix(large)
            warm_matrix.append((time.perf_counter() - t) * 1000)
        warm_timeline = []
        for _ in range(args.runs):
            t = time.perf_counter()
            lib.timeline.build(actor=actor_id, limit=500)
            warm_timeline.append((time.perf_counter() - t) * 1000)
    print(
        f"library: {counts['claims']:,} claims, {counts['links']:,} links, {counts['actors']:,} actors; busiest "
        f"actor a{actor_id} ({n_actor:,} claims); commonest tag '{tag}' ({n_tag:,} claims); matrices ready in "
        f"{made:.1f} s; {len(m.rows)} rows x {len(m.hypotheses)} hypotheses in the large one",
        flush=True,
    )
    r = args.runs
    peer = timed(
        ["claims", "--actor", busiest.name, "--sort", "said", "--asc", "--limit", "500", "--json"], r
    )
    report("claims --actor A --sort said --asc --limit 500", peer)
    report("timeline --actor A (500)", timed(["timeline", "--actor", f"a{actor_id}", "--json"], r), peer)
    peer = timed(["claims", "--sort", "said", "--asc", "--limit", "500", "--json"], r)
    report("claims --sort said --asc --limit 500", peer)
    report("timeline (whole library, first 500)", timed(["timeline", "--json"], r), peer)
    peer = timed(["claims", "--tag", tag, "--sort", "said", "--asc", "--limit", "500", "--json"], r)
    report("claims --tag T --sort said --asc --limit 500", peer)
    report("timeline --tag T (500)", timed(["timeline", "--tag", tag, "--json"], r), peer)
    for brief, name in ((small, "7 x 60"), (large, "50 x 1,000")):
        peer = timed(["brief", "show", str(brief), "--json"], r)
        report(f"brief show B ({name} matrix)", peer)
        report(f"ach B --json ({name})", timed(["ach", str(brief), "--json"], r), peer)
    report("in process, warm: lib.ach.matrix (50 x 1,000)", warm_matrix)
    report("in process, warm: lib.timeline.build(actor=A, limit=500)", warm_timeline)


if __name__ == "__main__":
    main()
