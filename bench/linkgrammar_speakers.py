"""The speaker of a sentence by the CMU/OpenCog Link Grammar parser (Debian bookworm's python3-link-grammar and
link-grammar-dictionaries-en, 5.12.0), for bench/bench_parser_speakers.py. A bench module, not product code.

The module is Debian's, built for Debian's python3.11; our venvs are pyenv 3.11.7. It is loaded from its own folder
(LINKGRAMMAR_DIR, default /usr/lib/python3/dist-packages/linkgrammar) by importlib, so that nothing else of
Debian's dist-packages enters the venv's path. Its extension links libpython3.11.so.1.0, which the pyenv build
(--enable-shared) has already loaded under the same soname, so one interpreter runs both.
"""

from __future__ import annotations

import importlib.util
import os
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

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
    "deny",
    "reject",
    "dismiss",
    "accuse",
    "blame",
    "condemn",
    "confirm",
    "refute",
    "admit",
    "acknowledge",
    "call",
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


# ---------------------------------------------------------------- the parser's speaker


@dataclass
class Found:
    verb: str
    verb_at: int  # character offset in the sentence
    speaker: str
    main: bool  # the verb heads the sentence (linked from the left wall)


@dataclass
class Parsed:
    status: str  # complete | nulls | none | timeout | error | long (over max_words, not parsed)
    nulls: int
    cpu: float
    wall: float
    found: list[Found] = field(default_factory=list)
    words: int = 0
    rss: float = 0.0  # resident MB after this parse


def resident_mb() -> float:
    """This process's resident memory now (Linux), in MB."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except OSError:
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _for_parser(text: str) -> str:
    """Dashes as commas, single quotation marks as double ones: each one character for one, offsets kept."""
    text = re.sub("[\u2014\u2013]", ",", text)
    text = re.sub("\u2018", '"', text)
    return re.sub("(?<=[,.!?])\u2019(?=\\s|$)", '"', text)


class LinkParser:
    def __init__(self, max_parse_time: int = 10, linkages: int = 10, max_words: int = 0) -> None:
        self.linkages = linkages
        self.max_words = max_words  # longer sentences are not parsed (status "long"); 0: no limit
        lg = self.lg = load_linkgrammar()
        self.clg = lg.Clinkgrammar
        self.dictionary = lg.Dictionary("en")
        self.strict = lg.ParseOptions(verbosity=0, linkage_limit=100, max_parse_time=max_parse_time)
        self.loose = lg.ParseOptions(
            verbosity=0,
            linkage_limit=100,
            min_null_count=1,
            max_null_count=250,
            max_parse_time=max_parse_time,
        )
        self.cache: dict[str, Parsed] = {}

    def parse(self, text: str) -> Parsed:
        if text in self.cache:
            return self.cache[text]
        if self.max_words and len(text.split()) > self.max_words:
            result = Parsed("long", 0, 0.0, 0.0, [], len(text.split()), resident_mb())
            self.cache[text] = result
            return result
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
        result.words, result.rss = len(text.split()), resident_mb()
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
                (
                    clg.linkage_get_link_lword(obj, k),
                    clg.linkage_get_link_rword(obj, k),
                    clg.linkage_get_link_label(obj, k),
                )
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
            while (
                lo > 1
                and words[lo - 1][:1].isupper()
                and all(lab.startswith("CO") for _o, lab in left_of[lo - 1] + right_of[lo - 1])
            ):
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
                up = [
                    (o, lab)
                    for o, lab in left_of[cur]
                    if lab.startswith(("PP", "Pv", "I", "Pg")) and o not in seen
                ]
                if not up:
                    break
                o, lab = up[0]
                passive = passive or lab.startswith("Pv")
                cur = o
                seen.add(o)
            for c in seen:
                if any(
                    lab.startswith("N") and base[o].lower() in ("not", "n't", "never")
                    for o, lab in right_of[c] + left_of[c]
                ):
                    negated = True
            if negated or (passive and SPEECH[form] != "quote"):
                continue
            subject = None
            for o, lab in left_of[cur]:
                if lab.startswith("S") and not lab.startswith("SJ"):
                    subject = o

            def own_verb(w: int, v: int = v) -> bool:
                """Whether an inverted subject is no speaker: it heads a clause of its own ("said the water was
                ..."), or no quotation comes before the verb and the sentence goes on after the phrase."""
                if any(lab.startswith("S") and o > w for o, lab in right_of[w]):
                    return True
                if re.search('[\u201c\u201d"]', text[: start[v]]):
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
                or re.search('[\u201c\u201d"]', text[: start[v]])
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
