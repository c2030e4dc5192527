"""Merging two persons moves every row that points at the one that goes, for every foreign key
in the metadata, including tables added later."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, timedelta

import pytest
from sqlalchemy import Column, ForeignKey, Integer, Table, func, insert, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot import outbox
from bot.sending import Delivery
from dialogs.render import Rendered
from store.activities import catalogue
from store.activities.models import Activity, Enrolment, EnrolmentStatus
from store.hours.models import HourEntry, HourGoal
from store.people import invites, link_codes, merge, persons
from store.people.models import Person, Role
from store.schema import Base
from tests.catalogue import stock
from tests.support import FakeClock


@pytest.fixture
async def hours(database: AsyncEngine) -> AsyncIterator[Table]:
    """A table another branch might add: hours per enrolment and per person."""
    table = Table(
        "probe_hours",
        Base.metadata,
        Column("id", Integer, primary_key=True),
        Column("person_id", ForeignKey("persons.id", ondelete="CASCADE"), nullable=False),
        Column("enrolment_id", ForeignKey("enrolments.id", ondelete="CASCADE")),
        Column("minutes", Integer, nullable=False),
    )
    try:
        async with database.begin() as connection:
            await connection.run_sync(table.create)
        yield table
    finally:
        Base.metadata.remove(table)
        async with database.begin() as connection:
            await connection.run_sync(table.drop)


async def _person(session: AsyncSession, address: str, clock: FakeClock) -> Person:
    account = await persons.add_person(session, "telegram", address, clock.now())
    return account.person


async def test_everything_that_hangs_on_a_person_moves(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock, hours: Table
) -> None:
    ids = await stock(sessions)
    kitchen, football = ids["keuken-ieper"], ids["voetbal-ieper"]
    async with sessions() as session, session.begin():
        keep = await _person(session, "1", clock)
        drop = await _person(session, "2", clock)
        drop.grant(Role.STAFF)
        persons.set_state(drop, "menu", "main", {}, clock.now())
        for person, activity_id in ((keep, kitchen), (drop, kitchen), (drop, football)):
            activity = await catalogue.get(session, activity_id)
            assert activity is not None
            await catalogue.enrol(session, person.id, activity, clock.now())
        both = await catalogue.profile_to_change(session, keep.id, clock.now())
        both.travel = "bike"
        (await catalogue.profile_to_change(session, drop.id, clock.now())).travel = "bus"
        await invites.create(session, Role.COACH, clock.now(), timedelta(days=1), drop)
        await link_codes.create(session, drop, clock.now())
        provided = await catalogue.get(session, football)
        assert provided is not None
        provided.provider_person_id = drop.id
        enrolled = {
            (e.person_id, e.activity_id): e.id
            for e in (await session.scalars(select(Enrolment))).all()
        }
        for person_id, activity_id, minutes in ((drop.id, kitchen, 90), (drop.id, football, 60)):
            await session.execute(
                insert(hours).values(
                    person_id=person_id,
                    enrolment_id=enrolled[(person_id, activity_id)],
                    minutes=minutes,
                )
            )
        outbox.enqueue(
            session, "telegram", "2", drop.accounts[0].id, [Delivery(Rendered("Hoi"))], clock
        )
        keep_id, drop_id = keep.id, drop.id

    async with sessions() as session, session.begin():
        staying = await persons.person_with_accounts(session, keep_id)
        going = await persons.person_with_accounts(session, drop_id)
        assert staying is not None
        assert going is not None
        await merge.merge_persons(session, staying, going)
        assert sorted(a.address for a in staying.accounts) == ["1", "2"]  # the ORM sees it too

    async with sessions() as session:
        assert await session.get(Person, drop_id) is None
        for column in merge.references(Person.__table__):  # type: ignore[arg-type]
            left = await session.scalar(
                select(func.count()).select_from(column.table).where(column == drop_id)
            )
            assert left == 0, f"{column.table}.{column.name} still points at the merged person"
        kept = await persons.person_with_accounts(session, keep_id)
        assert kept is not None
        assert kept.roles == {Role.PARTICIPANT, Role.STAFF}
        assert kept.state is not None  # the only conversation state moved with her
        mine = {e.activity_id: e for e in await catalogue.enrolments(session, keep_id)}
        assert set(mine) == {kitchen, football}
        assert mine[kitchen].id == enrolled[(keep_id, kitchen)]  # the kept person's row won
        logged = (await session.execute(select(hours.c.enrolment_id, hours.c.minutes))).all()
        # The hours of the kitchen enrolment that gave way moved to the one that stayed.
        assert sorted(logged) == sorted(
            [(enrolled[(keep_id, kitchen)], 90), (enrolled[(drop_id, football)], 60)]
        )
        profile = await catalogue.profile(session, keep_id)
        assert profile is not None
        assert profile.travel == "bike"
        activity = await session.get(Activity, football)
        assert activity is not None
        assert activity.provider_person_id == keep_id
        assert mine[football].status == EnrolmentStatus.INTERESTED


async def test_hours_and_goals_follow_the_person(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    ids = await stock(sessions)
    kitchen = ids["keuken-ieper"]
    day = clock.now().date()
    async with sessions() as session, session.begin():
        keep = await _person(session, "1", clock)
        drop = await _person(session, "2", clock)
        activity = await catalogue.get(session, kitchen)
        assert activity is not None
        kept, _new = await catalogue.enrol(session, keep.id, activity, clock.now())
        gone, _new = await catalogue.enrol(session, drop.id, activity, clock.now())
        for person, enrolment, minutes in ((keep, kept, 60), (drop, gone, 90), (drop, gone, 30)):
            session.add(
                HourEntry(
                    person_id=person.id,
                    enrolment_id=enrolment.id,
                    day=day,
                    minutes=minutes,
                    logged_by_person_id=person.id,
                    pending_since=clock.now(),
                    created_at=clock.now(),
                    updated_at=clock.now(),
                )
            )
        for person, deadline in ((keep, date(2027, 3, 1)), (drop, date(2027, 1, 1))):
            session.add(HourGoal(person_id=person.id, deadline=deadline, updated_at=clock.now()))
        keep_id, drop_id, kept_id = keep.id, drop.id, kept.id

    async with sessions() as session, session.begin():
        staying = await persons.person_with_accounts(session, keep_id)
        going = await persons.person_with_accounts(session, drop_id)
        assert staying is not None
        assert going is not None
        await merge.merge_persons(session, staying, going)

    async with sessions() as session:
        entries = (await session.scalars(select(HourEntry))).all()
        goals = (await session.scalars(select(HourGoal))).all()
    assert (
        sorted((e.person_id, e.enrolment_id, e.logged_by_person_id) for e in entries)
        == [(keep_id, kept_id, keep_id)] * 3
    )
    assert sum(e.minutes for e in entries) == 180  # nothing lost
    assert [(g.person_id, g.deadline) for g in goals] == [(keep_id, date(2027, 3, 1))]
