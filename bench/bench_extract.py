"""Drafting quality on annotated articles: speakers, claims, denial links and dates said, through the same path
an analyst uses (the file imported into a library, then ``app.extract.propose``), plus throughput.

    .venv/bin/python bench/bench_extract.py                 # the tuning corpus (bench/corpus)
    .venv/bin/python bench/bench_extract.py --heldout       # the held-out set (bench/heldout): look rarely
    .venv/bin/python bench/bench_extract.py --corpus DIR [--verbose] [--runs N]

Matching: a proposal matches an annotated claim when their spans overlap and the speakers match. A speaker
matches when it equals one of the annotation's spellings (``"a|b"``) after dropping articles and case, or one
contains the other, or it has the same surname as a two-word name; a fragment ("Ms Vale was asked about the")
never matches. Speakers the annotation marks ``exact_speakers`` (actors already in the library) must come out
exactly as the library spells them. A denial link is right when both its ends match and the claim it answers is
one of the annotation's (``"c|a"``); ``optional_links`` count neither way. Date said: over matched claims, the
share whose date equals the annotation's (a claim with no date in the text must have none). An article whose
``language`` is not English must be refused with "drafting supports English text".

bench/heldout was written before the extractor was run on it and is never used for tuning: run it with
--heldout only to measure, and record each look in bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app._text import find_quote  # noqa: E402
from app.errors import ValidationError  # noqa: E402
from app.extract import RuleExtractor, propose  # noqa: E402
from app.importers.batch import import_paths  # noqa: E402
from app.library import Library  # noqa: E402

HERE = Path(__file__).resolve().parent
_FRAGMENT_WORDS = re.compile(
    r"\b(is|was|were|are|be|been|has|have|had|asked|said|says|told|while|when|eventually|it|this|that|read|"
    r"more|related|share|others|also|however|although|whether|if|because)\b",
    re.I,
)
_FUNCTION_END = re.compile(r"\b(the|of|to|a|an|and|in|on|about|for|with|by|at|from|as|or|but)$", re.I)


def norm(name: str) -> str:
    name = name.lower().replace("\u2019", "'")
    name = re.sub(r"^(the|a|an|one)\s+", "", name.strip())
    return re.sub(r"\s+", " ", name)


def is_fragment(speaker: str, not_speakers: list[str]) -> bool:
    """A clause fragment, a web page's furniture or a word that is no one: never a speaker."""
    n = norm(speaker)
    if any(n == norm(x) or (len(norm(x)) > 6 and norm(x) in n) for x in not_speakers):
        return True
    return bool(_FRAGMENT_WORDS.search(n) or _FUNCTION_END.search(n) or not re.search(r"[a-z]", n))


def same_speaker(predicted: str, expected: str, *, exact: bool = False) -> bool:
    p = norm(predicted)
    if not p:
        return False
    for alternative in expected.split("|"):
        e = norm(alternative)
        if not e:
            continue
        if p == e:
            return True
        if exact:
            continue
        if p in e or e in p:
            return True
        pw, ew = p.split(), e.split()
        if len(ew) >= 2 and pw[-1] == ew[-1] and pw[-1][:1].isalpha():
            return True
    return False


@dataclass
class Score:
    tp: int = 0
    predicted: int = 0
    expected: int = 0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.predicted += other.predicted
        self.expected += other.expected

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.expected if self.expected else 1.0


@dataclass
class ArticleScore:
    name: str
    english: bool = True
    speakers: Score = field(default_factory=Score)
    speaker_precision_tp: int = 0
    fragments: list[str] = field(default_factory=list)
    claims: Score = field(default_factory=Score)
    links: Score = field(default_factory=Score)
    dates_right: int = 0
    dates_total: int = 0
    dated_right: int = 0
    dated_total: int = 0
    invented_dates: int = 0
    subjects_kept: int = 0
    subjects_total: int = 0
    refused_right: bool = True
    page_checks: list[tuple[str, bool, str]] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)


def import_article(lib, path: Path, ann: dict) -> int:
    """The article as an analyst imports it: a plain-text file's first line is its title when the annotation
    says the article has a headline (the old corpus has none, so its whole text is the body); a .txt source's
    date is what the analyst would type (the annotation's ``published``); a saved page brings its own."""
    title = None if (path.suffix != ".txt" or ann.get("headline")) else path.stem
    report = import_paths(lib, [path], title=title)
    result = report.results[-1]
    if not result.source_ids:
        raise SystemExit(f"{path.name}: import failed: {result.message}")
    sid = result.source_ids[0]
    if path.suffix == ".txt" and ann.get("published"):
        lib.sources.update(sid, published=ann["published"])
    return sid


def speaker_matcher(ann: dict) -> Callable[[str, str], bool]:
    """Whether a drafted speaker is the annotated one: no fragment, the same name (exactly, where the
    annotation asks for it)."""
    not_speakers = ann.get("not_speakers", [])
    exact = set(ann.get("exact_speakers", []))

    def matches(predicted: str, expected: str) -> bool:
        return not is_fragment(predicted, not_speakers) and same_speaker(
            predicted, expected, exact=expected in exact
        )

    return matches


