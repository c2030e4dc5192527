from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from store import db
from tests.fakes.signal_cli import FakeSignalCli
from tests.fakes.telegram_api import FakeTelegram
from tests.support import Chat, FakeClock, backends, fresh_database, make_engine


@pytest.fixture(params=backends())
async def database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    engine = await fresh_database(request.param, str(tmp_path))
    yield engine
    await engine.dispose()


@pytest.fixture
def database_url(database: AsyncEngine) -> str:
    return database.url.render_as_string(hide_password=False)


@pytest.fixture
async def fake_telegram() -> AsyncIterator[FakeTelegram]:
    fake = await FakeTelegram().start()
    yield fake
    await fake.stop()


@pytest.fixture
async def fake_signal() -> AsyncIterator[FakeSignalCli]:
    fake = FakeSignalCli(accounts=("+32470000000",), keepalive=0.05)
    await fake.start()
    yield fake
    await fake.stop()


@pytest.fixture
def sessions(database: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return db.session_factory(database)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def chat(sessions: async_sessionmaker[AsyncSession], clock: FakeClock) -> Chat:
    return Chat(make_engine(clock), sessions, clock)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    from tests.clear_dutch import report

    for line in report():
        terminalreporter.write_line(line)
