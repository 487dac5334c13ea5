"""Who is speaking: a speaker phrase as written ("Dana Reyes, the country's foreign minister", "its
spokesman", "officials in the capital") parsed into a name, role and affiliation, with later references ("He
said", "Reyes said", "the minister added") resolved to the speakers already met in the text."""

from __future__ import annotations

import re

from app.extract.bodies import names_body
from app.extract.gate import LINK_LABEL, after_setting, speaker_shaped
from app.extract.heads import org_like, verb_first_subject
from app.extract.lexicon import (
    AUXILIARY,
    CLAUSE_OPENERS,
    COLLECTIVE_HEADS,
    DOCUMENT_HEADS,
    DV,
    FRAGMENT_WORDS,
    FUNCTION_END,
    NAME_RE,
    NON_SPEAKERS,
    NOT_SPEAKER_WORDS,
    PREMISES,
    PRONOUNS,
    QUANTITY_WORDS,
    ROLE_RE,
    RV,
    TITLE_RE,
    _words,
    names_role,
)
from app.extract.persons import individual, sex_in_text, two_people
from app.extract.places import (
    CAPITALS,
    INSTITUTIONS,
    country_named,
    country_of_adjective,
    country_of_people,
    government,
)
from app.extract.speaker_phrases import (
    AGENT_NOUN,
    AUTHORED_DOCUMENT,
    BROADCASTER,
    BUSINESS_HEADS,
    DESCRIBING_WORDS,
    DESCRIPTION_GOES_ON,
    DOCUMENT_PARTICIPLE,
    ORG_DESCRIBED,
    ORG_HEADS,
    ORG_WORD,
    OUTLET_NAME,
    OUTLET_WORDS,
    STATEMENT_FROM,
    acronyms,
    clean_np,
)
from app.extract.speaker_state import Speaker as Speaker
from app.extract.speaker_state import State as State
from app.extract.speaker_state import _find_known, _mark_last, _person
from app.extract.speaker_state import dateline_length as dateline_length
from app.extract.speaker_state import note_named as note_named
from app.extract.speaker_state import register as register


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
    if m and names_role(m.group("role")):
        p, aff = m.group("role"), aff or m.group("aff")
    m = re.match(r"^(?P<aff>(?:[A-Z][\w\-]*\s+){2,3})(?P<role>[a-z][\w\- ]*)$", p)
    if m and not aff and names_role(m.group("role")):  # "a Red Ridge commander": the militia's commander
        p, aff = m.group("role"), m.group("aff")
    return p.strip(), aff.strip()


# a clause ending on the pronoun that speaks: "The Workers Front published two recordings it [said ...]"
CONTACT_RELATIVE = re.compile(
    r"^(?P<subject>[A-Z][^,]*?)\s+(?:[a-z]+ed|put out|gave|sent|made|showed|shared|showed|took|found|"
    r"drew up|wrote|ran|sold|held)\s+[^,]*?\b(?P<pronoun>it|they|he|she)$"
)


def is_fragment(np: str) -> bool:
    """A piece of a clause or of a web page rather than a name, role, group or organisation."""
    words = np.split()
    if not words:
        return True
    lower = [w.strip(".,;:!?\u201c\u201d\"'") for w in acronyms(np)]
    if any(w in FRAGMENT_WORDS for w, raw in zip(lower, words, strict=True) if raw[:1].islower()):
        return True
    if RV.search(np) or DV.search(np):  # "engineers at the site believe the part came from": a clause
        return True
    if lower[-1] in FUNCTION_END or (len(words) <= 2 and lower[0] in NOT_SPEAKER_WORDS):
        return True
    if len(words) > 1 and lower[0] in CLAUSE_OPENERS:  # "We call on our partners to take note": a clause
        return True
    return not any(ch.isalpha() for ch in np)


