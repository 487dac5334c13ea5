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

from cpu_reference import cpu_reference_ms

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
        from app.storage.common_words import bits_many  # as every write of the app computes them (0014)

        words = bits_many([(r[3], r[4]) for r in claim_rows])
        con.executemany(
            "INSERT INTO claims(id,source_id,actor_id,statement,quote,span_start,span_end,said,credibility,"
            "status,notes,created,updated,uuid,common_words) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(*r, w) for r, w in zip(claim_rows, words, strict=True)],
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
    page = lib.claims.list(limit=200, with_total=False)
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
        *v[:10],  # the commonest words of the generated vocabulary (Zipf head)
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


# --- first calls in fresh processes ---------------------------------------------------------------------
# Each call below is made as the app makes it (the GUI's page sizes, sorts and totals) in a process of its
# own: import, Library.open, then the call ("first": nothing cached in SQLite or SQLAlchemy) and the same
# call again ("repeat"). With --cold the library file is dropped from the OS page cache before each process,
# so the first call also reads the file from the disk.

CLAIM_PAGE = 60  # ui.paged_model.PagedTableModel.FIRST_PAGE: a new filter's or sort's first page
PICKER_LIMIT = 50  # ui.claim_picker_dialog: lib.claims.list(flt, limit=50)
SEARCH_LIMIT = 50  # ui.search_view.LIMIT
CLAIM_SORTS = ["said", "id", "credibility", "actor", "source"]
SOURCE_SORTS = ["published", "id", "title", "outlet", "kind", "reliability"]


def text_words() -> list[tuple[str, str]]:
    """(kind, text) for text filters: the commonest words of the generated vocabulary, mid and rare ones,
    phrases of common words, prefixes, several common words together, and a word in no row."""
    v = TextGen(random.Random(SEED)).vocab
    out = [("common word", w) for w in v[:10]]  # the of and to a in that is was he (Zipf head)
    out += [("common word", w) for w in ("said", "government")]
    out += [("mid word", v[r]) for r in (20, 45, 100, 200, 400)]
    out += [("rare word", v[r]) for r in (800, 2000, 5000, 20_000, 50_000)]
    out += [("rare word", "zzqxnotaword")]
    out += [("phrase", '"of the"'), ("phrase", '"the government"'), ("phrase", f'"{v[0]} {v[45]}"')]
    out += [("prefix", "th*"), ("prefix", "gov*"), ("prefix", v[100][:4] + "*")]
    out += [("several common words", "the of and to a in"), ("exclusion", "the -of")]
    return out


def call_specs(db: Path, quick: bool) -> list[dict]:
    """Every call measured, as {kind, label, op, args}."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    busy_source = con.execute(
        "SELECT source_id FROM claims GROUP BY source_id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    busy_actor, busy_name = con.execute(
        "SELECT a.id, a.name FROM actors a JOIN (SELECT actor_id, count(*) n FROM claims WHERE actor_id IS NOT "
        "NULL GROUP BY actor_id ORDER BY n DESC LIMIT 1) b ON b.actor_id = a.id"
    ).fetchone()
    outlet = con.execute("SELECT outlet FROM sources WHERE id = 1").fetchone()[0]
    con.close()
    words = text_words()
    if quick:
        words = [w for i, w in enumerate(words) if i % 3 == 0]
    specs: list[dict] = []

    def add(kind: str, label: str, op: str, **args) -> None:
        specs.append({"kind": kind, "label": label, "op": op, "args": args})

    for kind, w in words:  # the Claims list's text filter, default sort (said, newest first)
        add(f"claims page, text: {kind}", w, "claims_page", flt={"text": w}, sort="said", desc=True)
    for w in ("the", "in", "which", TextGen(random.Random(SEED)).vocab[2000]):
        for sort in CLAIM_SORTS:
            for desc in (True, False):
                if (sort, desc) != ("said", True) and not (quick and sort != "id"):
                    add(
                        "claims page, text + other sorts",
                        f"{w} / {sort} {'desc' if desc else 'asc'}",
                        "claims_page",
                        flt={"text": w},
                        sort=sort,
                        desc=desc,
                    )
    others = {
        "none": {},
        "source (busiest)": {"source_id": busy_source},
        "actor (busiest)": {"actor_id": busy_actor},
        "actor name": {"actor_name": busy_name.split()[-1]},
        "tag (common)": {"tag": "ceasefire"},
        "tag (rare)": {"tag": "mercenaries"},
        "status retracted": {"status": "retracted"},
        "contested": {"contested": True},
        "date range (1 month)": {"said_from": "2020-03-01", "said_to": "2020-03-31"},
        "date range (5 years)": {"said_from": "2018-01-01", "said_to": "2022-12-31"},
        "contested + tag + status": {"contested": True, "tag": "ceasefire", "status": "unverified"},
        "text the + status retracted": {"text": "the", "status": "retracted"},
        "text the + tag (rare)": {"text": "the", "tag": "mercenaries"},
        "text which + actor (busiest)": {"text": "which", "actor_id": busy_actor},
    }
    for label, flt in others.items():
        for sort in ("said", "credibility") if not quick else ("said",):
            add(
                "claims page, other filters",
                f"{label} / {sort}",
                "claims_page",
                flt=flt,
                sort=sort,
                desc=True,
            )
    for kind, w in words:  # the Ctrl+K claim picker: its list and its total
        add(f"picker: {kind}", w, "picker", text=w)
    for _kind, w in words[::2]:  # the Claims view's count label (background worker)
        add("claims count (background)", w, "claims_count", flt={"text": w})
    for label in ("contested + tag + status", "tag (common)", "none"):
        add("claims count (background)", label, "claims_count", flt=others[label])
    for kind, w in words:  # the Sources list's text filter, default sort (published, newest first)
        add(f"sources page, text: {kind}", w, "sources_page", flt={"text": w}, sort="published", desc=True)
    for w in ("the", "which"):
        for sort in SOURCE_SORTS:
            for desc in (True, False):
                if (sort, desc) != ("published", True) and not quick:
                    add(
                        "sources page, text + other sorts",
                        f"{w} / {sort} {'desc' if desc else 'asc'}",
                        "sources_page",
                        flt={"text": w},
                        sort=sort,
                        desc=desc,
                    )
    sothers = {
        "none": {},
        "kind": {"kind": "report"},
        "reliability": {"reliability": "A"},
        "outlet": {"outlet": outlet},
        "published range": {"published_from": "2021-01-01", "published_to": "2021-06-30"},
    }
    for label, flt in sothers.items():
        add("sources page, other filters", label, "sources_page", flt=flt, sort="published", desc=True)
    for cat, q in search_queries(db, random.Random(7)):
        add(f"search: {cat}", q, "search", query=q)
    for cid in (1, 123_457, 500_001, 999_999) if not quick else (1,):
        add("claim with links", f"c{cid}", "with_links", claim_id=cid)
    return specs


def _claim_filter(d: dict):
    from app.domain_lists import ClaimFilter

    d = dict(d)
    for k in ("said_from", "said_to"):
        if k in d:
            d[k] = dt.date.fromisoformat(d[k])
    return ClaimFilter(**d)


def _source_filter(d: dict):
    from app.domain_lists import SourceFilter

    d = dict(d)
    for k in ("published_from", "published_to"):
        if k in d:
            d[k] = dt.date.fromisoformat(d[k])
    return SourceFilter(**d)


def picker_call(lib, text: str):
    """What the Ctrl+K picker runs on its read worker (ui/claim_picker_dialog.py): 50 claims and their total,
    estimated above a threshold (marked so). Before the estimate existed, "estimate" was a true value: the
    same call then counted exactly, which is what the picker did."""
    from app.domain_lists import ClaimFilter

    page = lib.claims.list(ClaimFilter(text=text or None), limit=PICKER_LIMIT, with_total="estimate")
    return len(page.items), page.total, bool(getattr(page, "estimated", False))


def run_call(lib, spec: dict):
    """One call as the app makes it; returns (rows, total or None, total is an estimate)."""
    op, a = spec["op"], spec["args"]
    if op == "claims_page":
        page = lib.claims.list(
            _claim_filter(a["flt"]),
            sort=a["sort"],
            descending=a["desc"],
            offset=0,
            limit=CLAIM_PAGE,
            with_total=False,
        )
        return len(page.items), None, False
    if op == "claims_count":
        return 0, lib.claims.count(_claim_filter(a["flt"])), False
    if op == "picker":
        return picker_call(lib, a["text"])
    if op == "sources_page":
        page = lib.sources.list(
            _source_filter(a["flt"]),
            sort=a["sort"],
            descending=a["desc"],
            offset=0,
            limit=CLAIM_PAGE,
            with_total=False,
        )
        return len(page.items), None, False
    if op == "search":
        return len(lib.search(a["query"], limit=SEARCH_LIMIT)), None, False
    if op == "with_links":
        cw = lib.claims.with_links(a["claim_id"])
        return 1 + len(cw.denials) + len(cw.corroborations) + len(cw.qualifications), None, False
    raise ValueError(op)


WARM_UP = {  # what the app has done before the user's query: its first list shown, or an empty search
    "claims_page": {"op": "claims_page", "args": {"flt": {}, "sort": "said", "desc": True}},
    "claims_count": {"op": "claims_page", "args": {"flt": {}, "sort": "said", "desc": True}},
    "picker": {"op": "claims_page", "args": {"flt": {}, "sort": "said", "desc": True}},
    "sources_page": {"op": "sources_page", "args": {"flt": {}, "sort": "published", "desc": True}},
    "search": {"op": "search", "args": {"query": "zzqxnotaword"}},
    "with_links": {"op": "with_links", "args": {"claim_id": 2}},
}


def child_calls(db: Path, specs: list[dict]) -> None:
    """In a fresh process: for each spec, a fresh Library; the app's own first call of that kind (its first
    list shown, timed as "warm-up": module loading and the first statements), then the measured query's
    first call and a repeat."""
    t0 = time.perf_counter()
    from app.library import Library

    imported = time.perf_counter() - t0
    out = []
    for spec in specs:
        t0 = time.perf_counter()
        lib = Library.open(db, create=False)
        opened = time.perf_counter() - t0
        t0 = time.perf_counter()
        run_call(lib, WARM_UP[spec["op"]])
        warm_up = time.perf_counter() - t0
        t0 = time.perf_counter()
        rows, total, est = run_call(lib, spec)
        first = time.perf_counter() - t0
        t0 = time.perf_counter()
        run_call(lib, spec)
        repeat = time.perf_counter() - t0
        lib.close()
        out.append(
            {
                **spec,
                "first": first,
                "repeat": repeat,
                "open": opened,
                "warm_up": warm_up,
                "rows": rows,
                "total": total,
                "estimated": est,
            }
        )
    print(json.dumps({"import": imported, "calls": out, "rss_mb": peak_rss_mb()}))


def drop_os_cache(db: Path) -> bool:
    """Drop the library file's own pages from the OS page cache (posix_fadvise DONTNEED, no privileges needed).
    Only this file: the call reads nothing else from the disk but Python's own modules, and the machine is
    shared, so emptying the whole cache (/proc/sys/vm/drop_caches) would slow every other process's reads and
    skew any benchmark running beside this one."""
    try:
        for path in (db, db.with_name(db.name + "-wal")):
            if path.exists():
                fd = os.open(path, os.O_RDONLY)
                try:
                    os.fsync(fd)  # DONTNEED leaves dirty pages in the cache
                    os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
                finally:
                    os.close(fd)
        return True
    except (OSError, AttributeError):  # no posix_fadvise (not Linux)
        return False


def run_child(args: list[str], stdin: str | None = None) -> str:
    res = subprocess.run(
        [sys.executable, __file__, *args], input=stdin, stdout=subprocess.PIPE, text=True, check=True
    )
    return res.stdout.strip().splitlines()[-1]


def measure_calls(db: Path, specs: list[dict], *, cold: bool = False) -> list[dict]:
    results = []
    for n, spec in enumerate(specs):
        if cold and not drop_os_cache(db):
            raise SystemExit("--cold: cannot drop the library from the OS page cache on this system")
        got = json.loads(run_child(["--db", str(db), "--_child", "calls"], json.dumps([spec])))
        results += got["calls"]
        if n % 20 == 19:
            print(f"  {n + 1} of {len(specs)} calls measured", file=sys.stderr, flush=True)
    return results


def machine_note() -> str:
    load = os.getloadavg()
    return (
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; CPU reference sum(range(3e6)) "
        f"{cpu_reference_ms():.0f} ms"
    )


def ms(x: float) -> str:
    return f"{x * 1000:.1f}"


def summarise(results: list[dict]) -> list[str]:
    """p50/p95/max of first calls and of repeats, per kind of call (a kind's name before any ':')."""
    L = [
        "| kind of call | calls | first p50 | first p95 | first max (which) | repeat p50 | repeat max |",
        "|---|---:|---:|---:|---|---:|---:|",
    ]
    kinds: dict[str, list[dict]] = {}
    for r in results:
        kinds.setdefault(r["kind"], []).append(r)
    for kind, rs in kinds.items():
        f = [r["first"] for r in rs]
        p = [r["repeat"] for r in rs]
        worst = max(rs, key=lambda r: r["first"])
        label = worst["label"] if len(worst["label"]) < 40 else worst["label"][:37] + "..."
        L.append(
            f"| {kind} | {len(rs)} | {ms(pct(f, 50))} | {ms(pct(f, 95))} | {ms(max(f))} (`{label}`) | "
            f"{ms(pct(p, 50))} | {ms(max(p))} |"
        )
    return L


def details(results: list[dict]) -> list[str]:
    L = ["| kind | call | first ms | repeat ms | rows | total |", "|---|---|---:|---:|---:|---:|"]
    for r in results:
        label = r["label"] if len(r["label"]) < 40 else r["label"][:37] + "..."
        total = "" if r["total"] is None else (f"~{r['total']:,}" if r["estimated"] else f"{r['total']:,}")
        L.append(
            f"| {r['kind']} | `{label.replace('|', '/')}` | {ms(r['first'])} | {ms(r['repeat'])} | {r['rows']} | {total} |"
        )
    return L


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", type=Path, default=DEFAULT_DB)
    ap.add_argument("--reuse", action="store_true", help="reuse the cached library if it exists")
    ap.add_argument("--generate-only", action="store_true")
    ap.add_argument("--quick", action="store_true", help="a third of the words, fewer sorts")
    ap.add_argument("--scale", type=float, default=1.0, help="fraction of the full size (smoke tests)")
    ap.add_argument("--opens", type=int, default=5)
    ap.add_argument("--only", help="measure only the kinds of call whose name contains this text")
    ap.add_argument(
        "--cold",
        type=int,
        default=0,
        metavar="N",
        help="also measure N calls (spread over the kinds) with the library file dropped from the OS page cache before each",
    )
    ap.add_argument("--out", type=Path, default=OUT / "scale_results.json")
    ap.add_argument("--_child", choices=["open", "calls"], help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args._child == "open":
        return child_open(args.db)
    if args._child == "calls":
        return child_calls(args.db, json.loads(sys.stdin.read()))
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
    import platform

    print(f"\nmeasuring {args.db} ({args.db.stat().st_size / 1e6:,.0f} MB) ...", file=sys.stderr, flush=True)
    before = machine_note()
    opens = [json.loads(run_child(["--db", str(args.db), "--_child", "open"])) for _ in range(args.opens)]
    specs = call_specs(args.db, args.quick)
    if args.only:
        specs = [s for s in specs if args.only in s["kind"]]
    results = measure_calls(args.db, specs)
    cold = []
    if args.cold:
        picks = specs[:: max(1, len(specs) // args.cold)][: args.cold]
        cold = measure_calls(args.db, picks, cold=True)
    after = machine_note()
    args.out.write_text(json.dumps({"opens": opens, "calls": results, "cold": cold}, indent=1, default=str))
    machine = (
        f"nproc {os.cpu_count()}, RAM {os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 2**30:.0f} GiB, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}"
    )
    print(f"\n## Measurements\n\nMachine: {machine}\nBefore: {before}\nAfter: {after}\n")
    med = lambda key: statistics.median(o[key] for o in opens)  # noqa: E731
    print(
        f"Fresh processes ({len(opens)}): import {ms(med('import'))} ms, Library.open {ms(med('open'))} ms, "
        f"first claims page {ms(med('first_page'))} ms, peak RSS {med('rss_mb'):.0f} MB (medians)\n"
    )
    wu = [r["warm_up"] for r in results]
    print(
        "First calls, each in a fresh process (warm OS cache) after the app's own first list or search "
        f"(that warm-up: median {ms(statistics.median(wu))} ms, max {ms(max(wu))} ms), and the same call "
        "repeated (ms):\n"
    )
    print("\n".join(summarise(results)))
    if cold:
        print("\nWith the library file dropped from the OS page cache before each process (ms):\n")
        print("\n".join(summarise(cold)))
    print("\nEvery call:\n")
    print("\n".join(details(results)))


if __name__ == "__main__":
    main()
