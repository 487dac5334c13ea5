"""A small grammar of English attribution: sentences that report who said what, each knowing its true speaker
(or that it has none), built from speaker forms, verb forms and the clutter news text puts around them.

    grammar = Grammar(seed=7)
    item = grammar.item()            # one attributed (or unattributed) sentence
    item.text, item.speaker, item.said, item.shape

Used by bench/bench_attribution.py to measure drafting by shape, and by the derandomized tests (a fixed seed).
Every name, place and organisation here is fictional, made up for this grammar; the names come from several
languages so that no rule can lean on one language's spelling."""

from __future__ import annotations

import random
from dataclasses import dataclass

FIRST = [
    "Ana",
    "Lise",
    "Tomas",
    "Ingrid",
    "Kofi",
    "Amara",
    "Yusuf",
    "Leila",
    "Mateo",
    "Sofia",
    "Henrik",
    "Aino",
    "Dorota",
    "Piotr",
    "Chidi",
    "Ngozi",
    "Kenji",
    "Mei",
    "Ravi",
    "Priya",
    "Oksana",
    "Bogdan",
    "Farid",
    "Noor",
    "Elif",
    "Emre",
    "Tiago",
    "Lucia",
    "Sven",
    "Malin",
    "Aroha",
    "Tane",
    "Zanele",
    "Sipho",
    "Ilse",
    "Joost",
]
LAST = [
    "Pell",
    "Varga",
    "Okonkwo",
    "Lindqvist",
    "Haddad",
    "Moreau",
    "Tanaka",
    "Kowalczyk",
    "Petrenko",
    "Sandoval",
    "Achterberg",
    "Nakamura",
    "Osei",
    "Rautio",
    "Brandt",
    "Ferreira",
    "Demir",
    "Kaya",
    "Mbeki",
    "Halvorsen",
    "Quist",
    "Baptiste",
    "Ilunga",
    "Marchetti",
    "Novak",
    "Szabo",
]
PARTICLE = ("van der", "de la", "van", "da", "al-", "ter", "del", "von", "bin", "ben")
TITLE = ("Dr", "Dr.", "Prof.", "Colonel", "Judge", "Senator", "Captain", "Mayor", "Inspector", "Rev.")
HONORIFIC = ("Ms", "Mr", "Mrs", "Ms.", "Mr.")
ROLE = (
    "harbour master",
    "port director",
    "chief engineer",
    "health minister",
    "deputy mayor",
    "police chief",
    "union leader",
    "fisheries inspector",
    "water commissioner",
    "head of the dock workers' union",
    "regional governor",
    "chief executive",
    "ferry captain",
    "school principal",
    "trade minister",
)
SPOKES = ("spokeswoman", "spokesman", "spokesperson", "press officer")
ORG = (
    "the Ministry of Water",
    "the Velmar Port Authority",
    "Nordhaven Energy",
    "the Tarvik Ferry Company",
    "the Coastal Fisheries Board",
    "the Orsa Dock Workers' Union",
    "Kelmar Shipping",
    "the Harbour Council",
    "the Institute for Tidal Research",
    "Brightwater Holdings",
)
GROUP = (
    "residents",
    "local traders",
    "fishermen",
    "nurses at the clinic",
    "dock workers",
    "parents",
    "farmers near the river",
    "shop owners",
    "taxi drivers",
    "teachers",
)
# fictional states: (country, people, adjective, capital)
STATES = (
    ("Ruritania", "Ruritanians", "Ruritanian", "Valdor"),
    ("Kestria", "Kestrians", "Kestrian", "Mornholt"),
    ("Ostvania", "Ostvanians", "Ostvanian", "Siralo"),
    ("Belmaria", "Belmarians", "Belmarian", "Tessavan"),
)
PLACE = ("Tarvik", "Orsa", "Lindhaven", "Kelmar", "Brask", "Senno")
SAID = (
    "the harbour would reopen on Friday",
    "the ferries were safe to sail",
    "the new crane had passed every inspection",
    "water prices would rise by 4 percent next year",
    "the strike had cost the port 2 million crowns",
    "no ship had been turned away",
    "the clinic needed twelve more nurses",
    "the river was higher than at any time since 1990",
    "repairs to the sea wall would take three months",
    "the fishing quota had been cut by a third",
)
QUOTED = (
    "We will reopen the harbour on Friday",
    "Every ferry in the fleet is safe",
    "The crane passed every inspection",
    "Nobody has been turned away",
    "This river has never been so high",
    "We need twelve more nurses, and we need them now",
)
ACCUSATION = (
    "the claim that the port had hidden the spill",
    "reports that the ferries had skipped safety checks",
    "the accusation that the council had sold the quay",
    "allegations that the crane was faulty",
)
GERUND = (
    "hiding the spill",
    "selling the quay to a friend",
    "skipping safety checks",
    "inflating the figures",
)
RELATIVE = (
    "has run the port since 2019",
    "spoke after a two-hour meeting",
    "was appointed in March",
    "visited the quay on Monday",
)
FRONTED = (
    "Eventually, ",
    "On Tuesday, ",
    "In a statement, ",
    "Later, ",
    "On Monday evening, ",
    "Last week, ",
)
PARTICIPLE = (
    "Asked about the delays, ",
    "Speaking in {place}, ",
    "Asked whether the port would close, ",
    "Speaking to reporters in {place}, ",
    "Reached by telephone, ",
)
SUBORDINATE = (
    "While the charge looks weak, ",
    "Although the port reopened on Monday, ",
    "Because the river is still rising, ",
    "When the ferries stopped, ",
    "After the meeting ended, ",
)
COORDINATED = (
    "Ticket prices have doubled, and while it is hard to say why, ",
    "The quay is still closed, but ",
    "The talks went on past midnight, and ",
)
NO_SPEAKER = (
    "The ferry to {place} was cancelled on Tuesday.",
    "Prices at the fish market rose by 4 percent in March.",
    "It is hard to say whether the port will reopen this year.",
    "The sea wall was built in 1962 and repaired twice since.",
    "Nobody knows when the river will fall.",
    "The crane arrived from {place} in a single piece.",
    "Asked about the delays, the port did not respond.",
    "It was not clear whether the ferries would run on Friday.",
    "While the charge looks weak, the case is still open.",
    "Ticket prices have doubled, and while it is hard to say why, the trend is clear.",
)
FURNITURE = (
    "Read more",
    "Advertisement",
    "Read more: Port strike enters its second week",
    "By {first} {last}",
    "Photo: {first} {last} / Harbour Wire",
    "Share this article",
    "{first} {last} speaks to reporters in {place} on Monday. (Photo: Harbour Wire)",
    "Related: Ferry fares rise again",
)


