"""Governments named by their capital ("Moscow said", "Brussels accused"), their people ("The Ruritanians deny
this") or their country ("Kestria says"): news metonyms for a government, which is the actor an analyst records.

The tables are facts (capitals, demonyms); a capital or people the tables do not know is learned from the text
itself ("Valdor, the Ruritanian capital, ..."), and a country the text names.
"""

from __future__ import annotations

import re
from functools import lru_cache

# capital -> the government it stands for in news copy
CAPITALS = {
    "Abuja": "Nigeria",
    "Addis Ababa": "Ethiopia",
    "Algiers": "Algeria",
    "Amman": "Jordan",
    "Ankara": "Turkey",
    "Athens": "Greece",
    "Baghdad": "Iraq",
    "Baku": "Azerbaijan",
    "Bangkok": "Thailand",
    "Beijing": "China",
    "Beirut": "Lebanon",
    "Belgrade": "Serbia",
    "Berlin": "Germany",
    "Bern": "Switzerland",
    "Bogota": "Colombia",
    "Brasilia": "Brazil",
    "Bratislava": "Slovakia",
    "Bucharest": "Romania",
    "Budapest": "Hungary",
    "Buenos Aires": "Argentina",
    "Cairo": "Egypt",
    "Canberra": "Australia",
    "Caracas": "Venezuela",
    "Chisinau": "Moldova",
    "Copenhagen": "Denmark",
    "Damascus": "Syria",
    "Dhaka": "Bangladesh",
    "Doha": "Qatar",
    "Dublin": "Ireland",
    "Hanoi": "Vietnam",
    "Havana": "Cuba",
    "Helsinki": "Finland",
    "Islamabad": "Pakistan",
    "Jakarta": "Indonesia",
    "Kabul": "Afghanistan",
    "Khartoum": "Sudan",
    "Kyiv": "Ukraine",
    "Kiev": "Ukraine",
    "Lisbon": "Portugal",
    "Ljubljana": "Slovenia",
    "London": "the United Kingdom",
    "Madrid": "Spain",
    "Manila": "the Philippines",
    "Mexico City": "Mexico",
    "Minsk": "Belarus",
    "Moscow": "Russia",
    "Nairobi": "Kenya",
    "New Delhi": "India",
    "Oslo": "Norway",
    "Ottawa": "Canada",
    "Paris": "France",
    "Prague": "the Czech Republic",
    "Pretoria": "South Africa",
    "Pyongyang": "North Korea",
    "Rabat": "Morocco",
    "Riga": "Latvia",
    "Riyadh": "Saudi Arabia",
    "Rome": "Italy",
    "Santiago": "Chile",
    "Seoul": "South Korea",
    "Sofia": "Bulgaria",
    "Stockholm": "Sweden",
    "Taipei": "Taiwan",
    "Tallinn": "Estonia",
    "Tashkent": "Uzbekistan",
    "Tbilisi": "Georgia",
    "Tehran": "Iran",
    "Tokyo": "Japan",
    "Tripoli": "Libya",
    "Tunis": "Tunisia",
    "Vienna": "Austria",
    "Vilnius": "Lithuania",
    "Warsaw": "Poland",
    "Washington": "the United States",
    "Wellington": "New Zealand",
    "Yerevan": "Armenia",
    "Zagreb": "Croatia",
}
# Brussels in news copy is the European Union's institutions, not Belgium's government.
INSTITUTIONS = {"Brussels": "European Union"}