def _government(np: str, state: State) -> Speaker | None:
    """'Moscow', 'Brussels', 'The Ruritanians', 'Kestria', "Ostmark's government": the government they stand for."""
    bare = re.sub(r"^the\s+", "", np, flags=re.I)
    bare = re.sub(r",\s*the [A-Z][\w\-]+ capital$", "", bare)  # "Valdor, the Ruritanian capital"
    country = ""
    if bare in INSTITUTIONS:
        return register(state, Speaker(INSTITUTIONS[bare], "", "", collective=True))
    if bare in state.capitals:
        country = state.capitals[bare]
    elif bare in CAPITALS:
        country = CAPITALS[bare]
    elif re.fullmatch(r"[A-Z][a-z]+", bare) and np[:4].lower() == "the ":
        country = country_of_people(bare, state.text)
    elif re.fullmatch(r"[A-Z][a-z]+", bare):
        country = country_named(bare, state.text)
    else:
        m = re.fullmatch(r"(?:(?P<c>[A-Z][\w\-]+)['\u2019]s|(?P<a>[A-Z][\w\-]+)) government", bare)
        if m:
            word = m.group("c") or m.group("a")
            country = country_named(word, state.text) or country_of_adjective(word, state.text)
    if not country:
        return None
    return register(state, Speaker(government(country), "government", country, collective=True))


# a statement's title naming who issued it: "Statement from Tarrant Valley Railways on the derailment"
ISSUED_BY = re.compile(
    r"\s*(?:(?:Joint |Press |News |Public )?Statement|Press release|News release|Announcement)\s+(?:from|by|of)\s+"
    r"(?:the\s+)?(?P<issuer>[A-Z][\w'\u2019\-]*(?:\s+(?:of\s+|and\s+|for\s+)?[A-Z][\w'\u2019\-]*){0,6})"
)


LEADING_QUOTATION = re.compile(r"^\s*[\u201c\"][^\u201c\u201d\"]*[\u201d\"]\s*,?\s*(?=\S)")


def parse_speaker(np: str, state: State) -> Speaker | None:
    """A speaker phrase as written -> a Speaker (new, or a known one it refers to); None if not a speaker. Every
    speaker passes the gate (``gate.speaker_shaped``): one shaped as a fragment is forgotten, as if never met, and
    a phrase that opens on a setting ("In a statement on Wednesday the company", "In a statement on Monday Ann
    Donnelly"), read as no speaker or as a fragment, is read again from the noun phrase after it."""
    if LINK_LABEL.match(np):
        return None  # "Read more: Minister says ...": a link to another story's headline
    kept = (len(state.speakers), state.last, state.last_collective, list(state.recent))
    sp = _parse_speaker(np, state)
    if sp is not None and speaker_shaped(sp.name):
        return sp
    if sp is not None:
        del state.speakers[kept[0] :]
        state.last, state.last_collective, state.recent[:] = kept[1], kept[2], kept[3]
    tail = after_setting(np)
    return parse_speaker(tail, state) if tail else None


