"""Test helpers: a settable clock, database set-up per backend, and a chat client for dialogs."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from dialogs.engine import Engine
from dialogs.knowledge import Knowledge
from dialogs.messages import Incoming, Media, Outgoing, Reply
from dialogs.render import Rendered
from store import db
from store.people import persons
from store.people.models import ChannelAccount, Person

BRUSSELS = ZoneInfo("Europe/Brussels")


class FakeClock:
    """A clock the test sets and moves; it never sleeps."""

    def __init__(self, start: datetime = datetime(2026, 11, 12, 9, 30, tzinfo=UTC)):
        self.current = start

    def now(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)


def backends() -> list[str]:
    """SQLite always; PostgreSQL too when TEST_DATABASE_URL points at one."""
    return ["sqlite", "postgresql"] if os.environ.get("TEST_DATABASE_URL") else ["sqlite"]


async def fresh_database(backend: str, folder: str) -> AsyncEngine:
    """An empty database on `backend`, migrated to the newest revision."""
    if backend == "sqlite":
        engine = db.create_engine(f"sqlite:///{folder}/wegwijs-test.db")
    else:
        engine = db.create_engine(os.environ["TEST_DATABASE_URL"])
        async with engine.begin() as connection:
            await connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            await connection.execute(text("CREATE SCHEMA public"))
    await db.upgrade(engine)
    return engine


@dataclass
class Said:
    """What the bot answered to one message."""

    replies: tuple[Reply, ...]
    rendered: list[Rendered]
    others: tuple[Outgoing, ...] = ()  # messages the bot sends to other people

    @property
    def msgids(self) -> list[str]:
        return [msg.msgid for reply in self.replies for msg in reply.texts]

    @property
    def text(self) -> str:
        return "\n\n".join(item.text for item in self.rendered)

    @property
    def choices(self) -> list[str]:
        return [choice.id for choice in self.rendered[-1].choices] if self.rendered else []

    @property
    def labels(self) -> list[str]:
        return [choice.label for choice in self.rendered[-1].choices] if self.rendered else []

    def says(self, msgid: str) -> bool:
        return msgid in self.msgids

    def told(self, person_id: int) -> list[Outgoing]:
        """What this update sends to someone else."""
        return [item for item in self.others if item.person_id == person_id]


@dataclass
class Chat:
    """One person talking to the dialog engine, the way a transport would."""

    engine: Engine
    sessions: async_sessionmaker[AsyncSession]
    clock: FakeClock
    address: str = "amina"
    channel: str = "console"
    history: list[Said] = field(default_factory=list)

    async def send(self, message: str = "", *, media: Media | None = None) -> Said:
        return await self._deliver(text=message, media=media)

    async def click(self, choice_id: str, *, asked: str | None = None) -> Said:
        return await self._deliver(choice=choice_id, asked=asked)

    async def deliver_location(self, latitude: float, longitude: float) -> Said:
        return await self._deliver(media=Media.LOCATION, location=(latitude, longitude))

    async def deliver(self, incoming: Incoming) -> Said | None:
        async with self.sessions() as session, session.begin():
            response = await self.engine.handle(session, incoming)
        if response is None:
            return None
        renderer = self.engine.knowledge.renderer
        said = Said(
            response.replies,
            [renderer.render(reply, response.locale) for reply in response.replies],
            response.others,
        )
        self.history.append(said)
        return said

    async def _deliver(self, **content: object) -> Said:
        incoming = Incoming(
            channel=self.channel,
            address=self.address,
            update_id=uuid.uuid4().hex,
            received_at=self.clock.now(),
            **content,  # type: ignore[arg-type]
        )
        said = await self.deliver(incoming)
        assert said is not None
        return said

    async def person(self) -> Person | None:
        async with self.sessions() as session:
            account = await persons.find_account(session, self.channel, self.address)
            return None if account is None else account.person

    async def position(self) -> str | None:
        person = await self.person()
        if person is None or person.state is None:
            return None
        return f"{person.state.dialog}/{person.state.step}"

    async def begin(self, language: str = "nl", name: str | None = None) -> Said:
        """Greet, pick a help language and consent; with `name`, answer the name question too."""
        await self.send("hallo")
        await self.click(language)
        said = await self.click("yes")
        return said if name is None else await self.send(name)

    async def onboard(
        self, name: str = "Amina", place: str = "Ieper", language: str = "en"
    ) -> Said:
        """Walk the whole onboarding with plain answers; ends in the menu."""
        await self.begin(language, name)
        await self.send(place)
        await self.send("koken")
        return await self.click("done")


async def count_rows(sessions: async_sessionmaker[AsyncSession], model: type) -> int:
    async with sessions() as session:
        return len((await session.execute(select(model))).scalars().all())


__all__ = ["BRUSSELS", "ChannelAccount", "Chat", "FakeClock", "backends", "count_rows"]


def make_engine(clock: FakeClock) -> Engine:
    return Engine(KNOWLEDGE, clock, BRUSSELS)


KNOWLEDGE = Knowledge.load()


def wegwijs_command(folder: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """`python -m bot ARGS` as staff type it, on an SQLite file in `folder`; never a traceback."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("WEGWIJS_")}
    environment["WEGWIJS_DATABASE_URL"] = f"sqlite:///{folder}/wegwijs.db"
    environment["WEGWIJS_DATA_DIR"] = str(folder)
    result = subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        cwd=folder,
        env=environment,
        input=stdin,
        timeout=90,
    )
    assert "Traceback" not in result.stdout + result.stderr
    return result
