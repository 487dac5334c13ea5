"""Scale benchmark: a library of 100,000 sources, 1,000,000 claims, >= 200,000 links, ~5,000 actors.

Usage (from the repository root):

    .venv/bin/python bench/bench_scale.py                 # generate (if not cached) then measure
    .venv/bin/python bench/bench_scale.py --reuse         # reuse bench/out/scale.briefdesk if it exists
    .venv/bin/python bench/bench_scale.py --generate-only # just build the library
    .venv/bin/python bench/bench_scale.py --reuse --quick # fewer repetitions

Generation bypasses the services for speed: the library is created by ``Library.open`` (so the schema,
triggers and the FTS5 index are the real ones) and then filled with ``executemany`` in a few large
transactions through the same file. Measurements go through the real services only.

Text comes from synthetic word lists drawn with a Zipf-like distribution (rank^-1.05), so common words are
very common (the most common word is in nearly every source) and the tail is rare. Every claim's quote is a
real substring of its source's body, at span_start:span_end.
"""

# ruff: noqa: SIM905, B023  (word lists as strings; the timed lambdas are called at once)

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import itertools
import json
import os
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
DEFAULT_DB = OUT / "scale.briefdesk"
sys.path.insert(0, str(ROOT))

N_SOURCES = 100_000
N_CLAIMS = 1_000_000
N_LINKS = 250_000
N_ACTORS = 5_000
SEED = 20261125

# --- word lists ----------------------------------------------------------------------------------------
COMMON = (
    "the of and to a in that is was he for it with as his on be at by i this had not are but from or have an "
    "they which one you were her all she there would their we him been has when who will more no if out so "
    "said what up its about into than them can only other new some could time these two may then do first any "
    "my now such like our over man me even most made after also did many before must through back years where "
    "much your way well down should because each just those people how too little state good very make world "
    "still own see men work long get here between both life being under never day same another know while "
    "last might us great old year off come since against go came right used take three"
).split()
DOMAIN = (
    "government minister ministry army forces troops border ceasefire attack strike missile drone village city "
    "province region official spokesman statement report reports claimed denied confirmed sources witnesses "
    "civilians casualties killed wounded injured police protest protesters election vote parliament president "
    "opposition rebels militia convoy humanitarian aid agency refugees camp shelling artillery airstrike "
    "negotiations talks agreement sanctions embassy ambassador foreign defence security intelligence operation "
    "military commander general colonel battalion brigade checkpoint bridge port airport pipeline oil gas "
    "energy grid power outage hospital school market mosque church court trial prosecutor investigation "
    "evidence footage video satellite imagery analysis network hackers cyber disinformation campaign media "
    "journalist newspaper broadcaster telegram channel account post posted accused alleged allegedly "
    "responsible responsibility condemned warned threatened promised announced according quoted anonymous "
    "senior spokesperson deputy council committee union alliance coalition regime insurgents separatists "
    "withdrawal offensive counteroffensive frontline territory captured recaptured occupied liberated "
    "evacuation corridor shipment weapons ammunition tanks vehicles helicopter aircraft navy vessel coast "
    "harbour grain exports imports economy inflation currency bank loan debt budget tax wages strike workers"
).split()
_ONSETS = "b bl br c ch cl cr d dr f fl fr g gl gr h j k kh l m n p pl pr qu r s sh sk sl sm sn sp st str sv t th tr v w z zh".split()
_VOWELS = "a e i o u ai au ea ei ia io oa ou y".split()
_CODAS = ["", "", "", "n", "r", "s", "l", "m", "nd", "rk", "st", "nt", "sk", "v", "ch", "x", "ng"]

FIRST_NAMES = (
    "Amir Anna Boris Carlos Dmitri Elena Fatima Gabriel Hana Igor Jamal Karin Leila Marco Nadia Oleg Petra "
    "Rashid Sofia Tomas Ulla Viktor Wen Yusuf Zara Ahmed Beatriz Chen Daria Emil Farah Goran Helga Ivan Jana "
    "Kofi Lucia Mehmet Nora Omar Pavel Qasim Rosa Samir Tanya Umar Vera Walid Xenia Yara Zoran"
).split()

KINDS = [
    "news article",
    "official statement",
    "transcript",
    "report",
    "social media post",
    "dataset",
    "other",
]
STATUSES = ["unverified", "corroborated", "disputed", "retracted"]
STATUS_WEIGHTS = [70, 15, 12, 3]
TAGS = (
    "ceasefire casualties shelling airstrike humanitarian refugees election sanctions cyber disinformation "
    "energy grain border negotiations prisoners hostages chemical nuclear drones navy economy protests "
    "corruption trial evacuation infrastructure hospitals schools media propaganda mercenaries"
).split()
OUTLET_WORDS = (
    "Daily Herald Tribune Post Times Observer Gazette Wire Radio Channel Monitor Journal Voice News".split()
)


