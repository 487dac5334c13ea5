"""The words drafting reads English news by: reporting and denying verbs, roles, titles, names, dates and the
little words that are never speakers. Patterns only; the logic is in ``speakers``, ``dates`` and ``extractor``."""

from __future__ import annotations

import re


def _words(text: str, sep: str | None = None) -> frozenset[str]:
    return frozenset(text.split(sep))


REPORT_VERBS = (  # verb forms only (no "claims", "reports", "notes": they are nouns too often)
    "neither confirmed nor denied|neither confirms nor denies|(?:was|were|is|are|has been|had been) quoted as saying|"
    "said|says|say|told|tells|stated|"
    # "Lanternwatch also states that the site was sealed": a verb when a clause follows ("member states that
    # have signed" is a noun)
    "states(?=\\s+that\\s+(?:the|an?|its|their|his|her|it|they|he|she|there|this|these|those|no|every|all|[A-Z]))|"
    "warned|warns|announced|announces|accused|accuses|believes|believe|"
    "believed|claimed|added|adds|insisted|insists|argued|argues|noted|confirmed|confirms|"
    "declared|declares|explained|explains|alleged|alleges|asserted|asserts|maintained|maintains|predicted|"
    "predicts|acknowledged|acknowledges|admitted|admits|wrote|writes|vowed|vows|promised|estimated|"
    "suggested|suggests|cautioned|cautions|stressed|stresses|reported|revealed|reveals|conceded|concedes|"
    "disclosed|discloses|countered|replied|replies|responded|responds|posted|tweeted|indicated|"
    "assessed|assesses|charged|contended|contends|recalled|pledged|signalled|signaled|"
    "reiterated|reiterates|repeated|observed|remarked|boasted|complained|complains|threatened|hinted|"
    "emphasised|emphasized|underlined|concluded|concludes|testified|briefed|informed|assured|assures|"
    "acknowledged|forecast|projected|calculated|judged|determined|found|thinks|thought|expects|expected|"
    "blamed|blames|called for|calls for|urged|urges|demanded|demands|"
    # the plural present of wire copy's "Critics argue the law ...", "Economists warn that ..."
    "argue|insist|warn|contend|allege|concede|complain|predict"
)
DENY_VERBS = (
    "denied|denies|deny|rejected|rejects|reject|dismissed|dismisses|dismiss|refuted|refutes|refute|disputed|"
    "disputes|dispute|contradicted|contradicts|contradict|repudiated|repudiates|rebutted|rebuts|disowned|"
    "scoffed at|brushed aside|brushed off|played down|downplayed|ruled out|rules out"
)
FALSE_WORDS = re.compile(
    r"\b(baseless|groundless|false|untrue|not true|no truth|fabricat\w*|lies|lie\b|nonsense|fake|unfounded|"
    r"absurd|ridiculous|propaganda|disinformation|misinformation|invented|made up|fiction|without foundation|"
    r"no basis|not correct|incorrect|never happened|did not happen|didn't happen|no evidence|unproven|smear|"
    r"slander\w*|politically motivated|misreading|misleading|distort\w*|provocation|hoax|insult|fantasy|"
    r"forged|forgery|forgeries|confused|misread|misunderstood|mistaken|exaggerat\w*|"
    # "We categorically reject these allegations", "it \"firmly denies\" the claims": a rejection in the words
    r"(?:reject|rejects|rejected|deny|denies|denied|refute|refutes|refuted|dismiss|dismisses|dismissed)[\"\u201d]?"
    r"\s+(?:these|those|the|this|that|all|any|such)\s+(?:[\w\-]+\s+){0,2}?(?:allegations?|accusations?|"
    r"charges?|claims|findings|assertions?|insinuations?|reports|rumou?rs)\b)",
    re.I,
)
# A reporting or denying verb under negation reports nothing: "officials have not said whether they will pay",
# "the ministry declined to say", "the minister did not deny the report".
_NOT_SAID = (
    r"(?<!\bthe )(?<!\ba )(?<!\ban )(?<!\bnot )(?<!\bnever )(?<!n't )(?<!\bno one )(?<!\bnobody )(?<!\bdeclined to )(?<!\brefused to )"
    r"(?<!\bdeclining to )(?<!\brefusing to )(?<!\bwould not )(?<!\byet to )(?<!\bneither )(?<!\bnor )"
    # "has no say over", "the final say", "All told,": a noun or an idiom, not a verb of saying
    r"(?<!\bno )(?<!\bany )(?<!\bfinal )(?<!\bAll )"
)
RV = re.compile(rf"\b{_NOT_SAID}(?:{REPORT_VERBS})\b")
DV = re.compile(rf"\b{_NOT_SAID}(?:{DENY_VERBS})\b")
CALLED_FALSE = re.compile(
    r"\b(called|calls|described|describes|branded|brands|labelled|labeled|termed)\b(.{0,80}?)"
    r"\b(as\s+)?(?P<false>" + FALSE_WORDS.pattern[3:-3] + r")\b",
    re.I,
)

