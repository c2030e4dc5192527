"""Sessions in the store: add, change, cancel, find upcoming ones. Never commits.

A change of time or place, or a cancellation, reaches everyone who answered and their buddies at
once (a notice row due now) and drops the reminders of the old plan.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from store.activities.models import Activity
from store.buddies import links
from store.sessions import plan as reminders
from store.sessions.models import ActivitySession, Answer, ReminderKind, Rsvp
from store.sessions.plan import ReminderPlan

MOVES = ("starts_at", "ends_at", "place", "municipality", "address")


@dataclass(frozen=True)
class SessionData:
    """What staff give for one session (CSV row, CLI options, chat)."""

    external_id: str
    starts_at: datetime
    ends_at: datetime
    municipality: str
    place: str | None = None
    address: str | None = None
    capacity: int | None = None
    audience: str = "everyone"
    dutch_level: int | None = None
    counts: bool = False


async def get(session: AsyncSession, session_id: int) -> ActivitySession | None:
    return await session.get(ActivitySession, session_id)


async def find(session: AsyncSession, activity_id: int, external_id: str) -> ActivitySession | None:
    return await session.scalar(
        select(ActivitySession).where(
            ActivitySession.activity_id == activity_id,
            ActivitySession.external_id == external_id,
        )
    )


def add(
    session: AsyncSession, activity: Activity, data: SessionData, now: datetime
) -> ActivitySession:
    """A new session of an activity, in the caller's transaction."""
    item = ActivitySession(
        activity_id=activity.id,
        activity=activity,
        version=1,
        created_at=now,
        updated_at=now,
        **asdict(data),
    )
    session.add(item)
    return item


async def change(
    session: AsyncSession,
    item: ActivitySession,
    data: SessionData,
    plan: ReminderPlan,
    now: datetime,
) -> bool:
    """Apply new values; True when time or place moved (then everyone who answered is told)."""
    new = asdict(data)
    moved = any(getattr(item, name) != new[name] for name in MOVES)
    changed = any(getattr(item, name) != value for name, value in new.items())
    if not changed:
        return False
    for name, value in new.items():
        setattr(item, name, value)
    item.updated_at = now
    if moved:
        item.version += 1
        await session.flush()
        await _tell_everyone(session, item, ReminderKind.CHANGED, plan, now)
    return moved


async def cancel(
    session: AsyncSession,
    item: ActivitySession,
    reason: str | None,
    plan: ReminderPlan,
    now: datetime,
) -> bool:
    """Cancel a session; False when it was cancelled already (nothing changes, nobody is told)."""
    if item.cancelled_at is not None:
        return False
    item.cancelled_at, item.cancel_reason, item.updated_at = now, reason, now
    item.version += 1
    await session.flush()
    await _tell_everyone(session, item, ReminderKind.CANCELLED, plan, now)
    return True


async def _tell_everyone(
    session: AsyncSession,
    item: ActivitySession,
    kind: ReminderKind,
    plan: ReminderPlan,
    now: datetime,
) -> None:
    told: set[int] = set()
    for rsvp in await answers(session, item.id):
        if rsvp.answer == Answer.NO:
            continue
        await reminders.remake_for(session, item, rsvp.person_id, rsvp.answer, plan, now)
        if item.starts_at <= now and kind is ReminderKind.CHANGED:
            continue
        reminders.notice(session, item, rsvp.person_id, kind, now)
        told.add(rsvp.person_id)
        if rsvp.answer == Answer.WAITING:
            continue
        for buddy in await links.buddies_of(session, rsvp.person_id):
            if buddy not in told:
                reminders.notice(session, item, buddy, kind, now, about=rsvp.person_id)
    await session.flush()


async def answers(session: AsyncSession, session_id: int) -> Sequence[Rsvp]:
    """Every answer to a session, in the order they came."""
    return (
        await session.scalars(
            select(Rsvp).where(Rsvp.session_id == session_id).order_by(Rsvp.answered_at, Rsvp.id)
        )
    ).all()


async def taken(session: AsyncSession, session_id: int) -> int:
    """Places taken by those who come (a Maybe holds no place)."""
    total = await session.scalar(
        select(func.coalesce(func.sum(1 + Rsvp.children), 0)).where(
            Rsvp.session_id == session_id, Rsvp.answer == Answer.YES.value
        )
    )
    return int(total or 0)


async def upcoming(
    session: AsyncSession,
    now: datetime,
    municipalities: Collection[str] | None = None,
    until: datetime | None = None,
    limit: int = 50,
) -> list[ActivitySession]:
    """Sessions not cancelled that start after `now`, soonest first (optionally only near)."""
    query = select(ActivitySession).where(
        ActivitySession.cancelled_at.is_(None), ActivitySession.starts_at > now
    )
    if municipalities is not None:
        query = query.where(ActivitySession.municipality.in_(list(municipalities)))
    if until is not None:
        query = query.where(ActivitySession.starts_at <= until)
    result = await session.scalars(
        query.order_by(ActivitySession.starts_at, ActivitySession.id).limit(limit)
    )
    return list(result.all())


async def listing(
    session: AsyncSession, since: datetime, cancelled: bool = True
) -> list[tuple[ActivitySession, int]]:
    """Staff's list: sessions from `since` on, with the places taken."""
    query = select(ActivitySession).where(ActivitySession.starts_at >= since)
    if not cancelled:
        query = query.where(ActivitySession.cancelled_at.is_(None))
    items = (await session.scalars(query.order_by(ActivitySession.starts_at))).all()
    return [(item, await taken(session, item.id)) for item in items]


async def activity_by_key(session: AsyncSession, key: str) -> Activity | None:
    """The activity a staff list names: its number in Wegwijs, else its id in its source list."""
    if key.isdigit():
        found = await session.get(Activity, int(key))
        if found is not None:
            return found
    rows = (
        await session.scalars(
            select(Activity).where(Activity.external_id == key, Activity.archived_at.is_(None))
        )
    ).all()
    return rows[0] if len(rows) == 1 else None


async def dated_activities(session: AsyncSession, source: str) -> list[Activity]:
    """The live activities of a source that name concrete dates (they become sessions)."""
    rows = await session.scalars(
        select(Activity).where(Activity.source == source, Activity.archived_at.is_(None))
    )
    return [activity for activity in rows.all() if activity.dates]
