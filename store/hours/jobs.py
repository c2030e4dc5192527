"""Due work about hours, claimed so that two workers or a restart never do it twice. Never
commits: the claim and the outbox rows it leads to commit together, or not at all."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from store.hours.models import EntryStatus, HourEntry


async def claim_reminders(
    session: AsyncSession, now: datetime, after: timedelta, limit: int = 100
) -> list[HourEntry]:
    """Pending entries older than `after` that had no reminder yet, now marked reminded."""
    return await _claim(session, HourEntry.reminded_at, now, after, limit)


async def claim_escalations(
    session: AsyncSession, now: datetime, after: timedelta, limit: int = 100
) -> list[HourEntry]:
    """Pending entries older than `after` that staff were not told about yet, now marked."""
    return await _claim(session, HourEntry.escalated_at, now, after, limit)


async def _claim(
    session: AsyncSession,
    mark: InstrumentedAttribute[Any],
    now: datetime,
    after: timedelta,
    limit: int,
) -> list[HourEntry]:
    # SKIP LOCKED lets PostgreSQL workers share the work; the conditional UPDATE is the claim
    # itself, so SQLite (which ignores FOR UPDATE) is safe too.
    candidates = (
        await session.scalars(
            select(HourEntry.id)
            .where(
                HourEntry.status == EntryStatus.PENDING,
                mark.is_(None),
                HourEntry.pending_since <= now - after,
            )
            .order_by(HourEntry.pending_since, HourEntry.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    ).all()
    claimed = []
    for entry_id in candidates:
        result = await session.execute(
            update(HourEntry)
            .where(
                HourEntry.id == entry_id, mark.is_(None), HourEntry.status == EntryStatus.PENDING
            )
            .values({mark.key: now})
            .execution_options(synchronize_session=False)
        )
        if result.rowcount:  # type: ignore[attr-defined]
            claimed.append(entry_id)
    if not claimed:
        return []
    return list(
        (
            await session.scalars(
                select(HourEntry)
                .where(HourEntry.id.in_(claimed))
                .order_by(HourEntry.pending_since, HourEntry.id)
                .execution_options(populate_existing=True)
            )
        ).all()
    )


async def stale(session: AsyncSession, now: datetime, after: timedelta) -> Sequence[HourEntry]:
    """Entries still pending after `after`, oldest first: for staff to look at."""
    return (
        await session.scalars(
            select(HourEntry)
            .where(
                HourEntry.status == EntryStatus.PENDING,
                HourEntry.pending_since <= now - after,
            )
            .order_by(HourEntry.pending_since, HourEntry.id)
        )
    ).all()
