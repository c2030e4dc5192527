"""Queries the dialogs need about activities, enrolments and search answers. Never commits."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from store.activities.models import Activity, Enrolment, EnrolmentStatus, SearchProfile, UnmetWish
from store.people.models import Person


async def live(
    session: AsyncSession, today: date, municipalities: Collection[str] | None = None
) -> list[Activity]:
    """Activities that are not archived and not over, optionally only in some municipalities."""
    query = select(Activity).where(
        Activity.archived_at.is_(None),
        or_(Activity.valid_until.is_(None), Activity.valid_until >= today),
    )
    if municipalities is not None:
        query = query.where(Activity.municipality.in_(list(municipalities)))
    result = await session.execute(query.order_by(Activity.id))
    return list(result.scalars().all())


async def get(session: AsyncSession, activity_id: int) -> Activity | None:
    return await session.get(Activity, activity_id)


async def enrolment(session: AsyncSession, enrolment_id: int) -> Enrolment | None:
    """One enrolment with its activity and its person."""
    result = await session.execute(
        select(Enrolment)
        .options(selectinload(Enrolment.person), selectinload(Enrolment.activity))
        .where(Enrolment.id == enrolment_id)
    )
    return result.scalar_one_or_none()


async def enrolments(session: AsyncSession, person_id: int) -> list[Enrolment]:
    """A person's enrolments, newest first, with their activities."""
    result = await session.execute(
        select(Enrolment)
        .where(Enrolment.person_id == person_id)
        .order_by(Enrolment.created_at.desc(), Enrolment.id.desc())
    )
    return list(result.scalars().all())


async def enrol(
    session: AsyncSession, person_id: int, activity: Activity, now: datetime
) -> tuple[Enrolment, bool]:
    """Sign a person up; a second time changes nothing (True only when newly signed up).

    Someone who had stopped signs up again on the same row, so the history stays in one place.
    """
    result = await session.execute(
        select(Enrolment).where(
            Enrolment.person_id == person_id, Enrolment.activity_id == activity.id
        )
    )
    found = result.scalar_one_or_none()
    if found is not None and found.status != EnrolmentStatus.STOPPED:
        return found, False
    if found is None:
        found = Enrolment(person_id=person_id, activity_id=activity.id, created_at=now)
        found.activity = activity
        session.add(found)
    found.status = EnrolmentStatus.INTERESTED.value
    found.provider_asked_at = found.provider_answer = found.provider_answered_at = None
    found.started_at = found.ended_at = None
    found.updated_at = now
    await session.flush()
    return found, True


def set_status(enrolment: Enrolment, status: EnrolmentStatus, now: datetime) -> None:
    """Move an enrolment on: started, completed or stopped."""
    enrolment.status = status.value
    enrolment.updated_at = now
    if status is EnrolmentStatus.STARTED:
        enrolment.started_at = enrolment.started_at or now
        enrolment.ended_at = None
    elif status in (EnrolmentStatus.COMPLETED, EnrolmentStatus.STOPPED):
        enrolment.ended_at = now


async def open_requests(session: AsyncSession, provider_id: int) -> list[Enrolment]:
    """Sign-ups waiting for this provider's yes or no, oldest first."""
    result = await session.execute(
        select(Enrolment)
        .join(Activity, Enrolment.activity_id == Activity.id)
        .options(selectinload(Enrolment.person))
        .where(
            Activity.provider_person_id == provider_id,
            Enrolment.provider_asked_at.is_not(None),
            Enrolment.provider_answer.is_(None),
            Enrolment.status != EnrolmentStatus.STOPPED,
        )
        .order_by(Enrolment.provider_asked_at, Enrolment.id)
    )
    return list(result.scalars().all())


async def person(session: AsyncSession, person_id: int) -> Person | None:
    """Another person (a provider, a participant), with their state and accounts."""
    return await session.get(Person, person_id)


async def profile(session: AsyncSession, person_id: int) -> SearchProfile | None:
    return await session.get(SearchProfile, person_id)


async def profile_to_change(session: AsyncSession, person_id: int, now: datetime) -> SearchProfile:
    """The person's search answers, created empty the first time."""
    found = await session.get(SearchProfile, person_id)
    if found is None:
        found = SearchProfile(
            person_id=person_id, with_children=False, slots=[], everything=False, updated_at=now
        )
        session.add(found)
    found.updated_at = now
    return found


def note_wish(session: AsyncSession, wish: UnmetWish) -> None:
    """Remember a search that found nothing (it carries no person id)."""
    session.add(wish)


async def export(session: AsyncSession, person_id: int) -> dict[str, Any]:
    """The person's enrolments and search answers, as plain JSON-ready data."""
    found = await profile(session, person_id)
    return {
        "enrolments": [
            {
                "id": item.id,
                "activity": item.activity.title,
                "organisation": item.activity.organisation,
                "municipality": item.activity.municipality,
                "status": item.status,
                "together_requested_at": _iso(item.together_requested_at),
                "provider_asked_at": _iso(item.provider_asked_at),
                "provider_answer": item.provider_answer,
                "provider_answered_at": _iso(item.provider_answered_at),
                "started_at": _iso(item.started_at),
                "ended_at": _iso(item.ended_at),
                "created_at": _iso(item.created_at),
                "updated_at": _iso(item.updated_at),
            }
            for item in await enrolments(session, person_id)
        ],
        "activity_search": None
        if found is None
        else {
            "travel": found.travel,
            "dutch_level": found.dutch_level,
            "with_children": found.with_children,
            "slots": list(found.slots),
            "everything": found.everything,
            "coach_requested_at": _iso(found.coach_requested_at),
            "updated_at": _iso(found.updated_at),
        },
    }


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()
