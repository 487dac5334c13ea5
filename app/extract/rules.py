"""The rule-based extractor: attributed statements and denials in English news text.

Pipeline: sentences (quotation-aware) -> attribution patterns (speaker first, speaker last, "according to",
direct quotation) -> speaker phrase parsed into name, role and affiliation, with later references resolved
("He said", "Reyes said", "the minister added") -> date said resolved against the publication date -> denials
linked to the nearest preceding claim on the same subject (content-word overlap, then proximity).

Only the standard library; nothing is downloaded. Every proposal's quote is ``text[start:end]``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from app.extract.model import Proposal

# --------------------------------------------------------------------------------------------- lexicon
REPORT_VERBS = (  # verb forms only (no "claims", "reports", "notes": they are nouns too often)
    "said|says|say|told|tells|stated|warned|warns|announced|announces|accused|accuses|believes|believe|"
    "believed|claimed|added|adds|insisted|insists|argued|argues|noted|confirmed|confirms|"
    "declared|declares|explained|explains|alleged|alleges|asserted|asserts|maintained|maintains|predicted|"
    "predicts|acknowledged|acknowledges|admitted|admits|wrote|writes|vowed|vows|promised|estimated|"
    "suggested|suggests|cautioned|cautions|stressed|stresses|reported|revealed|reveals|conceded|concedes|"
    "disclosed|discloses|countered|replied|replies|responded|responds|posted|tweeted|indicated|"
    "assessed|assesses|charged|contended|contends|recalled|pledged|signalled|signaled|"
    "reiterated|reiterates|repeated|observed|remarked|boasted|complained|complains|threatened|hinted|"
    "emphasised|emphasized|underlined|concluded|concludes|testified|briefed|informed|assured|assures|"
    "acknowledged|forecast|projected|calculated|judged|determined|found|thinks|thought|expects|expected"
)
DENY_VERBS = (
    "denied|denies|deny|rejected|rejects|reject|dismissed|dismisses|dismiss|refuted|refutes|refute|disputed|"
    "disputes|dispute|contradicted|contradicts|contradict|repudiated|repudiates|rebutted|rebuts|disowned|"
    "scoffed at|brushed aside|brushed off|played down|downplayed|ruled out|rules out"
)
FALSE_WORDS = re.compile(
    r"\b(baseless|groundless|false|untrue|not true|no truth|fabricat\w*|lies|lie\b|nonsense|fake|unfounded|"
    r"absurd|ridiculous|propaganda|disinformation|misinformation|invented|made up|fiction|without foundation|"
    r"no basis|not correct|incorrect|never happened|did not happen|didn't happen|no evidence)\b",
    re.I,
)
# A reporting or denying verb under negation reports nothing: "officials have not said whether they will pay",
# "the ministry declined to say", "the minister did not deny the report".
_NOT_SAID = (
    r"(?<!\bnot )(?<!\bnever )(?<!n't )(?<!\bno one )(?<!\bnobody )(?<!\bdeclined to )(?<!\brefused to )"
    r"(?<!\bdeclining to )(?<!\brefusing to )(?<!\bwould not )(?<!\byet to )"
)
RV = re.compile(rf"{_NOT_SAID}\b(?:{REPORT_VERBS})\b")
DV = re.compile(rf"{_NOT_SAID}\b(?:{DENY_VERBS})\b")
CALLED_FALSE = re.compile(
    r"\b(called|calls|described|describes|branded|brands|labelled|labeled|termed)\b(.{0,80}?)"
    r"\b(as\s+)?(?P<false>" + FALSE_WORDS.pattern[3:-3] + r")\b",
    re.I,
)

PRONOUNS = {"he": "m", "she": "f", "they": "p", "it": "n"}
ROLE_NOUNS = (
    "minister|ministers|spokesman|spokeswoman|spokesperson|spokespeople|president|prime minister|premier|"
    "secretary|ambassador|envoy|general|colonel|commander|admiral|official|officials|adviser|advisor|director|"
    "chief|head|leader|governor|mayor|senator|lawmaker|legislator|diplomat|diplomats|analyst|analysts|expert|"
    "experts|researcher|researchers|economist|economists|officer|officers|source|sources|aide|aides|negotiator|"
    "chairman|chairwoman|chair|ceo|executive|manager|prosecutor|judge|witness|witnesses|resident|residents|"
    "campaigner|activist|activists|representative|delegate|deputy|mp|member|members|investigator|investigators|"
    "inspector|inspectors|monitor|monitors|correspondent|editor|police|army|military|ministry|government|"
    "kremlin|pentagon|agency|office|embassy|commission|council|authority|authorities|company|firm|group|"
    "institute|registry|directorate|service|command|headquarters|attache|attaché|commentator|scholar|professor|"
    "fellow|scientist|doctor|engineer|pilot|soldier|soldiers|veteran|survivor|survivors|farmer|farmers|"
    "worker|workers|trader|traders|banker|bankers|staff|team|board|union|party|coalition|alliance|court|"
    "parliament|cabinet|presidency|palace|secretariat|mission|delegation|observer|observers|critic|critics|"
    "allies|supporters|opponents|partners|leaders|coastguard|coast guard|navy|air force|regulator|operator|"
    "airline|utility|bank|charity|ngo|network|newspaper|broadcaster|observatory|laboratory|lab|hospital|"
    "university|foundation|trust|consortium|federation|association|syndicate|cartel|militia|rebels|junta"
)
ROLE_RE = re.compile(rf"\b({ROLE_NOUNS})\b", re.I)
NON_SPEAKERS = {
    "report",
    "reports",
    "study",
    "data",
    "figures",
    "document",
    "documents",
    "letter",
    "article",
    "survey",
    "it",
    "this",
    "that",
    "there",
    "which",
    "what",
    "who",
    "these",
    "those",
    "such",
    "nobody",
    "no one",
    "law",
    "rule",
    "treaty",
    "plan",
    "deal",
    "bill",
    "decision",
    "image",
    "images",
    "video",
    "footage",
    "photo",
}
COLLECTIVE_HEADS = re.compile(
    r"\b(officials|sources|diplomats|analysts|experts|residents|witnesses|researchers|officers|activists|"
    r"allies|supporters|opponents|partners|neighbours|neighbors|leaders|ministers|commanders|spokespeople|"
    r"investigators|inspectors|monitors|authorities|lawmakers|aides|people|members|campaigners|critics|"
    r"economists|observers|negotiators|military|police)\b",
    re.I,
)
TITLE_WORDS = (
    "President|Prime Minister|Foreign Minister|Defence Minister|Defense Minister|Interior Minister|Minister|"
    "Secretary of State|Secretary|Ambassador|General|Gen\\.|Colonel|Col\\.|Admiral|Adm\\.|Commander|Senator|"
    "Sen\\.|Representative|Rep\\.|Governor|Gov\\.|Mayor|Chancellor|Spokesman|Spokeswoman|Director|Chief|Judge|"
    "Spokesperson|Spokesman|Spokeswoman|Dr\\.|Mr\\.|Mrs\\.|Ms\\.|Professor|Prof\\.|Deputy|Lieutenant|Lt\\.|Major|Maj\\.|Captain|Capt\\.|Sheikh|"
    "King|Queen|Prince|Emir|Pope|Cardinal|Archbishop|Bishop|Rabbi|Imam|Ayatollah|Chairman|Chairwoman"
)
TITLE_RE = re.compile(rf"^(?P<title>(?:(?:{TITLE_WORDS})\s+)+)(?P<name>[A-Z].*)$")
NAME_TOKEN = r"(?:[A-Z][\w'’\-]*\.?|al-[A-Z][\w\-]*|el-[A-Z][\w\-]*|bin|ibn|van|von|de|da|del|der|la|le|du)"
NAME_RE = re.compile(rf"^{NAME_TOKEN}(?:\s+{NAME_TOKEN})*$")
ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "gen",
    "col",
    "lt",
    "sen",
    "rep",
    "gov",
    "prof",
    "st",
    "no",
    "vs",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "u.s",
    "u.k",
    "u.n",
    "e.g",
    "i.e",
    "adm",
    "capt",
    "maj",
    "inc",
    "ltd",
    "co",
    "corp",
    "jr",
    "sr",
    "mt",
    "ft",
    "approx",
    "est",
    "dept",
    "univ",
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    m: i + 1
    for i, m in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        )
    )
}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
STOPWORDS = set(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "without",
        "about",
        "as",
        "into",
        "over",
        "under",
        "after",
        "before",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "could",
        "should",
        "may",
        "might",
        "must",
        "can",
        "not",
        "no",
        "nor",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "their",
        "there",
        "them",
        "they",
        "he",
        "she",
        "his",
        "her",
        "him",
        "we",
        "our",
        "you",
        "your",
        "i",
        "said",
        "says",
        "told",
        "stated",
        "denied",
        "denies",
        "deny",
        "rejected",
        "dismissed",
        "claims",
        "claim",
        "report",
        "reports",
        "reported",
        "also",
        "than",
        "then",
        "so",
        "such",
        "very",
        "just",
        "only",
        "any",
        "all",
        "some",
        "more",
        "most",
        "other",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "when",
        "where",
        "why",
        "how",
        "while",
        "since",
        "until",
        "against",
        "between",
        "during",
        "through",
        "up",
        "down",
        "out",
        "off",
        "again",
        "further",
        "once",
    ]
)
ANAPHORIC_OBJECT = re.compile(
    r"^\s*((this|that|it|these|those)\b(?=\s*[.,;!?]|\s*$)|the (report|reports|claim|claims|allegation|allegations|accusation|"
    r"accusations|account|accounts|story|stories|charge|charges|assertion|assertions|suggestion|suggestions|"
    r"remarks|statement|statements|comments|idea|notion|figures|reporting|assessment|warning))\b",
    re.I,
)

DATE_DM = re.compile(
    r"\b(?:on\s+)?(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th)?"
    r"\s+(?P<m>January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?(?:,?\s+(?P<y>\d{4}))?\b"
)
DATE_MD = re.compile(
    r"\b(?:on\s+)?(?P<m>January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{4}))?\b"
)
DATE_WEEKDAY = re.compile(
    r"\b(?P<last>last\s+|on\s+|this\s+)?(?P<w>Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday)\b"
)
DATE_RELATIVE = re.compile(
    r"\b(?P<rel>yesterday|today|this morning|this afternoon|tonight|on the same day|"
    r"the day before|the previous day|earlier today)\b",
    re.I,
)


# --------------------------------------------------------------------------------------------- sentences
@dataclass
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with their offsets; a quotation that spans several sentences stays in one."""
    out: list[Sentence] = []
    para = 0
    for pm in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        ptext, pstart = pm.group(0), pm.start()
        start = 0
        depth = 0
        i = 0
        n = len(ptext)
        while i < n:
            ch = ptext[i]
            if ch == "\u201c":
                depth += 1
            elif ch in '\u201d"' and (ch == "\u201d" or depth):
                depth = max(0, depth - 1)
                j = i + 1
                # "... must stop." He added: the quotation ended the sentence
                if (
                    depth == 0
                    and i > 0
                    and ptext[i - 1] in ".!?"
                    and j < n
                    and ptext[j].isspace()
                    and (_next_starts_sentence(ptext, j))
                ):
                    _add(out, ptext, pstart, start, j, para)
                    start = j
                    i = j
                    continue
            elif ch == '"':
                depth = 1
            elif ch in ".!?" and depth == 0:
                j = i + 1
                while j < n and ptext[j] in "\"'\u201d\u2019)":
                    j += 1
                if j >= n or (ptext[j].isspace() and _next_starts_sentence(ptext, j)):
                    word = re.search(r"([\w.]+)$", ptext[start:i])
                    abbrev = word is not None and word.group(1).lower().rstrip(".") in ABBREVIATIONS
                    initial = word is not None and len(word.group(1)) == 1 and word.group(1).isupper()
                    if not (abbrev or initial) or j >= n:
                        _add(out, ptext, pstart, start, j, para)
                        start = j
                        i = j
                        continue
            elif ch in ".!?" and depth > 0 and i + 1 < n and ptext[i + 1] in '\u201d"':
                pass
            i += 1
        _add(out, ptext, pstart, start, n, para)
        para += 1
    return out