def _parse_speaker(np: str, state: State) -> Speaker | None:
    np = LEADING_QUOTATION.sub("", np)  # '"Never, sir," the witness': the words said, then who said them
    authored = AUTHORED_DOCUMENT.match(np.strip())
    if authored is not None:
        author = parse_speaker(authored.group("author"), state)
        if author is not None:
            return author
    issued_by = STATEMENT_FROM.match(np.strip())
    if issued_by is not None:  # "according to a statement from the council": the council
        author = parse_speaker(issued_by.group("owner"), state)
        if author is not None:
            return author
    if DOCUMENT_PARTICIPLE.match(np.strip()):  # "An engineering report commissioned by ...": the document
        return document_speaker(np, state)
    np = clean_np(np)
    if re.fullmatch(r"(?:[Hh]er|[Hh]is|[Tt]heir|[A-Z][\w\-]+['\u2019]s)\s+camp", np):
        # "..., according to her camp": the people around a person, speaking for them
        return register(state, Speaker(_capital_first(np), "", "", collective=True))
    if np.lower() in ("we", "us"):
        # "We reject the union's claim" in a statement its title says a company issued: the company; elsewhere a
        # "we" is no one the text names
        return parse_speaker(state.issuer, state) if state.issuer else None
    contact = CONTACT_RELATIVE.match(np)
    if contact is not None:
        # "The Workers Front published two recordings it [said proved ...]": the clause is not who speaks,
        # its pronoun is, and it stands for the clause's subject
        return parse_speaker(contact.group("subject"), state) or _pronoun(
            contact.group("pronoun").lower(), state
        )
    clause_subject = verb_first_subject(np)  # "Ask the ministry about it and a spokesman [says]"
    if clause_subject is not None:
        return parse_speaker(np[clause_subject:], state)
    if not np or len(np) > 160 or is_fragment(np):
        return None
    relative = RELATIVE_RUNS_ON.search(np)
    if relative is not None:
        # "on land that Dalish herders [say was seized]": the relative clause's subject speaks, or no one does
        subject = relative.group("subject")
        low = subject.lower()
        if (
            _looks_like_name(subject)
            or low in PRONOUNS
            or COLLECTIVE_HEADS.search(low)
            or _PLURAL.fullmatch(subject)
        ):
            return parse_speaker(subject, state)
        return None if RELATIVE_OBJECT.match(subject) else _parse_plain(np, state)
    plain = _parse_plain(np, state)
    if plain is None and (pair := two_people(np)) is not None and all(_looks_like_name(x) for x in pair):
        # "Aino Abubakar and Elif D'Amato said": the two of them
        # (each without a title or style: "The Rev. Ama Boateng and Dr Tomas Pell" are Ama Boateng and Tomas Pell)
        both = " and ".join(_strip_title(x)[0] for x in pair)
        return register(state, Speaker(both, "", "", collective=True))
    return plain


# a noun phrase whose relative clause runs into the speaker position: "a quarry on fields that local farmers"
RELATIVE_RUNS_ON = re.compile(r"^(?:[\w\-'’]+\s+){1,}?(?<![,])(?:that|which|where)\s+(?P<subject>[^,]+)$")
_PLURAL = re.compile(r"(?:[A-Za-z][\w\-]*\s+){0,3}[a-z][\w\-]*[^s]s")
# the relative clause's subject is a noun phrase of its own ("the farmers", "Dalish herders"), not a verb
RELATIVE_OBJECT = re.compile(r"(?:the|a|an|its|their|his|her|[A-Z][\w\-]*)\s")


