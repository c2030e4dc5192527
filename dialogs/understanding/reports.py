"""One message about hours done, read into its parts: how long, which day, where.

`parse_report(text, today, lexicon)` is the single reader behind free-text logging, and also
behind each step of the hours dialog: at "Welke dag?" the dialog uses `report.day`, at
"Hoe lang?" `report.hours` (with `assume_hours=True`, so a bare "2,5" counts). It never guesses:
a part that is missing is None, a part that breaks a rule is kept *and* named in `problems`, so
the dialog can answer kindly ("300 uur is te veel voor één dag") and ask again.

- `hours`: the duration in hours, rounded to 2 decimals ("1u10" → 1.17), or None. Negative,
  zero and too large amounts are kept as typed ("300 uur" → 300.0 with TOO_MANY).
- `day`: the date meant (rules in `dates`), or None. A future date is kept, with FUTURE.
- `places`: candidate names after "bij"/"at"/"chez"/… (rules in `venues`); `place` is the first.
- `problems`: a frozenset of `Problem`.

The rules of the trajectory that a city may change (hours a day, how far back without a coach)
belong to the dialog; only the day's maximum is taken here, because "300 uur" is not a report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from dialogs.understanding.days import agree
from dialogs.understanding.detect import detect
from dialogs.understanding.lexicon import Lexicon
from dialogs.understanding.quantities import durations
from dialogs.understanding.ranges import ranges
from dialogs.understanding.tokens import Kind, Message
from dialogs.understanding.units import Amount, number_at

MAX_HOURS_A_DAY = 12.0
QUARTER = 15
# Unit words this short ("u", "h", "ч") stand alone for other things: "kan u mij helpen".
_UNIT_ALONE = 3


class Problem(StrEnum):
    NO_NUMBER = "no_number"  # a unit without an amount: "uur", "hoeveel uren"
    NEGATIVE = "negative"  # "-2 uur"
    ZERO = "zero"  # "0 uur"
    TOO_MANY = "too_many"  # over the day's maximum: "300 uur"
    NOT_QUARTER = "not_quarter"  # not whole quarters of an hour: "1,1 uur", "20 minuten"
    FUTURE = "future"  # "3 uur morgen", "volgende maandag", "volgende week"
    INVALID_DATE = "invalid_date"  # a day that does not exist: "31 februari", "30/02"
    SEVERAL = "several"  # two amounts or days: "maandag 2 uur, dinsdag 3 uur", "2 tot 3 uur"


@dataclass(frozen=True)
class HoursReport:
    hours: float | None = None
    day: date | None = None
    places: tuple[str, ...] = ()
    problems: frozenset[Problem] = field(default_factory=frozenset)

    @property
    def place(self) -> str | None:
        """The first place candidate, as typed ("Argos", "Rode Kruis")."""
        return self.places[0] if self.places else None

    @property
    def minutes(self) -> int | None:
        return None if self.hours is None else round(self.hours * 60)

    @property
    def complete(self) -> bool:
        """Hours and day are both there and break no rule: ready to repeat and confirm."""
        return self.hours is not None and self.day is not None and not self.problems


def parse_report(
    text: str,
    today: date,
    lexicon: Lexicon,
    *,
    max_hours: float = MAX_HOURS_A_DAY,
    assume_hours: bool = False,
) -> HoursReport:
    """Read hours, day and place from one message; `today` is the date in the bot's time zone.

    With `assume_hours`, a number without a unit ("2,5", "1:30", "drie") is taken as hours:
    for the answer to "Hoeveel uur?".
    """
    message = Message.of(text)
    message.language = detect(message.text, lexicon.vocabulary)
    calendar, units = lexicon.calendar, lexicon.units
    days = calendar.find(message, today, units)
    groups: list[list[Amount]] = [[found] for found in ranges(message, units, dated=bool(days))]
    days = agree(days + calendar.find(message, today, units, dashes=True))
    groups += durations(message, units)
    problems: set[Problem] = set()

    totals = {_total(group) for group in groups}
    minutes: float | None = None
    if any(amount.rough for group in groups for amount in group):
        problems.add(Problem.SEVERAL)  # "2 tot 3 uur": ask how long it was
    elif len(totals) == 1:
        minutes = totals.pop()
    elif totals:
        problems.add(Problem.SEVERAL)
    elif assume_hours:
        minutes = _bare_number(message, lexicon)
    if minutes is None and not totals and _names_a_unit(message, lexicon):
        problems.add(Problem.NO_NUMBER)
    hours = None if minutes is None else round(minutes / 60, 2)
    if minutes is not None:
        problems |= _amount_problems(minutes, max_hours)

    dates = {found.day for found in days if found.day is not None}
    if any(not found.valid for found in days):
        problems.add(Problem.INVALID_DATE)
    if any(found.future for found in days):
        problems.add(Problem.FUTURE)
    if len(dates) > 1:
        problems.add(Problem.SEVERAL)
    day = dates.pop() if len(dates) == 1 else None
    places = lexicon.places.find(message, units)
    return HoursReport(hours, day, places, frozenset(problems))


def _total(group: list[Amount]) -> float:
    total = sum(amount.minutes for amount in group)
    return round(-total if group[0].negative else total, 6)


def _amount_problems(minutes: float, max_hours: float) -> set[Problem]:
    if minutes < 0:
        return {Problem.NEGATIVE}
    if minutes == 0:
        return {Problem.ZERO}
    problems = set()
    if minutes > max_hours * 60:
        problems.add(Problem.TOO_MANY)
    if abs(minutes / QUARTER - round(minutes / QUARTER)) > 1e-6:
        problems.add(Problem.NOT_QUARTER)
    return problems


def _bare_number(message: Message, lexicon: Lexicon) -> float | None:
    """The one number in an answer to "Hoeveel uur?": "2,5", "1:30", "-2", "drie"."""
    found: list[float] = []
    index = 0
    while index < len(message):
        if index in message.used:
            index += 1
            continue
        if (
            message.number(index) is not None
            and message.glued(index)
            and message.key(index + 1) == ":"
            and message.number(index + 2) is not None
        ):
            found.append(message.tokens[index].value * 60.0 + message.tokens[index + 2].value)
            index += 3
            continue
        number = number_at(message, index, lexicon.units)
        if number is None:
            index += 1
            continue
        sign = -1 if index > 0 and message.key(index - 1) in {"-", "\u2212"} else 1
        found.append(sign * number.value * 60)
        index = number.last + 1
    return found[0] if len(found) == 1 else None


def _names_a_unit(message: Message, lexicon: Lexicon) -> bool:
    return any(
        token.kind is Kind.WORD
        and len(token.key) >= _UNIT_ALONE
        and index not in message.used
        and lexicon.units.names_unit(token.key)
        for index, token in enumerate(message.tokens)
    )
