"""A daemon that drops the stream, stalls, restarts, is not there yet, or writes garbage: the
bot reconnects, and no message is lost or handled twice."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from tests.fakes import signal_envelopes as env
from tests.fakes.signal_cli import FakeSignalCli
from tests.real_signal import free_port
from tests.signal_support import BOT, Phone, running, settings_for, wait_until

AMINA = env.Sender(number="+32470123456", uuid="7ccae375-cd51-4c82-8b1e-7be3280aa485")


def says(sender: env.Sender, stamp: int, text: str) -> env.Json:
    return env.envelope(sender, stamp, dataMessage=env.data_message(stamp, text))


async def test_a_dropped_stream_reconnects_and_nothing_is_lost_or_doubled(
    fake_signal: FakeSignalCli, database_url: str, tmp_path: Path
) -> None:
    fake = fake_signal
    amina = Phone(fake, AMINA)
    async with running(fake.url, settings_for(fake.url, database_url, tmp_path)):
        await amina.says_and_waits("hallo")
        fake.drop_streams()  # a clean end of the stream
        amina.say("3")  # written while the bot reconnects: waits for the next stream
        await amina.wait_for(2)
        await fake.wait_connections(2)
        fake.drop_streams(abrupt=True)  # the socket cut
        amina.say("ja")
        await amina.wait_for(3)
        # Cut halfway through an event: it comes again on the next stream, handled once.
        stamp = fake.methods.next_timestamp()
        fake.drop_mid_event(says(AMINA, stamp, "Amina"))
        await amina.wait_for(4)
        # The same envelope once more (a redelivery): no second answer.
        amina.send(says(AMINA, stamp, "Amina"))
        amina.say("Ieper")
        await amina.wait_for(5)
    texts = amina.texts()
    assert len(texts) == 5
    assert texts[1].startswith("Eerst iets over je gegevens.")  # "3": Français
    assert texts[2].startswith("Dank je!")
    assert texts[3].startswith("Dag Amina!")
    assert texts[4].startswith("Wat doe je graag?")  # Ieper: the municipality is known
    assert fake.connections >= 4


async def test_a_stalled_stream_is_reopened(
    fake_signal: FakeSignalCli,
    database_url: str,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake = fake_signal
    amina = Phone(fake, AMINA)
    async with running(fake.url, settings_for(fake.url, database_url, tmp_path)):
        await amina.says_and_waits("hallo")
        fake.stall()  # not even keep-alives: the bot gives up on it after its silence limit
        amina.say("2")
        await fake.wait_connections(2, limit=10)  # it gave up on the silent one, came back
        fake.resume()
        await amina.wait_for(2, within=10)
    assert amina.texts()[1].startswith("Eerst iets over je gegevens.")
    assert "signal event stream down: silent" in caplog.text


async def test_garbage_on_the_stream_is_skipped(
    fake_signal: FakeSignalCli, database_url: str, tmp_path: Path
) -> None:
    fake = fake_signal
    amina = Phone(fake, AMINA)
    async with running(fake.url, settings_for(fake.url, database_url, tmp_path)) as bot:
        await amina.says_and_waits("hallo")
        for chunk in (
            b"event:receive\ndata:{not json\n\n",
            b"event:receive\ndata:[1,2,3]\n\n",
            b'event:receive\ndata:{"account":"+32470000000","envelope":{}}\n\n',
            b"event:something-new\ndata:hello\n\n",
            b"\xff\xfe\n\n",
        ):
            fake.send_raw(chunk)
        answer = await amina.says_and_waits("2")
        connections = fake.connections
    assert answer.startswith("Eerst iets over je gegevens.")
    assert connections == 1  # no reconnect needed: the stream went on
    assert bot.transport.rpc.status.reason is None


async def test_the_daemon_down_at_start_and_restarted(
    database_url: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    async with running(url, settings_for(url, database_url, tmp_path)) as bot:
        await wait_until(lambda: bot.transport.rpc.status.failures >= 2)
        assert f"signal daemon at {url}: event stream refused" in caplog.text
        fake = FakeSignalCli(accounts=(BOT,), keepalive=0.05)
        await fake.start(port=port)  # supervisor started it at last
        amina = Phone(fake, AMINA)
        try:
            await amina.says_and_waits("hallo")
        finally:
            await fake.stop()  # it exits again (Signal unreachable, exit code 2)
        again = FakeSignalCli(accounts=(BOT,), keepalive=0.05)
        again.methods._last_timestamp = fake.methods._last_timestamp
        await again.start(port=port)
        amina = Phone(again, AMINA)
        try:
            answer = await amina.says_and_waits("2")
        finally:
            await again.stop()
    assert answer.startswith("Eerst iets over je gegevens.")  # the conversation went on
    assert "470123456" not in caplog.text
