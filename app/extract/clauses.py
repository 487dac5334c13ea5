"""The clause patterns the rule extractor (``extractor``) reads a sentence by: who speaks in a clause joined by
"and", ", saying", a recipient after "told", a trailing "in a statement", a demand, a reply's opening. Patterns
only; no text is read here."""

from __future__ import annotations

import re

from app.extract.answers import Found
from app.extract.dates import DATE_DM, DATE_MD, DATE_RELATIVE, DATE_WEEKDAY, LAST_WEEK
from app.extract.lexicon import DV, NEGATION, NOT_KNOWING, RV, STOPWORDS, names_role
from app.extract.model import Proposal

# "The quay is still closed, but dock workers said ...", "..., and the chief executive, Ana Pell, said ...": the
# speaker opens the last clause (a noun phrase, perhaps with one apposition, right before the verb)
COORDINATED = re.compile(r",\s*(?:and|but|yet)\s+(?=[^,;]{2,80}(?:,[^,;]{2,60},\s*)?$)", re.I)
# "Prices have doubled, and while it is hard to say why, the minister said ...": a clause, then a subordinate
# clause opening the next one; a verb inside the subordinate clause is not the one that reports (one in the first
# clause is: "The Uskerians deny this, and while ...")
JOINED_SUBORDINATE = re.compile(
    r"^[^;]{0,200}?(?P<joint>,\s*(?:and|but|yet)\s+)(?:while|although|though|whereas|because|since|when|as|if|after|before|"
    r"once|until|unless)\b[^,;]{2,120},\s*",
    re.I,
)
# after "According to X,": a role or a name set off in commas, then what was said
ACCORDING_APPOSITION = re.compile(
    r"(?P<ap>(?P<role>(?:the|a|an|its|their|his|her)\s[^,]{2,60})|"
    r"(?P<name>[A-Z][\w'\u2019\-]+(?:\s+(?:(?:[a-z]{2,4}|al-\w+)\s+){0,2}[A-Z][\w'\u2019\-]+){1,3})),\s*"
)
# a body rather than a person's role: "According to the ministry, Tomas Varga, ..." (Varga is what was said about)
BODY_HEAD = re.compile(
    r"\b(?:ministry|department|office|government|council|authority|agency|board|committee|company|union|police|"
    r"army|court|parliament|commission|institute|embassy|party|service)$",
    re.I,
)
# a name set off after a role: ", Zanele Okonkwo." / ", Zanele Okonkwo, who ..."
APPOSED_NAME = re.compile(
    r",\s*(?P<name>[A-Z][\w'\u2019\-]*(?:\s+(?:[A-Z][\w'\u2019\-]*|al-\w+|[a-z]{2,4}))*?"
    r"\s+[A-Z][\w'\u2019\-]+)\s*(?:,|[.!?]?$)"
)
# a relative clause closing the subject right before the verb: "Sofia Halvorsen, who was appointed in March, said"
RELATIVE_BEFORE = re.compile(r"\w,\s*(?:who|whose|which)\b[^,\u201c\u201d\"]*,\s*$")
SAYING = re.compile(
    r"(?:,\s*|(?<=statement)\s+)saying(?:\s+that)?\s+"
    # "marched on the ministry, demanding that the coastguard ...": any participle of saying, with its clause
    r"|,\s*(?:claiming|insisting|arguing|warning|demanding|alleging|stressing|noting)\s+that\s+"
    r"|\s+and\s+(?:said|added)(?:\s+that)?\s+(?!(?:on|in|at|last|this)\b)",  # "summoned the envoy and said ..."
    re.I,
)  # "issued a statement saying"
COUNTER = re.compile(r"\b(?:countered|counters|hit back|hits back|fired back|retorted|pushed back)\b", re.I)
BARE_DENIAL_WORDS = 3  # "rejected the accusation", "That is simply untrue": a denial that gives no reason
RECIPIENT_VERBS = re.compile(r"told|tells|informed|assured|assures|briefed|warned|reminded|promised", re.I)
_WHEN = (
    r"(?:\s+(?:yesterday|today|tonight|again|also|earlier|later|repeatedly|publicly)\b)?"
    # "said Friday that ...": a bare weekday, as wire copy writes it
    r"(?:\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?"
    r"(?=\s+that\b|,|\s+[a-z]|\s+\d+\b(?!\.?\s*(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b|(?:st|nd|rd|th)\b)))?"
    # "told reporters in Tallisk on Thursday that", "said in a letter dated 3 June that": where, then when
    r"(?:\s+(?:on|late on|early on|last|this|in|at(?!\s+(?:least|most)\b)|during|after|dated)\s+[\w\- ]{2,30}?"
    r"(?=\s+that\b|,|\s+[a-z]|\s+\d+\b(?!\.?\s*(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b|(?:st|nd|rd|th)\b))){0,3}"
    # "on Thursday, before the findings were published, that ...": an aside on when, then what was said
    r"(?:,\s+(?:[\w\-]+\s+){0,3}?(?:before|after)\s+[^,\u201c\"]{3,120},(?=\s+that\b))?"
    # "said in a video posted online that ...": what the place is, up to what was said
    r"(?:\s+(?:posted|published|broadcast|released|shared|issued|recorded)\b[\w\- ]{0,30}?(?=\s+that\b))?"
)
SKIP_RECIPIENT = re.compile(
    r"^(?:\s+(?:"
    # "told the tribunal the boilers had failed", "told investigators the bus slid": a verb of telling takes whom
    # it tells first, a short noun phrase, then what was told
    r"(?:(?:the|an?|his|her|its|their) (?:[a-z][\w\-\'\u2019]* ){0,2}?[a-z][\w\-]*|[a-z]{3,}s)"
    # ("told a local television station that the dam was safe": or "that")
    r"(?=\s+(?:the|an?|his|her|its|their|it|they|he|she|there|this|no|every|all|that|[A-Z0-9])\b)"
    r"|reporters|journalists|the press|parliament|lawmakers|(?:the )?state (?:television|radio|media|"
    r"(?:news )?agency)|the (?:\w+ )?(?:agency|newspaper|"
    r"broadcaster|channel|paper|assembly|committee|council|website|site|magazine|station|network)|(?:the )?[A-Z][\w\-]+(?: [A-Z][\w\-]+){0,3}"
    # "told the BBC's Newshour programme", "told Radio Tallow's morning show"
    r"(?:['\u2019]s(?: [A-Z][\w\-]+){0,3}(?: (?:morning |evening |late |Sunday )?(?:programme|program|show|podcast|"
    r"newspaper|website|channel|bulletin|edition))?)?|him|her|them|us|"
    r"me))?" + _WHEN + r"(?:\s*,)?(?:\s+that\b)?[\s:,]*"
)
SKIP_PLAIN = re.compile(r"^" + _WHEN + r"(?:\s*,)?(?:\s+that\b)?[\s:,]*")
TRAILING_ATTRIBUTION = re.compile(
    r",\s*(?:in an? (?:statement|letter|interview|post|speech|briefing|news conference|press release|report)\b"
    r"|(?:speaking|writing) (?:on|in|at|to)\b)[^,]*$",
    re.I,
)
CONTINUATION = re.compile(
    r",\s*and\s+(?=(?:its|his|her|their|the|a|an)\b[^,.]{0,60}(?:,[^,.]{2,60},)?\s*(?:said|added|insisted|told)\b)",
    re.I,
)


