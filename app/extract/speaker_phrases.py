"""The shapes of a speaker phrase the speaker parser (``speakers``) reads: what only describes a speaker (asides,
participles, relative clauses), a document and its author, an outlet and the words naming it, the heads of
organisations; and ``clean_np``, which drops what only describes a speaker from the phrase."""

from __future__ import annotations

import re

from app.extract.lexicon import LEADING_PHRASE

PARTICIPLE_TAIL = re.compile(
    r",\s*(?:[a-z]+ed|led|run|held|made|set up|written|drawn up|overseen|headed|backed)\s+"
    r"(?:by|on|in|from|with|at|under|for|about)\b[^,]*(?:,|$)"
)


# a document followed by who made it or where it went, without commas: the document speaks, the rest describes it
# (unless it names its author: "A report released on Monday by the Conflict Forensics Unit")
DOCUMENT_PARTICIPLE = re.compile(
    r"^(?P<head>(?:(?:an?|the|its|their)\s+)?(?:[\w\-]+\s+){0,3}?(?:report|study|survey|assessment|memo|letter|"
    r"document))(?!.*\bby\s+(?:the\s+)?(?-i:[A-Z]))\s+(?:[a-z]+ed|written|drawn up|seen)\s+(?:by|to|for|from|in|on)\s.*$",
    re.I,
)


# a head noun phrase ("The union", "the Ostrelian research institute", "A group") then a relative clause whose
# verb follows "that"/"which" at once and goes on ("that represents X", "which has run Y since 2019"); a verb,
# not a noun phrase ("the land that local farmers [said ...]" leaves its subject to speak)
RESTRICTIVE_RELATIVE = re.compile(
    r"^(?P<head>(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir)\s+(?:[\w\-'’.]+\s+){0,4}?[a-z][\w\-]*)"
    r"(?:\s+(?:that|which)\s+(?:(?!(?:this|its|his|has|was|is|us|thus|plus)\b)[a-z]+[^s\W]s|[a-z]+ed|has|had|"
    r"is|was|are|were|will|would|can|could|may|might|must|should|does|did|ran|won|led|held|built|sold|made|"
    r"wrote|took|gave|kept|brought|began|oversaw|spent|paid|sent|set|put)"
    # a plural head agrees with a plain verb: "The groups that run the camps"
    r"|(?<=s)\s+(?:that|which)\s+(?:run|represent|operate|oversee|own|manage|monitor|control|work|live|hold|"
    r"lead|organi[sz]e|fund|support|supply|provide|employ|have))"
    r"\s+\S.*$"
)


# "Dr Mira Falk, a hydrologist who has studied the lake for ten years, said", "An engineering report commissioned
# by ... and leaked to ... said": what the speaker is does not make the speaker's phrase too long to be one
RELATIVE_ASIDE = re.compile(
    # (", which is supposed to be consulted before any closure,": a body's clause as much as a person's)
    r"(,\s*(?:(?:a|an|the)\s[^,]*?\s+)?)(?:and\s+)?(?:who|whose|which)\s(?:[^,]|,(?=\d{3}\b))*(?=,)"
    r"|,\s*one of (?:the|its|their|his|her)\s[^,]*(?=,\s*[A-Z])"  # ", one of the last panel makers, Henrike Voss"
    r"|,\s*speaking\s+(?:on|to|from|at|in|after|by)\s[^,]*(?=,|$)"  # ", speaking on condition of anonymity,"
    r"|(?:(?<=report)|(?<=study)|(?<=survey)|(?<=memo)|(?<=letter))\s+(?:[a-z]+ed|written)\s+(?:by|to)\s.*"
)


def without_asides(np: str) -> str:
    """The speaker phrase without what only describes the speaker (an aside in commas or dashes, a participle after
    a document, a restrictive relative clause after the head): what is left must be short to be a speaker."""
    return RESTRICTIVE_RELATIVE.sub(r"\g<head>", RELATIVE_ASIDE.sub(r"\1", _without_notes(np)))


