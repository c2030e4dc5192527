"""Global commands work at any step and bring the person back to where they were."""

from __future__ import annotations

import json

from store.people.models import ChannelAccount, ConversationState, Person, PersonRole
from store.updates import ProcessedUpdate
from tests.support import Chat, count_rows


async def _at_name_step(chat: Chat) -> None:
    await chat.begin("en")


async def test_help_at_any_step_explains_and_asks_the_open_question_again(chat: Chat) -> None:
    await _at_name_step(chat)
    for command in ("/help", "hulp", "Help!"):
        said = await chat.send(command)
        assert said.says("/vergeet: alles wissen")
        assert said.says("Hoe heet je? Je voornaam of een bijnaam is genoeg.")
        assert await chat.position() == "onboarding/name"


async def test_taal_switches_language_then_returns_to_the_open_question(chat: Chat) -> None:
    await _at_name_step(chat)
    said = await chat.send("/taal")
    assert said.says("Kies de taal voor de hulp. Ik schrijf altijd eerst in het Nederlands.")
    assert said.choices[-1] == "help_off"

    said = await chat.click("uk")
    assert said.says("Oké. Je taal voor de hulp is nu {language}.")
    assert said.says("Hoe heet je? Je voornaam of een bijnaam is genoeg.")
    assert "Українська" in said.text
    assert await chat.position() == "onboarding/name"


async def test_the_help_line_can_be_switched_off_and_on(chat: Chat) -> None:
    await chat.onboard(language="fr")
    await chat.send("/taal")
    said = await chat.click("help_off")
    assert "🌐" not in said.text
    assert said.says("De vertaling is uit. Je leest nu alleen Nederlands.")

    await chat.send("/taal")
    said = await chat.click("help_on")
    assert "🌐" in said.text
    assert await chat.position() == "menu/main"


async def test_menu_before_onboarding_is_done_asks_to_finish_first(chat: Chat) -> None:
    await _at_name_step(chat)
    said = await chat.send("/menu")
    assert said.says("Eerst nog een paar vragen. Dan kom je in het menu.")
    assert await chat.position() == "onboarding/name"


async def test_menu_goes_back_to_the_menu_from_anywhere(chat: Chat) -> None:
    await chat.onboard()
    await chat.click("municipality")
    said = await chat.send("/menu")
    assert said.says("Wat wil je doen?")
    assert await chat.position() == "menu/main"


async def test_mijngegevens_shows_everything_stored_and_offers_a_json_file(chat: Chat) -> None:
    await chat.onboard(name="Amina", place="Kemmel", language="ar")
    said = await chat.send("/mijngegevens")

    assert said.says("Naam: {name}")
    assert "Amina" in said.text
    assert "Heuvelland" in said.text
    assert "العربية" in said.text
    attachment = said.replies[0].attachment
    assert attachment is not None
    exported = json.loads(attachment.content)
    assert exported["name"] == "Amina"
    assert exported["municipality"] == "Heuvelland"
    assert exported["interests"] == ["koken"]
    assert exported["channel_accounts"][0]["address"] == "amina"
    assert exported["roles"] == ["participant"]
    assert await chat.position() == "menu/main"


async def test_vergeet_asks_first_and_no_keeps_everything(chat: Chat) -> None:
    await chat.onboard()
    said = await chat.send("/vergeet")
    assert said.says("Wil je echt alles wissen?")
    said = await chat.click("no")
    assert said.says("Oké, ik wis niets.")
    assert await chat.position() == "menu/main"
    person = await chat.person()
    assert person is not None
    assert person.name == "Amina"


async def test_vergeet_erases_the_person_and_all_their_links(chat: Chat) -> None:
    await chat.onboard()
    await chat.send("/vergeet")
    said = await chat.click("yes")

    assert said.says("Alles is gewist. Dag!")
    assert "🌐" in said.text  # still said in their help language
    for model in (Person, PersonRole, ChannelAccount, ConversationState):
        assert await count_rows(chat.sessions, model) == 0
    # Update ids hold no personal data; they stay so a replayed update is still ignored.
    assert await count_rows(chat.sessions, ProcessedUpdate) > 0

    said = await chat.send("hallo")
    assert said.says("Hallo! Ik ben Wegwijs.")


async def test_stop_pauses_and_any_message_resumes(chat: Chat) -> None:
    await chat.onboard()
    said = await chat.send("/stop")
    assert said.says("Oké. Ik stuur je geen berichten meer.")
    person = await chat.person()
    assert person is not None
    assert person.paused_at == chat.clock.now()
    assert await chat.position() is None

    said = await chat.send("/start")
    assert said.says("Welkom terug, {name}!")
    person = await chat.person()
    assert person is not None
    assert person.paused_at is None
    assert await chat.position() == "menu/main"


async def test_stop_before_consent_keeps_nothing(chat: Chat) -> None:
    await chat.send("hallo")
    await chat.click("fr")
    said = await chat.send("/stop")
    assert said.says("Oké. Ik bewaar niets over jou.")
    assert await count_rows(chat.sessions, Person) == 0


async def test_start_during_onboarding_starts_over_without_losing_the_account(chat: Chat) -> None:
    await _at_name_step(chat)
    said = await chat.send("/start")
    assert said.says("Hallo! Ik ben Wegwijs.")
    assert await chat.position() == "onboarding/language"
    assert await count_rows(chat.sessions, Person) == 1


async def test_commands_addressed_to_the_bot_by_name_work(chat: Chat) -> None:
    await chat.onboard()
    said = await chat.send("/menu@WegwijsBot")
    assert said.says("Wat wil je doen?")
