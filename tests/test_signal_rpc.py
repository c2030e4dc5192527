"""The Signal daemon client against the fake daemon, over real HTTP on 127.0.0.1."""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.transports.signal_outcomes import Delivery, failure_outcomes, send_outcomes
from bot.transports.signal_rpc import (
    Backoff,
    DaemonError,
    Health,
    RpcError,
    SignalRpc,
    StreamState,
    StreamStatus,
)
from bot.transports.signal_wire import Ignored, IgnoredKind, SignalMessage, Styled, text_params
from tests.fakes import signal_envelopes as env
from tests.fakes.signal_cli import FakeSignalCli
from tests.real_signal import free_port

BOT = "+32470000000"
AMINA = env.Sender(number="+32470123456", uuid="7ccae375-cd51-4c82-8b1e-7be3280aa485")
JONAS = env.Sender(number="+32470654321", uuid="0b9f4e1c-0c6e-4d8e-9a52-5e2d8b7f3a10")
Item = SignalMessage | Ignored


class Sleeps:
    """The client's backoff sleep: records each wait; each wait runs the next thing to do."""

    def __init__(self) -> None:
        self.waits: list[float] = []
        self.meanwhile: list[Callable[[], None]] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)
        if self.meanwhile:
            self.meanwhile.pop(0)()
        await asyncio.sleep(0)


@pytest.fixture
async def fake() -> AsyncIterator[FakeSignalCli]:
    daemon = FakeSignalCli(accounts=(BOT,), keepalive=0.05)
    await daemon.start()
    yield daemon
    await daemon.stop()


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def states() -> list[StreamStatus]:
    return []


@pytest.fixture
async def client(
    fake: FakeSignalCli, sleeps: Sleeps, states: list[StreamStatus]
) -> AsyncIterator[SignalRpc]:
    async with SignalRpc(
        fake.url,
        BOT,
        backoff=Backoff(initial=0.01, factor=2, maximum=0.05),
        silence_limit=0.5,
        call_timeout=2,
        sleep=sleeps,
        on_state=states.append,
    ) as rpc:
        yield rpc


def says(sender: env.Sender, stamp: int, text: str) -> env.Json:
    return env.envelope(sender, stamp, dataMessage=env.data_message(stamp, text))


async def take(stream: AsyncIterator[Item], count: int, limit: float = 5.0) -> list[Item]:
    async with asyncio.timeout(limit):
        return [await anext(stream) for _ in range(count)]


def texts(items: list[Item]) -> list[str]:
    return [item.text if isinstance(item, SignalMessage) else str(item.kind) for item in items]


# --- calls --------------------------------------------------------------------------------------


async def test_version_and_accounts(client: SignalRpc) -> None:
    assert await client.call("version") == {"version": "0.13.19"}
    assert await client.call("listAccounts") == [{"number": BOT}]


async def test_a_send_reaches_the_person_with_its_bold_title(
    client: SignalRpc, fake: FakeSignalCli
) -> None:
    params = text_params(AMINA.uuid or "", Styled("Taalplezier", bold=True), "\nDinsdag om 14 uur.")
    result = await client.call("send", params)
    assert [o.delivery for o in send_outcomes(result)] == [Delivery.SUCCESS]
    (delivered,) = fake.sent
    assert (delivered.account, delivered.recipient) == (BOT, AMINA.uuid)
    assert delivered.text == "Taalplezier\nDinsdag om 14 uur."
    assert delivered.text_styles == ((0, 11, "BOLD"),)


async def test_a_send_for_an_account_the_daemon_does_not_have(fake: FakeSignalCli) -> None:
    async with SignalRpc(fake.url, "+32470999999") as stranger:
        with pytest.raises(RpcError) as raised:
            await stranger.call("send", text_params(AMINA.number or "", "Hallo"))
    assert (raised.value.code, raised.value.message) == (-32602, "Specified account does not exist")
    assert failure_outcomes(raised.value)[0].delivery == Delivery.UNKNOWN


