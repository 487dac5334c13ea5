"""Would a parser find speakers the rules miss? The CMU/OpenCog Link Grammar parser (Debian bookworm's
python3-link-grammar and link-grammar-dictionaries-en, 5.12.0) against app.extract on attribution sentences.
A bench script, not product code: nothing in app/ imports it.

    apt-get install -y python3-link-grammar link-grammar-dictionaries-en
    .venv/bin/python bench/bench_parser_speakers.py [--half dev|test|all] [--show K] [--grammar-n N]
    .venv/bin/python bench/bench_parser_speakers.py --cold 7      # fresh processes: load, dictionary, first parse

The module is Debian's, built for Debian's python3.11; our venvs are pyenv 3.11.7. It is loaded from its own folder
(LINKGRAMMAR_DIR, default /usr/lib/python3/dist-packages/linkgrammar) by importlib, so that nothing else of
Debian's dist-packages enters the venv's path. Its extension links libpython3.11.so.1.0, which the pyenv build
(--enable-shared) has already loaded under the same soname, so one interpreter runs both.

Sentences, each with its gold speaker ("a|b"; "" when no one speaks):
- grammar: tests/app/extract/attribution_grammar.py, wave 4, seed 11 (dev) and 12 (test);
- shapes: tests/app/extract/real_shapes.py, SHAPES, halved by a CRC of the sentence;
- sets: every annotated claim of bench/corpus, heldout .. heldout14 (never heldout15), the sentence(s) holding
  its quote in the imported body, articles halved by a CRC of "set/article".
The parser's speaker of a sentence: the subject of a verb of saying (said, told, denied, accused, ...; through
auxiliaries and "was quoted as"), an inverted '"...," said X' (the verb's object when it has no subject), or
the object of "according to", as its noun phrase (determiners, adjectives, name parts, "of/for/in" phrases,
coordinated names); a role with a name in apposition gives the name. Verbs inside the claim's own quote,
passives other than "quoted", negated verbs and "nobody"-type subjects give none. The rules' speaker: what
app.extract drafts over the claim today (the sets: the article imported and drafted as bench_extract does).
Matching is bench_extract's (same_speaker, is_fragment with the article's not_speakers and exact_speakers).

Combination "fallback": the rules' speaker, or the parser's where the rules drafted nothing over the claim or a
fragment (a pronoun from the parser counts as nothing). Its cost is measured too: on every sentence of the
sets' articles that no annotated claim and no rule proposal touches, a parser speaker is an invented proposal.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

HERE = Path(__file__).resolve().parent
SETS = ["corpus", "heldout"] + [f"heldout{i}" for i in range(2, 15)]  # heldout15 is blind: never listed
PUBLISHED = dt.date(2026, 3, 12)
SHOW_QUIET = False
LG_DIR = os.environ.get("LINKGRAMMAR_DIR", "/usr/lib/python3/dist-packages/linkgrammar")

_VERBS = {
    "say": "say says said saying",
    "tell": "tell tells told telling",
    "deny": "deny denies denied denying",
    "accuse": "accuse accuses accused accusing",
    "claim": "claim claims claimed claiming",
    "confirm": "confirm confirms confirmed confirming",
    "warn": "warn warns warned warning",
    "add": "add adds added adding",
    "reject": "reject rejects rejected rejecting",
    "dismiss": "dismiss dismisses dismissed dismissing",
    "insist": "insist insists insisted insisting",
    "argue": "argue argues argued arguing",
    "call": "call calls called calling",
    "write": "write writes wrote written writing",
    "report": "report reports reported reporting",
    "state": "state states stated stating",
    "announce": "announce announces announced announcing",
    "reply": "reply replies replied replying",
    "respond": "respond responds responded responding",
    "allege": "allege alleges alleged alleging",
    "admit": "admit admits admitted admitting",
    "acknowledge": "acknowledge acknowledges acknowledged acknowledging",
    "explain": "explain explains explained explaining",
    "stress": "stress stresses stressed stressing",
    "urge": "urge urges urged urging",
    "vow": "vow vows vowed vowing",
    "promise": "promise promises promised promising",
    "blame": "blame blames blamed blaming",
    "condemn": "condemn condemns condemned condemning",
    "describe": "describe describes described describing",
    "quote": "quote quotes quoted quoting",
    "contend": "contend contends contended contending",
    "maintain": "maintain maintains maintained maintaining",
    "assert": "assert asserts asserted asserting",
    "counter": "counter counters countered countering",
    "refute": "refute refutes refuted refuting",
    "brand": "brand brands branded branding",
    "predict": "predict predicts predicted predicting",
    "estimate": "estimate estimates estimated estimating",
    "concede": "concede concedes conceded conceding",
    "tweet": "tweet tweets tweeted tweeting",
    "post": "post posts posted posting",
    "testify": "testify testifies testified testifying",
    "complain": "complain complains complained complaining",
}
SPEECH = {form: lemma for lemma, forms in _VERBS.items() for form in forms.split()}
# verbs that attribute with an object alone ("denied the report"); the others need a clause, a quotation or a
# parenthetical position ("said the ferries would run", "said: ...", '"...," she said', "critics say,")
OBJECT_VERBS = {
    "deny", "reject", "dismiss", "accuse", "blame", "condemn", "confirm", "refute", "admit", "acknowledge", "call",
    "quote",
}
CLAUSE_LINKS = ("TH", "Ce", "CV", "CP", "QU", "Eq", "I*t", "Cet")
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "this", "that", "who", "which"}
NOBODY = {"nobody", "no one", "none", "noone", "what", "anyone", "everyone", "someone"}
NP_LINKS = ("D", "DD", "DG", "DT", "A", "AN", "G", "GN", "YS", "YP", "NM", "ND", "NN", "SJ", "L", "TA", "Ma")
NP_PREPS = {"of", "for", "in", "at", "from", "close", "to", "with"}


def load_linkgrammar() -> ModuleType:
    """Debian's linkgrammar package, and only it, into this interpreter."""
    try:
        import linkgrammar  # type: ignore[import-not-found]  # noqa: PLC0415

        return linkgrammar  # type: ignore[no-any-return]
    except ImportError:
        pass
    spec = importlib.util.spec_from_file_location(
        "linkgrammar", f"{LG_DIR}/__init__.py", submodule_search_locations=[LG_DIR]
    )
    if spec is None or spec.loader is None:
        raise SystemExit(f"no Link Grammar package in {LG_DIR}: apt-get install python3-link-grammar")
    module = importlib.util.module_from_spec(spec)
    sys.modules["linkgrammar"] = module
    spec.loader.exec_module(module)
    return module


