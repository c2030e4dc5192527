"""Benchmark the Taalplezier reminder job: 10 000 reminders due within one simulated hour.

    .venv/bin/python scripts/bench_reminders.py [--reminders 10000] [--database URL]

The job (`bot.jobs.sessions.remind`, the real one, on the real store) runs on the bot's tick
(one simulated minute) while a simulated clock walks through the hour; each round's work is
real and timed on this machine. Two shapes of the hour:

- spread: the reminders fall evenly over the hour ("two hours before" of many sessions);
- at once: all fall on the same minute (every "day before at 18:00" of one evening).

A reminder's lateness is the wait for the next tick (what the tick forces, up to a minute),
plus what this machine adds: the time until the job had claimed and queued it in the outbox.
Printed: that added lateness (median, 99th percentile; goal p99 <= 1 s), duplicates (outbox
rows beyond one per reminder; goal 0), and in the same run the baseline: one plain INSERT of
as many outbox rows, the least any queueing can cost. Delivery to the channel comes after and
is paced by its rate limit (Telegram about 30 messages a second): not measured here.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, insert, select

from bot.bootstrap import Wegwijs
from bot.jobs import sessions as session_jobs
from bot.outbox import Limits
from bot.settings import Settings
from store.activities.models import Activity
from store.outbox import OutboxMessage
from store.people.models import ChannelAccount, Person
from store.sessions.jobs import BATCH
from store.sessions.models import (
    ActivitySession,
    Answer,
    ReminderKind,
    ReminderStatus,
    Rsvp,
    SessionReminder,
)
from tests.catalogue import item, stock
from tests.support import FakeClock

HOUR_START = datetime(2026, 12, 15, 17, 0, tzinfo=UTC)  # 18:00 in Brussels
TICK = timedelta(minutes=1)


async def _people(wegwijs: Wegwijs, count: int, spread: bool) -> None:
    """`count` participants who said Ik kom to a session, each with one reminder in the hour."""
    now = HOUR_START - timedelta(days=1)
    ids = await stock(wegwijs.sessions, item("taalplezier", "Taalplezier in de bib", "Ieper"))
    async with wegwijs.sessions() as session, session.begin():
        activity = await session.get(Activity, ids["taalplezier"])
        assert activity is not None
        reading = ActivitySession(
            activity_id=activity.id,
            external_id="reading",
            starts_at=HOUR_START + timedelta(hours=20),
            ends_at=HOUR_START + timedelta(hours=21),
            place="Bib Ieper",
            municipality="Ieper",
            created_at=now,
            updated_at=now,
        )
        session.add(reading)
        await session.flush()
        people = (
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
                    for n in range(count)
                ],
            )
        ).all()
        await session.execute(
            insert(ChannelAccount),
            [
                {"channel": "telegram", "address": str(pid), "person_id": pid, "created_at": now}
                for pid in people
            ],
        )
        await session.execute(
            insert(Rsvp),
            [
                {
                    "session_id": reading.id,
                    "person_id": pid,
                    "answer": Answer.YES.value,
                    "children": 0,
                    "answered_at": now,
                    "created_at": now,
                }
                for pid in people
            ],
        )
        await session.execute(
            insert(SessionReminder),
            [
                {
                    "session_id": reading.id,
                    "person_id": pid,
                    "kind": ReminderKind.DAY_BEFORE.value,
                    "due_at": HOUR_START + (timedelta(hours=1) * n / count if spread else TICK * 0),
                    "status": ReminderStatus.PENDING.value,
                    "session_version": reading.version,
                    "created_at": now,
                }
                for n, pid in enumerate(people)
            ],
        )


@dataclass(frozen=True)
class Run:
    added: list[float]  # per reminder: seconds queued later than the send rate allows anyway
    queued_after: list[float]  # per reminder: seconds from its tick to its row in the outbox
    duplicates: int  # outbox rows beyond one per reminder


async def reminders(count: int, spread: bool, folder: Path, url: str | None) -> Run:
    """Walk the hour tick by tick, timing the job's rounds on this machine."""
    await _empty(url)
    database = url or f"sqlite:///{folder}/reminders-{'spread' if spread else 'once'}.db"
    clock = FakeClock(HOUR_START)
    wegwijs = await Wegwijs.start(Settings(database_url=database, data_dir=folder), clock)
    try:
        await _people(wegwijs, count, spread)
        rate = Limits().rate
        added: list[float] = []
        queued_after: list[float] = []
        tick = HOUR_START
        while tick <= HOUR_START + timedelta(hours=1):
            clock.current = tick
            began, sent_before = time.perf_counter(), 0
            while True:  # the job's rounds, as `remind` runs them, each timed
                done = await session_jobs.remind_round(wegwijs, BATCH)
                took = time.perf_counter() - began
                for number in range(sent_before + 1, sent_before + done.claimed + 1):
                    queued_after.append(took)
                    # The channel sends the n-th message of a tick n / rate seconds after it
                    # at the earliest; only queueing later than that makes anyone wait longer.
                    added.append(max(0.0, took - number / rate))
                sent_before += done.claimed
                if done.claimed + done.missed < BATCH:
                    break
            tick += TICK
        async with wegwijs.sessions() as session:
            rows = await session.scalar(select(func.count()).select_from(OutboxMessage))
        if len(added) != count:
            raise SystemExit(f"{len(added)} of {count} reminders claimed in the hour")
        return Run(added, queued_after, (rows or 0) - count)
    finally:
        await wegwijs.close()


