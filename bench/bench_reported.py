"""Quality of the provenance proposals on a held-out set written before the rules were run on it.

    .venv/bin/python bench/bench_reported.py            # bench/reported/heldout.json: look rarely, record each look
    .venv/bin/python bench/bench_reported.py --articles # bench/reported/articles.json: whole articles, the
                                                        # path a user meets (drafting + matching + wire credits)

- Reported-from (app.extract.reported.find_report): for each sentence, the claim's quote and the outlet of its
  source, the origin an analyst would name, or null for a first-hand claim. A proposal is right when it names
  that origin (case and a leading article aside); a proposal for a first-hand claim, or naming another origin,
  is wrong; no proposal for a reported claim is a miss.
- Wire credits (app.provenance.wire.credits), when the set has ``wires``: the agency a saved page credits, or
  null.

The rules were tuned only on the sentences in tests/app/extract/test_reported.py and
tests/app/test_provenance_wire.py.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.extract.reported import find_report  # noqa: E402

HERE = Path(__file__).resolve().parent / "reported"


def norm(name: str | None) -> str | None:
    if name is None:
        return None
    return re.sub(r"^(?:the|a|an)\s+", "", " ".join(name.lower().split()))


def main() -> int:
    if "--articles" in sys.argv[1:]:
        return articles()
    data = json.loads((HERE / "heldout.json").read_text(encoding="utf-8"))
    right = wrong = missed = first_hand_ok = 0
    reported = sum(1 for c in data["cases"] if c["origin"] is not None)
    for case in data["cases"]:
        text, quote = case["text"], case["quote"]
        start = text.index(quote)
        got = find_report(text, start, start + len(quote), outlet=case.get("outlet", ""))
        want = norm(case["origin"])
        name = norm(got.origin_name) if got is not None else None
        if want is None and name is None:
            first_hand_ok += 1
            verdict = "ok (first hand)"
        elif want is None:
            wrong += 1
            verdict = f"WRONG: proposed {got.origin_name!r} for a first-hand claim"
        elif name is None:
            missed += 1
            verdict = f"MISSED {case['origin']!r}"
        elif name == want:
            right += 1
            verdict = "ok"
        else:
            wrong += 1
            verdict = f"WRONG: {got.origin_name!r}, not {case['origin']!r}"
        print(f"{verdict:<60} {text[:90]}")
    proposed = right + wrong
    precision = right / proposed if proposed else 0.0
    recall = right / reported if reported else 0.0
    print(
        f"\nreported-from on {len(data['cases'])} held-out sentences ({reported} reported, "
        f"{len(data['cases']) - reported} first hand): precision {precision:.2f} ({right}/{proposed}), "
        f"recall {recall:.2f} ({right}/{reported}); first-hand sentences left alone: {first_hand_ok}"
    )
    if "wires" in data:
        from app.provenance.wire import credits

        ok = 0
        for case in data["wires"]:
            found = credits(case["text"], outlet=case.get("outlet", ""))
            name = found[0].agency if found else None
            good = norm(name) == norm(case["agency"])
            ok += good
            print(f"{'ok' if good else 'WRONG'}: {name!r} (want {case['agency']!r})  {case['text'][:70]!r}")
        print(f"wire credits: {ok}/{len(data['wires'])} right")
    return 0


def _accepts(names: list[str] | None, got: str | None) -> bool:
    if names is None or got is None:
        return names is None and got is None
    return norm(got) in {norm(n) for n in names}


def articles() -> int:
    """Score the whole path on bench/reported/articles.json: a library holding the originals, each article
    stored as a source, drafting's proposals with their reported-from links, and the wire-credit proposals."""
    import tempfile

    from app.extract import propose
    from app.library import Library

    data = json.loads((HERE / "articles.json").read_text(encoding="utf-8"))
    right = wrong = missed = not_drafted = first_hand_ok = linked = should_link = 0
    wire_right = wire_wrong = wire_missed = 0
    reported = sum(1 for a in data["articles"] for st in a["statements"] if st["origin"] is not None)
    with tempfile.TemporaryDirectory() as tmp, Library.open(Path(tmp) / "bench.briefdesk") as lib:
        refs: dict[str, int] = {}
        for item in data["library"]:
            src = lib.sources.create(
                title=item["title"],
                body=item["body"],
                outlet=item["outlet"],
                kind=item["kind"],
                published=item["published"],
            ).after
            refs[item["ref"]] = src.id
            for c in item["claims"]:
                refs[c["ref"]] = lib.claims.create(
                    source_id=src.id, quote=c["quote"], actor=c["actor"]
                ).after.id
        for art in data["articles"]:
            src = lib.sources.create(
                title=art["title"],
                body=art["body"],
                outlet=art["outlet"],
                kind=art["kind"],
                published=art["published"],
            ).after
            print(f"--- {art['title']} ({art['outlet']})")
            proposals = list(propose(lib, src.id).proposals)
            used: set[str] = set()
            for st in art["statements"]:
                p = next((p for p in proposals if st["quote"] in p.quote or p.quote in st["quote"]), None)
                want = st["origin"]
                if p is None:
                    not_drafted += 1
                    missed += want is not None
                    should_link += bool(st.get("claim"))
                    print(f"{'NOT DRAFTED':<44} {st['quote']}")
                    continue
                used.add(p.key)
                r = p.reports
                got = r.origin_name if r is not None else None
                if want is None and got is None:
                    first_hand_ok += 1
                    verdict = "ok (first hand)"
                elif want is None:
                    wrong += 1
                    verdict = f"WRONG: {r.phrase!r} for a first-hand claim" if r else "WRONG"
                elif got is None:
                    missed += 1
                    verdict = f"MISSED {want[0]!r}"
                elif _accepts(want, got):
                    right += 1
                    verdict = f"ok: {r.phrase!r}" if r else "ok"
                else:
                    wrong += 1
                    verdict = f"WRONG: {got!r}, not {want[0]!r}"
                if st.get("claim") and r is not None and _accepts(want, got):
                    should_link += 1
                    hit = r.claim_id == refs[st["claim"]]
                    linked += hit
                    verdict += " -> the library's claim" if hit else f" -> NOT LINKED (got {r.claim_id})"
                elif st.get("claim"):
                    should_link += 1
                    verdict += " -> NOT LINKED"
                print(f"{verdict:<44} {st['quote']}")
            for p in proposals:  # drafted claims nobody annotated: a reported-from link there is wrong
                if p.key not in used and p.reports is not None:
                    wrong += 1
                    print(f"WRONG (unannotated claim): {p.reports.phrase!r}  {p.quote}")
            want_wire = art["wire"]
            proposed = lib.provenance.propose_derivations(src.id)
            for d in proposed:
                good = want_wire["agency"] is not None and norm(d.agency) == norm(want_wire["agency"])
                target = refs.get(want_wire.get("derived_from") or "")
                good = good and d.derived_from_id == target
                wire_right += good
                wire_wrong += not good
                print(
                    f"wire: {'ok' if good else 'WRONG'}: {d.agency} ({d.cue}) -> s{d.derived_from_id} {d.kind}"
                )
            if want_wire["agency"] is not None and not any(
                norm(d.agency) == norm(want_wire["agency"]) for d in proposed
            ):
                wire_missed += 1
                print(f"wire: MISSED {want_wire['agency']}")
    total = sum(len(a["statements"]) for a in data["articles"])
    proposed_n = right + wrong
    print(
        f"\nreported-from on {len(data['articles'])} held-out articles, {total} statements ({reported} reported, "
        f"{total - reported} first hand; {not_drafted} not drafted at all): precision "
        f"{right / proposed_n if proposed_n else 0:.2f} ({right}/{proposed_n}), recall "
        f"{right / reported if reported else 0:.2f} ({right}/{reported}); first-hand claims left alone: "
        f"{first_hand_ok}; linked to the library's original: {linked}/{should_link}"
    )
    wires = sum(1 for a in data["articles"] if a["wire"]["agency"] is not None)
    print(
        f"wire credits: {wire_right} right, {wire_wrong} wrong, {wire_missed} missed "
        f"(of {wires} pages that credit one, {len(data['articles']) - wires} that credit none)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
