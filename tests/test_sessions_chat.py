"""Taalplezier in the chat: Amina says she comes with her children, she and her buddy Ward get
the reminder the evening before and a little before, once; afterwards she is asked "Was je er?".

The clock is moved, never slept; each round claims its rows, so a second round or a restart
sends nothing again."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from bot.bootstrap import Wegwijs
from bot.jobs import sessions as session_jobs
from bot.settings import Settings
from store.buddies import links
from store.people.models import Role
from store.sessions import rsvps
from tests.hours_support import grant, other, person_id
from tests.sessions_support import data, local, series
from tests.support import Chat, FakeClock

WEDNESDAY = local(2026, 12, 16, 14)  # Bib Ieper, 14:00 to 15:30 Brussels time
MONDAY = datetime(2026, 12, 14, 9, 0, tzinfo=UTC)


@pytest.fixture
async def wegwijs(database_url: str, tmp_path: Path) -> AsyncIterator[Wegwijs]:
    running = await Wegwijs.start(
        Settings(database_url=database_url, data_dir=tmp_path), FakeClock(MONDAY)
    )
    yield running
    await running.close()


def clock_of(wegwijs: Wegwijs) -> FakeClock:
    clock = wegwijs.clock
    assert isinstance(clock, FakeClock)
    return clock


async def texts(wegwijs: Wegwijs, address: str) -> list[str]:
    return [message.text for message in await wegwijs.waiting("console", address)]


async def amina_and_ward(wegwijs: Wegwijs) -> tuple[Chat, Chat]:
    clock = clock_of(wegwijs)
    amina = Chat(wegwijs.engine, wegwijs.sessions, clock, address="amina")
    await amina.onboard(name="Amina", place="Ieper", language="nl")
    ward = other(amina, "ward")
    await ward.onboard(name="Ward", place="Ieper", language="nl")
    await grant(ward, Role.BUDDY)
    async with wegwijs.sessions() as session, session.begin():
        await links.link(session, await person_id(ward), await person_id(amina), clock.now())
    return amina, ward


async def test_coming_with_children_then_reminders_to_her_and_her_buddy_once(
    wegwijs: Wegwijs,
) -> None:
    clock = clock_of(wegwijs)
    [sid] = await series(wegwijs.sessions, data(WEDNESDAY))
    amina, _ward = await amina_and_ward(wegwijs)

    listed = await amina.send("/taalplezier")
    assert listed.says("Kies een dag voor Taalplezier. We lezen samen verhalen.")
    assert listed.choices == [f"ses_open:{sid}", "menu"]
    assert listed.labels[0] == "woensdag 16 december, 14:00 tot 15:30, Bib Ieper (Ieper)"
    shown = await amina.click(f"ses_open:{sid}")
    assert shown.says("Kom je?")
    assert shown.labels == [
        "Ik kom",
        "Misschien",
        "Ik kom niet",
        "Zet in mijn agenda",
        "Terug naar het menu",
    ]
    children = await amina.click(f"ses_yes:{sid}")
    assert children.says("Komen er kinderen mee? Hoeveel?")
    assert children.labels == [
        "Geen kinderen",
        "1 kind",
        "2 kinderen",
        "3 kinderen",
        "4 kinderen",
        "5 kinderen",
        "6 kinderen",
    ]
    said = await amina.click("2")
    assert said.says("Fijn! Je krijgt de dag ervoor een herinnering.")
    async with wegwijs.sessions() as session:
        answered = await rsvps.of(session, sid, await person_id(amina))
        assert answered is not None
        assert (answered.answer, answered.children) == ("yes", 2)

    clock.current = local(2026, 12, 15, 17, 59).astimezone(UTC)
    assert (await session_jobs.remind(wegwijs)).messages == 0
    clock.advance(minutes=2)  # Tuesday 18:01 in Ieper
    assert (await session_jobs.remind(wegwijs)).messages == 2
    [to_amina] = await texts(wegwijs, "amina")
    assert to_amina.startswith("Morgen is er Taalplezier. Tot dan!")
    assert "woensdag 16 december, 14:00 tot 15:30" in to_amina
    [to_ward] = await texts(wegwijs, "ward")
    assert to_ward.startswith("Herinnering: morgen gaat Amina naar Taalplezier. Jij gaat mee.")
    clock.advance(minutes=5)
    assert (await session_jobs.remind(wegwijs)).claimed == 0  # sent once

    clock.current = WEDNESDAY.astimezone(UTC) - timedelta(hours=2)
    assert (await session_jobs.remind(wegwijs)).messages == 2
    assert (await texts(wegwijs, "amina"))[0].startswith("Straks begint Taalplezier.")
    assert (await texts(wegwijs, "ward"))[0].startswith("Straks gaat Amina naar Taalplezier.")

    clock.current = WEDNESDAY.astimezone(UTC) + timedelta(hours=2)  # 30 minutes after the end
    assert (await session_jobs.remind(wegwijs)).messages == 1  # only Amina is asked
    [asked] = await wegwijs.waiting("console", "amina")
    assert asked.text.startswith("Was je er?")
    assert [choice.id for choice in asked.choices] == [f"ses_was:{sid}", f"ses_missed:{sid}"]
    assert await texts(wegwijs, "ward") == []
    thanked = await amina.click(f"ses_was:{sid}")
    assert thanked.says("Fijn dat je er was! Tot de volgende keer.")
    async with wegwijs.sessions() as session:
        answered = await rsvps.of(session, sid, await person_id(amina))
        assert answered is not None
        assert answered.attended is True


async def test_not_coming_after_all_means_no_reminder_for_her_or_her_buddy(
    wegwijs: Wegwijs,
) -> None:
    clock = clock_of(wegwijs)
    [sid] = await series(wegwijs.sessions, data(WEDNESDAY))
    amina, _ward = await amina_and_ward(wegwijs)
    await amina.click(f"ses_yes:{sid}:0")
    said = await amina.click(f"ses_no:{sid}")
    assert said.says("Jammer. Misschien de volgende keer!")
    clock.current = WEDNESDAY.astimezone(UTC) + timedelta(hours=3)
    assert (await session_jobs.remind(wegwijs)).messages == 0
    assert await texts(wegwijs, "amina") == []
    assert await texts(wegwijs, "ward") == []


async def test_a_restart_sends_nothing_twice_and_a_bot_down_too_long_sends_nothing_late(
    wegwijs: Wegwijs, database_url: str, tmp_path: Path
) -> None:
    clock = clock_of(wegwijs)
    [sid] = await series(wegwijs.sessions, data(WEDNESDAY))
    amina, _ward = await amina_and_ward(wegwijs)
    await amina.click(f"ses_yes:{sid}:0")
    clock.current = local(2026, 12, 15, 18, 1).astimezone(UTC)
    assert (await session_jobs.remind(wegwijs)).messages == 2

    again = await Wegwijs.start(Settings(database_url=database_url, data_dir=tmp_path), clock)
    try:
        assert (await session_jobs.remind(again)).claimed == 0
        # Down from 10:00 to 13:00 on Wednesday: "Straks" (12:00) is too late to mean anything.
        clock.current = WEDNESDAY.astimezone(UTC) - timedelta(hours=1)
        ticked = await session_jobs.remind(again)
        assert (ticked.claimed, ticked.missed, ticked.messages) == (0, 2, 0)
    finally:
        await again.close()


async def test_a_full_session_gives_a_place_to_the_first_waiting_when_someone_cancels(
    wegwijs: Wegwijs,
) -> None:
    clock = clock_of(wegwijs)
    [sid] = await series(wegwijs.sessions, data(WEDNESDAY, capacity=2))
    amina, _ward = await amina_and_ward(wegwijs)
    yusuf = other(amina, "yusuf")
    await yusuf.onboard(name="Yusuf", place="Ieper", language="nl")
    await amina.click(f"ses_yes:{sid}:1")  # Amina and one child: full
    waiting = await yusuf.click(f"ses_yes:{sid}:0")
    assert waiting.says("De sessie is vol. Je staat op de wachtlijst.")
    await amina.click(f"ses_no:{sid}")
    assert (await session_jobs.remind(wegwijs)).messages == 1
    [told] = await texts(wegwijs, "yusuf")
    assert told.startswith("Er is een plaats vrij voor jou!")
    assert await texts(wegwijs, "ward") == []
    clock.advance(minutes=1)
    assert (await session_jobs.remind(wegwijs)).claimed == 0


async def test_an_old_or_strange_button_gets_a_kind_answer(wegwijs: Wegwijs) -> None:
    [sid] = await series(wegwijs.sessions, data(WEDNESDAY))
    amina, _ward = await amina_and_ward(wegwijs)
    assert (await amina.click("ses_open:999")).says("Die sessie vind ik niet meer.")
    assert (await amina.click("ses_yes:abc")).says("Die sessie vind ik niet meer.")
    assert (await amina.click(f"ses_was:{sid}")).says("Dat kan pas na de sessie.")
    clock_of(wegwijs).current = WEDNESDAY.astimezone(UTC) + timedelta(minutes=5)
    assert (await amina.click(f"ses_yes:{sid}:0")).says("Deze sessie is al voorbij.")


async def test_more_children_are_typed_and_too_many_or_words_get_a_kind_answer(
    wegwijs: Wegwijs,
) -> None:
    [sid] = await series(wegwijs.sessions, data(WEDNESDAY, capacity=30))
    amina, _ward = await amina_and_ward(wegwijs)
    await amina.click(f"ses_open:{sid}")
    await amina.click(f"ses_yes:{sid}")

    words = await amina.send("veel")
    assert words.says("Typ een getal, bijvoorbeeld 2.")
    assert words.says("Komen er kinderen mee? Hoeveel?")  # the question stays
    too_many = await amina.send("40 kinderen")
    assert too_many.says("Dat zijn te veel kinderen voor één sessie.")
    async with wegwijs.sessions() as session:
        assert await rsvps.of(session, sid, await person_id(amina)) is None
    await amina.click(f"ses_open:{sid}")
    await amina.click(f"ses_yes:{sid}")
    said = await amina.send("7 kinderen")
    assert said.says("Fijn! Je krijgt de dag ervoor een herinnering.")
    async with wegwijs.sessions() as session:
        answered = await rsvps.of(session, sid, await person_id(amina))
        assert answered is not None
        assert (answered.answer, answered.children) == ("yes", 7)


async def test_maybe_is_reminded_like_yes_and_an_adults_session_asks_no_children(
    wegwijs: Wegwijs,
) -> None:
    [sid, adults] = await series(
        wegwijs.sessions,
        data(WEDNESDAY),
        data(WEDNESDAY + timedelta(days=7), audience="adults"),
    )
    amina, _ward = await amina_and_ward(wegwijs)
    said = await amina.click(f"ses_maybe:{sid}")
    assert said.says("Oké. Je krijgt de dag ervoor een herinnering.")
    clock = clock_of(wegwijs)
    clock.current = local(2026, 12, 15, 18, 1).astimezone(UTC)
    assert (await session_jobs.remind(wegwijs)).messages == 2  # Amina and her buddy Ward

    direct = await amina.click(f"ses_yes:{adults}")
    assert direct.says("Fijn! Je krijgt de dag ervoor een herinnering.")
    async with wegwijs.sessions() as session:
        answered = await rsvps.of(session, adults, await person_id(amina))
        assert answered is not None
        assert (answered.answer, answered.children) == ("yes", 0)


async def test_zet_in_mijn_agenda_gives_an_ics_in_brussels_time_with_the_place(
    wegwijs: Wegwijs,
) -> None:
    [sid] = await series(wegwijs.sessions, data(WEDNESDAY, address="Weverijstraat 1, 8900 Ieper"))
    amina, _ward = await amina_and_ward(wegwijs)
    said = await amina.click(f"ses_ics:{sid}")

    assert said.says("Open het bestand. Dan staat Taalplezier in je agenda.")
    sent = said.replies[0].attachment
    assert sent is not None
    assert (sent.filename, sent.media_type) == ("taalplezier-2026-12-16.ics", "text/calendar")
    calendar = Calendar.from_ical(sent.content)
    [event] = calendar.walk("VEVENT")
    assert event.decoded("dtstart") == WEDNESDAY
    assert event["DTSTART"].params["TZID"] == "Europe/Brussels"
    assert event.decoded("dtend") == WEDNESDAY + timedelta(hours=1, minutes=30)
    assert str(event["LOCATION"]) == "Bib Ieper, Weverijstraat 1, 8900 Ieper, Ieper"
    assert str(event["SUMMARY"]) == "Taalplezier in de bib"
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Brussels"
    # Brussels time in winter is UTC+1: the file says 14:00 there, 13:00 UTC.
    assert event.decoded("dtstart").astimezone(UTC).hour == 13

    clock_of(wegwijs).current = WEDNESDAY.astimezone(UTC) + timedelta(minutes=1)
    assert (await amina.click(f"ses_ics:{sid}")).says("Deze sessie is al voorbij.")


@pytest.mark.parametrize(
    "asked",
    [
        "wanneer is taalplezier",
        "voorlezen in de bib?",
        "verhaaltjes voor mijn zoon",
        "story time at the library",
        "lecture de contes",
        "قراءة القصص للأطفال",
        "читання казок",
    ],
)
async def test_asking_in_own_words_lists_the_sessions(wegwijs: Wegwijs, asked: str) -> None:
    [sid] = await series(wegwijs.sessions, data(WEDNESDAY))
    amina, _ward = await amina_and_ward(wegwijs)
    said = await amina.send(asked)
    assert said.says("Kies een dag voor Taalplezier. We lezen samen verhalen.")
    assert said.choices == [f"ses_open:{sid}", "menu"]