async def baseline(count: int, folder: Path, url: str | None) -> float:
    """One INSERT of `count` outbox rows: the floor under any queueing."""
    await _empty(url)
    database = url or f"sqlite:///{folder}/baseline.db"
    wegwijs = await Wegwijs.start(Settings(database_url=database, data_dir=folder))
    try:
        now = HOUR_START
        rows = [
            {
                "channel": "telegram",
                "address": str(n),
                "payload": {"kind": "send", "text": "Morgen is er Taalplezier.", "choices": []},
                "created_at": now,
                "due_at": now,
            }
            for n in range(count)
        ]
        began = time.perf_counter()
        async with wegwijs.sessions() as session, session.begin():
            await session.execute(insert(OutboxMessage), rows)
        return time.perf_counter() - began
    finally:
        await wegwijs.close()


async def _empty(url: str | None) -> None:
    """A PostgreSQL database is emptied first: the runs must not share rows."""
    if url is None or not url.startswith("postgresql"):
        return
    from sqlalchemy import text

    from store import db

    engine = db.create_engine(url)
    async with engine.begin() as connection:
        await connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        await connection.execute(text("CREATE SCHEMA public"))
    await engine.dispose()


def _p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[-1] if len(values) > 1 else values[0]


def _line(name: str, run: Run) -> str:
    return (
        f"{name:<22} in the outbox after: median {statistics.median(run.queued_after):6.2f} s, "
        f"p99 {_p99(run.queued_after):6.2f} s;  beyond the send rate: p99 {_p99(run.added):5.2f} s;"
        f"  duplicates {run.duplicates}"
    )


async def main(count: int, url: str | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        floor = await baseline(count, Path(folder), url)
        spread = await reminders(count, True, Path(folder), url)
        once = await reminders(count, False, Path(folder), url)
    database = "PostgreSQL" if url and url.startswith("postgresql") else "SQLite"
    print(f"{count} reminders in one simulated hour, tick 60 s, {database}, on this machine:")
    print(f"{'baseline (one INSERT)':<22} {count} outbox rows in {floor:.2f} s")
    print(_line("spread over the hour", spread))
    print(_line("all on one minute", once))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reminders", type=int, default=10_000)
    parser.add_argument("--database", help="a PostgreSQL URL (it is emptied!); default SQLite")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.reminders, arguments.database))