@pytest.mark.parametrize(
    ("kind", "retry_after", "code", "delivery"),
    [
        ("UNREGISTERED_FAILURE", None, -1, Delivery.UNREGISTERED),
        ("IDENTITY_FAILURE", None, -4, Delivery.IDENTITY),
        ("RATE_LIMIT_FAILURE", 600, -5, Delivery.RATE_LIMITED),
        ("RATE_LIMIT_FAILURE", None, -5, Delivery.RATE_LIMITED),
        ("NETWORK_FAILURE", None, -1, Delivery.NETWORK),
    ],
)
async def test_each_send_failure_type_is_classified(
    client: SignalRpc,
    fake: FakeSignalCli,
    kind: str,
    retry_after: int | None,
    code: int,
    delivery: Delivery,
) -> None:
    fake.fail_recipient(AMINA.uuid or "", kind, retry_after)
    with pytest.raises(RpcError) as raised:
        await client.call("send", text_params(AMINA.uuid or "", "Hallo"))
    assert raised.value.code == code
    (outcome,) = failure_outcomes(raised.value)
    assert (outcome.delivery, outcome.retry_after) == (delivery, retry_after)
    assert fake.sent == []
    # the next send goes through: a failure is per message, not for ever
    await client.call("send", text_params(AMINA.uuid or "", "Hallo"))
    assert [d.text for d in fake.sent] == ["Hallo"]


async def test_one_recipient_fails_and_the_other_gets_it(
    client: SignalRpc, fake: FakeSignalCli
) -> None:
    fake.fail_recipient(JONAS.uuid or "", "UNREGISTERED_FAILURE")
    params = {"recipient": [AMINA.uuid, JONAS.uuid], "message": "Morgen is er Taalplezier."}
    outcomes = send_outcomes(await client.call("send", params))
    assert [o.delivery for o in outcomes] == [Delivery.SUCCESS, Delivery.UNREGISTERED]


@pytest.mark.parametrize(
    ("code", "delivery"),
    [
        (-1, Delivery.UNKNOWN),
        (-3, Delivery.NETWORK),
        (-4, Delivery.IDENTITY),
        (-5, Delivery.RATE_LIMITED),
        (-32603, Delivery.NETWORK),
    ],
)
async def test_whole_call_errors(
    client: SignalRpc, fake: FakeSignalCli, code: int, delivery: Delivery
) -> None:
    fake.fail_next_call(code, "Failed to send message")
    with pytest.raises(RpcError) as raised:
        await client.call("send", text_params(AMINA.uuid or "", "Hallo"))
    assert [o.delivery for o in failure_outcomes(raised.value)] == [delivery]


@pytest.mark.parametrize(
    ("status", "body", "kind"),
    [
        (200, b"<html>oops</html>", "garbage"),
        (200, b'{"jsonrpc":"2.0","result":{},"id":999}', "garbage"),
        (200, b'{"jsonrpc":"2.0","id":1}', "garbage"),
        (500, b"", "http-500"),
        (201, b"", "http-201"),
    ],
)
async def test_answers_that_are_no_answer(
    client: SignalRpc, fake: FakeSignalCli, status: int, body: bytes, kind: str
) -> None:
    fake.answer_next_raw(status, body)
    with pytest.raises(DaemonError) as raised:
        await client.call("version")
    assert raised.value.kind == kind
    assert await client.call("version") == {"version": "0.13.19"}


async def test_a_daemon_that_hangs_or_is_gone(fake: FakeSignalCli) -> None:
    fake.delay_calls(1.0)
    async with SignalRpc(fake.url, BOT, call_timeout=0.1) as impatient:
        with pytest.raises(DaemonError, match="timeout"):
            await impatient.call("version")
    async with SignalRpc(f"http://127.0.0.1:{free_port()}", BOT) as nowhere:
        with pytest.raises(DaemonError, match="refused"):
            await nowhere.call("version")


async def test_health(client: SignalRpc, fake: FakeSignalCli) -> None:
    assert await client.check() == Health(True, "0.13.19", True, accounts=1)
    async with SignalRpc(fake.url, "+32470999999") as stranger:
        assert await stranger.check() == Health(True, "0.13.19", False, "unknown-account", 1)
    async with SignalRpc(f"http://127.0.0.1:{free_port()}") as nowhere:
        assert await nowhere.check() == Health(False, problem="refused")


# --- the event stream -----------------------------------------------------------------------------


async def test_messages_arrive_as_typed_events(client: SignalRpc, fake: FakeSignalCli) -> None:
    stream = client.events()
    fake.inject(says(AMINA, 1001, "hallo"))
    fake.inject(env.envelope(AMINA, 1002, typingMessage=env.typing_message(1002)))
    fake.inject(
        env.envelope(JONAS, 1003, dataMessage=env.data_message(1003, None, sticker=env.sticker()))
    )
    first, typing, sticker = await take(stream, 3)
    assert first == SignalMessage(BOT, AMINA.uuid, AMINA.number, 1001, "hallo")
    assert typing == Ignored(IgnoredKind.TYPING, 1002)
    assert isinstance(sticker, SignalMessage)
    assert sticker.sticker
    await stream.aclose()
    assert client.status.state == StreamState.STOPPED


