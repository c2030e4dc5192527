"""How hours, days and progress are shown: "2 uur en 30 minuten", "donderdag 12 november", a bar."""

from __future__ import annotations

from datetime import date

from dialogs.activities.cards import WEEKDAY_NAMES
from dialogs.messages import Msg, _

MONTHS: tuple[Msg, ...] = (
    _("januari"),
    _("februari"),
    _("maart"),
    _("april"),
    _("mei"),
    _("juni"),
    _("juli"),
    _("augustus"),
    _("september"),
    _("oktober"),
    _("november"),
    _("december"),
)
_WEEKDAYS = tuple(WEEKDAY_NAMES.values())  # Monday first, like date.weekday()
BAR_BLOCKS = 10
FULL, EMPTY = "▓", "░"


def duration(minutes: int) -> Msg:
    """Whole hours and minutes in words: "3 uur", "45 minuten", "1 uur en 30 minuten"."""
    whole, rest = divmod(minutes, 60)
    if not rest:
        return _("{hours} uur").format(hours=whole)
    if not whole:
        return _("{minutes} minuten").format(minutes=rest)
    return _("{hours} uur en {minutes} minuten").format(hours=whole, minutes=rest)


def day_label(day: date) -> Msg:
    """ "donderdag 12 november", with the weekday and month translated for the help line."""
    return _("{weekday} {day} {month}").format(
        weekday=_WEEKDAYS[day.weekday()], day=day.day, month=MONTHS[day.month - 1]
    )


def short_day(day: date) -> Msg:
    """ "12 november", for lists."""
    return _("{day} {month}").format(day=day.day, month=MONTHS[day.month - 1])


def number(minutes: int) -> str:
    """Hours as a Dutch number: 16, 2,5, 1,25."""
    hours = minutes / 60
    if hours == int(hours):
        return str(int(hours))
    return f"{hours:.2f}".rstrip("0").replace(".", ",")


def bar(confirmed_minutes: int, target_hours: int) -> str:
    """ "▓▓▓▓░░░░░░ 16/40": confirmed hours against the target."""
    filled = min(BAR_BLOCKS, confirmed_minutes * BAR_BLOCKS // (target_hours * 60))
    if confirmed_minutes > 0 and filled == 0:
        filled = 1  # the first confirmed hours show: an empty bar would say "nothing yet"
    return (
        f"{FULL * filled}{EMPTY * (BAR_BLOCKS - filled)} {number(confirmed_minutes)}/{target_hours}"
    )