def _parse_plain(np: str, state: State) -> Speaker | None:
    gov = _government(np, state)
    if gov is not None:
        return gov
    low = np.lower()
    words = acronyms(np)
    if low in PRONOUNS:
        return _pronoun(low, state)
    issued = STATEMENT_OF.fullmatch(np)
    if issued is not None:  # "'...,' the statement said" after "X rejected the allegation in a statement"
        if issued.group("owner"):
            return parse_speaker(issued.group("owner"), state)  # "Kestrow's statement called ..."
        last = state.last  # an organisation's statement, not a person's words
        return last if last is not None and not _person(last) else None
    if not words or words[0] in NON_SPEAKERS or (len(words) <= 2 and words[-1] in NON_SPEAKERS):
        return None
    raw = np.split()
    # "Theresa May", "Will Hartley": a capitalised word after a name's first word is the name, not a modal
    surname = len(raw) > 1 and raw[-1][:1].isupper() and raw[-2][:1].isupper()
    if (
        (AUXILIARY.fullmatch(words[-1]) and not surname)
        or words[0] in QUANTITY_WORDS
        or (len(words) > 1 and words[1] in QUANTITY_WORDS)
    ):
        return None  # "the length the operator has" / "three times the length": not who is speaking
    # "Dana Reyes, the country's foreign minister" / "Iran's foreign minister, Hossein Amir-Abdollahian"
    parts = [p.strip() for p in re.split(r",\s*", np) if p.strip()]
    if len(parts) >= 2:
        first, rest = parts[0], ", ".join(parts[1:])
        if re.match(r"(?:the|a|an)\s", rest, re.I) and re.fullmatch(r"The(?:\s+[A-Z][\w\-]*){2,}", first):
            first = first[
                4:
            ]  # "The Harbour Aid Trust, the charity ...": the organisation's name, then what it is
        if _looks_like_name(first):
            name, title = _strip_title(first)
            role, aff = _role_affiliation(rest)
            return register(state, Speaker(name, role or title, aff or _owner(rest, state)))
        # "The dealer, Aurelio Brandvold of Brandvold Fine Art": the name, then whose it is
        of_org = re.fullmatch(
            r"(?P<name>.+?)\s+(?:of|at|from)\s+(?P<org>[A-Z][\w\-'\u2019]*(?:\s+[A-Z][\w\-'\u2019]*)*)",
            parts[-1],
        )
        if (
            of_org is not None
            and _looks_like_name(of_org.group("name"))
            and _looks_like_name(parts[0]) is False
        ):
            name, title = _strip_title(of_org.group("name"))
            role, _aff = _role_affiliation(", ".join(parts[:-1]))
            return register(state, Speaker(name, role or title, of_org.group("org")))
        if _looks_like_name(parts[-1]):
            name, title = _strip_title(parts[-1])
            described = ", ".join(parts[:-1])
            role, aff = _role_affiliation(described)
            return register(state, Speaker(name, role or title, aff or _owner(described, state)))
    # "US national security adviser Jake Sullivan": a lower-case description, then the name
    m = re.match(
        r"^(?P<desc>(?:[A-Z]{2,}\s+|[A-Z][a-z]+\s+|[A-Z][\w\-]*['’]s\s+){0,3}(?:[a-z][\w\-'’]*\s+)+)"
        r"(?P<name>[A-Z].*)$",
        np,
    )
    if (
        m
        and (names_role(m.group("desc")) or AGENT_NOUN.fullmatch(m.group("desc").split()[-1]))
        and _looks_like_name(m.group("name"))
        and m.group("desc").split()[-1] not in FUNCTION_END  # "embassy in Tallmark": a place
    ):
        desc = m.group("desc").strip()
        name, title = _strip_title(m.group("name"))
        aff_m = re.match(
            r"^([A-Z]{2,}|[A-Z][a-z]+(?:n|i|ese|ish|ch)|[A-Z][\w\-]*(?=['’]s))(?:['’]s)?\s+(.+)$", desc
        )
        role, aff = (aff_m.group(2), aff_m.group(1)) if aff_m else (desc, "")
        owner_m = re.match(r"^((?:[A-Z][\w\-]*\s+){2,3})([a-z].*)$", desc)
        if owner_m and not aff_m:  # "Brisk Trains chief executive Ola Brand": the company, then the role
            role, aff = owner_m.group(2), owner_m.group(1).strip()
        kind = desc.split()[0].lower()
        if (
            not aff
            and len(desc.split()) >= 2
            and (kind in ORG_HEADS or kind in ("alliance", "party", "militia"))
        ):
            aff = _org_unique(
                kind, state
            )  # "alliance commander Rasim Dolan" in a story about the Northern Alliance
        return register(state, Speaker(name, role, aff))
    # "Professor Mei Lin of Fudan University", "Farmer Tane Ruatapu", "Analyst Tomas Pell of Harrowgate Capital":
    # a title or a role word before a person's name, then where the person works (not "Bank of England")
    placed = re.fullmatch(r"(?P<who>.+?)(?:\s+(?:of|at|from)\s+(?P<org>(?:the\s+)?[A-Z][^,]*))?", np)
    person = _titled_person(placed.group("who")) if placed else None
    if person is not None and placed is not None:
        name, role = person
        known = _find_known(state, name)
        if known is not None:
            return _mark_last(state, known)
        workplace = re.sub(r"^the\s+", "", placed.group("org") or "")
        return register(state, Speaker(name, role, workplace))
    # "the business weekly Kapital", "the shipping analysts Tidewater Intelligence": what it is, then its name
    m = ORG_DESCRIBED.match(np)
    # "the investigative news site The Ledgerline": a title's own "The" is no part of the name
    outlet_name = re.sub(r"^The\s+(?=[A-Z])", "", m.group("name").strip()) if m else ""
    if m and _looks_like_name(outlet_name):
        name = outlet_name
        known = _find_known(state, name)
        if known is not None:
            return _mark_last(state, known)
        return register(state, Speaker(name, m.group("desc").strip(), ""))
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
    owner = _owner_speaker(m.group(1), state) if m else None
    if m and owner is not None and names_role(m.group("role")):
        if owner.role == "government" and owner.affiliation:  # "Its foreign ministry" after "Moscow said"
            name = f"{_capital_first(m.group('role'))} of {owner.affiliation}"
            return register(state, Speaker(name, m.group("role"), owner.affiliation, collective=True))
        return register(state, Speaker(f"{owner.name} {m.group('role')}", m.group("role"), owner.name))
    # "The paper said", "the site reported": the outlet the story has named
    m = re.match(r"^the\s+(?P<head>" + "|".join(OUTLET_WORDS) + r")$", low)
    if m:
        outlet = _outlet(m.group("head"), state)
        if outlet is not None:
            return outlet
    # "the minister", "the spokesman" -> the last speaker with that role
    m = re.match(r"^the\s+(?P<head>[\w\- ]+)$", low)
    if m and names_role(m.group("head")) and not COLLECTIVE_HEADS.search(m.group("head").split()[-1]):
        head = m.group("head").split()[-1]
        phrase = m.group("head")  # "the Hollish foreign ministry" is not whoever has "ministry" in their role
        # "The ministry said" is the ministry, not "a ministry spokeswoman" who spoke for it before
        for_it = re.compile(rf"\b{re.escape(phrase)}(?:['\u2019]s)?\s+{SPEAKS_FOR}")
        for sp in reversed(state.speakers):
            in_role = re.search(rf"\b{re.escape(phrase)}\b", sp.role.lower())  # "council" is no "councillor"
            if (in_role and not for_it.search(sp.role.lower())) or phrase in sp.name.lower():
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
        named = _named_in_text(m.group("head"), state)  # "the bank" in a story about "Norland Bank"
        if named is not None:
            return named
        if m.group("head") in ORG_HEADS:
            # "the company said" after "North Channel Energy denied ...", or after "Corran Marine rejected
            # the accusation" when the story calls Corran Marine "the terminal operator"
            org = _recent_org(state)
            # "the ministry" is not the aid group that spoke last: a public body's head word must be its own
            if org is not None and (
                m.group("head") in BUSINESS_HEADS or m.group("head") in f"{org.name} {org.role}".lower()
            ):
                return _mark_last(state, org)
    # "One of the sources": one of a collective
    m = re.match(
        r"^(?:one|two|three|four|five|six|seven|eight|nine|ten|several) of (the|its|their)\s+(?P<rest>.+)$",
        low,
    )
    if m:
        return register(state, Speaker(_capital_first(np), "", "", collective=True))
    # a plural description: "Drivers waiting on the Varsa side", "Shipping agents", "Families at the pit head"
    m = re.match(
        r"^(?:[a-z][\w\-']*\s+){0,2}?(?P<head>[a-z][\w\-]*[^s]s|[a-z]*men|people|staff|crews?|children)\b",
        low,
    )
    if (
        m
        and len(words) <= 10
        and m.group("head") not in NON_SPEAKERS
        and m.group("head") not in PREMISES
        and not m.group("head").endswith(("ss", "us", "is"))
        and DESCRIPTION_GOES_ON.match(low[m.end() :])
    ):
        name = _capital_first(re.sub(r"^(the|a|an)\s+", "", np, flags=re.I))
        known = _find_known(state, name)
        return _mark_last(state, known) if known else register(state, Speaker(name, "", "", collective=True))
    # one unnamed person described by what they are or were: "A former guard", "a local shopkeeper"
    m = re.match(r"^(?:a|an|one)\s+(?:" + DESCRIBING_WORDS + r")\s+(?P<noun>[a-z][a-z\-]{2,})$", low)
    if m and m.group("noun") not in NON_SPEAKERS and m.group("noun") not in FUNCTION_END:
        return register(
            state,
            Speaker(_capital_first(re.sub(r"^(a|an|one)\s+", "", np, flags=re.I)), "", "", collective=True),
        )
    # one unnamed person named by what they are, or are to someone: "One friend", "A rep for Reece", "an
    # underwriter", "a neighbour" (any noun but a thing that says: "A statement said" is no one)
    m = ONE_PERSON.match(np)
    if m and m.group("noun") not in NON_SPEAKERS and m.group("noun") not in SAYING_THINGS:
        return register(state, Speaker(_capital_first(np[m.start("noun") :]), "", "", collective=True))
    # a described speaker: collective ("officials in the capital") or unnamed ("a senior diplomat")
    if names_role(low) or COLLECTIVE_HEADS.search(low) or org_like(np) or names_body(np):
        collective = bool(COLLECTIVE_HEADS.search(low)) or low.startswith(("a ", "an ", "one "))
        name = _capital_first(re.sub(r"^(the|a|an|one)\s+", "", np, flags=re.I))
        known = _find_known(state, name)
        if known is not None:
            return _mark_last(state, known)
        return register(state, Speaker(name, "", "", collective=collective))
    if BROADCASTER.match(np):  # "Umbrelian television reported ...", "Pallenian state television": an outlet
        name = _capital_first(re.sub(r"^(the|an?)\s+", "", np, flags=re.I))
        return _find_known(state, name) or register(state, Speaker(name, "", ""))
    return None


