"""What an hours entry is on paper: its status, how it was confirmed, and Dutch words for both.

Shared by the PDF overview, the exports and the confirmation web page, which all speak Dutch
only: their readers (trajectbegeleiders, counsellors, a club's contact person) work in Dutch.
Amounts are whole minutes, as the store keeps them; "2,5 uur" is only how they are written.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from babel.dates import format_date

BRUSSELS = ZoneInfo("Europe/Brussels")


class EntryStatus(StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


class ConfirmedHow(StrEnum):
    """Who confirmed, and by which way: the trajectbegeleider weighs a link and a coach alike."""

    LINK = "link"  # the contact person, on the web page, without an account
    PROVIDER = "provider"  # the organisation's contact, in Wegwijs
    BUDDY = "buddy"
    COACH = "coach"
    STAFF = "staff"  # a correction by staff


STATUS_WORDS = {
    EntryStatus.PENDING: "nog niet bevestigd",
    EntryStatus.CONFIRMED: "bevestigd",
    EntryStatus.REJECTED: "klopt niet",
}
HOW_WORDS = {
    ConfirmedHow.LINK: "via de link",
    ConfirmedHow.PROVIDER: "in Wegwijs, organisatie",
    ConfirmedHow.BUDDY: "in Wegwijs, buddy",
    ConfirmedHow.COACH: "in Wegwijs, coach",
    ConfirmedHow.STAFF: "in Wegwijs, medewerker",
}


def hours_text(minutes: int) -> str:
    """ "3 uur", "2,5 uur", "1 uur 15 min", "45 min": how Flemish people say an amount of time."""
    if minutes < 0:
        raise ValueError("an amount of time is not negative")
    whole, rest = divmod(minutes, 60)
    if rest == 0:
        return f"{whole} uur"
    if whole == 0:
        return f"{rest} min"
    if rest == 30:
        return f"{whole},5 uur"
    return f"{whole} uur {rest} min"


def hours_number(minutes: int) -> float:
    """Hours as a number for a spreadsheet: 150 minutes is 2.5."""
    return round(minutes / 60, 2)


def day_text(day: date, *, year: bool = False) -> str:
    """ "12 november", or "12 november 2026" with the year."""
    return format_date(day, "d MMMM y" if year else "d MMMM", locale="nl")


def moment_text(moment: datetime, zone: ZoneInfo = BRUSSELS) -> str:
    """ "12 november 2026 om 10:30" in Belgian time; `moment` must carry its timezone."""
    if moment.tzinfo is None:
        raise ValueError("a moment without a timezone cannot be shown in Belgian time")
    local = moment.astimezone(zone)
    return f"{day_text(local.date(), year=True)} om {local:%H:%M}"
