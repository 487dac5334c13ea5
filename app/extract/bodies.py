"""Bodies named by what they are: "The consulate said", "The builder says", "The city's fire department said",
"Lusmark's deposit guarantee fund said". The head nouns here name an organisation or an institution that speaks
for itself; those that also name a person's job ("the operator", "the regulator") are roles in ``lexicon``.
"""

from __future__ import annotations

import re

from app.extract.lexicon import _words

BODY_HEADS = _words(
    "consulate department fund airport insurer lender carrier retailer developer distributor builder gang "
    "landlord"
)
# "the consulate", "the city's fire department", "Lusmark's deposit guarantee fund", "a ransomware gang":
# a determiner or an owner, at most four words of description, the head last
_PHRASE = re.compile(
    r"^(?:(?i:the|a|an|its|their)\s+|[A-Z][\w\-]*['\u2019]s\s+|(?i:the)\s+[a-z]+['\u2019]s\s+)"
    r"(?:[a-z][\w\-]*\s+){0,4}(?P<head>[a-z]+)$"
)


def names_body(np: str) -> bool:
    """Whether ``np`` names a body by its kind (a head noun of BODY_HEADS after a determiner or an owner)."""
    m = _PHRASE.match(np.strip())
    return m is not None and m.group("head") in BODY_HEADS
