"""Two bot processes on one database racing over 2 000 due session reminders: each reminder is
claimed by one of them and queued in the outbox exactly once (counted in the rows). On
PostgreSQL the runners share the rows with SKIP LOCKED; on SQLite the conditional UPDATE is the
claim."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.bootstrap import Wegwijs
from bot.jobs import sessions as session_jobs
from bot.settings import Settings
from store.outbox import OutboxMessage
from store.people.models import ChannelAccount, Person
from store.sessions.models import Answer, ReminderKind, ReminderStatus, Rsvp, SessionReminder
from tests.sessions_support import data, local, reading, series
from tests.support import FakeClock

PEOPLE = 2_000
WEDNESDAY = local(2026, 12, 16, 14)
TUESDAY_EVENING = local(2026, 12, 15, 18, 1).astimezone(UTC)


async def _coming(
    sessions: async_sessionmaker[AsyncSession], session_id: int, now: datetime
) -> None:
    """PEOPLE participants who said Ik kom, each with their day-before reminder due now."""
    async with sessions() as session, session.begin():
        item = await reading(session, session_id)
        ids = (
            await session.scalars(
                insert(Person).returning(Person.id),
                [
                    {
                        "name": f"P{n}",
                        "help_language": "nl",
                        "help_line": False,
                        "interests": [],
                        "consent_at": now,
                        "onboarded_at": now,
                        "created_at": now,
                        "updated_at": now,
                    }
                    for n in range(PEOPLE)
                ],
            )
        ).all()
        await session.execute(
            insert(ChannelAccount),
            [
                {"channel": "console", "address": f"p{pid}", "person_id": pid, "created_at": now}
                for pid in ids
            ],
        )
        await session.execute(
            insert(Rsvp),
            [
                {
                    "session_id": session_id,
                    "person_id": pid,
                    "answer": Answer.YES.value,
                    "children": 0,
                    "answered_at": now,
                    "created_at": now,
                }
                for pid in ids
            ],
        )
        await session.execute(
            insert(SessionReminder),
            [
                {
                    "session_id": session_id,
                    "person_id": pid,
                    "kind": ReminderKind.DAY_BEFORE.value,
                    "due_at": now - timedelta(minutes=1),
                    "status": ReminderStatus.PENDING.value,
                    "session_version": item.version,
                    "created_at": now,
                }
                for pid in ids
            ],
        )


async def _until_done(wegwijs: Wegwijs) -> int:
    """Rounds until nothing is due; how many reminders this runner claimed."""
    claimed = 0
    while (done := await session_jobs.remind(wegwijs, batch=50)).claimed:
        claimed += done.claimed
        await asyncio.sleep(0)  # let the other runner in between rounds
    return claimed


async def test_two_runners_queue_each_of_2000_reminders_exactly_once(
    database_url: str, sessions: async_sessionmaker[AsyncSession], tmp_path: Path
) -> None:
    [sid] = await series(sessions, data(WEDNESDAY))
    await _coming(sessions, sid, TUESDAY_EVENING)
    settings = Settings(database_url=database_url, data_dir=tmp_path)
    runners = [await Wegwijs.start(settings, FakeClock(TUESDAY_EVENING)) for _ in range(2)]
    try:
        for runner in runners:  # both connected before the race starts
            async with runner.sessions() as session:
                await session.execute(select(1))
        counts = await asyncio.gather(*(_until_done(runner) for runner in runners))
    finally:
        for runner in runners:
            await runner.close()

    assert sum(counts) == PEOPLE
    if database_url.startswith("postgresql"):
        assert min(counts) > 0  # they really raced (SQLite lets one writer in at a time)
    async with sessions() as session:
        rows = await session.scalar(select(func.count()).select_from(OutboxMessage))
        people = await session.scalar(select(func.count(func.distinct(OutboxMessage.account_id))))
        statuses = (
            await session.execute(
                select(SessionReminder.status, func.count()).group_by(SessionReminder.status)
            )
        ).all()
    assert (rows, people) == (PEOPLE, PEOPLE)
    assert dict(statuses) == {ReminderStatus.QUEUED.value: PEOPLE}
