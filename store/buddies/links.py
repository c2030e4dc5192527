"""Queries about buddy links. Never commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from store.buddies.models import BuddyLink
from store.people.models import Person


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


async def export(session: AsyncSession, person_id: int) -> dict[str, Any]:
    """The person's buddy links, both ways, with the other's first name only."""
    found = await session.execute(
        select(BuddyLink, Person.name)
        .join(
            Person,
            or_(
                and_(
                    BuddyLink.buddy_person_id == person_id,
                    Person.id == BuddyLink.participant_person_id,
                ),
                and_(
                    BuddyLink.participant_person_id == person_id,
                    Person.id == BuddyLink.buddy_person_id,
                ),
            ),
        )
        .order_by(BuddyLink.created_at, BuddyLink.id)
    )
    return {
        "buddy_links": [
            {
                "you_are": "buddy" if row.buddy_person_id == person_id else "participant",
                "with": (name or "?").split()[0],
                "since": row.created_at.isoformat(),
            }
            for row, name in found.all()
        ]
    }


async def all_links(session: AsyncSession, person_id: int | None = None) -> Sequence[BuddyLink]:
    """Every link (or those of one person, either side), oldest first: for staff."""
    query = select(BuddyLink).order_by(BuddyLink.created_at, BuddyLink.id)
    if person_id is not None:
        query = query.where(
            or_(
                BuddyLink.buddy_person_id == person_id,
                BuddyLink.participant_person_id == person_id,
            )
        )
    return (await session.scalars(query)).all()
