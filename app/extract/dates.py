"""The date a statement was made, from the words around it: "on 3 March", "March 3, 2026", "on Tuesday",
"yesterday", resolved against the source's date. Without a year in the text or a source date, no date."""

from __future__ import annotations

import datetime as dt
import re

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    m: i + 1
    for i, m in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        )
    )
}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
DATE_DM = re.compile(
    r"\b(?:on\s+)?(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th)?"
    r"\s+(?P<m>January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?(?:,?\s+(?P<y>\d{4}))?\b"
)
DATE_MD = re.compile(
    r"\b(?:on\s+)?(?P<m>January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{4}))?\b"
)
DATE_WEEKDAY = re.compile(
    r"\b(?P<last>last\s+|on\s+|this\s+)?(?P<w>Monday|Tuesday|Wednesday|Thursday|Friday|"
    r"Saturday|Sunday)\b"
)
DATE_RELATIVE = re.compile(
    r"\b(?P<rel>yesterday|today|this morning|this afternoon|this evening|tonight|last night|last evening|"
    r"on the same day|the day before|the previous day|earlier today)\b",
    re.I,
)

LAST_WEEK = re.compile(r"\blast week\b", re.I)


def date_in_text(text: str, *, within: int = 400) -> dt.date | None:
    """The date a text gives itself near its start ("VELNA, 4 March 2026 -", a byline's "20 November 2026"):
    only a full date with its year, never one completed by guessing."""
    head = text[:within]
    for pattern in (DATE_DM, DATE_MD):
        for m in pattern.finditer(head):
            if m.group("y"):
                try:
                    return dt.date(
                        int(m.group("y")), MONTHS[m.group("m").lower().rstrip(".")], int(m.group("d"))
                    )
                except (KeyError, ValueError):
                    continue
    return None


_SOME_DAY = dt.date(2001, 1, 10)  # any day: whether words give a day does not depend on the source's date


def names_a_day(text: str) -> bool:
    """Whether ``text`` gives a day ("on Wednesday", "yesterday", "3 March"), whether or not the source's date
    lets it be resolved: where a statement begins must not depend on it."""
    return resolve_date(text, _SOME_DAY) is not None


def resolve_date(text: str, published: dt.date | None) -> dt.date | None:
    """The date ``text`` gives: a day and month (the year from the text or the source's date, else none), or a
    relative day ("yesterday", "on Tuesday", "last week") counted back from the source's date."""
    m = DATE_DM.search(text) or DATE_MD.search(text)
    if m:
        month = MONTHS.get(m.group("m").lower().rstrip("."))
        day = int(m.group("d"))
        year = int(m.group("y")) if m.group("y") else (published.year if published else None)
        if month and year:
            try:
                when = dt.date(year, month, day)
            except ValueError:
                return None
            if not m.group("y") and published and when > published + dt.timedelta(days=7):
                when = when.replace(year=year - 1)
            return when
    if published is None:
        return None
    m = next((r for r in DATE_RELATIVE.finditer(text) if not _in_a_name(text, r.start())), None)
    if m:
        rel = m.group("rel").lower()
        if rel in ("yesterday", "the day before", "the previous day", "last night", "last evening"):
            return published - dt.timedelta(days=1)
        return published
    if LAST_WEEK.search(text):  # the Monday of the week before: the analyst can narrow it
        return published - dt.timedelta(days=published.weekday() + 7)
    m = DATE_WEEKDAY.search(text)
    if m:
        target = WEEKDAYS.index(m.group("w").lower())
        delta = (published.weekday() - target) % 7
        if (m.group("last") or "").strip().lower() == "last" and delta == 0:
            delta = 7
        return published - dt.timedelta(days=delta)
    return None


def _in_a_name(text: str, pos: int) -> bool:
    """'Merrow Today's editor', 'USA Today': a capitalised "Today" after a capitalised word is part of a name."""
    # "the BBC's Today programme": a possessive name too
    return text[pos : pos + 1].isupper() and re.search(r"[A-Z][\w\-'\u2019]*\s+$", text[:pos]) is not None