def crc_half(key: str) -> str:
    return "dev" if zlib.crc32(key.encode()) % 2 == 0 else "test"


# ---------------------------------------------------------------- the parser's speaker


@dataclass
class Found:
    verb: str
    verb_at: int  # character offset in the sentence
    speaker: str
    main: bool  # the verb heads the sentence (linked from the left wall)


@dataclass
class Parsed:
    status: str  # complete | nulls | none | timeout | error
    nulls: int
    cpu: float
    wall: float
    found: list[Found] = field(default_factory=list)


def _for_parser(text: str) -> str:
    """Dashes as commas, single quotation marks as double ones: each one character for one, offsets kept."""
    text = re.sub("[\u2014\u2013]", ",", text)
    text = re.sub("\u2018", '"', text)
    return re.sub("(?<=[,.!?])\u2019(?=\\s|$)", '"', text)


class LinkParser:
    def __init__(self, max_parse_time: int = 10, linkages: int = 10) -> None:
        self.linkages = linkages
        lg = self.lg = load_linkgrammar()
        self.clg = lg.Clinkgrammar
        self.dictionary = lg.Dictionary("en")
        self.strict = lg.ParseOptions(verbosity=0, linkage_limit=100, max_parse_time=max_parse_time)
        self.loose = lg.ParseOptions(
            verbosity=0, linkage_limit=100, min_null_count=1, max_null_count=250, max_parse_time=max_parse_time
        )
        self.cache: dict[str, Parsed] = {}

    def parse(self, text: str) -> Parsed:
        if text in self.cache:
            return self.cache[text]
        c0, w0 = time.process_time(), time.perf_counter()
        status, nulls, found = "complete", 0, []
        clean = _for_parser(text)
        try:
            sentence = self.lg.Sentence(clean, self.dictionary, self.strict)
            linkages = sentence.parse()
            if len(linkages) == 0:
                sentence = self.lg.Sentence(clean, self.dictionary, self.loose)
                linkages = sentence.parse()
                status = "nulls"
            if len(linkages) == 0:
                status = "none"
            else:
                nulls = sentence.null_count()
                status = "nulls" if nulls else "complete"
                # each verb of saying from the best-ranked of the first linkages that gives it a subject
                by_verb: dict[int, Found] = {}
                for rank, linkage in enumerate(linkages):
                    if rank >= self.linkages:
                        break
                    for f in self._speakers(linkage, clean):
                        by_verb.setdefault(f.verb_at, f)
                found = sorted(by_verb.values(), key=lambda f: f.verb_at)
        except self.lg.LG_TimerExhausted:
            status = "timeout"
        except self.lg.LG_Error:
            status = "error"
        result = Parsed(status, nulls, time.process_time() - c0, time.perf_counter() - w0, found)
        self.cache[text] = result
        return result

    def _speakers(self, linkage: object, text: str) -> list[Found]:
        clg, obj = self.clg, linkage._obj  # type: ignore[attr-defined]
        n = clg.linkage_get_num_words(obj)
        words = [clg.linkage_get_word(obj, i) for i in range(n)]
        start = [clg.linkage_get_word_char_start(obj, i) for i in range(n)]
        end = [clg.linkage_get_word_char_end(obj, i) for i in range(n)]
        links = []
        for k in range(clg.linkage_get_num_links(obj)):
            links.append(
                (clg.linkage_get_link_lword(obj, k), clg.linkage_get_link_rword(obj, k), clg.linkage_get_link_label(obj, k))
            )
        base = [re.sub(r"\[.*$", "", w).split(".")[0] if w not in (".", ",") else w for w in words]
        sub = [(re.sub(r"\[.*$", "", w).split(".") + [""])[1] if "." in w[1:] else "" for w in words]
        left_of: dict[int, list[tuple[int, str]]] = defaultdict(list)  # word -> links to its left
        right_of: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for a, b, label in links:
            right_of[a].append((b, label))
            left_of[b].append((a, label))

        def phrase(head: int, verb: int = -1) -> str:
            keep = words_of(head)
            if verb >= 0:  # never across the verb of saying ("Ana Pell said of the strike")
                keep = {w for w in keep if (w < verb) == (head < verb)}
            lo, hi = min(keep), max(keep)
            # a name's first part the best linkage read as an opener ("ana" COa) or left unlinked
            while lo > 1 and words[lo - 1][:1].isupper() and all(lab.startswith("CO") for _o, lab in left_of[lo - 1] + right_of[lo - 1]):
                lo -= 1
            s, e = start[lo], end[hi]
            return text[s:e].strip(" ,;:\u201d\"'")

        def words_of(head: int) -> set[int]:
            keep, todo = {head}, [head]
            while todo:
                w = todo.pop()
                for other, label in left_of[w] + right_of[w]:
                    if other in keep or other == 0 or other >= n - 1 and words[other] == "RIGHT-WALL":
                        continue
                    ok = label.startswith(NP_LINKS) and not label.startswith(("DTn",))
                    if label.startswith(("Mp", "Mf")) and other > w and base[other].lower() in NP_PREPS:
                        ok = True
                    if label.startswith("J") and base[w].lower() in NP_PREPS and other > w:
                        ok = True
                    if ok:
                        keep.add(other)
                        todo.append(other)
            return keep

        def has_name(p: str) -> bool:
            tokens = p.split()
            if tokens and tokens[0].lower() in ("the", "a", "an", "its", "his", "her", "their"):
                tokens = tokens[1:]
            return any(t[:1].isupper() for t in tokens)

        def appositive_name(head: int) -> str | None:
            for w in sorted(words_of(head)):
                for other, label in right_of[w]:
                    if label.startswith("MX") and base[other].lower() not in PRONOUNS:
                        p = phrase(other)
                        if has_name(p) and not re.match(r"(The|A|An)\b", p):
                            return p
            return None

        def speaker_of(head: int, verb: int = -1) -> str:
            if base[head].lower() in ("who", "which", "that"):  # a relative pronoun: its antecedent
                for other, label in left_of[head]:
                    if label.startswith(("MX", "R", "B")):
                        head = other
                        break
            p = re.sub(r",\s*(who|which|that)\b.*$", "", phrase(head, verb), flags=re.S)
            if not has_name(p) or re.match(r"(?i)(the|a|an)\b", p):
                name = appositive_name(head)
                if name:
                    return name
            return p

        out = []
        for v in range(1, n):
            form = base[v].lower()
            if form == "according" and v + 1 < n and base[v + 1].lower() == "to":
                for other, label in right_of[v + 1]:
                    if label.startswith("J"):
                        out.append(Found("according to", start[v], speaker_of(other), False))
                continue
            if form not in SPEECH or sub[v][:1] not in ("v", "q", "") or form.endswith("ing"):
                continue
            if any(lab.startswith(("D", "A")) for o, lab in left_of[v]):  # "the final say"
                continue
            cur, passive, negated = v, False, False
            seen = {v}
            while True:  # up through auxiliaries: "has said", "would say", "was quoted"
                up = [(o, lab) for o, lab in left_of[cur] if lab.startswith(("PP", "Pv", "I", "Pg")) and o not in seen]
                if not up:
                    break
                o, lab = up[0]
                passive = passive or lab.startswith("Pv")
                cur = o
                seen.add(o)
            for c in seen:
                if any(lab.startswith("N") and base[o].lower() in ("not", "n't", "never") for o, lab in right_of[c] + left_of[c]):
                    negated = True
            if negated or (passive and SPEECH[form] != "quote"):
                continue
            subject = None
            for o, lab in left_of[cur]:
                if lab.startswith("S") and not lab.startswith("SJ"):
                    subject = o
            def own_verb(w: int) -> bool:
                """Whether an inverted subject is no speaker: it heads a clause of its own ("said the water was
                ..."), or no quotation comes before the verb and the sentence goes on after the phrase."""
                if any(lab.startswith("S") and o > w for o, lab in right_of[w]):
                    return True
                if re.search("[\u201c\u201d\"]", text[: start[v]]):
                    return False
                rest = text[max(end[x] for x in words_of(w)) :]
                return bool(re.match(r"\s*\w", rest))

            if subject is None:
                for o, lab in right_of[cur]:
                    if lab.startswith("SI") and not own_verb(o):
                        subject = o
            if subject is None:  # '"...," said Ana Pell': the verb's object when nothing is its subject
                before = text[: start[v]].rstrip()
                if before.endswith((",", "\u201d", '"', "\u2019", ":")) or v == 1:
                    for o, lab in right_of[v]:
                        if lab.startswith("O") and not own_verb(o) and (v > 1 or has_name(phrase(o))):
                            subject = o
            if subject is None and text.lstrip()[:1] in "\u201c\"'\u2018":
                # '"...," Ana Pell said of the strike' read as a participle after a noun: the noun speaks
                for o, lab in left_of[v]:
                    if lab.startswith("Mv"):
                        subject = o
            if SPEECH[form] not in OBJECT_VERBS and not (
                any(lab.startswith(CLAUSE_LINKS) for o, lab in right_of[v])
                or re.match(r"\s*[,.;:\u201c\u201d\"]", text[end[v] :])
                or re.search(r"\bthat\b|[:\u201c\"]", text[end[v] :])
                or re.search("[\u201c\u201d\"]", text[: start[v]])
                or re.search(r",\s*$", text[: start[subject]] if subject is not None and subject < v else "")
            ):
                continue  # "reported long queues", "has said little", "called a strike": no one is quoted
            if subject is None or sub[subject][:1] == "g" or not re.search("[A-Za-z]", base[subject]):
                # "Speaking to reporters, ..." and "72" are no one
                continue
            main = any(o == 0 and lab.startswith(("WV", "Wd", "Wg", "Ws", "hWV")) for o, lab in left_of[cur])
            out.append(Found(words[v], start[v], speaker_of(subject, v), main))
        return out


