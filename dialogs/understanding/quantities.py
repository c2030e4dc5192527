"""Durations in free text: "3 uur", "2,5 u", "anderhalf uur", "1u30", "45 minuten", "٣ ساعات".

Read over a `Message`'s tokens, so the caller (`reports.parse_report`) can first take out the
dates. Forms understood, with the lexicon words of all languages:

- amount + unit: "3 uur", "2,5 u", Persian "2/5" (a decimal slash), "1/2 uur", "drie kwartier",
  "twee en een half uur", "iki buçuk saat", "une heure et demie", "dos horas y media";
- hours and minutes: "1u30", "3 u 30", "1:30 uur", "1 uur en 30 minuten", "2h 15min";
- whole words: "ساعتين" (two hours), "полчаса", "півгодини", "half an hour" (`durations`);
- clock ranges (`ranges`): "van 14u tot 17u", "14u-17u", "14:00 - 17:00";
- not durations: a time of day after "om"/"at"/"à" ("om 14u"), and estimates ("2 tot 3 uur",
  "1-2 uur", "2 of 3 uur"), which are marked `rough` so the dialog asks.

Amounts that follow each other or are joined by "en"/"and"/"و"… add up ("1 uur 30 minuten").
"""

from __future__ import annotations

from dialogs.understanding.ranges import ranges
from dialogs.understanding.tokens import MINUS, Found, Kind, Message
from dialogs.understanding.units import (
    Amount,
    Role,
    Units,
    minutes_after_colon,
    number_at,
    number_ending_at,
    time_of_day_at,
    trailing_minutes,
)


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
        clock = time_of_day_at(message, index, units)
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
    lower = number_ending_at(message, first, units)
    if lower is None:
        return amount
    message.use(lower.first, joiner)
    return Amount(amount.minutes, lower.first, amount.last, amount.negative, rough=True)


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
            extra = trailing_minutes(message, last, units)
            if extra is not None:
                minutes, last = minutes + extra, last + 1
            minutes, last = _and_fraction(message, last, units, minutes)
        return Amount(minutes, index, last, negative)
    return None


def _hours_and_minutes(message: Message, index: int, units: Units) -> Found[float] | None:
    """ "1:30 uur" → 90 minutes (a clock-like duration needs its unit)."""
    hours, minutes = message.number(index), minutes_after_colon(message, index)
    if hours is None or minutes is None:
        return None
    unit = units.at(message, index + 3, Role.HOUR)
    return None if unit is None else Found(hours * 60.0 + minutes, index, unit.last)


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
