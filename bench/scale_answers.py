"""The answers of bench_scale's list calls (every one, not --quick) and of filters made only of the commonest
words, written as JSON by one checkout's app on one library: two checkouts' files compare byte for byte.

    .venv/bin/python bench/scale_answers.py ROOT DB OUT.json

ROOT: a checkout (its app/ and bench/bench_scale.py are used). Each answer: the ids of the page in order (claims
and sources pages, 60 rows; the picker's 50 with its total and whether it is estimated; counts).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

COMMON_ONLY = ["the of", "of and to", "The A in", "that is was he", "the of and to a in", "in", "said", "i"]


def main() -> None:
    root, db, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    sys.path[:0] = [root, f"{root}/bench"]
    import bench_scale as bs

    from app.domain_lists import ClaimFilter
    from app.library import Library

    specs = bs.call_specs(db, quick=False)
    for w in COMMON_ONLY:
        for desc in (True, False):
            specs.append(
                {
                    "kind": "common only",
                    "label": w,
                    "op": "claims_page",
                    "args": {"flt": {"text": w}, "sort": "said", "desc": desc},
                }
            )
        specs.append({"kind": "common only", "label": w, "op": "picker", "args": {"text": w}})
    lib = Library.open(db, create=False)
    answers = []
    for spec in specs:
        op, a = spec["op"], spec["args"]
        if op == "claims_page":
            page = lib.claims.list(
                bs._claim_filter(a["flt"]),
                sort=a["sort"],
                descending=a["desc"],
                limit=bs.CLAIM_PAGE,
                with_total=False,
            )
            answer: object = [c.id for c in page.items]
        elif op == "picker":
            page = lib.claims.list(
                ClaimFilter(text=a["text"] or None), limit=bs.PICKER_LIMIT, with_total="estimate"
            )
            answer = [[c.id for c in page.items], page.total, bool(page.estimated)]
        elif op == "sources_page":
            page = lib.sources.list(
                bs._source_filter(a["flt"]),
                sort=a["sort"],
                descending=a["desc"],
                limit=bs.CLAIM_PAGE,
                with_total=False,
            )
            answer = [s.id for s in page.items]
        elif op == "claims_count":
            answer = lib.claims.count(bs._claim_filter(a["flt"]))
        else:
            continue
        answers.append({"kind": spec["kind"], "label": spec["label"], "op": op, "args": a, "answer": answer})
    out.write_text(json.dumps(answers, indent=0, sort_keys=True), encoding="utf-8")
    print(f"{len(answers)} answers -> {out}")


if __name__ == "__main__":
    main()
