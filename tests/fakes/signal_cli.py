"""A fake signal-cli daemon: the HTTP JSON-RPC and SSE of `signal-cli daemon --http`, on 127.0.0.1.

Kept honest by `tests/test_signal_contract.py`, which replays the real daemon's recorded answers.
Tests drive it from Python (`inject`, `fail_recipient`, `fail_next_call`, `drop_streams`, …).
It also runs on its own, so a person can point a bot at it:

    python -m tests.fakes.signal_cli --port 8080 --account +32470000000

and, from another terminal, play a person writing to the bot, then read what the bot sent:

    curl -s localhost:8080/fake/inject -H 'Content-Type: application/json' \
         -d '{"from": "+32470123456", "text": "hallo"}'
    curl -s localhost:8080/fake/sent

`/fake/inject` also takes `{"envelope": {…}}` with a whole signal-cli envelope.
Like the real daemon run with `--receive-mode on-connection`, events that arrive while no event
stream is open wait for the next one; the real daemon holds the stream's headers back until its
first keep-alive (15 s), and so does this one unless `headers_at_once`.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.fakes import signal_envelopes as env
from tests.fakes.signal_jsonrpc import FakeRpcError, Params, answer
from tests.fakes.signal_methods import Delivered, Methods

VERSION = "0.13.19"
JSON = "application/json"


@dataclass
class _Stream:
    """One open event stream: what is still to be written to it, and its connection."""

    queue: asyncio.Queue[tuple[str, bytes]] = field(default_factory=asyncio.Queue)
    request: web.Request | None = None


class FakeSignalCli:
    def __init__(
        self,
        accounts: tuple[str, ...] = ("+32470000000",),
        *,
        keepalive: float = 15.0,
        headers_at_once: bool = False,
    ):
        self.methods = Methods(list(accounts), VERSION)
        self.keepalive = keepalive
        self.headers_at_once = headers_at_once
        self.connections = 0  # event streams accepted so far
        self.connected = asyncio.Event()
        self._streams: list[_Stream] = []
        self._pending: deque[bytes] = deque()  # events waiting for a stream
        self._changed = asyncio.Event()
        self._flowing = asyncio.Event()
        self._flowing.set()
        self._raw_answers: deque[tuple[int, bytes, str | None]] = deque()
        self._rpc_delay = 0.0
        self._runner: web.AppRunner | None = None
        self.url = ""

    # --- life --------------------------------------------------------------------------------

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("*", "/api/v1/rpc", self._rpc)
        app.router.add_route("*", "/api/v1/events", self._events)
        app.router.add_route("*", "/api/v1/check", self._check)
        app.router.add_post("/fake/inject", self._inject)
        app.router.add_get("/fake/sent", self._sent)
        return app

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        self._runner = web.AppRunner(self.app(), handle_signals=False, shutdown_timeout=0.1)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        self.url = f"http://{host}:{site.port}"
        return self.url

    async def stop(self) -> None:
        self.drop_streams(abrupt=True)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # --- what tests do -------------------------------------------------------------------------

    @property
    def sent(self) -> list[Delivered]:
        """Messages delivered: one per recipient that got `SUCCESS`."""
        return self.methods.delivered

    @property
    def calls(self) -> list[tuple[str, dict[str, Any]]]:
        """Every JSON-RPC call that reached a method: (method, params)."""
        return self.methods.calls

    def inject(self, envelope: env.Json, account: str | None = None) -> None:
        """A message reaches the bot's account: to every open stream, or held for the next one."""
        self._deliver(("event", self._event_chunk(envelope, account)))

    def _event_chunk(self, envelope: env.Json, account: str | None = None) -> bytes:
        """`event:receive` and one `data:` line of compact JSON, as ServerSentEventSender.java."""
        owner = account or (self.methods.accounts[0] if self.methods.accounts else "")
        data = json.dumps(env.event(owner, envelope), separators=(",", ":"), ensure_ascii=False)
        return f"event:receive\ndata:{data}\n\n".encode()

    def send_raw(self, chunk: bytes) -> None:
        """Write bytes as they are into the open streams: garbage, odd events, comments."""
        self._deliver(("raw", chunk))

    def drop_streams(self, *, abrupt: bool = False) -> None:
        """Close the open streams: cleanly (end of the chunked body) or by cutting the socket."""
        for stream in self._streams:
            stream.queue.put_nowait(("abort" if abrupt else "close", b""))

    def drop_mid_event(self, envelope: env.Json, *, redeliver: bool = True) -> None:
        """Write half of an event, then cut the connection.

        With `redeliver` the event waits for the next stream, as if unacknowledged; the real
        0.13.19 daemon would have lost it (see docs/signal.md).
        """
        chunk = self._event_chunk(envelope)
        if not self._streams:
            self._pending.append(chunk)
        for stream in self._streams:
            stream.queue.put_nowait(("cut" if redeliver else "cut-lose", chunk))

    def stall(self) -> None:
        """Keep the streams open but write nothing more, not even keep-alives."""
        self._flowing.clear()

    def resume(self) -> None:
        self._flowing.set()

    def fail_recipient(self, recipient: str, kind: str, retry_after: int | None = None) -> None:
        """The next send to `recipient` gets this per-recipient result type."""
        self.methods.failures.setdefault(recipient, deque()).append((kind, retry_after))

    def fail_next_call(self, code: int, message: str, data: Any = None) -> None:
        """The next JSON-RPC method call answers this whole-call error."""
        self.methods.call_errors.append(FakeRpcError(code, message, data))

    def answer_next_raw(self, status: int, body: bytes, content_type: str | None = JSON) -> None:
        """The next call to /api/v1/rpc gets exactly this HTTP answer (garbage, 500, …)."""
        self._raw_answers.append((status, body, content_type))

    def delay_calls(self, seconds: float) -> None:
        """Answer JSON-RPC calls only after `seconds` (a daemon that hangs)."""
        self._rpc_delay = seconds

    # --- HTTP --------------------------------------------------------------------------------

    async def _rpc(self, request: web.Request) -> web.StreamResponse:
        if request.method != "POST":
            return web.Response(status=405)
        if not request.headers.get("Content-Type", "").startswith(JSON):
            return web.Response(status=415)  # signal-cli compares the raw header text
        body = await request.read()
        if self._rpc_delay:
            await asyncio.sleep(self._rpc_delay)
        if self._raw_answers:
            status, raw, content_type = self._raw_answers.popleft()
            headers = {"Content-Type": content_type} if content_type else {}
            return web.Response(status=status, body=raw, headers=headers)
        result = await answer(body, self._dispatch)
        if result is None:
            return web.Response(status=201)
        payload = json.dumps(result, separators=(",", ":"), ensure_ascii=False).encode()
        return web.Response(body=payload, headers={"Content-Type": JSON})

    async def _dispatch(self, method: str, params: Params) -> Any:
        return await self.methods.call(method, params)

    async def _check(self, request: web.Request) -> web.StreamResponse:
        return web.Response(status=200 if request.method == "GET" else 405)

    async def _events(self, request: web.Request) -> web.StreamResponse:
        if request.method != "GET":
            return web.Response(status=405)
        account = request.query.get("account")
        if account and account not in self.methods.accounts:
            return web.Response(status=400)
        stream = _Stream(request=request)
        while self._pending:
            stream.queue.put_nowait(("event", self._pending.popleft()))
        self._streams.append(stream)
        self.connections += 1
        self.connected.set()
        self._changed.set()
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        response.enable_chunked_encoding()
        held: tuple[str, bytes] | None = None
        try:
            if self.headers_at_once:
                await response.prepare(request)
            while True:
                try:
                    held = await asyncio.wait_for(stream.queue.get(), self.keepalive)
                except TimeoutError:
                    held = ("raw", b":\n")  # the keep-alive: one SSE comment line
                await self._flowing.wait()
                kind, chunk = held
                if kind in {"close", "abort", "cut", "cut-lose"}:
                    break
                if not response.prepared:
                    await response.prepare(request)
                await response.write(chunk)
                held = None
            if kind.startswith("cut"):
                held = None
                await self._cut(response, request, chunk, redeliver=kind == "cut")
            elif kind == "abort" and request.transport is not None:
                request.transport.abort()
            elif not response.prepared:
                await response.prepare(request)
        except (ConnectionResetError, asyncio.CancelledError):
            pass
        finally:
            self._streams.remove(stream)
            self._requeue(stream, held)
            if not self._streams:
                self.connected.clear()
        return response

    async def _cut(
        self, response: web.StreamResponse, request: web.Request, chunk: bytes, redeliver: bool
    ) -> None:
        """Write an event only halfway, then cut the socket."""
        if not response.prepared:
            await response.prepare(request)
        await response.write(chunk[: len(chunk) // 2])
        if redeliver:
            self._pending.appendleft(chunk)
        if request.transport is not None:
            request.transport.abort()

    async def wait_connections(self, count: int, limit: float = 5.0) -> None:
        """Until `count` event streams have been accepted in all (reconnects count)."""
        async with asyncio.timeout(limit):
            while self.connections < count or not self._streams:
                self._changed.clear()
                await self._changed.wait()

    def _deliver(self, item: tuple[str, bytes]) -> None:
        if self._streams:
            for stream in self._streams:
                stream.queue.put_nowait(item)
        elif item[0] == "event":
            self._pending.append(item[1])

    def _requeue(self, stream: _Stream, held: tuple[str, bytes] | None) -> None:
        """Events not written before the stream ended wait for the next stream, in order."""
        left = [held] if held is not None else []
        while not stream.queue.empty():
            left.append(stream.queue.get_nowait())
        events = [chunk for kind, chunk in left if kind == "event"]
        if not self._streams:
            self._pending.extendleft(reversed(events))

    async def _inject(self, request: web.Request) -> web.StreamResponse:
        given = await request.json()
        if "envelope" in given:
            envelope = given["envelope"]
        else:
            sender = env.Sender(number=given.get("from"), uuid=given.get("uuid"), name=None)
            stamp = self.methods.next_timestamp()
            envelope = env.envelope(
                sender, stamp, dataMessage=env.data_message(stamp, given.get("text"))
            )
        self.inject(envelope, given.get("account"))
        return web.json_response({"timestamp": envelope.get("timestamp")})

    async def _sent(self, request: web.Request) -> web.StreamResponse:
        return web.json_response([delivered.as_json() for delivered in self.sent])


async def _serve(args: argparse.Namespace) -> None:
    fake = FakeSignalCli(tuple(args.account), keepalive=args.keepalive)
    url = await fake.start(args.host, args.port)
    print(f"fake signal-cli {VERSION} on {url} for {', '.join(args.account)}", flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await fake.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description="A fake signal-cli HTTP daemon for Wegwijs.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--account", action="append", default=[], help="repeat for more")
    parser.add_argument("--keepalive", type=float, default=15.0, help="seconds")
    args = parser.parse_args()
    args.account = args.account or ["+32470000000"]
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args))


if __name__ == "__main__":
    main()