def match_claims(
    body: str, ann: dict, proposals: list
) -> tuple[dict[str, tuple[int, int, str]], dict[str, str]]:
    """Each annotated claim's span and speaker, and which proposal (by key) drafted which claim: the proposal
    whose text overlaps the claim's quote most, with the right speaker, each claim matched once."""
    matches = speaker_matcher(ann)
    spans = {c["id"]: (*find_quote(body, c["quote"]), c["speaker"]) for c in ann["claims"]}
    match: dict[str, str] = {}  # proposal key -> annotated claim id
    used: set[str] = set()
    for p in proposals:
        best = None
        for cid, (s, e, speaker) in spans.items():
            if cid in used or not (p.start < e and s < p.end) or not matches(p.actor, speaker):
                continue
            overlap = min(p.end, e) - max(p.start, s)
            if best is None or overlap > best[0]:
                best = (overlap, cid)
        if best is not None:
            match[p.key] = best[1]
            used.add(best[1])
    return spans, match


def score_article(lib, path: Path, verbose: bool = False) -> ArticleScore:
    ann = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    for actor in ann.get("library_actors", []):
        if lib.actors.find(actor["name"]) is None:
            lib.actors.create(**actor)
    sid = import_article(lib, path, ann)
    source = lib.sources.get(sid)
    result = ArticleScore(path.stem, english=ann.get("language", "en") == "en")
    if path.suffix != ".txt":
        got_date = str(source.published or "")
        result.page_checks.append(("date", got_date == (ann.get("published") or ""), got_date))
        if ann.get("kind"):
            result.page_checks.append(("kind", source.kind.value == ann["kind"], source.kind.value))
        lang = (source.language or "").lower()
        result.page_checks.append(("language", lang.startswith(ann.get("language", "en")), lang))
    try:
        extraction = propose(lib, sid)
    except ValidationError as exc:  # a plain refusal is a result too
        extraction, refusal = None, str(exc)
    else:
        refusal = getattr(extraction, "notice", "") or ""
    proposals = list(extraction.proposals) if extraction is not None else []
    if not result.english:
        result.refused_right = "drafting supports english text" in refusal.lower() and not proposals
        if not result.refused_right:
            result.misses.append(f"not refused: {refusal!r}, {len(proposals)} proposals")
        return result
    body = source.body
    matches = speaker_matcher(ann)

    # speakers
    predicted_speakers = list(dict.fromkeys(p.actor for p in proposals))
    expected_speakers = ann["speakers"]
    result.speakers = Score(
        tp=sum(1 for e in expected_speakers if any(matches(p, e) for p in predicted_speakers)),
        predicted=len(predicted_speakers),
        expected=len(expected_speakers),
    )
    result.speaker_precision_tp = sum(
        1 for p in predicted_speakers if any(matches(p, e) for e in expected_speakers)
    )
    result.fragments = [p for p in predicted_speakers if is_fragment(p, ann.get("not_speakers", []))]
    for p in predicted_speakers:
        if not any(matches(p, e) for e in expected_speakers):
            result.misses.append(f"wrong speaker {p!r}")

    # claims
    spans, match = match_claims(body, ann, proposals)
    result.claims = Score(tp=len(match), predicted=len(proposals), expected=len(spans))
    used = set(match.values())
    for cid, (s, e, speaker) in spans.items():
        if cid not in used:
            result.misses.append(f"missed {cid} [{speaker}] {body[s:e][:70]!r}")
    for p in proposals:
        if p.key not in match:
            result.misses.append(f"extra  {p.key} [{p.actor}] {p.quote[:70]!r}")

    # dates said and subjects kept, over matched claims
    by_id = {c["id"]: c for c in ann["claims"]}
    for p in proposals:
        cid = match.get(p.key)
        if cid is None:
            continue
        c = by_id[cid]
        for word in c.get("statement_has", []):
            result.subjects_total += 1
            kept = word in p.statement
            result.subjects_kept += kept
            if not kept:
                result.misses.append(f"subject {word!r} lost in {cid}: {p.statement[:70]!r}")
        if "said" not in c:  # the older corpus does not annotate dates said
            continue
        expected_said = c["said"]
        got = p.said.isoformat() if p.said else None
        result.dates_total += 1
        result.dates_right += got == expected_said
        if expected_said:
            result.dated_total += 1
            result.dated_right += got == expected_said
        elif got:
            result.invented_dates += 1
        if got != expected_said:
            result.misses.append(f"date   {cid}: {got} (expected {expected_said})")

    # denial links
    expected_links = {(d, alt) for d, targets in ann["denials"] for alt in targets.split("|")}
    optional = {tuple(pair) for pair in ann.get("optional_links", [])}
    predicted_links = set()
    for p in proposals:
        if p.kind == "denial" and p.denies:
            link = (match.get(p.key), match.get(p.denies))
            if link not in optional:
                predicted_links.add(link)
    correct = sum(1 for link in predicted_links if link in expected_links)
    result.links = Score(tp=correct, predicted=len(predicted_links), expected=len(ann["denials"]))
    for link in predicted_links:
        if link not in expected_links:
            result.misses.append(f"wrong link {link}")
    found = {d for d, _t in predicted_links if (d, _t) in expected_links}
    for d, targets in ann["denials"]:
        if d not in found:
            result.misses.append(f"missed link {d} -> {targets}")
    return result


