"""When the reminders of a session fall, and remaking them when an RSVP or the session changes.

Due times are computed in Brussels local time and stored in UTC: "the day before at 18:00" is
18:00 on the wall clock whatever the daylight-saving offset; "two hours before" is two real hours.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import or_, update
from sqlalchemy.ext.asyncio import AsyncSession

from store.buddies import links
from store.sessions.models import (
    ActivitySession,
    Answer,
    ReminderKind,
    ReminderStatus,
    SessionReminder,
)

COMING = (Answer.YES.value, Answer.MAYBE.value)
REGULAR = (ReminderKind.DAY_BEFORE.value, ReminderKind.SOON.value, ReminderKind.WAS_THERE.value)


@dataclass(frozen=True)
class ReminderPlan:
    """The reminder settings: the evening before at a wall-clock time, and some hours before."""

    zone: ZoneInfo
    day_before_at: time = time(18, 0)
    soon_before: timedelta = timedelta(hours=2)
    ask_after: timedelta = timedelta(minutes=30)  # "Was je er?" this long after the end

    def day_before(self, starts_at: datetime) -> datetime:
        """The wall-clock time on the day before the session's local day, as a UTC instant."""
        local_day = starts_at.astimezone(self.zone).date() - timedelta(days=1)
        return datetime.combine(local_day, self.day_before_at, tzinfo=self.zone).astimezone(
            starts_at.tzinfo
        )

    def soon(self, starts_at: datetime) -> datetime:
        return starts_at - self.soon_before


def _row(
    item: ActivitySession,
    person_id: int,
    kind: ReminderKind,
    due: datetime,
    now: datetime,
    about: int | None = None,
) -> SessionReminder:
    return SessionReminder(
        session_id=item.id,
        person_id=person_id,
        about_person_id=about,
        kind=kind.value,
        due_at=due,
        status=ReminderStatus.PENDING.value,
        session_version=item.version,
        created_at=now,
    )


async def drop_for(
    session: AsyncSession, item: ActivitySession, person_id: int | None, now: datetime
) -> None:
    """Drop the pending regular reminders of a session (of one participant and their buddies)."""
    query = update(SessionReminder).where(
        SessionReminder.session_id == item.id,
        SessionReminder.status == ReminderStatus.PENDING.value,
        SessionReminder.kind.in_(REGULAR),
    )
    if person_id is not None:
        query = query.where(
            or_(
                SessionReminder.person_id == person_id,
                SessionReminder.about_person_id == person_id,
            )
        )
    await session.execute(
        query.values(status=ReminderStatus.DROPPED.value, settled_at=now).execution_options(
            synchronize_session=False
        )
    )


async def remake_for(
    session: AsyncSession,
    item: ActivitySession,
    person_id: int,
    answer: str,
    plan: ReminderPlan,
    now: datetime,
) -> None:
    """The regular reminders for one participant's answer, and for their buddies; old ones go."""
    await drop_for(session, item, person_id, now)
    if answer not in COMING or item.cancelled_at is not None:
        return
    before = [
        (ReminderKind.DAY_BEFORE, plan.day_before(item.starts_at)),
        (ReminderKind.SOON, plan.soon(item.starts_at)),
    ]
    buddies = await links.buddies_of(session, person_id)
    for kind, due in before:
        if due <= now:
            continue  # a reminder for a moment already gone would come late
        session.add(_row(item, person_id, kind, due, now))
        for buddy in buddies:
            session.add(_row(item, buddy, kind, due, now, about=person_id))
    session.add(_row(item, person_id, ReminderKind.WAS_THERE, item.ends_at + plan.ask_after, now))
    await session.flush()


def notice(
    session: AsyncSession,
    item: ActivitySession,
    person_id: int,
    kind: ReminderKind,
    now: datetime,
    about: int | None = None,
) -> None:
    """A message that must go at once (a change, a cancellation, a freed place), as a row."""
    session.add(_row(item, person_id, kind, now, now, about=about))
