"""The desktop app on very large and hostile sources: the reader pane, the Draft claims dialog, the Claims page
filtered to one source, a claim's side-by-side pane with 1,000 denials, search for the commonest word.

    .venv/bin/python bench/bench_gui_sources.py [--library bench/out/gui_sources.briefdesk] [--only NAME ...]

Builds the library on first use (about a minute; kept for later runs): a 30 MB book of paragraphs, a 40 MB
line without a break, 2,000,000 short lines, 20 MB full of directional and zero-width characters, a source
that drafts 5,000 proposals (tests/adversarial/hostile_sources.py), the same source's 5,000 claims created,
and one of them denied by 1,000 claims of another source.

In one process, as bench/bench_gui.py does (the real MainWindow, jobs on their worker threads, offscreen): a
10 ms heartbeat timer on the GUI thread; the longest gap between beats is the worst stall the user feels.
"shown" is the time until the screen shows its content (the reader's text, the dialog's rows, the cards).
Each figure also gives the process's CPU time (user+sys) over the step. Targets: no stall over 200 ms,
each screen shown within 2 s, peak memory within 1 GB.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_gui import Heartbeat, pump, wait_until  # noqa: E402
from tests.adversarial import hostile_sources as hs  # noqa: E402

BOOK_PARA = (
    "The harbour master said on Monday that the port of Varn would stay open through the winter, "
    "though officials in the capital told reporters they had not been consulted about the decision. "
    "Fishermen on the quay were not convinced, and one of them said the ice had come early every year "
    "since the new breakwater was built."
)


def _book(mb: int) -> str:
    paras, n = [], 0
    while n < mb * 1_000_000:
        p = f"{len(paras) + 1}. {BOOK_PARA}"
        paras.append(p)
        n += len(p) + 2
    return "\n\n".join(paras)


def _one_line(mb: int) -> str:
    word = "harbour port minister said officials "
    return (word * (mb * 1_000_000 // len(word) + 1))[: mb * 1_000_000]


def _short_lines(n: int) -> str:
    return "\n".join(f"l{i} port" for i in range(n))


def _bidi(mb: int) -> str:
    chunk = "\u202eport \u200bsaid\u200d \u2066minister\u2069 \u200f\u061cVarn\u202c \u2067harbour\u2069 "
    return (chunk * (mb * 1_000_000 // len(chunk) + 1))[: mb * 1_000_000]


def build(path: Path) -> None:
    from app.extract import apply, propose
    from app.library import Library

    lib = Library.open(path)
    t = time.perf_counter()
    for title, body in (
        ("Book: a year of harbour transcripts", _book(30)),
        ("One 40 MB line", _one_line(40)),
        ("Two million short lines", _short_lines(2_000_000)),
        ("Directional and zero-width", _bidi(20)),
    ):
        lib.sources.create(title=title, body=body)
        print(
            f"  made {title} ({len(body) / 1e6:.0f} M chars) at {time.perf_counter() - t:.0f} s", flush=True
        )
    sid = lib.sources.create(title="Claimed 5,000", body=hs.speakers_one_per_paragraph(5_000)).after.id
    # the same statements, not yet claimed (a different body: the same one would be the same source)
    lib.sources.create(title="Drafts 5,000", body=hs.speakers_one_per_paragraph(5_000) + "\n\nThe end.")
    extraction = propose(lib, sid)
    print(f"  drafted {len(extraction.proposals)} proposals at {time.perf_counter() - t:.0f} s", flush=True)
    changes = apply(lib, sid, extraction.proposals)
    target = next(c.after.id for c in changes if c.entity == "claim")
    denier = lib.sources.create(
        title="Denials", body="\n\n".join(f"Official {i} said the claim was false." for i in range(1_000))
    ).after
    with lib.transaction():
        pos = 0
        for i in range(1_000):
            quote = f"Official {i} said the claim was false."
            start = denier.body.index(quote, pos)
            pos = start + len(quote)
            c = lib.claims.create(
                source_id=denier.id, quote=quote, actor=f"Official {i % 50}", span=(start, pos)
            ).after
            lib.links.create(from_claim_id=c.id, kind="denies", to_claim_id=target)
    print(f"  built in {time.perf_counter() - t:.0f} s", flush=True)
    lib.close()


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def run(
    library: Path, only: list[str] | None, skip: list[str] | None = None
) -> list[tuple[str, str, str, str]]:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    rows: list[tuple[str, str, str, str]] = []
    with tempfile.TemporaryDirectory() as home:
        for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            os.environ[var] = f"{home}/{var.lower()}"
        from PySide6.QtWidgets import QApplication

        from app.domain_lists import ClaimFilter
        from app.library import Library
        from ui.main_window import MainWindow
        from ui.settings import Settings

        app = QApplication.instance() or QApplication(["bench"])
        lib = Library.open(library, create=False)
        sources = {s.title: s.id for s in lib.sources.list(limit=20).items}
        window = MainWindow(lib, Settings.load())
        window.index_upkeep.stop()
        window.resize(1280, 800)
        window.show()
        hb = Heartbeat()
        pump(app, 0.5)

        def step(name: str, start, shown, timeout: float = 120.0) -> None:
            if (only and not any(o in name for o in only)) or (skip and any(o in name for o in skip)):
                return
            pump(app, 0.1)
            hb.reset()
            c0, t0 = cpu(), time.perf_counter()
            start()
            try:
                wait_until(app, shown, timeout)
                took = f"{(time.perf_counter() - t0) * 1000:,.0f} ms"
            except TimeoutError:
                took = f"not within {timeout:.0f} s"
            c1 = cpu()
            pump(app, 0.3)  # what follows the content (highlights, counts) stalls too
            rows.append((name, took, f"{hb.max_gap * 1000:,.0f} ms", f"{c1 - c0:.2f} s"))
            print(f"| {' | '.join(rows[-1])} |", flush=True)

        window.go_to("sources")
        pump(app, 1.0)
        view = window.sources
        for title, sid in sources.items():
            if title == "Denials":
                continue
            step(
                f"reader: open '{title}'",
                lambda sid=sid: view.open_source(sid),
                lambda sid=sid: (
                    view.reader.source is not None
                    and view.reader.source.id == sid
                    and view.reader.document().characterCount() > 1
                    and bool(view.reader.toPlainText()[:10])
                ),
            )
            step(
                f"reader: scroll to the end of '{title}'",
                lambda: view.reader.verticalScrollBar().setValue(view.reader.verticalScrollBar().maximum()),
                lambda: True,
            )
        claimed_sid = sources["Claimed 5,000"]
        view.open_source(claimed_sid)
        wait_until(app, lambda: view.reader.source is not None and view.reader.source.id == claimed_sid, 60)
        middle = sorted(view.reader.claims, key=lambda c: c.span_start)[len(view.reader.claims) // 2].id
        step(
            "reader: select a claim of 'Claimed 5,000' (from the list)",
            lambda: view.select_claim(middle),
            lambda: view.reader.selected_claim_id == middle,
        )
        draft_sid = sources["Drafts 5,000"]
        view.open_source(draft_sid)
        wait_until(app, lambda: view.reader.source is not None and view.reader.source.id == draft_sid, 60)
        from ui.draft_claims_dialog import DraftClaimsDialog

        holder: dict = {}

        def open_dialog() -> None:
            holder["dlg"] = DraftClaimsDialog(lib, window.jobs, draft_sid, window)
            holder["dlg"].show()

        step(
            "draft: open the dialog on 'Drafts 5,000'",
            open_dialog,
            lambda: (
                holder["dlg"].claims_list.topLevelItemCount() + holder["dlg"].denials_list.topLevelItemCount()
                > 0
            ),
        )
        if "dlg" in holder:
            dlg = holder["dlg"]
            items = dlg.items()
            rows.append(("  (proposals shown)", f"{len(items):,}", "", ""))
            print(f"| {' | '.join(rows[-1])} |", flush=True)
            target = items[len(items) // 2] if items else None
            if target is not None:
                step(
                    "draft: select a proposal",
                    lambda: target.treeWidget().setCurrentItem(target),
                    lambda: dlg.current_key == target.data(0, 256),
                )
                words = dlg.quote_edit.toPlainText().split()

                def edit_quote() -> None:
                    dlg.quote_edit.setPlainText(" ".join(words[1:]))
                    dlg._commit_edit()

                step("draft: shorten the quote span", edit_quote, lambda: True)
            step("draft: cancel", dlg.reject, lambda: not dlg.isVisible())
            holder.clear()
            open_dialog()
            wait_until(app, lambda: holder["dlg"].claims_list.topLevelItemCount() > 0, 120)
            dlg = holder["dlg"]
            before = lib.claims.count(ClaimFilter(source_id=draft_sid))
            step(
                "draft: Create all (one transaction)",
                dlg.create_accepted,
                lambda: lib.claims.count(ClaimFilter(source_id=draft_sid)) > before and not dlg.isVisible(),
                timeout=300,
            )
        claims = window.claims
        window.go_to("claims")
        wait_until(app, lambda: claims.model.rowCount() > 0, 60)
        pump(app, 0.5)

        def filtered() -> None:
            claims.set_source_filter((claimed_sid, "Claimed 5,000"))

        generation = claims.model._generation
        step(
            "claims: filter to the source's claims",
            filtered,
            lambda: claims.model._generation != generation and not claims.model._loading,
        )
        rows.append(("  (rows listed)", f"{claims.model.rowCount():,}", "", ""))
        print(f"| {' | '.join(rows[-1])} |", flush=True)
        own = lib.claims.for_source(claimed_sid)
        denied = next(c.id for c in own if c.denial_count >= 1_000)
        target_id = next(c.id for c in own if c.id != denied)
        step(
            "claims: show a claim with 1,000 denials",
            lambda: claims.show_claim(denied),
            lambda: claims.links.claim_id() == denied,
        )
        step(
            "claims: show another claim",
            lambda: claims.show_claim(target_id),
            lambda: claims.links.claim_id() == target_id,
        )
        field = window.search_field
        step(
            "search: the commonest word ('the')",
            lambda: (field.setText("the"), field.run_search()),
            lambda: window.search_results.model.rowCount() > 0,
        )
        # the first 50 hits for 'the' are claims; a word only the 30 MB book has opens it in the reader
        step(
            "search: 'breakwater' (only the 30 MB book has it)",
            lambda: (field.setText("breakwater"), field.run_search()),
            lambda: window.search_results.model.rowCount() > 0,
        )
        step(
            "search: open that hit (the word selected in the reader)",
            window._open_current_hit,
            lambda: (
                window.current_page() == "sources"
                and view.reader.textCursor().selectedText().lower() == "breakwater"
            ),
            timeout=30,
        )
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        rows.append(("peak RSS of this process", f"{peak:,} MB", "", ""))
        window.close()
        lib.close()
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--library", default=str(ROOT / "bench" / "out" / "gui_sources.briefdesk"))
    ap.add_argument("--only", nargs="*", default=None, help="steps whose name holds one of these")
    ap.add_argument("--skip", nargs="*", default=None, help="not the steps whose name holds one of these")
    args = ap.parse_args(argv)
    library = Path(args.library)
    if not library.exists():
        library.parent.mkdir(parents=True, exist_ok=True)
        work = library.with_name(library.name + ".building")
        print(f"building {library}", flush=True)
        build(work)
        work.rename(library)
    # the run creates 5,000 claims: work on a copy, so every run starts from the same library
    import shutil

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / library.name
        shutil.copyfile(library, copy)
        print(f"Library: {library} ({library.stat().st_size / 1e6:,.0f} MB), load {os.getloadavg()[0]:.2f}\n")
        print("| step | shown | longest GUI-thread stall | CPU (user+sys) |")
        print("|---|---:|---:|---:|")
        rows = run(copy, args.only, args.skip)
        print(f"| {rows[-1][0]} | {rows[-1][1]} | | |")
        print(f"\nload average after: {os.getloadavg()[0]:.2f}")
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    raise SystemExit(main())
