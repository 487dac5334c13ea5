"""Contradiction in meaning, without a negating word: do cues from WordNet (an antonym across two statements about
the same thing), a different figure or day for the same measured thing, or "only" / "never" / "no longer" pick
the claim a plain statement answers and decide that it is a denial? Measured leaving one set out; nothing here is
in the extractor, the rules' proposals are scored as they are.

    .venv/bin/python bench/bench_contradiction.py bench/corpus bench/heldout ... bench/heldout14 [--cache F] [--list N]

Pairs are denial_samefact's: (a statement, an earlier proposal of another side, or one up to three later: a lede).
Each statement's words are read without its and the other's speaker names and without the verbs of saying and
denying; each word is reduced to its WordNet lemmas (bench/wordnet_antonyms.py). The cues on a pair (s, c):

- ``ant:LEVEL``: a lemma of s and a lemma of c are antonyms at that level (direct, synset, similar, derived), the
  first not among c's lemmas and the second not among s's, and both statements negate or neither does (a
  negated antonym agrees: "not closed" / "open");
- ``figure``: a number in s and another in c before the same word ("12 deaths" / "3 deaths"), or s gives a
  number where c gives another with at least two shared words;
- ``day``: s and c name different days of the week, months or years with a shared content word;
- ``only``: s says "only", "never", "no longer", "none", "all", "every" ... about what c says (an absolute).

A plain statement (kind "claim" for the rules) is made a denial of the candidate a cue set fires on (the one
sharing the rarest words, then the nearest) when they share at least ``k`` content words and lie at most ``d``
proposals apart. The cue set, ``k`` and ``d`` are chosen on all sets but one, as the choice adding the most right
links there while the added links' precision there is >= 0.8 (and at least four right); the left-out set is then
scored with it. Matching and scoring are bench_extract's (``optional_links`` count neither way).
"""

from __future__ import annotations

import argparse
import itertools
import math
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from denial_samefact import SAYING, count_links, label, links, load, prob  # noqa: E402
from wordnet_antonyms import LEVELS, WORDNET, antonym_pairs, base_forms, lemma_index, read_wordnet  # noqa: E402

from app.extract.clauses import negates  # noqa: E402
from app.extract.lexicon import STOPWORDS  # noqa: E402

TOKEN = re.compile(r"[A-Za-z][A-Za-z']+|\d[\d,.]*\d|\d")
NUMBER = re.compile(r"^\d[\d,.]*$")
WORD_NUMBERS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8",
    "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "twenty": "20", "hundred": "100", "dozen": "12",
}  # fmt: skip
DAYS = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|"
    r"August|September|October|November|December|(?:19|20)\d\d)\b"
)
ABSOLUTE = re.compile(
    r"\b(?:only|never|no longer|none|nothing but|all|every|entirely|solely|at no time|whole|sole)\b", re.I
)
SKIP = set(SAYING) | {
    "said",
    "says",
    "say",
    "told",
    "added",
    "according",
    "statement",
    "spokesman",
    "spokeswoman",
}
CUES = ("ant:direct", "ant:synset", "ant:similar", "ant:derived", "figure", "day", "only")
FLOOR = 0.8


class Lexicon:
    def __init__(self) -> None:
        db = read_wordnet()
        self.pairs = {lv: antonym_pairs(lv, db) for lv in LEVELS}
        self.partner: dict[str, dict[str, set[str]]] = {}
        for lv, ps in self.pairs.items():
            d: dict[str, set[str]] = defaultdict(set)
            for a, b in ps:
                d[a].add(b)
                d[b].add(a)
            self.partner[lv] = d
        self.lemmas, self.exceptions = lemma_index()
        self._cache: dict[str, frozenset[str]] = {}

    def lemmas_of(self, word: str) -> frozenset[str]:
        if word not in self._cache:
            self._cache[word] = frozenset(base_forms(word, self.lemmas, self.exceptions) | {word})
        return self._cache[word]


def tokens(p) -> list[str]:
    names = {w.lower() for w in TOKEN.findall(" ".join((p.actor, p.role, p.affiliation)))}
    out = []
    for w in TOKEN.findall(p.quote):
        lw = w.lower().replace("\u2019", "'")
        if lw in names or lw in SKIP:
            continue
        out.append(WORD_NUMBERS.get(lw, lw))
    return out


