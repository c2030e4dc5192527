"""/koppel: one person on Telegram and Signal, read as the two conversations."""

from __future__ import annotations

import json

from sqlalchemy import select

from store.activities.models import Enrolment
from store.people import link_codes
from store.people.models import ChannelAccount, LinkCode, Person, Role
from tests.catalogue import stock
from tests.support import Chat, Said, count_rows

SIGNAL_UUID = "7ccae375-cd51-4c82-8b1e-7be3280aa485"


def on_signal(chat: Chat) -> Chat:
    return Chat(chat.engine, chat.sessions, chat.clock, address=SIGNAL_UUID, channel="signal")


def code_of(said: Said) -> str:
    [code] = [
        str(msg.params["code"]) for r in said.replies for msg in r.texts if "code" in msg.params
    ]
    return code


async def telegram_amina(chat: Chat) -> Chat:
    chat.channel, chat.address = "telegram", "5001"
    await chat.onboard(name="Amina", place="Ieper", language="fr")
    return chat


async def test_a_code_from_telegram_typed_on_signal_makes_one_person(chat: Chat) -> None:
    ids = await stock(chat.sessions)
    telegram = await telegram_amina(chat)
    await telegram.click(f"act_enrol:{ids['keuken-ieper']}")
    offered = await telegram.send("/koppel")
    assert offered.says("Wil je ook in een andere app met mij praten? Typ daar deze code:")
    code = code_of(offered)
    assert offered.says("De code werkt één keer, {minutes} minuten lang.")

    signal = on_signal(chat)
    linked = await signal.send(code)  # her very first message on Signal

    assert linked.says("Gelukt! Je accounts zijn nu gekoppeld.")
    assert linked.says("Wat wil je doen?")  # straight to the menu, in French help
    assert "🌐" in linked.text
    assert await count_rows(chat.sessions, Person) == 1
    shown = await signal.send("/mijngegevens")
    assert "Je praat met mij via: Telegram, Signal" in shown.text
    assert "Activiteit: Samen koken in Ieper" in shown.text
    [file] = [r.attachment for r in shown.replies if r.attachment is not None]
    exported = json.loads(file.content)
    assert [a["channel"] for a in exported["channel_accounts"]] == ["telegram", "signal"]
    assert [e["activity"] for e in exported["enrolments"]] == ["Samen koken in Ieper"]
    # The same on Telegram: one conversation, one set of data.
    again = await telegram.send("/mijngegevens")
    assert again.text == shown.text


async def test_a_half_started_conversation_on_signal_joins_the_known_person(chat: Chat) -> None:
    telegram = await telegram_amina(chat)
    code = code_of(await telegram.send("/koppel"))
    signal = on_signal(chat)
    await signal.send("hallo")
    await signal.click("en")  # she began again on Signal, with English help

    linked = await signal.send(f"/koppel {code.lower()}")

    assert linked.says("Gelukt! Je accounts zijn nu gekoppeld.")
    person = await signal.person()
    assert person is not None
    assert (person.name, person.help_language, person.interests) == ("Amina", "fr", ["koken"])
    assert await signal.position() == await telegram.position() == "menu/main"
    assert await count_rows(chat.sessions, Person) == 1


async def test_what_the_staying_person_lacks_comes_from_the_other(chat: Chat) -> None:
    telegram = await telegram_amina(chat)
    signal = on_signal(chat)
    await signal.onboard(name="Mina", place="Poperinge", language="en")
    async with chat.sessions() as session, session.begin():
        other = (await session.scalars(select(Person).where(Person.name == "Mina"))).one()
        other.interests = ["sport", "koken"]
        other.grant(Role.COACH)
    code = code_of(await signal.send("/koppel"))

    await telegram.send(code)

    person = await telegram.person()
    assert person is not None
    # Amina onboarded first: her name, place and language stay; interests and roles are joined.
    assert (person.name, person.municipality, person.help_language) == ("Amina", "Ieper", "fr")
    assert person.interests == ["koken", "sport"]
    assert person.roles == {Role.PARTICIPANT, Role.COACH}
    assert await count_rows(chat.sessions, Person) == 1


