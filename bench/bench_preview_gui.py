"""Where the preview's GUI-thread time goes while typing: per edit, the view's update as today
(PreviewView._show: setHtml, scroll kept, then the event loop), and two candidates measured beside it: a
QTextDocument parsed off the view (as a worker would) then swapped in with setDocument, and the same with
the document also laid out beforehand at the view's width; and, as the lower bound of an incremental
update, one paragraph of the shown document replaced in place (QTextCursor select + insertHtml in one edit
block: a prototype, not a correct update). Edits: one character typed at three places, a
paragraph pasted, a section deleted. The 20-page brief is the export bench's; the 100-page body is made by
the same generator. Nothing is written to the bench library.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_preview_gui.py [--rounds 4]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import bench_export  # noqa: E402
from cpu_reference import cpu_reference_line  # noqa: E402

from app.library import Library  # noqa: E402


def edits(body: str, rng: random.Random) -> list[tuple[str, str]]:
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
    return out


def settle(app, view) -> None:
    """Finish whatever the view still has to do (pending events, the rest of its document's layout), untimed,
    so that each timed step pays only for itself."""
    app.processEvents()
    view.document().documentLayout().documentSize()
    app.processEvents()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=4, help="times each edit is applied (after one warm-up)")
    args = ap.parse_args(argv)
    from PySide6.QtGui import QTextCursor, QTextDocument
    from PySide6.QtWidgets import QApplication

    from ui.preview_view import PreviewView, render_preview

    app = QApplication.instance() or QApplication([])
    path = ROOT / "bench" / "out" / "export" / "export-bench.briefdesk"
    claim_ids = bench_export.build_library(path)
    lib = Library.open(path)
    found = [b for b in lib.briefs.list(limit=100).items if b.title == "Bench brief 20 pages"]
    if not found:
        print("run bench/bench_export.py once first (it creates the 20-page brief)")
        return 1
    brief20 = lib.briefs.get(found[0].id)
    brief100 = dataclasses.replace(brief20, body=bench_export.brief_body(random.Random(11), claim_ids, 100))
    view = PreviewView(lib, jobs=None)
    view.resize(700, 900)
    view.show()
    sheet = view.document().defaultStyleSheet()
    for name, brief in (("20 pages", brief20), ("100 pages", brief100)):
        base = render_preview(lib, brief, view.images, view.records)
        view._show(view._generation, base)
        app.processEvents()
        times: dict[str, list[float]] = {
            "setHtml (today)": [],
            "parsed off-view": [],
            "laid out off-view": [],
            "one block replaced in place (prototype)": [],
        }
        for rnd in range(1 + args.rounds):
            for _edit, body in edits(brief.body, random.Random(rnd)):
                res = render_preview(lib, dataclasses.replace(brief, body=body), view.images, view.records)
                settle(app, view)
                started = time.perf_counter()
                view._show(view._generation, res)
                app.processEvents()
                today = time.perf_counter() - started
                settle(app, view)
                doc = view.document()
                block = doc.findBlockByNumber(doc.blockCount() // 2)
                started = time.perf_counter()
                cursor = QTextCursor(doc)
                cursor.beginEditBlock()
                cursor.setPosition(block.position())
                cursor.setPosition(block.position() + block.length() - 1, QTextCursor.MoveMode.KeepAnchor)
                cursor.insertHtml(f'U) {block.text()[:200]} typed <sup><a href="briefdesk:c1">1</a></sup>')
                cursor.endEditBlock()
                app.processEvents()
                one_block = time.perf_counter() - started
                parsed = QTextDocument()
                parsed.setDefaultStyleSheet(sheet)
                parsed.setHtml(res.html)
                settle(app, view)
                started = time.perf_counter()
                view.setDocument(parsed)
                app.processEvents()
                swapped = time.perf_counter() - started
                laid = QTextDocument()
                laid.setDefaultStyleSheet(sheet)
                laid.setHtml(res.html)
                laid.setTextWidth(view.document().textWidth())
                laid.documentLayout().documentSize()
                settle(app, view)
                started = time.perf_counter()
                view.setDocument(laid)
                app.processEvents()
                laid_swap = time.perf_counter() - started
                if rnd:
                    times["one block replaced in place (prototype)"].append(one_block)
                    times["setHtml (today)"].append(today)
                    times["parsed off-view"].append(swapped)
                    times["laid out off-view"].append(laid_swap)
        print(f"{name}, HTML {len(base.html) // 1000} KB, {len(times['setHtml (today)'])} edits:")
        for what, ts in times.items():
            print(
                f"  GUI thread, {what}: median {statistics.median(ts) * 1000:.1f} ms, "
                f"max {max(ts) * 1000:.1f} ms"
            )
    view.close()
    lib.close()
    print(cpu_reference_line())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
