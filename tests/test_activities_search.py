"""Finding an activity and signing up, by buttons and by typing, read as the conversations."""

from __future__ import annotations

import json

from sqlalchemy import select

from store.activities.models import Enrolment, EnrolmentStatus, SearchProfile, UnmetWish
from tests.catalogue import (
    FOOTBALL_IEPER,
    KITCHEN_IEPER,
    KITCHEN_POPERINGE,
    READING_IEPER,
    item,
    stock,
)
from tests.support import Chat, Said, count_rows


def _card_titles(said: Said) -> list[str]:
    return [
        str(msg.params["title"])
        for reply in said.replies
        for msg in reply.texts
        if msg.msgid == "{number} {title}"
    ]


async def _enrolments(chat: Chat) -> list[Enrolment]:
    async with chat.sessions() as session:
        return list((await session.execute(select(Enrolment))).scalars().all())


async def test_a_newcomer_gets_cards_after_three_taps_and_signs_up(chat: Chat) -> None:
    ids = await stock(chat.sessions)
    await chat.onboard(place="Ieper")  # likes cooking

    said = await chat.click("find_activity")
    assert said.says("Hoe ver kan je gaan?")
    said = await chat.click("bike")
    assert said.says("Hoeveel Nederlands spreek je al?")
    said = await chat.click("dutch_little")

    assert said.says("Dit past bij jou:")
    assert said.says("{number} {title}")
    assert "Samen koken in Ieper" in said.text
    assert "Soep voor de buurt" not in said.text  # Poperinge is 11 km: beyond a bike ride
    kitchen = ids["keuken-ieper"]
    assert said.choices[:2] == [f"act_info:{kitchen}", f"act_enrol:{kitchen}"]

    said = await chat.click(f"act_info:{kitchen}")
    assert said.says("Wie: {organisation}")
    assert said.says("✅ Dit telt mee voor je traject.")
    assert "keuken-ieper@example.org" in said.text

    said = await chat.click(f"act_enrol:{kitchen}")
    assert said.says("Goed! Je bent ingeschreven voor {title}.")
    assert said.says("Zo ga je verder: neem contact op met {organisation}.")
    assert "keuken-ieper@example.org" in said.text
    assert await chat.position() == "activities/enrolled"
    [enrolment] = await _enrolments(chat)
    assert (enrolment.activity_id, enrolment.status) == (kitchen, EnrolmentStatus.INTERESTED)


async def test_the_second_search_asks_nothing_and_remembers_the_answers(chat: Chat) -> None:
    await stock(chat.sessions)
    await chat.onboard(place="Ieper")
    await chat.click("find_activity")
    await chat.click("bus")
    await chat.click("dutch_some")
    await chat.send("/menu")

    said = await chat.click("find_activity")
    assert said.says("Dit past bij jou:")
    assert "Soep voor de buurt" in said.text  # by bus Poperinge is near enough
    async with chat.sessions() as session:
        [profile] = (await session.execute(select(SearchProfile))).scalars().all()
    assert (profile.travel, profile.dutch_level) == ("bus", 2)


async def test_typing_what_and_where_in_the_menu_starts_the_search(chat: Chat) -> None:
    await stock(chat.sessions)
    await chat.onboard(place="Veurne")
    await chat.send("ik wil voetbal in Ieper")
    await chat.send("3")  # by bus
    said = await chat.send("een beetje")

    assert said.says("Dit past bij jou:")
    assert "Voetbal voor iedereen" in said.text
    assert "Samen koken" not in said.text  # sport was asked, not cooking
    assert _card_titles(said)[0] == "Voetbal voor iedereen"  # the typed word ranks first
    said = await chat.send("2")  # "Ik wil dit doen" for the first card, by its number
    assert said.says("Goed! Je bent ingeschreven voor {title}.")


async def test_iets_met_kinderen_and_a_single_word_are_searches_too(chat: Chat) -> None:
    await stock(
        chat.sessions,
        item("speel", "Spelen op het plein", "Ieper", interests=("kinderen",)),
        FOOTBALL_IEPER,
    )
    await chat.onboard(place="Ieper")
    await chat.send("iets met kinderen")
    await chat.click("village")
    said = await chat.click("dutch_little")
    assert "Spelen op het plein" in said.text
    assert "Voetbal" not in said.text

    await chat.click("menu")
    said = await chat.send("voetbal")
    assert "Voetbal voor iedereen" in said.text


