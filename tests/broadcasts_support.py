"""Test helpers for broadcasts: people with the traits an audience filters on."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from store.activities.models import Activity, Enrolment
from store.people import persons
from store.people.models import ChannelAccount, Role


async def person(
    session: AsyncSession,
    address: str,
    now: datetime,
    *,
    channel: str = "telegram",
    municipality: str | None = "Veurne",
    language: str = "nl",
    interests: tuple[str, ...] = (),
    roles: tuple[Role, ...] = (),
    consent: bool = True,
    name: str = "Amina",
) -> ChannelAccount:
    """One onboarded person (or one who never consented) reachable at `address`."""
    account = await persons.add_person(session, channel, address, now)
    who = account.person
    who.name = name
    who.municipality = municipality
    who.help_language = language
    who.interests = list(interests)
    who.consent_at = now if consent else None
    who.onboarded_at = now if consent else None
    for role in roles:
        who.grant(role)
    account.last_seen_at = now
    await session.flush()
    return account


async def activity(session: AsyncSession, now: datetime, municipality: str, title: str) -> Activity:
    """A plain activity in the catalogue."""
    found = Activity(
        source="test",
        external_id=title,
        title=title,
        description="Samen iets doen.",
        organisation="Vzw Test",
        municipality=municipality,
        interests=["koken"],
        created_at=now,
        updated_at=now,
    )
    session.add(found)
    await session.flush()
    return found


async def enrol(session: AsyncSession, person_id: int, activity_id: int, now: datetime) -> None:
    session.add(
        Enrolment(person_id=person_id, activity_id=activity_id, created_at=now, updated_at=now)
    )
    await session.flush()
