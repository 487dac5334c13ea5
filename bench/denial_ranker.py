"""Which claim a denial answers, chosen by a score instead of shape rules: an experiment, measured by
leave-one-set-out. Nothing here changes the extractor.

For every proposal the extractor calls a denial, each earlier proposal of the article is a candidate target.
A candidate is described by features that do not depend on sentence shapes (rarity-weighted word overlap
between the two quotes, distance, whether the candidate speaks for the denier's side, whether the candidate's
words name the denier's side -- the accused --, whether the denial refers back with a claim word, whether the
candidate is itself a denial, whether it is the first claim of the story). A pure-Python logistic regression is
fitted on all sets but one and the left-out set is scored: the best candidate is the link when its probability
is over 0.5. The rules' own links on the same set stand beside it.

    .venv/bin/python bench/denial_ranker.py bench/corpus bench/heldout bench/heldout2 ...
"""

from __future__ import annotations

import math
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import match_claims  # noqa: E402
from drafted_sets import drafted_articles  # noqa: E402

from app.extract.answers import one_side, side_words  # noqa: E402
from app.extract.lexicon import content_words  # noqa: E402

REFERS = re.compile(
    r"\b(?:this|that|the|these|those|such)\s+(?:claims?|reports?|allegations?|accusations?|charges?|"
    r"suggestions?|account|findings)\b|\b(?:denied|rejected|dismissed)\s+(?:this|that|it)\b",
    re.I,
)
NAMES = [
    "bias",
    "overlap",
    "share",
    "back",
    "back_claim",
    "same_side",
    "accused",
    "is_denial",
    "first",
    "nearest_other",
    "most_overlap",
]


def features(d_i: int, c_i: int, props: list, words: list[set[str]], df: dict[str, int]) -> list[float]:
    d, c = props[d_i], props[c_i]
    shared = (words[d_i] - content_words(d.actor)) & words[c_i]
    weight = sum(1.0 / df[w] for w in shared)
    back = d_i - c_i
    others_between = sum(1 for k in range(c_i + 1, d_i) if not one_side(props[k], d))
    nearest_other = others_between == 0 and not one_side(c, d)
    return [
        1.0,
        min(weight, 4.0) / 4.0,
        len(shared) / (len(words[d_i]) or 1),
        1.0 / back,
        1.0 if REFERS.search(d.quote) and nearest_other else 0.0,
        1.0 if one_side(c, d) else 0.0,
        1.0 if side_words(d) & words[c_i] else 0.0,
        1.0 if c.kind == "denial" else 0.0,
        1.0 if all(props[k].kind != "claim" for k in range(c_i)) else 0.0,
        1.0 if nearest_other else 0.0,
        0.0,  # most_overlap: set over the candidates together (``relative``)
    ]


def relative(cands: list[list[float]]) -> None:
    """Mark the candidate whose rarity-weighted overlap is the largest (and not zero) among them all."""
    top = max((x[1] for x in cands), default=0.0)
    for x in cands:
        x[-1] = 1.0 if top > 0 and x[1] == top else 0.0


def load(directory: Path) -> list[dict]:
    """Per article: the extractor's proposals matched to the annotation, and each denial's candidates."""
    out = []
    for drafted in drafted_articles([directory]):
        ann, body, props = drafted.ann, drafted.source.body, drafted.proposals
        spans, match = match_claims(body, ann, props)
        expected = {(d, alt) for d, t in ann["denials"] for alt in t.split("|")}
        optional = {tuple(x) for x in ann.get("optional_links", [])}
        words = [content_words(p.quote) for p in props]
        df: dict[str, int] = {}
        for ws in words:
            for w in ws:
                df[w] = df.get(w, 0) + 1
        denials = []
        for i, p in enumerate(props):
            if p.kind != "denial":
                continue
            cands = []
            for j in range(i):
                link = (match.get(p.key), match.get(props[j].key))
                cands.append((features(i, j, props, words, df), link in expected, link, props[j].key))
            relative([x for x, *_rest in cands])
            rule = (match.get(p.key), match.get(p.denies)) if p.denies else None
            denials.append({"cands": cands, "rule": rule})
        reach = {link for d in denials for _x, ok, link, _k in d["cands"] if ok}
        out.append(
            {
                "reach": len({d for d, _t in reach}),
                "denials": denials,
                "expected": expected,
                "optional": optional,
                "n": len(ann["denials"]),
            }
        )
    return out