def as_actor(speaker: str, text: str) -> str:
    """The parser's phrase named as the rules name actors: a capital or a people is its government."""
    from app.extract.places import CAPITALS, PEOPLES, capitals_in, government  # noqa: PLC0415

    bare = re.sub(r"^(?i:the)\s+", "", speaker.strip())
    country = CAPITALS.get(bare) or PEOPLES.get(bare) or capitals_in(text).get(bare)
    return government(country) if country else speaker


def is_pronoun(speaker: str) -> bool:
    return speaker.lower().strip() in PRONOUNS or speaker.lower().strip() in NOBODY


def choose(found: list[Found], offset: int, quote: tuple[int, int] | None) -> Found | None:
    """The finding that attributes the quote: a verb outside it, a main verb first, then the nearest one."""
    cands = []
    for f in found:
        at = offset + f.verb_at
        if quote and quote[0] <= at < quote[1]:
            continue
        dist = 0 if not quote else (quote[0] - at if at < quote[0] else at - quote[1])
        cands.append((not f.main, dist if quote else f.verb_at, f))
    if not cands:
        return None
    cands.sort(key=lambda c: (c[0], c[1]))
    if quote:
        cands.sort(key=lambda c: c[1])
    return cands[0][2]


# ---------------------------------------------------------------- the cases


