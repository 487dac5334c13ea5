"""Does a later statement give another account of the same fact as an earlier one? A same-fact comparison between
two of the rules' proposals, used to pick which claim a denial answers and whether a plain statement is a denial,
measured leaving one set out. Nothing here is in the extractor; the rules' proposals are scored as they are.

    .venv/bin/python bench/denial_samefact.py bench/corpus bench/heldout ... bench/heldout12 [--list N]

A pair is (statement, an earlier proposal of another speaker, or one up to three proposals later: a lede). Its
features compare what the two say, with the speakers' names, the reporting and denying verbs and function words
left out: shared content words (and rarity-weighted, by how many of the article's proposals use the word), the
share of the statement's words found in the other, shared numbers, different numbers about shared words (a
counter-figure), shared proper names (places, ships, objects), one negating where the other affirms, a word of
falsehood or an absolute ("every", "only", "in full") in the statement, the statement's speaker named in the
other (the accused), the other's speaker named in the statement, the statement declining to commit, distance,
before or after, whether each is a denial for the rules, whether the other is the rules' target, the nearest
other speaker, the best overlap among the statement's candidates; and, for the same predicate said otherwise, a
negating word at most four words before a shared word, an "X, not Y" contrast, another figure beside shared
words, the other being an accusation, the statement's side having answered the other before, and whether the
statement's speaker spoke before the other was said. A pure-Python logistic regression (L2) is
fitted on all sets but one; on the left-out set each statement's best candidate gets a probability, and:

- ``add``: a statement the rules left as a plain claim becomes a denial of its best candidate when p >= t_add
  (a model fitted on plain statements only);
- ``fill``: a rules' denial with no target is given its best candidate when p >= t_fill;
- ``veto``: a rules' link is dropped when the scorer gives its target p < t_veto;
- ``retarget``: a rules' denial is moved to the scorer's best candidate when that beats the rules' target by
  ``margin`` in probability;
- ``scheme``: a hand-readable alternative to ``add``, the conjunction of up to three of the binary tests (on a
  plain statement and its best-overlap candidate) that adds the most right links on the other sets without
  lowering their pooled precision.

The thresholds are chosen on the other sets too (the largest recall whose pooled precision on them is not below
the rules' own there), so every figure printed for a set is out of sample. Matching and scoring are
bench_extract's (``optional_links`` count neither way).
"""

from __future__ import annotations

import argparse
import math
import pickle
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import match_claims  # noqa: E402
from drafted_sets import drafted_articles  # noqa: E402

from app.extract.answers import ACCUSING_CUES, OWN_INTENT, REFERS_BACK, distinct_side, one_side, uncommitted  # noqa: E402
from app.extract.clauses import negates  # noqa: E402
from app.extract.lexicon import FALSE_WORDS, content_words  # noqa: E402

SAYING = content_words(
    "said says saying told tell added stated statement claimed claim claims denied denies deny denial rejected "
    "rejects reject dismissed dismisses dismiss disputed disputes dispute called calls call described insisted "
    "insists accused accuses accusation allegation alleged charge report reports reported according spokesman "
    "spokeswoman spokesperson official officials"
)
ABSOLUTE = re.compile(
    r"\b(?:every|all|only|entirely|fully|in full|always|any|whatever|already|instead|own|properly|lawful\w*|"
    r"legal\w*|routine|normal|approved|cleared|intact|safe|valid)\b",
    re.I,
)
NUMBER = re.compile(r"\b\d[\d,.]*\b")
PROPER = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z][\w\-]+")
FEATURES = (
    "overlap",
    "rare overlap",
    "share",
    "shared number",
    "other number",
    "shared proper name",
    "polarity flip",
    "negates",
    "falsehood",
    "absolute",
    "accused",
    "names the other",
    "uncommitted",
    "1/distance",
    "after",
    "statement is a denial",
    "other is a denial",
    "rules' target",
    "nearest other",
    "best overlap",
    "refers back, nearest",
    "negation before a shared word",
    "X, not Y",
    "other figure, shared words",
    "other is an accusation",
    "side answered it before",
    "speaker spoke before it",
)
LATER = 3  # a lede may answer a claim told up to this many proposals after it


