"""Hours confirmed on Wegwijs: the activity's contact gets ✅ / ❌, the participant hears it."""

from __future__ import annotations

import asyncio

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from store.hours import entries as store
from store.hours.entries import Decision
from store.hours.models import ConfirmedVia, HourEntry
from store.people.models import Role
from tests.catalogue import KITCHEN_IEPER, stock
from tests.hours_support import entries, grant, other, person_id
from tests.support import Chat


async def _two(chat: Chat) -> tuple[Chat, Chat, int, int]:
    """Ward runs the kitchen and is on Wegwijs; Amina signs up and logs 3 hours yesterday."""
    ward_chat = other(chat, "ward")
    await ward_chat.onboard(name="Ward", place="Ieper", language="nl")
    ward = await person_id(ward_chat)
    ids = await stock(chat.sessions, KITCHEN_IEPER, provider=ward)
    await chat.onboard(name="Amina", place="Ieper", language="fr")
    await chat.click(f"act_enrol:{ids['keuken-ieper']}")
    await ward_chat.send("ja")  # Ward welcomes her
    await chat.send("/menu")
    return chat, ward_chat, ward, await person_id(chat)


async def _log_three_hours(amina: Chat) -> HourEntry:
    await amina.send("gisteren 3 uur")
    await amina.click("yes")
    [entry] = await entries(amina)
    return entry


async def test_the_provider_is_asked_and_confirms_by_button(chat: Chat) -> None:
    amina, ward_chat, ward, amina_id = await _two(chat)

    await amina.send("gisteren 3 uur")
    said = await amina.click("yes")
    assert said.says("Ik vraag {organisation} om je uren te bevestigen.")
    [question] = said.told(ward)
    assert question.reply.texts[0].msgid == "Bevestig {hours} van {name} op {day} bij {title}?"
    rendered = chat.engine.knowledge.renderer.render(question.reply, question.locale)
    assert (
        rendered.text
        == "Bevestig 3 uur van Amina op woensdag 11 november bij Samen koken in Ieper?"
    )
    [entry] = await entries(amina)
    assert [c.id for c in question.reply.choices] == [
        f"hours_yes:{entry.id}.1",
        f"hours_no:{entry.id}.1",
    ]

    said = await ward_chat.click(f"hours_yes:{entry.id}.1")
    assert said.says("Dank je! Ik laat het {name} weten.")
    [news] = said.told(amina_id)
    assert news.locale.help_language == "fr"
    assert news.reply.texts[0].msgid == "Goed nieuws! {name} bevestigde je uren."
    [entry] = await entries(amina)
    assert (entry.status, entry.decided_via, entry.decided_name, entry.decided_by_person_id) == (
        "confirmed",
        "provider",
        "Ward",
        ward,
    )

    again = await ward_chat.click(f"hours_yes:{entry.id}.1")  # the button pressed twice
    assert again.says("Die uren zijn al beantwoord. Dank je!")
    assert again.others == ()


async def test_without_buttons_nee_asks_why_and_the_participant_hears_the_reason(
    chat: Chat,
) -> None:
    amina, ward_chat, _ward, amina_id = await _two(chat)
    await _log_three_hours(amina)
    assert await ward_chat.position() == "hour_checks/confirm"

    said = await ward_chat.send("nee")
    assert said.says("Wat klopt er niet? Schrijf het kort.")
    said = await ward_chat.send("Ze was er maar 2 uur")
    assert said.says("Oké. Ik laat het {name} weten.")
    assert said.says("Wat wil je doen?")  # back in the menu
    [news] = said.told(amina_id)
    assert news.reply.texts[0].msgid == "{name} zegt dat deze uren niet kloppen:"
    assert news.reply.texts[2].params == {"reason": "Ze was er maar 2 uur"}
    [entry] = await entries(amina)
    assert (entry.status, entry.reason) == ("rejected", "Ze was er maar 2 uur")


async def test_someone_without_the_right_cannot_confirm(chat: Chat) -> None:
    amina, _ward_chat, _ward, _amina_id = await _two(chat)
    entry = await _log_three_hours(amina)
    kim = other(chat, "kim")
    await kim.onboard(name="Kim", place="Ieper")

    said = await kim.click(f"hours_yes:{entry.id}.1")
    assert said.says("Die vraag is voor iemand anders.")
    said = await amina.click(f"hours_yes:{entry.id}.1")  # nor the participant herself
    assert said.says("Die vraag is voor iemand anders.")
    [entry] = await entries(amina)
    assert entry.status == "pending"

    await grant(kim, Role.COACH)
    said = await kim.click(f"hours_yes:{entry.id}.1")
    assert said.says("Dank je! Ik laat het {name} weten.")
    [entry] = await entries(amina)
    assert (entry.status, entry.decided_via) == ("confirmed", "coach")


