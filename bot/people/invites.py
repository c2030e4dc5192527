"""Making invite codes for staff, with the Telegram deep link when a bot is configured."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.settings import Settings
from dialogs.clock import SystemClock
from store import db
from store.people import invites
from store.people.models import Person, Role


class NoSuchPersonError(LookupError):
    pass


@dataclass(frozen=True)
class MadeInvite:
    code: str
    expires_at: datetime
    link: str | None
    buddy_of: str | None = None  # the first name of the participant a buddy invite links to


async def make(
    settings: Settings, role: Role, for_person: int | None, days: int | None
) -> MadeInvite:
    """Store a new invite and return its code (shown once) and link."""
    engine = db.create_engine(settings.database_url)
    try:
        await db.upgrade(engine)
        async with db.session_factory(engine)() as session, session.begin():
            person = None
            if for_person is not None:
                person = await session.get(Person, for_person)
                if person is None:
                    raise NoSuchPersonError(for_person)
            valid = timedelta(days=days or settings.invite_days)
            # A buddy is often new to Wegwijs: the person named is whom they go along with.
            participant = person if role is Role.BUDDY else None
            restricted = None if role is Role.BUDDY else person
            invite, code = await invites.create(
                session, role, SystemClock().now(), valid, restricted, participant
            )
            expires_at = invite.expires_at
            buddy_of = None if participant is None else participant.name or "no name yet"
    finally:
        await engine.dispose()
    return MadeInvite(code, expires_at, await _link(settings, code), buddy_of)


async def _link(settings: Settings, code: str) -> str | None:
    if settings.telegram_token is None and settings.telegram_username is None:
        return None
    from aiogram.utils.deep_linking import create_deep_link

    username = settings.telegram_username
    if username is None:
        from bot.transports.telegram import make_bot

        bot = make_bot(settings)
        try:
            username = (await bot.me()).username
        finally:
            await bot.session.close()
    return create_deep_link(username=username or "", link_type="start", payload=code)
