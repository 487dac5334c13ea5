"""Who is speaking: a speaker phrase as written ("Dana Reyes, the country's foreign minister", "its
spokesman", "officials in the capital") parsed into a name, role and affiliation, with later references ("He
said", "Reyes said", "the minister added") resolved to the speakers already met in the text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.extract.lexicon import (
    AUXILIARY,
    COLLECTIVE_HEADS,
    DATELINE,
    DOCUMENT_HEADS,
    LEADING_PHRASE,
    NAME_RE,
    NON_SPEAKERS,
    PRONOUNS,
    QUANTITY_WORDS,
    ROLE_RE,
    TITLE_RE,
)


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
class State:
    speakers: list[Speaker] = field(default_factory=list)
    last: Speaker | None = None
    last_collective: Speaker | None = None


def dateline_length(text: str) -> int:
    """'WASHINGTON, July 12 (Meridian Wire) - ' at the start of a wire story: not part of what was said."""
    m = DATELINE.match(text)
    return m.end() if m else 0


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


def parse_speaker(np: str, state: State) -> Speaker | None:
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
            return register(state, Speaker(name, role or title, aff))
        if _looks_like_name(parts[-1]):
            name, title = _strip_title(parts[-1])
            role, aff = _role_affiliation(", ".join(parts[:-1]))
            return register(state, Speaker(name, role or title, aff))
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
        return register(state, Speaker(name, role, aff))
    # "Foreign Minister Dana Reyes", "Reyes", "Dana Reyes"
    if _looks_like_name(np):
        name, title = _strip_title(np)
        known = _find_known(state, name)
        if known is not None:
            if title and not known.role:
                known.role = title
            return _mark_last(state, known)
        role, aff = _role_affiliation(title) if title else ("", "")
        return register(state, Speaker(name, role, aff))
    # "its spokesman", "his deputy": someone of the last named speaker's side
    m = re.match(r"^(its|his|her|their)\s+(?P<role>[\w\- ]{3,40})$", low)
    if m and state.last is not None and ROLE_RE.search(m.group("role")):
        owner = state.last
        return register(state, Speaker(f"{owner.name} {m.group('role')}", m.group("role"), owner.name))
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
        return register(state, Speaker(_capital_first(np), "", "", collective=True))
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
        return _mark_last(state, known) if known else register(state, Speaker(name, "", "", collective=True))
    # a described speaker: collective ("officials in the capital") or unnamed ("a senior diplomat")
    if ROLE_RE.search(low) or COLLECTIVE_HEADS.search(low) or _org_like(np):
        collective = bool(COLLECTIVE_HEADS.search(low)) or low.startswith(("a ", "an ", "one "))
        name = _capital_first(re.sub(r"^(the|a|an|one)\s+", "", np, flags=re.I))
        known = _find_known(state, name)
        if known is not None:
            return _mark_last(state, known)
        return register(state, Speaker(name, "", "", collective=collective))
    return None


def _org_like(np: str) -> bool:
    return bool(re.match(r"^(the\s+)?[A-Z][\w\-]*(\s+[A-Z][\w\-]*){0,5}$", np)) and len(np.split()) <= 6


def document_speaker(np: str, state: State) -> Speaker | None:
    """ "according to documents seen by the Daily Ledger", "according to figures from the agency": a document
    as the source of a claim (only after "according to")."""
    np = _clean_np(np)
    if not DOCUMENT_HEADS.match(np) or len(np.split()) > 14:
        return None
    return register(
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


def _find_known(state: State, name: str) -> Speaker | None:
    low = name.lower()
    for sp in reversed(state.speakers):
        if sp.name.lower() == low or (not sp.collective and sp.surname and sp.surname.lower() == low):
            return sp
    return None


def register(state: State, speaker: Speaker) -> Speaker:
    known = _find_known(state, speaker.name)
    if known is not None:
        if speaker.role and not known.role:
            known.role = speaker.role
        if speaker.affiliation and not known.affiliation:
            known.affiliation = speaker.affiliation
        return _mark_last(state, known)
    state.speakers.append(speaker)
    return _mark_last(state, speaker)


def _mark_last(state: State, speaker: Speaker) -> Speaker:
    state.last = speaker
    if speaker.collective:
        state.last_collective = speaker
    return speaker
