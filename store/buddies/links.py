"""Queries about buddy links. Never commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from store.buddies.models import BuddyLink


async def link(
    session: AsyncSession,
    buddy_id: int,
    participant_id: int,
    now: datetime,
    by_person_id: int | None = None,
) -> bool:
    """Link a buddy to a participant; False when they were linked already (one row)."""
    if buddy_id == participant_id:
        raise ValueError("a person cannot be their own buddy")
    if await find(session, buddy_id, participant_id) is not None:
        return False
    session.add(
        BuddyLink(
            buddy_person_id=buddy_id,
            participant_person_id=participant_id,
            linked_by_person_id=by_person_id,
            created_at=now,
        )
    )
    await session.flush()
    return True


async def find(session: AsyncSession, buddy_id: int, participant_id: int) -> BuddyLink | None:
    return await session.scalar(
        select(BuddyLink).where(
            BuddyLink.buddy_person_id == buddy_id,
            BuddyLink.participant_person_id == participant_id,
        )
    )


async def end(session: AsyncSession, buddy_id: int, participant_id: int) -> bool:
    """End a link; False when there was none (an old button, pressed again)."""
    result = await session.execute(
        delete(BuddyLink).where(
            BuddyLink.buddy_person_id == buddy_id,
            BuddyLink.participant_person_id == participant_id,
        )
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def buddies_of(session: AsyncSession, participant_id: int) -> Sequence[int]:
    """The person ids of a participant's buddies, oldest link first."""
    return (
        await session.scalars(
            select(BuddyLink.buddy_person_id)
            .where(BuddyLink.participant_person_id == participant_id)
            .order_by(BuddyLink.created_at, BuddyLink.id)
        )
    ).all()


async def participants_of(session: AsyncSession, buddy_id: int) -> Sequence[int]:
    """The person ids of a buddy's participants, oldest link first."""
    return (
        await session.scalars(
            select(BuddyLink.participant_person_id)
            .where(BuddyLink.buddy_person_id == buddy_id)
            .order_by(BuddyLink.created_at, BuddyLink.id)
        )
    ).all()


async def is_buddy_of(session: AsyncSession, buddy_id: int, participant_id: int) -> bool:
    """Whether this buddy goes along with this participant now (rights ask this)."""
    return await find(session, buddy_id, participant_id) is not None