ONE_PERSON = re.compile(
    r"^(?:[Aa]n?|[Oo]ne)\s+(?P<noun>[a-z][a-z\-]{2,})"
    r"(?:\s+(?:for|of|to|close to)\s+(?:(?:the\s+)?[A-Z][\w\-'\u2019]*(?:\s+[A-Z][\w\-'\u2019]*){0,3}|"
    r"(?:the|one|a|an|his|her|their)\s+[a-z][a-z\-]+(?:\s+[a-z][a-z\-]+)?))?$"
)
# things that say something, never a person: "A statement said", "One video showed", "a post on its website"
SAYING_THINGS = _words(
    "statement report study survey letter document memo email message note post tweet video recording transcript "
    "filing ruling decision order notice leaflet sign banner poster poll paper article book website page draft "
    "plan law bill text record log audit review analysis assessment investigation probe complaint lawsuit "
    "petition resolution communique release briefing bulletin broadcast headline caption photo photograph image "
    "picture map chart graph table figure evidence footage account version copy summary list timeline estimate "
    "forecast model census count tally register database file folder dossier brochure manual guide handbook "
    "contract agreement deal treaty accord charter code policy rule regulation directive decree verdict "
    "judgment judgement finding result test sample scan reading gauge sensor meter camera satellite radar "
    "signal alarm siren announcement advert advertisement sticker label placard slogan chant song film "
    "documentary programme program show episode podcast interview speech lecture sermon debate hearing "
    "session meeting conference summit"
)


