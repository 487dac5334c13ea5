"""List the denial links and speakers the extractor misses on annotated sets, with the text around them, so the
misses can be grouped into classes an analyst recognises. For TUNING sets only (never a held-out set):

    .venv/bin/python bench/list_misses.py bench/corpus bench/heldout bench/heldout2 bench/heldout3 bench/heldout4
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import match_claims, speaker_matcher  # noqa: E402
from drafted_sets import drafted_articles  # noqa: E402


def main(argv: list[str]) -> int:
    for art in drafted_articles([Path(d) for d in argv]):
        report(art.path, art.ann, art.source.body, art.proposals)
    return 0


def report(path: Path, ann: dict, body: str, props: list) -> None:
    out: list[str] = []

    ok = speaker_matcher(ann)
    spans, match = match_claims(body, ann, props)
    by_cid = {v: k for k, v in match.items()}
    pk = {p.key: p for p in props}
    for e in ann["speakers"]:
        if not any(ok(p.actor, e) for p in props):
            out.append(f"  MISSED SPEAKER {e!r}")
    for a in dict.fromkeys(p.actor for p in props):
        if not any(ok(a, e) for e in ann["speakers"]):
            out.append(f"  WRONG SPEAKER {a!r}")
    expected = {(d, t) for d, ts in ann["denials"] for t in ts.split("|")}
    predicted = set()
    for p in props:
        if p.kind == "denial" and p.denies:
            predicted.add((match.get(p.key), match.get(p.denies)))
    optional = {tuple(x) for x in ann.get("optional_links", [])}
    for p in props:
        if p.kind == "denial" and p.denies:
            link = (match.get(p.key), match.get(p.denies))
            if link in expected or link in optional:
                continue
            t = pk[p.denies]
            out.append(f"  WRONG LINK {link} cue={p.cue!r} [{p.actor}] {p.quote[:70]!r}")
            out.append(f"      -> [{t.actor}] {t.quote[:80]!r}")
    for d, ts in ann["denials"]:
        if any((d, t) in predicted for t in ts.split("|")):
            continue
        s, e, _sp = spans[d]
        p = pk.get(by_cid.get(d, ""))
        state = (
            "not drafted"
            if p is None
            else f"drafted kind={p.kind} denies={match.get(p.denies or '', p.denies)}"
        )
        out.append(f"  MISSED LINK {d}->{ts} ({state})")
        out.append(f"      denial: {body[max(0, s - 60) : e + 20]!r}")
        for t in ts.split("|")[:2]:
            ts_, te, sp = spans[t]
            out.append(f"      claim {t} [{sp}]: {body[ts_:te][:100]!r}")
    if out:
        print(f"=== {path.parent.name}/{path.name}")
        print("\n".join(out))


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