# "X denied ..., after the coastguard said on Monday that ...", "X said ..., after students said ...": a lede's
# statement told as the answer to what another speaker said first; the earlier speaker, an optional act of theirs
# ("ordered a recall of the pumps and"), the saying verb, then what they said, to the sentence's end
AFTER_SAID = re.compile(
    # (not "a local councillor": one unnamed person is named further down, and the claim is theirs there)
    r",\s+after\s+(?!an?\s)(?P<who>[\w][^,;:\"\u201c\u201d]{1,80}?)"
    r"(?P<when>\s+(?:(?:late|early)\s+)?on\s+[A-Z]\w+day|\s+yesterday|\s+last\s+(?:week|month|night))?"
    r"(?:\s+(?:[a-z]+ed|withdrew|took|sent|made|gave|found|put|set|held|wrote|ran|began|brought|sold|shut|cut|"
    r"froze|seized|published)\s[^,;:]{0,80}?\s+and)?"
    r"\s+(?P<verb>said|reported|announced|alleged|claimed)"
    r"(?P<when2>\s+(?:(?:late|early)\s+)?on\s+[A-Z]\w+day|\s+yesterday|\s+last\s+(?:week|month|night))?"
    r"(?:\s+that)?\s+(?P<content>\S[^;]{10,}?)[\s.!]*$"
)
# "X said ..., and accused Y of Z" / "X said it had ... and accused Y of Z": a second claim, an accusation, by the
# same speaker (after a comma, or when what was said is about the speaker itself: "it had shot down a drone")
AND_ACCUSED = re.compile(r"(?P<comma>,)?\s+and\s+(?P<verb>accused|blamed)\s+(?P<content>\S[^;]{8,}?)[\s.!]*$")
OWN_SUBJECT = re.compile(r"(?:that\s+)?(?:it|they|he|she|we|I)\s", re.I)
DEMAND = re.compile(r"\b(?:should|must|ought to|needs? to|has to|have to)\b", re.I)
JUDGES_THE_ACCUSATION = re.compile(
    r"(?:the|this|that|these|those)\s+(?:allegations?|accusations?|charges?|claims?|reports?|findings|story)\s+"
    # "the claim that the city had hidden anything was an insult": what it claimed may come between
    r"(?:that\s[^,.;\"\u201c]{3,120}?\s)?"
    r"(?:(?:was|were|is|are|had been|has been|have been)\s+(?!being\b|under\b|still\b|now\b|published\b|"
    r"released\b)|(?:came|come|comes|stemmed|stem|stems) from\s)",
    re.I,
)


