"""Clock ranges: "van 14u tot 17u", "14u-17u", "14:00 - 17:00", "from 2pm to 5pm", "9-12 uur".

Without a "from" word the start must look like a clock time ("14u", "14:00"), or be 6 or later
with a unit at the end or a day in the message ("14 tot 17 uur", "gisteren 9-12"), or one end
must be past 12 ("14-17": no month 17). "2 tot 3 uur" is an estimate, not a range; "van 10 tot
2" ends in the afternoon. A range over `MAX_RANGE` hours or over midnight is not read.
"""

from __future__ import annotations

from dialogs.understanding.tokens import MINUS, Kind, Message
from dialogs.understanding.units import Amount, Role, Units, clock_at

MAX_RANGE = 16.0


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


def _range(message: Message, index: int, units: Units, dated: bool) -> Amount | None:
    start_at = index
    # "van 14u", "از ساعت ۲" (from hour 2), or "om 2" alone: the start is a time of day.
    opener = units.at(message, index, Role.FROM) or units.at(message, index, Role.AT)
    if opener is not None:
        start_at = opener.last + 1
        clock_word = units.at(message, start_at, Role.AT)
        start_at = start_at if clock_word is None else clock_word.last + 1
    start = clock_at(message, start_at, units)
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
        while joiner is not None:  # "jusqu'à", "tot en met", "تا ساعت ۵"
            after = joiner.last + 1
            joiner = units.at(message, after, Role.TO) or units.at(message, after, Role.AT)
    end = clock_at(message, after, units)
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