def make_vocabulary(rng: random.Random, size: int = 60_000) -> list[str]:
    words = list(dict.fromkeys(COMMON + DOMAIN))
    seen = set(words)
    while len(words) < size:
        n = rng.choice((1, 2, 2, 2, 3, 3, 4))
        w = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(n)) + rng.choice(_CODAS)
        if w not in seen:
            seen.add(w)
            words.append(w)
    # mix: common function words first, then domain words spread into the head, synthetic words the tail
    head = list(COMMON)
    rest = [w for w in words if w not in set(COMMON)]
    dom = [w for w in rest if w in set(DOMAIN)]
    syn = [w for w in rest if w not in set(DOMAIN)]
    ordered = head[:40]
    # domain words at ranks ~40..600 interleaved with synthetic words
    mid = dom + syn[:300] + head[40:]
    rng.shuffle(mid)
    ordered += mid + syn[300:]
    return ordered


class TextGen:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.vocab = make_vocabulary(rng)
        weights = [1.0 / (r + 1) ** 1.05 for r in range(len(self.vocab))]
        self.cum = list(itertools.accumulate(weights))

    def words(self, k: int) -> list[str]:
        return self.rng.choices(self.vocab, cum_weights=self.cum, k=k)

    def sentence(self, k: int) -> str:
        w = self.words(k)
        w[0] = w[0].capitalize()
        if self.rng.random() < 0.08:  # some numbers and proper-looking names
            w.insert(self.rng.randrange(len(w)), str(self.rng.randrange(2, 5000)))
        return " ".join(w) + self.rng.choice("..........?!;")

    def body(self, n_words: int) -> tuple[str, list[tuple[int, int]]]:
        """A body of paragraphs and the (start, end) spans of its sentences."""
        parts: list[str] = []
        spans: list[tuple[int, int]] = []
        pos = 0
        total = 0
        in_para = 0
        while total < n_words:
            k = self.rng.randint(6, 28)
            s = self.sentence(k)
            if parts:
                sep = "\n\n" if in_para >= self.rng.randint(3, 6) else " "
                if sep == "\n\n":
                    in_para = 0
                parts.append(sep)
                pos += len(sep)
            spans.append((pos, pos + len(s)))
            parts.append(s)
            pos += len(s)
            total += k
            in_para += 1
        return "".join(parts), spans


def _dt_str(d: dt.datetime) -> str:
    return d.strftime("%Y-%m-%d %H:%M:%S.000000")