def _without_notes(np: str) -> str:
    """'Ana Pell \u2014 who has run the port since 2019 \u2014', 'Ana Pell (pictured)': an aside between dashes, a
    parenthesis of lower-case words (a picture's note), a party-state tag ("Sen. Ana Pell (D-Ohio)") or an
    organisation's acronym ("The Kestrian Grain Board (KGB)") are not the name."""
    np = DASH_ASIDE.sub(" ", np)
    np = PARTY_TAG.sub("", np)
    return re.sub(r"\s*\((?:[a-z]+(?: [a-z]+){0,3}|[A-Z]{2,6})\)", "", np)


# a US legislator's party and state in brackets: "(D-Ohio)", "(R-Texas)", "(D-OH)", "(I-Vt.)", "(R-N.Y.)"
PARTY_TAG = re.compile(r"\s*\((?:D|R|I)-[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?\)")


DASH_ASIDE = re.compile(r"\s+(?:[\u2013\u2014]|--?)\s+[^\u2013\u2014]*?\s(?:[\u2013\u2014]|--?)(?:\s+|$)")


SIDE_ASIDE = re.compile(
    r",\s*(?:for (?:its|their|his|her|our) part|in turn|in response|for now|meanwhile|however|though|too)\s*(?:,|$)"
)


# a report that names who wrote it: "The report, published on Monday by the research group X (XR),", "The study by
# X, released on Tuesday,", "A report released the same day by the campaign group X": its author speaks (not "seen
# by", "commissioned by", "leaked to": who read it, paid for it or got it did not write it)
AUTHORED_DOCUMENT = re.compile(
    r"^(?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir)\s+(?:[\w\-]+\s+){0,3}?(?:report|study|survey|audit|assessment|analysis|"
    r"investigation|review)\s*,?\s+(?:(?:published|released|issued|compiled|written|prepared|produced)\s+"
    r"(?:[^,]*?\s+)?)?by\s+(?P<author>[^,()]+?)(?:\s*\([^)]*\))?"
    r"(?:,\s*(?:published|released|issued)\b[^,]*)?\s*,?\s*$"
)


# a country's or the state's broadcaster named by its medium: "Umbrelian television", "Tervanian state media", or
# an outlet by its kind: "a local radio station", "the regional television channel"
BROADCASTER = re.compile(
    r"^(?:[Tt]he\s+)?(?:[A-Z][\w\-]+\s+(?:(?:state|public|national)\s+)?|(?:[Ss]tate|[Pp]ublic)\s+)"
    r"(?:television|TV|radio|media|broadcaster|news agency)$"
    r"|^(?:[Tt]he|[Aa]n?)\s+(?:(?:local|regional|national|state|public|private|community|independent)\s+)?"
    r"(?:radio|television|TV|news)\s+(?:station|channel|network)$"
)