def prepare(arts: list[dict], lex: Lexicon) -> None:
    for a in arts:
        a["toks"] = [tokens(p) for p in a["props"]]
        a["lem"] = []
        for toks in a["toks"]:
            lem: dict[str, str] = {}
            for t in toks:
                if NUMBER.match(t) or t in STOPWORDS:
                    continue
                for x in lex.lemmas_of(t):
                    lem.setdefault(x, t)
            a["lem"].append(lem)
        a["neg"] = [negates(p.quote) for p in a["props"]]


def antonym_hits(a: dict, i: int, j: int, lex: Lexicon, level: str) -> list[tuple[str, str]]:
    ls, lc = a["lem"][i], a["lem"][j]
    if a["neg"][i] != a["neg"][j]:
        return []
    hits = []
    partner = lex.partner[level]
    for x in ls:
        if x in lc:
            continue
        for y in partner.get(x, ()):
            if y in lc and y not in ls:
                hits.append((x, y))
    return hits


def figures(toks: list[str]) -> dict[str, set[str]]:
    """Number -> the words right after it (what it counts), e.g. {"12": {"deaths"}}."""
    out: dict[str, set[str]] = defaultdict(set)
    for k, t in enumerate(toks):
        if NUMBER.match(t):
            for u in toks[k + 1 : k + 3]:
                if not NUMBER.match(u) and u not in STOPWORDS:
                    out[u].add(t)
                    break
    return out


def cue_set(a: dict, i: int, j: int, shared: int, lex: Lexicon) -> dict[str, str]:
    """The cues that fire on the pair, each with what fired (for listing)."""
    out: dict[str, str] = {}
    for lv in LEVELS:
        hits = antonym_hits(a, i, j, lex, lv)
        if hits:
            out[f"ant:{lv}"] = ",".join(f"{x}/{y}" for x, y in hits[:3])
    fs, fc = figures(a["toks"][i]), figures(a["toks"][j])
    unit = [u for u in fs.keys() & fc.keys() if fs[u] and fc[u] and not fs[u] & fc[u]]
    ns = {t for t in a["toks"][i] if NUMBER.match(t)}
    nc = {t for t in a["toks"][j] if NUMBER.match(t)}
    if unit or (ns and nc and not ns & nc and shared >= 2):
        out["figure"] = ",".join(unit) or f"{sorted(ns)}/{sorted(nc)}"
    ds, dc = set(DAYS.findall(a["props"][i].quote)), set(DAYS.findall(a["props"][j].quote))
    if ds and dc and not ds & dc and shared >= 1:
        out["day"] = f"{sorted(ds)}/{sorted(dc)}"
    m = ABSOLUTE.search(a["props"][i].quote)
    if m and shared >= 1:
        out["only"] = m.group(0).lower()
    return out


def shared_of(a: dict, i: int, j: int) -> set[str]:
    return a["words"][i] & a["words"][j]


# what else must hold of the candidate (denial_samefact's features of the pair): nothing; it is the nearest earlier
# statement of another side; it names the statement's side (the accused answers); it is an accusation; it is the
# candidate sharing the rarest words
CONDITIONS = {"-": None, "nearest other": 18, "accused": 10, "accusation": 24, "best overlap": 19}


def build(arts: list[dict], lex: Lexicon) -> None:
    """Per statement with candidates: [(j, shared, rare overlap, cues)]."""
    for a in arts:
        a["cand"] = {}
        for i, pairs in a["pairs"].items():
            rows = []
            for j, x in pairs:
                sh = shared_of(a, i, j)
                rare = sum(1.0 / a["df"][w] for w in sh)
                conds = {c for c, k in CONDITIONS.items() if k is None or x[k] > 0.5}
                rows.append((j, len(sh), rare, cue_set(a, i, j, len(sh), lex), conds))
            a["cand"][i] = rows
        m, props = a["match"], a["props"]
        a["base"] = {(m.get(props[i].key), m.get(props[j].key)) for i, j in links(a, None, "", 0)}


