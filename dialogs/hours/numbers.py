"""The numbers Mijn uren shows, kept in its step so the same question shows the same list; made
anew when the person asks again or when their hours are decided while it is open."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.states import Dialog, HoursStep
from store.hours import entries, goals
from store.hours.models import EntryStatus
from store.people import persons
from store.people.models import Person

MAX_LISTED = 6  # waiting entries offered as choices; the newest first


async def mine(session: AsyncSession, person_id: int, today: date) -> dict[str, Any]:
    """Confirmed and waiting totals, per activity, the deadline, and the waiting entries."""
    totals = await entries.totals(session, person_id)
    goal = await goals.goal(session, person_id)
    waiting = [
        {
            "id": entry.id,
            "minutes": entry.minutes,
            "day": entry.day.isoformat(),
            "title": entry.enrolment.activity.title,
        }
        for entry in await entries.of_person(session, person_id)
        if entry.status == EntryStatus.PENDING
    ]
    return {
        "confirmed": totals.confirmed,
        "pending": totals.pending,
        "per": [list(row) for row in totals.per_activity],
        "deadline": None if goal is None or goal.deadline is None else goal.deadline.isoformat(),
        "today": today.isoformat(),
        "waiting": waiting[:MAX_LISTED],
    }


async def refresh(session: AsyncSession, person: Person, now: datetime) -> None:
    """When `person` has Mijn uren open, count again: asked once more, it shows the news."""
    state = person.state
    if state is None or (state.dialog, state.step) != (Dialog.HOURS, HoursStep.MINE):
        return
    shown_on = state.data.get("today")  # the deadline counts from the day it was first shown
    today = date.fromisoformat(shown_on) if isinstance(shown_on, str) else now.date()
    persons.set_state(person, state.dialog, state.step, await mine(session, person.id, today), now)