# what a denial calls false is something said or done to the speaker: "called the report baseless", "called it
# a smear", "called the investigation politically motivated" (not "called the payments an insult to voters")
STATEMENT_OBJECT = re.compile(
    r"^\s*(?:as\s+)?$|\b(?:it|this|that|them|these|those|claims?|reports?|allegations?|accusations?|charges?|"
    r"story|stories|account|accounts|suggestions?|assertions?|investigation|inquiry|probe|case|findings|figures?|"
    r"analysis|study|article|statements?|remarks|comments|leaks?|documents?|evidence|rumou?rs?|idea|explanation|"
    r"version|theory|narrative|assessment|conclusions?|estimates?|count|numbers|data|warnings?|concerns?)\b",
    re.I,
)


def calls_a_statement_false(cm: re.Match[str]) -> bool:
    """Whether a "called ... false" match judges something said ("called the report baseless"), not an act."""
    return STATEMENT_OBJECT.search(cm.group(2)) is not None


PRONOUNS = {"he": "m", "she": "f", "they": "p", "it": "n"}
ROLE_NOUNS = (
    "minister|ministers|inspectorate|watchdog|regulator|tribunal|owner|owners|supplier|contractor|manufacturer|lawyer|broker|commissioner|commissioners|ombudsman|auditor|chancellor|spokesman|spokeswoman|spokesperson|spokespeople|president|prime minister|premier|"
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
ROLE_RE = re.compile(rf"\b({ROLE_NOUNS})(?:s|es)?\b", re.I)
# Occupations and offices that speak for themselves in news copy ("the harbour master said", "the coroner
# told the inquest"). Unlike the role nouns above they also name things ("the master plan", "the guard rail",
# "the crew manifest"), so they count only as the head of the phrase: see ``occupation_heads``.
OCCUPATION_NOUNS = (
    "master|harbourmaster|harbormaster|captain|skipper|sheriff|warden|mediator|consul|bishop|priest|imam|"
    "rabbi|pastor|cleric|teacher|nurse|crew|sergeant|lieutenant|marshal|attorney|solicitor|barrister|counsel|"
    "clerk|treasurer|registrar|superintendent|dean|rector|principal|coach|surgeon|physician|paramedic|"
    "firefighter|ranger|guard|constable|magistrate|coroner|curator|comptroller|controller|administrator|"
    "coordinator|organiser|organizer|councillor|councilor|alderman|"
    # kin who speak for someone ("The wife of one of the men said"), a ward sister; institutions named by
    # their kind ("the museum said", "the orchestra", "the district of Lower Velda")
    "wife|husband|widow|widower|mother|father|son|daughter|brother|sister|"
    "museum|gallery|orchestra|guild|district|club|league|school|theatre|theater"
)
OCCUPATION_RE = re.compile(rf"({OCCUPATION_NOUNS})(?:s|es)?", re.I)


def occupation_heads(phrase: str) -> bool:
    """Whether an occupation is what ``phrase`` is about: its last word before "of", "at", "in", "for", "from",
    "on", "to" or a comma ("the harbour master of Port Arvel": yes; "the master plan": no)."""
    head = re.split(r"\s+(?:of|for|at|from|with|in|on|to)\s+|,", phrase, maxsplit=1, flags=re.I)[0].split()
    return bool(head) and OCCUPATION_RE.fullmatch(head[-1]) is not None


def names_role(phrase: str) -> bool:
    """Whether ``phrase`` describes someone by role or office: a role noun anywhere ("the defence ministry
    spokesman"), or an occupation as its head."""
    return ROLE_RE.search(phrase) is not None or occupation_heads(phrase)


NON_SPEAKERS = frozenset(
    [
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
    ]
)
# places and things that are open, shut, short or queued at: "Petrol stations in the northern provinces
# reported long queues" says what was seen at them, not who said it
PREMISES = _words(
    "stations shops stores bakeries pharmacies chemists supermarkets markets restaurants cafes bars pubs "
    "garages roads streets queues shelves pumps prices branches outlets kiosks"
)
COLLECTIVE_HEADS = re.compile(
    r"\b(officials|sources|diplomats|analysts|experts|residents|witnesses|researchers|officers|activists|"
    r"allies|supporters|opponents|partners|neighbours|neighbors|leaders|ministers|commanders|spokespeople|"
    r"investigators|inspectors|monitors|authorities|lawmakers|aides|people|members|campaigners|critics|"
    r"economists|observers|negotiators|military|police|family|relatives|"
    # "a person familiar with the matter", "a person close to the talks": an unnamed source
    r"person(?= (?:familiar with|close to|briefed on|with (?:direct )?knowledge of|aware of)\b))\b",
    re.I,
)
TITLE_WORDS = (
    "President|Prime Minister|Foreign Minister|Defence Minister|Defense Minister|Interior Minister|Minister|"
    "Secretary of State|Secretary|Ambassador|General|Gen\\.|Colonel|Col\\.|Admiral|Adm\\.|Commander|Senator|"
    "Sen\\.|Representative|Rep\\.|Governor|Gov\\.|Mayor|Chancellor|Spokesman|Spokeswoman|Director|Chief|Judge|"
    "Spokesperson|Spokesman|Spokeswoman|Rev\\.|Reverend|Hon\\.|Honourable|Honorable|Dr\\.?|Mr\\.?|Mrs\\.?|Ms\\.?|Mx\\.?|Professor|Prof\\.?|Cllr\\.?|Deputy|Lieutenant|Lt\\.|Major|Maj\\.|Captain|Capt\\.|Sheikh|"
    "King|Queen|Prince|Emir|Pope|Cardinal|Archbishop|Bishop|Rabbi|Imam|Ayatollah|Chairman|Chairwoman|"
    "Councillor|Councilor|Alderman|Alderwoman|Commissioner|Detective|Det\\.|Inspector|Sergeant|Sgt\\.|Superintendent|Prosecutor"
)
# what may stand before a title and belongs to it: "Former President", "Health Minister", "Labour MP",
# "Democratic Sen.", "Acting Police Chief" (never a name's own word: a title must follow)
TITLE_QUALIFIERS = (
    "Former|Acting|Interim|Outgoing|Retired|Senior|Health|Finance|Defence|Defense|Interior|Justice|Education|"
    "Energy|Trade|Economy|Transport|Home|Agriculture|Environment|Labour|Labor|Culture|Oil|Mining|Water|Housing|"
    "Police|Fire|Army|Navy|Conservative|Democratic|Republican|Liberal|Tory|Socialist|Opposition"
)
TITLE_RE = re.compile(
    rf"^(?P<title>(?:(?:{TITLE_QUALIFIERS})\s+){{0,3}}(?:(?:{TITLE_WORDS}|MP)\s+)+)(?P<name>[A-Z].*)$"
)
NAME_TOKEN = (
    r"(?:[A-Z][\w'’\-]*\.?|al-[A-Z][\w\-]*|el-[A-Z][\w\-]*|bin|ben|ibn|van|von|de|da|del|della|der|den|di|dos|das|"
    r"la|le|du|ter|ten|ap|los|las|bint)"
)
NAME_RE = re.compile(rf"^{NAME_TOKEN}(?:\s+{NAME_TOKEN})*$")
STOPWORDS = _words(
    "a an the and or but if of in on at to for from by with without about as into over under after "
    "before is are was were be been being has have had do does did will would could should may might "
    "must can not no nor this that these those it its their there them they he she his her him we our "
    "you your i said says told stated denied denies deny rejected dismissed claims claim report reports "
    "reported also than then so such very just only any all some more most other which who whom whose "
    "what when where why how while since until against between during through up down out off again "
    "further once"
)
ANAPHORIC_OBJECT = re.compile(
    r"^\s*((this|that|it|these|those)\b(?=\s*[.,;:!?]|\s*$|\s+(?:as|and|on|in|at|outright)\b)|"
    r"(?:the|this|that|these|those|such|his|her|its|their) (report|reports|claim|claims|allegation|allegations|accusation|"
    r"accusations|account|accounts|story|stories|charge|charges|assertion|assertions|suggestion|suggestions|"
    r"remarks|statement|statements|comments|idea|notion|figures|reporting|assessment|warning))\b",
    re.I,
)
# "rejected the accusation and said its units had not fired", "dismissed the claim, saying no promise was
# made": the denial goes on in a second statement that answers the same claim.
ELABORATION = re.compile(
    r",?\s+and\s+(?:said|added|insisted|argued|maintained|stressed|told \w+)(?:\s+that)?\b\s*"
    r"|,\s*(?:saying|adding|insisting|arguing|stressing|noting)(?:\s+that)?\b\s*"
    r"|,\s*telling(?:\s+[\w\-]+){1,3}?\s+that\b\s*",
    re.I,
)
# Where a denial's own clause ends: an aside ("and while the charge looks weak, ..."), a colon, a dash.
DENIAL_END = re.compile(r",\s*(?:and\s+)?(?:while|although|though|but|as|even)\b|[:;]|\s[\u2013\u2014-]\s")
# "called it baseless", "called the report politically motivated", "described the claims as a smear"; or a
# judgement in quotation marks on what the other side said: "called the federation's statement
# \"loyalty dressed up as an answer\"", "called the idea of retaliation \"an invention\"" (not "called the
# payments \"an insult\"", an act judged, told as a claim; nor "called the results ...": evidence judged, whose
# author the text often does not give)
_SAID_OR_SHOWN = (
    r"(?:report|claim|allegation|accusation|charge|story|suggestion|account|assertion|statement|letter|"
    r"argument|reporting|idea|theory|explanation|version|remark|comment)s?"
)
# a quoted judgement that approves answers nothing: "called the ministry's statement \"a welcome first step\""
_APPROVING = (
    r"(?:a\s+|an\s+|very\s+|an?\s+very\s+)?(?:welcome|useful|helpful|important|good|positive|encouraging|"
    r"constructive|accurate|fair|correct|right|reasonable|credible|serious|promising|balanced|step\s+forward)\b"
)
CALLED_ANAPHOR = re.compile(
    r"\b(called|calls|call|described|describes|branded|brands|labelled|labeled|termed)\s+(?:(?:it|this|that|them|"
    r"(?:the|these|those|such|his|her|its|their) (?:report|claim|allegation|accusation|charge|story|"
    r"suggestion|account|assertion)s?)\b(?:\s+as)?\s+\S"
    r"|(?:the|these|those|his|her|its|their|[\w\-]+(?:\s+[\w\-]+)?['\u2019]s)\s+(?:[\w\-'\u2019]+\s+){0,3}?"
    rf"{_SAID_OR_SHOWN}(?:\s+of\s+[\w\-]+)?\s+(?:as\s+)?[\"\u201c](?!{_APPROVING}))",
    re.I,
)

# "called the tracker data \"incomplete\"", "called the commission's sampling careless": a finding judged
# unsound, which answers it (the words for false are in CALLED_FALSE)
CALLED_FLAWED = re.compile(
    r"\b(called|calls|call|described|describes)\s+(?:the|this|that|these|those|its|their|his|her|"
    r"[A-Z][\w\-]*['\u2019]s)\s+(?:[\w\-'\u2019]+\s+){0,3}?[\w\-'\u2019]+\s+(?:as\s+)?[\"\u201c]?"
    r"(?:incomplete|careless|flawed|wrong|inaccurate|misleading|selective|unreliable|sloppy|unscientific|"
    r"biased|exaggerated|premature|irresponsible|speculative|outdated)\b[\"\u201d]?",
    re.I,
)

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
    r"^[A-Z][A-Z .'/\-]{2,40}(?:,\s*[A-Z][\w .]{1,30})?,?\s*"
    r"(?:\(?[A-Z]?\w+\s+\d{1,2}(?:,?\s+\d{4})?\)?|\d{1,2}\s+\w+(?:\s+\d{4})?)?\s*"
    r"(?:\([^)]{2,40}\))?\s*[-\u2013\u2014]+\s*"
    # a press release's: "Quiverby Quay, 2 December 2026 - " (the place in mixed case, a full date with its year)
    r"|^[A-Z][\w'\u2019\-]+(?:\s+[A-Z][\w'\u2019\-]+){0,3},\s*(?:[A-Z][a-z]+day,?\s+)?"
    r"(?:\d{1,2}\s+[A-Z][a-z]+\.?|[A-Z][a-z]+\.?\s+\d{1,2},?)\s+\d{4}\s*[-\u2013\u2014]+\s*"
)


