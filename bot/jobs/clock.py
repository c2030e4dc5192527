"""The clock: APScheduler wakes each job at its time; the job finds in the store what is due.

The job store is in memory on purpose. What is due lives in the database, and each job claims
its rows in one transaction, so a restart, a missed run or a second worker needs nothing from
the scheduler but the next wake-up. A run that is late (the machine slept) is run once, not
once per missed interval (`coalesce`), and never twice at the same time (`max_instances`).
"""

from __future__ import annotations

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.bootstrap import Wegwijs
from bot.jobs import broadcasts, hours, sessions, updates

HOURS_REMIND, UPDATES_PRUNE = "hours.remind", "updates.prune"
BROADCASTS_DELIVER = "broadcasts.deliver"
SESSIONS_REMIND = "sessions.remind"


def schedule(wegwijs: Wegwijs) -> AsyncIOScheduler:
    """A scheduler (not started) with every job at the time the settings give."""
    settings = wegwijs.settings
    zone = settings.zone
    scheduler = AsyncIOScheduler(
        timezone=zone,
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
    )
    # Reminders at once on start (what came due while the bot was down), then on the interval.
    scheduler.add_job(
        hours.remind,
        IntervalTrigger(seconds=settings.tick_seconds, timezone=zone),
        args=(wegwijs,),
        id=HOURS_REMIND,
        next_run_time=wegwijs.clock.now(),
    )
    # Session reminders on the same tick: a minute late is fine for "tomorrow at 14:00".
    scheduler.add_job(
        sessions.remind,
        IntervalTrigger(seconds=settings.tick_seconds, timezone=zone),
        args=(wegwijs,),
        id=SESSIONS_REMIND,
        next_run_time=wegwijs.clock.now(),
    )
    # Due broadcasts start, running ones report; at start too (a crash left one half-way).
    scheduler.add_job(
        broadcasts.deliver,
        IntervalTrigger(seconds=settings.broadcast_tick_seconds, timezone=zone),
        args=(wegwijs,),
        id=BROADCASTS_DELIVER,
        next_run_time=wegwijs.clock.now(),
    )
    scheduler.add_job(
        updates.prune,
        CronTrigger(hour=settings.prune_at.hour, minute=settings.prune_at.minute, timezone=zone),
        args=(wegwijs,),
        id=UPDATES_PRUNE,
    )
    return scheduler
