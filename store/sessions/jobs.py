"""Due session reminders, claimed so that two workers or a restart never send one twice. Never
commits: the claim and the outbox rows it leads to commit together, or not at all."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from store.sessions.models import ReminderStatus, SessionReminder

PENDING, QUEUED, DROPPED = (
    ReminderStatus.PENDING.value,
    ReminderStatus.QUEUED.value,
    ReminderStatus.DROPPED.value,
)


@dataclass(frozen=True)
class Claimed:
    due: list[SessionReminder]  # to send now
    missed: list[int]  # ids due longer ago than the grace period: dropped, never sent late


BATCH = 100  # per transaction: the first messages go out soon, locks stay short


async def claim_due(
    session: AsyncSession, now: datetime, grace: timedelta, limit: int = BATCH
) -> Claimed:
    """Pending reminders due by `now`, oldest first: marked queued, or dropped when too late."""
    # SKIP LOCKED lets PostgreSQL workers share the rows; the conditional UPDATE is the claim
    # itself, so SQLite (which ignores FOR UPDATE) is safe too.
    candidates = (
        await session.scalars(
            select(SessionReminder.id)
            .where(SessionReminder.status == PENDING, SessionReminder.due_at <= now)
            .order_by(SessionReminder.due_at, SessionReminder.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    ).all()
    if not candidates:
        return Claimed([], [])
    missed = await _settle(session, candidates, now, DROPPED, SessionReminder.due_at < now - grace)
    due = await _settle(session, candidates, now, QUEUED, SessionReminder.due_at >= now - grace)
    rows = []
    if due:
        rows = list(
            (
                await session.scalars(
                    select(SessionReminder)
                    .where(SessionReminder.id.in_(due))
                    .order_by(SessionReminder.due_at, SessionReminder.id)
                    .execution_options(populate_existing=True)
                )
            ).all()
        )
    return Claimed(rows, missed)


async def _settle(
    session: AsyncSession,
    ids: list[int] | tuple[int, ...] | object,
    now: datetime,
    status: str,
    condition: object,
) -> list[int]:
    result = await session.execute(
        update(SessionReminder)
        .where(
            SessionReminder.id.in_(ids),  # type: ignore[arg-type]
            SessionReminder.status == PENDING,
            condition,  # type: ignore[arg-type]
        )
        .values(status=status, settled_at=now)
        .returning(SessionReminder.id)
        .execution_options(synchronize_session=False)
    )
    return sorted(result.scalars().all())
