"""Mijn uren: the bar, confirmed and waiting hours, weeks left, milestones; QR link; removing."""

from __future__ import annotations

import json
from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from dialogs.engine import Engine
from dialogs.hours.setup import HoursSetup
from dialogs.hours.texts import bar
from store.hours import goals, links
from store.hours.models import ConfirmationLink, HourEntry, HourGoal
from store.people.models import Role
from tests.hours_support import entries, grant, other, person_id, signed_up
from tests.support import BRUSSELS, KNOWLEDGE, Chat, count_rows


async def _confirm_all(chat: Chat) -> None:
    coach = other(chat, "coach")
    if await coach.person() is None:
        await coach.onboard(name="Lotte", place="Ieper")
        await grant(coach, Role.COACH)
    for entry in await entries(chat):
        if entry.status == "pending":
            await coach.click(f"hours_yes:{entry.id}.{entry.version}")


async def _log(chat: Chat, text: str) -> None:
    said = await chat.send(text)
    assert said.says("Klopt dat?"), said.text
    await chat.click("yes")


async def test_my_hours_shows_the_bar_confirmed_waiting_and_weeks_left(
    chat: Chat, sessions: async_sessionmaker[AsyncSession]
) -> None:
    await signed_up(chat)
    for days_ago in range(1, 5):  # four days of 4 hours: 16 confirmed
        await _log(chat, f"4 uur {days_ago} dagen geleden")
    await _confirm_all(chat)
    await _log(chat, "vandaag 2,5 uur")
    async with sessions() as session, session.begin():
        await goals.set_deadline(
            session, await person_id(chat), date(2026, 12, 31), 1, chat.clock.now()
        )

    said = await chat.send("hoeveel uren heb ik?")

    assert "▓▓▓▓░░░░░░ 16/40" in said.text
    assert "Bevestigd: 16 van 40 uur." in said.text
    assert "Wacht nog op bevestiging: 2,5 uur." in said.text
    assert "Samen koken in Ieper: 16 uur bevestigd, 2,5 uur wacht." in said.text
    assert "Nog 7 weken tot donderdag 31 december." in said.text
    assert said.labels[0].startswith("12 november: 2 uur en 30 minuten")


async def test_milestones_are_cheered_once_and_forty_brings_the_overview(chat: Chat) -> None:
    await signed_up(chat)
    amina = await person_id(chat)
    for days_ago in range(1, 4):
        await _log(chat, f"4 uur {days_ago} dagen geleden")
    coach = other(chat, "coach")
    await coach.onboard(name="Lotte", place="Ieper")
    await grant(coach, Role.COACH)
    cheers = []
    for entry in await entries(chat):
        said = await coach.click(f"hours_yes:{entry.id}.1")
        cheers += [m.msgid for o in said.told(amina) for m in o.reply.texts]
    assert cheers.count("🎉 Al {hours} uur bevestigd! Goed bezig.") == 1  # 12 h: 10 passed once

    for days_ago in range(4, 11):  # 7 more days of 4 hours: 40
        await _log(chat, f"4 uur {days_ago} dagen geleden")
    told = []
    for entry in await entries(chat):
        if entry.status == "pending":
            said = await coach.click(f"hours_yes:{entry.id}.1")
            told += [o.reply for o in said.told(amina)]
    msgids = [m.msgid for reply in told for m in reply.texts]
    assert msgids.count("🎉 Al {hours} uur bevestigd! Goed bezig.") == 2  # 20 and 30
    assert msgids.count("🎉 Proficiat! Je hebt {hours} uur. Ze zijn bevestigd.") == 1
    assert "Je overzicht kan ik hier nog niet maken. Vraag het aan je coach." in msgids
    async with chat.sessions() as session:
        goal = await session.get(HourGoal, amina)
        assert goal is not None
        assert goal.milestone == 40


