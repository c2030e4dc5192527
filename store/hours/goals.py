"""A participant's goal: the deadline a coach or staff set, and milestones cheered once. Also
everything about hours for /mijngegevens. Never commits."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from store.hours import entries
from store.hours.models import ConfirmationLink, HourGoal, HourOverview


async def goal(session: AsyncSession, person_id: int) -> HourGoal | None:
    return await session.get(HourGoal, person_id, populate_existing=True)


async def _ensure(session: AsyncSession, person_id: int, now: datetime) -> None:
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    await session.execute(
        insert(HourGoal)
        .values(person_id=person_id, milestone=0, updated_at=now)
        .on_conflict_do_nothing()
    )


async def set_deadline(
    session: AsyncSession, person_id: int, deadline: date | None, by_person_id: int, now: datetime
) -> None:
    await _ensure(session, person_id, now)
    await session.execute(
        update(HourGoal)
        .where(HourGoal.person_id == person_id)
        .values(
            deadline=deadline,
            deadline_set_by_person_id=by_person_id,
            deadline_set_at=now,
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )


async def reach(session: AsyncSession, person_id: int, milestone: int, now: datetime) -> bool:
    """Note that `milestone` (10, 20, …) was reached; True only the first time, whoever asks."""
    await _ensure(session, person_id, now)
    result = await session.execute(
        update(HourGoal)
        .where(HourGoal.person_id == person_id, HourGoal.milestone < milestone)
        .values(milestone=milestone, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def export(session: AsyncSession, person_id: int) -> dict[str, Any]:
    """The person's hours, confirmations, links, corrections, goal and overviews, as JSON data."""
    rows = await entries.of_person(session, person_id, removed=True)
    ids = [entry.id for entry in rows]
    links = (
        await session.scalars(select(ConfirmationLink).where(ConfirmationLink.entry_id.in_(ids)))
    ).all()
    found = await goal(session, person_id)
    overviews = (
        await session.scalars(select(HourOverview).where(HourOverview.person_id == person_id))
    ).all()
    return {
        "hours": [
            {
                "id": entry.id,
                "activity": entry.enrolment.activity.title,
                "day": entry.day.isoformat(),
                "minutes": entry.minutes,
                "status": entry.status,
                "confirmed_via": entry.decided_via,
                "confirmed_by_name": entry.decided_name,
                "decided_at": _iso(entry.decided_at),
                "reason": entry.reason,
                "created_at": _iso(entry.created_at),
                "updated_at": _iso(entry.updated_at),
            }
            for entry in rows
        ],
        "confirmation_links": [
            {
                "entry": link.entry_id,
                "created_at": _iso(link.created_at),
                "expires_at": _iso(link.expires_at),
                "used_at": _iso(link.used_at),
                "outcome": link.outcome,
            }
            for link in links
        ],
        "hour_corrections": [
            {
                "entry": item.entry_id,
                "changed_at": _iso(item.changed_at),
                "old": item.old,
                "new": item.new,
                "reason": item.reason,
            }
            for item in await entries.corrections(session, ids)
        ],
        "hours_goal": None
        if found is None
        else {
            "deadline": None if found.deadline is None else found.deadline.isoformat(),
            "deadline_set_at": _iso(found.deadline_set_at),
            "milestone": found.milestone,
        },
        "hour_overviews": [
            {
                "created_at": _iso(item.created_at),
                "confirmed_minutes": item.confirmed_minutes,
                "entries": item.entries,
            }
            for item in overviews
        ],
    }


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()