# what may follow the head of a plural description: where or who they are ("Drivers waiting on the Varsa
# side", "Families at the pit head"), never a verb ("Patients often waited nine hours" is a clause)
DESCRIPTION_GOES_ON = re.compile(
    r"^(?:$|\s+(?:in|at|from|of|on|near|outside|inside|across|along|around|with|for|who|whose|living|below|"
    r"above|beside|behind|downstream|upstream|nearby|abroad|overseas|locally|"
    r"working|waiting|[a-z]+ing)\b|['’]|\s+[a-z]+s\b)"
)
# the words that describe an unnamed person: "a former guard", "a senior diplomat", "a local shopkeeper"
DESCRIBING_WORDS = r"former|retired|serving|senior|junior|local|young|elderly|veteran|longtime|long-time"
# a lower-case noun naming what someone does: "Protest organiser Timur Aliev", "campaigner", "shopkeeper"
AGENT_NOUN = re.compile(r"[a-z][a-z\-]{2,}(?:er|or|ist|ian|ant|ent)")
ORG_DESCRIBED = re.compile(
    # (a nationality may open the description: "the Kestran shipping line Osterby Lines")
    r"^(?:[Tt]he\s+|[Aa]n?\s+)?(?P<desc>(?:[A-Z][a-z]+(?:n|ese|ish|ch|i)\s+)?(?:[a-z][\w\-]*\s+){0,3}?(?:weekly|daily|monthly|newspaper|paper|magazine|"
    r"tabloid|broadcaster|channel|station|news agency|news site|website|outlet|blog|group|firm|company|think tank|"
    r"watchdog|analysts|researchers|consultancy|charity|organi[sz]ation|monitor|network|union|party|bank|"
    r"lender|insurer|airline|shipping line|operator|manufacturer|contractor|builder|opposition))\s+(?P<name>[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,4})$"
)
# heads any business may be called by, whatever its name ("the company" for "Corran Marine")
BUSINESS_HEADS = frozenset(
    [
        "company",
        "firm",
        "operator",
        "manufacturer",
        "owner",
        "supplier",
        "contractor",
        "carrier",
        "utility",
        "insurer",
        "lender",
        "broker",
    ]
)
# heads of organisations: a business's, and those of public or other bodies
ORG_HEADS = BUSINESS_HEADS | {"agency", "ministry", "board", "group", "union", "bank", "airline"}
ORG_NAME = re.compile(
    r"\b(?:Energy|Pharma|Shipping|Motors|Build|Group|Holdings|Bank|Airlines?|Oil|Gas|Mining|Metals|Steel|"
    r"Corp|Inc|Ltd|Company|Industries|Systems|Valves|Logistics|Foods|Telecom|Media|Partners|Consulting|"
    r"Insurance|Ministry|Agency|Authority|Board|Union|Council|Commission|Service|Inspectorate|Office)\b",
    re.I,
)


# what the story calls an outlet it has named, and the words it may have named it with ("the paper" for "the
# newspaper La Voz de Lussac", "the site" for "the investigative news site The Ledgerline")
OUTLET_WORDS = {
    "paper": ("newspaper", "paper", "daily", "weekly", "tabloid"),
    "newspaper": ("newspaper", "paper", "daily", "weekly", "tabloid"),
    "site": ("news site", "website", "site"),
    "website": ("news site", "website", "site"),
    "broadcaster": ("broadcaster", "channel", "station", "network"),
    "channel": ("channel", "broadcaster"),
    "magazine": ("magazine", "weekly", "monthly"),
}
OUTLET_NAME = (
    r"(?P<name>(?:The\s+)?[A-Z][\w\-'’]*(?:\s+(?:(?:de|del|la|le|di|da|du|of)\s+)?[A-Z][\w\-'’]*){0,4})"
)


