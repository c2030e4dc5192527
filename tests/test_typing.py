"""'typing…' on the phone while a reply takes longer than WEGWIJS_TYPING_AFTER, on both channels.

The threshold is set to 0 (every reply is "slow") and to a minute (none is), so the test shows
the wiring and the threshold without waiting for a slow reply.
"""

from __future__ import annotations

from pathlib import Path

from tests.fakes import signal_envelopes as env
from tests.fakes.signal_cli import FakeSignalCli
from tests.fakes.telegram_api import FakeTelegram
from tests.signal_support import Phone, running
from tests.signal_support import settings_for as signal_settings
from tests.telegram_support import RunningBot
from tests.telegram_support import settings_for as telegram_settings


async def test_telegram_shows_typing_only_when_the_reply_is_slow(
    fake_telegram: FakeTelegram, database_url: str, tmp_path: Path
) -> None:
    for after, shown in ((0.0, True), (60.0, False)):
        settings = telegram_settings(fake_telegram, database_url, tmp_path, typing_after=after)
        bot = await RunningBot(fake_telegram, settings).start()
        chat = 7001 if shown else 7002
        try:
            await fake_telegram.say(chat, "hallo")
            await fake_telegram.wait_for_messages(chat, 1)
        finally:
            await bot.stop()
        actions = [
            call
            for call in fake_telegram.calls_of("sendchataction")
            if str(call.params.get("chat_id")) == str(chat)
        ]
        assert bool(actions) is shown
        if shown:
            assert actions[0].params["action"] == "typing"
            first_send = min(c.at for c in fake_telegram.calls_of("sendmessage"))
            assert actions[0].at <= first_send  # before the answer, not after


async def test_signal_shows_typing_only_when_the_reply_is_slow(
    fake_signal: FakeSignalCli, database_url: str, tmp_path: Path
) -> None:
    for after, number, shown in ((0.0, "+32470111111", True), (60.0, "+32470222222", False)):
        settings = signal_settings(fake_signal.url, database_url, tmp_path, typing_after=after)
        phone = Phone(fake_signal, env.Sender(number=number))
        async with running(fake_signal.url, settings):
            phone.say("hallo")
            await phone.wait_for(1)
        typing = [
            params
            for method, params in fake_signal.calls
            if method == "sendTyping" and params.get("recipient") == [phone.address]
        ]
        assert bool(typing) is shown