def _next_starts_sentence(ptext: str, j: int) -> bool:
    k = j
    while k < len(ptext) and ptext[k].isspace():
        k += 1
    return k < len(ptext) and (ptext[k].isupper() or ptext[k] in "\u201c\"'\u2018(" or ptext[k].isdigit())


def _add(out: list[Sentence], ptext: str, pstart: int, a: int, b: int, para: int) -> None:
    seg = ptext[a:b]
    lead = len(seg) - len(seg.lstrip())
    seg = seg.strip()
    if seg:
        out.append(Sentence(pstart + a + lead, pstart + a + lead + len(seg), seg, para))


# --------------------------------------------------------------------------------------------- speakers
@dataclass
class Speaker:
    name: str
    role: str = ""
    affiliation: str = ""
    collective: bool = False
    gender: str = ""

    @property
    def surname(self) -> str:
        parts = self.name.split()
        return parts[-1] if parts and not self.collective else ""


@dataclass
class _State:
    speakers: list[Speaker] = field(default_factory=list)
    last: Speaker | None = None
    last_collective: Speaker | None = None


AUXILIARY = re.compile(
    r"\b(is|are|was|were|will|would|had|has|have|could|can|should|must|did|does|do|may|might|shall|won't|"
    r"isn't|wasn't|aren't|weren't|hasn't|haven't|hadn't|didn't|doesn't|cannot)\b",
    re.I,
)
TAIL_OK = re.compile(
    r"^(?:(?:to\s+)?(?:reporters|journalists|the press|the (?:\w+ )?(?:agency|newspaper|broadcaster|channel|paper|"
    r"parliament|council|committee|conference)|parliament|lawmakers|state (?:television|media|radio)|[A-Z][\w\-]+"
    r"(?: [A-Z][\w\-]+){0,3}|him|her|them|us|me)\b|on\b|in\b|at\b|during\b|after\b|before\b|late\b|early\b|"
    r"last\b|this\b|yesterday\b|today\b|earlier\b|later\b|when\b|while\b|as\b|according\b|by\b|via\b|"
    r"over\b|from\b|outside\b|inside\b|without\b|with\b|for\b)",
)
DATELINE = re.compile(
    r"^[A-Z][A-Z .'\-]{2,40}(?:,\s*[A-Z][\w .]{1,30})?,?\s*(?:\(?[A-Z]?\w+\s+\d{1,2}\)?|\d{1,2}\s+\w+)?\s*"
    r"(?:\([^)]{2,40}\))?\s*[-\u2013\u2014]+\s*"
)