@dataclass
class Case:
    source: str  # grammar | shapes | sets
    half: str
    article: str
    text: str  # the whole passage (an article's body for the sets)
    spans: list[tuple[int, int]]  # sentences to parse, offsets in text
    quote: tuple[int, int] | None
    gold: str
    rules: list[str]  # speakers drafted over the claim (first: the one bench_real_shapes reads)
    not_speakers: list[str] = field(default_factory=list)
    exact: bool = False
    outcome: dict[str, str] = field(default_factory=dict)  # system -> right|none|fragment|wrong|quiet|invented
    said: dict[str, str] = field(default_factory=dict)  # system -> the speaker it gave


def matcher(case: Case, speaker: str) -> bool:
    from bench.bench_extract import is_fragment, same_speaker  # noqa: PLC0415

    return not is_fragment(speaker, case.not_speakers) and same_speaker(speaker, case.gold, exact=case.exact)


def judge(case: Case, speakers: list[str]) -> str:
    from bench.bench_extract import is_fragment  # noqa: PLC0415

    speakers = [s for s in speakers if s]
    if not case.gold:
        return "invented" if speakers else "quiet"
    if any(matcher(case, s) for s in speakers):
        return "right"
    if not speakers:
        return "none"
    if any(is_fragment(s, case.not_speakers) for s in speakers):
        return "fragment"
    return "wrong"


