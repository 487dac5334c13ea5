"""Benchmark: all checks on a generated 500-page brief citing 2,000 claims (target: <= 200 ms median).

    .venv/bin/python bench/bench_checks.py [--runs 7] [--pages 500] [--claims 2000] [--provenance both]

Builds a throw-away library (400 sources, 150 actors, 2,000 claims, 300 denials) and a classification-
marked brief of about 500 words a page with every portion marked, Key Judgments, themed Discussion sections
citing every claim, denials cited beside the claims they deny, and a source summary. Prints the median and
range of: the structural pass alone, all rules on a loaded context, and ``check_brief`` end to end
(loading the brief, claims, links and waivers from the library, then all rules), and ``LiveChecker.check``
after a one-word edit (what the editor's Checks panel runs as you type: parse and rules, nothing reloaded).
``--provenance both`` (the default) runs it on two libraries, without and with provenance (derived sources,
reported claims, corroborations: the checks then trace every cited claim to its origins).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cpu_reference import cpu_reference_line  # noqa: E402

from app.brief_model import BriefModel as Document  # noqa: E402
from app.checks import CheckSettings, LiveChecker, check_brief, load_context, run_checks  # noqa: E402
from app.library import Library  # noqa: E402

WORDS = [
    "crossing",
    "bridge",
    "border",
    "province",
    "ministry",
    "convoy",
    "freight",
    "harvest",
    "river",
    "winter",
    "talks",
    "guards",
    "officials",
    "report",
    "traffic",
    "road",
    "customs",
    "checkpoint",
    "delegation",
    "mediator",
    "agreement",
    "supply",
    "lorries",
    "market",
    "prices",
]


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return "The " + " ".join(words) + "."


def build(
    path: Path, *, claims: int, pages: int, seed: int = 7, provenance: bool = True, realistic: bool = False
) -> tuple[Library, int]:
    """The library and the brief. ``realistic``: the brief as an analyst's draft is, with findings: half its
    paragraphs uncited, some portions unmarked, vague estimative words, key judgments without a confidence
    level or resting on one claim, a claim cited without its denial."""
    rng = random.Random(seed)
    lib = Library.open(path)
    n_sources, n_actors = max(1, claims // 5), max(1, claims * 3 // 40)
    ids: list[int] = []
    with lib.transaction():
        sources = []
        for s in range(n_sources):
            body = " ".join(f"Statement {s}-{k}: {sentence(rng, 10)}" for k in range(claims // n_sources + 1))
            sources.append(
                (
                    lib.sources.create(
                        title=f"Report {s}",
                        body=body,
                        kind=rng.choice(["news", "report", "statement"]),
                        outlet=f"Outlet {s % 40}",
                        published=f"2026-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                        reliability=rng.choice("ABBCCD"),
                    ).id,
                    body,
                )
            )
        actors = [
            lib.actors.create(name=f"Actor {a}", affiliation=f"Body {a % 9}").id for a in range(n_actors)
        ]
        for i in range(claims):
            sid, body = sources[i % n_sources]
            k = i // n_sources
            start = body.index(f"Statement {i % n_sources}-{k}:")
            quote = body[start : body.index(".", start) + 1]
            ids.append(
                lib.claims.create(
                    source_id=sid,
                    quote=quote,
                    actor_id=rng.choice(actors),
                    statement=quote,
                    credibility=rng.choice([1, 2, 2, 3, 3]),
                ).id
            )
        denied: dict[int, int] = {}
        for _ in range(claims * 3 // 20):
            a, b = rng.sample(ids, 2)
            if a in denied or b in denied or a in denied.values() or b in denied.values():
                continue
            lib.links.create(from_claim_id=a, kind="denies", to_claim_id=b)
            denied[b] = a
        if provenance:
            # Provenance as a working library has it: one source in six rewrites or quotes an earlier one
            # (some in chains of two or three), one claim in six is reported from a claim of another source
            # (chains of up to four hands), one in fifty from an original that did not survive, and one in
            # ten is corroborated by another claim, some of those by a report of itself.
            sids = [sid for sid, _ in sources]
            for n in range(len(sids) // 6):
                later, earlier = sids[len(sids) - 1 - n], sids[rng.randrange(0, len(sids) // 2)]
                lib.provenance.derive(
                    later, earlier, rng.choice(["rewrites", "rewrites", "quotes", "reposts"])
                )
            reported: dict[int, int] = {}
            for later in rng.sample(ids, len(ids) // 6):
                earlier = rng.choice(ids)
                chain, x = set(), earlier
                while x in reported and x not in chain:
                    chain.add(x)
                    x = reported[x]
                if earlier == later or later in chain or x == later:
                    continue
                lib.provenance.set_reported_from(later, earlier)
                reported[later] = earlier
            for later in rng.sample([i for i in ids if i not in reported], len(ids) // 50):
                lib.provenance.set_reported_from(
                    later, None, origin_name=rng.choice(["a Western official", "Northwire"])
                )
            linked = set(denied) | set(denied.values())
            for _ in range(len(ids) // 10):
                a, b = rng.sample(ids, 2)
                if a in linked or b in linked:
                    continue
                lib.links.create(from_claim_id=a, kind="corroborates", to_claim_id=b)
                linked |= {a, b}
    # the body: ~500 words a page; each claim cited in a paragraph, its denial beside it
    parts = ["# (U) Generated brief for the checks benchmark", "", "## (U) Key Judgments", ""]
    for j in range(10):
        c1, c2 = ids[j * 2], ids[j * 2 + 1]
        extra = "".join(f"; @c{denied[c]}" for c in (c1, c2) if c in denied)
        if realistic and j % 3 == 0:  # one claim, no confidence level, a denial left out
            parts.append(f"- (U) The crossing will likely reopen in phase {j} [@c{c1}].")
            continue
        parts.append(
            f"- (U) The crossing will likely reopen in phase {j} [@c{c1}; @c{c2}{extra}]. "
            "We have low confidence in this judgment."
        )
    parts.append("")
    words_needed = pages * 500
    words = 0
    section = 0
    order = ids[:]
    rng.shuffle(order)
    cursor = 0
    while words < words_needed or cursor < len(order):
        section += 1
        parts += [f"## (U) Theme {section}", ""]
        for p in range(8):
            if realistic and p % 2 == 1:  # uncited analysis, some of it unmarked or vaguely estimative
                text = " ".join(sentence(rng, 14) for _ in range(4))
                if p == 3:
                    text += " The guards might possibly return, perhaps."
                parts += [(text if p == 5 else "(U) " + text), ""]
                words += len(text.split())
                continue
            cites = []
            for _ in range(2):
                c = order[cursor % len(order)]
                cursor += 1
                cites.append(c)
                if c in denied:
                    cites.append(denied[c])
            text = " ".join(sentence(rng, 14) for _ in range(4))
            parts += ["(U) " + text + " [" + "; ".join(f"@c{c}" for c in cites) + "]", ""]
            words += len(text.split())
    parts += [
        "## (U) Source summary",
        "",
        "(U) The brief rests on many sources; some cited claims are "
        "contested and their denials are presented beside them. No key judgment rests on a single source.",
        "",
    ]
    body = "\n".join(parts)
    brief = lib.briefs.create(
        title="Benchmark brief", body=body, marking_scheme="classification", default_marking="U"
    ).id
    return lib, brief


CPU: dict[int, list[float]] = {}  # id of a wall-time list -> the CPU times of the same runs


def timed(fn, runs: int) -> list[float]:
    """Wall milliseconds of each run of ``fn(i)`` (CPU milliseconds kept in CPU); ``i`` numbers the runs, so a
    run can read a text no earlier run read (nothing cached from one run serves the next)."""
    out, cpu = [], []
    for i in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        fn(i)
        out.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    CPU[id(out)] = cpu
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--pages", type=int, default=500)
    ap.add_argument("--claims", type=int, default=2000)
    ap.add_argument(
        "--realistic",
        action="store_true",
        help="a draft with findings (uncited and unmarked paragraphs, vague words, weak key judgments)",
    )
    ap.add_argument(
        "--provenance",
        choices=["with", "without", "both"],
        default="both",
        help="derived sources and reported claims in the library (app.provenance): with, without, or both",
    )
    args = ap.parse_args()
    kinds = {"with": [True], "without": [False], "both": [False, True]}[args.provenance]
    for provenance in kinds:
        print(f"--- library {'with' if provenance else 'without'} provenance")
        run(args, provenance)
    print(cpu_reference_line())
    return 0


def run(args, provenance: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        lib, brief_id = build(
            Path(tmp) / "bench.briefdesk",
            claims=args.claims,
            pages=args.pages,
            provenance=provenance,
            realistic=args.realistic,
        )
        body = lib.briefs.get(brief_id).body
        settings = CheckSettings()
        report = check_brief(lib, brief_id, settings=settings)
        cited = len({c.ident for c in Document(body).citations if c.kind == "claim"})
        print(
            f"library built in {time.perf_counter() - t0:.1f} s; brief {len(body):,} characters, "
            f"{len(body.split()):,} words (~{len(body.split()) // 500} pages), {cited:,} distinct claims cited, "
            f"{len(report.findings)} findings ({len(report.errors)} errors)"
        )
        by_rule: dict[str, int] = {}
        for f in report.findings:
            by_rule[f.rule] = by_rule.get(f.rule, 0) + 1
        print("findings by rule: " + (", ".join(f"{r} {n}" for r, n in sorted(by_rule.items())) or "none"))

        def rules_only():
            ctx = load_context(lib, brief_id, settings=settings)
            t = time.perf_counter()
            run_checks(ctx)
            return (time.perf_counter() - t) * 1000

        # each run reads a text of its own (one word differs), as typing makes it: no cached reading serves it
        texts = [body.replace("Theme 7", f"Theme seven{i}", 1) for i in range(args.runs)]
        parse = timed(lambda i: Document(texts[i]), args.runs)
        rules = [rules_only() for _ in range(args.runs)]
        edited = [body.replace("Theme 8", f"Theme eight{i}", 1) for i in range(args.runs)]
        full = timed(lambda i: check_brief(lib, brief_id, body=edited[i], settings=settings), args.runs)
        live = LiveChecker(lib, brief_id, settings=settings)
        live.check(body)
        typed = [body.replace("Theme 9", f"Theme nine{i}", 1) for i in range(args.runs)]
        warm = timed(lambda i: live.check(typed[i]), args.runs)
        for name, xs in (
            ("structural pass", parse),
            ("all rules, context loaded", rules),
            ("check_brief end to end", full),
            ("LiveChecker, after an edit", warm),
        ):
            cpu = CPU.get(id(xs))
            cpu_text = f"; CPU median {statistics.median(cpu):7.1f} ms" if cpu else ""
            print(
                f"{name:<28} median {statistics.median(xs):7.1f} ms  (min {min(xs):.1f}, max {max(xs):.1f}, "
                f"{len(xs)} runs){cpu_text}"
            )
        lib.close()
        for name, xs in (("end to end (check_brief)", full), ("as you type (LiveChecker)", warm)):
            print(f"target <= 200 ms, {name}:", "met" if statistics.median(xs) <= 200 else "NOT met")


if __name__ == "__main__":
    raise SystemExit(main())
