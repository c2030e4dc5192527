"""Helpers for session tests: a Taalplezier series with dated readings, people, the plan."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from store.activities.models import Activity
from store.people import persons
from store.sessions import sessions as store
from store.sessions.models import ActivitySession, SessionReminder
from store.sessions.plan import ReminderPlan
from store.sessions.sessions import SessionData
from tests.catalogue import item, stock
from tests.support import BRUSSELS

PLAN = ReminderPlan(BRUSSELS)
TAALPLEZIER = item(
    "taalplezier-ieper",
    "Taalplezier in de bib",
    "Ieper",
    interests=("lezen",),
    organisation="Bibliotheek Ieper",
    children_welcome=True,
)


def local(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """A Brussels wall-clock time (the first of two on the autumn night)."""
    return datetime.combine(datetime(year, month, day).date(), time(hour, minute), BRUSSELS)


def data(
    starts: datetime, hours: float = 1.5, key: str | None = None, **values: object
) -> SessionData:
    fields: dict[str, object] = {"municipality": "Ieper", "place": "Bib Ieper", "counts": True}
    fields.update(values)
    return SessionData(
        external_id=key or starts.isoformat(),
        starts_at=starts,
        ends_at=starts + timedelta(hours=hours),
        **fields,  # type: ignore[arg-type]
    )


async def series(sessions: async_sessionmaker[AsyncSession], *readings: SessionData) -> list[int]:
    """The Taalplezier activity with these sessions; their ids."""
    ids = await stock(sessions, TAALPLEZIER, source="taalplezier")
    async with sessions() as session, session.begin():
        activity = await session.get(Activity, ids["taalplezier-ieper"])
        assert activity is not None
        rows = [
            store.add(session, activity, reading, readings[0].starts_at) for reading in readings
        ]
        await session.flush()
        return [row.id for row in rows]


async def people(
    sessions: async_sessionmaker[AsyncSession], *names: str, now: datetime
) -> list[int]:
    """Participants with these first names; their ids."""
    ids = []
    async with sessions() as session, session.begin():
        for name in names:
            account = await persons.add_person(session, "console", name.lower(), now)
            account.person.name = name
            ids.append(account.person_id)
    return ids


async def reminders(
    sessions: async_sessionmaker[AsyncSession], status: str | None = "pending"
) -> list[SessionReminder]:
    async with sessions() as session:
        query = select(SessionReminder).order_by(SessionReminder.due_at, SessionReminder.id)
        if status is not None:
            query = query.where(SessionReminder.status == status)
        return list((await session.scalars(query)).all())


async def reading(session: AsyncSession, session_id: int) -> ActivitySession:
    item = await session.get(ActivitySession, session_id)
    assert item is not None
    return item