def fit(
    rows: list[tuple[list[float], bool]], steps: int = 2000, rate: float = 0.5, l2: float = 0.01
) -> list[float]:
    w = [0.0] * len(NAMES)
    n = len(rows) or 1
    for _ in range(steps):
        grad = [0.0] * len(w)
        for x, y in rows:
            z = sum(a * b for a, b in zip(w, x, strict=True))
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            for k, xk in enumerate(x):
                grad[k] += (p - y) * xk
        w = [wk - rate * (g / n + l2 * wk) for wk, g in zip(w, grad, strict=True)]
    return w


def score(
    articles_: list[dict], w: list[float] | None, threshold: float = 0.5, *, agree: bool = False
) -> tuple[int, int, int]:
    """Right links, links proposed, links expected: the rules' (no ``w``), the ranker's, or (``agree``) the
    rules' link kept only when the ranker's top candidate is the same claim (or the target comes later)."""
    tp = predicted = expected = 0
    for a in articles_:
        links = set()
        for d in a["denials"]:
            if w is None:
                link = d["rule"]
            elif agree:
                top = max(
                    d["cands"], key=lambda c: sum(p * q for p, q in zip(w, c[0], strict=True)), default=None
                )
                earlier = {c[2] for c in d["cands"]}
                rule = d["rule"]
                link = rule if rule is not None and (rule not in earlier or top and top[2] == rule) else None
            else:
                best = None
                for x, _y, link_, _k in d["cands"]:
                    z = sum(p * q for p, q in zip(w, x, strict=True))
                    if best is None or z > best[0]:
                        best = (z, link_)
                link = best[1] if best and 1 / (1 + math.exp(-best[0])) > threshold else None
            if link is not None and link not in a["optional"]:
                links.add(link)
        tp += sum(1 for link in links if link in a["expected"])
        predicted += len(links)
        expected += a["n"]
    return tp, predicted, expected


def pr(s: tuple[int, ...] | list[int]) -> str:
    """'P (right/proposed) | R (right/expected)' as the tables show them."""
    tp, predicted, expected = s
    return f"{tp / (predicted or 1):.2f} ({tp}/{predicted}) | {tp / (expected or 1):.2f} ({tp}/{expected})"


def main(argv: list[str]) -> int:
    sets = {}
    for name in argv:
        sets[name] = load(Path(name))
    print(
        "| set left out | within reach | rules P | rules R | ranker P | ranker R | agreed P | agreed R |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|"
    )
    totals = [0] * 10
    for name, arts in sets.items():
        train = [
            (x, y)
            for other, a in sets.items()
            if other != name
            for art in a
            for d in art["denials"]
            for x, y, _l, _k in d["cands"]
        ]
        w = fit(train)
        r, m, g = score(arts, None), score(arts, w), score(arts, w, agree=True)
        reach = sum(a["reach"] for a in arts)
        for k, v in enumerate((*r, *m, reach, *g)):
            totals[k] += v
        print(f"| {name} | {reach}/{r[2]} | {pr(r)} | {pr(m)} | {pr(g)} |")
    t = totals
    print(f"| all, each left out | {t[6]}/{t[2]} | {pr(t[0:3])} | {pr(t[3:6])} | {pr(t[7:10])} |")
    all_rows = [
        (x, y) for a in sets.values() for art in a for d in art["denials"] for x, y, _l, _k in d["cands"]
    ]
    w = fit(all_rows)
    print(
        "\nweights fitted on all sets: " + ", ".join(f"{n} {v:+.2f}" for n, v in zip(NAMES, w, strict=True))
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
