"""Queries on hour entries: log, look up, decide (one winner), correct (audited), totals. Never
commits."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from store.activities.models import Activity, Enrolment
from store.hours.models import (
    ConfirmationLink,
    ConfirmedVia,
    EntryStatus,
    HourCorrection,
    HourEntry,
)
from store.people.models import Person

# Entries that count towards a day's maximum and the totals shown.
LIVE = (EntryStatus.PENDING.value, EntryStatus.CONFIRMED.value)


@dataclass(frozen=True)
class Source:
    """The update that logged an entry, so the same update twice stores once."""

    channel: str
    update_id: str


async def add(
    session: AsyncSession,
    enrolment: Enrolment,
    day: date,
    minutes: int,
    now: datetime,
    *,
    logged_by: int,
    source: Source | None = None,
) -> HourEntry:
    """A new pending entry; with a `source` already seen, the entry it made then."""
    if source is not None:
        found = await session.scalar(
            select(HourEntry).where(
                HourEntry.source_channel == source.channel,
                HourEntry.source_update == source.update_id,
            )
        )
        if found is not None:
            return found
    entry = HourEntry(
        person_id=enrolment.person_id,
        enrolment_id=enrolment.id,
        day=day,
        minutes=minutes,
        status=EntryStatus.PENDING.value,
        version=1,
        logged_by_person_id=logged_by,
        source_channel=None if source is None else source.channel,
        source_update=None if source is None else source.update_id,
        pending_since=now,
        created_at=now,
        updated_at=now,
    )
    entry.enrolment = enrolment
    session.add(entry)
    await session.flush()
    return entry


async def get(session: AsyncSession, entry_id: int) -> HourEntry | None:
    """One entry with its enrolment and activity (the person is loaded separately)."""
    return await session.get(HourEntry, entry_id, populate_existing=True)


async def of_person(
    session: AsyncSession, person_id: int, *, removed: bool = False
) -> Sequence[HourEntry]:
    """A person's entries (those removed too, with `removed`), the latest day first."""
    query = select(HourEntry).where(HourEntry.person_id == person_id)
    if not removed:
        query = query.where(HourEntry.status != EntryStatus.REMOVED)
    return (await session.scalars(query.order_by(HourEntry.day.desc(), HourEntry.id.desc()))).all()


async def day_total(
    session: AsyncSession, person_id: int, day: date, *, leave_out: int | None = None
) -> int:
    """Minutes already logged (pending or confirmed) by a person on one day."""
    query = select(func.coalesce(func.sum(HourEntry.minutes), 0)).where(
        HourEntry.person_id == person_id, HourEntry.day == day, HourEntry.status.in_(LIVE)
    )
    if leave_out is not None:
        query = query.where(HourEntry.id != leave_out)
    return int(await session.scalar(query) or 0)


async def same(
    session: AsyncSession, enrolment_id: int, day: date, minutes: int
) -> HourEntry | None:
    """An entry with exactly these hours on this day for this enrolment ("al gestuurd?")."""
    return await session.scalar(
        select(HourEntry)
        .where(
            HourEntry.enrolment_id == enrolment_id,
            HourEntry.day == day,
            HourEntry.minutes == minutes,
            HourEntry.status.in_(LIVE),
        )
        .limit(1)
    )


@dataclass(frozen=True)
class Decision:
    confirm: bool
    via: ConfirmedVia
    by_person_id: int | None
    name: str | None
    reason: str | None = None