def grammar_cases(n: int) -> list[Case]:
    from app.extract import RuleExtractor  # noqa: PLC0415
    from app.sentences import split_sentences  # noqa: PLC0415
    from tests.app.extract.attribution_grammar import Grammar  # noqa: PLC0415

    out = []
    for half, seed in (("dev", 11), ("test", 12)):
        grammar = Grammar(seed, wave=4)
        for i in range(n):
            item = grammar.item()
            text = item.text
            if item.said:
                s = text.lower().rfind(item.said.lower())
                quote: tuple[int, int] | None = (s, s + len(item.said))
            else:
                quote = None
            lo, hi = quote or (0, len(text))
            spans = [(x.start, x.end) for x in split_sentences(text) if x.start < hi and lo < x.end]
            props = RuleExtractor().propose(text, published=PUBLISHED)
            over = [p.actor for p in props if p.start < hi and lo < p.end]
            out.append(Case("grammar", half, f"g{seed}-{i}", text, spans, quote, item.speaker, over))
    return out


def shape_cases() -> list[Case]:
    from app.extract import RuleExtractor  # noqa: PLC0415
    from app.sentences import split_sentences  # noqa: PLC0415
    from bench.bench_real_shapes import load_shapes  # noqa: PLC0415

    out = []
    for text, expected in load_shapes():
        spans = [(x.start, x.end) for x in split_sentences(text)]
        actors = [p.actor for p in RuleExtractor().propose(text, published=PUBLISHED)]
        out.append(Case("shapes", crc_half(text), text[:30], text, spans, None, expected, actors[:1]))
    return out


@dataclass
class Article:
    name: str
    half: str
    body: str
    ann: dict
    actors: list[str]  # every speaker drafted, in order
    quiet: list[tuple[int, int]]  # sentences that no claim and no proposal touch, with a verb of saying


_SAYING = re.compile(r"\b(" + "|".join(sorted(SPEECH)) + r"|according to)\b", re.I)