def clean_np(np: str) -> str:
    """A speaker phrase as written, without what only describes or places it: asides, relative clauses,
    participles, a leading "In a statement," and trailing adverbs ("Brandt also", "the agency has")."""
    np = np.strip().strip(',;:"\u201c\u201d').strip()  # '" Askel Shipping' after a closing quote mark
    np = re.sub(r"^\u2019\s+", "", np)  # "\u2019 Sven Varga" after a single closing mark (not O\u2019Hara)
    np = np.rsplit(": ", 1)[-1]  # "Others were less sure: an independent engineer, Piet Haas"
    np = SIDE_ASIDE.sub("", np)  # "The Red Valley Front, for its part," is the Red Valley Front
    # "Its spokesman, who uses the name Commander Idris,": the name he uses
    np = re.sub(r",\s*who\s+(?:uses|goes by)\s+the\s+name(?:\s+of)?\s+([^,]+)(?:,|$)", r", \1", np)
    # "The Northern Alliance, whose fighters hold the hills above the road,": the relative clause is not the name
    # ("which represents about 4,000 companies,": a number's comma does not end the clause)
    np = re.sub(r",\s*(?:and\s+)?(?:who|whose|which|where)\b(?:[^,]|(?<=\d),(?=\d{3}))*(?:,|$)", "", np)
    np = re.sub(r",\s*one of (?:the|its|their|his|her)\s[^,]*(?=,\s*[A-Z])", "", np)  # an aside on what it is
    np = re.sub(r",\s*speaking\s+(?:on|to|from|at|in|after|by)\s[^,]*(?:,|$)", "", np)  # ", speaking on ...,"
    np = re.sub(r",\s*citing\s[^,]*(?:,|$)", "", np)  # "The newspaper, citing a leaked memo,": its source
    # "..., said Ana Pell, adding that the roof had been fixed": what she went on to say is not who she is
    np = re.sub(
        r",\s*(?:adding|noting|insisting|stressing|explaining|arguing|warning)\s+(?:that\s)?.*$", "", np
    )
    np = re.sub(r",\s*\d{1,3}\s*(?=,|$)", "", np)  # "The composer, Jorunn Vardy, 29,": an age, not the name
    np = _without_notes(np)
    # "One, a statistician who asked not to be named,", "Another, a clerk at the depot,": a number or "another" is
    # no one's name; the appositive says who
    np = re.sub(
        r"^(?:One|Another|A second|A third|The other|The first|The second)\s*,\s*(?=(?:a|an|the)\s)", "", np
    )
    # "A second member of staff would only [say]", "The ministry will only [say]": what was said, limited
    np = re.sub(r"\s+(?:would|will|could|can)\s+(?:only|also|just|simply)$", "", np)
    # "Brannock Freight, the Sellish firm that operates the barge,": an appositive's relative clause says what
    # the speaker is, it is no part of the name (the appositive's head stays as the role)
    np = re.sub(
        r"(,\s*(?:the|a|an)\s+[^,]*?)\s+(?:that|which|who)\s+(?:[^,]|(?<=\d),(?=\d{3}))*(?=,|$)", r"\1", np
    )
    # "the state Department of Environmental Quality": the level of government before a body's own name
    np = re.sub(
        r"^([Tt]he|[Aa])\s+(?:state|federal|regional|provincial|national|local|city|county|municipal)\s+(?=[A-Z])",
        r"\1 ",
        np,
    )
    # "The observers' mission, led by a former judge,", "The report, based on interviews with 41 witnesses,":
    # a participle phrase describing the speaker is not its name (the head before it is)
    np = re.sub(PARTICIPLE_TAIL, "", np)
    # "An engineering report commissioned by ... and leaked to ...": the document
    np = DOCUMENT_PARTICIPLE.sub(r"\g<head>", np)
    # "a Red Ridge commander who gave his name as Marek Holt": the name he gave; any other relative clause
    # without commas ("sources who spoke on condition of anonymity") is not part of who speaks
    np = re.sub(
        r"\s+who\s+(?:gave|identified)\s+(?:his|her|their|him|her|them)(?:self|selves)?\s+(?:name\s+)?as\s+",
        ", ",
        np,
    )
    # ("The dealer who sold the portrait, Aurelio Brandvold,": the clause ends where the name is given)
    np = re.sub(r"(?<=[a-z])\s+(?:who|whose)\s+(?![A-Z])[^,]*(?=,\s*(?:[A-Z]|the\s|an?\s))", "", np)
    np = re.sub(r"(?<=[a-z])\s+(?:who|whose)\s+(?![A-Z]).*$", "", np)
    # "Ms Vale was asked about the reported deal in Vienna and": the speaker is who was asked
    np = re.sub(
        r"\s+(?:was|were|is|are|had been|has been|have been)\s+(?:asked|questioned|pressed)\b.*$", "", np
    )
    # "At least five fishermen", "More than 200 residents": how many, then who
    np = re.sub(
        r"^(?:at (?:least|most)|more than|fewer than|nearly|almost|up to)\s+(?=(?:\d[\d,]*|one|two|three|four|five|"
        r"six|seven|eight|nine|ten|a dozen|dozens|hundreds|thousands)\s)",
        "",
        np,
        flags=re.I,
    )
    np = LEADING_PHRASE.sub("", np)  # "In a statement, the company" / "Downstream, Merovia's minister"
    # "The union that represents the port's dockers", "The UN office which oversees the truce": a restrictive
    # relative clause with its own verb says which one is meant; the head before it is who speaks
    np = RESTRICTIVE_RELATIVE.sub(r"\g<head>", np)
    if re.match(r"by\s", np, re.I):  # "an excuse prepared by officials who ...": an agent, not who speaks
        return ""
    np = re.sub(
        r"^(but|and|yet|however|meanwhile|still|instead|also|then|so|now)\s*,?\s+", "", np, flags=re.I
    )
    # "On Tuesday Ana Pell", "Last week the ministry", "In March Ms Vale": a time before the speaker, without a comma
    np = TIME_OPENER.sub("", np)
    np = re.sub(
        # a manner adverb before the verb: "flatly", "strongly", "categorically" (not "the Pell family"), always in
        # lower case: a name that ends the same way is not one ("Ann Donnelly", "Megan Kelly", "Sean Reilly")
        r"\s+(?!(?:family|assembly|ally|rally|supply|monopoly|anomaly|homily|italy|july)$)(?-i:[a-z]{3,}ly)$|"
        r"\s+(also|later|again|separately|earlier|previously|then|further|repeatedly|publicly|all|both|each|"
        r"privately|once|twice|first|initially|(?:late |early )?on \w+|yesterday|today|tonight|overnight|"
        r"(?:last|this) (?:week|month|year|weekend|morning|evening|night)|(?:earlier|later) this \w+)$",
        "",
        np,
        flags=re.I,
    )
    # "The weekly Kapital had reported that ...", "the agency has said": the perfect tense, not part of the name
    np = re.sub(
        r"\s+(?:had|has|have)(?:\s+(?:also|already|earlier|previously|repeatedly|long|just|now|since|again))?$",
        "",
        np,
    )
    np = re.sub(r"\s+(?:him|her|it|them)sel(?:f|ves)$", "", np)  # "Morvaux himself acknowledged"
    np = np.strip().strip(",").strip()
    # "The port authority, in a statement on Monday,", "the council, in a letter dated 2 December,": where or when
    # it spoke, in commas after the speaker, is no part of it
    np = re.sub(r"(?<=\w),\s*(?:in|on|at|during|after|before|through|via)\s+[^,]*,?\s*$", "", np)
    # "The Rev. Al Sharpton", "But the Hon. Mara Tetley": the article belongs to the style of address, not the name
    # (also after a role: "The harbour master, the Rev. Ama Boateng,")
    return re.sub(r"(^|,\s*)[Tt]he\s+(?=(?:Rev\.?|Reverend|Hon\.?|Honourable|Honorable)\s+[A-Z])", r"\1", np)