def added(a: dict, cues: tuple[str, ...], k: int, d: int, cond: str = "-") -> set[tuple[int, int]]:
    out = set()
    for i, rows in a["cand"].items():
        if a["props"][i].kind == "denial":
            continue
        fire = [
            r
            for r in rows
            if r[1] >= k and 0 < i - r[0] <= d and cond in r[4] and any(c in r[3] for c in cues)
        ]  # an earlier claim only: a later one is the answer to s far more often than s a lede answering it
        if fire:
            best = max(fire, key=lambda r: (r[2], -abs(r[0] - i)))
            out.add((i, best[0]))
    return out


def outcome(arts: list[dict], cues, k, d, cond="-") -> tuple[int, int]:
    """Right and proposed links added to the rules' (optional links neither way; links the rules have already
    are not counted again)."""
    right = proposed = 0
    for a in arts:
        m, props, base = a["match"], a["props"], a["base"]
        for i, j in added(a, cues, k, d, cond):
            pair = (m.get(props[i].key), m.get(props[j].key))
            if pair in a["optional"] or pair in base:
                continue
            proposed += 1
            right += int(pair[0] is not None and pair[1] in a["gold"].get(pair[0], ()))
    return right, proposed


SINGLE = [(c,) for c in CUES]
COMBOS = SINGLE + list(itertools.combinations(CUES, 2))
KS = (1, 2, 3, 4)
DS = (1, 3, 10, 30)


def choose(train: list[dict]) -> tuple[tuple[str, ...], int, int, str] | None:
    best: tuple[int, tuple[str, ...], int, int, str] | None = None
    for cues in COMBOS:
        for k in KS:
            for d in DS:
                for cond in CONDITIONS:
                    r, p = outcome(train, cues, k, d, cond)
                    if r >= 4 and r / p >= FLOOR and (best is None or r > best[0]):
                        best = (r, cues, k, d, cond)
    return best[1:] if best else None


def pair_level(arts: list[dict], cues: tuple[str, ...], k: int) -> tuple[int, int, int]:
    """Over every (plain statement, candidate) pair: right, fired, annotated links."""
    right = fired = gold = 0
    for a in arts:
        for i, rows in a["cand"].items():
            if a["props"][i].kind == "denial":
                continue
            for j, sh, _rare, cs, _c in rows:
                y = label(a, i, j)
                if y is None or j > i:
                    continue
                gold += y
                if sh >= k and any(c in cs for c in cues):
                    fired += 1
                    right += y
    return right, fired, gold


def rules_pair_level(arts: list[dict]) -> tuple[int, int, int]:
    """The extractor's own links over the same pairs (plain statements are never links for it: so over all)."""
    right = fired = gold = 0
    for a in arts:
        rl = links(a, None, "", 0)
        for i, rows in a["cand"].items():
            for j, *_rest in rows:
                y = label(a, i, j)
                if y is None:
                    continue
                gold += y
                if (i, j) in rl:
                    fired += 1
                    right += y
    return right, fired, gold


# 5. a weighted combination: denial_samefact's 27 features of the pair, with or without these cues, in a logistic
# regression fitted on the other sets' (plain statement, earlier candidate) pairs; each statement's best-scoring
# candidate is linked when p >= t, t chosen on the other sets (added precision >= 0.8 there, at least 4 right)
CUE_FEATURES = (*CUES, "ant:direct, k>=2", "figure, k>=2", "only, k>=2")


def cue_vector(row) -> list[float]:
    _j, sh, _rare, cs, _c = row
    return [float(c in cs) for c in CUES] + [
        float(c in cs and sh >= 2) for c in ("ant:direct", "figure", "only")
    ]


def model_rows(arts: list[dict], with_cues: bool) -> dict[int, list]:
    """Per article (by id): per plain statement, [(j, features, label)] over its earlier candidates."""
    out = {}
    for a in arts:
        per = {}
        for i, pairs in a["pairs"].items():
            if a["props"][i].kind == "denial":
                continue
            rows = {r[0]: r for r in a["cand"][i]}
            items = []
            for j, x in pairs:
                if j < i:
                    items.append((j, x + (cue_vector(rows[j]) if with_cues else []), label(a, i, j)))
            if items:
                per[i] = items
        out[id(a)] = per
    return out