# a statement speaking for whoever issued it: "the statement", "its written statement", "Kestrow's statement"
STATEMENT_OF = re.compile(
    r"(?:[Tt]he|[Ii]ts|[Tt]heir|[Tt]his|(?P<owner>[A-Z][\w\-]*(?:\s[A-Z][\w\-]*){0,3})['\u2019]s)\s+"
    r"(?:(?:written|short|second|first|joint|new|later)\s+)?statement"
)


# who speaks for an organisation: "ministry spokeswoman", "the commission's chairman" is not the ministry or the
# commission itself
SPEAKS_FOR = r"(?:spokes\w+|chair\w*|head|director|official|secretary|lawyer|adviser|chief|press officer)\b"


def _outlet(head: str, state: State) -> Speaker | None:
    """The outlet "the paper" or "the site" stands for: a speaker met with that word in its role, else the one
    outlet the text names with it ("the newspaper La Voz de Lussac"); None when there is none or more than one."""
    words = OUTLET_WORDS[head]
    for sp in reversed(state.speakers):
        if any(re.search(rf"\b{w}$", sp.role.lower()) for w in words):
            return _mark_last(state, sp)
    pattern = rf"\b(?:{'|'.join(words)})\s+{OUTLET_NAME}"
    names = {re.sub(r"^The\s+", "", m.group("name")) for m in re.finditer(pattern, state.text)}
    if len(names) != 1:
        return None
    name = names.pop()
    return _find_known(state, name) or register(state, Speaker(name, head, ""))


