"""One message about hours done, read into its parts: how long, which day, where.

`parse_report(text, today, lexicon)` is the single reader behind free-text logging and behind
each step of the hours dialog; `today` is the clock's date in the bot's time zone:

    report = parse_report(text, today, knowledge.lexicon)  # "gisteren 3 uur bij Argos"
    report = parse_report(text, today, knowledge.lexicon, assume_hours=True)  # after "Hoeveel uur?"

At "Welke dag?" the dialog takes `report.day`, at "Hoe lang?" `report.hours`, and from a full
sentence all it finds. It never guesses: a missing part is None, and a part that breaks a rule
is kept *and* named in `problems`, so the dialog can answer kindly and ask again:

- `hours`: the duration in hours, rounded to 2 decimals ("1u10" → 1.17), or None; `minutes` is
  the same in whole minutes. Negative, zero and too large amounts are kept as typed ("300 uur"
  → 300.0 with TOO_MANY, "-2 uur" → -2.0 with NEGATIVE).
- `day`: the date meant (rules in `dates`), or None. A future date is kept, with FUTURE; a date
  that does not exist gives None with INVALID_DATE.
- `places`: candidate names as typed after "bij"/"at"/"chez"/… (rules in `venues`), `place` the
  first; matching them with the person's enrolments is the dialog's job.
- `problems`: a frozenset of `Problem`; `complete` is True when hours and day are there and no
  problem is.

Rules a city may set (how far back without a coach, rounding to quarters) belong to the dialog;
only the day's maximum is a parameter here, because "300 uur" is no report of one day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from dialogs.understanding.days import Day, agree
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
    """Why a report cannot be stored as it is; the dialog answers each one kindly."""

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
    """What one message says about hours done; see the module's docstring."""

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
        """Whole minutes; exact for any whole-minute amount (rounding hours loses < 0.3 min)."""
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
    # Order matters: days first ("3 uur 12 november" is not 3 h 12 min), then clock ranges,
    # which may take a dash ("gisteren 9-12") before "12-11" can be a date, then durations.
    days = calendar.find(message, today, units)
    groups: list[list[Amount]] = [[found] for found in ranges(message, units, dated=bool(days))]
    days = agree(days + calendar.find(message, today, units, dashes=True))
    groups += durations(message, units)
    problems: set[Problem] = set()
    minutes = _minutes(message, lexicon, groups, problems, assume_hours=assume_hours)
    if minutes is not None:
        problems |= _amount_problems(minutes, max_hours)
    day = _one_day(days, problems)
    places = lexicon.places.find(message, units)
    hours = None if minutes is None else round(minutes / 60, 2)
    return HoursReport(hours, day, places, frozenset(problems))


def _minutes(
    message: Message,
    lexicon: Lexicon,
    groups: list[list[Amount]],
    problems: set[Problem],
    *,
    assume_hours: bool,
) -> float | None:
    totals = {_total(group) for group in groups}
    if any(amount.rough for group in groups for amount in group):
        problems.add(Problem.SEVERAL)  # "2 tot 3 uur": ask how long it was
        return None
    if len(totals) > 1:
        problems.add(Problem.SEVERAL)
        return None
    if totals:
        return totals.pop()
    minutes = _bare_number(message, lexicon) if assume_hours else None
    if minutes is None and _names_a_unit(message, lexicon):
        problems.add(Problem.NO_NUMBER)
    return minutes


def _one_day(days: list[Day], problems: set[Problem]) -> date | None:
    dates = {found.day for found in days if found.day is not None}
    if any(not found.valid for found in days):
        problems.add(Problem.INVALID_DATE)
    if any(found.future for found in days):
        problems.add(Problem.FUTURE)
    if len(dates) > 1:
        problems.add(Problem.SEVERAL)
    return dates.pop() if len(dates) == 1 else None


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