def _dateline_length(text: str) -> int:
    """'WASHINGTON, July 12 (Meridian Wire) - ' at the start of a wire story: not part of what was said."""
    m = DATELINE.match(text)
    return m.end() if m else 0


LEADING_PHRASE = re.compile(
    r"^(?:(?:in|on|at|after|before|during|later|earlier|meanwhile|separately|elsewhere|downstream|upstream|"
    r"still|however|but|and|yet|instead|also|then|now|today|yesterday|previously|similarly|likewise|asked|"
    r"speaking|writing|responding|overnight|afterwards|in response|for (?:its|his|her|their) part|"
    r"[a-z]+ing(?= (?:to|on|about|at|in|with|from|after|before)\b))\b[^,]{0,60},\s*)+",
    re.I,
)


def _clean_np(np: str) -> str:
    np = np.strip().strip(",;:").strip()
    np = LEADING_PHRASE.sub("", np)  # "In a statement, the company" / "Downstream, Merovia's minister"
    np = re.sub(
        r"^(but|and|yet|however|meanwhile|still|instead|also|then|so|now)\s*,?\s+", "", np, flags=re.I
    )
    np = re.sub(
        r"\s+(also|later|again|separately|earlier|previously|then|further|repeatedly|publicly|"
        r"privately|once|twice|first|initially|on \w+)$",
        "",
        np,
        flags=re.I,
    )
    return np.strip().strip(",").strip()