def fit_lr(rows: list[tuple[list[float], int]], l2: float = 0.01, iterations: int = 100) -> list[float]:
    """Class-balanced logistic regression by full-batch gradient descent, bias last."""
    n = len(rows[0][0])
    w = [0.0] * (n + 1)
    pos = sum(y for _x, y in rows) or 1
    weight1 = (len(rows) - pos) / pos
    total = len(rows) - pos + pos * weight1
    for _ in range(iterations):
        grad = [0.0] * (n + 1)
        for x, y in rows:
            z = w[n] + sum(wi * xi for wi, xi in zip(w, x, strict=False))
            g = (1 / (1 + math.exp(-max(-30.0, min(30.0, z)))) - y) * (weight1 if y else 1.0)
            for k, xk in enumerate(x):
                if xk:
                    grad[k] += g * xk
            grad[n] += g
        for k in range(n):
            w[k] -= 2.0 * (grad[k] / total + l2 * w[k])
        w[n] -= 2.0 * grad[n] / total
    return w


def model_adds(arts: list[dict], mr: dict[int, list], w: list[float]) -> list[tuple[float, int]]:
    """Per plain statement, its best candidate's probability and whether linking it is right (1), wrong (0);
    optional links and links the rules have already are left out."""
    out = []
    for a in arts:
        m, props = a["match"], a["props"]
        for i, items in mr[id(a)].items():
            q, j, _x, y = max((prob(w, x), j, x, y) for j, x, y in items)
            pair = (m.get(props[i].key), m.get(props[j].key))
            if y is None or pair in a["base"]:
                continue
            out.append((q, y))
    return out


def run_model(arts: list[dict], names: list[str], with_cues: bool) -> None:
    mr = model_rows(arts, with_cues)
    ts = (0.5, 0.7, 0.8, 0.9, 0.95, 0.97, 0.99, 0.995)
    curve = {t: [0, 0] for t in ts}
    tot_r = tot_p = 0
    cells = []
    for n in names:
        train = [a for a in arts if a["set"] != n]
        test = [a for a in arts if a["set"] == n]
        rows = [(x, y) for a in train for items in mr[id(a)].values() for _j, x, y in items if y is not None]
        w = fit_lr(rows)
        tr = model_adds(train, mr, w)
        ok = []
        for t in ts:
            r = sum(y for q, y in tr if q >= t)
            p = sum(1 for q, _y in tr if q >= t)
            if r >= 4 and r / p >= FLOOR:
                ok.append((r, t))
        te = model_adds(test, mr, w)
        for t in ts:
            curve[t][0] += sum(y for q, y in te if q >= t)
            curve[t][1] += sum(1 for q, _y in te if q >= t)
        if not ok:
            cells.append(f"{n}: none")
            continue
        t = max(ok)[1]
        r = sum(y for q, y in te if q >= t)
        p = sum(1 for q, _y in te if q >= t)
        tot_r, tot_p = tot_r + r, tot_p + p
        cells.append(f"{n}: t {t:g} {r}/{p}")
    what = "27 same-fact features + the cues" if with_cues else "27 same-fact features alone"
    print(f"\n{what}, left out in turn: " + "; ".join(cells))
    print(f"  pooled added links: {tot_r}/{tot_p} ({tot_r / tot_p if tot_p else 0:.2f})")
    print(
        "  each t forced on every left-out set, added right/proposed: "
        + ", ".join(f"{t:g}: {r}/{p}" for t, (r, p) in curve.items())
    )
    w = fit_lr([(x, y) for a in arts for items in mr[id(a)].values() for _j, x, y in items if y is not None])
    if with_cues:
        print(
            "  the cues' weights fitted on all sets: "
            + ", ".join(f"{c} {x:+.2f}" for c, x in zip(CUE_FEATURES, w[27:-1], strict=True))
        )