async def test_two_confirmers_at_the_same_moment_one_wins(chat: Chat) -> None:
    amina, ward_chat, _ward, _amina_id = await _two(chat)
    entry = await _log_three_hours(amina)
    coach = other(chat, "coach")
    await coach.onboard(name="Lotte", place="Ieper")
    await grant(coach, Role.COACH)

    # Both saw the question as pending; the coach's answer is stored first.
    said = await coach.click(f"hours_no:{entry.id}.1")
    assert said.says("Wat klopt er niet? Schrijf het kort.")
    said = await ward_chat.click(f"hours_yes:{entry.id}.1")
    assert said.says("Dank je! Ik laat het {name} weten.")
    said = await coach.click("no_reason")
    assert said.says("Die uren zijn al beantwoord. Dank je!")
    [entry] = await entries(amina)
    assert (entry.status, entry.decided_via) == ("confirmed", "provider")


async def test_in_the_store_only_one_of_two_simultaneous_decisions_wins(
    chat: Chat, sessions: async_sessionmaker[AsyncSession]
) -> None:
    amina, _ward_chat, ward, _amina_id = await _two(chat)
    entry = await _log_three_hours(amina)

    async def decide(confirm: bool, via: ConfirmedVia) -> bool:
        async with sessions() as session, session.begin():
            found = await store.get(session, entry.id)
            assert found is not None
            await asyncio.sleep(0)  # both have read the entry as pending before either writes
            return await store.decide(
                session, found, 1, Decision(confirm, via, ward, "Ward"), chat.clock.now()
            )

    first = await decide(True, ConfirmedVia.PROVIDER)
    second = await decide(False, ConfirmedVia.STAFF)
    assert (first, second) == (True, False)
    [entry] = await entries(amina)
    assert (entry.status, entry.decided_via) == ("confirmed", "provider")


async def test_an_edited_confirmed_entry_waits_again_and_the_old_question_is_refused(
    chat: Chat, sessions: async_sessionmaker[AsyncSession]
) -> None:
    amina, ward_chat, ward, _amina_id = await _two(chat)
    entry = await _log_three_hours(amina)
    await ward_chat.click(f"hours_yes:{entry.id}.1")
    async with sessions() as session, session.begin():
        found = await store.get(session, entry.id)
        assert found is not None
        await store.correct(
            session, found, chat.clock.now(), by_person_id=ward, reason="2 uur", minutes=120
        )
    [entry] = await entries(amina)
    assert (entry.status, entry.minutes, entry.version, entry.decided_via) == (
        "pending",
        120,
        2,
        None,
    )
    said = await ward_chat.click(f"hours_yes:{entry.id}.1")
    assert said.says("Die uren zijn intussen veranderd.")
    fresh = said.replies[1]
    assert [c.id for c in fresh.choices] == [f"hours_yes:{entry.id}.2", f"hours_no:{entry.id}.2"]


async def test_asking_again_after_a_confirmation_counts_anew(chat: Chat) -> None:
    amina, ward_chat, _ward, _amina_id = await _two(chat)
    entry = await _log_three_hours(amina)
    said = await amina.click("mine")
    assert said.says("Wacht nog op bevestiging: {hours} uur.")

    await ward_chat.click(f"hours_yes:{entry.id}.1")  # while Amina looks at Mijn uren
    said = await amina.send("hoeveel uren heb ik?")

    assert not said.says("Dat begrijp ik niet. Kies iets uit de lijst.")
    assert "▓░░░░░░░░░ 3/40" in said.text
    assert not said.says("Wacht nog op bevestiging: {hours} uur.")


async def test_typed_hours_at_my_hours_are_read_as_in_the_menu(chat: Chat) -> None:
    amina, _ward_chat, _ward, _amina_id = await _two(chat)
    await amina.click("my_hours")

    said = await amina.send("vandaag 2 uur")

    assert said.says("Klopt dat?")


async def test_my_hours_left_open_shows_the_confirmation_when_asked_again(chat: Chat) -> None:
    amina, ward_chat, _ward, _amina_id = await _two(chat)
    entry = await _log_three_hours(amina)
    await amina.click("mine")

    await ward_chat.click(f"hours_yes:{entry.id}.1")
    said = await amina.send("/help")  # help, then the open question again

    assert "Bevestigd: 3 van 40 uur." in said.text
    assert not said.says("Wacht nog op bevestiging: {hours} uur.")
