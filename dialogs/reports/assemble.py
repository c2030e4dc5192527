"""One report from the store: the period's counts, each turned into its section."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.reports import build
from dialogs.reports.build import Report
from store.hours.models import HourEntry
from store.people.models import Person
from store.reports import figures
from store.reports.figures import Period


async def assemble(
    session: AsyncSession,
    period: Period,
    *,
    municipality: str | None,
    municipalities: Sequence[str],
    coordinates: Mapping[str, tuple[float, float]],
    target_hours: int,
    now: datetime,
) -> Report:
    """The whole report for `period`, for one municipality or (None) the whole Westhoek."""
    places = None if municipality is None else (municipality,)
    shown = list(places or municipalities)
    people = await figures.people(session, period, places, now)
    offer = await figures.activities(session, period, places)
    matches = await figures.matches(session, period, places)
    hours = await figures.hours(session, period, places, target_hours)
    sections = build.sections_in_order(
        (
            build.people_section(people, period, shown),
            build.activities_section(offer, shown, coordinates),
            build.matches_section(matches, period),
            build.hours_section(hours, period, target_hours),
        )
    )
    return Report(period, municipality, await _data_until(session, period), now, sections)


async def _data_until(session: AsyncSession, period: Period) -> datetime | None:
    """The newest change the report could see: the data's time, not the report's."""
    newest = None
    for column in (Person.updated_at, HourEntry.updated_at):
        found = await session.scalar(select(func.max(column)).where(column < period.ends))
        if found is not None and (newest is None or found > newest):
            newest = found
    return newest