def judged_words(quote: str, words: set[str]) -> set[str]:
    """The words a judgement repeats of the claim it judges: those of "the claim that ..." (none when the claim
    is only named: "the allegation was an excuse")."""
    m = JUDGES_THE_ACCUSATION.match(quote)
    if m is None or not re.search(r"\sthat\s", m.group(0)):
        return set()
    return words


REPLY_OPENING = re.compile(r"\s*(?:in response|in reply|responding|replying)\b", re.I)
# a false word judges what was said only when what was said is its subject: "these claims are lies", "this is a
# provocation", "the report was propaganda" (not "the incident was a deliberate provocation")
STATEMENT_SUBJECT = re.compile(
    r"\s*(?:it|this|that|these|those|they|(?:the|this|that|these|those|such|his|her|its|their)\s+(?:\w+\s+)?"
    r"(?:claims?|reports?|allegations?|accusations?|charges?|story|stories|account|accusations?|figures?|"
    r"findings|pictures|images|video|documents?|statements?|remarks))\b",
    re.I,
)


def replies(f: Found, text: str, sentence_starts: dict[int, int]) -> bool:
    """Whether the sentence opens as a reply: "In response, the separatists' press office said ..."."""
    start = sentence_starts.get(f.sentence_index, f.start)
    return start < f.start and bool(REPLY_OPENING.match(text, start))


def said_at_its_own_time(f: Found, prev: Proposal, text: str, sentence_starts: dict[int, int]) -> bool:
    """Whether a statement names a time of its own, other than its denial's: "Radek told journalists last
    week that ..." is another statement, not the reason for the denial before it."""
    if f.said is not None:
        return f.said != prev.said
    head = text[sentence_starts.get(f.sentence_index, f.start) : f.start]
    return any(p.search(head) for p in (DATE_WEEKDAY, DATE_RELATIVE, LAST_WEEK, DATE_DM, DATE_MD))


def unattributed(s: str) -> bool:
    """A statement reported with a verb of saying ("..., the source said") whose speaker the rules could not
    name: not a question, a quotation alone, or a verb under negation ("declined to say")."""
    if s.rstrip().endswith("?") or len(s.split()) < 6:
        return False
    verbs = [m.group(0) for m in RV.finditer(s)] + [m.group(0) for m in DV.finditer(s)]
    return any(v in _SAYING for v in verbs)


_SAYING = frozenset(
    [
        "said",
        "says",
        "told",
        "stated",
        "added",
        "insisted",
        "claimed",
        "alleged",
        "accused",
        "denied",
        "denies",
        "rejected",
        "dismissed",
    ]
)


def lower_first(text: str) -> str:
    text = text.strip()
    if len(text) > 1 and text[0].isupper() and not text[1].isupper() and text.split()[0] not in ("I",):
        first = text.split()[0]
        if first.lower() in STOPWORDS or first.lower() in ("we", "our", "there", "it"):
            return text[0].lower() + text[1:]
    return text


# a concession, then what the speaker still maintains: "acknowledged that ..., but said ..."
CONCEDING = re.compile(
    r"confirmed|confirms|acknowledged|acknowledges|admitted|admits|conceded|concedes", re.I
)
CONCEDED = re.compile(r",?\s+but\s+(?:said|says|insisted|maintained|added)(?:\s+that)?\s+", re.I)
ALLEGATION_SUBJECT = re.compile(
    r"\s*(?:the|these|those|this|that|such)\s+(?:allegations?|accusations?|charges?|claims?)\s+(?:is|are|was|were)\b",
    re.I,
)


