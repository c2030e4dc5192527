"""The scheduler's tick: due hour reminders and staff alerts queued in the outbox, old update
ids forgotten. The store says what is due; a plain periodic task is the clock.

Why no APScheduler: there is one job, at one interval, and its state is in the database (rows
marked when claimed), so a restart or a second worker needs nothing from a scheduler library.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import timedelta

from bot.bootstrap import Wegwijs
from dialogs.hours import reminders
from store import hour_jobs, updates

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Ticked:
    reminded: int  # entries whose participant (and contact) got a reminder
    escalated: int  # entries staff were told about
    messages: int  # outbox rows queued
    pruned: int  # processed update ids forgotten


async def tick(wegwijs: Wegwijs) -> Ticked:
    """One round, in one transaction: what is claimed here is queued here, or neither."""
    settings, engine = wegwijs.settings, wegwijs.engine
    rules = engine.hours.rules
    now = wegwijs.clock.now()
    async with wegwijs.sessions() as session, session.begin():
        due = await hour_jobs.claim_reminders(session, now, timedelta(days=rules.remind_after_days))
        messages = 0
        for entry in due:
            outgoing = await reminders.remind(
                session, entry, now, settings.zone, engine.knowledge, engine.hours
            )
            messages += await wegwijs.queue_for(session, outgoing)
        stale = await hour_jobs.claim_escalations(
            session, now, timedelta(days=rules.staff_after_days)
        )
        messages += await wegwijs.queue_for(session, await reminders.tell_staff(session, stale))
        pruned = await updates.prune(session, now - timedelta(days=settings.updates_keep_days))
    if messages:
        wegwijs.wake()
    if due or stale or pruned:
        log.info(
            "tick reminded=%d escalated=%d messages=%d pruned=%d",
            len(due),
            len(stale),
            messages,
            pruned,
        )
    return Ticked(len(due), len(stale), messages, pruned)


async def run(wegwijs: Wegwijs, every: float) -> None:
    """Tick until cancelled; a failed round is logged and tried again next time."""
    while True:
        try:
            await tick(wegwijs)
        except Exception:
            log.exception("tick failed")
        await asyncio.sleep(every)