def words_of(p) -> set[str]:
    """What a proposal says, without its speaker's name, the verbs of saying and denying."""
    return content_words(p.quote) - content_words(" ".join((p.actor, p.role, p.affiliation))) - SAYING


def pair_features(a: dict, i: int, j: int, best_j: int | None, nearest: int | None) -> list[float]:
    props, words, df = a["props"], a["words"], a["df"]
    s, c = props[i], props[j]
    ws, wc = words[i], words[j]
    shared = ws & wc
    rare = sum(1.0 / df[w] for w in shared)
    ns, nc = set(NUMBER.findall(s.quote)), set(NUMBER.findall(c.quote))
    ps, pc = set(PROPER.findall(s.quote)), set(PROPER.findall(c.quote))
    mine = distinct_side(" ".join((s.actor, s.affiliation)))
    theirs = distinct_side(" ".join((c.actor, c.affiliation)))
    neg_s, neg_c = negates(s.quote), negates(c.quote)
    return [
        min(len(shared), 6) / 6,
        min(rare, 3.0) / 3,
        len(shared) / max(1, len(ws)),
        float(bool(ns & nc)),
        float(bool(ns and nc and not ns & nc and shared)),
        float(bool((ps & pc) - {s.actor, c.actor})),
        float(neg_s != neg_c and bool(shared)),
        float(neg_s),
        float(bool(FALSE_WORDS.search(s.quote))),
        float(bool(ABSOLUTE.search(s.quote))),
        float(bool(mine) and bool(mine & wc)),
        float(bool(theirs) and bool(theirs & ws)),
        float(uncommitted(s.quote) or OWN_INTENT.match(s.quote) is not None),
        1.0 / (1 + abs(i - j)),
        float(j > i),
        float(s.kind == "denial"),
        float(c.kind == "denial"),
        float(s.denies == c.key),
        float(j == nearest),
        float(j == best_j and bool(shared)),
        float(j == nearest and REFERS_BACK.search(s.quote) is not None),
        float(negated_shared(s.quote, shared)),
        float(bool(NOT_CONTRAST.search(s.quote)) and bool(shared)),
        float(bool(ns - nc) and bool(nc) and len(shared) >= 2),
        float(c.cue in ACCUSING_CUES),
        float(any(q.denies == c.key and one_side(q, s) for q in props[:i])),
        float(any(q.actor == s.actor for q in props[:j])),
    ]


NOT_CONTRAST = re.compile(r",?\s+not\s+(?:by|from|in|at|to|of|the|a|an)\b|\bnot\b[^.]{0,40}\bbut\b", re.I)
NEGATOR = re.compile(r"\b(?:not|no|never|none|nothing|nobody|n't|neither|nor|without)\b", re.I)


def negated_shared(quote: str, shared: set[str]) -> bool:
    """Whether a negating word stands at most four words before a word the two statements share."""
    tokens = re.findall(r"[A-Za-z][A-Za-z\-']*|\d+", quote)
    for k, tok in enumerate(tokens):
        negator = NEGATOR.fullmatch(tok) is not None or tok.lower().endswith("n't")
        if negator and any(content_words(t) & shared for t in tokens[k + 1 : k + 5]):
            return True
    return False


def candidates(props: list, i: int) -> list[int]:
    s = props[i]
    out = []
    for j in range(max(0, i - 30), min(len(props), i + LATER + 1)):
        c = props[j]
        if j == i or c.actor == s.actor or one_side(s, c) or c.kind == "heading":
            continue
        out.append(j)
    return out


