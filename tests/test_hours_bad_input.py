"""Bad input while logging hours: each gets a clear answer, and nothing wrong is stored."""

from __future__ import annotations

import pytest

from tests.catalogue import KITCHEN_IEPER, KITCHEN_POPERINGE
from tests.hours_support import entries, signed_up
from tests.support import Chat


@pytest.mark.parametrize(
    ("message", "answer", "asked"),
    [
        (
            "300 uur",
            "{hours} uur op één dag is te veel. Je kan tot {most} uur per dag doorgeven.",
            "Hoe lang was het?",
        ),
        ("-2 uur", "Het moet meer dan 0 uur zijn.", "Hoe lang was het?"),
        ("0 uur gisteren", "Het moet meer dan 0 uur zijn.", "Hoe lang was het?"),
        ("uur", "Hoeveel uur was het? Typ een getal, bijvoorbeeld 3 uur.", "Hoe lang was het?"),
        (
            "3 uur morgen",
            "Die dag is nog niet voorbij. Geef je uren door als je ze gedaan hebt.",
            "Welke dag was het?",
        ),
        (
            "3 uur op 31 februari",
            "Die datum bestaat niet. Kijk de dag en de maand na.",
            "Welke dag was het?",
        ),
        (
            "1,1 uur gisteren",
            "Geef de tijd per kwartier. Bijvoorbeeld: 1 uur, 1 uur en 15 minuten of 1,5 uur.",
            "Hoe lang was het?",
        ),
        (
            "maandag 2 uur, dinsdag 3 uur",
            "Ik lees meer dan één tijd of dag. Geef één dag per keer door.",
            "Hoe lang was het?",
        ),
        (
            "3 uur op 1 augustus",
            "Dat is meer dan {days} dagen geleden. Vraag je coach om die uren door te geven.",
            "Welke dag was het?",
        ),
    ],
)
async def test_bad_reports_get_a_kind_answer_and_the_missing_part_is_asked(
    chat: Chat, message: str, answer: str, asked: str
) -> None:
    await signed_up(chat)

    said = await chat.send(message)

    assert said.says(answer)
    assert said.says(asked)
    assert "Traceback" not in said.text
    assert await entries(chat) == []


async def test_300_uur_shows_the_amount_as_typed(chat: Chat) -> None:
    await signed_up(chat)
    said = await chat.send("300 uur")
    assert "300 uur op één dag is te veel. Je kan tot 12 uur per dag doorgeven." in said.text


async def test_a_number_at_how_long_is_hours_not_a_choice(chat: Chat) -> None:
    await signed_up(chat)
    await chat.click("log_hours")
    said = await chat.send("13")
    assert said.says("{hours} uur op één dag is te veel. Je kan tot {most} uur per dag doorgeven.")
    said = await chat.send("weet niet")
    assert said.says("Dat begrijp ik niet. Typ een getal, bijvoorbeeld 2,5 uur.")
    said = await chat.send("6")
    assert said.says("Welke dag was het?")


async def test_more_than_twelve_hours_on_one_day_in_total_is_refused(chat: Chat) -> None:
    await signed_up(chat, KITCHEN_IEPER, KITCHEN_POPERINGE)
    await chat.send("gisteren 8 uur bij samen koken")
    await chat.click("yes")

    said = await chat.send("gisteren 5 uur bij soep voor de buurt")
    assert said.says("Op {day} gaf je al {hours} door.")
    assert said.says("Hoe lang was het?")
    said = await chat.send("4")
    assert said.says("Klopt dat?")
    await chat.click("yes")
    assert [entry.minutes for entry in await entries(chat)] == [480, 240]


async def test_the_same_hours_twice_on_one_day_asks_if_it_was_sent_already(chat: Chat) -> None:
    await signed_up(chat)
    await chat.send("gisteren 3 uur")
    await chat.click("yes")

    said = await chat.send("gisteren 3 uur")
    assert said.says("Heb je dit al gestuurd?")
    said = await chat.click("same")
    assert said.says("Oké. Ik bewaar het niet nog eens.")
    assert len(await entries(chat)) == 1

    await chat.send("gisteren 3 uur")
    said = await chat.click("new")
    assert said.says("Bewaard!")
    assert len(await entries(chat)) == 2


async def test_hours_on_a_stopped_enrolment_are_refused_kindly(chat: Chat) -> None:
    await signed_up(chat, KITCHEN_IEPER, KITCHEN_POPERINGE)
    await chat.click("my_activities")
    rows = chat.history[-1].choices
    await chat.click(rows[1])  # the older sign-up: Samen koken in Ieper
    await chat.click("stopped")
    await chat.send("/menu")

    said = await chat.send("gisteren 3 uur bij samen koken")
    assert said.says("Je bent gestopt met {title}. Daar kan ik geen uren meer voor bewaren.")
    assert not said.says("Klopt dat?")
    assert said.says("Voor welke activiteit geef je uren door?")
    assert said.choices[0] == f"e{(await _open_enrolment(chat))}"
    assert await entries(chat) == []


async def _open_enrolment(chat: Chat) -> int:
    from sqlalchemy import select

    from store.activities.models import Enrolment

    async with chat.sessions() as session:
        found = await session.scalars(select(Enrolment).where(Enrolment.status != "stopped"))
        return found.one().id


async def test_no_activity_yet_says_to_find_one_first(chat: Chat) -> None:
    await chat.onboard()
    said = await chat.send("ik heb gisteren 3 uur gewerkt")
    assert said.says("Je bent nog niet ingeschreven voor een activiteit.")
    assert said.says("Wat wil je doen?")


async def test_pressing_save_twice_stores_once(chat: Chat) -> None:
    await signed_up(chat)
    said = await chat.send("gisteren 3 uur")
    question = said.replies[-1].asks
    await chat.click("yes", asked=question)
    said = await chat.click("yes", asked=question)
    assert said.says("Dat is een oude vraag. Kijk naar de vraag hieronder.")
    assert len(await entries(chat)) == 1


async def test_the_same_update_delivered_twice_stores_once(chat: Chat) -> None:
    from dataclasses import replace

    from dialogs.messages import Incoming

    await signed_up(chat)
    await chat.send("gisteren 3 uur")
    incoming = Incoming("console", "amina", "u-1", chat.clock.now(), choice="yes")
    assert await chat.deliver(incoming) is not None
    assert await chat.deliver(replace(incoming)) is None
    assert len(await entries(chat)) == 1
