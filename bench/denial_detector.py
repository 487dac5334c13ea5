"""Is a statement the rules drafted as a plain claim a denial after all, and of what? Measured by leaving one set
out: every score and every choice is fitted on all the other sets and the left-out set scored. Nothing here is
in the extractor; the features are bench/denial_features.py.

    .venv/bin/python bench/denial_detector.py bench/corpus bench/heldout bench/heldout2 ... bench/heldout7

Prints, for each set left out: (1) where its annotated links are lost (the rules' proposals as they are);
(2) a logistic "is a denial" score over the rules' plain claims (plus a target ranker) at several thresholds;
(3) a hand-readable scheme: the feature pairs and triples that were right at least 75% of the time (and at
least 4 times) on the other sets; (4) a veto: a score on each rules' link, keeping only links over a threshold.
Matching and scoring are bench_extract's.
"""

from __future__ import annotations

import argparse
import itertools
import math
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import match_claims  # noqa: E402
from denial_features import DETECT_NAMES, TARGET_NAMES, Article, rules_target  # noqa: E402
from drafted_sets import drafted_articles  # noqa: E402

from app.extract import _without_headline  # noqa: E402
from app.extract.lexicon import DV  # noqa: E402


def load(directory: Path) -> list[dict]:
    """Per article: each rules' claim with its detection features and candidates, and the rules' links."""
    out = []
    for drafted in drafted_articles([directory]):
        ann, source, props = drafted.ann, drafted.source, drafted.proposals
        _spans, match = match_claims(source.body, ann, props)
        expected = {(d, alt) for d, t in ann["denials"] for alt in t.split("|")}
        gold_denials = {d for d, _t in expected}
        optional = {tuple(x) for x in ann.get("optional_links", [])}
        art = Article(_without_headline(source.body, source.title), props)
        rule_links = set()
        claims = []
        kept = []
        index = {p.key: i for i, p in enumerate(props)}
        for i, p in enumerate(props):
            if p.kind == "denial":
                if p.denies:
                    link = (match.get(p.key), match.get(p.denies))
                    rule_links.add(link)
                    tx = dict(art.candidates(i)).get(index.get(p.denies, -1))
                    kept.append({"link": link, "x": art.detect(i), "t": tx, "cue": p.cue})
                continue
            g = match.get(p.key)
            cands = [
                (x, (g, match.get(props[j].key)) in expected, (g, match.get(props[j].key)))
                for j, x in art.candidates(i)
            ]
            rt = rules_target(props, i)
            rule_link = (g, match.get(props[rt].key)) if rt is not None else None
            claims.append(
                {
                    "x": art.detect(i),
                    "y": g in gold_denials,
                    "cands": cands,
                    "neither": p.cue,
                    "rule": rule_link,
                }
            )
        out.append(
            {
                "lost": lost(ann, props, match),
                "claims": claims,
                "kept": kept,
                "rules": rule_links,
                "expected": expected,
                "optional": optional,
                "n": len(ann["denials"]),
            }
        )
    return out


def lost(ann: dict, props: list, match: dict[str, str]) -> Counter[str]:
    """Each annotated link of an article by what became of it in the rules' proposals."""
    found = {v: k for k, v in match.items()}
    by_key = {p.key: (i, p) for i, p in enumerate(props)}
    out: Counter[str] = Counter()
    for d, targets in ann["denials"]:
        keys = [found[t] for t in targets.split("|") if t in found]
        if d not in found:
            out["denial not drafted"] += 1
        elif not keys:
            out["claim answered not drafted"] += 1
        else:
            i, p = by_key[found[d]]
            if p.kind == "claim":
                before = any(by_key[k][0] < i for k in keys)
                out["drafted as a claim" + ("" if before else " (before its claim)")] += 1
            elif p.denies in keys:
                out["right"] += 1
            else:
                out["denial, wrong or no target"] += 1
    return out