def load(directories: list[Path], cache: Path | None) -> list[dict]:
    if cache and cache.exists():
        return pickle.loads(cache.read_bytes())
    arts = []
    for d in directories:
        for art in drafted_articles([d]):
            _spans, match = match_claims(art.source.body, art.ann, art.proposals)
            gold: dict[str, set[str]] = defaultdict(set)
            for den, targets in art.ann["denials"]:
                gold[den] |= set(targets.split("|"))
            optional = {tuple(x) for x in art.ann.get("optional_links", [])}
            arts.append(
                {
                    "set": d.name,
                    "name": art.path.stem,
                    "props": art.proposals,
                    "match": match,
                    "gold": dict(gold),
                    "optional": optional,
                    "n_gold": len(art.ann["denials"]),
                }
            )
    for a in arts:
        a["words"] = [words_of(p) for p in a["props"]]
        df: Counter[str] = Counter()
        for w in a["words"]:
            df.update(w)
        a["df"] = df
        a["pairs"] = {}
        props = a["props"]
        for i in range(len(props)):
            cands = candidates(props, i)
            if not cands:
                continue
            before = [j for j in cands if j < i]
            nearest = before[-1] if before else None
            best_j = max(
                cands, key=lambda j: (sum(1.0 / a["df"][w] for w in a["words"][i] & a["words"][j]), j)
            )
            a["pairs"][i] = [(j, pair_features(a, i, j, best_j, nearest)) for j in cands]
    if cache:
        cache.write_bytes(pickle.dumps(arts))
    return arts


def label(a: dict, i: int, j: int) -> int | None:
    """1: an annotated link, 0: none, None: an optional link (counts neither way)."""
    d, t = a["match"].get(a["props"][i].key), a["match"].get(a["props"][j].key)
    if d is None or t is None:
        return 0
    if (d, t) in a["optional"]:
        return None
    return int(t in a["gold"].get(d, ()))


def fit(rows: list[tuple[list[float], int]], l2: float = 0.01, epochs: int = 40) -> list[float]:
    """Logistic regression by plain gradient descent (full batch), bias last."""
    n = len(FEATURES)
    w = [0.0] * (n + 1)
    pos = sum(y for _x, y in rows) or 1
    weight1 = (len(rows) - pos) / pos  # balance the classes: links are few among pairs
    lr = 2.0
    for _ in range(epochs * 5):
        grad = [0.0] * (n + 1)
        total = 0.0
        for x, y in rows:
            z = w[n] + sum(wi * xi for wi, xi in zip(w, x, strict=False))
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
            g = (p - y) * (weight1 if y else 1.0)
            total += weight1 if y else 1.0
            for k in range(n):
                grad[k] += g * x[k]
            grad[n] += g
        for k in range(n):
            w[k] -= lr * (grad[k] / total + l2 * w[k])
        w[n] -= lr * grad[n] / total
    return w


def prob(w: list[float], x: list[float]) -> float:
    z = w[-1] + sum(wi * xi for wi, xi in zip(w, x, strict=False))
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def rows_of(arts: list[dict]) -> list[tuple[list[float], int]]:
    rows = []
    for a in arts:
        for i, pairs in a["pairs"].items():
            for j, x in pairs:
                y = label(a, i, j)
                if y is not None:
                    rows.append((x, y))
    return rows


def links(a: dict, w: list[float] | None, mode: str, t: float) -> set[tuple[int, int]]:
    """The article's links (proposal indices) under a mode: the rules' own, or changed by the scorer."""
    props = a["props"]
    index = {p.key: k for k, p in enumerate(props)}
    out = {(i, index[p.denies]) for i, p in enumerate(props) if p.kind == "denial" and p.denies in index}
    if w is None:
        return out
    for i, pairs in a["pairs"].items():
        scored = sorted(((prob(w, x), j) for j, x in pairs), reverse=True)
        top_p, top_j = scored[0]
        p = props[i]
        rules = index.get(p.denies) if p.kind == "denial" and p.denies else None
        if rules is None and top_p >= t and mode == ("fill" if p.kind == "denial" else "add"):
            out.add((i, top_j))  # a plain statement made a denial, or a denial with no target given one
        elif mode == "veto" and rules is not None:
            rp = next((q for q, j in scored if j == rules), 0.0)
            if rp < t:
                out.discard((i, rules))
        elif mode == "retarget" and rules is not None and top_j != rules:
            rp = next((q for q, j in scored if j == rules), 0.0)
            if top_p - rp >= t:
                out.discard((i, rules))
                out.add((i, top_j))
    return out