async def test_signing_up_twice_is_kind_and_keeps_one_enrolment(chat: Chat) -> None:
    ids = await stock(chat.sessions)
    await chat.onboard(place="Ieper")
    await chat.click("find_activity")
    await chat.click("village")
    await chat.click("dutch_little")
    kitchen = ids["keuken-ieper"]
    await chat.click(f"act_enrol:{kitchen}")

    said = await chat.click(f"act_enrol:{kitchen}")
    assert said.says("Je bent al ingeschreven voor {title}.")
    assert len(await _enrolments(chat)) == 1


async def test_going_together_the_first_time_is_stored_for_a_coach(chat: Chat) -> None:
    ids = await stock(chat.sessions)
    await chat.onboard(place="Ieper")
    await chat.click("find_activity")
    await chat.click("village")
    await chat.click("dutch_little")
    await chat.click(f"act_enrol:{ids['keuken-ieper']}")

    said = await chat.click(f"act_together:{ids['keuken-ieper']}")
    assert said.says("Ik geef door dat je de eerste keer samen wil gaan.")
    assert "act_together" not in " ".join(said.choices)  # asked once is enough
    [enrolment] = await _enrolments(chat)
    assert enrolment.together_requested_at == chat.clock.now()


async def test_a_button_from_an_older_card_still_works_from_the_menu(chat: Chat) -> None:
    ids = await stock(chat.sessions)
    await chat.onboard(place="Ieper")
    await chat.click("find_activity")
    await chat.click("village")
    await chat.click("dutch_little")
    await chat.send("/menu")

    said = await chat.click(f"act_enrol:{ids['keuken-ieper']}")
    assert said.says("Goed! Je bent ingeschreven voor {title}.")
    said = await chat.click("menu")
    assert said.says("Wat wil je doen?")


async def test_nothing_near_says_so_shows_the_nearest_and_records_the_gap(chat: Chat) -> None:
    await stock(chat.sessions, KITCHEN_POPERINGE, READING_IEPER)
    await chat.onboard(place="Ieper")
    await chat.click("find_activity")
    await chat.click("village")
    said = await chat.click("dutch_some")

    assert said.says("Ik vind niets dat goed past, dicht bij jou.")
    assert said.says("Dit is het dichtst bij:")
    assert "Soep voor de buurt" in said.text
    assert "coach" in said.choices
    async with chat.sessions() as session:
        [wish] = (await session.execute(select(UnmetWish))).scalars().all()
    assert (wish.municipality, wish.interests, wish.travel) == ("Ieper", ["koken"], "village")
    assert not hasattr(wish, "person_id")  # a gap is not about a person

    said = await chat.click("coach")
    assert said.says("Ik geef je vraag door aan een coach.")
    assert said.says("Een coach stuurt je een bericht. Meestal binnen 1 werkdag.")
    assert await chat.position() == "menu/main"


async def test_asking_again_for_the_same_does_not_count_the_gap_twice(chat: Chat) -> None:
    await stock(chat.sessions, KITCHEN_POPERINGE)
    await chat.onboard(place="Ieper")
    await chat.click("find_activity")
    await chat.click("village")
    await chat.click("dutch_some")
    await chat.send("/help")
    await chat.click("refine")
    await chat.click("done")
    assert await count_rows(chat.sessions, UnmetWish) == 1


async def test_what_does_not_count_is_shown_only_when_asked_for(chat: Chat) -> None:
    await stock(chat.sessions, READING_IEPER, KITCHEN_IEPER)
    await chat.onboard(place="Ieper")
    await chat.send("lezen")
    await chat.click("village")
    said = await chat.click("dutch_good")
    assert "Boeken lenen" not in said.text

    await chat.click("refine")
    await chat.click("everything")
    said = await chat.click("done")
    assert "Boeken lenen" in said.text
    assert said.says("⚠️ Dit telt nog niet mee voor je traject.")


async def test_with_children_only_where_children_are_welcome(chat: Chat) -> None:
    await stock(chat.sessions)
    await chat.onboard(place="Ieper")
    await chat.send("sport")
    await chat.click("village")
    said = await chat.click("dutch_good")
    assert "Rustig bewegen" in said.text

    await chat.click("refine")
    said = await chat.click("children")
    assert [c.id for c in said.rendered[-1].choices if c.selected] == ["children"]
    said = await chat.click("done")
    assert "Voetbal voor iedereen" in said.text
    assert "Rustig bewegen" not in said.text
    assert said.says("👨‍👩‍👧 Kinderen zijn welkom.")


