"""Command-line start-up and batch export, side by side with pandoc in one run.

    .venv/bin/python bench/bench_cli.py [--runs 7] [--briefs 20] [--no-batch] [--before OLD_CHECKOUT]
        [--user-install DIR] [--user-before OLD_VENV/bin/briefdesk]

Cold commands (each a fresh process, bytecode caches present as on a user's machine, OS file cache warm):
``briefdesk claims``, ``search WORD``, ``check ID`` and a 20-page ``export ID -o x.docx``, alternating with
``pandoc brief.md -o x.docx`` converting the same brief (its ``--format md`` export). Then batch export: ``briefdesk
export --all -o DIR/`` writing N twenty-page briefs in one process against pandoc converting the same N Markdown
files one after another (pandoc has no batch mode: one process per file, as a script would run it). Also the import
profile of each cold command (``python -X importtime``, the costliest packages by their own modules). Each command's
wall-clock time and its CPU time (user + system, steadier on a loaded machine) are reported; ``--before DIR``
times claims, search, check, export and the batch export from an older checkout's app/ and ui/ in the same
alternating runs. ``--user-install DIR`` also times the commands as a user meets them: a wheel built from this
tree and installed with constraints.txt into a fresh venv in DIR (no development extras, so no Pygments, and no
editable-install finder at start-up), side by side with the development tree's commands; ``--user-before
BRIEFDESK`` also times an older user install's ``briefdesk`` (an earlier ``--user-install`` venv kept aside).

Targets (issue on scale as users meet it): read commands <= 0.35 s; the 20-page export <= 1.5x pandoc; 20 briefs
in <= 0.5x pandoc's time for the same 20. The library and briefs are the export benchmark's (bench_export.py),
kept in bench/out/cli. Briefs are exported with --force: the generated briefs do not pass every analytic check;
the checks still run.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_export import brief_body, build_library  # noqa: E402

from app.library import Library  # noqa: E402

PAGES = 20
PAUSED = "import gc; gc.disable(); "  # a floor starts as `briefdesk` does: no collections during start-up
FROZEN = "; gc.freeze()"  # ... and its start-up objects frozen, so the collection at exit skips them
# every third-party package (and through them the standard library) a cold 20-page .docx export loads
THIRD_PARTY_EXPORT = (
    "import argparse, sqlite3, tempfile, zipfile, sqlalchemy, sqlalchemy.dialects.sqlite.pysqlite, docx, lxml.etree, "
    "markdown, markdown.extensions.abbr, markdown.extensions.def_list, markdown.extensions.fenced_code, "
    "markdown.extensions.tables, markdown.extensions.toc, markdown.extensions.sane_lists, "
    "markdown.extensions.attr_list, importlib.resources, getpass"
)


CPU_TIMES: dict[str, list[float]] = {}  # the CPU time (user + system) of each timed command, by its line


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str], env: dict[str, str]) -> float:
    """Wall-clock seconds of one run of ``cmd``; its CPU seconds (user + system) go to CPU_TIMES. On a shared,
    loaded machine the CPU time is the steadier figure: waiting for a core does not count in it."""
    cpu0 = _children_cpu()
    started = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - started
    CPU_TIMES.setdefault(" ".join(cmd), []).append(_children_cpu() - cpu0)
    if done.returncode not in ((0, 1) if "check" in cmd else (0,)):  # check exits 1 on findings; no other may
        raise RuntimeError(f"{' '.join(cmd[:4])} failed ({done.returncode}): {done.stderr[-400:]}")
    return elapsed


def import_profile(
    cmd: list[str], env: dict[str, str], top: int = 12
) -> tuple[float, list[tuple[str, float]]]:
    """(total import time s, the costliest packages by the time their own modules took) of one cold run.

    Self times, summed by package: ``sqlalchemy``, ``docx``, ``markdown``... and Briefdesk's by subpackage
    (``app.checks``, ``app.domain``...), since nearly every import of a command starts under ``app``; the
    standard library's modules count under their own names. ``python -X importtime`` adds its own overhead."""
    done = subprocess.run(
        [cmd[0], "-X", "importtime", *cmd[1:]], capture_output=True, text=True, env=env, check=False
    )
    per_package: dict[str, float] = {}
    for line in done.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)", line)
        if not m:
            continue
        own, name = int(m.group(1)), m.group(4)
        parts = name.split(".")
        package = ".".join(parts[:2]) if parts[0] in ("app", "ui") else parts[0]
        per_package[package] = per_package.get(package, 0.0) + own / 1e6
    ranked = sorted(per_package.items(), key=lambda kv: -kv[1])[:top]
    return sum(per_package.values()), ranked