# a word that ends an organisation's name, never a person's
ORG_WORD = re.compile(
    r"\b(?:Association|Union|Council|Group|Party|Company|Institute|Foundation|Trust|Society|Federation|Board|"
    r"Committee|Front|Alliance|Network|Centre|Center|University|Hospital|Bank|Fund|Agency|Ministry|Borders)\b"
)


# what someone issued, then who issued it: "a statement from the council", "a press release by Kestrel Motors"
STATEMENT_FROM = re.compile(
    r"^(?:an?|the)\s+(?:(?:joint|written|short|brief|new|later)\s+)?(?:statement|press release|news release|"
    r"release|filing|notice)\s+(?:from|by|issued by|released by)\s+(?P<owner>\S.*)$",
    re.I,
)


def acronyms(np: str) -> list[str]:
    """The phrase's words, lower-cased but for an acronym in capitals, which is a name whatever word it spells
    ("the WHO"); a heading all in capitals has no acronyms."""
    words = np.split()
    shouting = len(words) > 1 and np.isupper()
    return [
        w if not shouting and 1 < len(w) <= 6 and w.isupper() and w.isalpha() else w.lower() for w in words
    ]


_DAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
TIME_OPENER = re.compile(
    rf"^(?i:(?:(?:late|early|earlier|later)\s+)?on\s+{_DAY}(?:\s+(?:morning|afternoon|evening|night))?|"
    r"(?:last|this|earlier this|later this)\s+(?:week|month|year|weekend|morning|afternoon|evening|night)|"
    rf"yesterday|today|tonight|later|earlier|in\s+{_MONTH}(?:\s+\d{{4}})?|in\s+\d{{4}}|"
    # "The next day Osterrun said", "That evening the ministry": a day counted from the one just told
    r"(?:the\s+(?:next|following|same|previous)|that)\s+(?:day|morning|afternoon|evening|night|week))\s+(?=\w)"
)
