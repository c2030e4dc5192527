"""Invite codes: `/start CODE` grants a role once, before it expires, to whom it was meant."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from store.people import invites, persons
from store.people.models import Invite, Role
from tests.support import Chat, count_rows


async def _invite(
    sessions: async_sessionmaker[AsyncSession],
    chat: Chat,
    role: Role = Role.COACH,
    days: int = 7,
    for_address: str | None = None,
) -> str:
    async with sessions() as session, session.begin():
        person = None
        if for_address is not None:
            account = await persons.find_account(session, chat.channel, for_address)
            assert account is not None
            person = account.person
        _invite, code = await invites.create(
            session, role, chat.clock.now(), timedelta(days=days), person
        )
    return code


async def test_a_new_person_opening_an_invite_becomes_coach_and_is_onboarded(
    chat: Chat, sessions: async_sessionmaker[AsyncSession]
) -> None:
    code = await _invite(sessions, chat)
    said = await chat.send(f"/start {code}")

    assert said.says("Hallo! Ik ben Wegwijs.")
    assert said.says("Welkom! Je bent nu {role} bij Wegwijs.")
    assert said.says("In welke taal wil je hulp? Ik schrijf altijd eerst in het Nederlands.")
    person = await chat.person()
    assert person is not None
    assert person.roles == {Role.PARTICIPANT, Role.COACH}


async def test_a_known_person_can_use_an_invite_later(
    chat: Chat, sessions: async_sessionmaker[AsyncSession]
) -> None:
    await chat.onboard()
    code = await _invite(sessions, chat, Role.BUDDY)
    said = await chat.send(f"/start {code}")
    assert said.says("Welkom! Je bent nu {role} bij Wegwijs.")
    assert said.says("Welkom terug, {name}!")
    assert said.says("Wat wil je doen?")

    said = await chat.send(f"/start {code}")
    assert said.says("Je bent al {role} bij Wegwijs.")


async def test_a_used_code_does_not_work_for_someone_else(
    chat: Chat, sessions: async_sessionmaker[AsyncSession]
) -> None:
    code = await _invite(sessions, chat)
    await chat.send(f"/start {code}")
    other = Chat(chat.engine, chat.sessions, chat.clock, address="omar")
    said = await other.send(f"/start {code}")
    assert said.says("Die uitnodiging is al gebruikt. Vraag een nieuwe.")
    person = await other.person()
    assert person is not None
    assert Role.COACH not in person.roles


async def test_an_expired_code_is_refused(
    chat: Chat, sessions: async_sessionmaker[AsyncSession]
) -> None:
    code = await _invite(sessions, chat, days=7)
    chat.clock.advance(days=7, seconds=1)
    said = await chat.send(f"/start {code}")
    assert said.says("Die uitnodiging is te oud. Vraag een nieuwe.")
    person = await chat.person()
    assert person is not None
    assert Role.COACH not in person.roles


async def test_an_invite_for_one_person_is_refused_to_others(
    chat: Chat, sessions: async_sessionmaker[AsyncSession]
) -> None:
    await chat.onboard()
    code = await _invite(sessions, chat, for_address="amina")
    other = Chat(chat.engine, chat.sessions, chat.clock, address="omar")
    said = await other.send(f"/start {code}")
    assert said.says("Die uitnodiging is voor iemand anders.")
    said = await chat.send(f"/start {code}")
    assert said.says("Welkom! Je bent nu {role} bij Wegwijs.")


async def test_a_wrong_code_gets_a_clear_answer(chat: Chat) -> None:
    await chat.onboard()
    for typed in ("/start abc", "/start " + "x" * 300, "/start ' OR 1=1 --"):
        said = await chat.send(typed)
        assert said.says("Die uitnodiging ken ik niet. Kijk of de code juist is.")
        assert said.says("Wat wil je doen?")


async def test_an_invite_for_someone_dies_with_them(
    chat: Chat, sessions: async_sessionmaker[AsyncSession]
) -> None:
    await chat.onboard()
    await _invite(sessions, chat, for_address="amina")
    await chat.send("/vergeet")
    await chat.click("yes")
    assert await count_rows(sessions, Invite) == 0
