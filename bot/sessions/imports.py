"""Bringing sessions into the store: from staff's CSV list, and from activities that name
concrete dates (the activities' `data` column, UiTdatabank `subEvent`s)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.activities.csv_file import Problem
from bot.activities.values import CellError
from bot.sessions.csv_file import SessionRow, local_instant
from store.activities.models import Activity
from store.sessions import sessions
from store.sessions.plan import ReminderPlan
from store.sessions.sessions import SessionData


@dataclass
class Imported:
    added: list[int] = field(default_factory=list)
    moved: list[int] = field(default_factory=list)  # time or place changed: everyone is told
    updated: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # any of these: nothing was stored


async def apply(
    session: AsyncSession, rows: list[SessionRow], plan: ReminderPlan, now: datetime
) -> Imported:
    """Add or update every row, or (when one names an unknown activity) none of them."""
    result = Imported()
    resolved: list[tuple[Activity, SessionData]] = []
    for row in rows:
        activity = await sessions.activity_by_key(session, row.activity)
        if activity is None:
            message = f"there is no activity {row.activity!r} (see `wegwijs activities list`)"
            result.problems.append(Problem(row.row, "activiteit", message))
            continue
        data = row.data
        if not data.municipality:
            data = replace(data, municipality=activity.municipality)
        if data.address is None:
            data = replace(data, address=activity.address)
        resolved.append((activity, data))
    if result.problems:
        return result
    for activity, data in resolved:
        await upsert(session, activity, data, plan, now, result)
    return result


async def upsert(
    session: AsyncSession,
    activity: Activity,
    data: SessionData,
    plan: ReminderPlan,
    now: datetime,
    result: Imported,
) -> None:
    """One session: new, moved, changed otherwise, or the same as before."""
    existing = await sessions.find(session, activity.id, data.external_id)
    if existing is None:
        item = sessions.add(session, activity, data, now)
        await session.flush()
        result.added.append(item.id)
        return
    before = existing.updated_at
    moved = await sessions.change(session, existing, data, plan, now)
    if moved:
        result.moved.append(existing.id)
    elif existing.updated_at != before:
        result.updated.append(existing.id)
    else:
        result.unchanged.append(existing.id)


def from_dates(activity: Activity, zone: ZoneInfo, now: datetime) -> list[SessionData]:
    """The sessions an activity's concrete dates and hours give; none without hours."""
    if not activity.times:
        return []
    begin, _, end = activity.times.partition("-")
    start_at, end_at = time.fromisoformat(begin), time.fromisoformat(end)
    found = []
    for text in activity.dates:
        day = date.fromisoformat(text)
        try:
            starts, ends = local_instant(day, start_at, zone), local_instant(day, end_at, zone)
        except CellError:
            continue  # a time the spring-forward night skips; staff see it in the list
        if starts <= now or ends <= starts:
            continue
        found.append(
            SessionData(
                external_id=f"datum:{text}",
                starts_at=starts,
                ends_at=ends,
                municipality=activity.municipality,
                address=activity.address,
                dutch_level=activity.dutch_level,
                audience="families" if activity.children_welcome else "everyone",
                counts=bool(activity.counts),
            )
        )
    return found


async def from_activities(
    session: AsyncSession, source: str, plan: ReminderPlan, now: datetime
) -> Imported:
    """Make (or update) the sessions of a source's dated activities, after its import."""
    result = Imported()
    for activity in await sessions.dated_activities(session, source):
        for data in from_dates(activity, plan.zone, now):
            await upsert(session, activity, data, plan, now, result)
    return result
