"""Onboarding, read as the conversations it checks."""

from __future__ import annotations

import pytest

from store.people.models import Person, Role
from tests.support import Chat, count_rows


async def test_first_contact_greets_and_offers_languages_by_their_own_names(chat: Chat) -> None:
    said = await chat.send("hallo")

    assert said.says("Hallo! Ik ben Wegwijs.")
    for name in ("Nederlands", "English", "Français", "العربية", "Українська"):
        assert name in said.labels
    assert await chat.position() == "onboarding/language"


async def test_whole_onboarding_with_buttons_lands_in_the_menu(chat: Chat) -> None:
    await chat.send("hallo")
    said = await chat.click("fr")
    assert said.says("Is dat goed voor jou?")
    assert "🌐" in said.text  # the French help line sits under the Dutch

    said = await chat.click("yes")
    assert said.says("Hoe heet je? Je voornaam of een bijnaam is genoeg.")
    said = await chat.send("Amina")
    assert said.says("Dag {name}!")
    said = await chat.send("Veurne")
    assert said.says("Wat doe je graag? Kies een of meer dingen.")
    await chat.click("koken")
    await chat.click("natuur")
    said = await chat.click("done")

    assert said.says("Klaar, {name}! Welkom bij Wegwijs.")
    assert said.says("Wat wil je doen?")
    assert await chat.position() == "menu/main"
    person = await chat.person()
    assert person is not None
    assert (person.name, person.municipality, person.help_language) == ("Amina", "Veurne", "fr")
    assert person.interests == ["koken", "natuur"]
    assert person.roles == {Role.PARTICIPANT}
    assert person.consent_at == chat.clock.now()
    assert person.onboarded_at == chat.clock.now()


async def test_numbers_and_words_work_like_buttons(chat: Chat) -> None:
    await chat.send("hallo")
    await chat.send("2")  # English
    said = await chat.send("yes")
    assert said.says("Hoe heet je? Je voornaam of een bijnaam is genoeg.")
    await chat.send("my name is Omar")
    await chat.send("ik woon in Ieper")
    said = await chat.send("1 2, 13")
    assert [label.startswith("✅") for label in said.labels] == [False] * 14  # no marks in labels
    await chat.send("klaar")

    person = await chat.person()
    assert person is not None
    assert person.help_language == "en"
    assert person.name == "Omar"
    assert person.municipality == "Ieper"
    assert person.interests == ["sport", "koken", "dieren"]


async def test_interests_understood_from_free_text_in_several_languages(chat: Chat) -> None:
    await chat.begin("en", name="Amina")
    await chat.send("Poperinge")
    await chat.send("cooking and football")
    await chat.send("tuinieren")
    await chat.send("done")

    person = await chat.person()
    assert person is not None
    assert person.interests == ["sport", "koken", "tuin"]


async def test_picking_an_interest_twice_removes_it(chat: Chat) -> None:
    await chat.begin(name="Amina")
    await chat.send("Ieper")
    await chat.click("sport")
    said = await chat.click("sport")
    assert not any(choice.selected for choice in said.rendered[-1].choices)


async def test_saying_no_to_consent_stores_nothing_and_one_can_come_back(chat: Chat) -> None:
    await chat.send("hallo")
    await chat.click("ar")
    said = await chat.send("nee")

    assert said.says("Oké. Ik bewaar niets over jou.")
    assert "\u2067" in said.text  # the Arabic help line is isolated right-to-left
    assert await chat.person() is None
    assert await count_rows(chat.sessions, Person) == 0

    said = await chat.send("hallo")
    assert said.says("Hallo! Ik ben Wegwijs.")


@pytest.mark.parametrize(
    ("typed", "municipality"),
    [
        ("Ypres", "Ieper"),
        ("Furnes", "Veurne"),
        ("Dixmude", "Diksmuide"),
        ("La Panne", "De Panne"),
        ("Nieuport", "Nieuwpoort"),
        ("Coxyde", "Koksijde"),
        ("Poperinghe", "Poperinge"),
        ("Messines", "Mesen"),
        ("Wervicq", "Wervik"),
        ("Kemmel", "Heuvelland"),
        ("Oostduinkerke", "Koksijde"),
        ("Adinkerke", "De Panne"),
        ("Passendale", "Zonnebeke"),
        ("Vlamertinge", "Ieper"),
        ("ik woon in langemark", "Langemark-Poelkapelle"),
        ("LO-RENINGE", "Lo-Reninge"),
    ],
)
async def test_other_names_and_deelgemeenten_land_in_their_municipality(
    chat: Chat, typed: str, municipality: str
) -> None:
    await chat.begin(name="Amina")
    said = await chat.send(typed)

    assert await chat.position() == "onboarding/interests"
    person = await chat.person()
    assert person is not None
    assert person.municipality == municipality
    if typed.casefold() != municipality.casefold():
        assert said.says("{place} ligt in {municipality}.")


async def test_a_typo_is_confirmed_before_it_is_stored(chat: Chat) -> None:
    await chat.begin(name="Amina")
    said = await chat.send("Veurn")

    assert said.says("Bedoel je {municipality}?")
    assert said.replies[-1].texts[0].params["municipality"] == "Veurne"
    person = await chat.person()
    assert person is not None
    assert person.municipality is None

    await chat.send("ja")
    person = await chat.person()
    assert person is not None
    assert person.municipality == "Veurne"


async def test_a_wrong_guess_leads_to_the_list(chat: Chat) -> None:
    await chat.begin(name="Amina")
    await chat.send("Diksmude")
    said = await chat.click("no")

    assert said.says("Kies je gemeente uit de lijst. Of typ de naam.")
    assert len(said.choices) == 19
    said = await chat.send("15")  # Veurne, by its number in the list
    person = await chat.person()
    assert person is not None
    assert person.municipality == "Veurne"


