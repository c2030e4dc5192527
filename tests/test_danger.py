"""Words that suggest danger get the numbers to call first and at once, at any step (also the
very first message, also mid-onboarding), and the open question stays open. A negation just
before ("ik denk niet aan zelfmoord") is not danger; neither is an ordinary wish."""

from __future__ import annotations

import pytest

from dialogs.understanding.lexicon import Lexicon
from tests.support import KNOWLEDGE, Chat

NUMBERS = [
    "Ben je in gevaar? Bel meteen 112.",
    "Wil je met iemand praten? Bel 106. Dat is gratis, dag en nacht.",
    "Denk je aan zelfmoord? Bel 1813.",
    "Is er geweld thuis? Bel 1712.",
]
LEXICON: Lexicon = KNOWLEDGE.lexicon


@pytest.mark.parametrize(
    "text",
    [
        "ik wil niet meer leven",
        "Mijn man slaat mij",
        "ik denk aan zelfmoord",
        "er is geweld thuis",
        "ik ben niet veilig",
    ],
)
def test_danger_in_dutch_as_newcomers_write_it(text: str) -> None:
    assert LEXICON.danger.found(text)


@pytest.mark.parametrize(
    "text",
    [
        "ik denk niet aan zelfmoord",
        "ik ben niet bang",
        "ik wil voetballen in Ieper",
        "geen geweld, gewoon samen koken",
        "slaapt mijn kind goed",
    ],
)
def test_a_negation_or_an_ordinary_wish_is_not_danger(text: str) -> None:
    assert not LEXICON.danger.found(text)


async def test_the_very_first_message_gets_the_numbers_in_every_language(chat: Chat) -> None:
    said = await chat.send("ik wil niet meer leven")
    assert said.msgids[:4] == NUMBERS
    assert said.rendered[0].text.count("112") >= 6  # the Dutch line and its translations
    assert said.replies[0].in_every_language is not None
    assert said.says("In welke taal wil je hulp? Ik schrijf altijd eerst in het Nederlands.")


async def test_mid_onboarding_the_numbers_come_and_the_question_stays(chat: Chat) -> None:
    await chat.begin("fr")  # language and consent given; the name is asked
    said = await chat.send("mon mari me frappe")

    assert said.msgids[:4] == NUMBERS
    assert said.says("Hoe heet je? Je voornaam of een bijnaam is genoeg.")
    person = await chat.person()
    assert person is not None
    assert person.name is None  # the words were not taken as a name


async def test_in_the_menu_the_numbers_come_with_the_help_line(chat: Chat) -> None:
    await chat.onboard(language="fr")
    said = await chat.send("Mijn man slaat mij")
    assert said.msgids[:4] == NUMBERS
    assert said.replies[0].in_every_language is None  # her language is known: the help line
    assert said.says("Wat wil je doen?")