def fit(rows: list[tuple[list[float], bool]], size: int, steps: int = 1500, rate: float = 0.5) -> list[float]:
    """Logistic regression by gradient descent, a little L2 (pure Python: no dependency)."""
    w = [0.0] * size
    n = len(rows) or 1
    for _ in range(steps):
        grad = [0.0] * size
        for x, y in rows:
            z = sum(a * b for a, b in zip(w, x, strict=True))
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            for k, xk in enumerate(x):
                if xk:
                    grad[k] += (p - y) * xk
        w = [wk - rate * (g / n + 0.01 * wk) for wk, g in zip(w, grad, strict=True)]
    return w


def sig(w: list[float], x: list[float]) -> float:
    z = sum(a * b for a, b in zip(w, x, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def tally(arts: list[dict], links_of) -> list[int]:
    """[right, proposed, expected] over the articles, with ``links_of(article)`` the links proposed."""
    tp = predicted = expected = 0
    for a in arts:
        links = {link for link in links_of(a) if link not in a["optional"]}
        tp += sum(1 for link in links if link in a["expected"])
        predicted += len(links)
        expected += a["n"]
    return [tp, predicted, expected]


def added(a: dict, fires, wt: list[float], tt: float, chooser: str) -> set:
    """The rules' links plus a link for each plain claim ``fires`` calls a denial, to the ranker's (or the
    rules' own chooser's) target."""
    links = set(a["rules"])
    for c in a["claims"]:
        if c["neither"].startswith("neither") or not c["cands"] or not fires(c["x"]):
            continue
        if chooser == "rules":
            if c["rule"] is not None:
                links.add(c["rule"])
            continue
        x, _y, link = max(c["cands"], key=lambda k: sig(wt, k[0]))
        if sig(wt, x) > tt:
            links.add(link)
    return links


def pr(s: list[int]) -> str:
    tp, predicted, expected = s
    return f"{tp / (predicted or 1):.2f} ({tp}/{predicted}) | {tp / (expected or 1):.2f} ({tp}/{expected})"


def rows_of(arts: list[dict]) -> tuple[list, list]:
    det = [(c["x"], c["y"]) for a in arts for c in a["claims"]]
    tgt = [(x, y) for a in arts for c in a["claims"] if c["y"] for x, y, _l in c["cands"]]
    return det, tgt


def conjunctions(arts: list[dict], precision: float = 0.75, support: int = 4) -> list[tuple[int, ...]]:
    """The pairs and triples of detection features whose claims were denials at least ``precision`` of the
    time, at least ``support`` times."""
    rows = [(c["x"], c["y"]) for a in arts for c in a["claims"]]
    kept = []
    for k in (2, 3):
        for combo in itertools.combinations(range(1, len(DETECT_NAMES)), k):
            hits = [y for x, y in rows if all(x[f] for f in combo)]
            if len(hits) >= support and sum(hits) / len(hits) >= precision:
                kept.append(combo)
    return kept


def veto_x(k: dict) -> list[float]:
    t = k["t"] if k["t"] is not None else [0.0] * len(TARGET_NAMES)
    return [*k["x"], *t[1:], 1.0 if DV.fullmatch(k["cue"] or "") else 0.0, 1.0 if k["t"] is None else 0.0]


def veto_rows(arts: list[dict]) -> list[tuple[list[float], bool]]:
    return [
        (veto_x(k), k["link"] in a["expected"])
        for a in arts
        for k in a["kept"]
        if k["link"] not in a["optional"]
    ]


def table(title: str, columns: list[str], rows: dict[str, list[list[int]]]) -> None:
    print(f"\n{title}\n\n| set left out | " + " | ".join(f"{c} P | {c} R" for c in columns) + " |")
    print("|---|" + "---:|---:|" * len(columns))
    totals = [[0, 0, 0] for _ in columns]
    for name, results in rows.items():
        for tot, r in zip(totals, results, strict=True):
            for k in range(3):
                tot[k] += r[k]
        print(f"| {name} | " + " | ".join(pr(r) for r in results) + " |")
    print("| all, each left out | " + " | ".join(pr(r) for r in totals) + " |")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sets", nargs="+")
    ap.add_argument(
        "--thresholds", default="0.15,0.2,0.25,0.3", help="detection thresholds (comma-separated)"
    )
    ap.add_argument("--target-threshold", type=float, default=0.3)
    ap.add_argument("--vetoes", default="0.5,0.6,0.7", help="veto thresholds (comma-separated)")
    args = ap.parse_args(argv)
    sets: dict[str, list[dict]] = {}
    for name in args.sets:
        sets[name] = load(Path(name))
    kinds = [
        "right",
        "denial, wrong or no target",
        "drafted as a claim",
        "drafted as a claim (before its claim)",
        "claim answered not drafted",
        "denial not drafted",
    ]
    print("Where the annotated links go (the rules as they are)\n\n| set | " + " | ".join(kinds) + " |")
    print("|---|" + "---:|" * len(kinds))
    for name, arts in sets.items():
        c = sum((a["lost"] for a in arts), Counter())
        print(f"| {name} | " + " | ".join(str(c[k]) for k in kinds) + " |")
    thresholds = [float(t) for t in args.thresholds.split(",")]
    vetoes = [float(t) for t in args.vetoes.split(",")]
    scored: dict[str, list[list[int]]] = {}
    schemes: dict[str, list[list[int]]] = {}
    vetoed: dict[str, list[list[int]]] = {}
    for name, arts in sets.items():
        train = [a for other, a in sets.items() if other != name for a in a]
        det, tgt = rows_of(train)
        wd, wt = fit(det, len(DETECT_NAMES)), fit(tgt, len(TARGET_NAMES))
        rules = tally(arts, lambda a: a["rules"])
        scored[name] = [rules] + [
            tally(
                arts,
                lambda a, t=t, wd=wd, wt=wt: added(
                    a, lambda x: sig(wd, x) > t, wt, args.target_threshold, "ranker"
                ),
            )
            for t in thresholds
        ]
        combos = conjunctions(train)

        def fires(x: list[float], combos: list[tuple[int, ...]] = combos) -> bool:
            return any(all(x[f] for f in combo) for combo in combos)

        schemes[name] = [
            rules,
            tally(arts, lambda a, wt=wt: added(a, fires, wt, args.target_threshold, "ranker")),
            tally(arts, lambda a, wt=wt: added(a, fires, wt, args.target_threshold, "rules")),
        ]
        vrows = veto_rows(train)
        wv = fit(vrows, len(vrows[0][0]))
        vetoed[name] = [rules] + [
            tally(arts, lambda a, t=t, wv=wv: {k["link"] for k in a["kept"] if sig(wv, veto_x(k)) >= t})
            for t in vetoes
        ]
    table(
        f"(2) logistic 'is a denial' score (target ranker over {args.target_threshold})",
        ["rules"] + [f"score > {t}" for t in thresholds],
        scored,
    )
    table(
        "(3) feature pairs and triples right >= 75% (>= 4 times) on the other sets",
        ["rules", "scheme, ranker's target", "scheme, rules' target"],
        schemes,
    )
    table("(4) a veto on the rules' own links", ["rules"] + [f"keep >= {t}" for t in vetoes], vetoed)
    every = [a for arts in sets.values() for a in arts]
    det, tgt = rows_of(every)
    wd, wt = fit(det, len(DETECT_NAMES)), fit(tgt, len(TARGET_NAMES))
    print(f"\nOn all sets: {len(det)} plain claims, {sum(y for _x, y in det)} of them annotated denials")
    print("detection weights: " + ", ".join(f"{n} {v:+.2f}" for n, v in zip(DETECT_NAMES, wd, strict=True)))
    print("target weights: " + ", ".join(f"{n} {v:+.2f}" for n, v in zip(TARGET_NAMES, wt, strict=True)))
    print(
        "scheme on all sets: "
        + "; ".join(" & ".join(DETECT_NAMES[f] for f in c) for c in conjunctions(every))
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
