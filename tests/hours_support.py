"""Helpers for hours tests: people signed up for activities, their entries in the store."""

from __future__ import annotations

from sqlalchemy import select

from store.activities.sync import ActivityData
from store.hours.models import HourEntry
from store.people.models import Person, Role
from tests.catalogue import KITCHEN_IEPER, stock
from tests.support import Chat


async def person_id(chat: Chat) -> int:
    person = await chat.person()
    assert person is not None
    return person.id


async def signed_up(
    chat: Chat, *items: ActivityData, name: str = "Amina", language: str = "en"
) -> dict[str, int]:
    """Onboard `chat` and sign up for each activity; returns the activity ids."""
    ids = await stock(chat.sessions, *(items or (KITCHEN_IEPER,)))
    await chat.onboard(name=name, place="Ieper", language=language)
    for activity_id in ids.values():
        await chat.click(f"act_enrol:{activity_id}")
    await chat.send("/menu")
    return ids


async def entries(chat: Chat) -> list[HourEntry]:
    async with chat.sessions() as session:
        return list((await session.scalars(select(HourEntry).order_by(HourEntry.id))).all())


async def grant(chat: Chat, role: Role) -> None:
    async with chat.sessions() as session, session.begin():
        person = await session.get(Person, await person_id(chat))
        assert person is not None
        person.grant(role)


def other(chat: Chat, address: str) -> Chat:
    return Chat(chat.engine, chat.sessions, chat.clock, address=address)