def denial_targets(arts: list[dict], cues: tuple[str, ...], k: int, d: int) -> tuple[int, int, int, int, int]:
    """On the rules' own denials (nothing fitted): with no target, the cue's candidate right / given; with a
    target, where the cue picks another candidate: the cue right and the rules wrong / the other way / both wrong."""
    fill_r = fill_p = cue_better = rules_better = neither = 0
    for a in arts:
        index = {p.key: n for n, p in enumerate(a["props"])}
        for i, rows in a["cand"].items():
            p = a["props"][i]
            if p.kind != "denial":
                continue
            fire = [r for r in rows if r[1] >= k and 0 < i - r[0] <= d and any(c in r[3] for c in cues)]
            if not fire:
                continue
            j = max(fire, key=lambda r: (r[2], -abs(r[0] - i)))[0]
            y = label(a, i, j)
            rules = index.get(p.denies) if p.denies else None
            if y is None:
                continue
            if rules is None:
                fill_r, fill_p = fill_r + y, fill_p + 1
            elif rules != j:
                yr = label(a, i, rules)
                cue_better += int(y == 1 and yr == 0)
                rules_better += int(y == 0 and yr == 1)
                neither += int(y == 0 and yr == 0)
    return fill_r, fill_p, cue_better, rules_better, neither


