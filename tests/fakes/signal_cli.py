"""A fake signal-cli daemon: the HTTP JSON-RPC and SSE of `signal-cli daemon --http`, on 127.0.0.1.

Kept honest by `tests/test_signal_contract.py`, which replays the real daemon's recorded answers.
Tests drive it from Python (`inject`, `fail_recipient`, `fail_next_call`, `drop_streams`, …).
It also runs on its own, so a person can point a bot at it:

    python -m tests.fakes.signal_cli --port 8088 --account +32470000000

and, from another terminal, play a person writing to the bot, then read what the bot sent:

    curl -s localhost:8088/fake/inject -H 'Content-Type: application/json' \
         -d '{"from": "+32470123456", "text": "hallo"}'
    curl -s localhost:8088/fake/sent

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


# What a stream writes next, in order: ("event", bytes) is a message; the others ("raw", bytes),
# ("close", b""), ("abort", b""), ("cut", bytes), ("cut-lose", bytes) are test controls for the
# streams open now and are dropped when none is.
_Item = tuple[str, bytes]


@dataclass(eq=False)
class _Stream:
    """One open event stream, with what it still has to write; woken when that grows."""

    queue: deque[_Item] = field(default_factory=deque)
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    request: web.Request | None = None
    gone: bool = False  # its client went away while the stream wrote nothing (stalled)

    @property
    def client_left(self) -> bool:
        transport = None if self.request is None else self.request.transport
        return transport is None or transport.is_closing()


class FakeSignalCli:
    def __init__(
        self,
        accounts: tuple[str, ...] = ("+32470000000",),
        *,
        keepalive: float = 15.0,
        headers_at_once: bool = False,
        single_account: bool = False,
    ):
        self.methods = Methods(list(accounts), VERSION, single_account)
        self.keepalive = keepalive
        self.headers_at_once = headers_at_once
        self.connections = 0  # event streams accepted so far
        self.connected = asyncio.Event()
        # Like HttpServerHandler.java: every open stream subscribes its own receive handler,
        # so each message goes to every stream; with none open (`--receive-mode
        # on-connection`) messages wait at Signal for the next one.
        self._streams: list[_Stream] = []
        self._held: deque[bytes] = deque()
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
        """A message reaches the bot's account: written to every open stream, or held for one."""
        self._push(("event", self._event_chunk(envelope, account)))

    def _event_chunk(self, envelope: env.Json, account: str | None = None) -> bytes:
        """`event:receive` and one `data:` line of compact JSON, as ServerSentEventSender.java."""
        owner = account or (self.methods.accounts[0] if self.methods.accounts else "")
        data = json.dumps(env.event(owner, envelope), separators=(",", ":"), ensure_ascii=False)
        return f"event:receive\ndata:{data}\n\n".encode()

    def send_raw(self, chunk: bytes) -> None:
        """Write bytes as they are into the open streams: garbage, odd events, comments."""
        self._push(("raw", chunk))

    def drop_streams(self, *, abrupt: bool = False) -> None:
        """Close the open streams: cleanly (end of the chunked body) or by cutting the socket."""
        self._push(("abort" if abrupt else "close", b""))

    def drop_mid_event(self, envelope: env.Json, *, redeliver: bool = True) -> None:
        """Write half of an event, then cut the connection.

        With `redeliver` the event waits for the next stream, as if never acknowledged; the real
        0.13.19 daemon would have lost it (see docs/signal.md).
        """
        chunk = self._event_chunk(envelope)
        self._push(
            ("cut" if redeliver else "cut-lose", chunk) if self._streams else ("event", chunk)
        )

    def stall(self) -> None:
        """Keep the stream open but write nothing more, not even keep-alives."""
        self._flowing.clear()

    def resume(self) -> None:
        self._flowing.set()
        self._wake_all()

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
        known = self.methods.single_account or not account or account in self.methods.accounts
        if not known:
            return web.Response(status=400)
        stream = _Stream(deque(("event", chunk) for chunk in self._held), request=request)
        self._held.clear()
        for old in self._streams:
            if old.client_left:  # a stalled stream notices only when it writes: end it now
                old.gone = True
                stream.queue.extend(item for item in old.queue if item[0] == "event")
                old.queue.clear()
                old.wake.set()
        self._streams.append(stream)
        self.connections += 1
        self.connected.set()
        self._changed.set()
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream"})
        response.enable_chunked_encoding()
        try:
            if self.headers_at_once:
                await response.prepare(request)
            await self._write_stream(stream, response, request)
        except (ConnectionResetError, asyncio.CancelledError):
            pass  # the client went away
        finally:
            self._streams.remove(stream)
            if not self._streams:
                self.connected.clear()
                # Not written to anybody: Signal hands it to the next stream.
                self._held.extend(chunk for kind, chunk in stream.queue if kind == "event")
        return response

    async def _write_stream(
        self, stream: _Stream, response: web.StreamResponse, request: web.Request
    ) -> None:
        while not stream.gone:
            stream.wake.clear()
            if not (stream.queue and self._flowing.is_set()):
                wait = self.keepalive if self._flowing.is_set() else None
                try:
                    async with asyncio.timeout(wait):
                        await stream.wake.wait()
                    if stream.gone:
                        return
                except TimeoutError:
                    await self._write(response, request, b":\n")  # keep-alive: a comment line
                continue
            item = stream.queue[0]
            kind, chunk = item
            if kind in {"event", "raw"}:
                await self._write(response, request, chunk)
                if stream.queue and stream.queue[0] is item:
                    stream.queue.popleft()  # written, so it counts as delivered
                continue
            stream.queue.popleft()
            if kind.startswith("cut"):
                await self._write(response, request, chunk[: len(chunk) // 2])
            if kind == "cut" and len(self._streams) == 1:
                stream.queue.appendleft(("event", chunk))  # as if never acknowledged
            if kind != "close" and request.transport is not None:
                request.transport.abort()
            return

    async def _write(self, response: web.StreamResponse, request: web.Request, data: bytes) -> None:
        if not response.prepared:
            await response.prepare(request)  # the real daemon's headers wait for a first write
        await response.write(data)

    async def wait_connections(self, count: int, limit: float = 5.0) -> None:
        """Until `count` event streams have been accepted in all (reconnects count)."""
        async with asyncio.timeout(limit):
            while self.connections < count or not self._streams:
                self._changed.clear()
                await self._changed.wait()

    def _push(self, item: _Item) -> None:
        if item[0] == "event" and not self._streams:
            self._held.append(item[1])
        for stream in self._streams:
            stream.queue.append(item)
            stream.wake.set()

    def _wake_all(self) -> None:
        for stream in self._streams:
            stream.wake.set()

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
    parser.add_argument("--port", type=int, default=8088)
    parser.add_argument("--account", action="append", default=[], help="repeat for more")
    parser.add_argument("--keepalive", type=float, default=15.0, help="seconds")
    args = parser.parse_args()
    args.account = args.account or ["+32470000000"]
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args))


if __name__ == "__main__":
    main()
