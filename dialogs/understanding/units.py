"""Words for numbers, units and ranges, and reading one number or one time of day.

`Units` merges the lexicons' "numbers", "hour_units", "minute_units", "quarter_units",
"durations", "and_fractions", "and_words", "range_from", "range_to", "pm_words", "clock_words"
and "or_words"; one folded word may have several roles (French "à" is "to" and "at").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from dialogs.understanding.tokens import Found, Message, PhraseTable, folded


class Role(StrEnum):
    NUMBER = "number"  # "drie" → 3
    HOUR = "hour"  # "uur"
    MINUTE = "minute"  # "minuten"
    QUARTER = "quarter"  # "kwartier": 15 minutes each
    DURATION = "duration"  # a whole duration in one phrase, in minutes: "ساعتين" → 120
    FRACTION = "fraction"  # "en een half" → 0.5, added to the amount before it
    AND = "and"  # joins two amounts that add up
    FROM = "from"  # "van" in "van 14u tot 17u"
    TO = "to"  # "tot"
    PM = "pm"  # "2pm"
    AT = "at"  # "om" in "om 14u": a time of day follows, not a duration
    OR = "or"  # "of" in "2 of 3 uur": an estimate


# Lexicon key → role; "numbers", "durations" and "and_fractions" map words to values.
_LISTS = {
    "hour_units": Role.HOUR,
    "minute_units": Role.MINUTE,
    "quarter_units": Role.QUARTER,
    "and_words": Role.AND,
    "range_from": Role.FROM,
    "range_to": Role.TO,
    "pm_words": Role.PM,
    "clock_words": Role.AT,
    "or_words": Role.OR,
}
_VALUES = {"numbers": Role.NUMBER, "durations": Role.DURATION, "and_fractions": Role.FRACTION}
_DECIMAL = frozenset({",", ".", "\u066b", "\u060c"})  # and the Arabic decimal mark and comma
_UNITS = frozenset({Role.HOUR, Role.MINUTE, Role.QUARTER, Role.DURATION})


@dataclass(frozen=True)
class Units:
    """Words for numbers, units and ranges, merged from every lexicon; one word may have roles."""

    words: PhraseTable[Mapping[Role, float]]

    @classmethod
    def from_lexicons(cls, lexicons: Mapping[str, Mapping[str, Any]]) -> Units:
        roles: dict[str, dict[Role, float]] = {}
        for data in lexicons.values():
            # Merged by folded form: French "à" and Spanish "a" are one word with two roles.
            for name, role in _LISTS.items():
                for word in data.get(name, []):
                    roles.setdefault(folded(word), {})[role] = 1.0
            for name, role in _VALUES.items():
                for word, value in data.get(name, {}).items():
                    roles.setdefault(folded(word), {}).setdefault(role, float(value))
        # Exact words only: number words are too close to others ("yardım", help, and "yarım").
        return cls(PhraseTable(roles.items(), fuzzy=False))

    def at(self, message: Message, index: int, role: Role) -> Found[float] | None:
        """The phrase with `role` starting at token `index`, with its value."""
        found = self.words.at(message, index)
        if found is None or role not in found.value:
            return None
        return Found(found.value[role], found.first, found.last)

    def names_unit(self, word: str) -> bool:
        roles = self.words.get(word)
        return roles is not None and bool(roles.keys() & _UNITS)


@dataclass(frozen=True)
class Amount:
    """A duration found in tokens first..last (inclusive)."""

    minutes: float
    first: int
    last: int
    negative: bool = False
    rough: bool = False  # "2 tot 3 uur", "1-2 uur": an estimate, not a report


def number_at(message: Message, index: int, units: Units) -> Found[float] | None:
    """A number: digits ("2", "2,5", "٣"), a number word ("drie"), plus "en een half"."""
    value: float
    if message.number(index) is not None:
        value, last = float(message.tokens[index].value), index
        if _decimal(message, index):
            value, last = float(f"{message.key(index)}.{message.key(index + 2)}"), index + 2
        elif _slash_number(message, index, units):
            first, second = message.tokens[index], message.tokens[index + 2]
            value = (
                float(f"{first.key}.{second.key}") if first.native else first.value / second.value
            )
            last = index + 2
    else:
        word = units.at(message, index, Role.NUMBER)
        if word is None:
            return None
        value, last = word.value, word.last
    fraction = units.at(message, last + 1, Role.FRACTION)
    if fraction is not None:
        value, last = value + fraction.value, fraction.last
    return Found(value, index, last)


def number_ending_at(message: Message, last: int, units: Units) -> Found[float] | None:
    """A number whose last token is `last` ("2" in "2 tot 3 uur")."""
    for start in (last - 2, last - 1, last):
        found = number_at(message, start, units) if start >= 0 else None
        if found is not None and found.last == last:
            return found
    return None


def _decimal(message: Message, index: int) -> bool:
    return (
        message.glued(index)
        and message.key(index + 1) in _DECIMAL
        and message.glued(index + 1)
        and message.number(index + 2) is not None
    )


def _slash_number(message: Message, index: int, units: Units) -> bool:
    """Persian digits "2/5" (a decimal slash) or "1/2 uur"; before a unit, never a date."""
    if not (message.glued(index) and message.key(index + 1) == "/" and message.glued(index + 1)):
        return False
    second = message.number(index + 2)
    if second is None or not units.names_unit(message.key(index + 3)):
        return False
    return message.tokens[index].native or (
        second in (2, 4) and message.tokens[index].value < second
    )


def minutes_after_colon(
    message: Message, index: int, marks: frozenset[str] = frozenset(":")
) -> int | None:
    """The "30" of "1:30" glued to the number at `index`."""
    if not (message.glued(index) and message.key(index + 1) in marks and message.glued(index + 1)):
        return None
    return two_digits(message, index + 2)


def two_digits(message: Message, index: int) -> int | None:
    """Minutes written with two digits, 00 to 59."""
    value = message.number(index)
    return value if value is not None and len(message.key(index)) == 2 and value < 60 else None


def trailing_minutes(message: Message, unit_last: int, units: Units) -> int | None:
    """The "30" of "1u30" or "3 u 30": two digits after the hour unit, with no unit of their own."""
    minutes = two_digits(message, unit_last + 1)
    if minutes is None or units.names_unit(message.key(unit_last + 2)):
        return None
    return minutes


@dataclass(frozen=True)
class Clock:
    """A time of day ending at token `last`; 14.5 is half past two in the afternoon."""

    hour: float
    last: int
    marked: bool  # "14u", "14:00", "2pm": clearly a time of day


def clock_at(message: Message, index: int, units: Units) -> Clock | None:
    """ "14", "14u", "14u30", "14:00", "14.30", "2pm"."""
    hour = message.number(index)
    if hour is None or hour > 24 or len(message.key(index)) > 2:
        return None
    value, last, marked = float(hour), index, False
    minutes = minutes_after_colon(message, index, frozenset({":", "."}))
    if minutes is not None:
        value, last, marked = value + minutes / 60, index + 2, True
    unit = units.at(message, last + 1, Role.HOUR)
    if unit is not None:
        last, marked = unit.last, True
        extra = trailing_minutes(message, last, units)
        if extra is not None and minutes is None:
            value, last = value + extra / 60, last + 1
    pm = units.at(message, last + 1, Role.PM)
    if pm is not None:
        value, last, marked = value + 12 if value < 12 else value, pm.last, True
    return Clock(value, last, marked)


def time_of_day_at(message: Message, index: int, units: Units) -> int | None:
    """The last token of a time of day after "om"/"at"/"à" ("om 14u30"), or None."""
    for start in (index - 2, index - 1):
        word = units.at(message, start, Role.AT) if start >= 0 else None
        if (
            word is not None
            and word.last == index - 1
            and number_ending_at(message, word.first - 1, units) is None  # "2 à 3 heures"
        ):
            clock = clock_at(message, index, units)
            if clock is not None:
                message.use(word.first, word.last)
                return clock.last
    return None
