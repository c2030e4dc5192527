"""The clock: APScheduler wakes the jobs at their times; the store decides what is due.

Fire times are asked of APScheduler's own triggers with the instants given here, so no test waits
for the wall clock. The restart test runs the real scheduler: its first run comes at start.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED, JobExecutionEvent
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.bootstrap import Wegwijs
from bot.jobs import clock as jobs_clock
from bot.settings import Settings
from tests.catalogue import KITCHEN_IEPER, stock
from tests.support import Chat, FakeClock

T0 = datetime(2026, 11, 12, 9, 30, tzinfo=UTC)


async def _scheduler(tmp_path: Path, **settings: Any) -> AsyncIOScheduler:
    database = f"sqlite:///{tmp_path}/clock.db"
    wegwijs = await Wegwijs.start(Settings(database_url=database, data_dir=tmp_path, **settings))
    wegwijs.clock = FakeClock(T0)
    await wegwijs.close()  # the triggers are asked, the jobs never run here
    return jobs_clock.schedule(wegwijs)


async def test_the_hours_job_runs_at_start_then_every_tick(tmp_path: Path) -> None:
    scheduler = await _scheduler(tmp_path, tick_seconds=90)
    job = scheduler.get_job(jobs_clock.HOURS_REMIND)
    assert job.next_run_time == T0  # at start: what came due while the bot was down
    trigger = job.trigger
    first = trigger.get_next_fire_time(None, T0)
    second = trigger.get_next_fire_time(first, first + timedelta(seconds=1))
    third = trigger.get_next_fire_time(second, second + timedelta(seconds=1))
    assert (second - first, third - second) == (timedelta(seconds=90), timedelta(seconds=90))


async def test_pruning_runs_once_a_day_at_half_past_three_in_brussels_also_across_dst(
    tmp_path: Path,
) -> None:
    trigger = (await _scheduler(tmp_path)).get_job(jobs_clock.UPDATES_PRUNE).trigger
    # Winter time (UTC+1), the night of the switch to summer time, then summer time (UTC+2).
    fired = []
    moment = datetime(2027, 3, 26, 12, 0, tzinfo=UTC)
    for _day in range(4):
        moment = trigger.get_next_fire_time(None, moment + timedelta(minutes=1))
        fired.append(moment.astimezone(UTC).strftime("%d %H:%M"))
    assert fired == ["27 02:30", "28 01:30", "29 01:30", "30 01:30"]
    moment = datetime(2026, 10, 24, 12, 0, tzinfo=UTC)  # back to winter time on the 25th
    fired = []
    for _day in range(2):
        moment = trigger.get_next_fire_time(None, moment + timedelta(minutes=1))
        fired.append(moment.astimezone(UTC).strftime("%d %H:%M"))
    assert fired == ["25 02:30", "26 02:30"]


async def test_job_times_come_from_the_settings(tmp_path: Path) -> None:
    scheduler = await _scheduler(tmp_path, tick_seconds=15, prune_at="04:45")
    remind = scheduler.get_job(jobs_clock.HOURS_REMIND).trigger
    assert remind.interval == timedelta(seconds=15)
    prune = scheduler.get_job(jobs_clock.UPDATES_PRUNE).trigger
    after = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    assert prune.get_next_fire_time(None, after) == datetime(2026, 12, 2, 3, 45, tzinfo=UTC)


async def _first_run(wegwijs: Wegwijs) -> None:
    """Start the real scheduler, wait until its start-up run of the hours job is done, stop."""
    scheduler = jobs_clock.schedule(wegwijs)
    done: asyncio.Future[JobExecutionEvent] = asyncio.get_running_loop().create_future()

    def listen(event: JobExecutionEvent) -> None:
        if event.job_id == jobs_clock.HOURS_REMIND and not done.done():
            done.set_result(event)

    scheduler.add_listener(listen, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
    scheduler.start()
    try:
        event = await asyncio.wait_for(done, timeout=10)
    finally:
        scheduler.shutdown(wait=False)
    assert event.exception is None


async def test_a_restart_sends_a_due_reminder_once(
    database_url: str, tmp_path: Path, clock: FakeClock
) -> None:
    settings = Settings(database_url=database_url, data_dir=tmp_path)
    wegwijs = await Wegwijs.start(settings, clock)
    amina = Chat(wegwijs.engine, wegwijs.sessions, clock, address="amina")
    ids = await stock(amina.sessions, KITCHEN_IEPER)
    await amina.onboard(name="Amina", place="Ieper", language="nl")
    await amina.click(f"act_enrol:{ids['keuken-ieper']}")
    await amina.send("/menu")
    await amina.send("gisteren 3 uur")
    await amina.click("yes")
    await wegwijs.waiting("console", "amina")  # what was said so far
    clock.advance(days=3)

    await _first_run(wegwijs)
    [reminder] = await wegwijs.waiting("console", "amina")
    assert reminder.text.startswith("Je uren wachten nog op bevestiging:")
    await wegwijs.close()

    restarted = await Wegwijs.start(settings, clock)  # the same database, a new process
    try:
        await _first_run(restarted)
        assert await restarted.waiting("console", "amina") == []
    finally:
        await restarted.close()
