"""The raw counts behind the KPI report, per Brussels month and municipality.

Rows are read with only the columns a count needs and counted here, because a month in Brussels
time is not the same in SQLite and PostgreSQL SQL; what leaves is counts, never a person.
A count of people is a `Tally`: the number and how many different people it is about, so the
small-cell rule can also hide sums (hours) that come from fewer than five people.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from statistics import median
from typing import Any, TypeGuard, TypeVar, cast
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from store.activities.models import Activity, Enrolment, EnrolmentStatus, UnmetWish
from store.hours.models import EntryStatus, HourEntry
from store.people.models import ChannelAccount, Person, PersonRole, Role

BRUSSELS = ZoneInfo("Europe/Brussels")
HOUR_BANDS = (0, 10, 20, 30, 40)  # confirmed hours: 0–9, 10–19, 20–29, 30–39, 40 or more
UNKNOWN = "?"  # a person who gave no municipality


@dataclass(frozen=True)
class Period:
    """From the first to the last day, both included, in Brussels time."""

    first: date
    last: date

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError("the period ends before it begins")

    @property
    def starts(self) -> datetime:
        return datetime.combine(self.first, time(), BRUSSELS)

    @property
    def ends(self) -> datetime:
        """The first instant after the period."""
        return datetime.combine(self.last + timedelta(days=1), time(), BRUSSELS)

    def months(self) -> list[str]:
        """Every month the period touches, as YYYY-MM."""
        found, day = [], self.first.replace(day=1)
        while day <= self.last:
            found.append(f"{day:%Y-%m}")
            day = (day + timedelta(days=32)).replace(day=1)
        return found

    def holds(self, moment: datetime | None) -> TypeGuard[datetime]:
        return moment is not None and self.starts <= moment < self.ends


def month_of(moment: datetime) -> str:
    return f"{moment.astimezone(BRUSSELS):%Y-%m}"


@dataclass
class Tally:
    """A number, and the distinct people it is about."""

    value: float = 0
    people: set[int] = field(default_factory=set)

    def add(self, person_id: int, amount: float = 1) -> None:
        self.value += amount
        self.people.add(person_id)

    @property
    def count(self) -> int:
        return len(self.people)


Tallies = defaultdict[tuple[str, ...], Tally]


def _tallies() -> Tallies:
    return defaultdict(Tally)


@dataclass(frozen=True)
class PeopleFigures:
    onboarded: dict[tuple[str, ...], Tally]  # (month, municipality)
    active: dict[tuple[str, ...], Tally]  # (municipality,): seen in the 30 days before the end
    languages: dict[tuple[str, ...], Tally]  # (help language,): onboarded by the end


@dataclass(frozen=True)
class ActivityFigures:
    by_municipality: Counter[tuple[str, str]]  # (municipality, counts: ja/nee/onbekend)
    by_interest: Counter[tuple[str, str]]  # (interest, counts)
    wishes: dict[tuple[str, ...], Tally]  # (interest, municipality): unmet wishes in the period


@dataclass(frozen=True)
class MatchFigures:
    events: dict[tuple[str, ...], Tally]  # (month, enrolled|started|completed)
    welcome: dict[tuple[str, ...], Tally]  # (self-found|with a coach,): enrolled in the period


@dataclass(frozen=True)
class HourFigures:
    minutes: dict[tuple[str, ...], Tally]  # (month, logged|confirmed)
    waiting: Tally  # pending at the end
    bands: dict[tuple[str, ...], Tally]  # (band,): people by confirmed hours at the end
    weeks_to_target: float | None  # median weeks from onboarding to the target, if ≥ 5 people
    reached_target: int


Q = TypeVar("Q")


def _in_places(
    query: Q,
    column: InstrumentedAttribute[str | None] | InstrumentedAttribute[str],
    places: Collection[str] | None,
) -> Q:
    if places is None:
        return query
    return cast(Q, cast(Any, query).where(column.in_(list(places))))


async def people(
    session: AsyncSession, period: Period, places: Collection[str] | None, now: datetime
) -> PeopleFigures:
    """Onboarded per month and municipality; active lately; by help language."""
    query = _in_places(
        select(Person.id, Person.municipality, Person.help_language, Person.onboarded_at).where(
            Person.onboarded_at.is_not(None), Person.onboarded_at < period.ends
        ),
        Person.municipality,
        places,
    )
    onboarded, languages = _tallies(), _tallies()
    for person_id, municipality, language, onboarded_at in await session.execute(query):
        languages[(language,)].add(person_id)
        if period.holds(onboarded_at):
            onboarded[(month_of(onboarded_at), municipality or UNKNOWN)].add(person_id)
    seen_since = min(now, period.ends) - timedelta(days=30)
    recent = _in_places(
        select(Person.id, Person.municipality)
        .join(ChannelAccount, ChannelAccount.person_id == Person.id)
        .where(
            Person.onboarded_at.is_not(None),
            ChannelAccount.last_seen_at >= seen_since,
            ChannelAccount.last_seen_at < period.ends,
        )
        .distinct(),
        Person.municipality,
        places,
    )
    active = _tallies()
    for person_id, municipality in await session.execute(recent):
        active[(municipality or UNKNOWN,)].add(person_id)
    return PeopleFigures(dict(onboarded), dict(active), dict(languages))


def _counts_word(activity: Activity) -> str:
    return {True: "ja", False: "nee", None: "onbekend"}[activity.counts]


async def activities(
    session: AsyncSession, period: Period, places: Collection[str] | None
) -> ActivityFigures:
    """The catalogue on the period's last day, and the wishes nobody could meet."""
    query = _in_places(
        select(Activity).where(
            Activity.created_at < period.ends,
            (Activity.archived_at.is_(None)) | (Activity.archived_at >= period.ends),
            (Activity.valid_until.is_(None)) | (Activity.valid_until >= period.last),
        ),
        Activity.municipality,
        places,
    )
    by_municipality: Counter[tuple[str, str]] = Counter()
    by_interest: Counter[tuple[str, str]] = Counter()
    for activity in (await session.execute(query)).scalars():
        word = _counts_word(activity)
        by_municipality[(activity.municipality, word)] += 1
        for interest in activity.interests or ["(geen)"]:
            by_interest[(interest, word)] += 1
    wishes_query = _in_places(
        select(UnmetWish.id, UnmetWish.municipality, UnmetWish.interests).where(
            UnmetWish.noted_on >= period.first, UnmetWish.noted_on <= period.last
        ),
        UnmetWish.municipality,
        places,
    )
    wishes = _tallies()
    # A wish is kept without its person (privacy by design): each wish counts as one person.
    for wish_id, municipality, interests in await session.execute(wishes_query):
        for interest in interests or ["(geen)"]:
            wishes[(interest, municipality or UNKNOWN)].add(wish_id)
    return ActivityFigures(by_municipality, by_interest, dict(wishes))