LEADING_PHRASE = re.compile(
    r"^(?:(?:(?:in|on|at(?! (?:least|most)\b)|after|before|during|later|earlier|last|late|early|meanwhile|separately|elsewhere|downstream|upstream|"
    r"still|however|but|and|yet|instead|also|then|now|today|yesterday|previously|similarly|likewise|asked|"
    r"speaking|writing|responding|overnight|afterwards|in response|for (?:its|his|her|their) part|"
    r"[a-z]+ing(?= (?:to|on|about|at|in|with|from|after|before)\b)"
    # a participle's phrase: "Reached by telephone yesterday, he", "sent to the inquiry and seen by this paper, the"
    r"|[a-z]+(?:ed|en|t)(?= (?:by|to|through)\b))\b[^,]{0,60}"
    r"|(?:while|although|though|whereas|because|since|if|when|once|as|until|unless)\b[^,]{0,160}"
    # an adverb alone before its comma: "Eventually,", "Privately,", "Initially,", "Happily,"; never a name that
    # ends the same way ("Kelly,", "Connolly,", "Reilly,", "Emily,", "Italy,", "Daly,", "Beverly,", "McNally,")
    r"|(?-i:[A-Z][a-z]{2,}[au]lly|[A-Z][a-z]{3,}ily|(?![A-Z][a-z]*erly\b)[A-Z][a-z]*[b-hj-km-z]ly)(?=,)),\s*)+",
    re.I,
)
# A speaker phrase never holds a finite verb or ends on a little word: "it is hard to", "Ms Vale was asked
# about the", "Media reports monitoring the incident" are pieces of a clause, not someone who speaks.
FRAGMENT_WORDS = _words(
    "is was were are am be been being has have had will would can could should may might must shall do does "
    "did asked appears seems seemed looks looked remains remained hard easy difficult likely unlikely what whether"
)
FUNCTION_END = _words(
    "the a an of to and or but in on at for with by about from as that than into if while who whom whose which"
)
# a phrase that starts with one of these and goes on is a clause ("We call on our partners to take note",
# "whatever its diplomats [say]"), never a name; a pronoun alone is resolved to whom it stands for
CLAUSE_OPENERS = _words(
    "i we you he she it they whatever whoever whichever although though because unless while whilst whereas "
    "if whether what that's it's there's here's"  # "If the minister thinks ...", "That's not what the officials said"
)
NOT_SPEAKER_WORDS = _words(
    "eventually meanwhile however others other some many few most read more related share tweet email "
    "advertisement subscribe updated published photo video watch listen sign login menu home "
    "never not no yes nobody nothing"  # '"Never, sir," the witness said': an answer's first word
)


