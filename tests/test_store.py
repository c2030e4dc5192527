"""The store on SQLite and, with TEST_DATABASE_URL, on PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, select
from sqlalchemy.exc import IntegrityError, StatementError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from store import db, updates
from store.people import persons
from store.people.models import ChannelAccount, ConversationState, Person, PersonRole, Role
from store.schema import Base
from tests.support import count_rows

NOW = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)  # the night Brussels moves to summer time


def _differences(connection: Connection) -> list[object]:
    return list(compare_metadata(MigrationContext.configure(connection), Base.metadata))


async def test_migrations_match_the_models_and_go_down_and_up(database: AsyncEngine) -> None:
    async with database.connect() as connection:
        assert await connection.run_sync(_differences) == []
    await db.downgrade(database)
    await db.upgrade(database)
    async with database.connect() as connection:
        assert await connection.run_sync(_differences) == []


async def test_a_person_with_roles_accounts_and_state_round_trips(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session, session.begin():
        account = await persons.add_person(session, "telegram", "4242", NOW)
        person = account.person
        person.grant(Role.BUDDY)
        person.grant(Role.BUDDY)  # a set: granting twice keeps one
        person.interests = ["koken", "sport"]
        persons.set_state(person, "onboarding", "name", {"picked": ["koken"]}, NOW)

    async with sessions() as session:
        loaded = await persons.find_account(session, "telegram", "4242")
        assert loaded is not None
        assert loaded.person.roles == {Role.PARTICIPANT, Role.BUDDY}
        assert loaded.person.interests == ["koken", "sport"]
        assert loaded.person.state is not None
        assert loaded.person.state.data == {"picked": ["koken"]}
        assert await persons.find_account(session, "signal", "4242") is None


async def test_instants_come_back_timezone_aware_in_utc(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    brussels_summer = timezone(timedelta(hours=2))
    moment = datetime(2026, 7, 1, 14, 0, tzinfo=brussels_summer)
    async with sessions() as session, session.begin():
        account = await persons.add_person(session, "console", "tz", NOW)
        account.person.consent_at = moment

    async with sessions() as session:
        loaded = await persons.find_account(session, "console", "tz")
        assert loaded is not None
        consent = loaded.person.consent_at
        assert consent is not None
        assert consent.tzinfo is not None
        assert consent == moment
        assert consent.utcoffset() == timedelta(0)
        assert loaded.person.created_at == NOW


async def test_naive_datetimes_are_refused(sessions: async_sessionmaker[AsyncSession]) -> None:
    with pytest.raises(StatementError, match="naive datetime"):
        async with sessions() as session, session.begin():
            await persons.add_person(session, "console", "naive", datetime(2026, 1, 1))


async def test_a_channel_address_belongs_to_one_person(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session, session.begin():
        await persons.add_person(session, "signal", "+32470000000", NOW)
    with pytest.raises(IntegrityError):
        async with sessions() as session, session.begin():
            await persons.add_person(session, "signal", "+32470000000", NOW)


async def test_an_update_is_claimed_once_per_channel(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session, session.begin():
        assert await updates.claim(session, "telegram", "1001", NOW)
        assert not await updates.claim(session, "telegram", "1001", NOW)
        assert await updates.claim(session, "signal", "1001", NOW)
    async with sessions() as session, session.begin():
        assert not await updates.claim(session, "telegram", "1001", NOW)


async def test_a_rolled_back_update_can_be_handled_again(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session, session.begin():
        assert await updates.claim(session, "telegram", "7", NOW)
        await session.rollback()
    async with sessions() as session, session.begin():
        assert await updates.claim(session, "telegram", "7", NOW)


async def test_erasing_a_person_removes_everything_that_hangs_on_them(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session, session.begin():
        account = await persons.add_person(session, "telegram", "1", NOW)
        account.person.accounts.append(
            ChannelAccount(channel="signal", address="+3247", created_at=NOW, active=True)
        )
        persons.set_state(account.person, "menu", "main", {}, NOW)
        await persons.add_person(session, "telegram", "2", NOW)  # someone else stays

    async with sessions() as session, session.begin():
        found = await persons.find_account(session, "telegram", "1")
        assert found is not None
        await persons.erase_person(session, found.person)

    assert await count_rows(sessions, Person) == 1
    assert await count_rows(sessions, ChannelAccount) == 1
    assert await count_rows(sessions, PersonRole) == 1
    assert await count_rows(sessions, ConversationState) == 0
    async with sessions() as session:
        addresses = (await session.execute(select(ChannelAccount.address))).scalars().all()
        assert addresses == ["2"]


async def test_export_holds_every_stored_field(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions() as session, session.begin():
        account = await persons.add_person(session, "console", "export", NOW)
        account.person.name = "Amina"
    async with sessions() as session:
        loaded = await persons.find_account(session, "console", "export")
        assert loaded is not None
        exported = persons.export(loaded.person)
    stored_columns = {column.key for column in Person.__table__.columns}
    assert stored_columns <= set(exported)
    assert exported["created_at"] == NOW.isoformat()
    assert exported["channel_accounts"][0]["address"] == "export"
