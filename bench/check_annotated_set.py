"""Check an annotated set's files load the way bench/bench_extract.py loads them, without drafting anything.

    .venv/bin/python bench/check_annotated_set.py bench/heldoutN [--words]

Each article goes through bench_extract's own loader (``import_article``, and ``articles`` for the file list)
into a throwaway library; nothing is drafted (``propose`` is never called). Every annotated quote must be
found once, verbatim, in the imported body by ``app._text.find_quote``; every claim's speaker must be one of
the annotated speakers and every speaker must have a claim; denial and optional links must name annotated
claims; dates said must be ISO dates or null; a saved page's own date, kind and language must come out as
annotated; every ``not_speakers`` entry must be in the file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import articles, import_article  # noqa: E402

from app._text import find_quote, normalise_for_match  # noqa: E402
from app.library import Library  # noqa: E402


def check(lib: Library, path: Path) -> tuple[list[str], dict[str, int]]:
    problems: list[str] = []
    ann = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    for actor in ann.get("library_actors", []):
        if lib.actors.find(actor["name"]) is None:
            lib.actors.create(**actor)
    source = lib.sources.get(import_article(lib, path, ann))
    body = source.body
    if path.suffix != ".txt":
        if str(source.published or "") != (ann.get("published") or ""):
            problems.append(f"page date {source.published!r}, annotated {ann.get('published')!r}")
        if ann.get("kind") and source.kind.value != ann["kind"]:
            problems.append(f"page kind {source.kind.value!r}, annotated {ann['kind']!r}")
        if not (source.language or "").lower().startswith(ann.get("language", "en")):
            problems.append(f"page language {source.language!r}")
    speakers = ann["speakers"]
    ids: set[str] = set()
    norm_body, _ = normalise_for_match(body)
    for c in ann["claims"]:
        if c["id"] in ids:
            problems.append(f"duplicate id {c['id']}")
        ids.add(c["id"])
        try:
            find_quote(body, c["quote"])
        except Exception as exc:  # noqa: BLE001 - report every failure
            problems.append(f"{c['id']}: quote not found ({exc}): {c['quote'][:60]!r}")
        else:
            q, _ = normalise_for_match(c["quote"])
            if norm_body.count(q.strip()) != 1:
                problems.append(f"{c['id']}: quote occurs {norm_body.count(q.strip())} times")
        alts = set(c["speaker"].split("|"))
        if not any(alts & set(s.split("|")) for s in speakers):
            problems.append(f"{c['id']}: speaker {c['speaker']!r} not among the speakers")
        if "said" not in c:
            problems.append(f"{c['id']}: no 'said'")
        elif c["said"] is not None:
            dt.date.fromisoformat(c["said"])
        for word in c.get("statement_has", []):
            if word not in c["quote"]:
                problems.append(f"{c['id']}: statement_has {word!r} is not in the quote")
    for s in speakers:
        if not any(set(s.split("|")) & set(c["speaker"].split("|")) for c in ann["claims"]):
            problems.append(f"speaker {s!r} has no claim")
    for pair in ann["denials"] + ann.get("optional_links", []):
        d, targets = pair
        for t in [d, *targets.split("|")]:
            if t not in ids:
                problems.append(f"link {pair} names unknown claim {t}")
    raw = path.read_text(encoding="utf-8")
    for x in ann.get("not_speakers", []):
        if x not in raw:
            problems.append(f"not_speaker {x!r} is not in the file")
    words = len(re.findall(r"\b\w[\w'’-]*\b", body))
    return problems, {
        "claims": len(ann["claims"]),
        "speakers": len(speakers),
        "links": len(ann["denials"]),
        "optional": len(ann.get("optional_links", [])),
        "words": words,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path, help="the set's folder, e.g. bench/heldout9")
    ap.add_argument("--words", action="store_true", help="print each article's counts")
    args = ap.parse_args()
    paths = articles(args.folder)
    totals: Counter[str] = Counter()
    bad = 0
    with tempfile.TemporaryDirectory() as tmp:
        lib = Library.open(Path(tmp) / "check.briefdesk")
        try:
            for path in paths:
                problems, counts = check(lib, path)
                totals.update(counts)
                if args.words:
                    print(path.name, dict(counts))
                for p in problems:
                    bad += 1
                    print(f"{path.name}: {p}")
        finally:
            lib.close()
    print(f"{len(paths)} articles, {dict(totals)}, {bad} problems")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
