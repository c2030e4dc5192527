"""The hours reminders: entries waiting for a confirmation too long, told to the participant and
their contact, and later to staff. The store says what is due; the scheduler only wakes this."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from bot.bootstrap import Wegwijs
from dialogs.hours import reminders
from store.hours import jobs

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reminded:
    reminded: int  # entries whose participant (and contact) got a reminder
    escalated: int  # entries staff were told about
    messages: int  # outbox rows queued


async def remind(wegwijs: Wegwijs) -> Reminded:
    """One round, in one transaction: what is claimed here is queued here, or neither."""
    settings, engine = wegwijs.settings, wegwijs.engine
    rules = engine.hours.rules
    now = wegwijs.clock.now()
    async with wegwijs.sessions() as session, session.begin():
        due = await jobs.claim_reminders(session, now, timedelta(days=rules.remind_after_days))
        messages = 0
        for entry in due:
            outgoing = await reminders.remind(
                session, entry, now, settings.zone, engine.knowledge, engine.hours
            )
            messages += await wegwijs.queue_for(session, outgoing)
        stale = await jobs.claim_escalations(session, now, timedelta(days=rules.staff_after_days))
        messages += await wegwijs.queue_for(session, await reminders.tell_staff(session, stale))
    if messages:
        wegwijs.wake()
    if due or stale:
        log.info("hours reminded=%d escalated=%d messages=%d", len(due), len(stale), messages)
    return Reminded(len(due), len(stale), messages)
