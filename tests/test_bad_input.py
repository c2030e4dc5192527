"""Bad input gets a short, kind answer; the conversation goes on and nothing is lost."""

from __future__ import annotations

import uuid

import pytest

from dialogs.messages import Incoming, Media
from store.people.models import ConversationState, Person
from tests.support import Chat, count_rows


async def _in_the_menu(chat: Chat) -> Person:
    await chat.onboard()
    person = await chat.person()
    assert person is not None
    return person


async def _nothing_changed(chat: Chat, before: Person) -> None:
    after = await chat.person()
    assert after is not None
    assert (after.name, after.municipality, after.interests, after.help_language) == (
        before.name,
        before.municipality,
        before.interests,
        before.help_language,
    )
    assert await chat.position() == "menu/main"


@pytest.mark.parametrize(
    ("message", "answer"),
    [
        ("", "Je bericht is leeg. Typ een antwoord, of kies iets uit de lijst."),
        ("   \n\t ", "Je bericht is leeg. Typ een antwoord, of kies iets uit de lijst."),
        ("x" * 10_000, "Je bericht is te lang. Schrijf het korter, in een paar woorden."),
        ("🙂🎉🙂", "Dat begrijp ik nog niet. Kies iets uit het menu."),
        ("\x00\x07\u200f", "Je bericht is leeg. Typ een antwoord, of kies iets uit de lijst."),
        ("\x1b[31m\x00", "Dat begrijp ik nog niet. Kies iets uit het menu."),
        ("'; DROP TABLE persons; --", "Dat begrijp ik nog niet. Kies iets uit het menu."),
        ("<b>hallo</b><script>x()</script>", "Hallo {name}!"),
        ("/foo", "Dat commando ken ik niet."),
        ("13", "Kies een nummer van 1 tot {highest}."),
        ("0", "Kies een nummer van 1 tot {highest}."),
    ],
)
async def test_bad_input_in_the_menu(chat: Chat, message: str, answer: str) -> None:
    before = await _in_the_menu(chat)
    said = await chat.send(message)

    assert said.says(answer)
    assert said.says("Wat wil je doen?")  # the conversation goes on where it was
    assert "Traceback" not in said.text
    await _nothing_changed(chat, before)


async def test_a_button_from_an_old_question_is_answered_kindly(chat: Chat) -> None:
    before = await _in_the_menu(chat)
    said = await chat.click("fr")  # a language button from the first question

    assert said.says("Dat is een oude vraag. Kijk naar de vraag hieronder.")
    assert said.says("Wat wil je doen?")
    await _nothing_changed(chat, before)


@pytest.mark.parametrize("media", [Media.PHOTO, Media.VOICE, Media.STICKER])
async def test_photos_voice_and_stickers_get_a_kind_answer(chat: Chat, media: Media) -> None:
    before = await _in_the_menu(chat)
    said = await chat.send(media=media)
    assert said.says("Ik kan alleen tekst lezen. Typ je antwoord, of kies iets uit de lijst.")
    assert "🌐" in said.text
    await _nothing_changed(chat, before)


async def test_text_on_a_question_with_choices_is_matched_or_kindly_refused(chat: Chat) -> None:
    await chat.send("hallo")
    await chat.click("en")
    said = await chat.send("banaan")
    assert said.says("Dat begrijp ik niet. Kies iets uit de lijst.")
    assert said.says("Is dat goed voor jou?")
    said = await chat.send("ok")
    assert said.says("Dank je!")


async def test_a_repeated_update_is_processed_once(chat: Chat) -> None:
    await chat.send("hallo")
    incoming = Incoming(
        channel="console",
        address="amina",
        update_id=uuid.uuid4().hex,
        received_at=chat.clock.now(),
        text="2",
    )
    first = await chat.deliver(incoming)
    second = await chat.deliver(incoming)

    assert first is not None
    assert first.says("Is dat goed voor jou?")
    assert second is None
    assert await chat.position() == "onboarding/consent"
    assert await count_rows(chat.sessions, Person) == 1


async def test_a_stored_step_that_no_longer_exists_leads_home(chat: Chat) -> None:
    await _in_the_menu(chat)
    async with chat.sessions() as session, session.begin():
        state = await session.get(ConversationState, (await _person_id(chat)))
        assert state is not None
        state.dialog, state.step = "hours", "removed_step"  # left behind by an older version

    said = await chat.send("5")  # the menu's fifth item: Wat ik graag doe
    assert said.says("Wat doe je graag? Kies een of meer dingen.")


async def _person_id(chat: Chat) -> int:
    person = await chat.person()
    assert person is not None
    return person.id