def summary(label: str, rows: list[ArticleScore]) -> str:
    english = [r for r in rows if r.english]
    sp, cl, li = Score(), Score(), Score()
    sp_tp = dates = dates_ok = dated = dated_ok = invented = frags = 0
    for r in english:
        sp.add(r.speakers)
        cl.add(r.claims)
        li.add(r.links)
        sp_tp += r.speaker_precision_tp
        dates += r.dates_total
        dates_ok += r.dates_right
        dated += r.dated_total
        dated_ok += r.dated_right
        invented += r.invented_dates
        frags += len(r.fragments)
    spp = sp_tp / sp.predicted if sp.predicted else 1.0
    acc = dates_ok / dates if dates else 1.0
    dated_acc = dated_ok / dated if dated else 1.0
    return (
        f"| {label} | {len(english)} | {spp:.2f} | {sp.recall:.2f} | {frags} | {cl.precision:.2f} | "
        f"{cl.recall:.2f} | {li.precision:.2f} ({li.tp}/{li.predicted}) | {li.recall:.2f} ({li.tp}/{li.expected}) "
        f"| {acc:.2f} ({dates_ok}/{dates}) | {dated_acc:.2f} ({dated_ok}/{dated}) | {invented} |"
    )


def articles(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.suffix in (".txt", ".html") and p.stem[:1] != ".")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", help="a folder of annotated articles (default bench/corpus)")
    ap.add_argument("--heldout", action="store_true", help="score the held-out set bench/heldout instead")
    ap.add_argument("--verbose", action="store_true", help="list every miss and extra proposal")
    ap.add_argument("--runs", type=int, default=20, help="repetitions for the throughput figure (0: none)")
    args = ap.parse_args(argv)
    directory = Path(args.corpus) if args.corpus else HERE / ("heldout" if args.heldout else "corpus")
    paths = articles(directory)
    scores = []
    with tempfile.TemporaryDirectory() as tmp:
        lib = Library.open(Path(tmp) / "bench.briefdesk")
        try:
            for path in paths:
                s = score_article(lib, path)
                scores.append(s)
                if args.verbose and (s.misses or s.page_checks):
                    print(f"--- {s.name}")
                    for name, ok, got in s.page_checks:
                        print(f"    page {name}: {got!r} {'ok' if ok else 'WRONG'}")
                    for m in s.misses:
                        print("   ", m)
        finally:
            lib.close()
    print(f"Drafting quality, {RuleExtractor.name} extractor, {directory} ({len(paths)} articles)\n")
    print(
        "| set | English articles | speaker P | speaker R | fragment speakers | claim P | claim R | "
        "denial-link P | denial-link R | date said | dated claims | dates invented |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(summary(directory.name, scores))
    others = [s for s in scores if not s.english]
    if others:
        ok = sum(s.refused_right for s in others)
        print(f"\nNon-English articles refused with 'drafting supports English text': {ok} of {len(others)}")
    checks = [c for s in scores for c in s.page_checks]
    if checks:
        for name in ("kind", "date", "language"):
            got = [ok for n, ok, _ in checks if n == name]
            if got:
                print(f"Saved pages, {name} from the page's own data right: {sum(got)} of {len(got)}")
    subjects = sum(s.subjects_total for s in scores)
    if subjects:
        print(f"Subjects kept in statements: {sum(s.subjects_kept for s in scores)} of {subjects}")
    if args.runs:
        texts = []
        for p in paths:
            if p.suffix == ".txt":
                ann = json.loads(p.with_suffix(".json").read_text(encoding="utf-8"))
                published = dt.date.fromisoformat(ann["published"]) if ann.get("published") else None
                texts.append((p.read_text(encoding="utf-8"), published))
        extractor = RuleExtractor()
        chars = sum(len(t) for t, _ in texts)
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            for t, published in texts:
                extractor.propose(t, published=published)
            times.append(time.perf_counter() - started)
        med = statistics.median(times)
        print(
            f"\nThroughput (extractor alone, plain-text articles): {len(texts) / med:,.0f} articles/s, "
            f"{chars / med / 1000:,.0f} k characters/s (median of {args.runs} passes, {chars:,} characters)"
        )
    print(
        "Targets: speaker P and R >= 0.9, no fragment speakers, denial-link P >= 0.8 and R >= 0.7, "
        "date said >= 0.8"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