SPEAKER_FORMS = (
    "name",
    "titled name",
    "honorific",
    "role name",
    "the role, Name,",
    "Name, the role,",
    "role",
    "spokesperson for org",
    "organisation",
    "group",
    "officials in capital",
    "capital",
    "people",
    "government",
)


# wave 2: shapes added after the first fixes, written before drafting was run on them
SPEAKER_FORMS_2 = (
    "Name, a spokesperson for org,",
    "org's role, Name,",
    "org's spokesperson",
    "Name, age,",
    "anonymous official",
    "counted group",
    "two names",
    "source close to",
    "country's role",
    "initialled name",
    "office of",
)
VERBS_2 = (
    "said on day that",
    "said in a statement that",
    "told reporters in place on day that",
    "adverb said",
    "adverb denied",
    "warned that",
    "insisted that",
    "quoted as saying",
    "said in a post",
    "colon quote",
    "quote first, adding",
    "inverted who",
    "has said",
)
CLUTTER_2 = ("dash aside", "asked replied", "speaking after", "parenthesis")
LAST_2 = ("O'Hara", "D'Amato", "McAllister", "MacLeod", "Nguyen", "Sato", "Abubakar", "Horvath")
NO_SPEAKER_2 = (
    "The strike, which began on Monday, is the longest since 1990.",
    "Officials are expected to meet on Friday.",
    "She was speaking in {place}.",
    "Asked whether the ferries would run, {first} {last} shrugged.",
    "{first} {last}, the harbour master, at the quay on Monday.",
    "{first} {last} has run the port since 2019.",
    "The council meets again in April, when the budget is due.",
)
FURNITURE_2 = (
    "Reporting by {first} {last}; Editing by {first} {last}",
    "Additional reporting by {first} {last}",
    "Sign up for our newsletter",
    "Follow us on social media",
    "\u00a9 2026 Harbour Wire",
    "Caption: {first} {last} at the quay in {place} on Monday.",
    "Image: {first} {last} / Harbour Wire",
)
# wave 3: no one speaks, though a verb of saying is there (a noun, an idiom, a passive with no agent)
NO_SPEAKER_3 = (
    "The company, which has no say over the quay, closed the gate on Monday.",
    "All told, the strike cost the port 2 million crowns.",
    "Needless to say, the ferries did not run.",
    "The port is said to be the oldest in the region.",
    "It has been reported that the ferries skipped safety checks.",
    "It was claimed that the crane was faulty.",
    "Truth be told, nobody expected the river to rise so fast.",
    "It goes without saying that the sea wall needs repairs.",
    "Residents were told to leave their homes by noon.",
    "The harbour master was not told about the spill until Tuesday.",
    "Nobody said the river would rise so fast.",
    "What the port director said on Monday remains unclear.",
    "Residents will have the final say on the plan.",
    "The ferry, as the saying goes, has sailed.",
    "{first} {last} declined to say whether the quay would reopen.",
    "{first} {last} did not deny that the crane was old.",
)
VERBS_3 = ("all said", "both denied")
# wave 4: "According to X, ..." with its apposition first, a quotation in single marks
VERBS_4 = ("according to first", "single quote first")
ADVERB = ("also", "later", "flatly", "strongly", "repeatedly", "again")