QUANTITY_WORDS = _words(
    "times days weeks months years hours minutes percent per points cases deaths dollars euros "
    "kilometres km miles tonnes litres metres half third quarter twice thrice much many more less fewer "
    "most"
)


DOCUMENT_HEADS = re.compile(
    r"^(?:the\s+)?(?:\w+\s+){0,2}(documents?|records?|figures|data|papers|files|emails|minutes|filings|"
    r"statistics|estimates|reports?|studies|study|survey|assessment|memo|memos|letters?|cables?)\b",
    re.I,
)


TURN_NOT_SPEAKERS = frozenset(
    [
        "Q",
        "QUESTION",
        "REPORTER",
        "MODERATOR",
        # a broadcast's own voices introduce and narrate, as a reporter does in print
        "PRESENTER",
        "HOST",
        "ANCHOR",
        "NEWSREADER",
        "INTERVIEWER",
        "TRANSCRIPT",
        "NOTE",
        "EDITOR'S NOTE",
        "UPDATE",
        "CORRECTION",
        "ENQUIRIES",
        "INQUIRIES",
        "MEDIA ENQUIRIES",
        "MEDIA INQUIRIES",
        "PRESS ENQUIRIES",
        "CONTACT",
        "MEDIA CONTACT",
        "PRESS CONTACT",
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
        "CAPTION",
        "IMAGE",
        "PICTURE",
        "VIDEO",
        "AUDIO",
        "LINK",
        "URL",
        "TAGS",
        "FILED",
        "BY",
    ]
)
# "SPOKESPERSON (Jadwiga Vorhees): ...": a turn's label, with the name a transcript gives it the first time
# a transcript's turn, after a broadcast's tag if any ("(CLIP) ", "[SOUNDBITE] "): "LABEL (Name): "
TURN_RE = re.compile(
    r"(?:[(\[][A-Z][A-Z .\-]{1,24}[)\]]\s+)?"
    r"(?P<label>[A-Z][A-Za-z.'\- ]{0,40}?)(?:\s*\((?P<who>[^()\n]{2,60})\))?:[ \t]+"
)