def _capital_first(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _role_affiliation(phrase: str) -> tuple[str, str]:
    """'the country's foreign minister' -> ('foreign minister', ''); "Iran's foreign minister" -> (.., 'Iran');
    'a spokesman for the interior ministry' -> ('spokesman', 'interior ministry')."""
    p = phrase.strip().strip(",")
    p = re.sub(r"^(the|a|an)\s+", "", p, flags=re.I)
    aff = ""
    m = re.match(r"^(?P<aff>[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)*)['’]s\s+(?P<role>.+)$", p)
    if m:
        aff, p = m.group("aff"), m.group("role")
    m = re.match(r"^(?:country|nation|government|region|province|city)['’]s\s+(?P<role>.+)$", p, re.I)
    if m:
        p = m.group("role")
    m = re.match(r"^(?P<role>.+?)\s+(?:of|for|at|from|with|in)\s+(?:the\s+)?(?P<aff>.+)$", p)
    if m and ROLE_RE.search(m.group("role")):
        p, aff = m.group("role"), aff or m.group("aff")
    return p.strip(), aff.strip()


def parse_speaker(np: str, state: _State) -> Speaker | None:
    """A speaker phrase as written -> a Speaker (new, or a known one it refers to); None if not a speaker."""
    np = _clean_np(np)
    if not np or len(np) > 160:
        return None
    low = np.lower()
    words = low.split()
    if not words or words[0] in NON_SPEAKERS or (len(words) <= 2 and words[-1] in NON_SPEAKERS):
        return None
    if (
        AUXILIARY.fullmatch(words[-1])
        or words[0] in QUANTITY_WORDS
        or (len(words) > 1 and words[1] in QUANTITY_WORDS)
    ):
        return None  # "the length the operator has" / "three times the length": not who is speaking
    if low in PRONOUNS:
        if low == "they":
            return state.last_collective or state.last
        if low == "it":
            return state.last if state.last is not None and state.last.collective else None
        return state.last
    # "Dana Reyes, the country's foreign minister" / "Iran's foreign minister, Hossein Amir-Abdollahian"
    parts = [p.strip() for p in re.split(r",\s*", np) if p.strip()]
    if len(parts) >= 2:
        first, rest = parts[0], ", ".join(parts[1:])
        if _looks_like_name(first):
            name, title = _strip_title(first)
            role, aff = _role_affiliation(rest)
            return _register(state, Speaker(name, role or title, aff))
        if _looks_like_name(parts[-1]):
            name, title = _strip_title(parts[-1])
            role, aff = _role_affiliation(", ".join(parts[:-1]))
            return _register(state, Speaker(name, role or title, aff))
    # "US national security adviser Jake Sullivan": a lower-case description, then the name
    m = re.match(
        r"^(?P<desc>(?:[A-Z]{2,}\s+|[A-Z][a-z]+(?:n|i|ese|ish|ch)\s+|[A-Z][\w\-]*['’]s\s+)?(?:[a-z][\w\-'’]*\s+)+)"
        r"(?P<name>[A-Z].*)$",
        np,
    )
    if m and ROLE_RE.search(m.group("desc")) and _looks_like_name(m.group("name")):
        desc = m.group("desc").strip()
        name, title = _strip_title(m.group("name"))
        aff_m = re.match(
            r"^([A-Z]{2,}|[A-Z][a-z]+(?:n|i|ese|ish|ch)|[A-Z][\w\-]*(?=['’]s))(?:['’]s)?\s+(.+)$", desc
        )
        role, aff = (aff_m.group(2), aff_m.group(1)) if aff_m else (desc, "")
        return _register(state, Speaker(name, role, aff))
    # "Foreign Minister Dana Reyes", "Reyes", "Dana Reyes"
    if _looks_like_name(np):
        name, title = _strip_title(np)
        known = _find_known(state, name)
        if known is not None:
            if title and not known.role:
                known.role = title
            return _mark_last(state, known)
        role, aff = _role_affiliation(title) if title else ("", "")
        return _register(state, Speaker(name, role, aff))
    # "its spokesman", "his deputy": someone of the last named speaker's side
    m = re.match(r"^(its|his|her|their)\s+(?P<role>[\w\- ]{3,40})$", low)
    if m and state.last is not None and ROLE_RE.search(m.group("role")):
        owner = state.last
        return _register(state, Speaker(f"{owner.name} {m.group('role')}", m.group("role"), owner.name))
    # "the minister", "the spokesman" -> the last speaker with that role
    m = re.match(r"^the\s+(?P<head>[\w\- ]+)$", low)
    if m and ROLE_RE.search(m.group("head")) and not COLLECTIVE_HEADS.search(m.group("head").split()[-1]):
        head = m.group("head").split()[-1]
        for sp in reversed(state.speakers):
            if head in sp.role.lower() or head in sp.name.lower():
                return _mark_last(state, sp)
        if (
            state.last is not None
            and not state.last.collective
            and head
            in (
                "minister",
                "spokesman",
                "spokeswoman",
                "official",
                "president",
                "envoy",
                "ambassador",
                "general",
            )
        ):
            return _mark_last(state, state.last)
    # "One of the sources": one of a collective
    m = re.match(r"^one of (the|its|their)\s+(?P<rest>.+)$", low)
    if m:
        return _register(state, Speaker(_capital_first(np), "", "", collective=True))
    # a plural description: "Drivers waiting on the Varsa side", "Shipping agents", "Families at the pit head"
    m = re.match(r"^(?:[a-z][\w\-']*\s+){0,2}?(?P<head>[a-z][\w\-]*[^s]s|people|staff)\b", low)
    if (
        m
        and len(words) <= 10
        and m.group("head") not in NON_SPEAKERS
        and not m.group("head").endswith(("ss", "us", "is"))
    ):
        name = _capital_first(re.sub(r"^(the|a|an)\s+", "", np, flags=re.I))
        known = _find_known(state, name)
        return _mark_last(state, known) if known else _register(state, Speaker(name, "", "", collective=True))
    # a described speaker: collective ("officials in the capital") or unnamed ("a senior diplomat")
    if ROLE_RE.search(low) or COLLECTIVE_HEADS.search(low) or _org_like(np):
        collective = bool(COLLECTIVE_HEADS.search(low)) or low.startswith(("a ", "an ", "one "))
        name = _capital_first(re.sub(r"^(the|a|an|one)\s+", "", np, flags=re.I))
        known = _find_known(state, name)
        if known is not None:
            return _mark_last(state, known)
        return _register(state, Speaker(name, "", "", collective=collective))
    return None


QUANTITY_WORDS = {
    "times",
    "days",
    "weeks",
    "months",
    "years",
    "hours",
    "minutes",
    "percent",
    "per",
    "points",
    "cases",
    "deaths",
    "dollars",
    "euros",
    "kilometres",
    "km",
    "miles",
    "tonnes",
    "litres",
    "metres",
    "half",
    "third",
    "quarter",
    "twice",
    "thrice",
    "much",
    "many",
    "more",
    "less",
    "fewer",
    "most",
}


def _org_like(np: str) -> bool:
    return bool(re.match(r"^(the\s+)?[A-Z][\w\-]*(\s+[A-Z][\w\-]*){0,5}$", np)) and len(np.split()) <= 6


DOCUMENT_HEADS = re.compile(
    r"^(?:the\s+)?(?:\w+\s+){0,2}(documents?|records?|figures|data|papers|files|emails|minutes|filings|"
    r"statistics|estimates|reports?|studies|study|survey|assessment|memo|memos|letters?|cables?)\b",
    re.I,
)


def _document_speaker(np: str, state: _State) -> Speaker | None:
    """ "according to documents seen by the Daily Ledger", "according to figures from the agency": a document
    as the source of a claim (only after "according to")."""
    np = _clean_np(np)
    if not DOCUMENT_HEADS.match(np) or len(np.split()) > 14:
        return None
    return _register(
        state, Speaker(_capital_first(re.sub(r"^the\s+", "", np, flags=re.I)), "", "", collective=True)
    )


def _looks_like_name(text: str) -> bool:
    text = text.strip()
    if not text or not text[0].isupper() or len(text.split()) > 7:
        return False
    name, _title = _strip_title(text)
    if not NAME_RE.match(name):
        return False
    low = name.lower()
    if low.split()[0] in NON_SPEAKERS or low.split()[0] in ("the", "a", "an"):
        return False  # "The Foreign Minister" is a description, not a name
    return not ROLE_RE.fullmatch(low)


def _strip_title(text: str) -> tuple[str, str]:
    m = TITLE_RE.match(text.strip())
    if m and m.group("name").strip():
        return m.group("name").strip(), m.group("title").strip()
    return text.strip(), ""


def _find_known(state: _State, name: str) -> Speaker | None:
    low = name.lower()
    for sp in reversed(state.speakers):
        if sp.name.lower() == low or (not sp.collective and sp.surname and sp.surname.lower() == low):
            return sp
    return None


def _register(state: _State, speaker: Speaker) -> Speaker:
    known = _find_known(state, speaker.name)
    if known is not None:
        if speaker.role and not known.role:
            known.role = speaker.role
        if speaker.affiliation and not known.affiliation:
            known.affiliation = speaker.affiliation
        return _mark_last(state, known)
    state.speakers.append(speaker)
    return _mark_last(state, speaker)


def _mark_last(state: _State, speaker: Speaker) -> Speaker:
    state.last = speaker
    if speaker.collective:
        state.last_collective = speaker
    return speaker


# --------------------------------------------------------------------------------------------- dates
def resolve_date(text: str, published: dt.date | None) -> dt.date | None:
    m = DATE_DM.search(text) or DATE_MD.search(text)
    if m:
        month = MONTHS.get(m.group("m").lower().rstrip("."))
        day = int(m.group("d"))
        year = int(m.group("y")) if m.group("y") else (published.year if published else None)
        if month and year:
            try:
                when = dt.date(year, month, day)
            except ValueError:
                return None
            if not m.group("y") and published and when > published + dt.timedelta(days=7):
                when = when.replace(year=year - 1)
            return when
    if published is None:
        return None
    m = DATE_RELATIVE.search(text)
    if m:
        rel = m.group("rel").lower()
        if rel in ("yesterday", "the day before", "the previous day"):
            return published - dt.timedelta(days=1)
        return published
    m = DATE_WEEKDAY.search(text)
    if m:
        target = WEEKDAYS.index(m.group("w").lower())
        delta = (published.weekday() - target) % 7
        if (m.group("last") or "").strip().lower() == "last" and delta == 0:
            delta = 7
        return published - dt.timedelta(days=delta)
    return None


# --------------------------------------------------------------------------------------------- matching
def content_words(text: str) -> set[str]:
    out = set()
    for w in re.findall(r"[A-Za-z][A-Za-z\-]+|\d+", text.lower()):
        if w in STOPWORDS or len(w) < 3:
            continue
        for suffix in ("ing", "ed", "es", "s"):
            if len(w) > 5 and w.endswith(suffix):
                w = w[: -len(suffix)]
                break
        out.add(w)
    return out


@dataclass
class _Found:
    kind: str
    start: int
    end: int
    speaker: Speaker
    cue: str
    said: dt.date | None
    confidence: float
    sentence_index: int
    anaphoric: bool = False


TURN_NOT_SPEAKERS = {
    "Q",
    "QUESTION",
    "REPORTER",
    "MODERATOR",
    "TRANSCRIPT",
    "NOTE",
    "EDITOR'S NOTE",
    "UPDATE",
    "CORRECTION",
    "SOURCE",
    "SUBJECT",
    "RE",
    "DATE",
    "TIME",
    "LOCATION",
    "TITLE",
    "SUMMARY",
    "BACKGROUND",
    "CONTEXT",
    "WARNING",
    "PHOTO",
    "VIDEO",
    "AUDIO",
    "LINK",
    "URL",
    "TAGS",
    "FILED",
    "BY",
}
TURN_RE = re.compile(r"(?P<label>[A-Z][A-Za-z.'\- ]{0,40}):[ \t]+")


def _paragraph_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


DEMONSTRATIVE = re.compile(
    rf"\b(?:{DENY_VERBS})\s+(this|that|it|these|those|so)\b(?=\s*[.,;!?]|\s*$)"
    r"|\b(this|that|it) (is|was) (not|simply not|untrue|false)",
    re.I,
)
NEGATION = re.compile(r"\b(not|no|never|nothing|none|nobody|n't|neither|nor|no longer|false|untrue)\b", re.I)
QUOTE_PAIRS = re.compile(r"\u201c(?P<q>[^\u201c\u201d]{3,}?)\u201d|\"(?P<q2>[^\"]{3,}?)\"")


class RuleExtractor:
    """Proposes attributed claims and denials with rules over sentences (English news style)."""

    name = "rules"

    def propose(self, text: str, *, published: dt.date | None = None) -> list[Proposal]:
        state = _State()
        found: list[_Found] = []
        sentences = split_sentences(text)
        for index, sent in enumerate(sentences):
            for f in self._sentence(text, sent, state, published):
                f.sentence_index = index
                found.append(f)
        return self._proposals(text, found, {i: sent.start for i, sent in enumerate(sentences)})

    # ---- one sentence
    def _sentence(self, text: str, sent: Sentence, state: _State, published: dt.date | None) -> list[_Found]:
        s = sent.text
        base = sent.start
        results: list[_Found] = []
        said = resolve_date(s, published)

        # 0. a transcript turn: "MR. SULLIVAN: ..." / "Dana Reyes: ..." (each statement of the turn)
        turn = TURN_RE.match(text, _paragraph_start(text, sent.start))
        if turn is not None and turn.group("label").strip().upper() in (
            "Q",
            "QUESTION",
            "REPORTER",
            "MODERATOR",
        ):
            return []  # a question is not a claim, whatever it quotes
        if turn is not None and turn.group("label").strip().upper() not in TURN_NOT_SPEAKERS:
            label = re.sub(r"^(MR|MRS|MS|DR)\.?\s+", "", turn.group("label"), flags=re.I).strip()
            label = label.title() if label.isupper() else label
            if "press secretary" not in label.lower() and "moderator" not in label.lower():
                sp = parse_speaker(label, state) or _register(state, Speaker(label))
                body_start = max(sent.start, turn.end())
                seg = text[body_start : sent.end].rstrip()
                if (
                    len(seg.split()) >= 7
                    and not seg.endswith("?")
                    and not re.match(
                        r"^(thanks|thank you|good (morning|afternoon|evening)|let me|i want to)\b", seg, re.I
                    )
                ):
                    seg = seg.rstrip(".!")
                    return [
                        self._found(
                            text, "claim", body_start, body_start + len(seg), sp, "transcript", said, 0.5
                        )
                    ]
            return []
        # a wire dateline opening the story ("KESSEL, March 3 (Meridian Wire) - ") is not part of any sentence
        cut = _dateline_length(s)
        if cut:
            s, base = s[cut:], base + cut
        # 1. "According to X, CONTENT." / "CONTENT, according to X."
        m = re.match(r"^According to (?P<spk>[^,]{2,120}),\s*(?P<content>.+?)[.!?\"\u201d]*$", s)
        if m:
            sp = parse_speaker(m.group("spk"), state) or _document_speaker(m.group("spk"), state)
            if sp is not None:
                return [
                    self._found(
                        text,
                        "claim",
                        base + m.start("content"),
                        base + m.end("content"),
                        sp,
                        "according to",
                        said,
                        0.8,
                    )
                ]
        m = re.match(r"^(?P<content>.+?),\s*according to (?P<spk>[^,]{2,160}?)(?:,[^.]*)?[.!?]?$", s)
        if m:
            sp = parse_speaker(m.group("spk"), state) or _document_speaker(m.group("spk"), state)
            if sp is not None:
                return [
                    self._found(
                        text,
                        "claim",
                        base + m.start("content"),
                        base + m.end("content"),
                        sp,
                        "according to",
                        said,
                        0.8,
                    )
                ]

        # 2. speaker last: "“QUOTE,” X said." / "CONTENT, X told reporters on Monday, in ..." / "“QUOTE,” said X."
        verbs = sorted(list(RV.finditer(s)) + list(DV.finditer(s)), key=lambda m: m.start(), reverse=True)
        for vm in verbs:
            pre = s[: vm.start()]
            sep = max(pre.rfind(","), pre.rfind("\u201d"), pre.rfind('"'))
            if sep <= 0:
                continue
            np = pre[sep + 1 :].strip()
            if not np and pre.rstrip().endswith(","):
                # "..., the UN humanitarian coordinator, Ines Varga, said": the speaker is the last segments
                segments = pre.rstrip(" ,").split(",")
                for k in (2, 1):
                    if len(segments) > k and all(len(x.split()) <= 8 for x in segments[-k:]):
                        candidate = ",".join(segments[-k:]).strip()
                        probe = parse_speaker(
                            candidate, _State(list(state.speakers), state.last, state.last_collective)
                        )
                        if probe is not None:
                            np = candidate
                            sep = len(",".join(segments[:-k]))
                            break
            after = s[vm.end() :]
            after_clause = re.split(r",|\.\s|[.!?]$", after, maxsplit=1)[0]
            if len(after_clause.split()) > 8 or re.search(r"\bthat\b|[\u201c\"]", after_clause):
                continue
            if (
                np
                and after_clause.strip()
                and (
                    AUXILIARY.search(after_clause)
                    or not (TAIL_OK.match(after_clause.strip()) or len(after_clause.split()) <= 6)
                )
            ):
                continue  # "X said Iran would ...": what follows the verb is the content, not a tail
            if not np:  # "said X" / "said X, the minister": the speaker follows the verb
                rest = after.strip().rstrip(".!?")
                np = re.sub(
                    r"\s+(on|in|at|late|early|last|this|during|after|before|when|while|who)\b.*$", "", rest
                )
                np = re.sub(r",\s*who\b.*$", "", np)
            elif len(np.split()) > 12:
                continue
            sp = parse_speaker(np, state)
            if sp is None:
                continue
            c_start, c_end = 0, sep
            seg = s[c_start:c_end]
            c_start += len(seg) - len(seg.lstrip("\u201c\"'\u2018 "))
            seg = s[c_start:c_end].rstrip(',\u201d" ')
            c_end = c_start + len(seg)
            if len(seg.split()) < 3:
                continue
            verb = vm.group(0)
            kind = "denial" if (DV.fullmatch(verb) or FALSE_WORDS.search(seg)) else "claim"
            conf = 0.9 if s[:1] in '\u201c"' else 0.75
            when = resolve_date(s[sep:], published) or said
            c_start += _dateline_length(s[c_start:c_end])
            return [self._found(text, kind, base + c_start, base + c_end, sp, verb, when, conf)]

        # 3. speaker first: "X said (that) CONTENT." / "X denied (that) CONTENT." / "X called the report baseless."
        vm = RV.search(s) or None
        dm = DV.search(s)
        first = min((m for m in (vm, dm) if m is not None), key=lambda m: m.start(), default=None)
        if (
            first is not None
            and s[: first.start()].count(" ") <= 14
            and not s[: first.start()].count("\u201c")
        ):
            np = s[: first.start()]
            sp = parse_speaker(np, state)
            if sp is not None:
                rest_start = first.end()
                rest = s[rest_start:]
                if first is dm:
                    # a denial: the whole sentence is the quote ("Officials denied this." says little alone)
                    content = s.rstrip(".!? ")
                    anaphoric = bool(ANAPHORIC_OBJECT.match(rest)) or len(content_words(rest)) <= 3
                    return [
                        self._found(
                            text,
                            "denial",
                            base,
                            base + len(content),
                            sp,
                            first.group(0),
                            said,
                            0.8,
                            anaphoric=anaphoric,
                        )
                    ]
                skip = re.match(
                    r"^(?:\s+(?:reporters|journalists|the press|parliament|lawmakers|the (?:\w+ )?(?:agency|newspaper|"
                    r"broadcaster|channel|paper)|[A-Z][\w\-]+(?: [A-Z][\w\-]+){0,3}|him|her|them|us|me))?"
                    r"(?:\s+(?:on|late on|early on|last|this|in|at|during|after)\s+[\w\- ]{2,30}?(?=\s+that\b|,|\s+[a-z]))?"
                    r"(?:\s*,)?(?:\s+that\b)?[\s:,]*",
                    rest,
                )
                offset = rest_start + (skip.end() if skip else 0)
                content = s[offset:].rstrip(".!? ")
                said = resolve_date(s[:offset], published) or said
                is_deny = first is dm
                if is_deny:
                    kind = "denial"
                    anaphoric = bool(ANAPHORIC_OBJECT.match(content))
                    if content and len(content) >= 3:
                        return [
                            self._found(
                                text,
                                kind,
                                base + offset,
                                base + offset + len(content),
                                sp,
                                first.group(0),
                                said,
                                0.8,
                                anaphoric=anaphoric,
                            )
                        ]
                elif len(content) >= 8:
                    cm = CALLED_FALSE.search(s)
                    kind = (
                        "denial"
                        if (
                            FALSE_WORDS.search(content)
                            and re.search(
                                r"\b(not|no|never)\b|"
                                r"baseless|false|untrue|lies|nonsense|fabricat",
                                content,
                                re.I,
                            )
                        )
                        else "claim"
                    )
                    if cm is not None:
                        kind = "denial"
                    return [
                        self._found(
                            text,
                            kind,
                            base + offset,
                            base + offset + len(content),
                            sp,
                            first.group(0),
                            said,
                            0.8,
                            anaphoric=kind == "denial" and bool(ANAPHORIC_OBJECT.match(content)),
                        )
                    ]
        # 4. "X called the report baseless" without a reporting verb first
        cm = CALLED_FALSE.search(s)
        if cm is not None and s[: cm.start()].count(" ") <= 12:
            sp = parse_speaker(s[: cm.start()], state)
            if sp is not None:
                content = s.rstrip(".!? ")
                return [
                    self._found(
                        text, "denial", base, base + len(content), sp, cm.group(1), said, 0.75, anaphoric=True
                    )
                ]
        # 5. a quotation continuing the last speaker's words: a paragraph that is only a quotation
        if s[:1] in '\u201c"' and state.last is not None and len(s) > 20 and not RV.search(s):
            q = QUOTE_PAIRS.match(s)
            if q:
                g = "q" if q.group("q") else "q2"
                kind = "denial" if FALSE_WORDS.search(q.group(g)) else "claim"
                return [
                    self._found(
                        text, kind, base + q.start(g), base + q.end(g), state.last, "quotation", said, 0.5
                    )
                ]
        return results

    def _found(self, text, kind, start, end, speaker, cue, said, conf, *, anaphoric=False) -> _Found:
        while start < end and text[start] in " ,:;\u201c\"'\u2018":
            start += 1
        while end > start and text[end - 1] in " ,;:\u201d\"'\u2019":
            end -= 1
        return _Found(kind, start, end, speaker, cue.lower(), said, conf, 0, anaphoric)

    # ---- proposals and denial links
    def _proposals(self, text: str, found: list[_Found], sentence_starts: dict[int, int]) -> list[Proposal]:
        last_index = -10
        proposals: list[Proposal] = []
        words: list[set[str]] = []
        seen_spans: set[tuple[int, int]] = set()
        for f in found:
            if f.end - f.start < 3 or (f.start, f.end) in seen_spans:
                continue
            seen_spans.add((f.start, f.end))
            quote = text[f.start : f.end]
            key = f"p{len(proposals) + 1}"
            cw = content_words(quote)
            kind = f.kind
            denies = None
            prev = proposals[-1] if proposals else None
            if (
                kind == "claim"
                and prev is not None
                and prev.kind == "denial"
                and prev.denies is not None
                and f.sentence_index - last_index <= 1
                and NEGATION.search(quote)
                and (f.speaker.name == prev.actor or f.speaker.collective)
            ):
                # a denial elaborated: "Officials denied this. “Nothing has been repaired,” a spokesman said."
                kind, denies = "denial", prev.denies
            elif kind == "denial":
                denies = self._target(f, cw - content_words(f.speaker.name), proposals, words, quote)
            sp = f.speaker
            direct = f.start > 0 and text[f.start - 1] in '\u201c"\u2018'
            if f.start == sentence_starts.get(f.sentence_index) and not direct:
                statement = quote.rstrip(" .,;:") + "."  # the whole sentence names the speaker already
            elif direct:
                statement = f"{sp.name}: \u201c{quote.rstrip(' ,;:')}\u201d"
            else:
                statement = f"{sp.name} said {_lower_first(quote)}".rstrip(" .,;:") + "."
            proposals.append(
                Proposal(
                    key=key,
                    kind=kind,
                    quote=quote,
                    start=f.start,
                    end=f.end,
                    statement=statement,
                    actor=sp.name,
                    role=sp.role,
                    affiliation=sp.affiliation,
                    said=f.said,
                    denies=denies,
                    denies_claim_id=None,
                    cue=f.cue,
                    confidence=f.confidence,
                )
            )
            words.append(cw)
            last_index = f.sentence_index
        return proposals

    def _target(
        self, f: _Found, cw: set[str], proposals: list[Proposal], words: list[set[str]], quote: str
    ) -> str | None:
        best, best_score = None, 0.0
        for i in range(len(proposals) - 1, -1, -1):
            p = proposals[i]
            if p.kind != "claim" or p.actor == f.speaker.name:
                continue
            overlap = len(cw & words[i])
            distance = len(proposals) - i
            score = overlap - 0.05 * distance
            if overlap >= 2 and score > best_score:
                best, best_score = p.key, score
        if best is None and (f.anaphoric or len(cw) <= 3):
            # "X denied this": the claim it answers is usually the story's lead claim or the one just before
            claims = [i for i, p in enumerate(proposals) if p.kind == "claim" and p.actor != f.speaker.name]
            if claims and DEMONSTRATIVE.search(quote):
                return proposals[claims[-1]].key  # "denied this": what was just said
            if claims:
                lead = claims[0]  # "rejected the report": the story's lead claim unless words say otherwise
                scored = [
                    (len(cw & words[i]) + (0.6 if i == lead else 0) - 0.05 * (len(proposals) - i), i)
                    for i in claims
                ]
                return proposals[max(scored)[1]].key
        return best


def _lower_first(text: str) -> str:
    text = text.strip()
    if len(text) > 1 and text[0].isupper() and not text[1].isupper() and text.split()[0] not in ("I",):
        first = text.split()[0]
        if first.lower() in STOPWORDS or first.lower() in ("we", "our", "there", "it"):
            return text[0].lower() + text[1:]
    return text