@dataclass(frozen=True)
class Item:
    """One generated passage: ``text`` (the sentence, after any context it needs), ``speaker`` (the true speaker's
    spellings, "a|b", or "" when no one speaks), ``said`` (the words reported: a substring of ``text``, or "" for a
    passage with no claim), ``shape`` ("speaker form / verb form / clutter")."""

    text: str
    speaker: str
    said: str
    shape: str

    @property
    def form(self) -> str:
        return self.shape.split(" / ")[0]

    @property
    def verb(self) -> str:
        parts = self.shape.split(" / ")
        return parts[1] if len(parts) > 1 else ""

    @property
    def clutter(self) -> str:
        parts = self.shape.split(" / ")
        return parts[2] if len(parts) > 2 else ""


@dataclass(frozen=True)
class Speaker:
    subject: str  # as the sentence's subject, mid-sentence spelling ("the harbour master, Ana Pell,")
    expected: str  # spellings that count as right, "a|b"
    form: str  # the shape's name
    context: str = ""  # a sentence the passage needs before it (which country a capital stands for)
    named: bool = False  # a person or body with a name (can take "X, who ..., said")
    plural: bool = False


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class Grammar:
    """Sentences of attribution, reproducible from ``seed``."""

    def __init__(self, seed: int = 0, wave: int = 1) -> None:
        self.rng = random.Random(seed)
        self.wave = wave  # 1: the first grammar; 2: with the shapes added after the first fixes

    def pick(self, options: tuple[str, ...] | list[str]) -> str:
        return self.rng.choice(list(options))

    def name(self) -> tuple[str, str]:
        """(full name, surname): plain, hyphenated or with a particle."""
        first, last = self.pick(FIRST), self.pick(tuple(LAST) + (LAST_2 if self.wave >= 2 else ()))
        roll = self.rng.random()
        if roll < 0.2:
            last = f"{last}-{self.pick(LAST)}"
        elif roll < 0.35:
            particle = self.pick(PARTICLE)
            last = f"{particle}{last}" if particle.endswith("-") else f"{particle} {last}"
        elif roll < 0.45:
            first = f"{first}-{self.pick(FIRST)}"
        return f"{first} {last}", last

    def speaker(self, form: str | None = None) -> Speaker:
        forms = SPEAKER_FORMS + (SPEAKER_FORMS_2 if self.wave >= 2 else ())
        form = form or self.pick(forms)
        full, last = self.name()
        role = self.pick(ROLE)
        if form == "name":
            return Speaker(full, full, form, named=True)
        if form == "titled name":
            return Speaker(f"{self.pick(TITLE)} {full}", full, form, named=True)
        if form == "honorific":
            h = self.pick(HONORIFIC)
            return Speaker(f"{h} {last}", f"{h} {last}|{last}", form, named=True)
        if form == "role name":
            return Speaker(f"{role} {full}", full, form, named=True)
        if form == "the role, Name,":
            return Speaker(f"the {role}, {full},", full, form, named=True)
        if form == "Name, the role,":
            return Speaker(f"{full}, the {role},", full, form, named=True)
        if form == "role":
            return Speaker(f"the {role}", role, form)
        if form == "spokesperson for org":
            org = self.pick(ORG)
            spokes = self.pick(SPOKES)
            bare = org.removeprefix("the ")
            return Speaker(f"a {spokes} for {org}", f"{spokes}|{bare}", form)
        if form == "organisation":
            org = self.pick(ORG)
            return Speaker(org, org.removeprefix("the "), form, named=True)
        if form == "group":
            group = self.pick(GROUP)
            return Speaker(group, group, form, plural=True)
        if form in SPEAKER_FORMS_2:
            return self._speaker_2(form, full, last, role)
        country, people, adjective, capital = self.pick(STATES)
        context = f"Talks between {country} and its neighbours stalled in {capital}, the {adjective} capital."
        gov = f"{country}|{capital}|{people}|{adjective} government|Government of {country}"
        if form == "officials in capital":
            return Speaker(
                f"officials in {capital}", f"officials in {capital}|{gov}", form, context, plural=True
            )
        if form == "capital":
            return Speaker(capital, gov, form, context, named=True)
        if form == "people":
            return Speaker(f"the {people}", gov, form, context, plural=True)
        wording = self.pick((f"the {adjective} government", f"{country}'s government", country))
        return Speaker(wording, gov, form, context, named=True)

    def _speaker_2(self, form: str, full: str, last: str, role: str) -> Speaker:
        org = self.pick(ORG)
        bare = org.removeprefix("the ")
        spokes = self.pick(SPOKES)
        if form == "Name, a spokesperson for org,":
            return Speaker(f"{full}, a {spokes} for {org},", full, form, named=True)
        if form == "org's role, Name,":
            return Speaker(f"{org}'s {spokes}, {full},", full, form, named=True)
        if form == "org's spokesperson":
            return Speaker(f"{org}'s {spokes}", f"{spokes}|{bare}", form)
        if form == "Name, age,":
            return Speaker(f"{full}, {self.rng.randint(23, 81)},", full, form, named=True)
        if form == "anonymous official":
            return Speaker("a senior official, speaking on condition of anonymity,", "senior official", form)
        if form == "counted group":
            count = self.pick(("two", "three", "several", "dozens of", "at least five"))
            group = self.pick(("senior officials", "dock workers", "residents", "fishermen", "nurses"))
            return Speaker(f"{count} {group}", group, form, plural=True)
        if form == "two names":
            other, _ = self.name()
            return Speaker(f"{full} and {other}", f"{full}|{other}", form, named=True, plural=True)
        if form == "source close to":
            topic = self.pick(("the talks", "the port authority", "the minister", "the investigation"))
            return Speaker(f"a source close to {topic}", f"source close to {topic}|source", form)
        if form == "country's role":
            return Speaker(f"the country's {role}", role, form)
        if form == "initialled name":
            first = full.split()[0]
            initial = self.pick(tuple("ABDEJKLMRST"))
            return Speaker(
                f"{first} {initial}. {last}", f"{first} {initial}. {last}|{last}", form, named=True
            )
        return Speaker(f"{full}'s office", f"{full}'s office|{full}", form)  # "office of"

    def item(self, form: str | None = None, verb: str | None = None, clutter: str | None = None) -> Item:
        """One passage; ``form``, ``verb`` and ``clutter`` fix a shape (random otherwise)."""
        if form == "none" or (form is None and self.rng.random() < 0.12):
            return self.unattributed()
        sp = self.speaker(form)
        verbs = (
            "said",
            "said that",
            "says",
            "told",
            "added",
            "denied",
            "rejected",
            "dismissed",
            "called baseless",
            "accused",
            "according to",
            "inverted",
            "quote first",
            "long quote",
            "who said",
        )
        verb = verb or self.pick(
            verbs
            + (VERBS_2 if self.wave >= 2 else ())
            + (VERBS_3 if self.wave >= 3 else ())
            + (VERBS_4 if self.wave >= 4 else ())
        )
        if verb in VERBS_3 and not sp.plural:
            verb = "said"
        if verb in ("who said", "inverted who") and not sp.named:
            verb = "said"
        clutters = ("none", "fronted", "participle", "subordinate", "coordinated")
        clutter = clutter or self.pick(clutters + (CLUTTER_2 if self.wave >= 2 else ()))
        last_verbs = (
            "according to",
            "inverted",
            "quote first",
            "long quote",
            "quote first, adding",
            "inverted who",
            "according to first",
            "single quote first",
        )
        if verb in last_verbs and clutter != "none":
            clutter = "fronted" if verb == "according to" else "none"
        subject = sp.subject
        if clutter == "dash aside":  # "Ana Pell \u2014 who has run the port since 2019 \u2014 said"
            subject = f"{subject.rstrip(',')} \u2014 who {self.pick(RELATIVE)} \u2014"
        if clutter == "parenthesis":  # "Ana Pell (pictured) said", "Ana Pell, 54, (pictured) said"
            note = self.pick(("pictured", "left", "right", "above"))
            subject = f"{subject} ({note})" if not subject.endswith(",") else f"{subject[:-1]} ({note}),"
        if clutter == "asked replied":
            verb = "replied that"
        if verb in VERBS_2 or verb in VERBS_3 or verb in VERBS_4 or verb == "replied that":
            body, claim = self._body_2(verb, sp, subject)
            return self._finish(sp, body, claim, verb, clutter)
        said = self.pick(SAID)
        quoted = self.pick(QUOTED)
        s = "s" if not sp.plural else ""
        if verb == "said":
            body, claim = f"{subject} said {said}.", said
        elif verb == "said that":
            body, claim = f"{subject} said that {said}.", said
        elif verb == "says":
            body, claim = f"{subject} say{s} {said}.", said
        elif verb == "told":
            whom = self.pick(("reporters", "the Harbour Gazette", "a news conference", "parliament"))
            body, claim = f"{subject} told {whom} that {said}.", said
        elif verb == "added":
            body, claim = f"{subject} added that {said}.", said
        elif verb == "denied":
            claim = self.pick(ACCUSATION)
            body = f"{subject} denied {claim}."
        elif verb == "rejected":
            claim = self.pick(ACCUSATION)
            body = f"{subject} rejected {claim}."
        elif verb == "dismissed":
            claim = self.pick(ACCUSATION)
            body = f"{subject} dismissed {claim} as baseless."
        elif verb == "called baseless":
            claim = "the allegations"
            body = f"{subject} called the allegations baseless."
        elif verb == "accused":
            claim = self.pick(GERUND)
            body = f"{subject} accused the port operator of {claim}."
        elif verb == "according to":
            body, claim = f"{said}, according to {subject.rstrip(',')}.", said
        elif verb == "inverted":
            body, claim = f"\u201c{quoted},\u201d said {subject.rstrip(',')}.", quoted
        elif verb == "quote first":
            body, claim = f"\u201c{quoted},\u201d {subject} said.", quoted
        elif verb == "long quote":
            more = (
                "The ferries will run as usual. Nobody needs to change their plans, and nobody should worry"
            )
            body, claim = f"\u201c{quoted}. {more},\u201d {subject} said in a statement.", quoted
        else:  # "who said"
            body = f"{subject.rstrip(',')}, who {self.pick(RELATIVE)}, said {said}."
            claim = said
        return self._finish(sp, body, claim, verb, clutter)

    def _body_2(self, verb: str, sp: Speaker, subject: str) -> tuple[str, str]:
        said, quoted = self.pick(SAID), self.pick(QUOTED)
        day = self.pick(("Monday", "Tuesday", "Wednesday"))
        has, was = ("have", "were") if sp.plural else ("has", "was")
        if verb == "said on day that":
            return f"{subject} said on {day} that {said}.", said
        if verb == "said in a statement that":
            return f"{subject} said in a statement that {said}.", said
        if verb == "told reporters in place on day that":
            return f"{subject} told reporters in {self.pick(PLACE)} on {day} that {said}.", said
        if verb == "adverb said":
            return f"{subject} {self.pick(('also', 'later', 'again', 'repeatedly'))} said {said}.", said
        if verb == "adverb denied":
            claim = self.pick(ACCUSATION)
            return f"{subject} {self.pick(('flatly', 'strongly', 'again', 'later'))} denied {claim}.", claim
        if verb == "warned that":
            return f"{subject} warned that {said}.", said
        if verb == "insisted that":
            return f"{subject} insisted that {said}.", said
        if verb == "quoted as saying":
            return f"{subject} {was} quoted as saying that {said}.", said
        if verb == "said in a post":
            return f"{subject} said in a post on social media that {said}.", said
        if verb == "colon quote":
            return f"{subject} said: \u201c{quoted}.\u201d", quoted
        if verb == "quote first, adding":
            return f"\u201c{quoted},\u201d {subject} said, adding that {said}.", quoted
        if verb == "inverted who":
            return f"\u201c{quoted},\u201d said {subject.rstrip(',')}, who {self.pick(RELATIVE)}.", quoted
        if verb == "replied that":
            return f"{subject} replied that {said}.", said
        if verb == "according to first":  # "According to Ana Pell, the harbour master, the ferries were ..."
            return f"According to {subject.rstrip(',')}, {said}.", said
        if verb == "single quote first":
            return f"\u2018{quoted},\u2019 {subject} said.", quoted
        if verb == "all said":  # "the dock workers all said ..."
            return f"{subject} all said {said}.", said
        if verb == "both denied":
            claim = self.pick(ACCUSATION)
            return f"{subject} both denied {claim}.", claim
        return f"{subject} {has} said {said}.", said  # "has said"

    def _finish(self, sp: Speaker, body: str, claim: str, verb: str, clutter: str) -> Item:
        place = self.pick(PLACE)
        if clutter == "asked replied":
            prefix = "Asked whether the port would close, "
        elif clutter == "speaking after":
            prefix = "Speaking after the meeting on Tuesday, "
        elif clutter == "fronted":
            prefix = self.pick(FRONTED)
        elif clutter == "participle":
            prefix = self.pick(PARTICIPLE).format(place=place)
        elif clutter == "subordinate":
            prefix = self.pick(SUBORDINATE)
        elif clutter == "coordinated":
            prefix = self.pick(COORDINATED)
        else:
            prefix = ""
        sentence = prefix + body if prefix else _cap(body)
        text = f"{sp.context} {sentence}" if sp.context else sentence
        return Item(text, sp.expected, claim, f"{sp.form} / {verb} / {clutter}")

    def unattributed(self) -> Item:
        more = self.wave >= 2
        if self.rng.random() < 0.5:
            line = self.pick(FURNITURE + (FURNITURE_2 if more else ()))
            kind = "furniture"
        else:
            line = self.pick(
                NO_SPEAKER + (NO_SPEAKER_2 if more else ()) + (NO_SPEAKER_3 if self.wave >= 3 else ())
            )
            kind = "no speaker"
        first, last = self.pick(FIRST), self.pick(LAST)
        text = line.format(place=self.pick(PLACE), first=first, last=last)
        return Item(text, "", "", f"none / {kind} / none")

    def article(self, item: Item) -> tuple[str, int]:
        """``item`` in a short wire story: a dateline, an opening sentence, page furniture around it. Returns the
        text and where the item starts in it."""
        place = self.pick(PLACE).upper()
        opening = self.pick(NO_SPEAKER).format(place=self.pick(PLACE))
        first, last = self.pick(FIRST), self.pick(LAST)
        byline = f"By {first} {last}\n\n"
        head = f"{byline}{place}, March 10 (Harbour Wire) - {opening}\n\n"
        if self.rng.random() < 0.5:
            head += self.pick(FURNITURE).format(place=self.pick(PLACE), first=first, last=last) + "\n\n"
        tail = "\n\n" + self.pick(NO_SPEAKER).format(place=self.pick(PLACE)) + "\n\nRead more\n"
        return head + item.text + tail, len(head)
