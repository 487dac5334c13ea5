"""The shapes of a speaker phrase the speaker parser (``speakers``) reads: what only describes a speaker (asides,
participles, relative clauses), a document and its author, an outlet and the words naming it, the heads of
organisations. Patterns only; no text is read here."""

from __future__ import annotations

import re

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
    r"(,\s*(?:(?:a|an|the)\s[^,]*?\s+)?)(?:who|whose)\s[^,]*(?=,)"
    r"|(?:(?<=report)|(?<=study)|(?<=survey)|(?<=memo)|(?<=letter))\s+(?:[a-z]+ed|written)\s+(?:by|to)\s.*"
)


def without_asides(np: str) -> str:
    """The speaker phrase without what only describes the speaker (an aside in commas, a participle after a
    document, a restrictive relative clause after the head): what is left must be short to be a speaker."""
    return RESTRICTIVE_RELATIVE.sub(r"\g<head>", RELATIVE_ASIDE.sub(r"\1", np))


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


# a country's or the state's broadcaster named by its medium: "Umbrelian television", "Tervanian state media"
BROADCASTER = re.compile(
    r"^(?:[Tt]he\s+)?(?:[A-Z][\w\-]+\s+(?:(?:state|public|national)\s+)?|(?:[Ss]tate|[Pp]ublic)\s+)"
    r"(?:television|TV|radio|media|broadcaster|news agency)$"
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
