"""Extraction quality on the annotated corpus (bench/corpus): precision and recall for speakers, claims and
denial links, for the development articles and the held-out ones separately, plus throughput.

    .venv/bin/python bench/bench_extract.py [--corpus bench/corpus] [--held-out 23] [--verbose]

Matching: a proposal matches an annotated claim when their spans overlap and the speakers match (same name
after dropping articles and case, one containing the other, or the same surname). A denial link is right when
both its ends match the annotated denial and the claim it denies. Articles numbered >= --held-out were written
before any tuning and never used to tune the rules: their figures are the honest estimate.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.extract import RuleExtractor  # noqa: E402


def norm(name: str) -> str:
    name = name.lower().replace("\u2019", "'")
    name = re.sub(r"^(the|a|an|one)\s+", "", name.strip())
    return re.sub(r"\s+", " ", name)


def same_speaker(predicted: str, expected: str) -> bool:
    p, e = norm(predicted), norm(expected)
    if not p or not e:
        return False
    if p == e or p in e or e in p:
        return True
    pw, ew = p.split(), e.split()
    return len(pw) >= 1 and len(ew) >= 2 and pw[-1] == ew[-1] and pw[-1][:1].isalpha()


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
    speakers: Score = field(default_factory=Score)
    claims: Score = field(default_factory=Score)
    links: Score = field(default_factory=Score)
    misses: list[str] = field(default_factory=list)


def score_article(path: Path, extractor, verbose: bool = False) -> tuple[ArticleScore, float]:
    text = path.read_text(encoding="utf-8")
    ann = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    published = dt.date.fromisoformat(ann["published"])
    started = time.perf_counter()
    proposals = extractor.propose(text, published=published)
    elapsed = time.perf_counter() - started
    result = ArticleScore(path.stem)

    # speakers
    predicted_speakers = list(dict.fromkeys(p.actor for p in proposals))
    expected_speakers = ann["speakers"]
    result.speakers = Score(
        tp=sum(1 for e in expected_speakers if any(same_speaker(p, e) for p in predicted_speakers)),
        predicted=len(predicted_speakers),
        expected=len(expected_speakers),
    )
    # precision of speakers: predicted ones that match some expected speaker
    result.speakers.predicted = len(predicted_speakers)
    matched_pred_speakers = sum(
        1 for p in predicted_speakers if any(same_speaker(p, e) for e in expected_speakers)
    )

    # claims
    spans = {}
    for c in ann["claims"]:
        start = text.find(c["quote"])
        spans[c["id"]] = (start, start + len(c["quote"]), c["speaker"])
    match: dict[str, str] = {}  # proposal key -> annotated claim id
    used: set[str] = set()
    for p in proposals:
        best = None
        for cid, (s, e, speaker) in spans.items():
            if cid in used or not (p.start < e and s < p.end) or not same_speaker(p.actor, speaker):
                continue
            overlap = min(p.end, e) - max(p.start, s)
            if best is None or overlap > best[0]:
                best = (overlap, cid)
        if best is not None:
            match[p.key] = best[1]
            used.add(best[1])
    result.claims = Score(tp=len(used), predicted=len(proposals), expected=len(spans))
    for cid, (s, e, speaker) in spans.items():
        if cid not in used:
            result.misses.append(f"missed {cid} [{speaker}] {text[s:e][:70]!r}")
    for p in proposals:
        if p.key not in match:
            result.misses.append(f"extra  {p.key} [{p.actor}] {p.quote[:70]!r}")

    # denial links
    expected_links = {tuple(pair) for pair in ann["denials"]}
    predicted_links = []
    for p in proposals:
        if p.kind == "denial" and p.denies:
            predicted_links.append((match.get(p.key), match.get(p.denies)))
    correct = sum(1 for link in set(predicted_links) if link in expected_links)
    result.links = Score(tp=correct, predicted=len(predicted_links), expected=len(expected_links))
    for link in predicted_links:
        if link not in expected_links:
            result.misses.append(f"wrong link {link}")
    result.speaker_precision_tp = matched_pred_speakers  # type: ignore[attr-defined]
    return result, elapsed


def table(rows: list[ArticleScore]) -> tuple[Score, Score, Score, float]:
    sp, cl, li = Score(), Score(), Score()
    sp_prec_tp = 0
    for r in rows:
        sp.add(r.speakers)
        cl.add(r.claims)
        li.add(r.links)
        sp_prec_tp += r.speaker_precision_tp  # type: ignore[attr-defined]
    speaker_precision = sp_prec_tp / sp.predicted if sp.predicted else 1.0
    return sp, cl, li, speaker_precision


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=str(Path(__file__).parent / "corpus"))
    ap.add_argument("--held-out", type=int, default=23, help="articles numbered from here on are held out")
    ap.add_argument("--verbose", action="store_true", help="list every miss and extra proposal")
    ap.add_argument("--runs", type=int, default=20, help="repetitions for the throughput figure")
    args = ap.parse_args(argv)
    paths = sorted(Path(args.corpus).glob("*.txt"))
    extractor = RuleExtractor()
    scores = []
    for path in paths:
        s, _ = score_article(path, extractor)
        scores.append(s)
        if args.verbose and s.misses:
            print(f"--- {s.name}")
            for m in s.misses:
                print("   ", m)
    dev = [s for s in scores if int(s.name[:2]) < args.held_out]
    held = [s for s in scores if int(s.name[:2]) >= args.held_out]
    print(f"Extraction quality, RuleExtractor, corpus {args.corpus} ({len(paths)} articles)\n")
    print("| set | articles | speaker P | speaker R | claim P | claim R | denial-link P | denial-link R |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for label, rows in (("development", dev), ("held out", held), ("all", scores)):
        if not rows:
            continue
        sp, cl, li, spp = table(rows)
        print(
            f"| {label} | {len(rows)} | {spp:.2f} | {sp.recall:.2f} | {cl.precision:.2f} | {cl.recall:.2f} | "
            f"{li.precision:.2f} ({li.tp}/{li.predicted}) | {li.recall:.2f} ({li.tp}/{li.expected}) |"
        )
    texts = [(p.read_text(encoding="utf-8"), json.loads(p.with_suffix(".json").read_text())) for p in paths]
    chars = sum(len(t) for t, _ in texts)
    times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        for t, a in texts:
            extractor.propose(t, published=dt.date.fromisoformat(a["published"]))
        times.append(time.perf_counter() - started)
    med = statistics.median(times)
    print(
        f"\nThroughput: {len(texts) / med:,.0f} articles/s, {chars / med / 1000:,.0f} k characters/s "
        f"(median of {args.runs} passes over the corpus, {chars:,} characters)"
    )
    print("Targets: speaker recall >= 0.9, claim recall >= 0.8, denial-link precision >= 0.8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
