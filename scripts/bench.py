"""Benchmark the whole Telegram and Signal paths against their fakes, next to the in-process
baseline, all in one run on this machine.

    .venv/bin/python scripts/bench.py [--users 20] [--gap 1.0] [--database URL]

Each simulated person walks the onboarding (7 messages), sending the next message when the
bot's answer has arrived, as people do. Measured in the same run on the same machine:

- baseline: the same conversations through `Wegwijs.handle` (dialogs + store, no network);
- telegram: real aiogram polling, the outbox worker and HTTP to the fake Bot API on 127.0.0.1;
- signal: the real Signal transport (the daemon's event stream in, JSON-RPC `send` out) and the
  outbox worker against the fake signal-cli daemon on 127.0.0.1;
each with the per-chat gap (about one message per second per chat) and without it.

It prints the time from a person's message to the bot's answer (median, 95th percentile) and
the messages handled per second. Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.bootstrap import Wegwijs
from bot.settings import Settings
from dialogs.messages import Incoming
from tests import signal_support
from tests.fakes.signal_cli import FakeSignalCli
from tests.fakes.signal_envelopes import Sender
from tests.fakes.telegram_api import FakeTelegram
from tests.telegram_support import TEST_LIMITS, RunningBot, settings_for

STEPS = ["hallo", "3", "ja", "Amina", "Ypres", "koken", "klaar"]


Run = tuple[list[float], float]  # each message's answer time, and the whole run's, in seconds
Say = Callable[[int, str, int], Awaitable[None]]  # person, text, which answer to wait for


async def _walk(users: int, say: Say) -> Run:
    """Every person walks STEPS at once, each message sent when the answer before it came."""
    latencies: list[float] = []

    async def person(number: int) -> None:
        for count, text in enumerate(STEPS, start=1):
            started = time.perf_counter()
            await say(number, text, count)
            latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(person(n) for n in range(users)))
    return latencies, time.perf_counter() - started


async def baseline(users: int, folder: Path, url: str | None) -> Run:
    url = url or f"sqlite:///{folder}/baseline.db"
    await _empty(url)
    wegwijs = await Wegwijs.start(Settings(database_url=url, data_dir=folder))

    async def say(number: int, text: str, _count: int) -> None:
        incoming = Incoming("console", f"user{number}", uuid.uuid4().hex, datetime.now(UTC), text)
        await wegwijs.handle(incoming)

    run = await _walk(users, say)
    await wegwijs.close()
    return run


async def telegram(users: int, gap: float, folder: Path, url: str | None) -> Run:
    url = url or f"sqlite:///{folder}/telegram-{gap}.db"
    await _empty(url)
    fake = await FakeTelegram().start()
    limits = replace(TEST_LIMITS, rate=30.0, gap=gap)
    bot = await RunningBot(fake, settings_for(fake, url, folder), limits).start()

    async def say(number: int, text: str, count: int) -> None:
        chat = 10_000 + number
        await fake.say(chat, text)
        await fake.wait_for(lambda: len(fake.sent(chat)) >= count, 120, 0.005)

    run = await _walk(users, say)
    await bot.stop()
    await fake.stop()
    return run


async def signal(users: int, gap: float, folder: Path, url: str | None) -> Run:
    url = url or f"sqlite:///{folder}/signal-{gap}.db"
    await _empty(url)
    fake = FakeSignalCli((signal_support.BOT,))
    await fake.start()
    settings = signal_support.settings_for(fake.url, url, folder)
    limits = replace(TEST_LIMITS, rate=30.0, gap=gap)
    bot = await signal_support.RunningSignal(fake.url, settings, limits=limits).start()
    phones = [
        signal_support.Phone(fake, Sender(number=f"+3247{n:07d}", uuid=str(uuid.uuid4())))
        for n in range(users)
    ]

    async def say(number: int, text: str, count: int) -> None:
        phone = phones[number]
        phone.say(text)
        await signal_support.wait_until(lambda: len(phone.received()) >= count, 120, 0.005)

    run = await _walk(users, say)
    await bot.stop()
    await fake.stop()
    return run


async def _empty(url: str) -> None:
    """A PostgreSQL database is emptied first: the runs must not share people."""
    if not url.startswith("postgresql"):
        return
    from sqlalchemy import text

    from store import db

    engine = db.create_engine(url)
    async with engine.begin() as connection:
        await connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        await connection.execute(text("CREATE SCHEMA public"))
    await engine.dispose()


def _line(name: str, latencies: list[float], elapsed: float) -> str:
    p95 = statistics.quantiles(latencies, n=20)[-1]
    return (
        f"{name:<22} median {statistics.median(latencies) * 1000:7.1f} ms   "
        f"p95 {p95 * 1000:7.1f} ms   {len(latencies) / elapsed:6.1f} messages/s"
    )


async def main(users: int, gap: float, url: str | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        runs = [("baseline (in-process)", await baseline(users, Path(folder), url))]
        for name, run in (("telegram", telegram), ("signal", signal)):
            runs.append((f"{name}, gap {gap:g} s", await run(users, gap, Path(folder), url)))
            if gap:
                runs.append((f"{name}, no chat gap", await run(users, 0.0, Path(folder), url)))
    database = "PostgreSQL" if url and url.startswith("postgresql") else "SQLite"
    print(f"{users} people, {len(STEPS)} messages each, {database}, on this machine:")
    for name, (latencies, elapsed) in runs:
        print(_line(name, latencies, elapsed))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--gap", type=float, default=1.0, help="seconds between two messages")
    parser.add_argument("--database", help="a PostgreSQL URL (it is emptied!); default SQLite")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.users, arguments.gap, arguments.database))
