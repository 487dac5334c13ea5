"""Where, when and how words were said, after the verb of a quotation's speaker.

'"The batches were tested," Fenna Oakes said in a video statement posted on the dairy's website.' and '"...,"
the party's secretary, Stefan Kroll, said at a news conference in the provincial capital on Tuesday.': after a
quotation that opens the sentence, what follows the speaker's verb is the setting of the words, however long, as
long as it is a phrase of place, time or manner and not a clause of its own (no verb of its own, no "that", no
quotation).
"""

from __future__ import annotations

import re

from app.extract.lexicon import AUXILIARY, RV

_OPENS_QUOTED = re.compile("^\\s*[\u201c\"\u2018']")
_SETTING = re.compile(
    r"^(?:in|at|on|during|after|before|outside|inside|from|to|via|over|by|while|late|early|last|this|earlier)\s",
    re.I,
)
_CLAUSE_WORD = re.compile(r"\b(?:that|which|who|whom|whether|because|although)\b", re.I)
LONGEST = 20  # words: a longer run after the verb is more likely a sentence of its own


def setting_after_quote(sentence: str, after_clause: str, np: str) -> bool:
    """True when ``after_clause`` (the words after the verb up to the next comma) is a long setting after a
    quotation that opens ``sentence``, not what was said. The speaker ``np`` must give a name: a description
    alone ("the official said in a statement sent out by ...") is resolved less surely and is left undrafted."""
    tail = after_clause.strip()
    described = re.match(r"(?:the|a|an|its|their|his|her)\s", np.strip(), re.I) is not None
    return (
        _OPENS_QUOTED.match(sentence) is not None
        and (not described or "," in np)
        and len(tail.split()) <= LONGEST
        and _SETTING.match(tail) is not None
        and _CLAUSE_WORD.search(tail) is None
        and AUXILIARY.search(tail) is None
        and not any(m.group(0).lower() != "posted" for m in RV.finditer(tail))  # "a statement posted on"
        and not re.search('[\u201c"]', tail)
    )
