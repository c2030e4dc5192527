"""`/healthz`: ok only while every configured channel can take in messages, and it says which.

The real transports run against the fakes; the handler is the one `wegwijs run` mounts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.health import health_handler
from tests.fakes.signal_cli import FakeSignalCli
from tests.fakes.telegram_api import FakeTelegram
from tests.signal_support import RunningSignal, wait_until
from tests.signal_support import settings_for as signal_settings
from tests.telegram_support import RunningBot
from tests.telegram_support import settings_for as telegram_settings


async def _health(client: TestClient[Any, Any]) -> tuple[int, dict[str, Any]]:
    async with client.get("/healthz") as answer:
        return answer.status, await answer.json()


async def test_healthz_is_false_while_a_channel_cannot_receive(
    fake_telegram: FakeTelegram, fake_signal: FakeSignalCli, database_url: str, tmp_path: Path
) -> None:
    telegram = await RunningBot(
        fake_telegram, telegram_settings(fake_telegram, database_url, tmp_path)
    ).start()
    signal = await RunningSignal(
        fake_signal.url, signal_settings(fake_signal.url, database_url, tmp_path)
    ).start()
    app = web.Application()
    app.router.add_get("/healthz", health_handler([telegram.transport, signal.transport]))
    client = TestClient(TestServer(app))
    await client.start_server()
    try:
        await wait_until(
            lambda: telegram.transport.receiving().ok and signal.transport.receiving().ok
        )
        status, body = await _health(client)
        assert (status, body["ok"]) == (200, True)
        assert body["telegram"] == {
            "ok": True,
            "receive": "polling",
            "state": "open",
            "reason": None,
        }
        assert body["signal"] == {"ok": True, "stream": "open", "reason": None}

        fake_telegram.fail("getUpdates", 502, "Bad Gateway", times=1000)
        await wait_until(lambda: not telegram.transport.receiving().ok)
        status, body = await _health(client)
        assert (status, body["ok"], body["telegram"]["state"]) == (503, False, "down")
        assert body["telegram"]["reason"] == "TelegramServerError"
        assert body["signal"]["ok"] is True  # the other channel is named as fine

        fake_telegram.recover()
        await fake_signal.stop()
        await wait_until(
            lambda: telegram.transport.receiving().ok and not signal.transport.receiving().ok
        )
        status, body = await _health(client)
        assert (status, body["ok"]) == (503, False)
        assert (body["telegram"]["ok"], body["signal"]["ok"]) == (True, False)
        # Between two tries to reconnect the stream is down, during one it is connecting.
        assert body["signal"]["stream"] in {"down", "connecting"}
    finally:
        await client.close()
        await signal.stop()
        await telegram.stop()


async def test_healthz_without_channels_is_the_web_page_alone() -> None:
    app = web.Application()
    app.router.add_get("/healthz", health_handler([]))
    client = TestClient(TestServer(app))
    await client.start_server()
    try:
        assert await _health(client) == (200, {"ok": True})
    finally:
        await client.close()
