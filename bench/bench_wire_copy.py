"""Drafting on the wire-copy list (tests/app/extract/wire_copy.py): every proposal's speaker, words, kind and day
against the gold, for any checkout's extractor, by half.

    .venv/bin/python bench/bench_wire_copy.py [--root DIR] [--half dev|test|both] [--list]

--list prints the dev half's wrong sentences (never the test half's: it is scored, not read). A proposal is right
when its speaker is one of the gold spellings ("a|b", articles and case dropped; "" takes any speaker; a
role qualified as the house spells it, "Spokeswoman for the company", is the role), its quote
is the gold's (quotation marks, case and end punctuation dropped; up to three words before it, "denied that",
are allowed, and any words before a denying verb: the house quotes "The ministry denied that ..." whole), and its kind and day are the gold's. A sentence is right when its proposals are exactly its golds."""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PUBLISHED = dt.date(2026, 3, 12)


def load(root: Path):  # type: ignore[no-untyped-def]
    path = HERE.parent / "tests" / "app" / "extract" / "wire_copy.py"
    spec = importlib.util.spec_from_file_location("wire_copy", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def norm_name(name: str) -> str:
    name = name.lower().replace("\u2019", "'").strip()
    name = re.sub(r"^(the|a|an)\s+", "", name)
    return re.sub(r"\s+", " ", name)


# the house spelling keeps what qualifies a role: "Spokeswoman for the ministry", "Resident of Brenholt"
_QUALIFIED = re.compile(r"^(?P<head>.+?)\s+(?:for|of|at|in|from|close to)\s+\S.*$")


def same_speaker(actor: str, gold: str) -> bool:
    golds = {norm_name(s) for s in gold.split("|")}
    got = norm_name(actor)
    q = _QUALIFIED.match(got)
    return got in golds or (q is not None and q.group("head") in golds)


def norm_quote(q: str) -> str:
    q = re.sub('["\u201c\u201d\u2018\u2019]', "", q).lower()
    return re.sub(r"\s+", " ", q).strip(" ,.;:!?")


DENYING_END = re.compile(
    r"\b(?:den(?:y|ies|ied)|reject(?:s|ed)?|dismiss(?:es|ed)?|refut(?:es|ed))(?:\s+that)?\s*$"
)


def field_errors(gold: tuple[str, str, str, str | None], p: object) -> list[str]:
    speaker, quote, kind, said = gold
    errors = []
    if speaker and not same_speaker(p.actor, speaker):  # type: ignore[attr-defined]
        errors.append("speaker")
    got, want = norm_quote(p.quote), norm_quote(quote)  # type: ignore[attr-defined]
    before = got[: -len(want)] if got.endswith(" " + want) else None
    # "denied that ...": the house quotes a denial with its verb, and its subject ("The ministry denied that")
    if got != want and not (
        before is not None and (len(before.split()) <= 3 or DENYING_END.search(before) is not None)
    ):
        errors.append("quote")
    if p.kind != kind:  # type: ignore[attr-defined]
        errors.append("kind")
    if (p.said.isoformat() if p.said else None) != said:  # type: ignore[attr-defined]
        errors.append("said")
    return errors


def score(root: Path, which: str, listing: bool) -> dict[str, dict[str, float]]:
    sys.path.insert(0, str(root))
    from app.extract import RuleExtractor

    module = load(root)
    out: dict[str, dict[str, float]] = {}
    halves = ["dev", "test"] if which == "both" else [which]
    for h in halves:
        rows = [(t, g) for t, g in module.WIRE if module.half(t) == h]
        right = n_props = n_gold = matched = 0
        fields = {"speaker": 0, "quote": 0, "kind": 0, "said": 0, "extra": 0, "missing": 0}
        for text, golds in rows:
            props = RuleExtractor().propose(text, published=PUBLISHED)
            n_props += len(props)
            n_gold += len(golds)
            used: set[int] = set()
            wrong: list[str] = []
            for g in golds:
                best, best_errs = None, None
                for i, p in enumerate(props):
                    if i in used:
                        continue
                    errs = field_errors(g, p)
                    if best_errs is None or len(errs) < len(best_errs):
                        best, best_errs = i, errs
                if best is None or best_errs is None or len(best_errs) >= 3:
                    fields["missing"] += 1
                    wrong.append(f"missing {g}")
                    continue
                used.add(best)
                if best_errs:
                    for e in best_errs:
                        fields[e] += 1
                    p = props[best]
                    wrong.append(
                        f"{'/'.join(best_errs)}: got {p.kind} {p.actor!r} {p.quote!r} {p.said} want {g}"
                    )
                else:
                    matched += 1
            for i, p in enumerate(props):
                if i not in used:
                    fields["extra"] += 1
                    wrong.append(f"extra: {p.kind} {p.actor!r} {p.quote!r} {p.said}")
            if not wrong:
                right += 1
            elif listing and h == "dev":
                print(f"- {text}\n    " + "\n    ".join(wrong))
        out[h] = {
            "sentences": len(rows),
            "right": right,
            "P": matched / n_props if n_props else 1.0,
            "R": matched / n_gold if n_gold else 1.0,
            **fields,
        }
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", type=Path, default=HERE.parent)
    ap.add_argument("--half", choices=["dev", "test", "both"], default="dev")
    ap.add_argument("--list", action="store_true")
    args = ap.parse_args()
    for h, r in score(args.root.resolve(), args.half, args.list).items():
        print(
            f"| {h} | {r['sentences']:.0f} | right {r['right']:.0f} ({r['right'] / r['sentences']:.1%}) | "
            f"P {r['P']:.3f} | R {r['R']:.3f} | speaker {r['speaker']:.0f} quote {r['quote']:.0f} "
            f"kind {r['kind']:.0f} said {r['said']:.0f} extra {r['extra']:.0f} missing {r['missing']:.0f} |"
        )


if __name__ == "__main__":
    main()
