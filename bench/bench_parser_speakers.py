"""Would a parser find speakers the rules miss? The CMU/OpenCog Link Grammar parser (Debian bookworm's
python3-link-grammar and link-grammar-dictionaries-en, 5.12.0) against app.extract on attribution sentences.
A bench script, not product code: nothing in app/ imports it.

    apt-get install -y python3-link-grammar link-grammar-dictionaries-en
    .venv/bin/python bench/bench_parser_speakers.py [--half dev|test|all] [--show K] [--grammar-n N]
        [--sources grammar,shapes,sets] [--sets corpus,heldout,...] [--max-parse-time S] [--max-words N]
        [--app-root DIR]   # DIR's app.extract as the rules (e.g. a `git archive` of an older commit's app/)
    .venv/bin/python bench/bench_parser_speakers.py --cold 7      # fresh processes: load, dictionary, first parse

The parser and its reading of a linkage are in bench/linkgrammar_speakers.py (how Debian's module is loaded into
the venv is said there). --show lists dev-half sentences only; the test half is scored, never listed.

Sentences, each with its gold speaker ("a|b"; "" when no one speaks):
- grammar: tests/app/extract/attribution_grammar.py, wave 4, seed 11 (dev) and 12 (test);
- shapes: tests/app/extract/real_shapes.py, SHAPES, halved by a CRC of the sentence;
- sets: every annotated claim of bench/corpus, heldout .. heldout14 (never heldout15), the sentence(s) holding
  its quote in the imported body, articles halved by a CRC of "set/article".
The parser's speaker of a sentence: the subject of a verb of saying (said, told, denied, accused, ...; through
auxiliaries and "was quoted as"), an inverted '"...," said X' (the verb's object when it has no subject), or
the object of "according to", as its noun phrase (determiners, adjectives, name parts, "of/for/in" phrases,
coordinated names); a role with a name in apposition gives the name. Verbs inside the claim's own quote,
passives other than "quoted", negated verbs and "nobody"-type subjects give none. The rules' speaker: what
app.extract drafts over the claim today (the sets: the article imported and drafted as bench_extract does).
Matching is bench_extract's (same_speaker, is_fragment with the article's not_speakers and exact_speakers).

Combination "fallback": the rules' speaker, or the parser's where the rules drafted nothing over the claim or a
fragment (a pronoun from the parser counts as nothing). Its cost is measured too: on every sentence of the
sets' articles that no annotated claim and no rule proposal touches, a parser speaker is an invented proposal.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

if (
    "--app-root" in sys.argv
):  # another checkout's app.extract (the rules as they were), imported before any other
    sys.path.insert(0, str(Path(sys.argv[sys.argv.index("--app-root") + 1]).resolve()))
    import app  # noqa: E402, F401

from bench.linkgrammar_speakers import (  # noqa: E402
    SPEECH,
    LinkParser,
    Parsed,
    as_actor,
    choose,
    is_pronoun,
    load_linkgrammar,
)

HERE = Path(__file__).resolve().parent
SETS = ["corpus", "heldout"] + [f"heldout{i}" for i in range(2, 15)]  # heldout15 is blind: never listed
PUBLISHED = dt.date(2026, 3, 12)
SHOW_QUIET = False


def crc_half(key: str) -> str:
    return "dev" if zlib.crc32(key.encode()) % 2 == 0 else "test"


# ---------------------------------------------------------------- the cases


@dataclass
class Case:
    source: str  # grammar | shapes | sets
    half: str
    article: str
    text: str  # the whole passage (an article's body for the sets)
    spans: list[tuple[int, int]]  # sentences to parse, offsets in text
    quote: tuple[int, int] | None
    gold: str
    rules: list[str]  # speakers drafted over the claim (first: the one bench_real_shapes reads)
    not_speakers: list[str] = field(default_factory=list)
    exact: bool = False
    outcome: dict[str, str] = field(
        default_factory=dict
    )  # system -> right|none|fragment|wrong|quiet|invented
    said: dict[str, str] = field(default_factory=dict)  # system -> the speaker it gave


def matcher(case: Case, speaker: str) -> bool:
    from bench.bench_extract import is_fragment, same_speaker  # noqa: PLC0415

    return not is_fragment(speaker, case.not_speakers) and same_speaker(speaker, case.gold, exact=case.exact)


def judge(case: Case, speakers: list[str]) -> str:
    from bench.bench_extract import is_fragment  # noqa: PLC0415

    speakers = [s for s in speakers if s]
    if not case.gold:
        return "invented" if speakers else "quiet"
    if any(matcher(case, s) for s in speakers):
        return "right"
    if not speakers:
        return "none"
    if any(is_fragment(s, case.not_speakers) for s in speakers):
        return "fragment"
    return "wrong"


def grammar_cases(n: int) -> list[Case]:
    from app.extract import RuleExtractor  # noqa: PLC0415
    from app.sentences import split_sentences  # noqa: PLC0415
    from tests.app.extract.attribution_grammar import Grammar  # noqa: PLC0415

    out = []
    for half, seed in (("dev", 11), ("test", 12)):
        grammar = Grammar(seed, wave=4)
        for i in range(n):
            item = grammar.item()
            text = item.text
            if item.said:
                s = text.lower().rfind(item.said.lower())
                quote: tuple[int, int] | None = (s, s + len(item.said))
            else:
                quote = None
            lo, hi = quote or (0, len(text))
            spans = [(x.start, x.end) for x in split_sentences(text) if x.start < hi and lo < x.end]
            props = RuleExtractor().propose(text, published=PUBLISHED)
            over = [p.actor for p in props if p.start < hi and lo < p.end]
            out.append(Case("grammar", half, f"g{seed}-{i}", text, spans, quote, item.speaker, over))
    return out


def shape_cases() -> list[Case]:
    from app.extract import RuleExtractor  # noqa: PLC0415
    from app.sentences import split_sentences  # noqa: PLC0415
    from bench.bench_real_shapes import load_shapes  # noqa: PLC0415

    out = []
    for text, expected in load_shapes():
        spans = [(x.start, x.end) for x in split_sentences(text)]
        actors = [p.actor for p in RuleExtractor().propose(text, published=PUBLISHED)]
        out.append(Case("shapes", crc_half(text), text[:30], text, spans, None, expected, actors[:1]))
    return out


@dataclass
class Article:
    name: str
    half: str
    body: str
    ann: dict
    actors: list[str]  # every speaker drafted, in order
    quiet: list[tuple[int, int]]  # sentences that no claim and no proposal touch, with a verb of saying
    unproposed: list[
        tuple[int, int]
    ]  # sentences with a verb of saying that no proposal touches (what a fallback parses)


_SAYING = re.compile(r"\b(" + "|".join(sorted(SPEECH)) + r"|according to)\b", re.I)


def set_cases(sets: list[str]) -> tuple[list[Case], list[Article]]:
    from app._text import find_quote  # noqa: PLC0415
    from app.extract import propose  # noqa: PLC0415
    from app.library import Library  # noqa: PLC0415
    from app.sentences import split_sentences  # noqa: PLC0415
    from bench.bench_extract import articles, import_article  # noqa: PLC0415

    cases, arts = [], []
    with tempfile.TemporaryDirectory() as tmp:
        lib = Library.open(Path(tmp) / "parser.briefdesk")
        try:
            for set_name in sets:
                assert set_name != "heldout15"
                for path in articles(HERE / set_name):
                    ann = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
                    if ann.get("language", "en") != "en":
                        continue
                    for actor in ann.get("library_actors", []):
                        if lib.actors.find(actor["name"]) is None:
                            lib.actors.create(**actor)
                    sid = import_article(lib, path, ann)
                    body = lib.sources.get(sid).body
                    proposals = list(propose(lib, sid).proposals)
                    key = f"{set_name}/{path.stem}"
                    half = crc_half(key)
                    sentences = split_sentences(body)
                    touched = []
                    for c in ann["claims"]:
                        s, e = find_quote(body, c["quote"])
                        spans = [(x.start, x.end) for x in sentences if x.start < e and s < x.end]
                        touched.extend(spans)
                        over = [p for p in proposals if p.start < e and s < p.end]
                        over.sort(key=lambda p: -(min(p.end, e) - max(p.start, s)))
                        cases.append(
                            Case(
                                "sets",
                                half,
                                key,
                                body,
                                spans,
                                (s, e),
                                c["speaker"],
                                [p.actor for p in over],
                                ann.get("not_speakers", []),
                                c["speaker"] in set(ann.get("exact_speakers", [])),
                            )
                        )
                    quiet = [
                        (x.start, x.end)
                        for x in sentences
                        if (x.start, x.end) not in touched
                        and not any(p.start < x.end and x.start < p.end for p in proposals)
                        and _SAYING.search(x.text)
                    ]
                    unproposed = [
                        (x.start, x.end)
                        for x in sentences
                        if not any(p.start < x.end and x.start < p.end for p in proposals)
                        and _SAYING.search(x.text)
                    ]
                    actors = list(dict.fromkeys(p.actor for p in proposals))
                    arts.append(Article(key, half, body, ann, actors, quiet, unproposed))
        finally:
            lib.close()
    return cases, arts


# ---------------------------------------------------------------- scoring


def parser_speaker(parser: LinkParser, case: Case) -> tuple[str, list[Parsed]]:
    found, parsed = [], []
    for a, b in case.spans:
        p = parser.parse(case.text[a:b])
        parsed.append(p)
        found.extend((a, f) for f in p.found)
    best = None
    for a, f in found:
        pick = choose([f], a, case.quote)
        if pick is None:
            continue
        at = a + f.verb_at
        dist = 0 if not case.quote else (case.quote[0] - at if at < case.quote[0] else at - case.quote[1])
        rank = (dist, not f.main) if case.quote else (0 if f.main else 1, at)
        if best is None or rank < best[0]:
            best = (rank, f)
    return (as_actor(best[1].speaker, case.text) if best else ""), parsed


def score(parser: LinkParser, cases: list[Case]) -> list[Parsed]:
    all_parsed = []
    for case in cases:
        got, parsed = parser_speaker(parser, case)
        all_parsed.extend(parsed)
        rules = judge(case, case.rules[:1] if case.source == "shapes" else case.rules)
        pron = bool(got) and is_pronoun(got)
        theirs = "pronoun" if pron and case.gold else judge(case, [] if pron else [got])
        case.outcome = {"rules": rules, "parser": theirs}
        case.said = {"rules": "; ".join(case.rules[:3]), "parser": got}
        if rules in ("none", "fragment") and got and not pron:
            case.outcome["fallback"] = judge(case, [got])
        elif rules == "quiet" and got and not pron:
            case.outcome["fallback"] = "invented"
        else:
            case.outcome["fallback"] = rules
    return all_parsed


def speaker_pr(
    parser: LinkParser, cases: list[Case], arts: list[Article], fallback: bool
) -> tuple[int, int, int, int, int]:
    """bench_extract's speaker precision and recall over the articles: (P tp, predicted, R tp, expected, invented
    by the fallback on sentences no claim or proposal touches)."""
    from bench.bench_extract import speaker_matcher  # noqa: PLC0415

    by_art: dict[str, list[Case]] = defaultdict(list)
    for c in cases:
        by_art[c.article].append(c)
    ptp = pred = rtp = exp = invented = 0
    for art in arts:
        predicted = list(art.actors)
        if fallback:
            for c in by_art[art.name]:
                if c.outcome["rules"] in ("none", "fragment") and c.outcome["fallback"] != c.outcome["rules"]:
                    predicted.append(c.said["parser"])
            for a, b in art.quiet:
                p = parser.parse(art.body[a:b])
                pick = choose(p.found, 0, None)
                if pick and not is_pronoun(pick.speaker) and pick.speaker:
                    predicted.append(as_actor(pick.speaker, art.body))
                    invented += 1
                    if SHOW_QUIET and art.half == "dev":
                        print(f"  quiet [{art.name}] {pick.speaker!r}: {art.body[a:b][:160]!r}")
        predicted = list(dict.fromkeys(predicted))
        matches = speaker_matcher(art.ann)
        expected = art.ann["speakers"]
        ptp += sum(1 for p in predicted if any(matches(p, e) for e in expected))
        pred += len(predicted)
        rtp += sum(1 for e in expected if any(matches(p, e) for p in predicted))
        exp += len(expected)
    return ptp, pred, rtp, exp, invented


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q * (len(s) - 1))))] if s else 0.0


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cold_one() -> None:
    t0, c0 = time.perf_counter(), time.process_time()
    base = rss_mb()
    lg = load_linkgrammar()
    t1, c1 = time.perf_counter(), time.process_time()
    parser = LinkParser()
    t2, c2 = time.perf_counter(), time.process_time()
    p = parser.parse("The harbour master, Ana Pell, told reporters on Tuesday that the ferries would run.")
    t3, c3 = time.perf_counter(), time.process_time()
    maps = Path("/proc/self/maps").read_text()
    libs = sorted({line.split()[-1] for line in maps.splitlines() if "libpython3" in line})
    print(
        json.dumps(
            {
                "import": [t1 - t0, c1 - c0],
                "dictionary": [t2 - t1, c2 - c1],
                "first_parse": [t3 - t2, c3 - c2],
                "speaker": p.found[0].speaker if p.found else "",
                "rss_before": base,
                "rss_after": rss_mb(),
                "libpython": libs,
                "version": lg.__version__,
            }
        )
    )


def cold(n: int) -> None:
    rows = []
    for _ in range(n):
        out = subprocess.run(
            [sys.executable, __file__, "--cold-one"], capture_output=True, text=True, check=True
        )
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    print(f"Link Grammar {rows[0]['version']}, libpython mapped: {rows[0]['libpython']}; {n} fresh processes")
    for part in ("import", "dictionary", "first_parse"):
        wall = [r[part][0] * 1000 for r in rows]
        cpu = [r[part][1] * 1000 for r in rows]
        print(
            f"  {part:12} wall median {statistics.median(wall):7.1f} ms (max {max(wall):7.1f}), CPU median "
            f"{statistics.median(cpu):7.1f} ms"
        )
    print(
        f"  max RSS: {statistics.median([r['rss_before'] for r in rows]):.1f} MB before import -> "
        f"{statistics.median([r['rss_after'] for r in rows]):.1f} MB after the dictionary and a first parse; "
        f"speaker {rows[0]['speaker']!r}"
    )


def report(cases: list[Case], half: str, show: int) -> None:
    systems = ("rules", "parser", "fallback")
    print(
        "\n| source | half | sentences | rules right | parser right | fallback right | either right | "
        "only rules | only parser | parser none/pronoun | invented (rules / parser / fallback) |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for source in ("grammar", "shapes", "sets"):
        for h in ("dev", "test"):
            if half not in ("all", h):
                continue
            rows = [c for c in cases if c.source == source and c.half == h]
            if not rows:
                continue
            ok = {s: sum(c.outcome[s] in ("right", "quiet") for c in rows) for s in systems}
            either = sum(
                c.outcome["rules"] in ("right", "quiet") or c.outcome["parser"] in ("right", "quiet")
                for c in rows
            )
            only_r = sum(c.outcome["rules"] == "right" and c.outcome["parser"] != "right" for c in rows)
            only_p = sum(c.outcome["parser"] == "right" and c.outcome["rules"] != "right" for c in rows)
            none = sum(c.outcome["parser"] in ("none", "pronoun") for c in rows)
            inv = "/".join(str(sum(c.outcome[s] == "invented" for c in rows)) for s in systems)
            n = len(rows)
            print(
                f"| {source} | {h} | {n} | {ok['rules']} ({ok['rules'] / n:.3f}) | {ok['parser']} "
                f"({ok['parser'] / n:.3f}) | {ok['fallback']} ({ok['fallback'] / n:.3f}) | {either} | {only_r} | "
                f"{only_p} | {none} | {inv} |"
            )
    for source in ("grammar", "shapes", "sets"):
        rows = [c for c in cases if c.source == source and half in ("all", c.half)]
        tally = {s: Counter(c.outcome[s] for c in rows) for s in systems}
        print(f"{source}: " + "; ".join(f"{s} {dict(tally[s])}" for s in systems))
    if show:
        dev = [c for c in cases if c.half == "dev"]  # never the test half
        for title, pick in (
            (
                "parser right, rules not",
                lambda c: c.outcome["parser"] == "right" and c.outcome["rules"] != "right",
            ),
            (
                "rules right, parser not",
                lambda c: c.outcome["rules"] == "right" and c.outcome["parser"] != "right",
            ),
            ("fallback changed", lambda c: c.outcome["fallback"] != c.outcome["rules"]),
        ):
            rows = [c for c in dev if pick(c)]
            print(f"\n--- dev: {title} ({len(rows)})")
            for c in rows[:show]:
                a, b = c.spans[0][0], c.spans[-1][1] if c.spans else (0, 0)
                print(
                    f"  [{c.source} {c.outcome['rules']}/{c.outcome['parser']}] gold {c.gold!r} rules "
                    f"{c.said['rules']!r} parser {c.said['parser']!r}\n     {c.text[a:b][:220]!r}"
                )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--half", choices=("dev", "test", "all"), default="dev")
    ap.add_argument(
        "--show", type=int, default=0, help="list K dev sentences per class (never the test half)"
    )
    ap.add_argument("--grammar-n", type=int, default=400)
    ap.add_argument("--sets", default=",".join(SETS), help="annotated sets under bench/ (never heldout15)")
    ap.add_argument("--max-parse-time", type=int, default=10, help="the parser's own limit, seconds")
    ap.add_argument("--max-words", type=int, default=0, help="leave longer sentences unparsed (0: none)")
    ap.add_argument("--app-root", help="a checkout whose app.extract gives the rules' speakers")
    ap.add_argument("--sources", default="grammar,shapes,sets")
    ap.add_argument("--cold", type=int, default=0, help="N fresh processes: load, dictionary, first parse")
    ap.add_argument("--cold-one", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.cold_one:
        cold_one()
        return 0
    if args.cold:
        cold(args.cold)
        return 0
    rss0 = rss_mb()
    c0 = time.process_time()
    sources = args.sources.split(",")
    cases: list[Case] = []
    arts: list[Article] = []
    if "grammar" in sources:
        cases += grammar_cases(args.grammar_n)
    if "shapes" in sources:
        cases += shape_cases()
    if "sets" in sources:
        chosen = [x for x in args.sets.split(",") if x]
        if any(x.startswith("heldout15") for x in chosen):
            raise SystemExit("heldout15 is a blind set being written: never opened here")
        more, arts = set_cases(chosen)
        cases += more
    cases = [c for c in cases if args.half in ("all", c.half)]
    arts = [a for a in arts if args.half in ("all", a.half)]
    rss1 = rss_mb()
    c1 = time.process_time()
    parser = LinkParser(max_parse_time=args.max_parse_time, max_words=args.max_words)
    rss2 = rss_mb()
    parsed = score(parser, cases)
    global SHOW_QUIET
    SHOW_QUIET = bool(args.show)
    pr = {fb: speaker_pr(parser, cases, arts, fb) for fb in (False, True)} if arts else {}
    rss3 = rss_mb()
    c2 = time.process_time()
    import app  # noqa: PLC0415

    print(f"app.extract from {Path(app.__file__).parent.parent}")
    print(
        f"Speakers by the Link Grammar parser and by app.extract; half {args.half}; load "
        f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    report(cases, args.half, args.show)
    for fb, (ptp, pred, rtp, exp, inv) in pr.items():
        label = "rules + parser fallback" if fb else "rules (app.extract)"
        print(
            f"\nSets, speaker P/R as bench_extract counts them, {label}: P {ptp}/{pred} = {ptp / pred:.3f}, "
            f"R {rtp}/{exp} = {rtp / exp:.3f}"
            + (f"; {inv} speakers from sentences no claim touches" if fb else "")
        )
    unique = list(parser.cache.values())
    status = Counter(p.status for p in unique)
    cpu = [p.cpu * 1000 for p in unique]
    wall = [p.wall * 1000 for p in unique]
    print(
        f"\nParses: {len(unique)} distinct sentences ({len(parsed)} parsed for claims); {dict(status)}; null "
        f"words in null linkages: median {statistics.median([p.nulls for p in unique if p.nulls] or [0])}"
    )
    print(
        f"CPU per sentence: median {statistics.median(cpu):.1f} ms, p95 {pct(cpu, 0.95):.1f} ms, max "
        f"{max(cpu):.0f} ms, total {sum(cpu) / 1000:.1f} s; wall median {statistics.median(wall):.1f} ms, p95 "
        f"{pct(wall, 0.95):.1f} ms"
    )
    print(
        f"Max RSS: {rss0:.0f} MB at start, {rss1:.0f} MB after drafting every case with app.extract, {rss2:.0f} MB "
        f"after the dictionary, {rss3:.0f} MB after every parse; CPU: cases {c1 - c0:.1f} s, parsing {c2 - c1:.1f} s"
    )
    by_rss = sorted(unique, key=lambda p: -p.rss)[:1]
    jumps = sorted(zip(unique[1:], unique, strict=False), key=lambda ab: -(ab[0].rss - ab[1].rss))[:3]
    print(
        f"Resident memory after the last parse {unique[-1].rss:.0f} MB, highest {by_rss[0].rss:.0f} MB; largest jumps: "
        + "; ".join(
            f"+{a.rss - b.rss:.0f} MB ({a.words} words, {a.status}, {a.cpu:.2f} s CPU)" for a, b in jumps
        )
    )
    for lo, hi in ((0, 20), (21, 40), (41, 10_000)):
        sel = [p.cpu * 1000 for p in unique if lo <= p.words <= hi]
        if sel:
            print(
                f"  {lo}-{hi if hi < 10_000 else ''} words: {len(sel)} sentences, CPU median "
                f"{statistics.median(sel):.1f} ms, p95 {pct(sel, 0.95):.1f} ms"
            )
    if arts:  # what a fallback would parse: each sentence with a verb of saying that no proposal touches
        per_art, counts = [], []
        for art in arts:
            ps = [parser.parse(art.body[a:b]) for a, b in art.unproposed]
            per_art.append(sum(p.cpu for p in ps) * 1000)
            counts.append(len(ps))
        print(
            f"Fallback cost per article ({len(arts)} articles): {statistics.median(counts):.0f} sentences parsed "
            f"(median; max {max(counts)}), CPU median {statistics.median(per_art):.0f} ms, p95 "
            f"{pct(per_art, 0.95):.0f} ms, max {max(per_art):.0f} ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
