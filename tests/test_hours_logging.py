"""Logging hours in the chat: by buttons, or in one message; repeated, then stored on "ja"."""

from __future__ import annotations

from datetime import date

from tests.catalogue import KITCHEN_IEPER, KITCHEN_POPERINGE, stock
from tests.hours_support import entries, signed_up
from tests.support import Chat


async def test_logging_by_buttons_repeats_and_stores_on_yes(chat: Chat) -> None:
    await signed_up(chat)

    said = await chat.click("log_hours")
    assert said.says("Hoe lang was het?")  # one activity: no need to ask which
    assert [label.split(" · ")[0] for label in said.labels[:4]] == [
        "1 uur",
        "2 uur",
        "3 uur",
        "4 uur",
    ]
    said = await chat.click("m180")
    assert said.says("Welke dag was het?")
    said = await chat.click("yesterday")
    assert said.says("Klopt dat?")
    assert "3 uur bij Samen koken in Ieper op woensdag 11 november." in said.text
    assert await entries(chat) == []

    said = await chat.click("yes")
    assert said.says("Bewaard!")
    [entry] = await entries(chat)
    assert (entry.minutes, entry.day, entry.status) == (180, date(2026, 11, 11), "pending")


async def test_one_message_with_everything_asks_only_to_confirm(chat: Chat) -> None:
    await signed_up(chat, KITCHEN_IEPER, KITCHEN_POPERINGE)

    said = await chat.send("gisteren 2,5 uur bij soep voor de buurt")
    assert said.says("Klopt dat?")
    assert "2 uur en 30 minuten bij Soep voor de buurt op woensdag 11 november." in said.text
    await chat.click("yes")
    [entry] = await entries(chat)
    assert entry.minutes == 150


async def test_asking_for_my_hours_halfway_shows_them_and_stores_nothing(chat: Chat) -> None:
    await signed_up(chat)
    await chat.click("log_hours")
    await chat.click("m120")

    said = await chat.send("mijn uren")  # at "Welke dag was het?"

    assert said.says("Je uren:")
    assert not said.says("Hoeveel uur was het? Typ een getal, bijvoorbeeld 3 uur.")
    assert await entries(chat) == []


async def test_every_logging_question_with_choices_leads_back_to_the_menu(chat: Chat) -> None:
    await signed_up(chat, KITCHEN_IEPER, KITCHEN_POPERINGE)
    said = await chat.click("log_hours")
    assert said.says("Voor welke activiteit geef je uren door?")
    assert "menu" in said.choices

    await chat.click(said.choices[0])
    said = await chat.click("m60")
    assert said.says("Welke dag was het?")

    said = await chat.send("terug naar het menu")

    assert said.says("Wat wil je doen?")
    assert await entries(chat) == []


async def test_hours_typed_right_after_signing_up_are_read_as_in_the_menu(chat: Chat) -> None:
    ids = await stock(chat.sessions, KITCHEN_IEPER)
    await chat.onboard(name="Amina", place="Ieper", language="en")
    said = await chat.click(f"act_enrol:{ids['keuken-ieper']}")
    assert said.says("Wat wil je nu doen?")  # a question with set answers only

    said = await chat.send("gisteren 3 uur")

    assert said.says("Klopt dat?")
    assert not said.says("Dat begrijp ik niet. Kies iets uit de lijst.")


async def test_hours_typed_during_onboarding_do_not_skip_it(chat: Chat) -> None:
    await chat.send("hallo")

    said = await chat.send("gisteren 3 uur")  # at the language question

    assert said.says("Dat begrijp ik niet. Kies iets uit de lijst.")
    assert await entries(chat) == []