def negates(quote: str) -> bool:
    """Whether a statement negates something, other than the speaker's own knowledge."""
    return NEGATION.search(NOT_KNOWING.sub("", quote)) is not None


# after "X said[ yesterday]," the predicate of a subject named before it: "was in a different mode ..."
PREDICATE_AFTER = re.compile(
    r"[^,\"\u201c]{0,30},\s+(?:was|were|is|are|had|has|have|would|will|could|did|does|remained|remains)\s"
)
# "accused Tavria on Monday of ...": the day of the accusation sits between whom it accuses and of what
ACCUSED_WHEN = re.compile(
    r"^(?:[\w\-'\u2019]+\s+){1,6}?(?P<when>(?:late |early )?(?:(?:on|last|this)\s+[A-Z]?[a-z]+|yesterday|"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))"
    r"(?:\s+(?:morning|afternoon|evening|night))?)\s+of\b"
)


# whom a statement was told and when, up to "that": "a meeting of district councillors on Tuesday that", "a radio
# interviewer on 2 November, three days before the report was published, that" (only when it gives a date)
# (never across ", adding": "said on Monday the pipeline would reopen, adding that ...": before it is what was said)
TOLD_WHOM_WHEN = re.compile(
    r"\s*(?P<whom>(?:an?|the|[a-zA-Z][\w\-]*)\s"
    r"(?:(?!,\s*(?:adding|saying|insisting|arguing|stressing|noting)\b)[^\"\u201c\u201d;]){2,160}?)\s+that\s+"
)
# "said, without giving evidence, that ...", "said, in a rare statement, that ...": an aside, then what was said
ASIDE_THAT = re.compile(r",\s*[^,;:\"\u201c\u201d]{2,60},\s*that\s+")
# what follows a reporting verb when it is where or to whom it was said, or when: "to the ministry", "in an interview"
PLACE_OR_WHEN = re.compile(
    r"\s+(?:to|in|at|during|on|late|early|last|this|yesterday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday)\b"
)
# "has said little in public", "said nothing about the money": how much was said, not what
HOW_MUCH_SAID = re.compile(
    r"(?:very little|little|almost nothing|nothing)(?:\s+(?:in public|publicly|since|so far|about|on|to)\b[^.]{0,60})?$",
    re.I,
)


def according_apposition(s: str, at: int, speaker: str) -> re.Match[str] | None:
    """After "According to SPEAKER," at ``at``: the apposition that says who SPEAKER is ("According to Ana Pell, the
    harbour master, ...", "According to the harbour master, Ana Pell, ..."), or None (not "According to the
    ministry, the port director, who ..., had lied", where the port director is what was said about)."""
    ap = ACCORDING_APPOSITION.match(s, at)
    if ap is None:
        return None
    person = speaker[:1].isupper() and not re.match(r"(?:The|A|An)\s", speaker)
    if ap.group("name") and not person and names_role(speaker) and not BODY_HEAD.search(speaker):
        return ap  # a name after a person's role
    if ap.group("role") and person and names_role(ap.group("role")):
        return ap  # a role after a name
    return None


# a question in a transcript that reports what others said ("QUESTION: The guild said on Sunday that ...")
REPORTED_IN_QUESTION = re.compile(r"\b(?:said|told|wrote|reported|announced|stated)\b")


# the words between a verb of saying and a colon opening a quotation are its setting, never what was said
# (a phrase of place, time or occasion: "on Monday", "at a news conference in Kessel", "it again", "in a statement")
_COLON_SETTING = (
    r"(?:\s*(?:(?:on|in|at|during|after|before|outside|inside|from|via|over|by|while|late|early|last|this|earlier|"
    r"later|yesterday|today|tonight|again|it|so|simply|once|twice|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday"
    r"|Sunday)\b[^:;\u201c\u201d\"\u2018.!?]{0,110}?)?)\s*:\s*(?=[\u201c\"\u2018'])"
)
COLON_QUOTE = re.compile(_COLON_SETTING)
# "told reporters on Monday:", "told the Saltmere Echo in an interview:": to whom, then the setting
COLON_QUOTE_TOLD = re.compile(
    r"\s*(?:reporters|journalists|the press|lawmakers|MPs|him|her|them|us|me|"
    r"(?:the\s+)?[A-Z][\w\-']*(?:\s+[A-Z][\w\-']*){0,4})" + _COLON_SETTING
)