def set_cases(sets: list[str]) -> tuple[list[Case], list[Article]]:
    from app._text import find_quote  # noqa: PLC0415
    from app.extract import propose  # noqa: PLC0415
    from app.library import Library  # noqa: PLC0415
    from app.sentences import split_sentences  # noqa: PLC0415
    from bench.bench_extract import articles, import_article  # noqa: PLC0415

    cases, arts = [], []
    with tempfile.TemporaryDirectory() as tmp:
        lib = Library.open(Path(tmp) / "parser.briefdesk")
        try:
            for set_name in sets:
                assert set_name != "heldout15"
                for path in articles(HERE / set_name):
                    ann = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
                    if ann.get("language", "en") != "en":
                        continue
                    for actor in ann.get("library_actors", []):
                        if lib.actors.find(actor["name"]) is None:
                            lib.actors.create(**actor)
                    sid = import_article(lib, path, ann)
                    body = lib.sources.get(sid).body
                    proposals = list(propose(lib, sid).proposals)
                    key = f"{set_name}/{path.stem}"
                    half = crc_half(key)
                    sentences = split_sentences(body)
                    touched = []
                    for c in ann["claims"]:
                        s, e = find_quote(body, c["quote"])
                        spans = [(x.start, x.end) for x in sentences if x.start < e and s < x.end]
                        touched.extend(spans)
                        over = [p for p in proposals if p.start < e and s < p.end]
                        over.sort(key=lambda p: -(min(p.end, e) - max(p.start, s)))
                        cases.append(
                            Case(
                                "sets", half, key, body, spans, (s, e), c["speaker"], [p.actor for p in over],
                                ann.get("not_speakers", []), c["speaker"] in set(ann.get("exact_speakers", [])),
                            )
                        )
                    quiet = [
                        (x.start, x.end)
                        for x in sentences
                        if (x.start, x.end) not in touched
                        and not any(p.start < x.end and x.start < p.end for p in proposals)
                        and _SAYING.search(x.text)
                    ]
                    actors = list(dict.fromkeys(p.actor for p in proposals))
                    arts.append(Article(key, half, body, ann, actors, quiet))
        finally:
            lib.close()
    return cases, arts


# ---------------------------------------------------------------- scoring


def parser_speaker(parser: LinkParser, case: Case) -> tuple[str, list[Parsed]]:
    found, parsed = [], []
    for a, b in case.spans:
        p = parser.parse(case.text[a:b])
        parsed.append(p)
        found.extend((a, f) for f in p.found)
    best = None
    for a, f in found:
        pick = choose([f], a, case.quote)
        if pick is None:
            continue
        at = a + f.verb_at
        dist = 0 if not case.quote else (case.quote[0] - at if at < case.quote[0] else at - case.quote[1])
        rank = (dist, not f.main) if case.quote else (0 if f.main else 1, at)
        if best is None or rank < best[0]:
            best = (rank, f)
    return (as_actor(best[1].speaker, case.text) if best else ""), parsed


def score(parser: LinkParser, cases: list[Case]) -> list[Parsed]:
    all_parsed = []
    for case in cases:
        got, parsed = parser_speaker(parser, case)
        all_parsed.extend(parsed)
        rules = judge(case, case.rules[:1] if case.source == "shapes" else case.rules)
        pron = bool(got) and is_pronoun(got)
        theirs = "pronoun" if pron and case.gold else judge(case, [] if pron else [got])
        case.outcome = {"rules": rules, "parser": theirs}
        case.said = {"rules": "; ".join(case.rules[:3]), "parser": got}
        if rules in ("none", "fragment") and got and not pron:
            case.outcome["fallback"] = judge(case, [got])
        elif rules == "quiet" and got and not pron:
            case.outcome["fallback"] = "invented"
        else:
            case.outcome["fallback"] = rules
    return all_parsed


