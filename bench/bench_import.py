"""Import throughput: 10,000 generated text files and 1,000 saved HTML pages into a fresh library, through the
service (``import_paths``) and through the command line (``briefdesk import DIR``); and reference exports of
100,000 entries each (RIS, BibTeX, CSL-JSON), each one file and one transaction.

    .venv/bin/python bench/bench_import.py [--texts 10000] [--pages 1000] [--refs 100000] [--runs 3]
        [--only files|refs]

Targets: >= 200 text files per second; 100,000 entries of a reference export in <= 60 s.
The files are generated once into bench/out/import/ (fictional wire copy and article pages with navigation,
header, footer and scripts, so the extraction has work to do; the reference entries by
tests/adversarial/hostile.py: half with an abstract, some LaTeX accents and braces in BibTeX). For reference
files the peer is the parser alone (rispy, bibtexparser, json: what any importer pays before storing a row).
Reports the median of --runs runs, each into a new library, and the peak RSS of the CLI process.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.importers.batch import import_paths  # noqa: E402
from app.library import Library  # noqa: E402
from tests.adversarial import hostile  # noqa: E402

REF_FORMATS = (
    ("RIS", "ris", hostile.ris_file),
    ("BibTeX", "bib", hostile.bibtex_file),
    ("CSL-JSON", "json", hostile.csl_json_file),
)

_SENTENCE = (
    "ministry officials said the border crossing would reopen after repairs to the bridge while provincial "
    "authorities denied that any work had begun and traders reported long queues of trucks on both sides of the "
    "river as talks between the two governments stalled again over customs fees and the price of grain"
)
WORDS = _SENTENCE.split()
PLACES = [
    "Kessel",
    "Varsa",
    "Port Alder",
    "Harrow",
    "Mirsk",
    "Tallmark",
    "Brenna",
    "Salvik",
    "Doran",
    "Vella",
]


def article(rng: random.Random, i: int) -> tuple[str, str]:
    place = rng.choice(PLACES)
    title = f"{place}: {' '.join(rng.choice(WORDS) for _ in range(6)).capitalize()} ({i})"
    paras = []
    for _ in range(rng.randint(4, 9)):
        words = [rng.choice(WORDS) for _ in range(rng.randint(40, 90))]
        paras.append(" ".join(words).capitalize() + ".")
    return title, "\n\n".join(paras)


def generate(out: Path, texts: int, pages: int) -> tuple[Path, Path]:
    tdir, hdir = out / "texts", out / "pages"
    marker = out / f".generated-{texts}-{pages}"
    if marker.exists():
        return tdir, hdir
    shutil.rmtree(out, ignore_errors=True)
    tdir.mkdir(parents=True)
    hdir.mkdir(parents=True)
    rng = random.Random(7)
    for i in range(texts):
        title, body = article(rng, i)
        (tdir / f"wire-{i:05d}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    for i in range(pages):
        title, body = article(rng, 100_000 + i)
        paras = "".join(f"<p>{p}</p>\n" for p in body.split("\n\n"))
        nav = "".join(f'<li><a href="/section/{k}">Section {k}</a></li>' for k in range(25))
        html = (
            f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | Meridian Wire</title>'
            f'<meta name="author" content="Staff reporter {i % 17}"><meta property="og:site_name" content="Meridian Wire">'
            f'<meta property="article:published_time" content="2026-0{1 + i % 9}-1{i % 10}">'
            f'<link rel="canonical" href="https://example.org/news/{i}"><script>var tracking = {{id: {i}}};</script>'
            f"<style>body {{font-family: serif}}</style></head><body><header><nav><ul>{nav}</ul></nav></header>"
            f"<main><article><h1>{title}</h1>{paras}</article></main>"
            f"<aside><h2>Most read</h2><ul>{nav}</ul></aside><footer>Copyright Meridian Wire. All rights reserved."
            f"</footer><script>console.log('done')</script></body></html>"
        )
        (hdir / f"page-{i:04d}.html").write_text(html, encoding="utf-8")
    marker.write_text("ok")
    return tdir, hdir


def generate_refs(out: Path, n: int) -> list[tuple[str, Path]]:
    out.mkdir(parents=True, exist_ok=True)
    files = []
    for label, ext, maker in REF_FORMATS:
        path = out / f"refs-{n}.{ext}"
        if not path.exists():
            path.write_bytes(maker(n))
        files.append((label, path))
    return files


def parse_only(path: Path) -> float:
    """The peer: the third-party parser alone on the file (no Briefdesk code, no storage); its CPU seconds."""
    code = (
        "import sys, time, json\n"
        "data = open(sys.argv[1], encoding='utf-8').read()\n"
        "t = time.process_time()\n"
        "if sys.argv[1].endswith('.ris'):\n"
        "    import rispy; rispy.loads(data, skip_unknown_tags=True)\n"
        "elif sys.argv[1].endswith('.bib'):\n"
        "    import bibtexparser; bibtexparser.parse_string(data)\n"
        "else:\n"
        "    json.loads(data)\n"
        "print(time.process_time() - t)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
    return float(done.stdout.strip())


def service_run(directory: Path, count: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        lib = Library.open(Path(tmp) / "bench.briefdesk")
        started = time.perf_counter()
        report = import_paths(lib, [directory])
        elapsed = time.perf_counter() - started
        ok = sum(1 for r in report.results if r.status in ("imported", "warning"))
        assert ok == count, f"{ok} of {count} imported: {report.failed[:3]}"
        lib.close()
    return elapsed


def cli_run(directory: Path, count: int) -> tuple[float, int, float]:
    """Wall time of ``briefdesk import``, that one process's peak RSS in MB (os.wait4, not the running maximum
    over every child) and its CPU time (user + system: what it costs, less bent than wall time by other work
    on a shared machine)."""
    with tempfile.TemporaryDirectory() as tmp:
        lib = Path(tmp) / "bench.briefdesk"
        env = dict(os.environ)
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # bytecode cached, as on a user's machine
        out, err = Path(tmp) / "out.txt", Path(tmp) / "err.txt"
        started = time.perf_counter()
        with open(out, "wb") as fo, open(err, "wb") as fe:
            proc = subprocess.Popen(
                [str(ROOT / ".venv" / "bin" / "briefdesk"), "--library", str(lib), "import", str(directory)],
                stdout=fo,
                stderr=fe,
                env=env,
            )
            _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - started
        assert os.waitstatus_to_exitcode(status) == 0, err.read_text()[-500:] + out.read_text()[-500:]
        assert f"({count:,} source" in out.read_text(), out.read_text()[-500:]
        rss = usage.ru_maxrss // 1024
    return elapsed, rss, usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--texts", type=int, default=10_000)
    ap.add_argument("--pages", type=int, default=1_000)
    ap.add_argument("--refs", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--only", choices=("files", "refs"))
    ap.add_argument("--out", default=str(ROOT / "bench" / "out" / "import"))
    args = ap.parse_args(argv)
    if args.only != "refs":
        t0 = time.perf_counter()
        tdir, hdir = generate(Path(args.out), args.texts, args.pages)
        print(f"files ready in {time.perf_counter() - t0:.1f} s ({args.texts} texts, {args.pages} pages)\n")
        rows = []
        for label, directory, count in (("text files", tdir, args.texts), ("HTML pages", hdir, args.pages)):
            service = [service_run(directory, count) for _ in range(args.runs)]
            cli = [cli_run(directory, count) for _ in range(args.runs)]
            s_med = statistics.median(service)
            c_med = statistics.median(t for t, _, _ in cli)
            rows.append((label, count, s_med, count / s_med, c_med, count / c_med, max(r for _, r, _ in cli)))
        print(
            "| files | count | service median s | service files/s | CLI median s | CLI files/s | CLI peak RSS MB |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|")
        for label, count, s_med, s_rate, c_med, c_rate, rss in rows:
            print(
                f"| {label} | {count:,} | {s_med:.1f} | {s_rate:,.0f} | {c_med:.1f} | {c_rate:,.0f} | {rss} |"
            )
        print("\nTarget: >= 200 text files per second.\n")
    if args.only != "files":
        files = generate_refs(Path(args.out) / "refs", args.refs)
        print(
            "| reference file | entries | MB | parser alone CPU s | CLI import CPU s | ratio (CPU) | "
            "CLI import wall s | entries/s (wall) | CLI peak RSS MB |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for label, path in files:
            parse = [parse_only(path) for _ in range(args.runs)]
            cli = [cli_run(path, args.refs) for _ in range(args.runs)]
            p_med = statistics.median(parse)
            c_med = statistics.median(t for t, _, _ in cli)
            cpu_med = statistics.median(c for _, _, c in cli)
            print(
                f"| {label} | {args.refs:,} | {path.stat().st_size / 1e6:.1f} | {p_med:.1f} | {cpu_med:.1f} | "
                f"{cpu_med / p_med:.1f} | {c_med:.1f} | {args.refs / c_med:,.0f} | {max(r for _, r, _ in cli)} |",
                flush=True,
            )
        print("\nTarget: <= 60 s for 100,000 entries (one file, one transaction).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