async def test_more_shows_the_next_three_then_starts_again(chat: Chat) -> None:
    await stock(chat.sessions, *(item(f"k{n}", f"Kookles {n}", "Ieper") for n in range(1, 6)))
    await chat.onboard(place="Ieper")
    await chat.click("find_activity")
    await chat.click("village")
    said = await chat.click("dutch_little")
    assert "Kookles 1" in said.text
    assert "Kookles 4" not in said.text
    said = await chat.click("more")
    assert "Kookles 4" in said.text
    assert "more" not in said.choices


async def test_my_activities_marks_started_and_stopped(chat: Chat) -> None:
    ids = await stock(chat.sessions)
    await chat.onboard(place="Ieper")
    said = await chat.click("my_activities")
    assert said.says("Je hebt je nog niet ingeschreven voor een activiteit.")
    await chat.click(f"act_enrol:{ids['keuken-ieper']}")
    await chat.click("mine")

    said = await chat.click(f"e{(await _enrolments(chat))[0].id}")
    assert said.says("Hoe gaat het?")
    said = await chat.click("started")
    assert said.says("Fijn! Veel plezier bij {title}.")
    assert said.says("{title} in {municipality}: {status}")
    assert "bezig" in said.text
    [enrolment] = await _enrolments(chat)
    assert (enrolment.status, enrolment.started_at) == ("started", chat.clock.now())

    await chat.send("1")  # the one activity
    said = await chat.click("stopped")
    assert said.says("Oké, je bent gestopt met {title}.")
    [enrolment] = await _enrolments(chat)
    assert enrolment.status == "stopped"


async def test_my_data_holds_the_enrolments_and_forget_removes_them(chat: Chat) -> None:
    ids = await stock(chat.sessions)
    await chat.onboard(place="Ieper")
    await chat.click(f"act_together:{ids['keuken-ieper']}")

    said = await chat.send("/mijngegevens")
    assert said.says("Activiteit: {title} ({status})")
    attachment = said.replies[0].attachment
    assert attachment is not None
    exported = json.loads(attachment.content)
    [enrolment] = exported["enrolments"]
    assert enrolment["activity"] == "Samen koken in Ieper"
    assert enrolment["together_requested_at"] is not None

    await chat.send("/vergeet")
    await chat.click("yes")
    assert await count_rows(chat.sessions, Enrolment) == 0
    assert await count_rows(chat.sessions, SearchProfile) == 0


async def test_an_archived_activity_is_gone_kindly(chat: Chat) -> None:
    ids = await stock(chat.sessions, KITCHEN_IEPER, FOOTBALL_IEPER)
    await chat.onboard(place="Ieper")
    await stock(chat.sessions, FOOTBALL_IEPER)  # the kitchen left the list (nobody enrolled)

    said = await chat.click(f"act_enrol:{ids['keuken-ieper']}")
    assert said.says("Die activiteit is er niet meer. Kies een andere.")
    assert said.says("Wat wil je doen?")
    said = await chat.click("act_enrol:nonsense")
    assert said.says("Die activiteit is er niet meer. Kies een andere.")


async def test_the_name_of_an_activity_finds_it_and_nonsense_does_not(chat: Chat) -> None:
    petanque = item("petanque", "Petanque op het plein", "Ieper", interests=("sport",))
    await stock(chat.sessions, petanque, KITCHEN_IEPER)
    await chat.onboard(place="Ieper")
    await chat.send("petanque")
    await chat.send("mijn dorp")
    said = await chat.send("nog niet veel")
    assert "Petanque op het plein" in said.text
    assert "Samen koken" not in said.text

    await chat.click("menu")
    said = await chat.send("blablabla")
    assert said.says("Dat begrijp ik nog niet. Kies iets uit het menu.")


async def test_a_new_search_leaves_out_what_one_already_does(chat: Chat) -> None:
    ids = await stock(chat.sessions, KITCHEN_IEPER, item("k2", "Kookles", "Ieper"))
    await chat.onboard(place="Ieper")
    await chat.click(f"act_enrol:{ids['keuken-ieper']}")
    await chat.click("menu")
    await chat.click("find_activity")
    await chat.click("village")
    said = await chat.click("dutch_little")
    assert _card_titles(said) == ["Kookles"]


async def test_searching_around_another_place_still_measures_from_home(chat: Chat) -> None:
    await stock(chat.sessions, KITCHEN_IEPER)
    await chat.onboard(place="Poperinge")
    await chat.send("koken in Ieper")
    await chat.click("village")  # only in Ieper, the place asked for
    said = await chat.click("dutch_little")
    assert "Samen koken in Ieper" in said.text
    assert "📍 Ieper, 11 km van jou" in said.text