def speaker_pr(parser: LinkParser, cases: list[Case], arts: list[Article], fallback: bool) -> tuple[int, int, int, int, int]:
    """bench_extract's speaker precision and recall over the articles: (P tp, predicted, R tp, expected, invented
    by the fallback on sentences no claim or proposal touches)."""
    from bench.bench_extract import speaker_matcher  # noqa: PLC0415

    by_art: dict[str, list[Case]] = defaultdict(list)
    for c in cases:
        by_art[c.article].append(c)
    ptp = pred = rtp = exp = invented = 0
    for art in arts:
        predicted = list(art.actors)
        if fallback:
            for c in by_art[art.name]:
                if c.outcome["rules"] in ("none", "fragment") and c.outcome["fallback"] != c.outcome["rules"]:
                    predicted.append(c.said["parser"])
            for a, b in art.quiet:
                p = parser.parse(art.body[a:b])
                pick = choose(p.found, 0, None)
                if pick and not is_pronoun(pick.speaker) and pick.speaker:
                    predicted.append(as_actor(pick.speaker, art.body))
                    invented += 1
                    if SHOW_QUIET and art.half == "dev":
                        print(f"  quiet [{art.name}] {pick.speaker!r}: {art.body[a:b][:160]!r}")
        predicted = list(dict.fromkeys(predicted))
        matches = speaker_matcher(art.ann)
        expected = art.ann["speakers"]
        ptp += sum(1 for p in predicted if any(matches(p, e) for e in expected))
        pred += len(predicted)
        rtp += sum(1 for e in expected if any(matches(p, e) for p in predicted))
        exp += len(expected)
    return ptp, pred, rtp, exp, invented


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q * (len(s) - 1))))] if s else 0.0


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cold_one() -> None:
    t0, c0 = time.perf_counter(), time.process_time()
    base = rss_mb()
    lg = load_linkgrammar()
    t1, c1 = time.perf_counter(), time.process_time()
    parser = LinkParser()
    t2, c2 = time.perf_counter(), time.process_time()
    p = parser.parse("The harbour master, Ana Pell, told reporters on Tuesday that the ferries would run.")
    t3, c3 = time.perf_counter(), time.process_time()
    maps = Path("/proc/self/maps").read_text()
    libs = sorted({line.split()[-1] for line in maps.splitlines() if "libpython3" in line})
    print(json.dumps({
        "import": [t1 - t0, c1 - c0], "dictionary": [t2 - t1, c2 - c1], "first_parse": [t3 - t2, c3 - c2],
        "speaker": p.found[0].speaker if p.found else "", "rss_before": base, "rss_after": rss_mb(),
        "libpython": libs, "version": lg.__version__,
    }))


def cold(n: int) -> None:
    rows = []
    for _ in range(n):
        out = subprocess.run([sys.executable, __file__, "--cold-one"], capture_output=True, text=True, check=True)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    print(f"Link Grammar {rows[0]['version']}, libpython mapped: {rows[0]['libpython']}; {n} fresh processes")
    for part in ("import", "dictionary", "first_parse"):
        wall = [r[part][0] * 1000 for r in rows]
        cpu = [r[part][1] * 1000 for r in rows]
        print(f"  {part:12} wall median {statistics.median(wall):7.1f} ms (max {max(wall):7.1f}), CPU median "
              f"{statistics.median(cpu):7.1f} ms")
    print(f"  max RSS: {statistics.median([r['rss_before'] for r in rows]):.1f} MB before import -> "
          f"{statistics.median([r['rss_after'] for r in rows]):.1f} MB after the dictionary and a first parse; "
          f"speaker {rows[0]['speaker']!r}")