def f2(r: int, p: int) -> str:
    return f"{r / p if p else 0:.2f} ({r}/{p})"


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("sets", nargs="+", type=Path)
    ap.add_argument(
        "--cache", type=Path, help="a pickle of the drafted sets (delete it when a label changes)"
    )
    ap.add_argument("--model", action="store_true", help="also fit the weighted combination (minutes)")
    ap.add_argument("--list", type=int, default=0, help="print N fired pairs per cue (plain statements)")
    args = ap.parse_args(argv)
    if any(s.name == "heldout15" for s in args.sets):
        raise SystemExit("heldout15 is the blind set: not here")
    if not (WORDNET / "data.adj").exists():
        raise SystemExit(f"WordNet's database is not in {WORDNET}: apt-get install wordnet-base")
    arts = load(args.sets, args.cache)
    lex = Lexicon()
    prepare(arts, lex)
    build(arts, lex)
    names = [s.name for s in args.sets]
    by_set = {n: [a for a in arts if a["set"] == n] for n in names}

    # 1. each cue alone over every plain statement's pairs (nothing fitted), and today's extractor on all pairs
    print(
        "Pair level, plain statements' pairs (P = right/fired, R = right/annotated links among those pairs):"
    )
    print("| cue | k>=1: P | R | k>=2: P | R |\n|---|---:|---:|---:|---:|")
    for cues in [*SINGLE, tuple(c for c in CUES if c.startswith("ant:"))]:
        r1, f1, g = pair_level(arts, cues, 1)
        r2, fb, _g = pair_level(arts, cues, 2)
        print(f"| {'+'.join(cues)} | {f2(r1, f1)} | {r1 / g:.3f} | {f2(r2, fb)} | {r2 / g:.3f} |")
    n_pairs = sum(
        1
        for a in arts
        for i, rows in a["cand"].items()
        if a["props"][i].kind != "denial"
        for r in rows
        if r[0] < i and label(a, i, r[0]) is not None
    )
    print(f"\n(base rate: {pair_level(arts, ('*',), 99)[2]} annotated links among {n_pairs} such pairs)")
    rr, rf, rg = rules_pair_level(arts)
    print(f"\nToday's extractor over all statements' pairs: P {f2(rr, rf)}, R {rr / rg:.3f} ({rr}/{rg})")

    # 2. what the cues could reach: today's missed links (plain statement, drafted target) with a cue on the pair
    reach: Counter[str] = Counter()
    missed = 0
    for a in arts:
        rl = links(a, None, "", 0)
        for i, rows in a["cand"].items():
            if a["props"][i].kind == "denial":
                continue
            for j, _sh, _rare, cs, _c in rows:
                if j < i and label(a, i, j) == 1 and (i, j) not in rl:
                    missed += 1
                    for c in cs:
                        reach[c] += 1
                    if any(c.startswith("ant:") for c in cs):
                        reach["any antonym"] += 1
                    if not cs:
                        reach["no cue"] += 1
    print(f"\nToday's missed links from a plain statement to a drafted claim: {missed}; a cue fires on:")
    for c, n in reach.most_common():
        print(f"  {c}: {n}")

    # 3. leave one set out: the cue set, k and d chosen on the others
    print(
        "\n| set left out | chosen on the others (cues; k; d; condition) | rules P | R | added right/proposed | rules + added P | R |"
    )
    print("|---|---|---:|---:|---:|---:|---:|")
    tot = [0, 0, 0, 0, 0]
    for n in names:
        train = [a for a in arts if a["set"] != n]
        ch = choose(train)
        r0, p0, e0 = count_links(by_set[n], lambda a: links(a, None, "", 0))
        dr, dp = outcome(by_set[n], *ch) if ch else (0, 0)
        tot = [tot[0] + r0, tot[1] + p0, tot[2] + e0, tot[3] + dr, tot[4] + dp]
        what = f"{'+'.join(ch[0])}; {ch[1]}; {ch[2]}; {ch[3]}" if ch else "none reaches 0.8"
        print(
            f"| {n} | {what} | {f2(r0, p0)} | {r0 / e0:.2f} | {dr}/{dp} | {f2(r0 + dr, p0 + dp)} | "
            f"{(r0 + dr) / e0:.2f} |"
        )
    r0, p0, e0, dr, dp = tot
    print(
        f"| pooled | | {f2(r0, p0)} | {r0 / e0:.3f} | {dr}/{dp} ({dr / dp if dp else 0:.2f}) | "
        f"{f2(r0 + dr, p0 + dp)} | {(r0 + dr) / e0:.3f} |"
    )

    # 4. each single cue with fixed k, d forced on every set (in sample: nothing chosen), added links
    print("\nEach cue forced on all sets (nothing fitted), links added to the rules': right/proposed")
    print("| cue | k=1 d=3 | k=1 d=30 | k=2 d=3 | k=2 d=30 | k=3 d=30 |\n|---|---|---|---|---|---|")
    for cues in SINGLE:
        cells = []
        for k, d in ((1, 3), (1, 30), (2, 3), (2, 30), (3, 30)):
            r, p = outcome(arts, cues, k, d)
            cells.append(f"{r}/{p}")
        print(f"| {cues[0]} | " + " | ".join(cells) + " |")

    print("\nThe same with a condition on the candidate (k, d as headed): right/proposed")
    print("| cue | " + " | ".join(f"{c} k1 d3 | {c} k2 d30" for c in CONDITIONS if c != "-") + " |")
    print("|---|" + "---|---|" * (len(CONDITIONS) - 1))
    for cues in SINGLE:
        cells = []
        for cond in CONDITIONS:
            if cond != "-":
                cells += [
                    f"{r}/{p}" for r, p in (outcome(arts, cues, 1, 3, cond), outcome(arts, cues, 2, 30, cond))
                ]
        print(f"| {cues[0]} | " + " | ".join(cells) + " |")

    print(
        "\nThe rules' denials (nothing fitted, k=1, d=30): | cue | no target: cue's candidate right/given | "
        "another target than the rules': cue right, rules wrong | rules right, cue wrong | both wrong |"
    )
    for cues in [*SINGLE, tuple(c for c in CUES if c.startswith("ant:"))]:
        fr, fp, cb, rb, nb = denial_targets(arts, cues, 1, 30)
        print(f"| {'+'.join(cues)} | {fr}/{fp} | {cb} | {rb} | {nb} |")

    if args.model:
        run_model(arts, names, with_cues=False)
        run_model(arts, names, with_cues=True)

    if args.list:
        for cue in CUES:
            print(f"\n== {cue}: fired pairs of plain statements and an earlier claim (k>=1), label first")
            shown = 0
            for a in arts:
                for i, rows in a["cand"].items():
                    if a["props"][i].kind == "denial":
                        continue
                    for j, sh, _r, cs, _c in rows:
                        if j < i and cue in cs and sh >= 1 and shown < args.list:
                            shown += 1
                            s, c = a["props"][i], a["props"][j]
                            print(f"{label(a, i, j)} {a['set']}/{a['name']} [{cs[cue]}]")
                            print(f"   s [{s.actor}] {s.quote[:150]}\n   c [{c.actor}] {c.quote[:150]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