def user_install(target: Path) -> Path:
    """Build a wheel of this tree and install it, with its runtime dependencies pinned by constraints.txt, into a
    fresh venv under ``target`` (as a user's ``pip install briefdesk`` would); returns its ``briefdesk``."""
    shutil.rmtree(target, ignore_errors=True)
    wheels = target / "wheel"
    venv = target / "venv"
    pip = [sys.executable, "-m", "pip"]
    subprocess.run([*pip, "wheel", str(ROOT), "--no-deps", "-q", "-w", str(wheels)], check=True)
    shutil.rmtree(ROOT / "build", ignore_errors=True)  # setuptools' staging directory
    subprocess.run([getattr(sys, "_base_executable", sys.executable), "-m", "venv", str(venv)], check=True)
    (wheel,) = wheels.glob("briefdesk-*.whl")
    subprocess.run(
        [str(venv / "bin" / "pip"), "install", "-q", "-c", str(ROOT / "constraints.txt"), str(wheel)],
        check=True,
    )
    return venv / "bin" / "briefdesk"


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7, help="alternating runs of each cold command")
    ap.add_argument("--batch-runs", type=int, default=3, help="alternating runs of the batch export")
    ap.add_argument("--briefs", type=int, default=20, help="twenty-page briefs in the batch")
    ap.add_argument("--out", default=str(ROOT / "bench" / "out" / "cli"))
    ap.add_argument("--before", type=Path, help="a checkout of an older main to time side by side")
    ap.add_argument("--user-install", type=Path, help="build a wheel, install it in a venv here, time it too")
    ap.add_argument(
        "--user-before",
        type=Path,
        metavar="BRIEFDESK",
        help="an installed `briefdesk` of an older main (e.g. an earlier --user-install's venv/bin/briefdesk) "
        "to time side by side with the user install",
    )
    ap.add_argument("--no-batch", action="store_true", help="cold commands only (no batch export)")
    args = ap.parse_args(argv)
    if shutil.which("pandoc") is None:
        print("pandoc is needed for the comparison")
        return 1
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    lib_path = out / "cli-bench.briefdesk"
    t0 = time.perf_counter()
    claim_ids = build_library(lib_path)
    lib = Library.open(lib_path)
    existing = {b.title: b.id for b in lib.briefs.list(limit=1000).items}
    rng = random.Random(17)
    brief_ids = []
    for k in range(args.briefs):
        title = f"Batch brief {k + 1}"
        body = brief_body(rng, claim_ids, PAGES)  # drawn every time: the same bodies on every run
        brief_ids.append(existing.get(title) or lib.briefs.create(title=title, body=body).after.id)
    word = "convoy"
    lib.close()
    print(
        f"library and {len(brief_ids)} briefs ready in {time.perf_counter() - t0:.1f} s ({len(claim_ids)} claims)"
    )

    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    exe = str(ROOT / ".venv" / "bin" / "briefdesk")
    py = str(ROOT / ".venv" / "bin" / "python")
    lib_arg = ["--library", str(lib_path)]
    md_dir = out / "md"
    md_dir.mkdir(exist_ok=True)
    subprocess.run(
        [exe, *lib_arg, "export", "--all", "--format", "md", "-o", f"{md_dir}/", "--force"],
        check=True,
        capture_output=True,
        env=env,
    )
    mds = sorted(md_dir.glob("*.md"), key=lambda p: int(p.name[1:].split("-")[0]))
    first_md = mds[0]
    b1 = str(brief_ids[0])
    cold = {
        "briefdesk claims": [exe, *lib_arg, "claims"],
        f"briefdesk search {word}": [exe, *lib_arg, "search", word],
        f"briefdesk check {b1} (20 pages)": [exe, *lib_arg, "check", b1],
        f"briefdesk export {b1} (20 pages, .docx)": [
            exe,
            *lib_arg,
            "export",
            b1,
            "-o",
            str(out / "b.docx"),
            "--force",
        ],
        "pandoc brief.md -o x.docx (the same 20 pages)": ["pandoc", str(first_md), "-o", str(out / "p.docx")],
        "python -c pass (the interpreter alone)": [py, "-c", "pass"],
        # the floors start as the console script does (collector paused, start-up frozen: app.cli.common)
        "floor: python -c 'import sqlalchemy' (Core)": [py, "-c", f"{PAUSED}import sqlalchemy{FROZEN}"],
        "floor: python -c 'import sqlalchemy.orm'": [py, "-c", f"{PAUSED}import sqlalchemy.orm{FROZEN}"],
        "floor: import what `claims` needs, no work": [
            py,
            "-c",
            f"{PAUSED}import ui.launcher, app.cli, app.cli.claim_cmds, app.library, app.claims, "
            f"app.storage.sqlite{FROZEN}",
        ],
        "floor: import what `export` needs, no work": [
            py,
            "-c",
            f"{PAUSED}import ui.launcher, app.cli, app.cli.export_cmds, app.library, app.claims, app.storage.sqlite, "
            f"app.export.service, app.export.docx, app.checks.engine{FROZEN}",
        ],
    }
    if args.before:  # the same commands from an older checkout (its app/ and ui/), in the same session
        launch = f"import sys; sys.path.insert(0, {str(args.before)!r}); from ui.launcher import main; sys.exit(main())"
        cold["before: briefdesk claims"] = [py, "-c", launch, *lib_arg, "claims"]
        cold[f"before: briefdesk search {word}"] = [py, "-c", launch, *lib_arg, "search", word]
        cold[f"before: briefdesk check {b1} (20 pages)"] = [py, "-c", launch, *lib_arg, "check", b1]
        cold[f"before: briefdesk export {b1} (20 pages, .docx)"] = [
            py,
            "-c",
            launch,
            *lib_arg,
            "export",
            b1,
            "-o",
            str(out / "b0.docx"),
            "--force",
        ]
    user_exe = str(user_install(args.user_install)) if args.user_install else None
    if user_exe:  # the same commands from the user install (a wheel in its own venv)
        cold["user install: briefdesk claims"] = [user_exe, *lib_arg, "claims"]
        cold[f"user install: briefdesk search {word}"] = [user_exe, *lib_arg, "search", word]
        cold[f"user install: briefdesk check {b1} (20 pages)"] = [user_exe, *lib_arg, "check", b1]
        cold[f"user install: briefdesk export {b1} (20 pages, .docx)"] = [
            user_exe,
            *lib_arg,
            "export",
            b1,
            "-o",
            str(out / "bu.docx"),
            "--force",
        ]
        cold["user install floor: import what `export` needs, no work"] = [
            str(Path(user_exe).parent / "python"),
            "-I",  # not the working directory's app/: the installed one
            *cold["floor: import what `export` needs, no work"][1:],
        ]
        # the part of that floor no change to Briefdesk can lower: the libraries a cold export imports (and the
        # standard library they bring), nothing of Briefdesk's, leaving as `briefdesk` does (os._exit: no
        # teardown); the interpreter's own start is in it as in every line
        cold["user install floor: the third-party libraries `export` imports, no Briefdesk"] = [
            str(Path(user_exe).parent / "python"),
            "-I",
            "-c",
            f"{PAUSED}{THIRD_PARTY_EXPORT}{FROZEN}; import os; os._exit(0)",
        ]
    if args.user_before:  # an older user install, the same commands
        old = str(args.user_before)
        cold["user install before: briefdesk claims"] = [old, *lib_arg, "claims"]
        cold[f"user install before: briefdesk search {word}"] = [old, *lib_arg, "search", word]
        cold[f"user install before: briefdesk check {b1} (20 pages)"] = [old, *lib_arg, "check", b1]
        cold[f"user install before: briefdesk export {b1} (20 pages, .docx)"] = [
            old,
            *lib_arg,
            "export",
            b1,
            "-o",
            str(out / "bub.docx"),
            "--force",
        ]
    for cmd in cold.values():  # warm the OS file cache and write any .pyc once
        timed(cmd, env)
    CPU_TIMES.clear()
    load_before = load()
    print(f"load average before: {load_before}")
    times: dict[str, list[float]] = {name: [] for name in cold}
    for _ in range(args.runs):
        for name, cmd in cold.items():
            times[name].append(timed(cmd, env))
    batch_dir = out / "batch"
    cmd_batch = [exe, *lib_arg, "export", "--all", "-o", f"{batch_dir}/", "--force"]

    def pandoc_all() -> float:
        started = time.perf_counter()
        for k, md in enumerate(mds):
            subprocess.run(["pandoc", str(md), "-o", str(out / f"p{k}.docx")], check=True, env=env)
        return time.perf_counter() - started

    batch_b: list[float] = []
    batch_p: list[float] = []
    batch_before: list[float] = []  # the older checkout's batch export, in the same alternation
    batch_user: list[float] = []  # the user install's
    batch_user_before: list[float] = []  # the older user install's (--user-before)
    for _ in range(0 if args.no_batch else args.batch_runs):
        batch_b.append(timed(cmd_batch, env))
        batch_p.append(pandoc_all())
        if args.before:
            batch_before.append(
                timed(
                    [py, "-c", launch, *lib_arg, "export", "--all", "-o", f"{out / 'batch0'}/", "--force"],
                    env,
                )
            )
        if user_exe:
            batch_user.append(
                timed([user_exe, *lib_arg, "export", "--all", "-o", f"{out / 'batchu'}/", "--force"], env)
            )
        if args.user_before:
            batch_user_before.append(
                timed(
                    [
                        str(args.user_before),
                        *lib_arg,
                        "export",
                        "--all",
                        "-o",
                        f"{out / 'batchub'}/",
                        "--force",
                    ],
                    env,
                )
            )
    written = len(list(batch_dir.glob("*.docx")))
    # what a user did before batch export: one process per brief (once: it is the slow path)
    started = time.perf_counter()
    for bid in [] if args.no_batch else brief_ids:
        timed([exe, *lib_arg, "export", str(bid), "-o", str(out / f"one{bid}.docx"), "--force"], env)
    one_by_one = time.perf_counter() - started
    print(f"load average after: {load()}")

    pandoc20 = statistics.median(times["pandoc brief.md -o x.docx (the same 20 pages)"])
    pandoc_version = subprocess.run(["pandoc", "--version"], capture_output=True, text=True).stdout.split(
        "\n"
    )[0]
    print(
        f"\n{pandoc_version}; {args.runs} alternating runs each; medians (min-max); ratio = to pandoc's 20 pages\n"
    )
    pandoc_cpu = statistics.median(CPU_TIMES[" ".join(cold["pandoc brief.md -o x.docx (the same 20 pages)"])])
    print(
        "| cold command | median s | min s | max s | ratio to pandoc | median CPU s | CPU ratio to pandoc |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, ts in times.items():
        med = statistics.median(ts)
        cpu = statistics.median(CPU_TIMES[" ".join(cold[name])])
        print(
            f"| `{name}` | {med:.3f} | {min(ts):.3f} | {max(ts):.3f} | {med / pandoc20:.2f} | {cpu:.3f} "
            f"| {cpu / pandoc_cpu:.2f} |"
        )
    print(f"\nload average: before the runs {load_before}, after them {load()}")
    if not args.no_batch:
        bmed, pmed = statistics.median(batch_b), statistics.median(batch_p)
        print(
            f"\nBatch: `briefdesk export --all -o DIR/ --force` wrote {written} .docx of {PAGES} pages: median "
            f"{bmed:.2f} s (runs {', '.join(f'{t:.2f}' for t in batch_b)}); pandoc converting the same {len(mds)} "
            f"Markdown files one by one: median {pmed:.2f} s (runs {', '.join(f'{t:.2f}' for t in batch_p)}); "
            f"ratio {bmed / pmed:.2f}"
        )
        if batch_before:
            bb = statistics.median(batch_before)
            print(
                f"\nBefore (--before checkout), the same batch: median {bb:.2f} s (runs "
                f"{', '.join(f'{t:.2f}' for t in batch_before)}); ratio to pandoc {bb / pmed:.2f}"
            )
        if batch_user:
            bu = statistics.median(batch_user)
            print(
                f"\nUser install, the same batch: median {bu:.2f} s (runs "
                f"{', '.join(f'{t:.2f}' for t in batch_user)}); ratio to pandoc {bu / pmed:.2f}"
            )
        if batch_user_before:
            bub = statistics.median(batch_user_before)
            print(
                f"\nUser install before (--user-before), the same batch: median {bub:.2f} s (runs "
                f"{', '.join(f'{t:.2f}' for t in batch_user_before)}); ratio to pandoc {bub / pmed:.2f}"
            )
        print(
            f"\nThe same {len(brief_ids)} briefs with one `briefdesk export ID` process each (one run): "
            f"{one_by_one:.2f} s ({one_by_one / pmed:.2f} of pandoc's)"
        )
    print(
        "\nImports of one cold run (python -X importtime; s of each package's own modules, costliest first):\n"
    )
    for name in (
        "briefdesk claims",
        f"briefdesk check {b1} (20 pages)",
        f"briefdesk export {b1} (20 pages, .docx)",
    ):
        cmd = cold[name]
        total, ranked = import_profile([py, exe, *cmd[1:]], env)
        print(f"- `{name}`: imports {total:.2f} s; " + ", ".join(f"{n} {s:.3f}" for n, s in ranked))
        if user_exe:
            user_py = str(Path(user_exe).parent / "python")
            total, ranked = import_profile([user_py, user_exe, *cmd[1:]], env)
            print(
                f"- user install, `{name}`: imports {total:.2f} s; "
                + ", ".join(f"{n} {s:.3f}" for n, s in ranked)
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