async def test_wrong_expired_used_and_own_codes(chat: Chat) -> None:
    telegram = await telegram_amina(chat)
    signal = on_signal(chat)
    await signal.send("hallo")

    wrong = await signal.send("/koppel KT47MX")
    assert wrong.says("Die code ken ik niet. Kijk of hij juist is.")
    assert "In welke taal wil je hulp?" in wrong.text  # the open question again

    code = code_of(await telegram.send("/koppel"))
    own = await telegram.send(code)
    assert own.says("Die code is van dit gesprek. Typ hem in je andere app.")

    chat.clock.advance(minutes=16)
    late = await signal.send(code)
    assert late.says("Die code is te oud. Stuur /koppel voor een nieuwe.")

    fresh = code_of(await telegram.send("/koppel"))
    assert (await signal.send(fresh)).says("Gelukt! Je accounts zijn nu gekoppeld.")
    stranger = Chat(chat.engine, chat.sessions, chat.clock, address="9", channel="signal")
    used = await stranger.send(fresh)
    assert used.says("Die code is al gebruikt. Stuur /koppel voor een nieuwe.")
    assert "In welke taal wil je hulp?" in used.text  # a stranger starts as a newcomer
    assert await count_rows(chat.sessions, Person) == 2


async def test_no_code_before_consent_but_a_way_to_link(chat: Chat) -> None:
    signal = on_signal(chat)
    await signal.send("hallo")
    said = await signal.send("/koppel")
    assert said.says("Praat je al met mij in een andere app? Stuur daar /koppel.")
    assert await count_rows(chat.sessions, LinkCode) == 0


async def test_the_code_is_short_plain_and_stored_hashed(chat: Chat) -> None:
    telegram = await telegram_amina(chat)
    first = code_of(await telegram.send("/koppel"))
    code = code_of(await telegram.send("/koppel"))  # a new code: the first one stops working
    assert len(code) == 6
    assert set(code) <= set(link_codes.ALPHABET)
    assert not set(code) & set("0O1IL5S2Z8B")
    async with chat.sessions() as session:
        [row] = (await session.scalars(select(LinkCode))).all()
    assert row.code_hash == link_codes.digest(code) != code
    assert code not in row.code_hash
    assert (await on_signal(chat).send(first)).says("Die code ken ik niet. Kijk of hij juist is.")


async def test_names_and_words_are_not_taken_for_codes() -> None:
    for text in ("Mehmet", "Amina", "KTMAXR", "347967", "hallo", "3u30", "12u30m", "koken"):
        assert not link_codes.looks_like_code(text), text
    assert link_codes.looks_like_code("kt4-7mx")
    assert link_codes.looks_like_code("KT4 7MX")


async def test_linking_moves_the_enrolments_and_keeps_one_per_activity(chat: Chat) -> None:
    ids = await stock(chat.sessions)
    telegram = await telegram_amina(chat)
    await telegram.click(f"act_enrol:{ids['keuken-ieper']}")
    signal = on_signal(chat)
    await signal.onboard(name="Amina", place="Ieper", language="fr")
    await signal.click(f"act_enrol:{ids['keuken-ieper']}")
    await signal.click(f"act_enrol:{ids['voetbal-ieper']}")
    code = code_of(await telegram.send("/koppel"))

    await signal.send(code)

    async with chat.sessions() as session:
        enrolments = (await session.scalars(select(Enrolment))).all()
        accounts = (await session.scalars(select(ChannelAccount))).all()
    assert sorted(e.activity_id for e in enrolments) == sorted(
        [ids["keuken-ieper"], ids["voetbal-ieper"]]
    )
    assert len({e.person_id for e in enrolments} | {a.person_id for a in accounts}) == 1


async def test_the_hours_of_both_become_one_set(chat: Chat) -> None:
    ids = await stock(chat.sessions)
    telegram = await telegram_amina(chat)
    await telegram.click(f"act_enrol:{ids['keuken-ieper']}")
    await telegram.send("/menu")
    await telegram.send("gisteren 2 uur bij samen koken")
    await telegram.send("ja")
    signal = on_signal(chat)
    await signal.onboard(name="Amina", place="Ieper", language="fr")
    await signal.click(f"act_enrol:{ids['keuken-ieper']}")  # the same activity, twice
    await signal.send("/menu")
    await signal.send("vandaag 1 uur bij samen koken")
    await signal.send("ja")
    code = code_of(await telegram.send("/koppel"))

    await signal.send(code)

    for side in (signal, telegram):
        progress = await side.send("hoeveel uren heb ik?")
        assert "Wacht nog op bevestiging: 3 uur." in progress.text
        assert "Samen koken in Ieper: 0 uur bevestigd, 3 uur wacht." in progress.text
