"""Reading the cells staff type in a spreadsheet: yes/no, days, times, prices, dates, links.

Each reader returns the value or raises `CellError` with a message that says what is wrong.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from dialogs.knowledge import Knowledge
from dialogs.understanding.places import Certainty
from dialogs.understanding.text import fold

TAALICONEN = {"een taalicoon": 1, "twee taaliconen": 2, "drie taaliconen": 3, "vier taaliconen": 4}
_YES = {"ja", "j", "yes", "y", "x", "1", "waar", "true", "oui"}
_NO = {"nee", "neen", "n", "no", "0", "onwaar", "false", "non"}
_DAYS = {
    "ma": ("mon",), "maandag": ("mon",), "mon": ("mon",), "monday": ("mon",),
    "di": ("tue",), "dinsdag": ("tue",), "tue": ("tue",), "tuesday": ("tue",),
    "wo": ("wed",), "woensdag": ("wed",), "wed": ("wed",), "wednesday": ("wed",),
    "do": ("thu",), "donderdag": ("thu",), "thu": ("thu",), "thursday": ("thu",),
    "vr": ("fri",), "vrijdag": ("fri",), "fri": ("fri",), "friday": ("fri",),
    "za": ("sat",), "zaterdag": ("sat",), "sat": ("sat",), "saturday": ("sat",),
    "zo": ("sun",), "zondag": ("sun",), "sun": ("sun",), "sunday": ("sun",),
    "week": ("mon", "tue", "wed", "thu", "fri"), "weekdagen": ("mon", "tue", "wed", "thu", "fri"),
    "werkdagen": ("mon", "tue", "wed", "thu", "fri"), "weekend": ("sat", "sun"),
    "elke dag": ("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
}  # fmt: skip
_PARTS = {
    "voormiddag": ("morning",), "ochtend": ("morning",), "morgen": ("morning",),
    "morning": ("morning",), "namiddag": ("afternoon",), "middag": ("afternoon",),
    "afternoon": ("afternoon",), "avond": ("evening",), "evening": ("evening",),
    "overdag": ("morning", "afternoon"), "hele dag": ("morning", "afternoon"),
}  # fmt: skip
_SPLIT = re.compile(r"\s*(?:[,;/|+]|\ben\b|\band\b)\s*")
_TIMES = re.compile(
    r"^(\d{1,2})(?:[:.hu](\d{2}))?\s*[uh]?\s*[-–]\s*(\d{1,2})(?:[:.hu](\d{2}))?\s*[uh]?$"
)
_EMAIL = re.compile(r"^[^@\s;,]+@[^@\s;,]+\.[a-z]{2,}$", re.I)
_PHONE = re.compile(r"^\+?[\d ./()-]{8,20}$")
_PRICE = re.compile(r"^(?:€\s*)?(\d{1,4})(?:[.,](\d{1,2}))?\s*(?:€|eur|euro)?$", re.I)
_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y")


class CellError(ValueError):
    """A cell that cannot be read; the message says why, in plain words."""


def parts(text: str) -> list[str]:
    return [part for part in _SPLIT.split(text.strip()) if part]


def yes_no(text: str) -> bool | None:
    value = fold(text)
    if not value:
        return None
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise CellError(f"write ja or nee (found {text!r})")


def dutch_level(text: str) -> int | None:
    """1 to 4 like the UiTdatabank taaliconen; also "twee taaliconen" or 💬💬."""
    value = text.strip()
    if not value:
        return None
    level = TAALICONEN.get(fold(value))
    if level is None and set(value) <= {"💬", " "}:
        level = value.count("💬")
    if level is None and value.isdigit():
        level = int(value)
    if level not in (1, 2, 3, 4):
        raise CellError(f"taalicoon must be 1, 2, 3 or 4 (found {text!r})")
    return level


def weekdays(text: str) -> tuple[str, ...]:
    found: list[str] = []
    for part in parts(text):
        days = _DAYS.get(fold(part))
        if days is None:
            raise CellError(f"unknown day {part!r} (use ma, di, wo, do, vr, za, zo, week, weekend)")
        found.extend(days)
    return tuple(day for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun") if day in found)


def day_parts(text: str) -> tuple[str, ...]:
    found: list[str] = []
    for part in parts(text):
        values = _PARTS.get(fold(part))
        if values is None:
            raise CellError(f"unknown part of the day {part!r} (use voormiddag, namiddag, avond)")
        found.extend(values)
    return tuple(part for part in ("morning", "afternoon", "evening") if part in found)


def times(text: str) -> str | None:
    """ "14:00-16:00", "14u-16u30", "9.30 - 12" → "14:00-16:00"."""
    value = text.strip()
    if not value:
        return None
    match = _TIMES.match(value)
    if match is None:
        raise CellError(f"write hours like 14:00-16:00 (found {text!r})")
    start_h, start_m, end_h, end_m = match.groups()
    start, end = (int(start_h), int(start_m or 0)), (int(end_h), int(end_m or 0))
    if not (start < end and end <= (24, 0) and start[1] < 60 and end[1] < 60):
        raise CellError(f"the hours do not make sense (found {text!r})")
    return f"{start[0]:02d}:{start[1]:02d}-{end[0]:02d}:{end[1]:02d}"


def day(text: str) -> date | None:
    value = text.strip()
    if not value:
        return None
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise CellError(f"write a date like 2026-12-05 or 05/12/2026 (found {text!r})")


def days(text: str) -> tuple[str, ...]:
    found = [day(part) for part in re.split(r"[,;\s]+", text.strip()) if part]
    return tuple(sorted({item.isoformat() for item in found if item is not None}))


def price_cents(text: str) -> int | None:
    value = text.strip()
    if not value:
        return None
    if fold(value) in {"gratis", "free", "0"}:
        return 0
    match = _PRICE.match(value)
    if match is None:
        raise CellError(f"write a price like 2,50 or gratis (found {text!r})")
    euros, cents = match.groups()
    return int(euros) * 100 + int((cents or "0").ljust(2, "0"))


def email(text: str) -> str | None:
    value = text.strip()
    if value and not _EMAIL.match(value):
        raise CellError(f"not an e-mail address: {text!r}")
    return value or None


def url(text: str) -> str | None:
    value = text.strip()
    if not value:
        return None
    if value.startswith("www."):
        value = "https://" + value
    if not re.match(r"^https?://[^\s/$.?#].\S*$", value):
        raise CellError(f"not a web address: {text!r}")
    return value


def phone(text: str) -> str | None:
    value = text.strip()
    if value and not _PHONE.match(value):
        raise CellError(f"not a phone number: {text!r}")
    return value or None


def municipality(text: str, knowledge: Knowledge) -> str:
    """The Westhoek municipality for a name, a French name or a deelgemeente."""
    place = knowledge.gazetteer.find(text)
    if place is None:
        raise CellError(f"{text!r} is not a Westhoek municipality")
    if place.certainty is not Certainty.SURE:
        raise CellError(f"unknown municipality {text!r}; did you mean {place.municipality}?")
    return place.municipality


def interests(text: str, knowledge: Knowledge) -> tuple[str, ...]:
    """Interest ids from ids, labels or words ("koken, sport", "cuisine", "voetbal")."""
    found: list[str] = []
    for part in parts(text):
        match = knowledge.interest_index.best(part, whole=True)
        if match is None:
            known = ", ".join(sorted(set(knowledge.interest_index.values.values())))
            raise CellError(f"unknown interest {part!r} (use: {known})")
        found.append(match.value)
    return tuple(dict.fromkeys(found))