# people (plural demonym) -> country, where the country is not the demonym less its ending
PEOPLES = {
    "Americans": "the United States",
    "British": "the United Kingdom",
    "Britons": "the United Kingdom",
    "Chinese": "China",
    "Danes": "Denmark",
    "Dutch": "the Netherlands",
    "Finns": "Finland",
    "French": "France",
    "Germans": "Germany",
    "Greeks": "Greece",
    "Iranians": "Iran",
    "Iraqis": "Iraq",
    "Israelis": "Israel",
    "Japanese": "Japan",
    "Lebanese": "Lebanon",
    "Norwegians": "Norway",
    "Pakistanis": "Pakistan",
    "Palestinians": "the Palestinian Authority",
    "Poles": "Poland",
    "Russians": "Russia",
    "Saudis": "Saudi Arabia",
    "Spaniards": "Spain",
    "Swedes": "Sweden",
    "Swiss": "Switzerland",
    "Turks": "Turkey",
    "Ukrainians": "Ukraine",
    "Vietnamese": "Vietnam",
}
COUNTRIES = frozenset(CAPITALS.values()) | frozenset(PEOPLES.values())
_BARE = {c.removeprefix("the "): c for c in COUNTRIES}

_CAPITAL_APPOSITION = (
    re.compile(r"\b(?P<city>[A-Z][a-z]+(?: [A-Z][a-z]+)?), the (?P<adj>[A-Z][\w\-]+) capital\b"),
    re.compile(r"\bthe (?P<adj>[A-Z][\w\-]+) capital,? (?P<city>[A-Z][a-z]+(?: [A-Z][a-z]+)?)\b"),
)


def government(country: str) -> str:
    return f"Government of {country}"


@lru_cache(maxsize=1)  # one text at a time: a cached text is kept in memory
def _text_words(text: str) -> frozenset[str]:
    """The text's words, found once per text (a long transcript asks about a country once per sentence)."""
    return frozenset(re.findall(r"\w+", text))


def _named(word: str, text: str) -> bool:
    """Whether the text names ``word`` as a word of its own ("Kovrinia" is not named by "Kovrinians")."""
    if re.fullmatch(r"\w+", word):
        return word in _text_words(text)
    return re.search(rf"\b{re.escape(word)}\b", text) is not None


@lru_cache(maxsize=64)
def _contains(part: str, text: str) -> bool:
    return part in text


def country_of_adjective(adj: str, text: str) -> str:
    """'Ruritanian' -> 'Ruritania' when the text names Ruritania (or nothing else fits); 'Ostmark' -> 'Ostmark'."""
    if adj in _BARE:
        return _BARE[adj]
    for people, country in PEOPLES.items():
        if adj == people.rstrip("s") or adj == people:
            return country
    if adj.endswith("ian") and _named(adj[:-1], text):
        return adj[:-1]  # Ruritanian -> Ruritania
    if adj.endswith("ian") and _named(adj[:-3], text):
        return adj[:-3]  # Kovrinian -> Kovrin, Brazilian -> Brazil
    if adj.endswith("an") and _contains(adj[:-1], text):
        return adj[:-1]  # Dravian -> Dravia is above; Kenyan -> Kenya
    if adj.endswith("ese") and _contains(adj[:-3], text):
        return adj[:-3]
    return adj


def country_of_people(word: str, text: str) -> str:
    """'Ruritanians' -> 'Ruritania' (when the text names it), 'Russians' -> 'Russia'; '' when not a people."""
    if word in PEOPLES:
        return PEOPLES[word]
    if not word.endswith("ns") or len(word) < 6:
        return ""
    adjective = word[:-1]  # Ruritanians -> Ruritanian
    country = country_of_adjective(adjective, text)
    return country if country != adjective and _named(country, text) else ""


def capitals_in(text: str) -> dict[str, str]:
    """Capitals the text introduces: 'Valdor, the Ruritanian capital' -> {'Valdor': 'Ruritania'}."""
    found: dict[str, str] = {}
    for pattern in _CAPITAL_APPOSITION:
        for m in pattern.finditer(text):
            found.setdefault(m.group("city"), country_of_adjective(m.group("adj"), text))
    return found


def country_named(word: str, text: str) -> str:
    """A bare country name as a speaker ('Kestria says'): a known country, or one the text calls by its
    adjective too ('Kestria' with 'Kestrian')."""
    if word in _BARE:
        return _BARE[word]
    if re.fullmatch(r"[A-Z][a-z]+(?:ia|land|stan|mark|ria)", word) and re.search(
        rf"\b{word}n\b|\b{word}'s\b", text
    ):
        return word
    return ""
