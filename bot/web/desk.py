"""The port behind the confirmation page: what the page asks of the hours store, as plain data.

The page never touches the store. It hands a link's token or an overview's code to a
`ConfirmationDesk` and shows what comes back. The desk owns everything that needs the truth:
checking the token's signature and its 14 days, single use, the unit of work, telling the
participant the outcome. A second answer on the same link, or two people pressing at the same
moment, must come back as `Refused(USED)` for all but the first.
Tokens reach the desk only when URL-safe (letters, digits, `-_.~`) and 8 to 256 long; names
are one line of at most 80 characters, reasons at most 500, control characters removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Protocol

__all__ = [
    "ConfirmView",
    "ConfirmationDesk",
    "Done",
    "OverviewCheck",
    "RefusalReason",
    "Refused",
]


class RefusalReason(StrEnum):
    USED = "used"  # this link was answered before
    EXPIRED = "expired"  # signed and known, but older than its validity
    UNKNOWN = "unknown"  # forged, mistyped, or erased with the participant (/vergeet)
    ALREADY_ANSWERED = "already_answered"  # the entry was settled another way (in Wegwijs)


@dataclass(frozen=True)
class Refused:
    reason: RefusalReason


@dataclass(frozen=True)
class ConfirmView:
    """One logged entry, as the contact person may see it: the first name only, no contact data."""

    entry_id: int  # for the logs; never shown
    first_name: str
    minutes: int
    day: date
    activity: str
    organisation: str


@dataclass(frozen=True)
class Done:
    """The answer was stored; `entry` is what was answered, for the thank-you page."""

    entry: ConfirmView


@dataclass(frozen=True)
class OverviewCheck:
    """What an overview's verification code stands for."""

    participant: str
    made_at: datetime  # timezone-aware
    confirmed_minutes: int


class ConfirmationDesk(Protocol):
    async def show(self, token: str) -> ConfirmView | Refused:
        """The entry a link is for, or why the link no longer works. Changes nothing."""
        ...

    async def confirm(self, token: str, name: str) -> Done | Refused:
        """`name` (the contact person, as typed) confirms the entry; the link is then used."""
        ...

    async def reject(self, token: str, name: str, reason: str) -> Done | Refused:
        """`name` says the hours are wrong; `reason` may be empty. The link is then used."""
        ...

    async def check(self, code: str) -> OverviewCheck | None:
        """The overview with this verification code, or None when there is none.

        `code` is as typed, spaces removed: compare it case-insensitively. The page does not
        count attempts, so a code must be too long to guess (8+ letters of a 32-letter alphabet).
        """
        ...