DEMONSTRATIVE = re.compile(
    rf"\b(?:{DENY_VERBS})\s+(this|that|it|these|those|so)\b(?=\s*[.,;!?]|\s*$)"
    r"|\b(this|that|it) (is|was) (not|simply not|untrue|false)",
    re.I,
)
# "a vote of no confidence" negates nothing anyone said
NEGATION = re.compile(
    r"\b(not|no(?![\s\-]confidence\b)|never|nothing|none|nobody|n't|neither|nor|no longer|false|untrue)\b",
    re.I,
)
QUOTE_PAIRS = re.compile(r"\u201c(?P<q>[^\u201c\u201d]{3,}?)\u201d|\"(?P<q2>[^\"]{3,}?)\"")


def content_words(text: str) -> set[str]:
    out = set()
    for w in re.findall(r"[A-Za-z][A-Za-z\-]+|\d+", text.lower()):
        if w in STOPWORDS or len(w) < 3:
            continue
        out.add(_stem(w))
    return out


def _stem(w: str) -> str:
    """A rough stem, enough for two mentions of one thing to meet: boxes/box, signed/sign, cities/city."""
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("xes", "ches", "shes", "sses")):
        return w[:-2]
    for suffix in ("ing", "ed"):
        if len(w) > 5 and w.endswith(suffix):
            return w[: -len(suffix)]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


