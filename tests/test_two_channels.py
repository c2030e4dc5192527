"""Telegram and Signal in one bot: one person on both after /koppel, and one channel down
while the other goes on. Both real transports over HTTP, against their fakes."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pydantic import SecretStr
from sqlalchemy import select

from bot.bootstrap import Wegwijs
from bot.settings import Settings
from bot.transports.telegram import TelegramTransport, make_bot
from store.people.models import ChannelAccount, Person
from tests.catalogue import stock
from tests.fakes import signal_envelopes as env
from tests.fakes.signal_cli import FakeSignalCli
from tests.fakes.telegram_api import FakeTelegram
from tests.real_signal import free_port
from tests.signal_support import BOT, TEST_LIMITS, Phone, RunningSignal, wait_until

AMINA_CHAT = 5001
AMINA = env.Sender(number="+32470123456", uuid="7ccae375-cd51-4c82-8b1e-7be3280aa485")


@dataclass
class Both:
    wegwijs: Wegwijs
    telegram: TelegramTransport
    signal: RunningSignal


@contextlib.asynccontextmanager
async def both(
    telegram: FakeTelegram, signal_url: str, database_url: str, folder: Path
) -> AsyncIterator[Both]:
    settings = Settings(
        database_url=database_url,
        data_dir=folder,
        telegram_token=SecretStr(telegram.token),
        telegram_api_url=telegram.base_url,
        telegram_timeout=2.0,
        signal_url=signal_url,
        signal_account=SecretStr(BOT),
    )
    wegwijs = await Wegwijs.start(settings)
    transport = TelegramTransport(wegwijs, make_bot(settings), TEST_LIMITS)
    tasks = [
        asyncio.create_task(transport.poll(polling_timeout=1)),
        asyncio.create_task(transport.worker.run()),
    ]
    signal = await RunningSignal(signal_url, settings).start(wegwijs)
    try:
        yield Both(wegwijs, transport, signal)
    finally:
        await signal.stop(close_wegwijs=False)
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await transport.close()
        await wegwijs.close()


async def on_telegram(fake: FakeTelegram, text: str) -> str:
    """Say `text` on Telegram and wait for the one answer."""
    count = len(fake.sent(AMINA_CHAT))
    await fake.say(AMINA_CHAT, text)
    await fake.wait_for_messages(AMINA_CHAT, count + 1)
    return fake.texts(AMINA_CHAT)[count]


async def test_one_person_on_telegram_and_signal_after_koppel(
    fake_telegram: FakeTelegram,
    fake_signal: FakeSignalCli,
    database_url: str,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger="bot")
    caplog.set_level(logging.DEBUG, logger="dialogs")
    phone = Phone(fake_signal, AMINA)
    async with both(fake_telegram, fake_signal.url, database_url, tmp_path) as bot:
        await stock(bot.wegwijs.sessions)
        for text in ["hallo", "2", "yes", "Amina", "Ieper", "koken", "klaar"]:
            await on_telegram(fake_telegram, text)
        for text in ["1", "met de fiets", "een beetje"]:
            await on_telegram(fake_telegram, text)
        enrolled = await on_telegram(fake_telegram, "2")  # 1️⃣ Ik wil dit doen
        await on_telegram(fake_telegram, "/menu")
        await on_telegram(fake_telegram, "gisteren 2 uur bij samen koken")
        saved = await on_telegram(fake_telegram, "ja")
        offered = await on_telegram(fake_telegram, "/koppel")
        [code] = re.findall(r"🔑 (\w{6})", offered)

        linked = await phone.says_and_waits(code)  # her first message on Signal
        progress = await phone.says_and_waits("hoeveel uren heb ik?")
        shown = await phone.says_and_waits("/mijngegevens")
        await phone.wait_for(len(phone.received()) + 1)  # the JSON file after the text
        file = phone.received()[-1].files[0]
        on_telegram_too = await on_telegram(fake_telegram, "/mijngegevens")
        async with bot.wegwijs.sessions() as session:
            persons = (await session.scalars(select(Person))).all()

        # /vergeet on Signal erases the one person, the phone number with her.
        await phone.says_and_waits("/vergeet")
        gone = await phone.says_and_waits("1")
        async with bot.wegwijs.sessions() as session:
            accounts = (await session.scalars(select(ChannelAccount))).all()
    assert enrolled.startswith("Goed! Je bent ingeschreven voor Samen koken in Ieper.")
    assert saved.startswith("Bewaard!")
    assert linked.startswith("Gelukt! Je accounts zijn nu gekoppeld.")
    assert "Wacht nog op bevestiging: 2 uur." in progress  # the same progress on Signal
    assert "Wat wil je doen?" in linked
    assert len(persons) == 1
    for text in (shown, on_telegram_too):
        assert "Je praat met mij via: Telegram, Signal" in text
        assert "Activiteit: Samen koken in Ieper" in text
    assert "Je telefoonnummer: +32470123456" in shown
    assert (file.media_type, file.filename) == ("application/json", "wegwijs-mijn-gegevens.json")
    exported = json.loads(file.content)
    assert [(a["channel"], a["phone_number"]) for a in exported["channel_accounts"]] == [
        ("telegram", None),
        ("signal", "+32470123456"),
    ]
    assert [e["activity"] for e in exported["enrolments"]] == ["Samen koken in Ieper"]
    assert gone.startswith("Alles is gewist. Dag!")
    assert accounts == []
    assert "470123456" not in caplog.text  # never logged
    assert str(AMINA.uuid) not in caplog.text


async def test_telegram_goes_on_while_the_signal_daemon_is_down(
    fake_telegram: FakeTelegram, database_url: str, tmp_path: Path
) -> None:
    nowhere = f"http://127.0.0.1:{free_port()}"
    async with both(fake_telegram, nowhere, database_url, tmp_path) as bot:
        first = await on_telegram(fake_telegram, "hallo")
        second = await on_telegram(fake_telegram, "2")
        rpc = bot.signal.transport.rpc
        await wait_until(lambda: rpc.status.failures >= 2)  # still trying, with backoff
    assert first.startswith("Hallo! Ik ben Wegwijs.")
    assert second.startswith("Eerst iets over je gegevens.")
