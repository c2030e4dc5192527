"""Days in free text: "gisteren", "op zaterdag", "vorige maandag", "12 november", "12/11", "أمس".

Read over a `Message`'s tokens with the "dates" words of every lexicon. The rules, relative to
`today` (the caller's date in the bot's time zone):

- relative words: "vandaag" 0, "gisteren" -1, "eergisteren" -2, "morgen" +1, "overmorgen" +2;
  "3 dagen geleden", "il y a 3 jours", "قبل ٣ أيام" count back;
- a weekday alone is the most recent such day, today included ("maandag" said on a Monday is
  today); with "vorige"/"last"/"dernier" it is 1 to 7 days back (never today); with
  "volgende"/"next" 1 to 7 days ahead; with "vorige week"/"last week" anywhere in the message it
  is that day in the previous Monday-to-Sunday week;
- day and month: "12 november", "12 nov", "le 12 novembre", "November 12", "12 de noviembre",
  "12/11", "12-11", "12-11-2026", "12.11.2026", "12/11/26", ISO "2026-11-12". Day first, always
  (Belgium); "12.11" without a year is a decimal number, not a date. Without a year the date is
  the most recent one not after today: "20 december" said on 2 January is last year's. Only a
  date at most a month (`AHEAD`) ahead is taken as meant ahead: "14 november" said on the 12th
  is two days ahead (reported as future), not a year ago;
- a date that does not exist ("31 februari", "30/02", "12/13") is reported as not valid, never
  shifted to another day; "29 februari" without a year is checked in the year it falls in;
- "volgende week"/"next week" names no day but lies in the future, so it is reported as such.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from dialogs.understanding.days import Day, Shift, day_of, numeric_days, on_weekday, with_year
from dialogs.understanding.tokens import MINUS, Found, Kind, Message, PhraseTable, folded
from dialogs.understanding.units import Units, number_at


class Role(StrEnum):
    RELATIVE = "relative"  # days from today: "gisteren" → -1
    WEEKDAY = "weekday"  # 0 is Monday
    MONTH = "month"  # 1 is January
    LAST = "last"  # "vorige maandag"
    NEXT = "next"  # "volgende maandag"
    LAST_WEEK = "last_week"
    NEXT_WEEK = "next_week"
    DAY_UNIT = "day_unit"  # "dagen" in "3 dagen geleden"
    AGO = "ago"  # "geleden"
    ORDINAL = "ordinal"  # "12de", "12th", "1er"
    FILLER = "filler"  # "of" in "the 12th of November", "de" in "12 de noviembre"
    NOT_A_DATE = "not_a_date"  # "'s morgens": looks like "morgen" (tomorrow), is not


_LISTS = {
    "last": Role.LAST,
    "next": Role.NEXT,
    "last_week": Role.LAST_WEEK,
    "next_week": Role.NEXT_WEEK,
    "day_units": Role.DAY_UNIT,
    "ago": Role.AGO,
    "ordinals": Role.ORDINAL,
    "fillers": Role.FILLER,
    "not_dates": Role.NOT_A_DATE,
}
# Words that are never part of a place name, even when they do not name a day on their own.
_NAMES_A_DAY = frozenset(
    {Role.RELATIVE, Role.WEEKDAY, Role.MONTH, Role.LAST_WEEK, Role.NEXT_WEEK, Role.NOT_A_DATE}
)


@dataclass(frozen=True)
class Calendar:
    """Words for days, weekdays and months, merged from every lexicon."""

    words: PhraseTable[Mapping[Role, int]]
    day_parts: tuple[str, ...]  # "avond" in "gisteravond", "middag" in "zaterdagmiddag"

    @classmethod
    def from_lexicons(cls, lexicons: Mapping[str, Mapping[str, Any]]) -> Calendar:
        roles: dict[str, dict[Role, int]] = {}
        only_in: dict[str, set[str]] = {}
        plain: set[str] = set()  # listed by some language without doubt
        parts: set[str] = set()
        for language, data in lexicons.items():
            dates = data.get("dates", {})
            doubtful = {folded(word) for word in dates.get("ambiguous", [])}
            pairs: list[tuple[str, Role, int]] = [
                (word, Role.RELATIVE, int(offset))
                for offset, words in dates.get("days", {}).items()
                for word in words
            ]
            pairs += _numbered(dates.get("weekdays", []), Role.WEEKDAY, 0)
            pairs += _numbered(dates.get("months", []), Role.MONTH, 1)
            pairs += [
                (word, role, 0) for name, role in _LISTS.items() for word in dates.get(name, [])
            ]
            for word, role, value in pairs:
                roles.setdefault(folded(word), {}).setdefault(role, value)
                if folded(word) not in doubtful:
                    plain.add(folded(word))
            for word in doubtful:  # French "hier" (yesterday) is Dutch "hier" (here)
                only_in.setdefault(word, set()).add(language)
            parts.update(dates.get("day_parts", []))
        suffixes = sorted({folded(part).replace(" ", "") for part in parts}, key=len, reverse=True)
        limits = {word: codes for word, codes in only_in.items() if word not in plain}
        return cls(PhraseTable(roles.items(), only_in=limits), tuple(suffixes))

    def find(
        self, message: Message, today: date, units: Units, *, dashes: bool = False
    ) -> list[Day]:
        """Days named in the message's free tokens, marking the tokens used.

        With `dashes`, "12-11" without a year counts too; the caller first lets clock ranges
        ("gisteren 9-12") take their dashes.
        """
        found = numeric_days(message, today, units, dashes=dashes)
        if dashes:
            return found
        words = self.words.all(message, protected=units.words)
        words += self._compounds(message, {i for w in words for i in range(w.first, w.last + 1)})
        words.sort(key=lambda word: word.first)
        week = next(
            (w.value for w in words if w.value.keys() & {Role.LAST_WEEK, Role.NEXT_WEEK}), {}
        )
        for position in range(len(words)):
            day = _interpret(message, today, units, words, position, week)
            if day is not None:
                message.use(day.first, day.last)
                found.append(day)
        for word in words:
            # "in november" is no place; but French "sept heures" is 7 hours, not September.
            number = word.first == word.last and message.key(word.first) in units.words
            if word.value.keys() & _NAMES_A_DAY and not number:
                message.use(word.first, word.last)
        return found

    def _compounds(self, message: Message, taken: set[int]) -> list[Found[Mapping[Role, int]]]:
        """ "gisteravond", "zaterdagmiddag": a day word with a part of the day stuck to it."""
        found = []
        for index, token in enumerate(message.tokens):
            if token.kind is not Kind.WORD or index in message.used or index in taken:
                continue
            for part in self.day_parts:
                head = token.key.removesuffix(part)
                roles = self.words.get(head) if head != token.key else None
                if roles is not None and roles.keys() & {Role.RELATIVE, Role.WEEKDAY}:
                    found.append(Found(roles, index, index))
                    break
        return found


def _numbered(groups: Iterable[list[str]], role: Role, start: int) -> list[tuple[str, Role, int]]:
    return [(word, role, number) for number, words in enumerate(groups, start) for word in words]


def _interpret(
    message: Message,
    today: date,
    units: Units,
    words: list[Found[Mapping[Role, int]]],
    position: int,
    week: Mapping[Role, int],
) -> Day | None:
    word = words[position]
    roles = word.value
    if Role.RELATIVE in roles:
        offset = roles[Role.RELATIVE]
        return day_of(today, today + timedelta(days=offset), word.first, word.last)
    if Role.WEEKDAY in roles:
        return _weekday(today, words, position, week)
    if Role.MONTH in roles:
        return _day_of_month(message, today, units, words, position)
    if Role.DAY_UNIT in roles:
        return _days_ago(message, today, units, words, position)
    if Role.NEXT_WEEK in roles and Role.WEEKDAY not in {r for w in words for r in w.value}:
        return Day(None, word.first, word.last, future=True)
    return None


def _neighbour(
    words: list[Found[Mapping[Role, int]]], position: int, role: Role
) -> Found[Mapping[Role, int]] | None:
    """The word with `role` right before or after words[position]."""
    word = words[position]
    for other in (position - 1, position + 1):
        if 0 <= other < len(words) and role in words[other].value:
            near = words[other]
            if near.last + 1 == word.first or word.last + 1 == near.first:
                return near
    return None


def _weekday(
    today: date,
    words: list[Found[Mapping[Role, int]]],
    position: int,
    week: Mapping[Role, int],
) -> Day:
    word = words[position]
    first, last = word.first, word.last
    shift: Shift | None = None
    for role, meaning in ((Role.LAST, Shift.LAST), (Role.NEXT, Shift.NEXT)):
        near = _neighbour(words, position, role)
        if near is not None:
            shift, first, last = meaning, min(first, near.first), max(last, near.last)
            break
    if shift is None and week:
        shift = Shift.LAST_WEEK if Role.LAST_WEEK in week else Shift.NEXT_WEEK
    weekday = word.value[Role.WEEKDAY]
    day = on_weekday(today, weekday, shift)
    return Day(day, first, last, future=day > today, weekday=None if shift else weekday)


def _day_of_month(
    message: Message,
    today: date,
    units: Units,
    words: list[Found[Mapping[Role, int]]],
    position: int,
) -> Day | None:
    month = words[position]
    before = _day_number_before(message, words, position)
    after = _day_number_after(message, units, words, position)
    chosen = before or after
    if chosen is None:
        return None
    number, first, last = chosen
    first, last = min(first, month.first), max(last, month.last)
    year = None
    comma = 1 if message.key(last + 1) == "," else 0
    candidate = message.number(last + 1 + comma)
    if candidate is not None and len(message.key(last + 1 + comma)) == 4:
        year, last = candidate, last + 1 + comma
    found = with_year(today, number, month.value[Role.MONTH], year)
    return day_of(today, found, first, last, explicit=True)


def _day_number_before(
    message: Message, words: list[Found[Mapping[Role, int]]], position: int
) -> tuple[int, int, int] | None:
    """ "12 november", "12de november", "the 12th of November", "12 de noviembre", "12-go"."""
    index = words[position].first - 1
    previous = words[position - 1] if position > 0 else None
    if previous is not None and previous.last == index and Role.FILLER in previous.value:
        index = previous.first - 1
        previous = words[position - 2] if position > 1 else None
    if previous is not None and previous.last == index and Role.ORDINAL in previous.value:
        index = previous.first - 1
    if message.key(index) in MINUS | {"."} and message.kind(index) is Kind.MARK:
        index -= 1  # "12-го ноября", "12. November"
    return _plain_day(message, index)


def _day_number_after(
    message: Message, units: Units, words: list[Found[Mapping[Role, int]]], position: int
) -> tuple[int, int, int] | None:
    """ "November 12", "November 12th"; not "in november 3 uur"."""
    index = words[position].last + 1
    found = _plain_day(message, index)
    if found is None or units.names_unit(message.key(index + 1)):
        return None
    following = words[position + 1] if position + 1 < len(words) else None
    if following is not None and following.first == index + 1 and Role.ORDINAL in following.value:
        return found[0], found[1], following.last
    return found


def _plain_day(message: Message, index: int) -> tuple[int, int, int] | None:
    value = message.number(index)
    if value is None or len(message.key(index)) > 2:
        return None
    return value, index, index


def _days_ago(
    message: Message,
    today: date,
    units: Units,
    words: list[Found[Mapping[Role, int]]],
    position: int,
) -> Day | None:
    """ "3 dagen geleden", "three days ago", "il y a 3 jours", "قبل ٣ أيام", "hace 3 días"."""
    unit = words[position]
    ago = _neighbour(words, position, Role.AGO)
    count = next(
        (
            found
            for start in range(max(0, unit.first - 3), unit.first)
            if (found := number_at(message, start, units)) is not None
            and found.last == unit.first - 1
        ),
        None,
    )
    if count is None or not count.value.is_integer():
        return None
    if ago is None:  # the "ago" word may stand before the number: "il y a 3 jours"
        ago = next((w for w in words if Role.AGO in w.value and w.last + 1 == count.first), None)
    if ago is None:
        return None
    first, last = min(ago.first, count.first), max(ago.last, unit.last)
    return day_of(today, today - timedelta(days=int(count.value)), first, last)
