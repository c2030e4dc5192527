"""Queries about help cases. Never commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from store.cases.models import Case, CaseStatus, CoachArea, Reason
from store.people.models import Person, PersonRole, Role

LIVE = (CaseStatus.OPEN.value, CaseStatus.CLAIMED.value)


async def get(session: AsyncSession, case_id: int) -> Case | None:
    return await session.get(Case, case_id, populate_existing=True)


async def open_case_of(session: AsyncSession, person_id: int) -> Case | None:
    """The person's case that is not resolved yet (there is at most one)."""
    return await session.scalar(
        select(Case).where(Case.person_id == person_id, Case.status.in_(LIVE)).order_by(Case.id)
    )


async def raise_case(
    session: AsyncSession, person: Person, reason: Reason, detail: str | None, now: datetime
) -> tuple[Case, bool]:
    """Add a reason to the person's open case, or open one; True when it is new. The same
    reason again adds nothing (ten "help" in a minute are one case, one alert)."""
    case = await open_case_of(session, person.id)
    entry = {"reason": reason.value, "at": now.isoformat(), "detail": detail}
    if case is None:
        case = Case(
            person_id=person.id,
            municipality=person.municipality,
            status=CaseStatus.OPEN.value,
            reasons=[entry],
            opened_at=now,
        )
        session.add(case)
        await session.flush()
        return case, True
    if not any(r["reason"] == reason.value and r.get("detail") == detail for r in case.reasons):
        case.reasons = [*case.reasons, entry]  # a new list: the JSON column sees the change
        await session.flush()
    return case, False


async def claim(session: AsyncSession, case_id: int, coach_id: int, now: datetime) -> bool:
    """Give an open case to a coach; False when another was first (one UPDATE finds it open)."""
    result = await session.execute(
        update(Case)
        .where(Case.id == case_id, Case.status == CaseStatus.OPEN.value)
        .values(status=CaseStatus.CLAIMED.value, coach_person_id=coach_id, claimed_at=now)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def resolve(session: AsyncSession, case: Case, now: datetime) -> None:
    case.status = CaseStatus.RESOLVED.value
    case.resolved_at = now
    case.talking_since = None
    await session.flush()


async def talking_with(session: AsyncSession, person_id: int) -> Case | None:
    """The case in which this person (as the one helped, or as coach) talks through the bot."""
    return await session.scalar(
        select(Case)
        .where(
            Case.talking_since.is_not(None),
            Case.status == CaseStatus.CLAIMED.value,
            or_(Case.person_id == person_id, Case.coach_person_id == person_id),
        )
        .order_by(Case.talking_since.desc())
    )


async def coaches_for(session: AsyncSession, municipality: str | None) -> list[Person]:
    """The coaches who serve this municipality; all coaches when none does."""
    coaches = select(Person).join(PersonRole).where(PersonRole.role == Role.COACH.value)
    if municipality is not None:
        serving = (
            await session.scalars(
                coaches.join(CoachArea, CoachArea.coach_person_id == Person.id).where(
                    CoachArea.municipality == municipality
                )
            )
        ).all()
        if serving:
            return list(serving)
    return list((await session.scalars(coaches.order_by(Person.id))).all())


async def areas_of(session: AsyncSession, coach_id: int) -> list[str]:
    return list(
        (
            await session.scalars(
                select(CoachArea.municipality)
                .where(CoachArea.coach_person_id == coach_id)
                .order_by(CoachArea.municipality)
            )
        ).all()
    )


async def set_areas(session: AsyncSession, coach_id: int, municipalities: Sequence[str]) -> None:
    await session.execute(delete(CoachArea).where(CoachArea.coach_person_id == coach_id))
    session.add_all(CoachArea(coach_person_id=coach_id, municipality=m) for m in municipalities)
    await session.flush()


async def visible_to(session: AsyncSession, coach_id: int, areas: Sequence[str]) -> list[Case]:
    """Cases a coach may see: claimed by them, and the open ones of their areas (of every area
    for a coach who serves none)."""
    mine = Case.coach_person_id == coach_id
    open_here = Case.status == CaseStatus.OPEN.value
    if areas:
        open_here = open_here & Case.municipality.in_(list(areas))
    return list(
        (
            await session.scalars(
                select(Case)
                .where(Case.status.in_(LIVE), or_(mine, open_here))
                .order_by(Case.opened_at, Case.id)
            )
        ).all()
    )


async def forget_person(session: AsyncSession, person_id: int, now: datetime) -> list[Case]:
    """Before /vergeet: the person's cases lose what points to them and the live one ends;
    returns the cases that had a coach (to tell them the conversation ended)."""
    cases = list((await session.scalars(select(Case).where(Case.person_id == person_id))).all())
    for case in cases:
        case.municipality = None
        case.reasons = [{**r, "detail": None} for r in case.reasons]
        if case.status != CaseStatus.RESOLVED.value:
            case.status, case.resolved_at = CaseStatus.RESOLVED.value, now
        case.talking_since = None
    await session.flush()
    return [case for case in cases if case.coach_person_id is not None]