# words every organisation's name may carry: sharing one of them does not make two speakers one side
ORG_WORDS = _words(
    "ministry ministries government agency office authority authorities department group company firm council "
    "commission committee service services party union national state regional federal international foreign "
    "defence defense interior health justice trade finance transport press official officials spokesman "
    "spokeswoman spokesperson minister director chief head general secretary deputy senior"
)

# past-tense verbs without "-ed" that open the predicate of "X hit back, saying ..."
ACTION_VERBS = _words(
    "hit put set cut went made gave took held sent left spoke wrote met came won lost struck fought shot "
    "sought kept began ran told said brought"
)


# "they had been paid but did not know who the client was": not knowing contradicts no one; nor does declining
# to commit: "it could not confirm where the ship had been", "had not ruled out charges", "would not comment on
# an open case", "had not yet decided whether to act"; nor has not having seen, read or watched the evidence
NOT_KNOWING = re.compile(
    r"\b(?:did not|didn't|do not|does not|were not|was not|are not|is not)\s+(?:know|aware|sure|remember)\w*"
    r"|\b(?:could|can|would|will|did|does|do|had|has|have)\s+not\s+(?:yet\s+)?(?:confirm|comment|rule[sd]? out|"
    r"ruled out|release|disclose|discuss|verify|decide|decided|review|reviewed|specify|seen|read|watched)\w*",
    re.I,
)
