"""Who muted announcements (/stil). Never commits."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from store.broadcasts.models import BroadcastMute


async def muted_at(session: AsyncSession, person_id: int) -> datetime | None:
    row = await session.get(BroadcastMute, person_id)
    return None if row is None else row.muted_at


async def mute(session: AsyncSession, person_id: int, now: datetime) -> bool:
    """No announcements for this person; False when they were muted already."""
    if await session.get(BroadcastMute, person_id) is not None:
        return False
    session.add(BroadcastMute(person_id=person_id, muted_at=now))
    await session.flush()
    return True


async def unmute(session: AsyncSession, person_id: int) -> bool:
    """Announcements again; False when they were not muted."""
    query = delete(BroadcastMute).where(BroadcastMute.person_id == person_id)
    result = await session.execute(query)
    return bool(getattr(result, "rowcount", 0))
