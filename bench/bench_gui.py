"""The desktop app on the 1,000,000-claim benchmark library: start-up, scrolling, filters, sorting, selection.

    .venv/bin/python bench/bench_gui.py [--library bench/out/scale.briefdesk] [--launches 5]

Needs the library made by `bench/bench_scale.py` (it is only read). Runs offscreen (QT_QPA_PLATFORM=offscreen).

- Start-up: `briefdesk` launched as a process with BRIEFDESK_TIMING=1 and BRIEFDESK_QUIT_AFTER_INTERACTIVE=1;
  "interactive" is the moment the first rows of the list are shown (from the process start, as the app
  reports it), median of --launches; peak RSS of each launch by GNU time. Target <= 1.5 s, <= 400 MB.
- In one process (the real MainWindow, background jobs on their worker threads): a 10 ms heartbeat timer on
  the GUI thread; the longest gap between beats is the worst stall the user would feel. Measured while
  scrolling the Claims, Sources and Actors lists (to the end in steps, and to random positions), changing each
  claim filter and sort column (time until the first rows are back), and selecting 50 random claims (time until
  the right pane shows the claim with its denials).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def evict(library: Path) -> None:
    """Drop the library file's pages from the OS page cache (posix_fadvise DONTNEED; no privileges needed), so
    the next read comes from the disk, as on the first open after a restart."""
    for path in (library, library.with_name(library.name + "-wal")):
        if path.exists():
            fd = os.open(path, os.O_RDONLY)
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


def launch_times(library: Path, launches: int, cold: bool = False) -> list[tuple[float, float, int]]:
    out = []
    for _ in range(launches):
        if cold:
            evict(library)
        with tempfile.TemporaryDirectory() as home:
            env = dict(
                os.environ,
                QT_QPA_PLATFORM="offscreen",
                BRIEFDESK_TIMING="1",
                BRIEFDESK_QUIT_AFTER_INTERACTIVE="1",
                XDG_CONFIG_HOME=f"{home}/config",
                XDG_DATA_HOME=f"{home}/data",
                XDG_STATE_HOME=f"{home}/state",
                XDG_CACHE_HOME=f"{home}/cache",
            )
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            done = subprocess.run(
                [
                    "/usr/bin/time",
                    "-f",
                    "rss=%M",
                    str(ROOT / ".venv" / "bin" / "briefdesk"),
                    "--library",
                    str(library),
                ],
                capture_output=True,
                text=True,
                env=env,
                timeout=120,
            )
            shown = rows = None
            rss = 0
            for line in done.stderr.splitlines():
                if "window_shown=" in line:
                    shown = float(line.split("window_shown=")[1].rstrip("s"))
                if "first_rows_shown=" in line:
                    rows = float(line.split("first_rows_shown=")[1].rstrip("s"))
                if line.startswith("rss="):
                    rss = int(line[4:]) // 1024
            if rows is None:
                raise RuntimeError(f"no timing from the app: {done.stderr[-800:]}")
            out.append((shown or rows, rows, rss))
    return out


class Heartbeat:
    def __init__(self, interval_ms: int = 10) -> None:
        from PySide6.QtCore import QTimer

        self.interval = interval_ms / 1000
        self.last = time.perf_counter()
        self.max_gap = 0.0
        self.timer = QTimer()
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._beat)
        self.timer.start()

    def _beat(self) -> None:
        now = time.perf_counter()
        self.max_gap = max(self.max_gap, now - self.last)
        self.last = now

    def reset(self) -> None:
        self.last = time.perf_counter()
        self.max_gap = 0.0


def wait_until(app, predicate, timeout: float = 30.0) -> float:
    started = time.perf_counter()
    while not predicate():
        app.processEvents()
        if time.perf_counter() - started > timeout:
            raise TimeoutError("the view did not update in time")
        time.sleep(0.001)
    return time.perf_counter() - started


def pump(app, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.001)


def interaction(library: Path, rounds: int = 3) -> list[tuple[str, str, str]]:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory() as home:
        for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            os.environ[var] = f"{home}/{var.lower()}"
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication

        from app.library import Library
        from ui.main_window import MainWindow
        from ui.settings import Settings

        app = QApplication.instance() or QApplication(["bench"])
        lib = Library.open(library, create=False)
        window = MainWindow(lib, Settings.load())
        window.index_upkeep.stop()  # the library as it is: no merging of its search index meanwhile
        window.resize(1280, 800)
        window.show()
        hb = Heartbeat()
        rows: list[tuple[str, str, str]] = []
        claims = window.claims
        window.go_to("claims")
        wait_until(app, lambda: claims.model.rowCount() > 0)
        pump(app, 0.3)

        def scroll_list(name: str, view, model) -> None:
            bar = view.verticalScrollBar()
            hb.reset()
            started = time.perf_counter()
            for _ in range(40):  # to the end of what is loaded, and on: the model fetches pages as needed
                bar.setValue(bar.maximum())
                pump(app, 0.02)
            held = model.rowCount()
            rng = random.Random(5)
            for _ in range(40):
                bar.setValue(rng.randint(0, bar.maximum()))
                pump(app, 0.01)
            rows.append(
                (
                    f"scroll {name}: 40 steps to the end, 40 random jumps",
                    f"{held:,} rows held after {time.perf_counter() - started:.1f} s",
                    f"{hb.max_gap * 1000:.0f} ms",
                )
            )

        scroll_list("Claims", claims.table, claims.model)

        timed: dict[str, list[tuple[float, float, int]]] = {}  # label -> (seconds, stall, rows) per round

        def wait_for_rows(label: str, change) -> None:
            hb.reset()
            before = claims.model._generation
            change()
            took = wait_until(app, lambda: claims.model._generation != before and not claims.model._loading)
            pump(app, 0.05)
            timed.setdefault(label, []).append((took, hb.max_gap, claims.model.rowCount()))

        def filter_step(label: str, change) -> None:
            def go() -> None:
                change()
                claims.apply_filter()

            wait_for_rows(f"filter: {label}", go)

        first = claims.model._rows[0] if claims.model._rows else None
        for _round in range(rounds):  # the first round meets each query cold, later rounds repeat it
            filter_step("contested only", lambda: claims.contested_filter.setChecked(True))
            filter_step(
                "contested + status disputed",
                lambda: claims.status_filter.setCurrentIndex(
                    max(0, claims.status_filter.findText("disputed", flags=Qt.MatchFlag.MatchContains))
                ),
            )
            filter_step("clear", claims.clear_filters)
            if claims.tag_filter.count() > 1:
                filter_step("a tag", lambda: claims.tag_filter.setCurrentIndex(1))
                filter_step("clear", claims.clear_filters)
            if first is not None:
                filter_step(
                    f"actor '{first.actor_name}'", lambda: claims.actor_filter.setText(first.actor_name)
                )
                filter_step("clear", claims.clear_filters)
                filter_step(
                    "one source", lambda: claims.set_source_filter((first.source_id, first.source_title))
                )
                filter_step("clear", claims.clear_filters)
            for word in ("drone", "the", "said"):  # a mid word, the commonest, a common one
                filter_step(f"text '{word}'", lambda w=word: claims.text_filter.setText(w))
                filter_step("clear", claims.clear_filters)
            for col in range(len(claims.model.columns)):
                if claims.model.columns[col].sort_key is None:
                    continue
                title = claims.model.columns[col].title
                for order, name in (
                    (Qt.SortOrder.AscendingOrder, "asc"),
                    (Qt.SortOrder.DescendingOrder, "desc"),
                ):
                    wait_for_rows(
                        f"sort by {title} {name}", lambda c=col, o=order: claims.table.sortByColumn(c, o)
                    )
            wait_for_rows(
                "sort by Said desc (the default)",
                lambda: claims.table.sortByColumn(1, Qt.SortOrder.DescendingOrder),
            )
        for label, runs in timed.items():
            took, stall, held = runs[0]
            again = [r[0] for r in runs[1:]]
            repeat = f"; repeat median {statistics.median(again) * 1000:.0f} ms" if again else ""
            rows.append(
                (
                    label,
                    f"first rows: first time {took * 1000:.0f} ms{repeat} ({held:,} held)",
                    f"{max(r[1] for r in runs) * 1000:.0f} ms",
                )
            )

        # selecting claims: time until the right pane shows the claim and its denials
        rng = random.Random(9)
        waits = []
        hb.reset()
        for _ in range(50):
            row = rng.randrange(min(claims.model.rowCount(), 2000))
            ident = claims.model._rows[row].id
            claims.table.selectRow(row)
            waits.append(wait_until(app, lambda ident=ident: claims.links.claim_id() == ident))
        rows.append(
            (
                "select 50 random claims",
                f"right pane shown: median {statistics.median(waits) * 1000:.0f} ms, "
                f"max {max(waits) * 1000:.0f} ms",
                f"{hb.max_gap * 1000:.0f} ms",
            )
        )

        window.go_to("sources")
        wait_until(app, lambda: window.sources.model.rowCount() > 0)
        scroll_list("Sources", window.sources.table, window.sources.model)
        window.go_to("actors")
        actors = window.actors
        table = getattr(actors, "table", None)
        if table is not None:
            wait_until(app, lambda: actors.model.rowCount() > 0)
            scroll_list("Actors", table, actors.model)
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        rows.append(("peak RSS of this process", f"{peak} MB", ""))
        window.close()
        lib.close()
        return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--library", default=str(ROOT / "bench" / "out" / "scale.briefdesk"))
    ap.add_argument("--launches", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=3, help="filter and sort rounds: the first, then repeats")
    ap.add_argument(
        "--cold",
        action="store_true",
        help="drop the library from the page cache before each launch and the rounds",
    )
    args = ap.parse_args(argv)
    library = Path(args.library)
    if not library.exists():
        print(f"{library} does not exist: run bench/bench_scale.py first")
        return 1
    launches = launch_times(library, args.launches, args.cold)
    cache = (
        "dropped from the page cache before each launch and before the rounds" if args.cold else "as cached"
    )
    print(f"Library: {library} ({library.stat().st_size / 1e9:.2f} GB), {cache}\n")
    print("| start-up (offscreen) | median | min | max |")
    print("|---|---:|---:|---:|")
    for label, idx in (("window shown", 0), ("first rows shown (interactive)", 1)):
        vals = [x[idx] for x in launches]
        print(f"| {label} | {statistics.median(vals):.2f} s | {min(vals):.2f} s | {max(vals):.2f} s |")
    rss = [x[2] for x in launches]
    print(f"| peak RSS of the process | {statistics.median(rss)} MB | {min(rss)} MB | {max(rss)} MB |")
    print(f"\n({args.launches} launches; targets: interactive <= 1.5 s, peak memory <= 400 MB)\n")
    print("| interaction | result | longest GUI-thread stall |")
    print("|---|---|---:|")
    if args.cold:
        evict(library)
    for what, result, stall in interaction(library, args.rounds):
        print(f"| {what} | {result} | {stall} |")
    sys.stdout.flush()
    os._exit(0)  # skip interpreter teardown: Qt objects destroyed in GC order can crash PySide at exit


if __name__ == "__main__":
    raise SystemExit(main())
