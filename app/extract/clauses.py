"""The clause patterns the rule extractor (``extractor``) reads a sentence by: who speaks in a clause joined by
"and", ", saying", a recipient after "told", a trailing "in a statement", a demand, a reply's opening. Patterns
only; no text is read here."""

from __future__ import annotations

import re

COORDINATED = re.compile(r",\s*(?:and|but)\s+(?=(?:the|its|his|her|their|a|an)\s[^,;]{2,50}$)", re.I)
SAYING = re.compile(r"(?:,\s*|(?<=statement)\s+)saying(?:\s+that)?\s+", re.I)  # "issued a statement saying"
COUNTER = re.compile(r"\b(?:countered|counters|hit back|hits back|fired back|retorted|pushed back)\b", re.I)
BARE_DENIAL_WORDS = 3  # "rejected the accusation", "That is simply untrue": a denial that gives no reason
RECIPIENT_VERBS = re.compile(r"told|tells|informed|assured|assures|briefed|warned|reminded|promised", re.I)
_WHEN = (
    r"(?:\s+(?:yesterday|today|tonight|again|also|earlier|later|repeatedly|publicly)\b)?"
    r"(?:\s+(?:on|late on|early on|last|this|in|at(?!\s+(?:least|most)\b)|during|after)\s+[\w\- ]{2,30}?"
    r"(?=\s+that\b|,|\s+[a-z]))?"
)
SKIP_RECIPIENT = re.compile(
    r"^(?:\s+(?:reporters|journalists|the press|parliament|lawmakers|the (?:\w+ )?(?:agency|newspaper|"
    r"broadcaster|channel|paper|assembly|committee|council)|[A-Z][\w\-]+(?: [A-Z][\w\-]+){0,3}|him|her|them|us|me))?"
    + _WHEN
    + r"(?:\s*,)?(?:\s+that\b)?[\s:,]*"
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


DEMAND = re.compile(r"\b(?:should|must|ought to|needs? to|has to|have to)\b", re.I)
JUDGES_THE_ACCUSATION = re.compile(
    r"(?:the|this|that|these|those)\s+(?:allegations?|accusations?|charges?|claims?|reports?|findings|story)\s+"
    r"(?:was|were|is|are|had been|has been|have been)\s+(?!being\b|under\b|still\b|now\b|published\b|released\b)",
    re.I,
)
REPLY_OPENING = re.compile(r"\s*(?:in response|in reply|responding|replying)\b", re.I)