async def test_headers_that_come_only_with_the_first_keepalive(sleeps: Sleeps) -> None:
    """Like signal-cli 0.13.19: nothing at all for one keep-alive interval after connecting."""
    late = FakeSignalCli(accounts=(BOT,), keepalive=0.3)
    await late.start()
    try:
        async with SignalRpc(late.url, BOT, silence_limit=1.0, sleep=sleeps) as patient:
            stream = patient.events()
            waiting = asyncio.ensure_future(take(stream, 1))
            await late.wait_connections(1)
            late.inject(says(AMINA, 1, "hallo"))
            assert texts(await waiting) == ["hallo"]
            await stream.aclose()
        assert sleeps.waits == []  # never had to reconnect
        # A client that gives up on a silent connection sooner would never see a message.
        seen: list[StreamStatus] = []
        async with SignalRpc(
            late.url, BOT, silence_limit=0.1, sleep=sleeps, on_state=seen.append
        ) as hasty:
            task = asyncio.ensure_future(take(hasty.events(), 1, limit=0.8))
            with pytest.raises(TimeoutError):
                await task
        assert {s.reason for s in seen if s.state == StreamState.DOWN} == {"no-headers"}
    finally:
        await late.stop()


@pytest.mark.parametrize("abrupt", [False, True])
async def test_a_dropped_stream_reconnects_and_nothing_is_lost_or_doubled(
    client: SignalRpc, fake: FakeSignalCli, sleeps: Sleeps, states: list[StreamStatus], abrupt: bool
) -> None:
    stream = client.events()
    fake.inject(says(AMINA, 1, "een"))
    assert texts(await take(stream, 1)) == ["een"]

    def while_away() -> None:
        # Messages that reach the daemon while the bot is away wait for its next stream.
        fake.inject(says(AMINA, 2, "twee"))
        fake.inject(says(JONAS, 3, "drie"))

    sleeps.meanwhile.append(while_away)
    fake.drop_streams(abrupt=abrupt)
    assert texts(await take(stream, 2)) == ["twee", "drie"]
    fake.inject(says(AMINA, 4, "vier"))
    assert texts(await take(stream, 1)) == ["vier"]  # nothing came twice before it
    assert fake.connections == 2
    assert [s.state for s in states] == [
        StreamState.CONNECTING,
        StreamState.OPEN,
        StreamState.DOWN,
        StreamState.CONNECTING,
        StreamState.OPEN,
    ]
    assert states[2].reason == ("cut" if abrupt else "closed")
    await stream.aclose()


async def test_a_stream_closed_mid_event(client: SignalRpc, fake: FakeSignalCli) -> None:
    stream = client.events()
    fake.inject(says(AMINA, 1, "een"))
    assert texts(await take(stream, 1)) == ["een"]
    fake.drop_mid_event(says(AMINA, 2, "twee"))
    fake.inject(says(AMINA, 3, "drie"))
    # The half event is not taken for a message; the daemon sends it again, whole, once.
    assert texts(await take(stream, 2)) == ["twee", "drie"]
    assert client.status.state == StreamState.OPEN
    await stream.aclose()


async def test_garbage_in_the_stream_is_skipped(client: SignalRpc, fake: FakeSignalCli) -> None:
    stream = client.events()
    waiting = asyncio.ensure_future(take(stream, 4))
    await fake.wait_connections(1)
    fake.send_raw(b"\xff\xfe\x00 not sse at all\n\n")
    fake.send_raw(b"event:receive\ndata:{not json\n\n")
    fake.send_raw(b'event:other\ndata:{"x":1}\n\n')
    fake.send_raw(b'event:receive\ndata:{"account":"x"}\n\n')
    fake.inject(says(AMINA, 1, "hallo"))
    assert texts(await waiting) == ["malformed", "other", "malformed", "hallo"]
    await stream.aclose()


async def test_a_stalled_stream_is_reopened(
    client: SignalRpc, fake: FakeSignalCli, states: list[StreamStatus]
) -> None:
    stream = client.events()
    fake.inject(says(AMINA, 1, "een"))
    assert texts(await take(stream, 1)) == ["een"]
    fake.stall()
    fake.inject(says(AMINA, 2, "twee"))
    waiting = asyncio.ensure_future(take(stream, 1))
    await fake.wait_connections(2)  # the client gave up on the silent stream and came back
    assert any(s.reason == "silent" for s in states)
    fake.resume()
    assert texts(await waiting) == ["twee"]
    await stream.aclose()


