"""Bringing a source's list into the catalogue, and what staff look at. Never commits.

An import is idempotent: the same list twice changes nothing, a changed item is updated in place
(matched on source + external id), and an item that left the list is archived when someone is
enrolled in it, deleted otherwise.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from store.activities.models import Activity, Enrolment, UnmetWish
from store.people.models import Person, Role

CRITERIA = ("with_others", "new_contacts", "dutch_setting")


@dataclass(frozen=True)
class ActivityData:
    """One activity as a source describes it, already checked."""

    external_id: str
    title: str
    description: str
    organisation: str
    municipality: str
    address: str | None = None
    interests: tuple[str, ...] = ()
    dutch_level: int | None = None
    children_welcome: bool = False
    weekdays: tuple[str, ...] = ()
    day_parts: tuple[str, ...] = ()
    times: str | None = None
    dates: tuple[str, ...] = ()
    price_cents: int | None = None
    uitpas: bool = False
    contact_email: str | None = None
    contact_url: str | None = None
    contact_phone: str | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    # None leaves what staff stored; a source that says nothing must not wipe their check.
    with_others: bool | None = None
    new_contacts: bool | None = None
    dutch_setting: bool | None = None

    def columns(self) -> dict[str, object]:
        values = asdict(self)
        for name in ("interests", "weekdays", "day_parts", "dates"):
            values[name] = list(values[name])
        for name in CRITERIA:
            if values[name] is None:
                del values[name]
        return values


@dataclass
class SyncResult:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)
    archived: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)  # of the archived and deleted ones

    @property
    def removed(self) -> list[str]:
        """What leaves the live catalogue: archived or deleted."""
        return [*self.archived, *self.deleted]


async def sync(
    session: AsyncSession,
    source: str,
    items: Sequence[ActivityData],
    now: datetime,
    *,
    keep_missing: bool = False,
    untouched: Iterable[str] = (),
) -> SyncResult:
    """Make the catalogue hold exactly `items` for `source`.

    `untouched` are external ids the source still lists but that could not be read this time:
    they are left as they are rather than archived.
    """
    result = SyncResult()
    stored = {
        activity.external_id: activity
        for activity in (
            await session.execute(select(Activity).where(Activity.source == source))
        ).scalars()
    }
    for item in items:
        columns = item.columns()
        activity = stored.get(item.external_id)
        if activity is None:
            session.add(Activity(source=source, created_at=now, updated_at=now, **columns))
            result.added.append(item.external_id)
            continue
        changed = {key: value for key, value in columns.items() if getattr(activity, key) != value}
        for key, value in changed.items():
            setattr(activity, key, value)
        if activity.archived_at is not None:
            activity.archived_at = None
            result.restored.append(item.external_id)
        elif changed:
            result.updated.append(item.external_id)
        else:
            result.unchanged.append(item.external_id)
        if changed or item.external_id in result.restored:
            activity.updated_at = now
    if not keep_missing:
        listed = {item.external_id for item in items} | set(untouched)
        gone = [a for key, a in stored.items() if key not in listed and a.archived_at is None]
        enrolled = await _enrolled(session, [activity.id for activity in gone])
        for activity in gone:
            result.titles[activity.external_id] = activity.title
            if activity.id in enrolled:
                activity.archived_at = activity.updated_at = now
                result.archived.append(activity.external_id)
            else:
                await session.delete(activity)
                result.deleted.append(activity.external_id)
    await session.flush()
    return result


async def _enrolled(session: AsyncSession, activity_ids: list[int]) -> set[int]:
    if not activity_ids:
        return set()
    result = await session.execute(
        select(Enrolment.activity_id).where(Enrolment.activity_id.in_(activity_ids)).distinct()
    )
    return set(result.scalars().all())


async def listing(
    session: AsyncSession,
    *,
    municipality: str | None = None,
    interest: str | None = None,
    archived: bool = False,
) -> list[tuple[Activity, int]]:
    """Activities for staff, with how many people signed up for each."""
    counts = (
        select(Enrolment.activity_id, func.count().label("enrolled"))
        .group_by(Enrolment.activity_id)
        .subquery()
    )
    query = select(Activity, func.coalesce(counts.c.enrolled, 0)).outerjoin(
        counts, counts.c.activity_id == Activity.id
    )
    if municipality is not None:
        query = query.where(Activity.municipality == municipality)
    if not archived:
        query = query.where(Activity.archived_at.is_(None))
    rows = (await session.execute(query.order_by(Activity.municipality, Activity.title))).all()
    return [
        (activity, int(enrolled))
        for activity, enrolled in rows
        if interest is None or interest in activity.interests
    ]


async def gaps(session: AsyncSession, since: date | None = None) -> list[tuple[str, str, int]]:
    """How often each interest found nothing in each municipality, most often first."""
    query = select(UnmetWish)
    if since is not None:
        query = query.where(UnmetWish.noted_on >= since)
    counter: Counter[tuple[str, str]] = Counter()
    for wish in (await session.execute(query)).scalars():
        for interest in wish.interests or ["(geen voorkeur)"]:
            counter[(wish.municipality or "(buiten de Westhoek)", interest)] += 1
    return [
        (municipality, interest, count)
        for (municipality, interest), count in sorted(
            counter.items(), key=lambda item: (-item[1], item[0])
        )
    ]


def set_criteria(activity: Activity, now: datetime, **criteria: bool | None) -> None:
    """Staff's check of the trajectory rules; a None leaves that rule as it was."""
    for name, value in criteria.items():
        if name not in CRITERIA:
            raise ValueError(f"unknown criterion {name}")
        if value is not None:
            setattr(activity, name, value)
    activity.updated_at = now


async def link_provider(session: AsyncSession, activity: Activity, person_id: int | None) -> None:
    """Make a Wegwijs person the contact for an activity (granting them the provider role)."""
    if person_id is None:
        activity.provider_person_id = None
        return
    person = await session.get(Person, person_id)
    if person is None:
        raise LookupError(f"no person {person_id}")
    person.grant(Role.PROVIDER)
    activity.provider_person_id = person.id