THRESHOLDS = {
    "add": (0.5, 0.7, 0.8, 0.85, 0.9, 0.95, 0.99, 1.01),
    "fill": (0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 1.01),
    "veto": (0.0, 0.05, 0.1, 0.2, 0.3, 0.5),
    "retarget": (0.1, 0.2, 0.3, 0.5, 0.8, 1.01),
}
# the binary tests a hand-readable scheme may combine (the best-overlap candidate of a plain statement)
TESTS = {name: (lambda x, k=k: x[k] > 0.5) for k, name in enumerate(FEATURES)}
TESTS["two shared words"] = lambda x: x[0] > 1.5 / 6
TESTS["three shared words"] = lambda x: x[0] > 2.5 / 6
TESTS["a rare shared word"] = lambda x: x[1] > 0.99 / 3


def rows_for(arts: list[dict], plain: bool) -> list[tuple[list[float], int]]:
    rows = []
    for a in arts:
        for i, pairs in a["pairs"].items():
            if plain and a["props"][i].kind == "denial":
                continue
            for j, x in pairs:
                y = label(a, i, j)
                if y is not None:
                    rows.append((x, y))
    return rows


def best_overlap(pairs: list) -> tuple[int, list[float]]:
    return max(pairs, key=lambda jx: (jx[1][1], jx[1][13]))


def scheme_links(a: dict, combo: tuple[str, ...]) -> set[tuple[int, int]]:
    """The rules' links, and each plain statement linked to its best-overlap candidate when every test holds."""
    out = links(a, None, "", 0)
    for i, pairs in a["pairs"].items():
        if a["props"][i].kind == "denial":
            continue
        j, x = best_overlap(pairs)
        if all(TESTS[t](x) for t in combo):
            out.add((i, j))
    return out


def count_links(arts: list[dict], make) -> tuple[int, int, int]:
    right = proposed = expected = 0
    for a in arts:
        m, props = a["match"], a["props"]
        got = {(m.get(props[i].key), m.get(props[j].key)) for i, j in make(a)} - a["optional"]
        right += sum(1 for d, t in got if d is not None and t in a["gold"].get(d, ()))
        proposed += len(got)
        expected += a["n_gold"]
    return right, proposed, expected


def count(arts: list[dict], w, mode: str, t: float) -> tuple[int, int, int]:
    return count_links(arts, lambda a: links(a, w, mode, t))


def choose_scheme(train: list[dict], floor: float) -> tuple[str, ...]:
    """The combination of up to three tests whose added links, over the training sets, keep the pooled precision
    at or above ``floor`` and add the most right links (at least four); none if no combination does."""
    import itertools

    base_r, base_p, _e = count_links(train, lambda a: links(a, None, "", 0))
    holds: dict[str, set[int]] = {t: set() for t in TESTS}
    outcome: list[
        int | None
    ] = []  # per plain statement: its best-overlap link right (1), wrong (0), optional
    for a in train:
        for i, pairs in a["pairs"].items():
            if a["props"][i].kind == "denial":
                continue
            j, x = best_overlap(pairs)
            k = len(outcome)
            outcome.append(label(a, i, j))
            for t, test in TESTS.items():
                if test(x):
                    holds[t].add(k)
    best: tuple[int, tuple[str, ...]] = (0, ())
    for n in (1, 2, 3):
        for combo in itertools.combinations(TESTS, n):
            sel = set.intersection(*(holds[t] for t in combo))
            dr = sum(1 for k in sel if outcome[k] == 1)
            dp = sum(1 for k in sel if outcome[k] is not None)
            if dr >= 4 and (base_r + dr) / (base_p + dp) >= floor and dr > best[0]:
                best = (dr, combo)
    return best[1]


