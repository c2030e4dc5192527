"""Running the real Telegram transport (aiogram, HTTP on 127.0.0.1) against the fake Bot API."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import SecretStr
from sqlalchemy import select

from bot.bootstrap import Wegwijs
from bot.outbox import Limits
from bot.settings import Settings
from bot.transports.telegram import TelegramTransport, make_bot
from dialogs.clock import Clock
from store.outbox import OutboxMessage
from store.people.models import ChannelAccount
from tests.fakes.telegram_api import FakeTelegram

# Fast enough for tests, slow enough to see the pacing work.
TEST_LIMITS = Limits(rate=200.0, gap=0.02, max_attempts=4, retry_base=0.05, poll=0.2)


def settings_for(fake: FakeTelegram, database_url: str, folder: Path, **extra: Any) -> Settings:
    return Settings(
        database_url=database_url,
        data_dir=folder,
        telegram_token=SecretStr(fake.token),
        telegram_api_url=fake.base_url,
        telegram_timeout=2.0,
        **extra,
    )


@dataclass
class RunningBot:
    """One bot process: Wegwijs, the Telegram transport, its polling and its outbox worker."""

    fake: FakeTelegram
    settings: Settings
    limits: Limits = TEST_LIMITS
    clock: Clock | None = None
    wegwijs: Wegwijs = field(init=False)
    transport: TelegramTransport = field(init=False)
    _tasks: list[asyncio.Task[None]] = field(default_factory=list)

    async def start(self, *, poll: bool = True) -> RunningBot:
        self.wegwijs = await Wegwijs.start(self.settings, self.clock)
        self.transport = TelegramTransport(self.wegwijs, make_bot(self.settings), self.limits)
        if poll:
            self._tasks.append(asyncio.create_task(self.transport.poll(polling_timeout=1)))
        self._tasks.append(asyncio.create_task(self.transport.worker.run()))
        return self

    async def stop(self) -> None:
        """Like a process that is killed: tasks cancelled wherever they are."""
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()
        await self.transport.close()
        await self.wegwijs.close()

    async def account(self, chat: int) -> ChannelAccount | None:
        async with self.wegwijs.sessions() as session:
            return await session.scalar(
                select(ChannelAccount).where(
                    ChannelAccount.channel == "telegram", ChannelAccount.address == str(chat)
                )
            )

    async def outbox(self) -> list[OutboxMessage]:
        async with self.wegwijs.sessions() as session:
            return list((await session.scalars(select(OutboxMessage))).all())


@contextlib.asynccontextmanager
async def running(
    fake: FakeTelegram, settings: Settings, **options: Any
) -> AsyncIterator[RunningBot]:
    bot = await RunningBot(fake, settings, **options).start()
    try:
        yield bot
    finally:
        await bot.stop()


def buttons(message: dict[str, Any]) -> list[str]:
    """The labels of a message's inline buttons, row after row."""
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return [button["text"] for row in rows for button in row]
