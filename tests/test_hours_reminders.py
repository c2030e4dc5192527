"""Reminders: after 3 days one to the participant (and the contact), after 14 days staff hear it.

The clock is moved, never slept; each run claims in the store, so nothing is sent twice.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.bootstrap import Wegwijs
from bot.jobs import hours, updates
from bot.settings import Settings
from store.people.models import Role
from store.updates import ProcessedUpdate
from tests.catalogue import KITCHEN_IEPER, stock
from tests.hours_support import entries, grant, other, person_id
from tests.support import Chat, FakeClock, count_rows


@pytest.fixture
async def wegwijs(database_url: str, tmp_path: Path, clock: FakeClock) -> AsyncIterator[Wegwijs]:
    settings = Settings(database_url=database_url, data_dir=tmp_path)
    running = await Wegwijs.start(settings, clock)
    yield running
    await running.close()


async def _waiting_texts(wegwijs: Wegwijs, address: str) -> list[str]:
    return [message.text for message in await wegwijs.waiting("console", address)]


async def test_one_reminder_after_three_days_and_staff_after_fourteen(
    wegwijs: Wegwijs, clock: FakeClock
) -> None:
    amina = Chat(wegwijs.engine, wegwijs.sessions, clock, address="amina")
    ward = other(amina, "ward")
    await ward.onboard(name="Ward", place="Ieper", language="nl")
    staff = other(amina, "els")
    await staff.onboard(name="Els", place="Ieper", language="nl")
    await grant(staff, Role.STAFF)
    ids = await stock(amina.sessions, KITCHEN_IEPER, provider=await person_id(ward))
    await amina.onboard(name="Amina", place="Ieper", language="nl")
    await amina.click(f"act_enrol:{ids['keuken-ieper']}")
    await ward.send("ja")
    await amina.send("/menu")
    await amina.send("gisteren 3 uur")
    await amina.click("yes")
    for address in ("amina", "ward", "els"):
        await wegwijs.waiting("console", address)  # what was said so far

    clock.advance(days=2, hours=23)
    assert (await hours.remind(wegwijs)).reminded == 0

    clock.advance(hours=2)
    ticked = await hours.remind(wegwijs)
    assert (ticked.reminded, ticked.escalated) == (1, 0)
    [reminder] = await _waiting_texts(wegwijs, "amina")
    assert reminder.startswith("Je uren wachten nog op bevestiging:")
    assert "3 uur bij Samen koken in Ieper op woensdag 11 november." in reminder
    ward_texts = await _waiting_texts(wegwijs, "ward")
    assert ward_texts[0] == "Deze uren wachten nog op jouw antwoord."
    assert ward_texts[1].startswith("Bevestig 3 uur van Amina")

    clock.advance(days=1)
    assert (await hours.remind(wegwijs)).messages == 0  # sent once
    assert await _waiting_texts(wegwijs, "amina") == []

    clock.advance(days=11)
    ticked = await hours.remind(wegwijs)
    assert (ticked.reminded, ticked.escalated) == (0, 1)
    [alert] = await _waiting_texts(wegwijs, "els")
    assert alert.startswith("Deze uren wachten al lang op bevestiging:")
    assert "Amina: 3 uur bij Samen koken in Ieper op woensdag 11 november." in alert
    assert (await hours.remind(wegwijs)).escalated == 0

    # The contact answers the reminder's button: no reminder is left to send.
    [entry] = await entries(amina)
    said = await ward.click(f"hours_yes:{entry.id}.1")
    assert said.says("Dank je! Ik laat het {name} weten.")


async def test_confirmed_hours_get_no_reminder(wegwijs: Wegwijs, clock: FakeClock) -> None:
    amina = Chat(wegwijs.engine, wegwijs.sessions, clock, address="amina")
    coach = other(amina, "coach")
    await coach.onboard(name="Lotte", place="Ieper")
    await grant(coach, Role.COACH)
    ids = await stock(amina.sessions, KITCHEN_IEPER)
    await amina.onboard(name="Amina", place="Ieper", language="nl")
    await amina.click(f"act_enrol:{ids['keuken-ieper']}")
    await amina.send("/menu")
    await amina.send("gisteren 3 uur")
    await amina.click("yes")
    [entry] = await entries(amina)
    await coach.click(f"hours_yes:{entry.id}.1")

    clock.advance(days=20)
    ticked = await hours.remind(wegwijs)
    assert (ticked.reminded, ticked.escalated) == (0, 0)


async def test_old_update_ids_are_forgotten_by_the_daily_job(
    wegwijs: Wegwijs, clock: FakeClock
) -> None:
    amina = Chat(wegwijs.engine, wegwijs.sessions, clock, address="amina")
    await amina.send("hallo")
    assert await count_rows(amina.sessions, ProcessedUpdate) == 1
    clock.advance(days=8)
    await amina.send("2")
    assert await updates.prune(wegwijs) == 1
    async with amina.sessions() as session:
        kept = (await session.scalars(select(ProcessedUpdate.processed_at))).all()
    assert kept == [clock.now()]
    assert clock.now() - kept[0] < timedelta(days=1)