def generate(path: Path, scale: float = 1.0) -> dict:
    global N_SOURCES, N_CLAIMS, N_LINKS, N_ACTORS
    N_SOURCES, N_CLAIMS, N_LINKS, N_ACTORS = (
        int(N_SOURCES * scale),
        int(N_CLAIMS * scale),
        int(N_LINKS * scale),
        max(50, int(N_ACTORS * scale)),
    )
    from app._text import norm_key
    from app.library import Library

    # global ids (schema 0005) from their own generator, so the text and figures stay those of earlier runs
    id_rng = random.Random(SEED + 1)

    def new_uuid() -> str:
        return uuid.UUID(int=id_rng.getrandbits(128), version=4).hex

    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    tg = TextGen(rng)
    stats: dict = {}
    t_all = time.perf_counter()

    lib = Library.open(path)  # real schema, triggers, FTS5 (then closed: bulk load through sqlite3)
    lib.close()
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = OFF")
    con.execute("PRAGMA cache_size = -262144")
    con.execute("PRAGMA temp_store = MEMORY")
    con.execute("PRAGMA foreign_keys = OFF")  # ids are generated consistently below

    base = dt.date(2016, 1, 1)
    span_days = (dt.date(2026, 11, 1) - base).days
    now = _dt_str(dt.datetime(2026, 11, 24, 12, 0, 0))

    # actors ------------------------------------------------------------------------------------------
    t0 = time.perf_counter()
    actors = []
    seen = set()
    affiliations = [" ".join(tg.words(rng.randint(1, 2))).title() for _ in range(300)]
    while len(actors) < N_ACTORS:
        name = f"{rng.choice(FIRST_NAMES)} {tg.vocab[rng.randrange(200, 20000)].capitalize()}"
        aff = rng.choice(affiliations)
        key = (norm_key(name), norm_key(aff))
        if key in seen:
            continue
        seen.add(key)
        role = rng.choice(["spokesperson", "minister", "commander", "analyst", "journalist", "official", ""])
        actors.append((len(actors) + 1, name, key[0], role, aff, key[1], "[]", now, now, new_uuid()))
    con.execute("BEGIN")
    con.executemany(
        "INSERT INTO actors(id,name,norm_name,role,affiliation,norm_affiliation,aliases,created,updated,uuid)"
        " VALUES (?,?,?,?,?,?,?,?,?,?)",
        actors,
    )
    con.execute("COMMIT")
    stats["actors"] = (len(actors), time.perf_counter() - t0)
    actor_cum = list(itertools.accumulate(1.0 / (r + 1) ** 0.8 for r in range(N_ACTORS)))
    actor_ids = list(range(1, N_ACTORS + 1))

    # sources and claims, in batches ---------------------------------------------------------------
    # ~10 claims per source, unevenly (heavy-tailed, at most 400)
    weights = [rng.paretovariate(1.6) for _ in range(N_SOURCES)]
    tot = sum(weights)
    claims_per_source = [int(w / tot * N_CLAIMS) for w in weights]
    short = N_CLAIMS - sum(claims_per_source)
    for i in rng.sample(range(N_SOURCES), short):
        claims_per_source[i] += 1
    claims_per_source = [min(c, 400) for c in claims_per_source]
    short = N_CLAIMS - sum(claims_per_source)
    i = 0
    while short > 0:
        if claims_per_source[i] < 400:
            claims_per_source[i] += 1
            short -= 1
        i = (i + 1) % N_SOURCES

    t_src = 0.0
    t_clm = 0.0
    t_text = 0.0
    claim_id = 0
    claim_said: list[int] = [0] * (N_CLAIMS + 1)
    outlets = [
        f"{tg.vocab[rng.randrange(100, 3000)].capitalize()} {rng.choice(OUTLET_WORDS)}" for _ in range(800)
    ]
    BATCH = 2_000
    n_tags = 0
    tag_cum = list(itertools.accumulate(1.0 / (r + 1) for r in range(len(TAGS))))
    for batch_start in range(0, N_SOURCES, BATCH):
        t0 = time.perf_counter()
        src_rows = []
        claim_rows = []
        tag_rows = []
        for sid in range(batch_start + 1, min(N_SOURCES, batch_start + BATCH) + 1):
            n_words = rng.randint(120, 600)
            n_claims = claims_per_source[sid - 1]
            body, spans = tg.body(max(n_words, n_claims * 3))
            title = " ".join(tg.words(rng.randint(5, 12))).capitalize()
            pub_day = rng.randrange(span_days)
            published = (base + dt.timedelta(days=pub_day)).isoformat()
            kind = rng.choice(KINDS)
            src_rows.append(
                (
                    sid,
                    title,
                    kind,
                    rng.choice(outlets),
                    f"{rng.choice(FIRST_NAMES)} {tg.vocab[rng.randrange(300, 9000)].capitalize()}",
                    f"https://example.org/{sid}/{title[:30].replace(' ', '-').lower()}",
                    published,
                    published,
                    "en",
                    body,
                    hashlib.sha256(body.encode()).hexdigest(),
                    rng.choice("AABBBCCCCDDEF"),
                    "",
                    "",
                    "",
                    now,
                    now,
                    new_uuid(),
                )
            )
            for _ in range(n_claims):
                claim_id += 1
                a, b = spans[rng.randrange(len(spans))]
                quote = body[a:b]
                if len(quote) > 60 and rng.random() < 0.5:  # sometimes part of a sentence
                    cut = quote.find(" ", rng.randrange(20, len(quote) - 20))
                    if cut > 0:
                        b = a + cut
                        quote = body[a:b]
                qw = quote.split()
                statement = " ".join(qw[: max(3, len(qw) // 2)]).rstrip(".?!;")
                said_day = max(0, pub_day - rng.randrange(0, 10))
                claim_said[claim_id] = said_day
                said = (base + dt.timedelta(days=said_day)).isoformat() if rng.random() > 0.02 else None
                actor = rng.choices(actor_ids, cum_weights=actor_cum)[0] if rng.random() > 0.05 else None
                claim_rows.append(
                    (
                        claim_id,
                        sid,
                        actor,
                        statement,
                        quote,
                        a,
                        b,
                        said,
                        rng.randint(1, 6),
                        rng.choices(STATUSES, STATUS_WEIGHTS)[0],
                        "",
                        now,
                        now,
                        new_uuid(),
                    )
                )
                for tag in set(rng.choices(TAGS, cum_weights=tag_cum, k=rng.choice((0, 1, 1, 2, 3)))):
                    tag_rows.append((claim_id, tag))
        t1 = time.perf_counter()
        t_text += t1 - t0
        con.execute("BEGIN")
        con.executemany(
            "INSERT INTO sources(id,title,kind,outlet,authors,url,published,accessed,language,body,sha256,"
            "reliability,descriptor,notes,original_filename,created,updated,uuid) VALUES "
            "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            src_rows,
        )
        t2 = time.perf_counter()
        con.executemany(
            "INSERT INTO claims(id,source_id,actor_id,statement,quote,span_start,span_end,said,credibility,"
            "status,notes,created,updated,uuid) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            claim_rows,
        )
        con.executemany("INSERT INTO claim_tags(claim_id, tag) VALUES (?,?)", tag_rows)
        con.execute("COMMIT")
        t3 = time.perf_counter()
        n_tags += len(tag_rows)
        t_src += t2 - t1
        t_clm += t3 - t2
        if (batch_start // BATCH) % 5 == 0:
            done = batch_start + len(src_rows)
            el = time.perf_counter() - t_all
            print(f"  {done:>7} sources, {claim_id:>8} claims, {el:6.0f} s", flush=True)
    stats["text_generation_s"] = t_text
    stats["sources"] = (N_SOURCES, t_src)
    stats["claims+tags"] = (claim_id + n_tags, t_clm)
    stats["n_claims"] = claim_id
    stats["n_tags"] = n_tags

    # links ----------------------------------------------------------------------------------------------
    t0 = time.perf_counter()
    link_rows = []
    pairs = set()
    hot = [rng.randrange(1, claim_id + 1) for _ in range(2_000)]  # a few much-disputed claims
    kinds = ["denies", "corroborates", "qualifies"]
    while len(link_rows) < N_LINKS:
        to = rng.choice(hot) if rng.random() < 0.1 else rng.randrange(1, claim_id + 1)
        # the other claim: nearby in time (similar ids are similar sources), or anywhere
        frm = to + rng.randint(-3000, 3000) if rng.random() < 0.7 else rng.randrange(1, claim_id + 1)
        if frm < 1 or frm > claim_id or frm == to or (frm, to) in pairs:
            continue
        pairs.add((frm, to))
        kind = rng.choices(kinds, (45, 40, 15))[0]
        link_rows.append((len(link_rows) + 1, kind, frm, to, "", now, now, new_uuid()))
    con.execute("BEGIN")
    con.executemany(
        "INSERT INTO claim_links(id,kind,from_claim_id,to_claim_id,note,created,updated,uuid)"
        " VALUES (?,?,?,?,?,?,?,?)",
        link_rows,
    )
    con.execute("COMMIT")
    stats["links"] = (len(link_rows), time.perf_counter() - t0)

    t0 = time.perf_counter()
    # No ANALYZE: a library filled through the services is never analysed; it has the planner statistics
    # that migration 0003 seeds (app.storage.sqlite.PLANNER_STATS), and so does this one.
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    stats["analyze_checkpoint_s"] = time.perf_counter() - t0
    con.close()
    stats["total_s"] = time.perf_counter() - t_all
    stats["file_mb"] = path.stat().st_size / 1e6
    (path.with_suffix(".gen.json")).write_text(json.dumps(stats, indent=1))
    return stats


def print_generation(stats: dict) -> None:
    print("\n## Generation\n")
    print("| table | rows | seconds | rows/s |")
    print("|---|---:|---:|---:|")
    for key in ("actors", "sources", "claims+tags", "links"):
        n, s = stats[key]
        print(f"| {key} | {n:,} | {s:.1f} | {n / s:,.0f} |")
    print(
        f"\nText generation (Python, not SQL) {stats['text_generation_s']:.1f} s; WAL checkpoint "
        f"{stats['analyze_checkpoint_s']:.1f} s; total {stats['total_s']:.0f} s; file {stats['file_mb']:,.0f} MB."
    )


# --- measurement (through the real services) --------------------------------------------------------------


def pct(values: list[float], p: float) -> float:
    v = sorted(values)
    if not v:
        return float("nan")
    k = (len(v) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


def peak_rss_mb() -> float:
    """Peak resident set of this process (VmHWM). Not getrusage's ru_maxrss: Linux carries that over
    fork and exec, so a child of the generating process reported the generator's 469 MB."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child_open(db: Path) -> None:
    """Run in a fresh process: import time (app.library and the service modules it loads), then the first
    Library.open (schema check, probe, engine), a second open in the same process, and a first page."""
    t0 = time.perf_counter()
    import app.actors  # noqa: E401,F401
    from app.library import Library

    t1 = time.perf_counter()
    lib = Library.open(db)
    t2 = time.perf_counter()
    page = lib.claims.list(limit=100, with_total=False)
    t3 = time.perf_counter()
    lib.close()
    t4 = time.perf_counter()
    Library.open(db).close()
    t5 = time.perf_counter()
    print(
        json.dumps(
            {
                "import": t1 - t0,
                "open": t2 - t1,
                "first_page": t3 - t2,
                "n": len(page.items),
                "open_again": t5 - t4,
                "rss_mb": peak_rss_mb(),
            }
        )
    )


def search_queries(db: Path, rng: random.Random) -> list[tuple[str, str]]:
    """At least 50 varied queries: (category, query)."""
    tg = TextGen(random.Random(SEED))  # the same vocabulary as the generator
    v = tg.vocab
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    quotes = [
        r[0]
        for r in con.execute(
            "SELECT quote FROM claims WHERE id IN ("
            + ",".join(str(rng.randrange(1, 900_000)) for _ in range(40))
            + ")"
        )
    ]
    con.close()
    qs: list[tuple[str, str]] = []
    for w in [
        "the",
        "of",
        "said",
        "government",
        "attack",
        "minister",
        "forces",
        "report",
        "civilians",
        "ceasefire",
    ]:
        qs.append(("common word", w))
    for r in (300, 800, 2000, 5000, 9000):
        qs.append(("mid word", v[r]))
    for r in (20_000, 35_000, 50_000, 59_000, 59_500):
        qs.append(("rare word", v[r]))
    qs.append(("rare word", "zzqxnotaword"))
    for q in quotes[:8]:
        w = q.split()
        k = rng.randint(2, 4)
        i = rng.randrange(max(1, len(w) - k))
        qs.append(("phrase", '"' + " ".join(w[i : i + k]).strip(".?!;") + '"'))
    qs += [
        ("phrase", '"the government"'),
        ("phrase", '"according to the"'),
        ("phrase", '"ceasefire agreement"'),
    ]
    for w in ["gov*", "minis*", "att*", "ce*", v[3000][:4] + "*", v[40_000][:5] + "*"]:
        qs.append(("prefix", w))
    qs += [
        ("exclusion", "attack -drone"),
        ("exclusion", "government -the"),
        ("exclusion", "ceasefire -violated -troops"),
        ("exclusion", f"{v[2000]} -{v[1]}"),
        ("exclusion", "-the"),
    ]
    qs += [
        ("multi word", "minister denied attack"),
        ("multi word", "civilians killed shelling village"),
        ("multi word", f"{v[500]} {v[1500]}"),
        ("multi word", "the of and to a in"),
        ("OR", "drone OR missile"),
        ("OR", f"{v[25_000]} OR {v[26_000]}"),
    ]
    qs += [
        ("junk", '"unbalanced quote'),
        ("junk", "(parenthesis"),
        ("junk", "attack)"),
        ("junk", "AND OR NOT"),
        ("junk", "***"),
        ("junk", 'col:on "x'),
        ("junk", "NEAR(a b)"),
        ("junk", "- - -"),
        ("junk", "ünïcödé café"),
        ("junk", "a" * 300),
    ]
    return qs


def timed(fn, reps: int = 3) -> tuple[float, float, object]:
    """(first call, median of reps, result); stops repeating when a call takes over 2 s."""
    times = []
    result = None
    for _ in range(reps):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
        if times[-1] > 2.0:
            break
    return times[0], statistics.median(times), result


def child_measure(db: Path, quick: bool) -> None:
    from app.domain import ClaimFilter, SourceFilter
    from app.library import Library

    out: dict = {}
    rng = random.Random(7)
    lib = Library.open(db)
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    n_claims = con.execute("SELECT max(id) FROM claims").fetchone()[0]
    busy_source = con.execute(
        "SELECT source_id FROM claims GROUP BY source_id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    busy_actor = con.execute(
        "SELECT actor_id FROM claims WHERE actor_id IS NOT NULL GROUP BY actor_id "
        "ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    rare_actor = con.execute(
        "SELECT actor_id FROM claims WHERE actor_id IS NOT NULL GROUP BY actor_id ORDER BY count(*) LIMIT 1"
    ).fetchone()[0]
    busy_name = con.execute("SELECT name FROM actors WHERE id = ?", (busy_actor,)).fetchone()[0]
    hot = [
        r[0]
        for r in con.execute(
            "SELECT to_claim_id FROM claim_links GROUP BY to_claim_id ORDER BY count(*) DESC LIMIT 20"
        )
    ]
    con.close()

    # search ------------------------------------------------------------------------------------------
    queries = search_queries(db, rng)
    lib.search("warm up")
    rows = []
    for cat, q in queries:
        t0 = time.perf_counter()
        hits = lib.search(q)
        rows.append((cat, q, time.perf_counter() - t0, len(hits)))
    out["search"] = rows
    lat = [r[2] for r in rows]
    out["search_p50"], out["search_p95"], out["search_max"] = pct(lat, 50), pct(lat, 95), max(lat)
    out["search_n"] = len(rows)

    # claim lists ------------------------------------------------------------------------------------------
    filters = {
        "none": ClaimFilter(),
        "source (busiest)": ClaimFilter(source_id=busy_source),
        "actor (busiest)": ClaimFilter(actor_id=busy_actor),
        "actor (rarest)": ClaimFilter(actor_id=rare_actor),
        "actor name": ClaimFilter(actor_name=busy_name.split()[-1]),
        "tag (common)": ClaimFilter(tag="ceasefire"),
        "tag (rare)": ClaimFilter(tag="mercenaries"),
        "status disputed": ClaimFilter(status="disputed"),
        "status retracted": ClaimFilter(status="retracted"),
        "contested only": ClaimFilter(contested=True),
        "date range (1 month)": ClaimFilter(said_from=dt.date(2020, 3, 1), said_to=dt.date(2020, 3, 31)),
        "date range (5 years)": ClaimFilter(said_from=dt.date(2018, 1, 1), said_to=dt.date(2022, 12, 31)),
        "text (common word)": ClaimFilter(text="government"),
        "text (rare word)": ClaimFilter(text=TextGen(random.Random(SEED)).vocab[30_000]),
        "contested + tag + status": ClaimFilter(contested=True, tag="ceasefire", status="unverified"),
    }
    sorts = ["said", "id", "credibility", "actor", "source"]
    clist = []
    for fname, flt in filters.items():
        for sort in sorts:
            for desc in (True, False):
                for total in (False, True):
                    if quick and total and sort not in ("said",):
                        continue
                    first, med, page = timed(
                        lambda: lib.claims.list(flt, sort=sort, descending=desc, limit=100, with_total=total),
                        reps=1 if quick else 3,
                    )
                    clist.append((fname, sort, desc, total, first, med, len(page.items), page.total))
        print(f"  claims filter {fname} done; peak RSS {peak_rss_mb():.0f} MB", file=sys.stderr, flush=True)
    out["claims_list"] = clist

    # source lists -----------------------------------------------------------------------------------------
    sfilters = {
        "none": SourceFilter(),
        "kind": SourceFilter(kind="report"),
        "reliability": SourceFilter(reliability="A"),
        "outlet": None,
        "published range": SourceFilter(
            published_from=dt.date(2021, 1, 1), published_to=dt.date(2021, 6, 30)
        ),
        "text (common word)": SourceFilter(text="ceasefire"),
        "text (phrase)": SourceFilter(text='"the government"'),
    }
    outlet = lib.sources.list(limit=1, with_total=False).items[0].outlet
    sfilters["outlet"] = SourceFilter(outlet=outlet)
    slist = []
    for fname, flt in sfilters.items():
        for sort in ["published", "id", "title", "outlet", "kind", "reliability"]:
            for desc in (True, False):
                for total in (False, True):
                    if quick and total and sort != "published":
                        continue
                    first, med, page = timed(
                        lambda: lib.sources.list(
                            flt, sort=sort, descending=desc, limit=100, with_total=total
                        ),
                        reps=1 if quick else 3,
                    )
                    slist.append((fname, sort, desc, total, first, med, len(page.items), page.total))
    out["sources_list"] = slist

    # claim with links ---------------------------------------------------------------------------------------
    ids = [rng.randrange(1, n_claims + 1) for _ in range(200 if not quick else 50)] + hot
    wl = []
    nlinks = []
    for cid in ids:
        t0 = time.perf_counter()
        cw = lib.claims.with_links(cid)
        wl.append(time.perf_counter() - t0)
        nlinks.append(
            len(cw.denials)
            + len(cw.corroborations)
            + len(cw.qualifications)
            + len(cw.denies)
            + len(cw.corroborates)
            + len(cw.qualifies)
        )
    out["with_links_p50"], out["with_links_p95"], out["with_links_max"] = pct(wl, 50), pct(wl, 95), max(wl)
    out["with_links_n"] = len(wl)
    out["with_links_max_links"] = max(nlinks)

    # deep paging (the GUI scrolls) -------------------------------------------------------------------------
    deep = []
    for off in (1_000, 10_000, 100_000):
        first, med, page = timed(
            lambda: lib.claims.list(sort="said", offset=off, limit=100, with_total=False), 1
        )
        deep.append((off, first))
        first, med, ids_ = timed(lambda: lib.claims.ids(sort="said", offset=off, limit=1000), 1)
        deep.append((f"ids {off}", first))
    out["deep"] = deep
    lib.close()
    out["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(out))


def run_child(args: list[str]) -> str:
    res = subprocess.run(
        [sys.executable, __file__, *args], capture_output=False, stdout=subprocess.PIPE, text=True, check=True
    )
    return res.stdout.strip().splitlines()[-1]


def ms(x: float) -> str:
    return f"{x * 1000:.1f}"


def report(db: Path, opens: list[dict], m: dict) -> str:
    L: list[str] = []
    ok = lambda b: "pass" if b else "**FAIL**"  # noqa: E731
    open_med = statistics.median(o["open"] for o in opens)
    imp_med = statistics.median(o["import"] for o in opens)
    fp_med = statistics.median(o["first_page"] for o in opens)
    cl = m["claims_list"]
    sl = m["sources_list"]
    cl_worst_first = max(cl, key=lambda r: r[4])
    L.append("| measure | figure | target | result |")
    L.append("|---|---:|---:|---|")
    L.append(
        f"| open `Library.open` (median of {len(opens)} fresh processes) | {ms(open_med)} ms | <= 200 ms | {ok(open_med <= 0.2)} |"
    )
    L.append(
        f"| Python import of app.library and the services (median) | {ms(imp_med)} ms | (reported apart) | |"
    )
    L.append(
        f"| second `Library.open` in the same process (median) | "
        f"{ms(statistics.median(o['open_again'] for o in opens))} ms | | |"
    )
    L.append(
        f"| first claims page right after open (median) | {ms(fp_med)} ms | <= 50 ms | {ok(fp_med <= 0.05)} |"
    )
    L.append(f"| search p50 ({m['search_n']} queries) | {ms(m['search_p50'])} ms | | |")
    L.append(f"| search p95 | {ms(m['search_p95'])} ms | <= 50 ms | {ok(m['search_p95'] <= 0.05)} |")
    L.append(f"| search max | {ms(m['search_max'])} ms | | |")
    for total in (False, True):
        sub = [r for r in cl if r[3] == total]
        w = max(sub, key=lambda r: r[5])
        label = "first page + total count" if total else "first page (with_total=False)"
        L.append(
            f"| claims list {label}, worst of {len(sub)} filter/sort combinations (median of 3) | "
            f"{ms(w[5])} ms ({w[0]}, sort {w[1]}, {'desc' if w[2] else 'asc'}) | <= 50 ms | {ok(w[5] <= 0.05)} |"
        )
        L.append(
            f"| claims list {label}, combinations over 50 ms | {sum(1 for r in sub if r[5] > 0.05)} of "
            f"{len(sub)} | 0 | {ok(all(r[5] <= 0.05 for r in sub))} |"
        )
    L.append(
        f"| claims list, worst first (cold) call | {ms(cl_worst_first[4])} ms ({cl_worst_first[0]}, "
        f"sort {cl_worst_first[1]}, {'desc' if cl_worst_first[2] else 'asc'}, total={cl_worst_first[3]}) | | |"
    )
    for total in (False, True):
        sub = [r for r in sl if r[3] == total]
        w = max(sub, key=lambda r: r[5])
        label = "first page + total count" if total else "first page (with_total=False)"
        L.append(
            f"| sources list {label}, worst of {len(sub)} (median of 3) | {ms(w[5])} ms ({w[0]}, "
            f"sort {w[1]}, {'desc' if w[2] else 'asc'}) | <= 50 ms | {ok(w[5] <= 0.05)} |"
        )
    L.append(
        f"| claim with links p50 ({m['with_links_n']} claims, up to {m['with_links_max_links']} links) | "
        f"{ms(m['with_links_p50'])} ms | | |"
    )
    L.append(
        f"| claim with links p95 | {ms(m['with_links_p95'])} ms | <= 50 ms | {ok(m['with_links_p95'] <= 0.05)} |"
    )
    L.append(
        f"| peak RSS of the measuring process | {m['peak_rss_mb']:.0f} MB | <= 300 MB | {ok(m['peak_rss_mb'] <= 300)} |"
    )
    L.append(
        f"| peak RSS of an open + first page process (median) | "
        f"{statistics.median(o['rss_mb'] for o in opens):.0f} MB | <= 300 MB | |"
    )
    L.append("")
    L.append("Search latency by query (ms):\n")
    L.append("| kind | query | ms | hits |")
    L.append("|---|---|---:|---:|")
    for cat, q, t, n in m["search"]:
        qq = (q if len(q) < 40 else q[:37] + "...").replace("|", "\\|")
        L.append(f"| {cat} | `{qq}` | {ms(t)} | {n} |")
    L.append("")
    L.append(
        "Claims list first page (limit 100), median of 3 in ms, by filter and sort "
        "(desc/asc; `+t` = with the total count):\n"
    )
    sorts = ["said", "id", "credibility", "actor", "source"]
    L.append("| filter | " + " | ".join(sorts) + " | rows/total |")
    L.append("|---|" + "---:|" * len(sorts) + "---|")
    by = {}
    for f, s, d, t, _first, med, n, tot in cl:
        by.setdefault(f, {}).setdefault(s, {})[(d, t)] = med
        if t:
            by[f]["_tot"] = (n, tot)
    for f, d in by.items():
        cells = []
        for s in sorts:
            x = d.get(s, {})
            cells.append(
                " / ".join(ms(x[k]) for k in ((True, False), (False, False)) if k in x)
                + (
                    " (+t " + "/".join(ms(x[k]) for k in ((True, True), (False, True)) if k in x) + ")"
                    if (True, True) in x
                    else ""
                )
            )
        n, tot = d.get("_tot", ("", ""))
        L.append(f"| {f} | " + " | ".join(cells) + f" | {n}/{tot} |")
    L.append("")
    L.append("Sources list first page (limit 100), worst per filter, median of 3 in ms:\n")
    L.append("| filter | worst ms | sort | total? |")
    L.append("|---|---:|---|---|")
    sb = {}
    for r in sl:
        if r[0] not in sb or r[5] > sb[r[0]][5]:
            sb[r[0]] = r
    for f, r in sb.items():
        L.append(f"| {f} | {ms(r[5])} | {r[1]} {'desc' if r[2] else 'asc'} | {r[3]} |")
    L.append("")
    L.append("Deep paging (one call each, ms): " + ", ".join(f"offset {o}: {ms(t)}" for o, t in m["deep"]))
    return "\n".join(L)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", type=Path, default=DEFAULT_DB)
    ap.add_argument("--reuse", action="store_true", help="reuse the cached library if it exists")
    ap.add_argument("--generate-only", action="store_true")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--scale", type=float, default=1.0, help="fraction of the full size (smoke tests)")
    ap.add_argument("--opens", type=int, default=5)
    ap.add_argument(
        "--time-quick-check",
        action="store_true",
        help="also time PRAGMA quick_check on the file (what Library.open ran before 0003)",
    )
    ap.add_argument("--_child", choices=["open", "measure"], help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args._child == "open":
        return child_open(args.db)
    if args._child == "measure":
        return child_measure(args.db, args.quick)
    if not (args.reuse and args.db.exists()):
        print(f"generating {args.db} ...", flush=True)
        stats = generate(args.db, args.scale)
    else:
        gen = args.db.with_suffix(".gen.json")
        stats = json.loads(gen.read_text()) if gen.exists() else None
    if stats:
        print_generation(stats)
    if args.generate_only:
        return
    if args.time_quick_check:
        con = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
        t0 = time.perf_counter()
        res = con.execute("PRAGMA quick_check").fetchone()[0]
        print(f"\nPRAGMA quick_check on {args.db.name}: {res}, {time.perf_counter() - t0:.2f} s")
        con.close()
        return
    print(f"\nmeasuring {args.db} ({args.db.stat().st_size / 1e6:,.0f} MB) ...", file=sys.stderr, flush=True)
    opens = [json.loads(run_child(["--db", str(args.db), "--_child", "open"])) for _ in range(args.opens)]
    m = json.loads(
        run_child(["--db", str(args.db), "--_child", "measure"] + (["--quick"] if args.quick else []))
    )
    (OUT / "scale_results.json").write_text(json.dumps({"opens": opens, **m}, indent=1, default=str))
    import platform

    machine = (
        f"nproc {os.cpu_count()}, RAM {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}"
    )
    print(f"\n## Measurements\n\nMachine: {machine}\n")
    print(report(args.db, opens, m))


if __name__ == "__main__":
    main()