def _named_in_text(head: str, state: State) -> Speaker | None:
    """The one organisation the text names with this head word: 'the bank' -> 'Norland Bank'."""
    if " " in head or len(head) < 3:
        return None
    title = head[:1].upper() + head[1:]
    names = set(re.findall(rf"\b((?:[A-Z][\w\-]+ ){{1,3}}{re.escape(title)})\b", state.text))
    names = {re.sub(r"^(?:The|A|An|This|That|Its)\s+", "", n) for n in names}  # "The Tollund Gallery"
    names = {n for n in names if n != title}
    if len(names) != 1:
        return None
    return register(state, Speaker(names.pop(), head, ""))


def _recent_org(state: State) -> Speaker | None:
    """The organisation among the last few speakers: not a person, or a name the text describes as one ("the
    terminal operator Corran Marine", "Corran Marine, the port's operator")."""
    last = state.last
    if last is not None and not (_person(last) or last.collective or _person_by_role(last)):
        return last
    for sp in reversed(state.speakers[-4:]):
        if not sp.collective and _described_as_org(sp.name, state.text):
            return sp
    return None


def _person_by_role(sp: Speaker) -> bool:
    """'Witness', 'Driver', 'Nurse': one person the text names by a role word alone, never "the company"."""
    low = sp.name.lower()
    return " " not in low and names_role(low) and individual(sp.name, sp.role, sp.collective)


def _described_as_org(name: str, text: str) -> bool:
    heads = "|".join(sorted(ORG_HEADS))
    before = rf"\b(?:{heads})\s+{re.escape(name)}\b"  # "the terminal operator Corran Marine"
    after = (
        rf"\b{re.escape(name)},\s+(?:a|an|the)\s[^,.]{{0,40}}\b(?:{heads})\b"  # "Corran Marine, the operator"
    )
    return re.search(before, text) is not None or re.search(after, text) is not None


def _org_unique(head: str, state: State) -> str:
    """The one name the text gives an organisation of this kind ("Northern Alliance" for "alliance"), or ""."""
    title = head[:1].upper() + head[1:]
    names = re.findall(rf"\b((?:[A-Z][\w\-]+ ){{1,3}})(?:{re.escape(title)})\b", state.text)
    found = {re.sub(r"^(?:The|A|An|This|That|Its)\s+", "", n) + title for n in names}
    found.discard(title)
    return found.pop() if len(found) == 1 else ""


def _org_named(head: str, state: State) -> str:
    """The one name the text gives an organisation of this kind: "the party" in a story about "the Civic Union
    party" -> "Civic Union", "the bank" -> "Norland Bank"; or the organisation that spoke last."""
    title = head[:1].upper() + head[1:]
    names = set(
        re.findall(rf"\b((?:[A-Z][\w\-]+ ){{1,3}})({re.escape(title)}|{re.escape(head)})\b", state.text)
    )
    found = set()
    for n, h in names:
        n = re.sub(r"^(?:The|A|An|This|That|Its)\s+", "", n)
        if n:
            found.add((n + h if h == title else n).strip())
    if len(found) == 1:
        return found.pop()
    org = _recent_org(state) if head in ORG_HEADS else None
    return org.name if org is not None else ""


