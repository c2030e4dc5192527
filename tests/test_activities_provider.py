"""A provider on Wegwijs hears who wants to join and says yes or no: two people, one engine."""

from __future__ import annotations

from sqlalchemy import select

from store.activities.models import Activity, Enrolment
from store.people.models import Person, Role
from tests.catalogue import KITCHEN_IEPER, KITCHEN_POPERINGE, stock
from tests.support import Chat, Said


async def _person_id(chat: Chat) -> int:
    person = await chat.person()
    assert person is not None
    return person.id


async def _two(chat: Chat) -> tuple[Chat, Chat, int, dict[str, int]]:
    """Amina (participant, French help) and Ward (the kitchen's contact, Dutch only)."""
    provider = Chat(chat.engine, chat.sessions, chat.clock, address="ward")
    await provider.onboard(name="Ward", place="Ieper", language="nl")
    ward = await _person_id(provider)
    ids = await stock(chat.sessions, KITCHEN_IEPER, KITCHEN_POPERINGE, provider=ward)
    await chat.onboard(name="Amina", place="Ieper", language="fr")
    return chat, provider, ward, ids


async def _enrolment(chat: Chat) -> Enrolment:
    async with chat.sessions() as session:
        return (await session.execute(select(Enrolment))).scalars().one()


async def test_signing_up_asks_the_provider_with_yes_and_no_buttons(chat: Chat) -> None:
    amina, _ward_chat, ward, ids = await _two(chat)

    said = await amina.click(f"act_enrol:{ids['keuken-ieper']}")

    assert said.says("Ik vraag aan {organisation} of je mag komen.")
    [message] = said.told(ward)
    assert message.locale.help_language == "nl"  # Ward reads it in his own language
    assert message.reply.texts[0].msgid == "{name} wil graag meedoen met {title}."
    assert message.reply.texts[0].params == {"name": "Amina", "title": "Samen koken in Ieper"}
    enrolment = await _enrolment(amina)
    assert [choice.id for choice in message.reply.choices] == [
        f"enrol_accept:{enrolment.id}",
        f"enrol_decline:{enrolment.id}",
    ]
    assert enrolment.provider_asked_at == chat.clock.now()


async def test_the_provider_presses_yes_later_and_the_participant_hears_it(chat: Chat) -> None:
    amina, ward_chat, _ward, ids = await _two(chat)
    await amina.click(f"act_enrol:{ids['keuken-ieper']}")
    enrolment = await _enrolment(amina)
    await ward_chat.send("/taal")  # Ward is busy with something else first

    said = await ward_chat.click(f"enrol_accept:{enrolment.id}")

    assert said.says("Dank je! Ik laat het {name} weten.")
    assert said.says("Kies de taal voor de hulp. Ik schrijf altijd eerst in het Nederlands.")
    assert await ward_chat.position() == "language/choose"  # back where he was
    [message] = said.told(await _person_id(amina))
    assert message.locale.help_language == "fr"
    assert [msg.msgid for msg in message.reply.texts][:2] == [
        "Goed nieuws! {organisation} zegt ja.",
        "Je bent welkom bij {title}.",
    ]
    enrolment = await _enrolment(amina)
    assert (enrolment.provider_answer, enrolment.provider_answered_at) == (
        "accepted",
        chat.clock.now(),
    )

    again = await ward_chat.click(f"enrol_accept:{enrolment.id}")
    assert again.says("Die vraag is al beantwoord. Dank je!")
    assert again.others == ()


async def test_without_buttons_typing_ja_answers_then_the_menu_is_back(chat: Chat) -> None:
    amina, ward_chat, _ward, ids = await _two(chat)
    await amina.click(f"act_enrol:{ids['keuken-ieper']}")
    assert await ward_chat.position() == "requests/enrolment"

    said = await ward_chat.send("ja")

    assert said.says("Dank je! Ik laat het {name} weten.")
    assert said.says("Wat wil je doen?")
    assert await ward_chat.position() == "menu/main"
    assert (await _enrolment(amina)).provider_answer == "accepted"


async def test_no_by_number_stops_the_enrolment_and_offers_another_search(chat: Chat) -> None:
    amina, ward_chat, _ward, ids = await _two(chat)
    await amina.click(f"act_enrol:{ids['keuken-ieper']}")

    said = await ward_chat.send("2")

    assert said.says("Oké. Ik laat het {name} weten.")
    [message] = said.others
    assert message.reply.texts[0].msgid == "{organisation} kan je nu niet ontvangen bij {title}."
    assert [choice.id for choice in message.reply.choices] == ["act_search:"]
    assert (await _enrolment(amina)).status == "stopped"

    said = await amina.click("act_search:")
    assert said.says("Hoe ver kan je gaan?")


