"""The staff dialog *Nieuw bericht* as a staff member types it, and what others may not do."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from store.broadcasts import sending
from store.people import persons
from store.people.models import Role
from tests.broadcasts_support import activity, person
from tests.support import Chat, FakeClock

STAFF_ONLY = "Alleen het team kan een bericht aan iedereen sturen."


async def _staff(chat: Chat) -> None:
    await chat.onboard("Lotte", "Ieper", "nl")
    async with chat.sessions() as session, session.begin():
        account = await persons.find_account(session, chat.channel, chat.address)
        assert account is not None
        account.person.grant(Role.STAFF)


async def _town(sessions: async_sessionmaker[AsyncSession], clock: FakeClock) -> None:
    async with sessions() as session, session.begin():
        await person(session, "v1", clock.now(), municipality="Veurne", language="ar")
        await person(session, "v2", clock.now(), municipality="Veurne", channel="signal")


async def test_staff_write_check_translate_link_preview_and_send(
    chat: Chat, sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await _staff(chat)
    await _town(sessions, clock)
    async with sessions() as session, session.begin():
        cooking = await activity(session, clock.now(), "Veurne", "Samen koken")
    said = await chat.send("/bericht")
    assert said.says("Nieuw bericht. Voor wie is het?")
    said = await chat.send("gemeente=Veurne")
    assert said.says("{n} persoon krijgt het bericht.")
    assert "2 mensen krijgen het bericht." in said.text
    said = await chat.send("Kom koken in Veurne!\n\nDe subsidieaanvraagprocedure is voorbij.")
    assert "Dit woord is moeilijk: subsidieaanvraagprocedure" in said.text
    assert said.choices == ["keep", "edit"]
    said = await chat.click("keep")
    assert said.says("Wil je een vertaling toevoegen? Typ de taal en dan de tekst, zo: ar: …")
    said = await chat.send("ar: تعال واطبخ {nam}")
    assert said.says("Dit klopt niet: {text}. Alleen {{name}} kan.")
    await chat.send("ar: تعال واطبخ في Veurne!")
    said = await chat.click("done")
    said = await chat.send(str(cooking.id))
    assert "👉 Samen koken, Veurne" in said.text
    said = await chat.send("2027-03-28 02:30")  # the clocks go forward: no such time
    assert said.says("Die tijd bestaat niet. Dan gaat de klok een uur vooruit.")
    said = await chat.click("now")
    assert said.says("Zo ziet het eruit:")
    assert "Kom koken in Veurne!\n\nDe subsidieaanvraagprocedure is voorbij." in said.text
    assert "تعال واطبخ في Veurne!" in said.text  # the Arabic reader's copy
    assert "[Ik wil dit doen]" in said.text
    assert "Signal 1, Telegram 1" in said.text
    async with sessions() as session:
        assert await sending.listed(session) == []  # nothing before Verstuur
    asked = said.replies[-1].asks
    said = await chat.click("send", asked=asked)
    assert said.says("Goed! Bericht {number} gaat zo weg.")
    again = await chat.click("send", asked=asked)  # pressed twice
    assert again.says("Dat is een oude vraag. Kijk naar de vraag hieronder.")
    async with sessions() as session:
        (made,) = await sending.listed(session)
    assert (made.via, made.link_kind, made.link_id) == ("chat", "activity", cooking.id)
    assert made.translations == {"ar": "تعال واطبخ في Veurne!"}
    assert made.audience["municipalities"] == ["Veurne"]


async def test_an_audience_of_nobody_or_nonsense_is_asked_again(
    chat: Chat, sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await _staff(chat)
    await chat.send("/bericht")
    said = await chat.send("gemeente=Mesen")
    assert said.says("Niemand krijgt dit bericht. Kies andere mensen.")
    said = await chat.send("gemeente=Brussel")
    assert said.says("Dat begrijp ik niet.")
    said = await chat.click("all")
    assert said.says("Typ nu de tekst in het Nederlands.")
    said = await chat.send("   ")
    assert said.says("Je bericht is leeg. Typ een antwoord, of kies iets uit de lijst.")
    long = "Kom naar het feest in de bib. " * 30  # longer than a chat message may be
    said = await chat.send(long)
    assert said.says("Wil je een vertaling toevoegen? Typ de taal en dan de tekst, zo: ar: …")


async def test_participants_and_coaches_may_not(
    chat: Chat, sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await chat.onboard("Amina", "Veurne", "nl")
    said = await chat.send("/bericht")
    assert said.says(STAFF_ONLY)
    async with sessions() as session, session.begin():
        account = await persons.find_account(session, chat.channel, chat.address)
        assert account is not None
        account.person.grant(Role.COACH)
    said = await chat.send("/bericht")
    assert said.says(STAFF_ONLY)
    said = await chat.send("/bericht stop 1")
    assert said.says(STAFF_ONLY)


async def test_staff_stop_a_broadcast_in_the_chat(
    chat: Chat, sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await _staff(chat)
    await _town(sessions, clock)
    await chat.send("/bericht")
    await chat.send("gemeente=Veurne")
    await chat.send("Feest in de bib!")
    await chat.click("done")
    await chat.click("none")
    await chat.send("2026-12-24 18:00")
    said = await chat.click("send")
    assert said.says("Goed! Bericht {number} gaat weg op het gekozen uur.")
    async with sessions() as session:
        (made,) = await sending.listed(session)
    said = await chat.send(f"/bericht stop {made.id}")
    assert said.says("Bericht {number} is gestopt.")
    said = await chat.send(f"/bericht stop {made.id}")
    assert said.says("Bericht {number} loopt niet meer.")
