"""Running the real Signal transport (HTTP on 127.0.0.1) against the fake signal-cli daemon."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import SecretStr
from sqlalchemy import select

from bot.bootstrap import Wegwijs
from bot.outbox import Limits
from bot.settings import Settings
from bot.transports.signal import SignalTransport
from bot.transports.signal_rpc import Backoff
from dialogs.clock import Clock
from store.outbox import OutboxMessage
from store.people.models import ChannelAccount
from tests.fakes import signal_envelopes as env
from tests.fakes.signal_cli import FakeSignalCli
from tests.fakes.signal_methods import Delivered

BOT = "+32470000000"
# Fast enough for tests, slow enough to see the pacing work.
TEST_LIMITS = Limits(rate=200.0, gap=0.02, max_attempts=4, retry_base=0.05, poll=0.2)
FAST_RECONNECT = Backoff(initial=0.02, factor=2.0, maximum=0.2)


def settings_for(url: str, database_url: str, folder: Path, **extra: Any) -> Settings:
    return Settings(
        database_url=database_url,
        data_dir=folder,
        signal_url=url,
        signal_account=SecretStr(BOT),
        signal_timeout=2.0,
        **extra,
    )


async def wait_until(
    condition: Callable[[], bool], within: float = 10.0, interval: float = 0.02
) -> None:
    """Until `condition()` holds: the bot works concurrently with the test."""
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the bot did not get there in time")
        await asyncio.sleep(interval)


@dataclass
class Phone:
    """One person's Signal app: writes to the bot and reads what it got."""

    fake: FakeSignalCli
    sender: env.Sender

    @property
    def address(self) -> str:
        return self.sender.uuid or self.sender.number or ""

    def say(self, text: str | None, **extra: Any) -> env.Json:
        """A data message (text, attachments, a sticker …) from this person; its envelope."""
        stamp = self.fake.methods.next_timestamp()
        return self.send(
            env.envelope(self.sender, stamp, dataMessage=env.data_message(stamp, text, **extra))
        )

    def send(self, envelope: env.Json) -> env.Json:
        self.fake.inject(envelope)
        return envelope

    def received(self) -> list[Delivered]:
        return [item for item in self.fake.sent if item.recipient == self.address]

    def texts(self) -> list[str]:
        return [item.text for item in self.received() if item.text]

    async def wait_for(self, count: int, within: float = 10.0) -> list[str]:
        """Until this person got `count` messages; their texts."""
        await wait_until(lambda: len(self.received()) >= count, within)
        return self.texts()

    async def says_and_waits(self, text: str) -> str:
        """Send `text`, wait for the answer (one message), return its text."""
        before = len(self.received())
        self.say(text)
        await self.wait_for(before + 1)
        return self.received()[before].text


@dataclass
class RunningSignal:
    """One bot process: Wegwijs, the Signal transport, its event stream and its outbox worker."""

    url: str
    settings: Settings
    clock: Clock | None = None
    limits: Limits = TEST_LIMITS
    wegwijs: Wegwijs = field(init=False)
    transport: SignalTransport = field(init=False)
    _tasks: list[asyncio.Task[None]] = field(default_factory=list)

    async def start(self, wegwijs: Wegwijs | None = None) -> RunningSignal:
        self.wegwijs = wegwijs or await Wegwijs.start(self.settings, self.clock)
        self.transport = SignalTransport(
            self.wegwijs,
            self.url,
            BOT,
            self.limits,
            backoff=FAST_RECONNECT,
            silence_limit=2.0,
            call_timeout=2.0,
        )
        await self.transport.prepare()
        self._tasks.append(asyncio.create_task(self.transport.listen()))
        self._tasks.append(asyncio.create_task(self.transport.worker.run()))
        return self

    async def stop(self, *, close_wegwijs: bool = True) -> None:
        """Like `wegwijs run` on SIGTERM: the message in hand is handled, then tasks are
        cancelled wherever they are."""
        await self.transport.finish()
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()
        await self.transport.close()
        if close_wegwijs:
            await self.wegwijs.close()

    async def account(self, address: str) -> ChannelAccount | None:
        async with self.wegwijs.sessions() as session:
            return await session.scalar(
                select(ChannelAccount).where(
                    ChannelAccount.channel == "signal", ChannelAccount.address == address
                )
            )

    async def outbox(self) -> list[OutboxMessage]:
        async with self.wegwijs.sessions() as session:
            return list((await session.scalars(select(OutboxMessage))).all())

    async def settled(self) -> None:
        """Until the outbox worker has finished what it took."""
        for _ in range(200):
            rows = await self.outbox()
            if all(row.status == "failed" or row.claimed_until is None for row in rows):
                return
            await asyncio.sleep(0.05)
        raise TimeoutError("the outbox did not settle")


@contextlib.asynccontextmanager
async def running(url: str, settings: Settings, **options: Any) -> AsyncIterator[RunningSignal]:
    bot = await RunningSignal(url, settings, **options).start()
    try:
        yield bot
    finally:
        await bot.stop()