async def matches(
    session: AsyncSession, period: Period, places: Collection[str] | None
) -> MatchFigures:
    """Sign-ups, starts and completions per month; found alone or with a coach."""
    query = _in_places(
        select(
            Enrolment.person_id,
            Enrolment.created_at,
            Enrolment.started_at,
            Enrolment.ended_at,
            Enrolment.status,
            Enrolment.together_requested_at,
        ).join(Person, Person.id == Enrolment.person_id),
        Person.municipality,
        places,
    )
    events, welcome = _tallies(), _tallies()
    for person_id, created, started, ended, status, together in await session.execute(query):
        if period.holds(created):
            events[(month_of(created), "enrolled")].add(person_id)
            welcome[("coach" if together else "self",)].add(person_id)
        if period.holds(started):
            events[(month_of(started), "started")].add(person_id)
        if status == EnrolmentStatus.COMPLETED and period.holds(ended):
            events[(month_of(ended), "completed")].add(person_id)
    return MatchFigures(dict(events), dict(welcome))


def _band(minutes: int) -> str:
    hours = minutes / 60
    lows = [low for low in HOUR_BANDS if hours >= low]
    return str(lows[-1])


async def hours(
    session: AsyncSession, period: Period, places: Collection[str] | None, target_hours: int
) -> HourFigures:
    """Hours logged and confirmed per month, waiting at the end, people by confirmed hours."""
    query = _in_places(
        select(
            HourEntry.person_id,
            HourEntry.minutes,
            HourEntry.status,
            HourEntry.day,
            HourEntry.created_at,
            HourEntry.decided_at,
        )
        .join(Person, Person.id == HourEntry.person_id)
        .where(HourEntry.status != EntryStatus.REMOVED.value, HourEntry.created_at < period.ends),
        Person.municipality,
        places,
    )
    minutes, waiting = _tallies(), Tally()
    confirmed_days: defaultdict[int, list[tuple[date, int]]] = defaultdict(list)
    for person_id, amount, status, day, created, decided in await session.execute(query):
        if period.holds(created):
            minutes[(month_of(created), "logged")].add(person_id, amount)
        confirmed_by_end = status == EntryStatus.CONFIRMED and decided and decided < period.ends
        if confirmed_by_end:
            confirmed_days[person_id].append((day, amount))
            if period.holds(decided):
                minutes[(month_of(decided), "confirmed")].add(person_id, amount)
        elif status == EntryStatus.PENDING:
            waiting.add(person_id, amount)
    participants = _in_places(
        select(Person.id, Person.onboarded_at)
        .join(PersonRole, PersonRole.person_id == Person.id)
        .where(
            PersonRole.role == Role.PARTICIPANT.value,
            Person.onboarded_at.is_not(None),
            Person.onboarded_at < period.ends,
        ),
        Person.municipality,
        places,
    )
    bands, weeks = _tallies(), []
    for person_id, onboarded_at in await session.execute(participants):
        days = sorted(confirmed_days.get(person_id, []))
        bands[(_band(sum(amount for _day, amount in days)),)].add(person_id)
        done, reached = 0, None
        for day, amount in days:
            done += amount
            if done >= target_hours * 60:
                reached = day
                break
        if reached is not None and onboarded_at is not None:
            start = onboarded_at.astimezone(BRUSSELS).date()
            weeks.append(max(0, (reached - start).days) / 7)
    return HourFigures(
        dict(minutes),
        waiting,
        dict(bands),
        round(median(weeks), 1) if len(weeks) >= 5 else None,
        len(weeks),
    )


def months_of(keys: Iterable[tuple[str, ...]]) -> list[str]:
    return sorted({key[0] for key in keys})
