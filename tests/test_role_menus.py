"""A coach, staff member or provider who writes to the bot gets a menu for their role: the
hours waiting for them, who wants to join, and none of the participant's own items."""

from __future__ import annotations

from datetime import timedelta

from store.hours.models import HourEntry
from store.people import invites
from store.people.models import Role
from tests.catalogue import KITCHEN_IEPER, stock
from tests.hours_support import entries, grant, other, person_id, signed_up
from tests.support import Chat

EVERYONE = ["language", "my_data", "forget", "help"]


async def _coach(chat: Chat, role: Role = Role.COACH, name: str = "Lotte") -> Chat:
    """Someone who opens an invite link and answers only language, consent and name."""
    async with chat.sessions() as session, session.begin():
        _invite, code = await invites.create(session, role, chat.clock.now(), timedelta(days=7))
    coach = other(chat, name.casefold())
    await coach.send(f"/start {code}")
    await coach.click("nl")
    await coach.click("yes")
    return coach


async def _amina_logs(chat: Chat, hours: str = "gisteren 3 uur") -> HourEntry:
    await chat.send(hours)
    await chat.click("yes")
    return (await entries(chat))[-1]


async def test_a_coach_from_an_invite_lands_in_a_coach_menu_after_the_name(chat: Chat) -> None:
    coach = await _coach(chat)
    said = await coach.send("Lotte")

    assert said.says("Klaar, {name}! Welkom bij Wegwijs.")
    assert not said.says("In welke gemeente woon je?")
    assert said.choices == ["waiting_hours", *EVERYONE]
    assert await coach.position() == "menu/main"
    # What a participant's item would have said is not offered, and typing it is no dead end.
    said = await coach.send("mijn activiteiten")
    assert not said.says("Je hebt je nog niet ingeschreven voor een activiteit.")


async def test_a_participant_keeps_the_participant_menu(chat: Chat) -> None:
    said = await chat.onboard()
    assert said.choices[:2] == ["find_activity", "my_activities"]
    assert "waiting_hours" not in said.choices


async def test_a_coach_confirms_waiting_hours_from_the_menu_one_after_the_other(
    chat: Chat,
) -> None:
    await signed_up(chat)
    first = await _amina_logs(chat, "gisteren 3 uur")
    second = await _amina_logs(chat, "eergisteren 2 uur")
    amina = await person_id(chat)
    coach = await _coach(chat)
    await coach.send("Lotte")

    said = await coach.click("waiting_hours")
    assert said.says("Deze uren wachten op een antwoord. Kies er een.")
    assert said.choices == [f"w{first.id}", f"w{second.id}", "menu"]
    assert said.labels[0] == "Amina: 3 uur op 11 november"

    said = await coach.send("1")
    assert said.says("Bevestig {hours} van {name} op {day} bij {title}?")
    said = await coach.send("ja")
    assert said.says("Dank je! Ik laat het {name} weten.")
    [news] = said.told(amina)
    assert news.reply.texts[0].msgid == "Goed nieuws! {name} bevestigde je uren."
    # The next waiting entry is asked at once; "nee" asks why, as for a provider.
    assert said.says("Bevestig {hours} van {name} op {day} bij {title}?")
    said = await coach.send("nee")
    said = await coach.send("Ze was er niet")
    assert said.says("Oké. Ik laat het {name} weten.")
    assert said.says("Wat wil je doen?")
    decided = {entry.id: entry for entry in await entries(chat)}
    assert (decided[first.id].status, decided[first.id].decided_via) == ("confirmed", "coach")
    assert (decided[second.id].status, decided[second.id].reason) == ("rejected", "Ze was er niet")

    said = await coach.click("waiting_hours")
    assert said.says("Er wachten geen uren op jou. Dank je!")
    assert said.choices == ["menu"]


async def test_a_provider_sees_only_their_activities_hours_and_who_wants_to_join(
    chat: Chat,
) -> None:
    ward_chat = other(chat, "ward")
    await ward_chat.onboard(name="Ward", place="Ieper", language="nl")
    ward = await person_id(ward_chat)
    await stock(chat.sessions, KITCHEN_IEPER, provider=ward)

    said = await ward_chat.send("/menu")
    assert said.choices == ["waiting_hours", "requests", *EVERYONE]
    said = await ward_chat.click("requests")
    assert said.says("Niemand wacht op jouw antwoord.")
    assert not said.says("Je hebt je nog niet ingeschreven voor een activiteit.")
    await ward_chat.click("menu")
    said = await ward_chat.click("waiting_hours")
    assert said.says("Er wachten geen uren op jou. Dank je!")


async def test_a_staff_member_may_not_check_their_own_hours(chat: Chat) -> None:
    await signed_up(chat)
    await _amina_logs(chat)
    await grant(chat, Role.STAFF)
    said = await chat.send("/menu")
    said = await chat.click("waiting_hours")
    assert said.says("Er wachten geen uren op jou. Dank je!")
