"""Session reminders: the day before, a little before, news of a change, "Was je er?" after.
The store holds each reminder as a row; this claims the due ones and queues their messages."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from bot.bootstrap import Wegwijs
from dialogs.sessions import reminders
from store.sessions import jobs

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reminded:
    claimed: int  # reminders due in this round
    messages: int  # outbox rows queued (a changed plan or an unreachable person: none)
    missed: int  # due too long ago (the bot was down): dropped, not sent late


async def remind(wegwijs: Wegwijs, batch: int = jobs.BATCH) -> Reminded:
    """Rounds of at most `batch` until nothing is due: every day-before reminder falls at the
    same minute (18:00), and one round per tick would send the last of thousands many minutes
    late. Each round is one transaction: a claimed reminder is queued with it, or neither."""
    total = Reminded(0, 0, 0)
    while True:
        done = await remind_round(wegwijs, batch)
        total = Reminded(
            total.claimed + done.claimed,
            total.messages + done.messages,
            total.missed + done.missed,
        )
        if done.claimed + done.missed < batch:
            return total


async def remind_round(wegwijs: Wegwijs, batch: int = jobs.BATCH) -> Reminded:
    """One transaction: claim at most `batch` due reminders and queue their messages."""
    settings = wegwijs.settings
    now = wegwijs.clock.now()
    grace = timedelta(minutes=settings.sessions_grace_minutes)
    async with wegwijs.sessions() as session, session.begin():
        claimed = await jobs.claim_due(session, now, grace, batch)
        outgoing = []
        for reminder in claimed.due:
            found = await reminders.message(session, reminder, settings.zone)
            if found is not None:
                outgoing.append(found)
        messages = await wegwijs.queue_for(session, outgoing)
    if messages:
        wegwijs.wake()
    if claimed.due or claimed.missed:
        log.info(
            "sessions reminded=%d messages=%d missed=%d",
            len(claimed.due),
            messages,
            len(claimed.missed),
        )
    return Reminded(len(claimed.due), messages, len(claimed.missed))
