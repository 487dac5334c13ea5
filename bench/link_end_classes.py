"""The ends of missed denial links that were never drafted with their speaker, each sorted into one class by the
grammar that carries it, so drafting work goes to the largest class. For TUNING sets only (never a blind set):

    .venv/bin/python bench/link_end_classes.py bench/corpus bench/heldout ... [--list]

An end is the claim a missed link answers (when none of its alternatives was drafted) or the denial itself, each
counted once per article however many links it costs (``links`` counts those). The class is the first that
applies, decided from the text around the quote, not by hand:

- ``span holds two statements``: drafted with its speaker, inside one proposal that the benchmark matched to
  another annotated statement ("said A and that B", "says A and calls B");
- ``transcript or interview``: said in a question or answer of a labelled transcript or an interview;
- ``issuer's own words``: a statement or press release speaking for itself ("We reject ...", numbered points),
  with no verb of saying;
- ``judgement, no verb of saying``: "X called the report ...", "X rejected that account", "X defended its
  figures", "an accusation his ministry said was ...";
- ``report or complaint carries it``: "a report by X that", "published a report alleging that", "The report
  further claims that", "remarks made by X that", "Reports in some newspapers that ... are untrue";
- ``relative clause``: ", which said ...", "a map that it said showed", "land the auditors said was";
- ``quote, speaker after, attribution runs on``: a quotation whose speaker comes after it with a long tail ("said
  in a statement issued before ...", "told a rally outside ..."), or a quotation going on after its speaker;
- ``said after the words, unquoted``: "That is simply not true, X said: ...";
- ``the NOUN or a pronoun speaks``: "The station says", "The panel called", "It said", "She said", "the
  company said" (a description or pronoun the rules resolve to no one or to the wrong one);
- ``long subject``: a subject with a description, a relative clause or an opening phrase before the verb ("The
  owner of the plant outside X, where ..., dismissed", "The next day Osterrun said", "A gang that locked ...");
- ``other``.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import match_claims, speaker_matcher  # noqa: E402
from drafted_sets import drafted_articles  # noqa: E402

CLASSES = [
    "span holds two statements",
    "transcript or interview",
    "issuer's own words",
    "judgement, no verb of saying",
    "report or complaint carries it",
    "relative clause",
    "quote, speaker after, attribution runs on",
    "said after the words, unquoted",
    "the NOUN or a pronoun speaks",
    "long subject",
    "other",
]
SAY = r"(?:said|says|told|tells|reported|reports|wrote|writes|added|adds|stated|states)"
TURN = re.compile(r"^\s*(?:Q|QUESTION|A|ANSWER|SPOKESPERSON|[A-Z][A-Z\-' ]{2,40})(?:\s*\([^)]*\))?:", re.M)
JUDGED = re.compile(
    r"^(?:also\s+)?(?:called|calls|rejected|rejects|dismissed|dismisses|defended|defends|repeated|repeats)\b"
    r"|\b(?:accusation|explanation|claim)\s+(?:that\s+)?(?:\w+\s+){1,3}(?:said|called)\s*[\"\u201c]?$",
)
REPORTED = re.compile(
    r"\b(?:reports?|complaints?|remarks|claims?|allegations?|letter|study|survey)\b[^.;]{0,90}\bthat\s*$"
    r"|\b(?:alleging|claiming|stating|further\s+claims|also\s+states|states)\s+that\s*$"
    r"|^Reports\s+in\b",
    re.I,
)
RELATIVE = re.compile(
    rf"(?:,\s*which|\bthat\s+(?:it|he|she|they))\s+(?:\w+\s+){{0,2}}{SAY}\b[^.]{{0,30}}$|"
    r"\b(?:the\s+)?\w+\s+said\s+was\s*$"
)
AFTER_QUOTE = re.compile(rf"^[\"\u201d\u2019]?\s*,?[\"\u201d]?\s*[^.\"\u201c]{{2,80}}\b{SAY}\b([^.]*)\.")
GOES_ON = re.compile(rf"[\"\u201d],?\s+[^.\"\u201c]{{2,80}}\b{SAY}\b[^.\"\u201c]*\.\s*[\"\u201c]?\s*$")
UNQUOTED_AFTER = re.compile(rf"\b{SAY}\b[^.:]{{0,40}}:\s*$|,\s+[^,.]{{2,60}}\b{SAY}\b[^.:]{{0,40}}:\s*$")
DESCRIBED = re.compile(
    rf"(?:^|[.!?]\s+|\n)\s*(?:(?:In a statement[^,]*,\s*)?(?:the|The)\s+[a-z]+(?:\s+itself)?|It|it|He|he|She|she|"
    rf"[Tt]he statement|[Tt]he (?:second|first))(?:,\s*[^,]+,)?\s+"
    rf"(?:(?:also|now|has|had|have|later|then|on\s+\w+|in\s+a\s+(?:short\s+)?statement)\s+){{0,2}}"
    rf"(?:{SAY}|called|calls|rejected)\b[^.\"\u201c]{{0,40}}$"
)


def _clause_before(body: str, s: int) -> str:
    """The text of the quote's sentence before the quote (back to the last full stop or line break)."""
    a = max(body.rfind(". ", 0, s), body.rfind("\n", 0, s), body.rfind("? ", 0, s)) + 1
    return body[a:s]