def pct(r: int, p: int, e: int, digits: int = 2) -> str:
    return f"{r / p if p else 0:.{digits}f} ({r}/{p}), {r / e:.{digits}f}"


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("sets", nargs="+", type=Path)
    ap.add_argument(
        "--cache", type=Path, help="a pickle of the drafted sets (delete it when a label changes)"
    )
    ap.add_argument("--list", type=int, default=0, help="print the N surest wrong additions over all folds")
    args = ap.parse_args(argv)
    arts = load(args.sets, args.cache)
    names = [s.name for s in args.sets]
    by_set = {n: [a for a in arts if a["set"] == n] for n in names}
    rules = {n: count(by_set[n], None, "", 0) for n in names}
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    curve: dict[tuple[str, float], list[int]] = defaultdict(lambda: [0, 0])
    print(
        "| set left out | rules P, R | "
        + " | ".join(f"{m}: t; P, R" for m in THRESHOLDS)
        + " | scheme: tests; P, R |"
    )
    print("|---|---|" + "---|" * (len(THRESHOLDS) + 1))
    wrong_adds = []
    for n in names:
        train = [a for a in arts if a["set"] != n]
        weights = {"add": fit(rows_for(train, plain=True), epochs=20)}
        weights["fill"] = weights["veto"] = weights["retarget"] = fit(rows_for(train, plain=False), epochs=20)
        r0 = [sum(rules[m][k] for m in names if m != n) for k in range(3)]
        floor = r0[0] / r0[1]
        cells = []
        for mode, ts in THRESHOLDS.items():
            w = weights[mode]
            ok = []
            for t in ts:
                r, p, _e = count(train, w, mode, t)
                if p and r / p >= floor:
                    ok.append((r, -p, t))
                r1, p1, _e1 = count(by_set[n], w, mode, t)
                curve[(mode, t)][0] += r1 - rules[n][0]
                curve[(mode, t)][1] += p1 - rules[n][1]
            t = max(ok)[2] if ok else ts[-1]
            r, p, e = count(by_set[n], w, mode, t)
            tot = totals[mode]
            tot[0], tot[1], tot[2] = tot[0] + r, tot[1] + p, tot[2] + e
            cells.append(f"{t:g}; {pct(r, p, e)}")
            if mode == "add" and args.list:
                for a in by_set[n]:
                    m = a["match"]
                    for i, j in links(a, w, mode, 0.8) - links(a, None, "", 0):
                        d, tt = m.get(a["props"][i].key), m.get(a["props"][j].key)
                        if not (d is not None and tt in a["gold"].get(d, ())):
                            q = prob(w, dict(a["pairs"][i])[j])
                            wrong_adds.append((q, a["set"], a["name"], a["props"][i], a["props"][j], d, tt))
        combo = choose_scheme(train, floor)
        r, p, e = count_links(by_set[n], lambda a, c=combo: scheme_links(a, c))
        tot = totals["scheme"]
        tot[0], tot[1], tot[2] = tot[0] + r, tot[1] + p, tot[2] + e
        cells.append(f"{' + '.join(combo) or 'none'}; {pct(r, p, e)}")
        for k in range(3):
            totals["rules"][k] += rules[n][k]
        print(f"| {n} | {pct(*rules[n])} | " + " | ".join(cells) + " |")
    print(
        f"| all, each left out | {pct(*totals['rules'], 3)} | "
        + " | ".join(pct(*totals[m], 3) for m in (*THRESHOLDS, "scheme"))
        + " |"
    )
    print("\nEach threshold on every left-out set (weights fitted without it), added to the rules' links:")
    for (mode, t), (dr, dp) in curve.items():
        print(f"  {mode} {t:g}: right {dr:+d}, proposed {dp:+d}")
    w = fit(rows_for(arts, plain=True), epochs=20)
    print(
        "\nWeights for a plain statement, fitted on all sets: "
        + ", ".join(f"{f} {x:+.2f}" for f, x in zip(FEATURES, w, strict=False))
        + f", bias {w[-1]:+.2f}"
    )
    for q, s, name, st, c, d, tt in sorted(wrong_adds, key=lambda x: -x[0])[: args.list]:
        print(
            f"\n{q:.2f} {s}/{name} {d}->{tt}\n  [{st.actor}] {st.quote[:160]}\n  [{c.actor}] {c.quote[:160]}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
