"""Where the preview's GUI-thread time goes while typing, before and after the in-place update: per edit,
"before" is the view's update as it was (setHtml of the whole HTML, scroll kept, then the event loop) and
"after" is PreviewView._show as it is now (only the changed top-level blocks replaced, ui.preview_blocks; the
whole HTML set when that cannot be done exactly), both from the same shown document in the same run. Edits:
one character typed at three places, a paragraph pasted, a section deleted, and four edits that renumber the
notes (a new claim cited near the top, a cited paragraph deleted, a citation removed, two cited paragraphs
swapped), whose note numbers after the edit are patched in further event-loop stretches ("steps", "total",
"longest"), driven by the event loop alone; "visible" is the GUI time until the blocks in the view (scrolled
to a third of the brief) show what a fresh render shows, and "worker" the render's time off the GUI thread
(keystroke to a correct view = the debounce + worker + visible). The view starts the slices only once the
analyst has paused (ui.preview_view.QUIET_MS without a keystroke or a render); the script starts them at once
after the update, so "total" is what one pause costs, and an edit made while typing costs only "after".
After the last stretch the event loop runs
for LATER_MS more, each processEvents() timed on its own: the longest is "later" (the layout Qt does lazily in
timer events, and anything else the update left). The 20-page brief is the export bench's; the 100-page body is made by the same generator. Nothing is
written to the bench library.

The worker's part per keystroke is timed twice for each edit, in alternate order: "whole" is the render as
it was (render_preview, split_blocks, normalized_blocks: every block) and "incremental" the view's render
now (ui.preview_render.PreviewRenderer, its cache holding the brief shown before the edit), each with the
model's parse uncached (parse_brief's own time is reported apart; the incremental render reads the model by
sections, app.brief_model.pieces, its pieces kept from the brief shown), thread CPU
and wall; the first round (each edit rendered for the first time in the process) is reported apart from the
repeats, and the script counts the edits where the two differ (HTML, blocks or normalized forms).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_preview_gui.py [--rounds 4]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import bench_export  # noqa: E402
from cpu_reference import cpu_reference_line  # noqa: E402

from app.library import Library  # noqa: E402


def edits(body: str, rng: random.Random, claim_ids: list[int]) -> list[tuple[str, str]]:
    """(name, new body) for each kind of edit, applied to ``body``."""
    paras = body.split("\n\n")
    out = []
    for where in (0.1, 0.5, 0.9):
        at = body.rfind(" ", 0, int(len(body) * where)) + 1
        out.append((f"type at {int(where * 100)}%", body[:at] + rng.choice("abcxyz") + body[at:]))
    mid = len(paras) // 2
    out.append(("paste a paragraph", "\n\n".join(paras[:mid] + [paras[mid - 1]] + paras[mid:])))
    heads = [i for i, p in enumerate(paras) if p.startswith("#") and i > 0]
    if len(heads) >= 2:
        a, b = heads[len(heads) // 2 - 1], heads[len(heads) // 2]
        out.append(("delete a section", "\n\n".join(paras[:a] + paras[b:])))
    return out + renumbering_edits(paras, claim_ids)


def renumbering_edits(paras: list[str], claim_ids: list[int]) -> list[tuple[str, str]]:
    """(name, new body) for edits that renumber the notes after them: a claim not cited before
    cited near the top, a cited paragraph at 10 % deleted, the citation of a claim cited only there (at
    10 %) removed, a cited paragraph at 10 % swapped with the next cited one."""
    body = "\n\n".join(paras)
    keys = [re.findall(r"@(c\d+)", p) for p in paras]
    counts = Counter(k for ks in keys for k in ks)
    cited = [i for i, ks in enumerate(keys) if ks and i >= len(paras) // 10]
    out = []
    new = next(i for i in claim_ids if f"c{i}" not in counts)
    top = [*paras]
    top[1] = top[1].rstrip(".\n") + f" [@c{new}].\n"
    out.append(("cite a new claim at the top", "\n\n".join(top)))
    i = cited[0]
    out.append(("delete a cited paragraph at 10%", "\n\n".join(paras[:i] + paras[i + 1 :])))
    once = next(i for i in cited if all(counts[k] == 1 for k in keys[i]))
    out.append(
        ("remove a citation at 10%", body.replace(paras[once], re.sub(r" \[@[^]]*\]", "", paras[once])))
    )
    a, b = cited[0], cited[1]
    swapped = [*paras]
    swapped[a], swapped[b] = swapped[b], swapped[a]
    out.append(("swap two cited paragraphs at 10%", "\n\n".join(swapped)))
    return out


def settle(app, view) -> None:
    """Finish whatever the view still has to do (pending events, the rest of its document's layout), untimed,
    so that each timed step pays only for itself."""
    app.processEvents()
    view.document().documentLayout().documentSize()
    app.processEvents()


LATER_MS = 150
KEYS = (
    "worker",
    "worker cpu",
    "inc",
    "inc cpu",
    "model cpu",
    "before",
    "before later",
    "after",
    "after visible",
    "after later",
    "after total",
    "after longest",
    "steps",
    "cpu before",
    "cpu visible",
    "cpu total",
    "cpu longest",
    "update longest",
    "cpu update longest",
)


def later(app) -> float:
    """The longest single processEvents() over the next LATER_MS: a GUI-thread stretch the update caused
    after it returned (Qt lays long documents out lazily, in timer events)."""
    longest = 0.0
    until = time.perf_counter() + LATER_MS / 1000
    while time.perf_counter() < until:
        time.sleep(0.002)
        started = time.perf_counter()
        app.processEvents()
        longest = max(longest, time.perf_counter() - started)
    return longest


def shows_fresh(view, fresh, whole: bool = False) -> bool:
    """Whether the blocks the view shows (all of them: ``whole``) hold the text of the same blocks of
    ``fresh``, the new HTML set whole. Read from the document: the view's own readers renumber first."""
    from PySide6.QtCore import QPoint

    doc = view.document()
    if doc.blockCount() != fresh.blockCount():
        return False
    if whole:
        return doc.toPlainText() == fresh.toPlainText()
    port = view.viewport()
    top = view.cursorForPosition(QPoint(0, 0)).blockNumber()
    bottom = view.cursorForPosition(QPoint(port.width() - 1, port.height() - 1)).blockNumber()
    return all(
        doc.findBlockByNumber(n).text() == fresh.findBlockByNumber(n).text() for n in range(top, bottom + 1)
    )


def stats(ts: list[float]) -> str:
    return f"{statistics.median(ts) * 1000:.1f} / {max(ts) * 1000:.1f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=4, help="times each edit is applied (after one warm-up)")
    ap.add_argument("--sizes", default="20,100", help="brief sizes in pages")
    args = ap.parse_args(argv)
    from PySide6.QtGui import QTextDocument
    from PySide6.QtWidgets import QApplication

    from app.brief_model import model as model_mod
    from app.brief_model import parse_brief

    def uncached() -> None:
        """No model of the text kept: parse_brief's cache, and the newest models the preview may take."""
        parse_brief.cache_clear()
        kept = getattr(model_mod, "_kept", None)
        if kept is not None:
            kept.clear()

    from ui.preview_blocks import normalized_blocks, split_blocks
    from ui.preview_render import PreviewRenderer
    from ui.preview_view import DEBOUNCE_MS, PreviewView, render_preview

    app = QApplication.instance() or QApplication([])
    path = ROOT / "bench" / "out" / "export" / "export-bench.briefdesk"
    claim_ids = bench_export.build_library(path)
    lib = Library.open(path)
    found = [b for b in lib.briefs.list(limit=100).items if b.title == "Bench brief 20 pages"]
    if not found:
        print("run bench/bench_export.py once first (it creates the 20-page brief)")
        return 1
    brief20 = lib.briefs.get(found[0].id)
    sizes = {"20": brief20}
    for pages in (p for p in args.sizes.split(",") if p.strip() and p.strip() != "20"):
        body = bench_export.brief_body(random.Random(11), claim_ids, int(pages))
        sizes[pages] = dataclasses.replace(brief20, body=body)
    view = PreviewView(lib, jobs=None)
    view.resize(700, 900)
    view.show()
    fresh = QTextDocument()
    fresh.setDefaultStyleSheet(view.document().defaultStyleSheet())
    bar = view.verticalScrollBar()
    for pages, brief in sizes.items():
        base = render_preview(lib, brief, view.images, view.records)
        base_blocks = split_blocks(base.html)
        rows: dict[str, dict[str, list[float]]] = {}
        firsts: dict[str, dict[str, list[float]]] = {}
        in_place: dict[str, int] = {}
        renderer = PreviewRenderer()
        uncached()
        started, cpu = time.perf_counter(), time.thread_time()
        renderer.render(lib, brief, view.images, view.records)  # its cache empty: the whole brief
        cold = (time.perf_counter() - started, time.thread_time() - cpu)
        mismatches = 0
        for rnd in range(1 + args.rounds):
            for edit, body in edits(brief.body, random.Random(rnd), claim_ids):
                edited = dataclasses.replace(brief, body=body)
                # The worker's part, before (the whole render: render, blocks cut, normalized) and after (the
                # incremental render, its cache holding the brief shown before the edit), in alternate order;
                # each without the model parse cached (parse_brief's own cost is timed apart: the floor).
                timed: dict[str, tuple[float, float]] = {}
                for way in ("whole", "inc") if rnd % 2 else ("inc", "whole"):
                    if way == "inc":
                        renderer.render(lib, brief, view.images, view.records)  # the brief shown: untimed
                    uncached()
                    started, cpu = time.perf_counter(), time.thread_time()
                    if way == "whole":
                        res = render_preview(lib, edited, view.images, view.records)
                        blocks = split_blocks(res.html)
                        normal = normalized_blocks(blocks or [])
                    else:
                        inc_res, inc_blocks, inc_normal = renderer.render(
                            lib, edited, view.images, view.records
                        )
                    timed[way] = (time.perf_counter() - started, time.thread_time() - cpu)
                uncached()
                cpu = time.thread_time()
                parse_brief(body)
                model_cpu = time.thread_time() - cpu
                if (inc_res.html, inc_blocks, inc_normal) != (res.html, blocks, normal or None):
                    mismatches += 1
                worker, worker_cpu = timed["whole"]
                if rnd == 0:  # the first time each edit is rendered in this process, reported apart
                    first = firsts.setdefault(edit, {k: [] for k in KEYS})
                    first["worker"].append(worker)
                    first["worker cpu"].append(worker_cpu)
                    first["inc"].append(timed["inc"][0])
                    first["inc cpu"].append(timed["inc"][1])
                    first["model cpu"].append(model_cpu)
                fresh.setHtml(res.html)  # what the view must end up showing
                row = rows.setdefault(edit, {k: [] for k in KEYS})
                # before: the shown brief (set whole: nothing left pending), then the edit set whole, as
                # PreviewView._show did
                view.shown.reset()
                view._show(view._generation, base, base_blocks)
                bar.setValue(bar.maximum() // 3)
                settle(app, view)
                started, cpu = time.perf_counter(), time.thread_time()
                pos = bar.value()
                view.setHtml(res.html)
                bar.setValue(pos)
                app.processEvents()
                before, before_cpu = time.perf_counter() - started, time.thread_time() - cpu
                before_later = later(app)
                # after: the shown brief again (set whole, so that both start alike), then the edit
                view.shown.reset()
                view._show(view._generation, base, base_blocks)
                bar.setValue(bar.maximum() // 3)
                view.shown._count_cache.clear()  # as for an edit not seen before: its blocks counted anew
                settle(app, view)
                started, cpu = time.perf_counter(), time.thread_time()
                view._show(view._generation, res, blocks, normal)
                # (getattr: the same script times trees from before the pause and the in-view stretch)
                quiet, in_view = getattr(view, "_quiet", None), getattr(view, "_in_view", None)
                steps_pending = view._steps.isActive() or (quiet is not None and quiet.isActive())
                in_view_pending = in_view is not None and in_view.isActive()
                for timer in (view._steps, quiet, in_view):  # the update and its paint on their own; the
                    if timer is not None:  # blocks in view and the slices resume below
                        timer.stop()
                app.processEvents()
                after, after_cpu = time.perf_counter() - started, time.thread_time() - cpu
                stretches, cpus = [after], [after_cpu]
                visible, visible_cpu = (after, after_cpu) if shows_fresh(view, fresh) else (None, None)
                if in_view_pending:
                    in_view.start()
                while in_view is not None and in_view.isActive() and len(stretches) < 10:
                    time.sleep(0.002)
                    started, cpu = time.perf_counter(), time.thread_time()
                    app.processEvents()
                    stretches.append(time.perf_counter() - started)
                    cpus.append(time.thread_time() - cpu)
                    if visible is None and shows_fresh(view, fresh):
                        visible, visible_cpu = sum(stretches), sum(cpus)
                update_stretches, update_cpus = list(stretches), list(cpus)  # before any idle slice
                if quiet is not None and quiet.isActive():  # started by the update's later stretches
                    quiet.stop()
                    steps_pending = True
                if steps_pending:
                    view._steps.start()  # at once, as if the analyst's pause (QUIET_MS) had come
                # A renumbering's further event-loop stretches (the view's zero timer: its steps, or its idle
                # slices; one a processEvents() here, with the paint it causes), each timed on its own; between them (untimed) whether the blocks in view show what
                # a fresh render shows ("visible": the GUI time until they do).
                while view.shown.target is not None and len(stretches) < 1000:
                    time.sleep(0.002)
                    started, cpu = time.perf_counter(), time.thread_time()
                    app.processEvents()
                    stretches.append(time.perf_counter() - started)
                    cpus.append(time.thread_time() - cpu)
                    if visible is None and shows_fresh(view, fresh):
                        visible, visible_cpu = sum(stretches), sum(cpus)
                total, steps, longest = sum(stretches), len(stretches) - 1, max(stretches)
                if visible is None or visible_cpu is None or not shows_fresh(view, fresh, whole=True):
                    print(f"{pages} pages, {edit}: the view does not show the fresh render")
                    visible = visible_cpu = float("nan")
                after_later = later(app)
                if rnd:
                    row["worker cpu"].append(worker_cpu)
                    row["inc"].append(timed["inc"][0])
                    row["inc cpu"].append(timed["inc"][1])
                    row["model cpu"].append(model_cpu)
                    row["before"].append(before)
                    row["before later"].append(before_later)
                    row["after"].append(after)
                    row["after visible"].append(visible)
                    row["cpu before"].append(before_cpu)
                    row["cpu visible"].append(visible_cpu)
                    row["cpu total"].append(sum(cpus))
                    row["cpu longest"].append(max(cpus))
                    row["update longest"].append(max(update_stretches))
                    row["cpu update longest"].append(max(update_cpus))
                    row["worker"].append(worker)
                    row["after later"].append(after_later)
                    row["after total"].append(total)
                    row["after longest"].append(longest)
                    row["steps"].append(steps)
                    in_place[edit] = in_place.get(edit, 0) + view.updated_in_place
        print(f"\n{pages} pages, HTML {len(base.html):,} chars, {len(base_blocks or [])} top-level blocks")
        print(
            f"ms, median / max; worker = render + blocks cut (off the GUI thread); the rest GUI-thread ms:"
            f" after = the update (_show and one processEvents); visible = the GUI time until the blocks in"
            f" view show the fresh render; steps = the renumbering's further event-loop stretches (median"
            f" count); total = after + steps; longest = the longest of those stretches; later = the longest"
            f" stretch in the next {LATER_MS} ms"
        )
        print(
            "| edit | worker | before | before, later | after | after, visible | steps | after, total |"
            " after, longest | after, later | after in place |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        every: dict[str, list[float]] = {k: [] for k in KEYS}
        for edit, row in rows.items():
            for k, ts in row.items():
                every[k].extend(ts)
            print(
                f"| {edit} | {stats(row['worker'])} | {stats(row['before'])} | {stats(row['before later'])} | "
                f"{stats(row['after'])} | {stats(row['after visible'])} | "
                f"{statistics.median(row['steps']):.0f} | {stats(row['after total'])} | "
                f"{stats(row['after longest'])} | {stats(row['after later'])} | "
                f"{in_place.get(edit, 0)} of {len(row['after'])} |"
            )
        print(
            f"| all edits | {stats(every['worker'])} | {stats(every['before'])} | {stats(every['before later'])} | "
            f"{stats(every['after'])} | {stats(every['after visible'])} | "
            f"{statistics.median(every['steps']):.0f} | {stats(every['after total'])} | "
            f"{stats(every['after longest'])} | {stats(every['after later'])} | "
            f"{sum(in_place.values())} of {len(every['after'])} |"
        )
        print(
            "\nThe same, GUI-thread CPU ms (time.thread_time(): without the time the thread waited for a core)"
        )
        print(
            "(update longest: the longest of the update's own stretches, before any idle slice: what an edit"
            " made while typing costs at most; wall, then CPU)"
        )
        print(
            "| edit | before | after, visible | after, total | after, longest |"
            " update longest, wall | update longest, CPU |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|")
        for edit, row in [*rows.items(), ("all edits", every)]:
            print(
                f"| {edit} | {stats(row['cpu before'])} | {stats(row['cpu visible'])} | "
                f"{stats(row['cpu total'])} | {stats(row['cpu longest'])} | "
                f"{stats(row['update longest'])} | {stats(row['cpu update longest'])} |"
            )
        print(
            f"\nThe worker per keystroke, {pages} pages (off the GUI thread; thread CPU / wall ms, median / max of"
            f" the repeats; first = the first time each edit was rendered in this process; the model's parse"
            f" (parse_brief, in both) apart). Whole = the render as it was (every block); incremental = the"
            f" blocks changed only. First render, cache empty (the whole brief): {cold[1] * 1000:.1f} CPU /"
            f" {cold[0] * 1000:.1f} wall. HTML, blocks or normalized forms that differ: {mismatches}."
        )
        print(
            "| edit | whole, CPU | whole, wall | incremental, CPU | incremental, wall | first: whole / incremental,"
            " CPU | model parse, CPU | real path after the debounce: incremental wall + update longest |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        every_first: dict[str, list[float]] = {k: [] for k in KEYS}
        for first in firsts.values():
            for k, ts in first.items():
                every_first[k].extend(ts)
        for edit, row in [*rows.items(), ("all edits", every)]:
            first = firsts.get(edit, every_first)
            real = [a + b for a, b in zip(row["inc"], row["update longest"], strict=True)]
            print(
                f"| {edit} | {stats(row['worker cpu'])} | {stats(row['worker'])} | {stats(row['inc cpu'])} | "
                f"{stats(row['inc'])} | {stats(first['worker cpu'])} / {stats(first['inc cpu'])} | "
                f"{stats(row['model cpu'])} | {stats(real)} (+ {DEBOUNCE_MS} ms debounce) |"
            )
    view.close()
    lib.close()
    print(cpu_reference_line())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
