"""The fake signal-cli answers as the real one did: every recorded request, replayed byte for byte.

The recording comes from `scripts/record_signal_cli.py` against signal-cli 0.13.19 with an empty
config dir; so the fake runs here without accounts too.
"""

from __future__ import annotations

import asyncio
import http.client
import json
import socket
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from tests.fakes import signal_envelopes as env
from tests.fakes.signal_cli import VERSION, FakeSignalCli

RECORDING = json.loads(
    (Path(__file__).parent / "recordings" / f"signal-cli-{VERSION}.json").read_text()
)
CASES = RECORDING["cases"]


@pytest.fixture
async def fake() -> AsyncIterator[FakeSignalCli]:
    daemon = FakeSignalCli(accounts=(), keepalive=0.3)
    await daemon.start()
    yield daemon
    await daemon.stop()


def _port(fake: FakeSignalCli) -> int:
    return int(fake.url.rsplit(":", 1)[1])


def _replay(port: int, request: dict[str, Any]) -> tuple[int, str | None, str]:
    """The recorded request, sent the way the recorder sent it (http.client, same headers)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    ctype = request["content_type"]
    headers = {} if ctype is None else {"Content-Type": ctype}
    body = request["body"].encode() if request["body"] else None
    connection.request(request["method"], request["path"], body=body, headers=headers)
    answer = connection.getresponse()
    text = answer.read().decode()
    connection.close()
    return answer.status, answer.getheader("Content-Type"), text


def _by_id(answer: Any) -> Any:
    # A batch is answered by parallel threads in signal-cli: the order is not part of the contract.
    if isinstance(answer, list):
        return sorted(answer, key=lambda item: json.dumps(item.get("id")))
    return answer


def _error_shape(answer: dict[str, Any]) -> dict[str, Any]:
    """An error answer without its message text (a raw Java parser message)."""
    error = answer["error"]
    assert isinstance(error["message"], str)
    assert error["message"]
    return {**answer, "error": {**error, "message": "…"}}


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
async def test_the_fake_answers_as_signal_cli_did(
    fake: FakeSignalCli, case: dict[str, Any]
) -> None:
    status, content_type, body = await asyncio.to_thread(_replay, _port(fake), case["request"])
    recorded = case["response"]
    assert status == recorded["status"]
    if case["compare"] == "status":
        return
    assert content_type == recorded["content_type"]
    if recorded["json"] is None:
        assert body == recorded["body"]
        return
    answer = json.loads(body)
    if case["compare"] == "code":
        assert _error_shape(answer) == _error_shape(recorded["json"])
    else:
        assert _by_id(answer) == _by_id(recorded["json"])


def test_the_recording_says_what_and_when() -> None:
    assert RECORDING["signal_cli_version"] == VERSION
    assert RECORDING["recorded_at"][:4].isdigit()
    kinds = {case["response"]["status"] for case in CASES}
    assert {200, 201, 400, 404, 405, 415} <= kinds
    errors = [case["response"]["json"] for case in CASES if case["response"]["status"] == 200]
    # JSON-RPC errors come with HTTP 200, not 4xx.
    assert any(isinstance(answer, dict) and "error" in answer for answer in errors)


def test_the_real_stream_sends_headers_only_with_its_first_keepalive() -> None:
    events = RECORDING["events"]
    chunks = events["chunks"]
    assert events["status_line"] == "HTTP/1.1 200 OK"
    assert {k.lower(): v for k, v in events["headers"].items()}["content-type"] == (
        "text/event-stream"
    )
    # The headers and the first keep-alive (a bare comment line) came together, 15 s late.
    assert chunks[0]["bytes"].endswith("\r\n\r\n2\r\n:\n\r\n")
    assert 14.0 <= events["headers_after_s"] <= 16.5
    assert 14.0 <= chunks[1]["after_s"] - chunks[0]["after_s"] <= 16.5
    assert events["body_decoded"] == ":\n:\n"
    assert FakeSignalCli().keepalive == 15.0


def _open_stream(port: int, wait: float) -> tuple[float, bytes]:
    """Seconds until the first bytes of the event stream, and all bytes read within `wait`."""
    began = time.monotonic()
    first = 0.0
    received = b""
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as stream:
        stream.sendall(b"GET /api/v1/events HTTP/1.1\r\nHost: x\r\n\r\n")
        stream.settimeout(wait)
        try:
            while time.monotonic() - began < wait:
                data = stream.recv(65536)
                if not data:
                    break
                first = first or time.monotonic() - began
                received += data
        except TimeoutError:
            pass
    return first, received


async def test_the_fake_stream_holds_its_headers_until_the_first_keepalive(
    fake: FakeSignalCli,
) -> None:
    first, received = await asyncio.to_thread(_open_stream, _port(fake), 0.8)
    head, _, body = received.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200 OK")
    assert b"Content-Type: text/event-stream" in head
    assert b"Transfer-Encoding: chunked" in head
    assert first >= 0.25
    assert body.startswith(b"2\r\n:\n\r\n")


async def test_two_open_streams_each_get_every_message_and_a_send_needs_an_account() -> None:
    # HttpServerHandler.java (0.13.19): each /api/v1/events subscribes its own receive handler,
    # so every message goes to every open stream. SignalJsonRpcCommandHandler.java: a send
    # without `account` uses the daemon's only account, and is refused when it has none or two.
    fake = FakeSignalCli(accounts=("+32470000000",), keepalive=0.2, headers_at_once=True)
    await fake.start()
    try:
        async with aiohttp.ClientSession() as http:
            first = await http.get(f"{fake.url}/api/v1/events")
            second = await http.get(f"{fake.url}/api/v1/events")
            await fake.wait_connections(2)
            fake.inject(
                env.envelope(env.Sender("+32470123456"), 5, dataMessage=env.data_message(5, "hoi"))
            )
            for stream in (first, second):
                data = b""
                while b"data:" not in data or not data.endswith(b"\n\n"):
                    data += await asyncio.wait_for(stream.content.readany(), 5)
                assert b'"message":"hoi"' in data
            first.close()
            second.close()
            send = {"jsonrpc": "2.0", "id": 1, "method": "send"}
            send["params"] = {"recipient": ["+32470000002"], "message": "Hallo"}
            async with http.post(f"{fake.url}/api/v1/rpc", json=send) as answer:
                assert "result" in await answer.json()
        for accounts in ((), ("+32470000000", "+32470000009")):
            fake.methods.accounts[:] = list(accounts)
            async with (
                aiohttp.ClientSession() as http,
                http.post(f"{fake.url}/api/v1/rpc", json=send) as answer,
            ):
                error = (await answer.json())["error"]
            assert (error["code"], error["message"]) == (
                -32602,
                "Method requires valid account parameter",
            )
    finally:
        await fake.stop()