async def test_an_unknown_place_offers_the_list_and_somewhere_else(chat: Chat) -> None:
    await chat.begin(name="Amina")
    said = await chat.send("Antwerpen")

    assert said.says("Die gemeente ken ik niet.")
    assert "Alveringem" in said.choices
    said = await chat.click("other")
    assert said.says("Wegwijs helpt vooral in de Westhoek. Je kan toch verder.")
    assert await chat.position() == "onboarding/interests"


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("https://spam.example.com", "Stuur geen link. Typ alleen je naam."),
        ("www.win.be", "Stuur geen link. Typ alleen je naam."),
        ("A" * 41, "Die naam is te lang. Typ een naam van 40 tekens of minder."),
        ("🙂🙂", "Dat lijkt niet op een naam. Typ je voornaam met letters."),
        ("12345", "Dat lijkt niet op een naam. Typ je voornaam met letters."),
        ("<script>alert(1)</script>", "Dat lijkt niet op een naam. Typ je voornaam met letters."),
    ],
)
async def test_a_name_that_is_not_a_name_is_asked_again(
    chat: Chat, typed: str, problem: str
) -> None:
    said = await chat.begin(name=typed)

    assert said.says(problem)
    assert said.says("Hoe heet je? Je voornaam of een bijnaam is genoeg.")
    assert await chat.position() == "onboarding/name"


@pytest.mark.parametrize("name", ["Amina", "Jean-Luc", "أمينة", "Олена", "O'Brien"])
async def test_names_in_any_script_are_welcome(chat: Chat, name: str) -> None:
    await chat.begin(name=name)
    person = await chat.person()
    assert person is not None
    assert person.name == name


async def test_the_menu_offers_only_what_works_and_edits_the_profile(chat: Chat) -> None:
    said = await chat.onboard()
    assert said.choices == [
        "find_activity",
        "my_activities",
        "log_hours",
        "my_hours",
        "interests",
        "municipality",
        "language",
        "my_data",
        "forget",
        "help",
        "taalplezier",
        "my_buddy",
    ]

    await chat.click("municipality")
    said = await chat.send("Furnes")
    assert said.says("Goed, dat is bewaard.")
    assert await chat.position() == "menu/main"

    said = await chat.click("interests")
    selected = [choice.id for choice in said.rendered[-1].choices if choice.selected]
    assert selected == ["koken"]
    await chat.click("dieren")
    await chat.click("done")

    person = await chat.person()
    assert person is not None
    assert (person.municipality, person.interests) == ("Veurne", ["koken", "dieren"])


async def test_a_restart_continues_the_same_conversation(chat: Chat) -> None:
    await chat.send("hallo")
    await chat.click("uk")
    await chat.click("yes")

    restarted = Chat(chat.engine, chat.sessions, chat.clock)  # a new process, same database
    said = await restarted.send("Olena")
    assert said.says("Dag {name}!")
    assert await restarted.position() == "onboarding/municipality"


@pytest.mark.parametrize(
    ("language", "yes"),
    [
        ("ti", "እወ"),
        ("ru", "да"),
        ("fa", "بله"),
        ("ps", "هو"),
        ("so", "haa"),
        ("tr", "evet"),
        ("es", "si"),
        ("ar", "نعم"),
        ("uk", "так"),
        ("fr", "oui"),
        ("en", "yes"),
    ],
)
async def test_yes_in_the_help_language_gives_consent(chat: Chat, language: str, yes: str) -> None:
    await chat.send("hallo")
    await chat.click(language)
    said = await chat.send(yes)
    assert said.says("Dank je!")


async def test_a_shared_location_proposes_the_nearest_municipality(chat: Chat) -> None:
    await chat.begin(name="Amina")
    said = await chat.deliver_location(50.7903, 2.8301)  # by the church of Kemmel
    assert said.says("Bedoel je {municipality}?")
    assert said.replies[-1].texts[0].params["municipality"] == "Heuvelland"
    await chat.send("ja")
    person = await chat.person()
    assert person is not None
    assert person.municipality == "Heuvelland"


async def test_a_location_outside_the_westhoek_offers_the_list(chat: Chat) -> None:
    await chat.begin(name="Amina")
    said = await chat.deliver_location(51.2194, 4.4025)
    assert said.says("Die plek ligt niet in de Westhoek.")
    assert said.says("Kies je gemeente uit de lijst. Of typ de naam.")


async def test_a_location_where_none_is_asked_is_thanked_and_the_question_stays(
    chat: Chat,
) -> None:
    await chat.onboard()
    said = await chat.deliver_location(50.85, 2.88)
    assert said.says("Dank je. Ik heb je locatie hier niet nodig.")
    assert said.says("Wat wil je doen?")
    person = await chat.person()
    assert person is not None
    assert person.municipality == "Ieper"  # nothing changed, nothing kept


async def test_a_button_of_another_question_is_an_old_question(chat: Chat) -> None:
    await chat.send("hallo")
    language = await chat.click("en")
    consent_token = language.rendered[-1].asks
    assert consent_token is not None
    await chat.click("yes")
    # "yes" again, from the consent message: now the name is asked, with no buttons.
    said = await chat.click("yes", asked=consent_token)
    assert said.says("Dat is een oude vraag. Kijk naar de vraag hieronder.")
    await chat.send("Amina")
    await chat.send("Ieper")
    said = await chat.click("koken", asked=consent_token)
    assert said.says("Dat is een oude vraag. Kijk naar de vraag hieronder.")
    person = await chat.person()
    assert person is not None
    assert person.interests == []
