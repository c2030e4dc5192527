"""Buddies: Lotte the coach makes a buddy invite for Amina, Ward opens it and goes along with
her. Amina sees her buddy's first name and may end the link; Ward sees her coming sessions and
activities, confirms hours he saw, and nothing else of her."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dialogs.buddies import links as buddy_links
from store.buddies import links
from store.buddies.models import BuddyLink
from store.hours.models import ConfirmedVia, EntryStatus
from store.people import invites
from store.people.models import Person, Role
from tests.hours_support import entries, grant, other, person_id, signed_up
from tests.sessions_support import data, local, series
from tests.support import Chat, count_rows


async def _buddy_invite(chat: Chat, participant: Chat, days: int = 7) -> str:
    async with chat.sessions() as session, session.begin():
        amina = await session.get(Person, await person_id(participant))
        _invite, code = await invites.create(
            session, Role.BUDDY, chat.clock.now(), timedelta(days=days), buddy_of=amina
        )
    return code


async def _ward_goes_along_with(amina: Chat) -> Chat:
    ward = other(amina, "ward")
    said = await ward.send(f"/start {await _buddy_invite(amina, amina)}")
    assert said.says("Welkom! Je bent nu buddy van {name}.")
    await ward.click("nl")
    await ward.click("yes")
    await ward.send("Ward")
    return ward


async def _linked(sessions: async_sessionmaker[AsyncSession]) -> list[tuple[int, int]]:
    async with sessions() as session:
        return [
            (r.buddy_person_id, r.participant_person_id) for r in await links.all_links(session)
        ]


async def test_a_buddy_invite_links_ward_to_amina_and_she_is_told(chat: Chat) -> None:
    await chat.onboard(name="Amina", language="fr")
    ward = other(chat, "ward")
    said = await ward.send(f"/start {await _buddy_invite(chat, chat)}")

    assert said.says("Welkom! Je bent nu buddy van {name}.")
    assert "Amina" in said.text
    [news] = said.told(await person_id(chat))
    # Ward has not said his name yet: Amina hears she has a buddy, not "? is your buddy".
    assert next(msg.msgid for msg in news.reply.texts) == "Je hebt nu een buddy."
    assert news.locale.help_language == "fr"
    buddy = await ward.person()
    assert buddy is not None
    assert Role.BUDDY in buddy.roles
    assert await _linked(chat.sessions) == [(buddy.id, await person_id(chat))]

    await ward.click("nl")
    await ward.click("yes")
    menu = await ward.send("Ward")
    assert "Mijn deelnemers" in menu.labels
    assert "Een activiteit zoeken" not in menu.labels


async def test_a_buddy_code_twice_by_someone_else_expired_or_by_amina_herself(chat: Chat) -> None:
    await chat.onboard(name="Amina")
    code = await _buddy_invite(chat, chat)

    own = await chat.send(f"/start {code}")
    assert own.says("Die uitnodiging is voor je buddy, niet voor jou.")
    amina = await chat.person()
    assert amina is not None
    assert Role.BUDDY not in amina.roles

    ward = other(chat, "ward")
    await ward.send(f"/start {code}")
    again = await ward.send(f"/start {code}")
    assert again.says("Je bent al buddy van {name}.")
    omar = other(chat, "omar")
    assert (await omar.send(f"/start {code}")).says(
        "Die uitnodiging is al gebruikt. Vraag een nieuwe."
    )
    assert await count_rows(chat.sessions, BuddyLink) == 1

    late = await _buddy_invite(chat, chat, days=1)
    chat.clock.advance(days=1, seconds=1)
    assert (await omar.send(f"/start {late}")).says("Die uitnodiging is te oud. Vraag een nieuwe.")
    assert await count_rows(chat.sessions, BuddyLink) == 1


async def test_a_buddy_of_two_uses_a_second_invite_for_the_second_link(chat: Chat) -> None:
    await chat.onboard(name="Amina")
    ward = await _ward_goes_along_with(chat)
    fatima = other(chat, "fatima")
    await fatima.onboard(name="Fatima")

    said = await ward.send(f"/start {await _buddy_invite(chat, fatima)}")

    assert said.says("Welkom! Je bent nu buddy van {name}.")
    [news] = said.told(await person_id(fatima))
    assert news.reply.texts[0].msgid == "{buddy} is nu je buddy."
    listing = await ward.click("participants")
    assert "🔹 Amina" in listing.text
    assert "🔹 Fatima" in listing.text


async def test_amina_sees_her_buddy_and_ends_the_link_ward_is_told_kindly(chat: Chat) -> None:
    await chat.onboard(name="Amina", language="nl")
    ward = await _ward_goes_along_with(chat)
    ward_id = await person_id(ward)

    mine = await chat.click("my_buddy")
    assert mine.says("Je buddy is {name}.")
    assert "Je buddy is Ward." in mine.text
    stop = next(choice for choice in mine.choices if choice.startswith("buddy_stop:"))
    asked = await chat.click(stop)
    assert asked.says("Wil je stoppen met {name} als buddy?")
    ended = await chat.click("yes")

    assert ended.says("Oké, {name} is niet meer je buddy.")
    [news] = ended.told(ward_id)
    assert [m.msgid for m in news.reply.texts] == [
        "Je bent niet meer buddy van {name}.",
        "Dank je voor je hulp!",
    ]
    assert await _linked(chat.sessions) == []
    # Ward presses his own old "Stop" button for Amina: nothing to end any more.
    old = await ward.click(f"buddy_stop:{ward_id}:{await person_id(chat)}")
    assert old.says("Die buddy-koppeling is er niet meer.")
    none = await chat.click("my_buddy")
    assert none.says("Je hebt nog geen buddy.")


async def test_saying_no_to_ending_changes_nothing(chat: Chat) -> None:
    await chat.onboard(name="Amina", language="nl")
    ward = await _ward_goes_along_with(chat)
    asked = await chat.click(f"buddy_stop:{await person_id(ward)}:{await person_id(chat)}")
    assert asked.says("Wil je stoppen met {name} als buddy?")
    kept = await chat.click("no")
    assert kept.says("Oké, er verandert niets.")
    assert len(await _linked(chat.sessions)) == 1


async def test_someone_else_cannot_end_a_link_with_an_old_button(chat: Chat) -> None:
    await chat.onboard(name="Amina", language="nl")
    ward = await _ward_goes_along_with(chat)
    omar = other(chat, "omar")
    await omar.onboard(name="Omar")
    said = await omar.click(f"buddy_stop:{await person_id(ward)}:{await person_id(chat)}")
    assert said.says("Die buddy-koppeling is er niet meer.")
    assert len(await _linked(chat.sessions)) == 1


async def test_ward_sees_her_coming_session_and_activity_not_her_hours_or_number(
    chat: Chat,
) -> None:
    await signed_up(chat, language="nl")
    [reading] = await series(chat.sessions, data(local(2026, 11, 18, 14)))
    ward = await _ward_goes_along_with(chat)
    await chat.click(f"ses_yes:{reading}:2")
    await chat.send("gisteren 2 uur")

    seen = await ward.click("participants")

    assert "🔹 Amina" in seen.text
    assert "Taalplezier: woensdag 18 november, 14:00 tot 15:30, Bib Ieper (Ieper)" in seen.text
    assert "Activiteiten: Samen koken in Ieper" in seen.text
    assert " uur" not in seen.text  # her hours are not his to see


async def test_ward_confirms_the_hours_he_saw_another_buddy_cannot(chat: Chat) -> None:
    await signed_up(chat, language="nl")
    ward = await _ward_goes_along_with(chat)
    await chat.send("gisteren 2 uur")
    await chat.click("yes")
    [entry] = await entries(chat)
    assert entry.status == EntryStatus.PENDING

    stranger = other(chat, "omar")
    await stranger.onboard(name="Omar")
    await grant(stranger, Role.BUDDY)
    refused = await stranger.click(f"hours_yes:{entry.id}.{entry.version}")
    assert refused.says("Die vraag is voor iemand anders.")
    assert not any("Amina" in label for label in (await stranger.click("waiting_hours")).labels)

    waiting = await ward.click("waiting_hours")
    assert any("Amina" in label for label in waiting.labels)
    done = await ward.click(f"hours_yes:{entry.id}.{entry.version}")

    assert done.says("Dank je! Ik laat het {name} weten.")
    [entry] = await entries(chat)
    assert (entry.status, entry.decided_via) == (EntryStatus.CONFIRMED, ConfirmedVia.BUDDY)


async def test_forgetting_amina_tells_ward_only_that_the_link_ended(chat: Chat) -> None:
    await chat.onboard(name="Amina", language="nl")
    ward = await _ward_goes_along_with(chat)
    mine = await chat.send("/mijngegevens")
    assert "Je buddy: Ward" in mine.text
    exported = mine.replies[0].attachment
    assert exported is not None
    assert b'"buddy_links"' in exported.content
    assert b'"with": "Ward"' in exported.content

    await chat.send("/vergeet")
    gone = await chat.click("yes")

    [news] = gone.told(await person_id(ward))
    assert [m.msgid for m in news.reply.texts] == [
        "Je bent niet meer buddy van {name}.",
        "Dank je voor je hulp!",
    ]
    assert await count_rows(chat.sessions, BuddyLink) == 0


async def test_only_a_coach_or_staff_links_and_nobody_is_their_own_buddy(chat: Chat) -> None:
    await chat.onboard(name="Amina")
    ward = other(chat, "ward")
    await ward.onboard(name="Ward")
    async with chat.sessions() as session, session.begin():
        amina = await session.get(Person, await person_id(chat))
        buddy = await session.get(Person, await person_id(ward))
        assert amina is not None
        assert buddy is not None
        now = chat.clock.now()
        assert await buddy_links.link(session, buddy, amina, now, by=amina) is (
            buddy_links.Refusal.NOT_ALLOWED
        )
        assert await buddy_links.link(session, amina, amina, now, by=None) is (
            buddy_links.Refusal.SAME_PERSON
        )
        assert Role.BUDDY not in amina.roles
        made = await buddy_links.link(session, buddy, amina, now, by=None)
        assert isinstance(made, buddy_links.Changed)
        assert await buddy_links.link(session, buddy, amina, now, by=None) is (
            buddy_links.Refusal.ALREADY
        )
    assert await count_rows(chat.sessions, BuddyLink) == 1
