"""Answers to sessions: Ik kom (with children), Misschien, Ik kom niet, the waiting list and
"Was je er?". One row per person and session however often they answer. Never commits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from store.sessions import plan as reminders
from store.sessions.models import ActivitySession, Answer, ReminderKind, Rsvp
from store.sessions.plan import ReminderPlan
from store.sessions.sessions import answers, taken

MAX_CHILDREN = 20


class Refusal(StrEnum):
    PAST = "past"
    CANCELLED = "cancelled"
    TOO_MANY_CHILDREN = "too_many_children"
    NO_ROOM = "no_room"  # already coming; the extra children do not fit (nothing changed)


@dataclass(frozen=True)
class Answered:
    """What an answer led to: the row, whether it is on the waiting list, who got a place."""

    rsvp: Rsvp
    waiting: bool
    promoted: tuple[int, ...] = ()  # person ids who moved from the waiting list to Yes


async def of(session: AsyncSession, session_id: int, person_id: int) -> Rsvp | None:
    return await session.scalar(
        select(Rsvp).where(Rsvp.session_id == session_id, Rsvp.person_id == person_id)
    )


def free_places(item: ActivitySession, taken_places: int) -> int | None:
    """Places left, or None when there is no limit."""
    return None if item.capacity is None else max(0, item.capacity - taken_places)


async def respond(
    session: AsyncSession,
    item: ActivitySession,
    person_id: int,
    answer: Answer,
    children: int,
    plan: ReminderPlan,
    now: datetime,
) -> Answered | Refusal:
    """Store an answer (until the start); a Yes that does not fit goes on the waiting list."""
    if item.cancelled_at is not None:
        return Refusal.CANCELLED
    if item.starts_at <= now:
        return Refusal.PAST
    if not 0 <= children <= MAX_CHILDREN:
        return Refusal.TOO_MANY_CHILDREN
    rsvp = await of(session, item.id, person_id)
    if rsvp is None:
        rsvp = Rsvp(
            session_id=item.id,
            person_id=person_id,
            answer=Answer.NO.value,
            children=0,
            answered_at=now,
            created_at=now,
        )
        session.add(rsvp)
        await session.flush()
    before = rsvp.answer
    waiting = False
    if answer is Answer.YES:
        # The places without this person's own row, so changing one's count is judged fairly.
        others = await taken(session, item.id) - (rsvp.places if before == Answer.YES else 0)
        free = free_places(item, others)
        waiting = free is not None and free < 1 + children
        if waiting and before == Answer.YES:
            return Refusal.NO_ROOM
    new = Answer.WAITING if waiting else answer
    if new.value != before:
        rsvp.answered_at = now  # a second press keeps one's turn on the waiting list
    rsvp.answer = new.value
    rsvp.children = children if new is not Answer.NO else 0
    await session.flush()
    await reminders.remake_for(session, item, person_id, rsvp.answer, plan, now)
    promoted: tuple[int, ...] = ()
    if before == Answer.YES:
        promoted = await promote(session, item, plan, now)
    return Answered(rsvp, waiting, promoted)


async def promote(
    session: AsyncSession, item: ActivitySession, plan: ReminderPlan, now: datetime
) -> tuple[int, ...]:
    """Give freed places to the first on the waiting list who fit; each is told at once."""
    if item.cancelled_at is not None or item.starts_at <= now:
        return ()
    promoted = []
    free = free_places(item, await taken(session, item.id))
    for rsvp in await answers(session, item.id):
        if free is not None and free <= 0:
            break
        if rsvp.answer != Answer.WAITING:
            continue
        if free is not None and rsvp.places > free:
            continue  # a family too big for the place left waits; a smaller one behind fits
        rsvp.answer = Answer.YES.value
        free = None if free is None else free - rsvp.places
        promoted.append(rsvp.person_id)
        await session.flush()
        await reminders.remake_for(session, item, rsvp.person_id, rsvp.answer, plan, now)
        reminders.notice(session, item, rsvp.person_id, ReminderKind.PROMOTED, now)
    await session.flush()
    return tuple(promoted)


async def attended(
    session: AsyncSession, item: ActivitySession, person_id: int, was_there: bool, now: datetime
) -> Rsvp | None:
    """Store the answer to "Was je er?"; None when the person had not answered the session."""
    rsvp = await of(session, item.id, person_id)
    if rsvp is None or item.starts_at > now:
        return None
    rsvp.attended, rsvp.attended_at = was_there, now
    await session.flush()
    return rsvp


async def of_person(session: AsyncSession, person_id: int) -> list[Rsvp]:
    """A person's answers, newest session first (for /mijngegevens and their list)."""
    result = await session.scalars(
        select(Rsvp)
        .join(ActivitySession, ActivitySession.id == Rsvp.session_id)
        .where(Rsvp.person_id == person_id)
        .order_by(ActivitySession.starts_at.desc())
    )
    return list(result.all())


async def consecutive_no_shows(session: AsyncSession, person_id: int, now: datetime) -> int:
    """How many of the person's latest past sessions in a row they said Ik kom to and then
    answered "Nee" to "Was je er?" (for the coach's cases); a session they came to ends it."""
    count = 0
    for rsvp in await of_person(session, person_id):
        if rsvp.session.starts_at > now or rsvp.session.cancelled_at is not None:
            continue
        if rsvp.answer != Answer.YES:
            continue
        if rsvp.attended is False:
            count += 1
        else:
            break
    return count


async def export(session: AsyncSession, person_id: int) -> dict[str, Any]:
    """A person's answers to sessions and whether they came, as JSON-ready data."""
    return {
        "taalplezier": [
            {
                "activity": rsvp.session.activity.title,
                "starts_at": rsvp.session.starts_at.isoformat(),
                "place": rsvp.session.where,
                "answer": rsvp.answer,
                "children": rsvp.children,
                "answered_at": rsvp.answered_at.isoformat(),
                "attended": rsvp.attended,
            }
            for rsvp in await of_person(session, person_id)
        ]
    }