def classify_end(body: str, s: int, e: int, overlapping_right_speaker: bool) -> str:
    para_start = body.rfind("\n", 0, s) + 1
    para = body[para_start:s]
    before = _clause_before(body, s)
    quote = body[s:e]
    after = body[e : e + 200]
    quoted = body[s - 1 : s] in '"\u201c'
    if overlapping_right_speaker:
        return "span holds two statements"
    if (
        TURN.match(body, para_start)
        or "?" in para[-300:]
        or re.search(r"\?\s*\n\s*\n?\s*$", body[max(0, s - 400) : s])
    ):
        return "transcript or interview"
    if quoted and GOES_ON.search(body[max(0, s - 300) : s]):
        return "quote, speaker after, attribution runs on"
    if re.match(r"^\s*\d+\.\s", para) or (
        re.match(r"\s*(?:We|Our)\b", quote) and not re.search(SAY, before + after[:80])
    ):
        return "issuer's own words"
    if JUDGED.search(quote) or JUDGED.search(before.strip()):
        return "judgement, no verb of saying"
    if REPORTED.search(before) or REPORTED.search(quote):
        return "report or complaint carries it"
    if RELATIVE.search(before):
        return "relative clause"
    tail = AFTER_QUOTE.match(after)
    if quoted and tail and len(tail.group(1).split()) > 4:
        return "quote, speaker after, attribution runs on"
    said_after = re.match(rf",\s+[^,.\"\u201c]{{2,60}}\b{SAY}\b[^.:]{{0,40}}:", after)
    if not quoted and (UNQUOTED_AFTER.search(before) or said_after):
        return "said after the words, unquoted"
    if DESCRIBED.search(before) or (
        quoted and re.match(rf"[\"\u201d]?,?[\"\u201d]?\s+(?:the\s+[a-z]+|it|he|she)\s+{SAY}", after)
    ):
        return "the NOUN or a pronoun speaks"
    if len(before.split()) > 6 and re.search(
        rf"\b(?:{SAY}|called|dismissed|rejected)\b(?:\s+\w+){{0,3}}\s+(?:that\s+)?$", before
    ):
        return "long subject"
    return "other"


def undrafted_ends(art) -> list[tuple[str, str, int, str]]:
    """(claim id, 'target' or 'denial', links it costs, class) of each undrafted end of a missed link."""
    body, ann, props = art.source.body, art.ann, art.proposals
    spans, match = match_claims(body, ann, props)
    by_cid = {v: k for k, v in match.items()}
    matches = speaker_matcher(ann)
    predicted = {match.get(p.key): match.get(p.denies) for p in props if p.kind == "denial" and p.denies}
    cost: dict[str, list] = {}
    for d, ts in ann["denials"]:
        alts = ts.split("|")
        if predicted.get(d) in alts:
            continue
        ends = [("target", alts[0])] if not any(t in by_cid for t in alts) else []
        if d not in by_cid:
            ends.append(("denial", d))
        for role, c in ends:
            cost.setdefault(c, [role, 0])[1] += 1
    out = []
    for c, (role, n) in cost.items():
        s, e, speaker = spans[c]
        right = any(p.start < e and s < p.end and matches(p.actor, speaker) for p in props)
        out.append((c, role, n, classify_end(body, s, e, right)))
    return out


def main(argv: list[str]) -> int:
    listing = "--list" in argv
    dirs = [Path(a) for a in argv if not a.startswith("--")]
    ends: dict[str, Counter[str]] = {d.name: Counter() for d in dirs}
    links: dict[str, Counter[str]] = {d.name: Counter() for d in dirs}
    for art in drafted_articles(dirs):
        name = art.directory.name
        for c, role, n, cls in undrafted_ends(art):
            ends[name][cls] += 1
            links[name][cls] += n
            if listing:
                s, e, speaker = match_claims(art.source.body, art.ann, art.proposals)[0][c]
                text = art.source.body[s:e]
                print(
                    f"{name} {art.path.stem} {c} {role} x{n} <{cls}> [{speaker.split('|')[0]}] {text[:70]!r}"
                )
    names = [d.name for d in dirs]
    print("| grammar of the undrafted end (ends / links they cost) | " + " | ".join(names) + " | all |")
    print("|---|" + "---:|" * (len(names) + 1))
    for cls in [*CLASSES, "all"]:
        if cls == "all":
            e_cells = [sum(ends[n].values()) for n in names]
            l_cells = [sum(links[n].values()) for n in names]
        else:
            e_cells = [ends[n][cls] for n in names]
            l_cells = [links[n][cls] for n in names]
        cells = [f"{a}/{b}" if a else "" for a, b in zip(e_cells, l_cells, strict=True)]
        print(f"| {cls} | " + " | ".join(cells) + f" | {sum(e_cells)}/{sum(l_cells)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
