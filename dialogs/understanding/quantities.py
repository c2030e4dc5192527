"""Durations in free text: "3 uur", "2,5 u", "anderhalf uur", "1u30", "45 minuten", "٣ ساعات".

Read over a `Message`'s tokens, so the caller (`reports.parse_report`) can first take out the
dates. Forms understood, with the lexicon words of all languages:

- amount + unit: "3 uur", "2,5 u", Persian "2/5" (a decimal slash), "1/2 uur", "drie kwartier",
  "twee en een half uur", "iki buçuk saat", "une heure et demie", "dos horas y media";
- hours and minutes: "1u30", "3 u 30", "1:30 uur", "1 uur en 30 minuten", "2h 15min";
- whole words: "ساعتين" (two hours), "полчаса", "півгодини", "half an hour" (`durations`);
- clock ranges: "van 14u tot 17u", "14u-17u", "14:00 - 17:00", "from 2pm to 5pm", "9-12 uur".
  Without a "from" word the start must look like a clock time ("14u", "14:00") or be 6 or later
  with a unit at the end ("14 tot 17 uur"); "2 tot 3 uur" is an estimate, not a range.

Amounts that follow each other or are joined by "en"/"and"/"و"… add up ("1 uur 30 minuten").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from dialogs.understanding.tokens import MINUS, Found, Kind, Message, PhraseTable, folded


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
_DECIMAL = frozenset({",", ".", "\u066b", "\u060c"})
_UNITS = frozenset({Role.HOUR, Role.MINUTE, Role.QUARTER, Role.DURATION})
MAX_RANGE = 16.0


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
        return cls(PhraseTable(roles.items()))

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


def hours_in(text: str, units: Units) -> float | None:
    """The duration a text names, in hours, without reading dates (see `reports.parse_report`)."""
    message = Message.of(text)
    found = ranges(message, units, dated=False) or [
        amount for group in durations(message, units) for amount in group
    ]
    return None if not found else round(sum(amount.minutes for amount in found) / 60, 2)


def durations(message: Message, units: Units) -> list[list[Amount]]:
    """Amounts in the message, grouped: amounts in one group follow each other and add up."""
    groups: list[list[Amount]] = []
    joined = False
    index = 0
    while index < len(message):
        clock = _clock_time(message, index, units)
        if clock is not None:
            message.use(index, clock)
            index, joined = clock + 1, False
            continue
        amount = _duration(message, index, units)
        if amount is not None:
            amount = _with_lower_bound(message, amount, units)
        if amount is None:
            joiner = _joiner(message, index, units)
            joined = joined and joiner is not None
            index = index + 1 if joiner is None else joiner + 1
            continue
        message.use(amount.first, amount.last)
        if joined and groups:
            groups[-1].append(amount)
        else:
            groups.append([amount])
        joined = True  # an amount right after this one adds up ("1 uur 30 minuten")
        index = amount.last + 1
    return groups


def ranges(message: Message, units: Units, *, dated: bool) -> list[Amount]:
    """Clock ranges; `dated` tells that the message names a day, so "gisteren 9-12" is a range."""
    found: list[Amount] = []
    for index in range(len(message)):
        if index in message.used:
            continue
        amount = _range(message, index, units, dated)
        if amount is not None:
            message.use(amount.first, amount.last)
            found.append(amount)
    return found


def _clock_time(message: Message, index: int, units: Units) -> int | None:
    """The last token of a time of day after "om"/"at"/"à" ("om 14u30"), or None."""
    for start in (index - 2, index - 1):
        word = units.at(message, start, Role.AT) if start >= 0 else None
        if (
            word is not None
            and word.last == index - 1
            and _number_ending_at(message, word.first - 1, units) is None  # "2 à 3 heures"
        ):
            clock = _clock(message, index, units)
            if clock is not None:
                message.use(word.first, word.last)
                return clock.last
    return None


def _with_lower_bound(message: Message, amount: Amount, units: Units) -> Amount:
    """ "2 tot 3 uur", "2 of 3 uur", "1-2 uur": a bare number and "to"/"or" before an amount."""
    joiner = amount.first - 1
    if message.kind(joiner) is Kind.MARK and message.key(joiner) in MINUS:
        first = joiner - 1
    else:
        word = next(
            (
                found
                for start in (joiner - 1, joiner)
                if (found := units.at(message, start, Role.TO) or units.at(message, start, Role.OR))
                and found.last == joiner
            ),
            None,
        )
        if word is None:
            return amount
        first = word.first - 1
    lower = _number_ending_at(message, first, units)
    if lower is None:
        return amount
    message.use(lower.first, joiner)
    return Amount(amount.minutes, lower.first, amount.last, amount.negative, rough=True)


def _number_ending_at(message: Message, last: int, units: Units) -> Found[float] | None:
    for start in (last - 2, last - 1, last):
        found = number_at(message, start, units) if start >= 0 else None
        if found is not None and found.last == last:
            return found
    return None


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


def _duration(message: Message, index: int, units: Units) -> Amount | None:
    negative = _minus_before(message, index)
    whole = units.at(message, index, Role.DURATION)
    if whole is not None:
        minutes, last = _and_fraction(message, whole.last, units, whole.value)
        return Amount(minutes, index, last, negative)
    clock = _hours_and_minutes(message, index, units)
    if clock is not None:
        return Amount(clock.value, index, clock.last, negative)
    number = number_at(message, index, units)
    if number is None:
        return None
    after = number.last + 1
    for role, scale in ((Role.HOUR, 60.0), (Role.MINUTE, 1.0), (Role.QUARTER, 15.0)):
        unit = units.at(message, after, role)
        if unit is None:
            continue
        minutes, last = number.value * scale, unit.last
        if role is Role.HOUR:
            extra = _trailing_minutes(message, last, units)
            if extra is not None:
                minutes, last = minutes + extra, last + 1
            minutes, last = _and_fraction(message, last, units, minutes)
        return Amount(minutes, index, last, negative)
    return None


def _hours_and_minutes(message: Message, index: int, units: Units) -> Found[float] | None:
    """ "1:30 uur" → 90 minutes (a clock-like duration needs its unit)."""
    hours, minutes = message.number(index), _minutes_after_colon(message, index)
    if hours is None or minutes is None:
        return None
    unit = units.at(message, index + 3, Role.HOUR)
    return None if unit is None else Found(hours * 60.0 + minutes, index, unit.last)


def _minutes_after_colon(
    message: Message, index: int, marks: frozenset[str] = frozenset(":")
) -> int | None:
    if not (message.glued(index) and message.key(index + 1) in marks and message.glued(index + 1)):
        return None
    return _two_digits(message, index + 2)


def _two_digits(message: Message, index: int) -> int | None:
    value = message.number(index)
    return value if value is not None and len(message.key(index)) == 2 and value < 60 else None


def _trailing_minutes(message: Message, unit_last: int, units: Units) -> int | None:
    """The "30" of "1u30" or "3 u 30": two digits after the hour unit, with no unit of their own."""
    minutes = _two_digits(message, unit_last + 1)
    if minutes is None or units.names_unit(message.key(unit_last + 2)):
        return None
    return minutes


def _and_fraction(message: Message, last: int, units: Units, minutes: float) -> tuple[float, int]:
    fraction = units.at(message, last + 1, Role.FRACTION)
    return (minutes, last) if fraction is None else (minutes + fraction.value * 60, fraction.last)


def _minus_before(message: Message, index: int) -> bool:
    """ "-2 uur": a minus sign stuck to the number, not a dash between two numbers."""
    sign = index - 1
    return (
        message.kind(sign) is Kind.MARK
        and message.key(sign) in MINUS
        and message.glued(sign)
        and not message.glued(sign - 1)
    )


def _joiner(message: Message, index: int, units: Units) -> int | None:
    """The last token of an "and" between amounts ("en", "+", ","), or None."""
    if message.kind(index) is Kind.MARK and message.key(index) in {"+", ","}:
        return index
    word = units.at(message, index, Role.AND)
    return None if word is None else word.last


@dataclass(frozen=True)
class _Clock:
    hour: float
    last: int
    marked: bool  # "14u", "14:00", "2pm": clearly a time of day


def _clock(message: Message, index: int, units: Units) -> _Clock | None:
    hour = message.number(index)
    if hour is None or hour > 24 or len(message.key(index)) > 2:
        return None
    value, last, marked = float(hour), index, False
    minutes = _minutes_after_colon(message, index, frozenset({":", "."}))
    if minutes is not None:
        value, last, marked = value + minutes / 60, index + 2, True
    unit = units.at(message, last + 1, Role.HOUR)
    if unit is not None:
        last, marked = unit.last, True
        extra = _trailing_minutes(message, last, units)
        if extra is not None and minutes is None:
            value, last = value + extra / 60, last + 1
    pm = units.at(message, last + 1, Role.PM)
    if pm is not None:
        value, last, marked = value + 12 if value < 12 else value, pm.last, True
    return _Clock(value, last, marked)


def _range(message: Message, index: int, units: Units, dated: bool) -> Amount | None:
    start_at = index
    opener = units.at(message, index, Role.FROM)
    if opener is not None:
        start_at = opener.last + 1
    start = _clock(message, start_at, units)
    if start is None:
        return None
    after = start.last + 1
    if (
        message.kind(after) is Kind.MARK
        and message.key(after) in MINUS
        and after not in message.used
    ):
        after += 1
    else:
        joiner = units.at(message, after, Role.TO)
        if joiner is None:
            return None
        while joiner is not None:  # "jusqu'à", "tot en met"
            after = joiner.last + 1
            joiner = units.at(message, after, Role.TO)
    end = _clock(message, after, units)
    if end is None:
        return None
    hours = end.hour - start.hour
    if hours <= 0 and start.hour >= 8 and end.hour <= 8:
        hours += 12  # "van 10 tot 2" ends in the afternoon
    dashed = message.key(start.last + 1) in MINUS
    clear = (
        opener is not None
        or start.marked
        or (start.hour >= 6 and (end.marked or dated))
        or (dashed and max(start.hour, end.hour) > 12)  # "14-17" is no date: no 17th month
    )
    if not clear or not 0 < hours <= MAX_RANGE:
        return None
    return Amount(hours * 60, index, end.last)
