"""How far two annotations of the same articles agree: the first folder is taken as truth, the second as
proposals, and each article is scored the way bench/bench_extract.py scores a drafting run.

    .venv/bin/python bench/agreement.py bench/heldout13 bench/heldout13/second [--articles DIR] [--verbose]

Articles are the ones both folders annotate (``NAME.json`` in each), read from ``--articles`` (default: the
first folder, then the second) through bench_extract's own loader, so quotes are found in the body the
drafting bench sees. Claims match when their quote spans overlap by at least half of the shorter span (each
claim matched once, largest overlap first). On matched claims: speakers agree when one of the second's
accepted spellings is the first's speaker by bench_extract's speaker matching; dates said agree when they are
equal (both null counts as agreement), and the claims one annotation dates while the other leaves null are
counted apart. A denial link matches when both its ends are matched claims and one claim it answers is one of
the other link's alternatives (``"c|a"``); a link that only the other side's ``optional_links`` hold counts
neither way (their number is shown apart, "denial vs optional"). Each article's ``published`` is shown: two
annotations that resolve relative days against different source dates disagree on every such date, so the
pooled figures are also given over the articles whose ``published`` is the same.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import Score, import_article, speaker_matcher  # noqa: E402

from app._text import find_quote  # noqa: E402
from app.library import Library  # noqa: E402

ARTICLE_SUFFIXES = (".txt", ".html")


@dataclass
class Agreement:
    name: str
    published: tuple[str | None, str | None] = (None, None)
    claims: Score = field(default_factory=Score)
    speakers_same: int = 0
    links: Score = field(default_factory=Score)
    links_vs_optional: int = 0
    dates_same: int = 0
    dated_vs_null: int = 0
    notes: list[str] = field(default_factory=list)
    summary: bool = False

    @property
    def same_published(self) -> bool:
        return self.published[0] == self.published[1]


def _spans(body: str, ann: dict) -> dict[str, tuple[int, int]]:
    return {c["id"]: find_quote(body, c["quote"]) for c in ann["claims"]}


def match_claims(first: dict[str, tuple[int, int]], second: dict[str, tuple[int, int]]) -> dict[str, str]:
    """Second claim id -> first claim id, for spans that overlap by at least half of the shorter one."""
    pairs = []
    for b, (bs, be) in second.items():
        for a, (as_, ae) in first.items():
            overlap = min(ae, be) - max(as_, bs)
            if overlap > 0 and 2 * overlap >= min(ae - as_, be - bs):
                pairs.append((overlap, b, a))
    matched: dict[str, str] = {}
    taken: set[str] = set()
    for _, b, a in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if b not in matched and a not in taken:
            matched[b] = a
            taken.add(a)
    return matched


def _link_matches(link: list[str], other: list[str], to_other: dict[str, str]) -> bool:
    """Whether ``link`` (from one side) is ``other`` (from the side ``to_other`` maps claim ids into)."""
    denier, answered = link
    other_denier, other_answered = other
    targets = set(other_answered.split("|"))
    return to_other.get(denier) == other_denier and any(
        to_other.get(t) in targets for t in answered.split("|")
    )


def score_links(first: dict, second: dict, to_first: dict[str, str]) -> tuple[Score, int, list[str]]:
    """Denial links of the second annotation against the first's, how many links one side calls a denial
    and the other only optional (they count neither way), and a line for each miss, extra and such link."""
    to_second = {a: b for b, a in to_first.items()}
    truth, proposed = first.get("denials", []), second.get("denials", [])
    notes = []

    def kept(
        link: list[str], side: str, same: list[list[str]], optional: list[list[str]], forward: bool
    ) -> bool:
        def hit(other: list[str]) -> bool:
            return _link_matches(link, other, to_first) if forward else _link_matches(other, link, to_first)

        if any(hit(o) for o in same) or not any(hit(o) for o in optional):
            return True
        notes.append(f"link {side} calls a denial, the other optional: {link[0]}->{link[1]}")
        return False

    truth_kept = [t for t in truth if kept(t, "first", proposed, second.get("optional_links", []), False)]
    proposed_kept = [p for p in proposed if kept(p, "second", truth, first.get("optional_links", []), True)]
    score = Score(predicted=len(proposed_kept), expected=len(truth_kept))
    used: set[int] = set()
    for p in proposed_kept:
        hit = next(
            (i for i, t in enumerate(truth_kept) if i not in used and _link_matches(p, t, to_first)), None
        )
        if hit is None:
            mapped = f"{to_first.get(p[0], '-')}->{'|'.join(to_first.get(t, '-') for t in p[1].split('|'))}"
            notes.append(f"link only second: {p[0]}->{p[1]} (first's ids {mapped})")
        else:
            used.add(hit)
            score.tp += 1
    for i, t in enumerate(truth_kept):
        if i not in used:
            mapped = f"{to_second.get(t[0], '-')}->{'|'.join(to_second.get(x, '-') for x in t[1].split('|'))}"
            notes.append(f"link only first: {t[0]}->{t[1]} (second's ids {mapped})")
    return score, len(truth) + len(proposed) - len(truth_kept) - len(proposed_kept), notes


def _short(text: str, n: int = 70) -> str:
    return text if len(text) <= n else text[: n - 3] + "..."


def compare_article(body: str, name: str, first: dict, second: dict) -> Agreement:
    row = Agreement(name, published=(first.get("published"), second.get("published")))
    first_spans, second_spans = _spans(body, first), _spans(body, second)
    to_first = match_claims(first_spans, second_spans)
    row.claims = Score(tp=len(to_first), predicted=len(second_spans), expected=len(first_spans))
    by_id_first = {c["id"]: c for c in first["claims"]}
    by_id_second = {c["id"]: c for c in second["claims"]}
    same_speaker = speaker_matcher(first)
    for b, a in sorted(to_first.items(), key=lambda p: first_spans[p[1]]):
        ca, cb = by_id_first[a], by_id_second[b]
        if any(same_speaker(alternative, ca["speaker"]) for alternative in cb["speaker"].split("|")):
            row.speakers_same += 1
        else:
            row.notes.append(f"speaker {a}/{b}: {ca['speaker']!r} vs {cb['speaker']!r}")
        if ca.get("said") == cb.get("said"):
            row.dates_same += 1
        else:
            if (ca.get("said") is None) != (cb.get("said") is None):
                row.dated_vs_null += 1
            row.notes.append(f"date {a}/{b}: {ca.get('said')} vs {cb.get('said')}: {_short(ca['quote'])!r}")
    for a, c in by_id_first.items():
        if a not in to_first.values():
            row.notes.append(f"claim only first {a} ({c['speaker'].split('|')[0]}): {_short(c['quote'])!r}")
    for b, c in by_id_second.items():
        if b not in to_first:
            row.notes.append(f"claim only second {b} ({c['speaker'].split('|')[0]}): {_short(c['quote'])!r}")
    row.links, row.links_vs_optional, link_notes = score_links(first, second, to_first)
    row.notes.extend(link_notes)
    return row


def _article(name: str, folders: list[Path]) -> Path | None:
    for folder in folders:
        for suffix in ARTICLE_SUFFIXES:
            if (folder / (name + suffix)).is_file():
                return folder / (name + suffix)
    return None


def compare(first: Path, second: Path, articles: Path | None = None) -> list[Agreement]:
    """One row per article both folders annotate (in name order)."""
    names = sorted({p.stem for p in first.glob("*.json")} & {p.stem for p in second.glob("*.json")})
    folders = [articles] if articles else [first, second]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        lib = Library.open(Path(tmp) / "agreement.briefdesk")
        try:
            for name in names:
                path = _article(name, folders)
                if path is None:
                    raise SystemExit(f"{name}: no article (.txt or .html) in {', '.join(map(str, folders))}")
                ann_first = json.loads((first / f"{name}.json").read_text(encoding="utf-8"))
                ann_second = json.loads((second / f"{name}.json").read_text(encoding="utf-8"))
                body = lib.sources.get(import_article(lib, path, ann_first)).body
                rows.append(compare_article(body, name, ann_first, ann_second))
        finally:
            lib.close()
    return rows


def pooled(rows: list[Agreement], name: str = "pooled") -> Agreement:
    total = Agreement(name, summary=True)
    for r in rows:
        total.claims.add(r.claims)
        total.links.add(r.links)
        total.links_vs_optional += r.links_vs_optional
        total.speakers_same += r.speakers_same
        total.dates_same += r.dates_same
        total.dated_vs_null += r.dated_vs_null
    return total


def _ratio(n: int, d: int) -> str:
    return f"{n / d:.2f} ({n}/{d})" if d else "- (0/0)"


HEADER = (
    "article",
    "claims P",
    "claims R",
    "speakers",
    "links P",
    "links R",
    "denial vs optional",
    "dates said",
    "dated vs null",
    "published",
)


def table(rows: list[Agreement]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    for r in rows:
        first_pub, second_pub = (p or "null" for p in r.published)
        pub = first_pub if r.same_published else f"{first_pub} vs {second_pub}"
        cells = [
            r.name,
            _ratio(r.claims.tp, r.claims.predicted),
            _ratio(r.claims.tp, r.claims.expected),
            _ratio(r.speakers_same, r.claims.tp),
            _ratio(r.links.tp, r.links.predicted),
            _ratio(r.links.tp, r.links.expected),
            str(r.links_vs_optional),
            _ratio(r.dates_same, r.claims.tp),
            str(r.dated_vs_null),
            "" if r.summary else pub,
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("first", type=Path, help="the annotation taken as truth, e.g. bench/heldout13")
    ap.add_argument("second", type=Path, help="the annotation scored against it")
    ap.add_argument("--articles", type=Path, help="where the articles are (default: the first folder)")
    ap.add_argument("--verbose", action="store_true", help="list every disagreement")
    args = ap.parse_args(argv)
    rows = compare(args.first, args.second, args.articles)
    if not rows:
        raise SystemExit("no article is annotated in both folders")
    same = [r for r in rows if r.same_published]
    summary = [pooled(rows)]
    if len(same) != len(rows):
        summary.append(pooled(same, f"pooled, same published ({len(same)})"))
    print(table(rows + summary))
    if args.verbose:
        for r in rows:
            for note in r.notes:
                print(f"{r.name}: {note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