async def test_a_provider_in_the_middle_of_onboarding_keeps_their_place(chat: Chat) -> None:
    ward_chat = Chat(chat.engine, chat.sessions, chat.clock, address="ward")
    await ward_chat.begin("nl")  # consented, now asked for a name
    ward = await _person_id(ward_chat)
    ids = await stock(chat.sessions, KITCHEN_IEPER, provider=ward)
    await chat.onboard(name="Amina", place="Ieper")
    await chat.click(f"act_enrol:{ids['keuken-ieper']}")

    said = await ward_chat.send("ja")
    assert said.says("Dank je! Ik laat het {name} weten.")
    assert said.says("Hoe heet je? Je voornaam of een bijnaam is genoeg.")
    said = await ward_chat.send("Ward")  # a provider is asked nothing a participant is asked
    assert said.says("Klaar, {name}! Welkom bij Wegwijs.")
    assert "requests" in said.choices


async def test_two_requests_are_answered_one_after_the_other(chat: Chat) -> None:
    amina, ward_chat, ward, ids = await _two(chat)
    omar = Chat(chat.engine, chat.sessions, chat.clock, address="omar")
    await omar.onboard(name="Omar", place="Ieper", language="en")
    await amina.click(f"act_enrol:{ids['keuken-ieper']}")
    said = await omar.click(f"act_enrol:{ids['keuken-pop']}")
    assert said.told(ward)

    said = await ward_chat.send("ja")  # the open question is the newest: Omar's
    assert said.says("{name} wil graag meedoen met {title}.")  # then Amina's is asked
    assert said.told(await _person_id(omar))
    said = await ward_chat.send("nee")
    assert said.told(await _person_id(amina))
    assert said.says("Wat wil je doen?")
    async with chat.sessions() as session:
        answers = {
            e.person_id: e.provider_answer
            for e in (await session.execute(select(Enrolment))).scalars()
        }
    assert answers == {await _person_id(omar): "accepted", await _person_id(amina): "declined"}


async def test_only_the_provider_or_staff_may_answer(chat: Chat) -> None:
    amina, _ward_chat, _ward, ids = await _two(chat)
    await amina.click(f"act_enrol:{ids['keuken-ieper']}")
    enrolment = await _enrolment(amina)
    stranger = Chat(chat.engine, chat.sessions, chat.clock, address="stranger")
    await stranger.onboard(name="Kim", place="Ieper")

    said = await stranger.click(f"enrol_accept:{enrolment.id}")
    assert said.says("Die vraag is voor iemand anders.")
    assert (await _enrolment(amina)).provider_answer is None

    async with chat.sessions() as session, session.begin():
        person = await session.get(Person, await _person_id(stranger))
        assert person is not None
        person.grant(Role.STAFF)
    said = await stranger.click(f"enrol_accept:{enrolment.id}")
    assert said.says("Dank je! Ik laat het {name} weten.")


async def test_a_provider_who_said_stop_is_not_asked_and_the_participant_gets_contacts(
    chat: Chat,
) -> None:
    amina, ward_chat, _ward, ids = await _two(chat)
    await ward_chat.send("/stop")

    said: Said = await amina.click(f"act_enrol:{ids['keuken-ieper']}")
    assert said.others == ()
    assert said.says("Zo ga je verder: neem contact op met {organisation}.")
    assert (await _enrolment(amina)).provider_asked_at is None


async def test_a_request_whose_participant_left_is_gone_kindly(chat: Chat) -> None:
    amina, ward_chat, _ward, ids = await _two(chat)
    await amina.click(f"act_enrol:{ids['keuken-ieper']}")
    await amina.send("/vergeet")
    await amina.click("yes")

    said = await ward_chat.send("ja")
    assert said.says("Die vraag is er niet meer.")
    assert await ward_chat.position() == "menu/main"


async def test_a_request_left_for_later_waits_in_my_activities(chat: Chat) -> None:
    amina, ward_chat, _ward, ids = await _two(chat)
    await amina.click(f"act_enrol:{ids['keuken-ieper']}")
    await ward_chat.send("/menu")  # Ward leaves the question for later

    said = await ward_chat.click("requests")
    assert said.says("Deze mensen wachten op jouw antwoord:")
    assert said.says("{name} wil graag meedoen met {title}.")
    enrolment = await _enrolment(amina)
    said = await ward_chat.click(f"r{enrolment.id}")
    assert said.says("Is dat goed?")
    said = await ward_chat.send("ja")
    assert said.says("Dank je! Ik laat het {name} weten.")
    assert said.says("Wat wil je doen?")

    said = await ward_chat.click("requests")
    assert said.says("Niemand wacht op jouw antwoord.")


async def test_a_provider_who_is_forgotten_leaves_the_activity_without_a_contact(
    chat: Chat,
) -> None:
    amina, ward_chat, _ward, ids = await _two(chat)
    await ward_chat.send("/vergeet")
    await ward_chat.click("yes")

    async with chat.sessions() as session:
        activity = await session.get(Activity, ids["keuken-ieper"])
        assert activity is not None
        assert activity.provider_person_id is None
    said = await amina.click(f"act_enrol:{ids['keuken-ieper']}")
    assert said.others == ()
    assert said.says("Zo ga je verder: neem contact op met {organisation}.")
