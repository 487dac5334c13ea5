"""The one gate every drafted speaker passes: a speaker is a name, a role, a group, an organisation or a
government, written as a noun phrase (an optional determiner or owner, modifiers, a head noun or a proper name,
an optional apposition or "of"/"for" phrase). Whatever rule found it (the subject of a verb of saying, a
transcript's label, "according to", an apposition, a pronoun resolved, a byline), a string shaped otherwise is a
piece of a clause or of a page: one with a finite verb ("That's not what the officials"), one opening on a
subordinator or a conjunction ("If the minister", "While"), an interjection or an adverb alone ("Never",
"Eventually", "Yes"), a page's furniture ("Read more", "Share"), a date or a number, a quotation's words, or a
pronoun that no one was found for ("It", "They"). Such a speaker is never drafted: the statement is left out and
the analyst told its sentence names no speaker drafting could recognise.

Read from the phrase's shape alone, with closed lists of English function words; nothing here knows a name."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Protocol, TypeVar

from app.extract.heads import _BEFORE_DETERMINER, VERB_FIRST
from app.extract.lexicon import _words
from app.sentences import Sentence

# words that open a clause, never a noun phrase: subordinators, conjunctions, wh-words, prepositions, a question's
# verb ("Did the minister"), a word of time or manner
_OPENERS = _words(
    "if while whilst when whenever because although though unless whereas whether since as after before until "
    "till once so yet and but or nor then than what whatever whoever whichever which why how where who whom "
    "whose in on at for from with without by to of about into onto during despite under over through against "
    "among amid upon via per unlike inside outside asked speaking citing quoting saying adding noting "
    "responding referring commenting testifying explaining insisting claiming denying arguing having being "
    "according reporting editing did does do is was were are has have had let"
)
# verbs that are finite (or a clause's auxiliary) wherever they stand in lower case: no noun phrase holds one
_FINITE = _words(
    "is was were are am been being be has have had do does did will would can could shall should may might must "
    "said says say told tells asked asks added adds denied denies deny insisted insists claimed stated warned "
    "warns argued argues replied replies believe believes believed think thinks thought know knows knew seem "
    "seems seemed appear appears appeared remained became become becomes got gets get went goes made makes "
    "wanted wrote writes reported announced announces confirmed confirms accused accuses rejected rejects "
    "dismissed dismisses explained explains noted suggested suggests isn't wasn't aren't weren't hasn't "
    "haven't hadn't didn't doesn't don't won't wouldn't can't cannot couldn't shouldn't not never want wants "
    "fear fears see sees hope hopes continue continues join joins enter enters stood took gave came saw began"
)
# subordinators and wh-words inside the phrase, in lower case: "Officials know what", "more than" (a relative on a
# head noun is a noun phrase still: "People that live near the plant", "Those who attended the meeting")
_CLAUSE_INSIDE = _words(
    "what whatever whether where when why how if while whilst because although though unless whereas than"
)
# a person's pronoun: alone it is no one (a resolved one is replaced by whom it stands for), and before a
# lower-case word it opens a clause ("It is", "They say")
_PERSONAL = _words(
    "he she it they we you i me him them us someone somebody anyone anybody everyone everybody nobody no-one "
    "none your my"
)
# an answer, an interjection, an adverb of time or manner: alone, or before lower-case words, no one
_INTERJECTIONS = _words(
    "yes no yeah oh ah well ok okay sure right thanks please sorry hello hi wow indeed absolutely exactly never "
    "always again now then today yesterday tomorrow tonight later earlier still also too however meanwhile "
    "moreover furthermore nevertheless nonetheless instead otherwise perhaps maybe here there elsewhere overall "
    "besides anyway regardless separately ultimately eventually already soon once twice even just only not "
    "finally really totally equally generally originally normally mainly certainly briefly simply partly mostly "
    "hardly highly rarely merely nearly clearly likely lately recently previously initially especially "
    "particularly notably crucially frankly honestly obviously reportedly allegedly back good welcome"
)
# a determiner or quantifier: alone no one ("Others", "Some", "This"), before a noun a group ("Some officials",
# "Both candidates", "One of the drivers"), before another little word a clause ("Others in the party")
_QUANTIFIERS = _words(
    "this that these those others other another some many most few several both all each either neither more "
    "less first second third finally next last nothing something anything everything one two three four five "
    "six seven eight nine ten dozens hundreds thousands"
)
# a page's furniture, alone or before lower-case words: "Read more", "Share on Facebook", "Sign up", "Photo"
_FURNITURE = _words(
    "read share related advertisement advert sponsored breaking live updated update subscribe sign log login "
    "cookie cookies accept newsletter comments comment follow photo photograph picture image caption watch "
    "listen skip menu search click tap copyright posted published print email tweet trending exclusive "
    "correction video audio gallery pictured learn find copy manage join gift view filed unlock "
    "popular latest summary tags topics premium ends end opinion analysis explainer transcript contents"
)
_FURNITURE_NEXT = _words(
    "more up in on to our us this the news now also all cookies here below now: credit reserved stories read"
)
# what closes a noun phrase never: a function word or an owner's word with no noun after it
_NO_HEAD = _words(
    "the a an of to and or but in on at for with by about from as that than into if while who whom whose which "
    "his her its their our my your this these those what when where"
)
_DATE_WORDS = _words(
    "january february march april may june july august september october november december jan feb mar apr jun "
    "jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday am pm a.m. p.m. gmt "
    "utc bst cet est local time noon midnight morning afternoon evening night today yesterday tomorrow st nd rd "
    "th of the on at"
)
# an adverb by its ending: "Eventually", "Reportedly", "Separately", "Unsurprisingly" (not "Connolly", "Kelly")
_ADVERB = re.compile(
    r"[a-z]{3,}(?:ically|ionally|ually|ently|antly|ately|ously|ively|edly|ingly|fully|lessly)"
)
# a contraction of a verb ("That's", "it's", "don't", "we're", "they've", "I'll", "she'd", "I'm"): a clause
_CONTRACTED = re.compile(r"(?:n['\u2019]t|['\u2019](?:re|ve|ll|m|d))$", re.I)
_CONTRACTED_IS = _words("that it what here there let he she who where this how why when everyone nobody")
_MARKS = re.compile(r"[\u201c\u201d\"?!;:\u2026|@#<>{}\[\]=*/]|\.\.\.|https?:|www\.")
_BYLINE_INSIDE = re.compile(r"\b(?:reports|writes|reporting|editing|writing) (?:from|for|by)\b")
_COUNT = re.compile(
    r"^(?i:at least|at most|more than|fewer than|less than|up to|as many as|nearly|almost|about|around|roughly|"
    r"over|some)\s+(?=\d|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|"
    r"dozens|hundreds|thousands)\b)"
)
_PARTICIPLE_FIRST = re.compile(r"[A-Za-z]{3,}(?:ing|ed)$")
_DETERMINERS = _words(
    "the a an this that these those his her its their our my your to about on by in at for from with of into"
)
_PREPOSITIONS = _words(
    "in on at for from with without by to of about into onto during despite under over through against among "
    "amid upon via per after before since until inside outside"
)
# a sentence's article after a lower-case word that is no preposition: one sentence run into the next
_RUN_IN = re.compile(
    r"\b(?!(?:of|at|for|from|in|on|with|by|and|or|to|the|a|an|about|into|as|than|via|per)\b)[a-z][\w\-]*"
    r"\s+(?=(?:The|A|An)\s)"
)
# a link to another story: "Read more: Minister says port will reopen", "Related: ...": no one speaks there
LINK_LABEL = re.compile(
    r"^\s*(?i:read more|more|related(?: stories| articles| coverage)?|see also|also read|most read|more on this "
    r"story|further reading)\s*:"
)
# the words that open a relative clause on a head noun
_RELATIVES = _words("who whom whose which that")
# a pronoun as an object: after a verb it makes a clause ("see it differently"), after a preposition not ("close
# to him")
_OBJECTS = _words("it them him us me")
_LINKS = _words(
    "to of for from with by at in on about near around behind beside than like including against toward towards"
)
# the first word of a page's section link: "Most read", "More from Riverside", "Latest in Metro", "Also read"
_SECTION_FIRST = _words("most more also latest popular")
_SECTION_NEXT = _words("viewed shared commented popular recent from in on now today this")
_ED = re.compile(r"[a-z][a-z\-]{2,}ed")


def _finite_ed(words: list[str], lower: list[bool], i: int) -> bool:
    """A past tense where a noun phrase would go on: "Dancu declined", "Rescue teams reached" (the phrase's last
    word, after a noun), "condemned the suspension" (before a determiner), "declined to comment" (before "to"
    and a verb), "reacted cautiously" (before an adverb). A participle after its noun goes on with a preposition
    ("Photographs posted by residents", "Hospital staff contacted by Asterion News")."""
    w = words[i]
    if _ED.fullmatch(w) is None or w.endswith("eed"):
        return False
    before = words[i - 1]
    if i == len(words) - 1:
        return before not in _NP_OPEN and before not in _DEMONSTRATIVES and not _ED.fullmatch(before)
    after = words[i + 1]
    if lower[i + 1] and after in _NP_OPEN:
        return True
    if after == "to" and i + 2 < len(words) and lower[i + 2] and words[i + 2] not in _NP_OPEN:
        return True
    return lower[i + 1] and _ADVERB.fullmatch(after) is not None


_DEMONSTRATIVES = _words("this that these those all many some several few")
_NP_OPEN = _words("the a an its their his her this these those our my your")
# verbs that are also names, alone: "May said", "Will said", "Said said"
_NAMES = _words(
    "may will said can must might mark want wants fear fears see sees hope hopes continue continues join joins "
    "enter enters stood took gave came saw began"
)


def _bare(token: str) -> str:
    return token.strip(".,'\u2019()").lower()


@lru_cache(maxsize=4096)
def speaker_shaped(name: str) -> bool:
    """Whether ``name`` is shaped like a speaker (a name, role, group, organisation or government), not a
    fragment of a clause or a page."""
    text = " ".join(name.split()).strip(" ,")
    text = _COUNT.sub("", text)  # "At least five residents", "More than 30 officials": a group, counted
    if not text or len(text) > 160 or not any(ch.isalpha() for ch in text) or _MARKS.search(text):
        return False
    raw = text.split()
    if len(raw) > 20:
        return False
    shouting = len(raw) > 1 and text.isupper()  # "THAT'S NOT WHAT": case tells nothing in capitals
    words = [_bare(w) for w in raw]
    # a lower-case word as written: the verbs and relatives that make a clause are read only where they are
    # lower case ("Theresa May", "Will Hartley" and "Edward Said" are names); the first word, capitalised by
    # drafting, is read by the closed lists below
    lower = [shouting or w[:1].islower() for w in raw]
    first = words[0]
    if any(_CONTRACTED.search(w) for w in raw):
        return False  # "That's not what", "don't", "we're"
    if any(re.match(r"(.+)['\u2019]s$", w) and _bare(w)[:-2] in _CONTRACTED_IS for w in raw):
        return False  # "That's", "It's", "Here's": "is" after a word that owns nothing
    # an acronym is a name ("WHO", "US officials", "UN"), whatever word its letters spell
    acronym = not shouting and len(first) > 1 and raw[0].strip(".,()").isupper()
    if len(raw) == 1:
        return not (
            first in _INTERJECTIONS
            or first in _QUANTIFIERS
            or first in _FURNITURE
            or (not acronym and (first in _PERSONAL or first in _OPENERS))
            or (first in _FINITE and first not in _NAMES)  # "May", "Will", "Said" are surnames
            or (_ADVERB.fullmatch(first) is not None and raw[0][1:].islower())
            or all(ch.isdigit() or not ch.isalnum() for ch in first)
        )
    # a name in capitals throughout may open on any word but a preposition ("The Which Way Trust", "If Mutual")
    titled = not shouting and all(w[:1].isupper() for w in raw) and first not in _PREPOSITIONS
    if not acronym and not titled and (first in _OPENERS or (first in _PERSONAL and lower[1])):
        return False  # "If the minister", "While officials", "And the ministry", "It is", "They say"
    if first in _INTERJECTIONS and lower[1]:
        return False  # "Never, sir", "Yes the ministry", "Meanwhile officials"
    if raw[0].endswith(",") and (first in _QUANTIFIERS or first in _INTERJECTIONS):
        return False  # "First, the count", "Second, the word", "Yes, the ministry"
    imperative = VERB_FIRST.match(text) and len(raw) <= 4 and first not in _BEFORE_DETERMINER
    if imperative and not titled and not first.endswith("ly"):
        return False  # a verb before its object: "Leave a comment", "Join the conversation" (a longer phrase may be
        # a noun and a relative: "Letter the ministry sent to Tellimbo")
    if _BYLINE_INSIDE.search(text):
        return False  # "Nessa Callowhill reports from Valdor", "additional reporting by ..."
    if first in _QUANTIFIERS and lower[1] and (words[1] in _FINITE or words[1] in _CLAUSE_INSIDE):
        return False  # "That is", "Some say", "Others who" (but "Some in the party", "One of the drivers")
    if _ADVERB.fullmatch(first) is not None and raw[0][1:].islower() and lower[1]:
        return False  # "Eventually the ministry", "Separately officials"
    if first in _FURNITURE and (lower[1] or words[1] in _FURNITURE_NEXT or raw[1][:1] in "(0123456789"):
        return False  # "Read more", "Share on Facebook", "Sign up", "Photo credit", "Comments (87)"
    if first in _SECTION_FIRST and (words[1] in _FURNITURE or words[1] in _SECTION_NEXT):
        return False  # "Most read", "Most viewed", "More from Riverside", "Also read"
    if _PARTICIPLE_FIRST.fullmatch(raw[0]) and lower[1] and words[1] in _DETERMINERS:
        return False  # "Speaking to reporters", "Asked about the", "Following the", "Pressed on"
    if _RUN_IN.search(text) and not shouting:
        return False  # "Port strike ends as union accepts offer The union": a headline run into the story
    if words[-1] in _NO_HEAD and lower[-1]:
        return False  # "the length of the", "Ms Vale was asked about the"
    for i in range(1, len(raw)):
        w = words[i]
        if not lower[i]:
            continue
        if w in _RELATIVES:
            break  # a relative clause on the head noun may hold any verb: "an engineer who has worked at the dam"
        if w in _FINITE or w in _CLAUSE_INSIDE:
            return False  # "Officials believe", "Officials know what", "Ms Vale was asked"
        if _finite_ed(words, lower, i) or (w in _OBJECTS and lower[i - 1] and words[i - 1] not in _LINKS):
            return False  # "Dancu declined", "condemned the suspension", "declined to comment", "see it"
    return not all(w in _DATE_WORDS or re.fullmatch(r"[\d:.,/\-]+(?:st|nd|rd|th)?", w) for w in words)


# the prepositions a setting opens on: "In a statement on Wednesday the company", "On 30 November the ministry"
_SETTING = _words(
    "in on at during after before from by with under despite following amid over through within"
)
_NP_START = _words("the a an its their")


def after_setting(np: str) -> str:
    """The noun phrase after a setting that opens a speaker phrase ("In Castel the medicines regulator" -> "the
    medicines regulator", "In a statement issued on Thursday, the company" -> "the company", "Citing a Western
    official, the Kessel Daily" -> "the Kessel Daily"), or "" when the phrase opens on no setting."""
    run_in = _RUN_IN.search(np)
    if run_in is not None:
        return np[run_in.end() :]  # "Port strike ends as union accepts offer The union" -> "The union"
    words = np.split()
    participle = _PARTICIPLE_FIRST.fullmatch(words[0]) is not None if words else False
    adverb = (
        words[0].lower() in _INTERJECTIONS or (_ADVERB.fullmatch(words[0].lower()) is not None)
        if words
        else False
    )
    if len(words) < 3 or not (words[0].lower() in _SETTING or adverb or (participle and "," in np)):
        return ""  # (a participle's setting ends on its comma: "Citing a Western official, the Kessel Daily")
    if "," in np:
        return np.rsplit(",", 1)[1].strip()
    if (
        adverb
    ):  # the noun phrase right after it ("Ultimately the regulator"), never deeper ("Here is what the")
        return " ".join(words[1:]) if words[1] in _NP_START else ""
    for i in range(2, len(words)):
        before = words[i - 1]
        if words[i] in _NP_START and (before[:1].isupper() or before[:1].isdigit()):
            return " ".join(words[i:])  # the article after a name or a day closes the setting
        if words[i][:1].isupper() and before.lower().strip(",") in _DAYS and i < len(words):
            return " ".join(words[i:])  # a name after a day: "In a statement on Monday Ann Donnelly"
    return ""


_DAYS = _words(
    "monday tuesday wednesday thursday friday saturday sunday january february march april june july august "
    "september october november december morning afternoon evening night today yesterday"
)


class _Speaker(Protocol):
    name: str
    role: str
    affiliation: str


class _Drafted(Protocol):
    start: int

    @property
    def speaker(self) -> _Speaker: ...


D = TypeVar("D", bound=_Drafted)


def gated(found: list[D], sentences: list[Sentence], unattributed: list[tuple[int, int]]) -> list[D]:
    """The statements whose speaker passes the gate, whichever rule drafted them; each of the others is left out,
    its sentence added to ``unattributed`` (what the analyst is told names no speaker drafting could recognise).
    A role or an organisation shaped as a fragment is dropped from a speaker who passes."""
    starts = [sent.start for sent in sentences]
    kept = []
    for f in found:
        sp = f.speaker
        if speaker_shaped(sp.name):
            if sp.role and not speaker_shaped(sp.role):
                sp.role = ""
            if sp.affiliation and not speaker_shaped(sp.affiliation):
                sp.affiliation = ""
            kept.append(f)
            continue
        at = bisect.bisect_right(starts, f.start) - 1
        span = (sentences[at].start, sentences[at].end) if at >= 0 else (f.start, f.start)
        if span[0] < span[1] and span not in unattributed:
            unattributed.append(span)
    return kept
