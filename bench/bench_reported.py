"""Quality of the provenance proposals on a held-out set written before the rules were run on it.

    .venv/bin/python bench/bench_reported.py            # bench/reported/heldout.json: look rarely, record each look

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


if __name__ == "__main__":
    raise SystemExit(main())