async def test_a_daemon_down_at_start_is_retried_with_growing_waits(sleeps: Sleeps) -> None:
    port = free_port()
    states: list[StreamStatus] = []
    later = FakeSignalCli(accounts=(BOT,), keepalive=0.05)
    async with SignalRpc(
        f"http://127.0.0.1:{port}",
        BOT,
        backoff=Backoff(initial=0.01, factor=2, maximum=0.05),
        sleep=sleeps,
        on_state=states.append,
    ) as rpc:
        stream = rpc.events()
        # the daemon comes up during the fifth wait
        sleeps.meanwhile.extend([lambda: None] * 4)
        started: list[Any] = []
        sleeps.meanwhile.append(
            lambda: started.append(asyncio.ensure_future(later.start(port=port)))
        )
        waiting = asyncio.ensure_future(take(stream, 1))
        await asyncio.sleep(0.2)
        await started[0]
        later.inject(says(AMINA, 1, "hallo"))
        assert texts(await waiting) == ["hallo"]
        assert sleeps.waits[:5] == [0.01, 0.02, 0.04, 0.05, 0.05]
        down = [s for s in states if s.state == StreamState.DOWN]
        assert [s.failures for s in down][:3] == [1, 2, 3]
        assert {s.reason for s in down} == {"refused"}
        assert rpc.status.state == StreamState.OPEN
        await stream.aclose()
    await later.stop()


async def test_an_account_the_daemon_does_not_have_keeps_the_stream_down(
    fake: FakeSignalCli, sleeps: Sleeps
) -> None:
    seen: list[StreamStatus] = []
    async with SignalRpc(fake.url, "+32470999999", sleep=sleeps, on_state=seen.append) as stranger:
        task = asyncio.ensure_future(take(stranger.events(), 1, limit=0.3))
        with pytest.raises(TimeoutError):
            await task
    assert {s.reason for s in seen if s.state == StreamState.DOWN} == {"http-400"}


async def test_no_phone_number_or_text_in_any_log_line(
    client: SignalRpc, fake: FakeSignalCli, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    stream = client.events()
    fake.inject(says(AMINA, 1, "Ik heet Amina en woon in Ieper"))
    fake.inject(env.envelope(AMINA, 2, dataMessage=dm_group("Hallo groep")))
    await take(stream, 2)
    fake.drop_mid_event(says(AMINA, 3, "geheim"))
    await take(stream, 1)
    fake.send_raw(b"event:receive\ndata:{+32470123456\n\n")
    await take(stream, 1)
    fake.fail_next_call(-1, f"The user {AMINA.number} is not registered.")
    with pytest.raises(RpcError):
        await client.call("send", text_params(AMINA.number or "", "Dag Amina"))
    await client.call("send", text_params(AMINA.number or "", "Dag Amina"))
    await client.check()
    await stream.aclose()
    ours = [r for r in caplog.records if r.name.startswith("bot.")]
    assert len(ours) >= 6
    for record in ours:
        line = record.getMessage()
        # the national part of each number, so +32…, 0032…, %2B32… and 0… all count
        assert "470123456" not in line, line
        assert "470000000" not in line, line
        assert "Amina" not in line
        assert "geheim" not in line


def dm_group(text: str) -> env.Json:
    return env.data_message(1, text, groupInfo=env.group_info())


async def test_the_fake_runs_on_its_own_and_a_person_can_play_along(sleeps: Sleeps) -> None:
    port = free_port()
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.fakes.signal_cli",
        "--port",
        str(port),
        "--account",
        BOT,
        "--keepalive",
        "0.05",
        stdout=asyncio.subprocess.PIPE,
        cwd=Path(__file__).parent.parent,
    )
    try:
        assert process.stdout is not None
        async with asyncio.timeout(20):
            banner = await process.stdout.readline()
        assert f"127.0.0.1:{port}".encode() in banner
        url = f"http://127.0.0.1:{port}"
        async with SignalRpc(url, BOT, sleep=sleeps) as rpc, aiohttp.ClientSession() as person:
            stream = rpc.events()
            waiting = asyncio.ensure_future(take(stream, 1))
            said = {"from": AMINA.number, "text": "hallo"}
            async with person.post(f"{url}/fake/inject", json=said) as answer:
                assert answer.status == 200
            (message,) = await waiting
            assert isinstance(message, SignalMessage)
            await rpc.call("send", text_params(message.sender, "Dag! Welkom bij Wegwijs."))
            async with person.get(f"{url}/fake/sent") as answer:
                sent = await answer.json()
            assert [(s["recipient"], s["text"]) for s in sent] == [
                (AMINA.number, "Dag! Welkom bij Wegwijs.")
            ]
            await stream.aclose()
    finally:
        process.terminate()
        await process.wait()