def report(cases: list[Case], half: str, show: int) -> None:
    systems = ("rules", "parser", "fallback")
    print(f"\n| source | half | sentences | rules right | parser right | fallback right | either right | "
          f"only rules | only parser | parser none/pronoun | invented (rules / parser / fallback) |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for source in ("grammar", "shapes", "sets"):
        for h in ("dev", "test"):
            if half not in ("all", h):
                continue
            rows = [c for c in cases if c.source == source and c.half == h]
            if not rows:
                continue
            ok = {s: sum(c.outcome[s] in ("right", "quiet") for c in rows) for s in systems}
            either = sum(c.outcome["rules"] in ("right", "quiet") or c.outcome["parser"] in ("right", "quiet") for c in rows)
            only_r = sum(c.outcome["rules"] == "right" and c.outcome["parser"] != "right" for c in rows)
            only_p = sum(c.outcome["parser"] == "right" and c.outcome["rules"] != "right" for c in rows)
            none = sum(c.outcome["parser"] in ("none", "pronoun") for c in rows)
            inv = "/".join(str(sum(c.outcome[s] == "invented" for c in rows)) for s in systems)
            n = len(rows)
            print(f"| {source} | {h} | {n} | {ok['rules']} ({ok['rules'] / n:.3f}) | {ok['parser']} "
                  f"({ok['parser'] / n:.3f}) | {ok['fallback']} ({ok['fallback'] / n:.3f}) | {either} | {only_r} | "
                  f"{only_p} | {none} | {inv} |")
    for source in ("grammar", "shapes", "sets"):
        rows = [c for c in cases if c.source == source and half in ("all", c.half)]
        tally = {s: Counter(c.outcome[s] for c in rows) for s in systems}
        print(f"{source}: " + "; ".join(f"{s} {dict(tally[s])}" for s in systems))
    if show:
        dev = [c for c in cases if c.half == "dev"]  # never the test half
        for title, pick in (
            ("parser right, rules not", lambda c: c.outcome["parser"] == "right" and c.outcome["rules"] != "right"),
            ("rules right, parser not", lambda c: c.outcome["rules"] == "right" and c.outcome["parser"] != "right"),
            ("fallback changed", lambda c: c.outcome["fallback"] != c.outcome["rules"]),
        ):
            rows = [c for c in dev if pick(c)]
            print(f"\n--- dev: {title} ({len(rows)})")
            for c in rows[:show]:
                a, b = c.spans[0][0], c.spans[-1][1] if c.spans else (0, 0)
                print(f"  [{c.source} {c.outcome['rules']}/{c.outcome['parser']}] gold {c.gold!r} rules "
                      f"{c.said['rules']!r} parser {c.said['parser']!r}\n     {c.text[a:b][:220]!r}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--half", choices=("dev", "test", "all"), default="dev")
    ap.add_argument("--show", type=int, default=0, help="list K dev sentences per class (never the test half)")
    ap.add_argument("--grammar-n", type=int, default=400)
    ap.add_argument("--sources", default="grammar,shapes,sets")
    ap.add_argument("--cold", type=int, default=0, help="N fresh processes: load, dictionary, first parse")
    ap.add_argument("--cold-one", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.cold_one:
        cold_one()
        return 0
    if args.cold:
        cold(args.cold)
        return 0
    rss0 = rss_mb()
    c0 = time.process_time()
    sources = args.sources.split(",")
    cases: list[Case] = []
    arts: list[Article] = []
    if "grammar" in sources:
        cases += grammar_cases(args.grammar_n)
    if "shapes" in sources:
        cases += shape_cases()
    if "sets" in sources:
        more, arts = set_cases(SETS)
        cases += more
    cases = [c for c in cases if args.half in ("all", c.half)]
    arts = [a for a in arts if args.half in ("all", a.half)]
    rss1 = rss_mb()
    c1 = time.process_time()
    parser = LinkParser()
    rss2 = rss_mb()
    parsed = score(parser, cases)
    global SHOW_QUIET
    SHOW_QUIET = bool(args.show)
    pr = {fb: speaker_pr(parser, cases, arts, fb) for fb in (False, True)} if arts else {}
    rss3 = rss_mb()
    c2 = time.process_time()
    print(f"Speakers by the Link Grammar parser and by app.extract; half {args.half}; load "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    report(cases, args.half, args.show)
    for fb, (ptp, pred, rtp, exp, inv) in pr.items():
        label = "rules + parser fallback" if fb else "rules (app.extract)"
        print(f"\nSets, speaker P/R as bench_extract counts them, {label}: P {ptp}/{pred} = {ptp / pred:.3f}, "
              f"R {rtp}/{exp} = {rtp / exp:.3f}" + (f"; {inv} speakers from sentences no claim touches" if fb else ""))
    unique = list(parser.cache.values())
    status = Counter(p.status for p in unique)
    cpu = [p.cpu * 1000 for p in unique]
    wall = [p.wall * 1000 for p in unique]
    print(f"\nParses: {len(unique)} distinct sentences ({len(parsed)} parsed for claims); {dict(status)}; null "
          f"words in null linkages: median {statistics.median([p.nulls for p in unique if p.nulls] or [0])}")
    print(f"CPU per sentence: median {statistics.median(cpu):.1f} ms, p95 {pct(cpu, 0.95):.1f} ms, max "
          f"{max(cpu):.0f} ms, total {sum(cpu) / 1000:.1f} s; wall median {statistics.median(wall):.1f} ms, p95 "
          f"{pct(wall, 0.95):.1f} ms")
    print(f"Max RSS: {rss0:.0f} MB at start, {rss1:.0f} MB after drafting every case with app.extract, {rss2:.0f} MB "
          f"after the dictionary, {rss3:.0f} MB after every parse; CPU: cases {c1 - c0:.1f} s, parsing {c2 - c1:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