async def test_laat_bevestigen_gives_a_link_and_a_qr_code_once(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    from tests.support import FakeClock

    clock = FakeClock()
    setup = HoursSetup(secret="test-secret", public_url="https://wegwijs.example/")
    chat = Chat(Engine(KNOWLEDGE, clock, BRUSSELS, setup), sessions, clock)
    await signed_up(chat)
    await _log(chat, "gisteren 3 uur")
    [entry] = await entries(chat)

    said = await chat.click(f"hours_share:{entry.id}")
    reply = said.replies[0]
    assert reply.attachment is not None
    assert reply.attachment.media_type == "image/png"
    assert reply.attachment.content.startswith(b"\x89PNG")
    [link] = [m.params["text"] for m in reply.texts if m.msgid == "{text}"]
    assert isinstance(link, str)
    assert link.startswith("https://wegwijs.example/bevestig/")
    again = await chat.click(f"hours_share:{entry.id}")  # pressed twice: the same link
    assert [m.params.get("text") for m in again.replies[0].texts if m.msgid == "{text}"] == [link]
    assert await count_rows(sessions, ConfirmationLink) == 1

    token = link.rsplit("/", 1)[1]
    async with sessions() as session:
        found = await links.look_up(session, token, "test-secret", clock.now())
        assert found.state == "open"
        forged = await links.look_up(session, token + "x", "test-secret", clock.now())
        assert forged.state == "unknown"
        later = clock.now() + timedelta(days=15)
        assert (await links.look_up(session, token, "test-secret", later)).state == "expired"


async def test_laat_bevestigen_without_a_web_address_says_whom_to_ask(chat: Chat) -> None:
    await signed_up(chat)
    await _log(chat, "gisteren 3 uur")
    [entry] = await entries(chat)
    said = await chat.click(f"hours_share:{entry.id}")
    assert said.says("Bevestigen met een link kan hier nog niet.")


async def test_a_waiting_entry_can_be_removed_a_confirmed_one_not(chat: Chat) -> None:
    await signed_up(chat)
    await _log(chat, "gisteren 3 uur")
    await _log(chat, "vandaag 2 uur")
    first, second = await entries(chat)
    await _confirm_all(chat)  # both confirmed …
    async with chat.sessions() as session, session.begin():
        row = await session.get(HourEntry, second.id)
        assert row is not None
        row.status = "pending"  # … and the second one waiting again

    await chat.send("/menu")
    await chat.click("my_hours")
    said = await chat.click(f"x{second.id}")
    assert said.says("Die uren wachten op bevestiging.")
    await chat.click("remove")
    said = await chat.click("yes")
    assert said.says("Oké, die uren zijn weg.")
    statuses = [e.status for e in await entries(chat)]
    assert statuses == ["confirmed", "removed"]
    assert f"x{first.id}" not in said.choices  # confirmed: only a coach can correct it


async def test_my_data_and_forget_cover_the_hours(chat: Chat) -> None:
    await signed_up(chat)
    await _log(chat, "gisteren 3 uur")

    said = await chat.send("/mijngegevens")
    assert "Uren: 0 bevestigd, 3 wacht nog." in said.text
    attachment = said.replies[0].attachment
    assert attachment is not None
    exported = json.loads(attachment.content)
    assert exported["hours"][0]["minutes"] == 180
    assert {"confirmation_links", "hour_corrections", "hours_goal", "hour_overviews"} <= set(
        exported
    )

    await chat.send("/vergeet")
    await chat.click("yes")
    assert await count_rows(chat.sessions, HourEntry) == 0


def test_the_bar_shows_the_first_hours_and_is_full_only_at_the_target() -> None:
    assert bar(0, 40) == "░░░░░░░░░░ 0/40"
    assert bar(3 * 60, 40) == "▓░░░░░░░░░ 3/40"
    assert bar(39 * 60 + 45, 40) == "▓▓▓▓▓▓▓▓▓░ 39,75/40"
    assert bar(41 * 60, 40) == "▓▓▓▓▓▓▓▓▓▓ 41/40"
