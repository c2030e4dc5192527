"""What the hours dialogs need from outside: the rules a city may set, the secret that signs
confirmation links, the public address of the web page, and a maker of overview documents."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncSession

    from dialogs.messages import Attachment
    from store.people.models import Person

CONFIRM_PATH = "/bevestig/"  # + token: the page for contact people without an account
CHECK_PATH = "/controle/"  # + code: checks an overview's verification code


@dataclass(frozen=True)
class HoursRules:
    """Numbers a city may set differently (WEGWIJS_HOURS_* settings)."""

    target: int = 40  # hours the trajectory asks for
    max_a_day: float = 12.0  # hours per person per day, all activities together
    days_back: int = 60  # how far back a participant may log; a coach may go further
    remind_after_days: int = 3  # one reminder when still unconfirmed
    staff_after_days: int = 14  # then staff see it
    link_days: int = 14  # a confirmation link works this long

    @property
    def milestones(self) -> tuple[int, ...]:
        """Confirmed hours worth a short cheer: each quarter of the target (10, 20, 30, 40)."""
        return tuple(self.target * part // 4 for part in range(1, 5))


class Paperwork(Protocol):
    """Makes the one-page overview for a trajectory counsellor (a PDF, in the bot layer)."""

    async def overview(self, session: AsyncSession, person: Person, now: datetime) -> Attachment:
        """The overview of `person`'s hours as a file; records its verification code."""
        ...


@dataclass(frozen=True)
class HoursSetup:
    rules: HoursRules = field(default_factory=HoursRules)
    # Signs confirmation links; the bot passes WEGWIJS_SECRET_KEY. A random one suits tests.
    secret: str = field(default_factory=lambda: secrets.token_urlsafe(32), repr=False)
    public_url: str | None = None  # where phones reach the web page, e.g. https://wegwijs.be
    paperwork: Paperwork | None = None

    def link(self, token: str) -> str | None:
        """The address a contact person opens (or scans) to confirm; None without a web page."""
        if self.public_url is None:
            return None
        return f"{self.public_url.rstrip('/')}{CONFIRM_PATH}{token}"