def _pronoun(low: str, state: State) -> Speaker | None:
    """'He', 'she': the latest person who spoke or was named, of that sex when the text gives one; 'they': the
    last group; 'it': the last organisation or group."""
    if low == "they":
        return state.last_collective or state.last
    if low == "it":
        last = state.last
        return last if last is not None and (last.collective or not _person(last)) else None
    sex = "f" if low == "she" else "m"
    for sp in reversed(state.recent[-6:]):
        if individual(sp.name, sp.role, sp.collective) and sex_in_text(sp.name, state.text) in ("", sex):
            return _mark_last(state, sp)
    last = state.last
    if last is not None and last.role == "government":
        # "she said" after "Kestria says ...": a person, the one who spoke before the government was cited
        for sp in reversed(state.speakers[-4:]):
            if not sp.collective and _person(sp):
                return _mark_last(state, sp)
    return last


def _owner_speaker(possessive: str, state: State) -> Speaker | None:
    """Whose 'its'/'their' (the latest organisation or group that spoke) or 'his'/'her' (the latest speaker)."""
    if possessive.lower() in ("his", "her"):
        return state.last
    if state.last is not None and not _person(state.last):
        return state.last
    for sp in reversed(state.speakers):
        if not _person(sp):
            return sp
    return None


def _owner(described: str, state: State) -> str:
    """'Its director' after the revenue agency spoke: the agency (whom the speaker speaks for)."""
    m = re.match(r"^(its|their)\s", described.strip(), re.I)
    owner = _owner_speaker(m.group(1), state) if m else None
    if owner is None:  # "The party's chairwoman": the party the story names
        m = re.match(r"^the\s+([a-z]+)['\u2019]s\s", described.strip(), re.I)
        if m and (m.group(1).lower() in ORG_HEADS or m.group(1).lower() == "party"):
            return _org_named(m.group(1).lower(), state)
    return owner.name if owner is not None else ""


def document_speaker(np: str, state: State) -> Speaker | None:
    """ "according to documents seen by the Daily Ledger", "according to figures from the agency": a document
    as the source of a claim (only after "according to")."""
    np = clean_np(np)
    if not DOCUMENT_HEADS.match(np) or len(np.split()) > 14:
        return None
    return register(
        state,
        Speaker(_capital_first(re.sub(r"^(?:the|an?)\s+", "", np, flags=re.I)), "", "", collective=True),
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
    owned = re.match(r"[A-Z][\w\-]*['’]s\s+(?P<role>.+)$", name)
    if owned is not None and names_role(owned.group("role")):
        return False  # "Tenby's MP": whose role it is, not a name
    return not ROLE_RE.fullmatch(low)


def _titled_person(who: str) -> tuple[str, str] | None:
    """A person's name after a title ("Professor Mei Lin") or a capitalised role word opening the sentence
    ("Farmer Tane Ruatapu": first and last name after it, so "Dean Pell" stays a name) -> (name, role)."""
    if ORG_WORD.search(who) or not who[:1].isupper():
        return None
    name, title = _strip_title(who)
    if title and len(name.split()) >= 2 and _looks_like_name(name):
        return name, title
    words = who.split()
    if (
        not title
        and len(words) >= 3
        and words[0][-1:] != "s"
        and names_role(words[0].lower())
        and _looks_like_name(" ".join(words[1:]))
        and NAME_RE.match(" ".join(words[1:]))
    ):
        return " ".join(words[1:]), words[0].lower()
    return None


def _strip_title(text: str) -> tuple[str, str]:
    m = TITLE_RE.match(text.strip())
    if m and m.group("name").strip():
        return m.group("name").strip(), m.group("title").strip()
    return text.strip(), ""
