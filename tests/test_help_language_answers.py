"""The newcomer's own words at the questions: yes/no in their language everywhere, languages by
their own name, a greeting that puts its language first, hours typed at the menu."""

from __future__ import annotations

from tests.hours_support import entries, signed_up
from tests.support import Chat


async def test_a_greeting_in_arabic_puts_arabic_first_and_its_name_chooses_it(chat: Chat) -> None:
    said = await chat.send("مرحبا")
    assert said.choices[0] == "ar"
    assert said.choices[1:4] == ["nl", "en", "fr"]  # the others in their usual order
    said = await chat.send("عربي")
    assert said.says("Eerst iets over je gegevens.")
    person = await chat.person()
    assert person is not None
    assert person.help_language == "ar"


async def test_a_dutch_greeting_keeps_the_usual_order(chat: Chat) -> None:
    said = await chat.send("hallo")
    assert said.choices[:3] == ["nl", "en", "fr"]


async def test_dari_by_its_name_in_either_spelling(chat: Chat) -> None:
    await chat.send("سلام")
    said = await chat.send("دري")
    assert said.says("Eerst iets over je gegevens.")
    person = await chat.person()
    assert person is not None
    assert person.help_language == "fa"


async def test_yes_and_no_in_ukrainian_at_have_you_sent_this_already(chat: Chat) -> None:
    await signed_up(chat, language="uk")
    await chat.send("вчора 3 години")
    await chat.send("так")
    said = await chat.send("вчора 3 години")
    assert said.says("Heb je dit al gestuurd?")
    said = await chat.send("так")
    assert said.says("Oké. Ik bewaar het niet nog eens.")
    assert len(await entries(chat)) == 1
    await chat.send("вчора 3 години")
    said = await chat.send("ні")
    assert said.says("Bewaard!")
    assert len(await entries(chat)) == 2


async def test_hours_typed_at_the_menu_in_arabic_are_logged_not_my_hours(chat: Chat) -> None:
    await signed_up(chat, language="ar")
    said = await chat.send("أمس ساعتين")
    assert not said.says("Je uren:")
    assert said.says("Klopt dat?")
    said = await chat.send("نعم")
    assert said.says("Bewaard!")
    [entry] = await entries(chat)
    assert entry.minutes == 120
