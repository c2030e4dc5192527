"""Which date is meant: the weekday and year rules of `dates`, and dates written in digits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from dialogs.understanding.tokens import MINUS, Kind, Message
from dialogs.understanding.units import Units

_SEPARATORS = frozenset({"/", "-", "."})
# A date without a year this many days ahead or less is taken as meant ahead, not a year ago.
AHEAD = 31


class Shift(StrEnum):
    """What a word next to a weekday does: "vorige maandag", "volgende maandag", "vorige week"."""

    LAST = "last"
    NEXT = "next"
    LAST_WEEK = "last_week"
    NEXT_WEEK = "next_week"


@dataclass(frozen=True)
class Day:
    """A day the message names in tokens first..last."""

    day: date | None  # None when it does not exist or only a period is named ("next week")
    first: int
    last: int
    future: bool = False
    valid: bool = True
    weekday: int | None = None  # set for a weekday alone ("zaterdag"), to check against a date
    explicit: bool = False  # a day and month ("14 november", "14/11")


def agree(days: list[Day]) -> list[Day]:
    """ "zaterdag 14 november": a weekday alone that fits a date named with it is that date."""
    named = {day.day.weekday() for day in days if day.explicit and day.day is not None}
    return [day for day in days if day.weekday is None or day.weekday not in named]


def on_weekday(today: date, weekday: int, shift: Shift | None = None) -> date:
    """The date of a weekday (0 is Monday) as meant on `today`; see the module's rules."""
    back = (today.weekday() - weekday) % 7
    if shift is Shift.LAST:
        return today - timedelta(days=back or 7)
    if shift is Shift.NEXT:
        return today + timedelta(days=(weekday - today.weekday()) % 7 or 7)
    if shift in (Shift.LAST_WEEK, Shift.NEXT_WEEK):
        monday = today - timedelta(days=today.weekday())
        weeks = -7 if shift is Shift.LAST_WEEK else 7
        return monday + timedelta(days=weeks + weekday)
    return today - timedelta(days=back)


def with_year(today: date, day: int, month: int, year: int | None = None) -> date | None:
    """The date of a day and month, or None when it does not exist; see the module's rules."""
    if year is not None:
        return _date(year + 2000 if year < 100 else year, month, day)
    for candidate in (today.year, today.year + 1):
        soon = _date(candidate, month, day)
        if soon is not None and today < soon <= today + timedelta(days=AHEAD):
            return soon  # "14 november" said on the 12th: meant ahead, so reported as future
    year = today.year if (month, day) <= (today.month, today.day) else today.year - 1
    return _date(year, month, day)


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def day_of(
    today: date, found: date | None, first: int, last: int, *, explicit: bool = False
) -> Day:
    if found is None:
        return Day(None, first, last, valid=False, explicit=explicit)
    return Day(found, first, last, future=found > today, explicit=explicit)


def numeric_days(message: Message, today: date, units: Units, *, dashes: bool) -> list[Day]:
    """ "12/11", "12-11-2026", "12.11.2026", "2026-11-12"."""
    found: list[Day] = []
    for index in range(len(message)):
        parts, separator, last = _number_chain(message, index)
        if len(parts) < 2 or len(parts) > 3 or separator is None:
            continue
        if units.names_unit(message.key(last + 1)):
            continue  # "1/2 uur", "۲/۵ ساعت" are amounts
        sizes = [len(message.key(index + 2 * n)) for n in range(len(parts))]
        year: int | None
        if len(parts) == 3 and sizes[0] == 4 and separator != ".":
            year, month, day = parts
        elif sizes[0] <= 2 and sizes[1] <= 2 and (len(parts) == 2 or sizes[2] in (2, 4)):
            day, month = parts[0], parts[1]
            year = parts[2] if len(parts) == 3 else None
            if year is None and (separator == "." or (separator in MINUS) != dashes):
                continue  # "2.5" is a number; "12-11" waits for clock ranges
        else:
            continue
        message.use(index, last)
        found.append(day_of(today, with_year(today, day, month, year), index, last, explicit=True))
    return found


def _number_chain(message: Message, index: int) -> tuple[list[int], str | None, int]:
    """Numbers glued by one kind of separator: "12/11/2026" → [12, 11, 2026], "/"."""
    first = message.number(index)
    if first is None or (
        index > 0 and message.glued(index - 1) and message.kind(index - 1) is not Kind.WORD
    ):
        return [], None, index
    parts, separator, last = [first], None, index
    while message.glued(last) and message.key(last + 1) in _SEPARATORS and message.glued(last + 1):
        mark = message.key(last + 1)
        following = message.number(last + 2)
        if following is None or (separator is not None and mark != separator):
            break
        parts.append(following)
        separator, last = mark, last + 2
    return parts, separator, last