async def decide(
    session: AsyncSession, entry: HourEntry, version: int, decision: Decision, now: datetime
) -> bool:
    """Confirm or reject a pending entry as it was shown (`version`); False when someone else
    decided first or it changed since: only one conditional UPDATE can win."""
    status = EntryStatus.CONFIRMED if decision.confirm else EntryStatus.REJECTED
    result = await session.execute(
        update(HourEntry)
        .where(
            HourEntry.id == entry.id,
            HourEntry.status == EntryStatus.PENDING,
            HourEntry.version == version,
        )
        .values(
            status=status.value,
            decided_by_person_id=decision.by_person_id,
            decided_via=decision.via.value,
            decided_name=decision.name,
            decided_at=now,
            reason=decision.reason,
            updated_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    if not result.rowcount:  # type: ignore[attr-defined]
        return False
    await session.refresh(entry)
    return True


async def correct(
    session: AsyncSession,
    entry: HourEntry,
    now: datetime,
    *,
    by_person_id: int | None,
    reason: str | None,
    day: date | None = None,
    minutes: int | None = None,
    enrolment: Enrolment | None = None,
    remove: bool = False,
) -> HourCorrection:
    """Change or remove an entry and keep the change in the audit trail. A changed entry waits
    for a new confirmation: what was confirmed is not what it says now."""
    old = entry.values()
    if day is not None:
        entry.day = day
    if minutes is not None:
        entry.minutes = minutes
    if enrolment is not None:
        entry.enrolment_id = enrolment.id
        entry.enrolment = enrolment
    if remove:
        entry.status = EntryStatus.REMOVED.value
    elif entry.values() != old:
        entry.status = EntryStatus.PENDING.value
        entry.decided_by_person_id = entry.decided_at = None
        entry.decided_via = entry.decided_name = entry.reason = None
        entry.pending_since = now
        entry.reminded_at = entry.escalated_at = entry.provider_asked_at = None
    entry.version += 1
    entry.updated_at = now
    # Links show the old values: they stop working.
    await session.execute(
        delete(ConfirmationLink).where(
            ConfirmationLink.entry_id == entry.id, ConfirmationLink.used_at.is_(None)
        )
    )
    correction = HourCorrection(
        entry_id=entry.id,
        changed_by_person_id=by_person_id,
        changed_at=now,
        old=old,
        new=entry.values(),
        reason=reason,
    )
    session.add(correction)
    await session.flush()
    return correction


async def corrections(session: AsyncSession, entry_ids: Sequence[int]) -> Sequence[HourCorrection]:
    return (
        await session.scalars(
            select(HourCorrection)
            .where(HourCorrection.entry_id.in_(list(entry_ids)))
            .order_by(HourCorrection.changed_at, HourCorrection.id)
        )
    ).all()


@dataclass(frozen=True)
class Totals:
    """Minutes per activity title: (confirmed, pending)."""

    confirmed: int
    pending: int
    per_activity: tuple[tuple[str, int, int], ...]


async def totals(session: AsyncSession, person_id: int) -> Totals:
    rows = (
        await session.execute(
            select(Activity.title, HourEntry.status, func.sum(HourEntry.minutes))
            .join(Enrolment, HourEntry.enrolment_id == Enrolment.id)
            .join(Activity, Enrolment.activity_id == Activity.id)
            .where(HourEntry.person_id == person_id, HourEntry.status.in_(LIVE))
            .group_by(Activity.title, HourEntry.status)
            .order_by(Activity.title)
        )
    ).all()
    per: dict[str, list[int]] = {}
    for title, status, minutes in rows:
        slot = per.setdefault(title, [0, 0])
        slot[0 if status == EntryStatus.CONFIRMED else 1] += int(minutes)
    return Totals(
        confirmed=sum(value[0] for value in per.values()),
        pending=sum(value[1] for value in per.values()),
        per_activity=tuple((title, value[0], value[1]) for title, value in per.items()),
    )


async def waiting_for(session: AsyncSession, provider_id: int) -> Sequence[HourEntry]:
    """Pending entries at activities this person is the contact of, oldest first."""
    return (
        await session.scalars(
            select(HourEntry)
            .join(Enrolment, HourEntry.enrolment_id == Enrolment.id)
            .join(Activity, Enrolment.activity_id == Activity.id)
            .where(
                Activity.provider_person_id == provider_id,
                HourEntry.status == EntryStatus.PENDING,
                HourEntry.person_id != provider_id,
            )
            .order_by(HourEntry.pending_since, HourEntry.id)
        )
    ).all()


async def for_export(
    session: AsyncSession,
    *,
    municipality: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[tuple[HourEntry, Person]]:
    """Entries with their participant, for the counsellors' export: by where the participant
    lives and by day; removed entries left out."""
    query = (
        select(HourEntry, Person)
        .join(Person, HourEntry.person_id == Person.id)
        .where(HourEntry.status != EntryStatus.REMOVED)
    )
    if municipality is not None:
        query = query.where(Person.municipality == municipality)
    if since is not None:
        query = query.where(HourEntry.day >= since)
    if until is not None:
        query = query.where(HourEntry.day <= until)
    rows = await session.execute(query.order_by(Person.id, HourEntry.day, HourEntry.id))
    return [(entry, person) for entry, person in rows]


async def pending(
    session: AsyncSession, *, not_of: int, limit: int, of: Collection[int] | None = None
) -> Sequence[HourEntry]:
    """The oldest pending entries of everyone but `not_of` (or only of the people in `of`):
    what a coach or staff, or a buddy, can check."""
    query = select(HourEntry).where(
        HourEntry.status == EntryStatus.PENDING, HourEntry.person_id != not_of
    )
    if of is not None:
        query = query.where(HourEntry.person_id.in_(list(of)))
    return (
        await session.scalars(query.order_by(HourEntry.pending_since, HourEntry.id).limit(limit))
    ).all()
