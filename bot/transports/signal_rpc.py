"""A client for signal-cli's HTTP daemon: JSON-RPC calls, the event stream, a health check.

    SignalError
    ├── RpcError      the daemon answered with a JSON-RPC error: code, message, data
    └── DaemonError   no usable answer: unreachable, timed out, bad HTTP status, garbage

JSON-RPC errors come with HTTP 200; a call without `id` would get 201 and no body, so every call
has one. The event stream (`GET /api/v1/events`) sends its headers only with its first keep-alive,
15 s after connecting (signal-cli 0.13.19), so it has no read timeout: a stream that stays
silent for `silence_limit` seconds (three keep-alives) counts as dead and is reopened.
Log lines carry call ids, methods, codes and kinds, never numbers or texts.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import aiohttp

from bot.transports.signal_wire import Ignored, IgnoredKind, SignalMessage, parse_event
from bot.transports.sse import SseComment, SseParser

__all__ = [
    "Backoff",
    "DaemonError",
    "Health",
    "RpcError",
    "SignalError",
    "SignalRpc",
    "StreamState",
    "StreamStatus",
]

log = logging.getLogger(__name__)
_QUIET = {IgnoredKind.RECEIPT, IgnoredKind.TYPING}
_OPENED = object()  # the stream's headers came


class SignalError(Exception):
    """Anything that went wrong talking to signal-cli."""


METHOD_NOT_FOUND = -32601  # JSON-RPC: the daemon has no such method (in this mode)


class RpcError(SignalError):
    """A JSON-RPC error answer. `message` may hold a phone number: never log it."""

    def __init__(self, code: int, message: str, data: Any = None):
        super().__init__(f"signal-cli error {code}")
        self.code = code
        self.message = message
        self.data = data


class DaemonError(SignalError):
    """No usable answer; `kind` says why in a word fit for a log line."""

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


@dataclass(frozen=True)
class Backoff:
    """Waits between reconnects: initial, times factor, up to maximum."""

    initial: float = 1.0
    factor: float = 2.0
    maximum: float = 60.0

    def delays(self) -> Iterator[float]:
        delay = self.initial
        while True:
            yield delay
            delay = min(delay * self.factor, self.maximum)


class StreamState(StrEnum):
    CONNECTING = "connecting"
    OPEN = "open"
    DOWN = "down"
    STOPPED = "stopped"


@dataclass(frozen=True)
class StreamStatus:
    state: StreamState
    since: datetime
    reason: str | None = None  # a kind: "refused", "http-400", "silent", "cut", …
    failures: int = 0  # reconnects in a row that did not bring a healthy stream


@dataclass(frozen=True)
class Health:
    """What `wegwijs check` says about the daemon."""

    answers: bool
    version: str | None = None
    account_known: bool | None = None  # None: no account configured, or not asked
    problem: str | None = None
    # How many accounts a multi-account daemon holds; None when it runs for one (`-a NUMBER
    # daemon`), which cannot list them: the bot then sends as that one.
    accounts: int | None = None


class SignalRpc:
    def __init__(
        self,
        url: str,
        account: str | None = None,
        *,
        backoff: Backoff = Backoff(),
        silence_limit: float = 45.0,
        call_timeout: float = 60.0,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        on_state: Callable[[StreamStatus], None] | None = None,
    ):
        self._url = url.rstrip("/")
        self._account = account
        self._backoff = backoff
        self._silence_limit = silence_limit
        self._call_timeout = call_timeout
        self._sleep = sleep
        self._on_state = on_state
        self._ids = itertools.count(1)
        self._session: aiohttp.ClientSession | None = None
        self.status = StreamStatus(StreamState.STOPPED, datetime.now(UTC))
        self.last_alive: datetime | None = None  # the stream's last event or keep-alive

    async def __aenter__(self) -> SignalRpc:
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.close()

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    def _http(self) -> aiohttp.ClientSession:
        if self._session is None:
            self._session = aiohttp.ClientSession()
        return self._session

    async def call(
        self, method: str, params: dict[str, Any] | None = None, *, as_account: bool = True
    ) -> Any:
        """Call a method (for our account unless not `as_account`); its result, or an error."""
        call_id = next(self._ids)
        given = dict(params or {})
        if self._account is not None and as_account:
            given.setdefault("account", self._account)
        body = {"jsonrpc": "2.0", "method": method, "id": call_id, "params": given}
        timeout = aiohttp.ClientTimeout(total=self._call_timeout)
        try:
            rpc = f"{self._url}/api/v1/rpc"
            async with self._http().post(rpc, json=body, timeout=timeout) as answered:
                status, raw = answered.status, await answered.read()
        except TimeoutError:
            raise self._failed(call_id, method, "timeout") from None
        except aiohttp.ClientError as error:
            raise self._failed(call_id, method, _kind(error)) from None
        if status != 200:
            raise self._failed(call_id, method, f"http-{status}")
        try:
            answer = json.loads(raw)
        except ValueError:
            raise self._failed(call_id, method, "garbage") from None
        if not isinstance(answer, dict) or answer.get("id") != call_id:
            raise self._failed(call_id, method, "garbage")
        failed = answer.get("error")
        if isinstance(failed, dict) and isinstance(failed.get("code"), int):
            log.info("signal call %s %s: error %s", call_id, method, failed["code"])
            raise RpcError(failed["code"], str(failed.get("message") or ""), failed.get("data"))
        if "result" not in answer:
            raise self._failed(call_id, method, "garbage")
        log.debug("signal call %s %s: ok", call_id, method)
        return answer["result"]

    def _failed(self, call_id: int, method: str, kind: str) -> DaemonError:
        log.warning("signal call %s %s: %s", call_id, method, kind)
        return DaemonError(kind)

    async def check(self) -> Health:
        """Whether the daemon answers, its version, and whether it holds our account."""
        try:
            timeout = aiohttp.ClientTimeout(total=10)
            async with self._http().get(f"{self._url}/api/v1/check", timeout=timeout) as answer:
                if answer.status != 200:
                    return Health(False, problem=f"http-{answer.status}")
            # `version` with an account the daemon lacks is an error: ask the daemon itself.
            version = await self.call("version", as_account=False)
            numbers = await self._account_numbers()
            known = None
            if self._account is not None and numbers is not None:
                known = self._account in numbers
        except TimeoutError:
            return Health(False, problem="timeout")
        except aiohttp.ClientError as error:
            return Health(False, problem=_kind(error))
        except SignalError as error:
            problem = f"error {error.code}" if isinstance(error, RpcError) else str(error)
            return Health(True, problem=problem)
        except (AttributeError, TypeError):
            return Health(True, problem="garbage")
        shown = version.get("version") if isinstance(version, dict) else None
        number = shown if isinstance(shown, str) else None
        return Health(
            True,
            number,
            known,
            None if known is not False else "unknown-account",
            None if numbers is None else len(numbers),
        )

    async def _account_numbers(self) -> list[str] | None:
        """The multi-account daemon's numbers; None from a single-account daemon, which
        answers listAccounts with "Method not implemented" (SignalJsonRpcCommandHandler.java)."""
        try:
            accounts = await self.call("listAccounts", as_account=False)
        except RpcError as error:
            if error.code == METHOD_NOT_FOUND:
                return None
            raise
        return [str(item.get("number")) for item in accounts]

    async def events(self) -> AsyncGenerator[SignalMessage | Ignored, None]:
        """Incoming events, for ever: the stream is reopened with backoff whenever it fails."""
        delays = self._backoff.delays()
        failures = 0
        try:
            while True:
                self._set(StreamState.CONNECTING, None, failures)
                healthy = False
                reason = "closed"
                try:
                    async for item in self._stream_once():
                        if item is _OPENED:
                            self._set(StreamState.OPEN, None, failures)
                            continue
                        self.last_alive = datetime.now(UTC)
                        if not healthy:  # something came through: the stream really works
                            healthy, failures, delays = True, 0, self._backoff.delays()
                        if isinstance(item, SignalMessage | Ignored):
                            yield item
                except DaemonError as error:
                    reason = error.kind
                failures += 0 if healthy else 1
                self._set(StreamState.DOWN, reason, failures)
                await self._sleep(next(delays))
        finally:
            self._set(StreamState.STOPPED, None, failures)

    async def _stream_once(self) -> AsyncIterator[SignalMessage | Ignored | object]:
        """One connection: _OPENED once the headers came, then events, None per keep-alive."""
        params = {} if self._account is None else {"account": self._account}
        # No read timeout: headers come only with the first keep-alive. Silence is watched below.
        timeout = aiohttp.ClientTimeout(total=None, sock_connect=10, sock_read=None)
        request = self._http().get(
            f"{self._url}/api/v1/events",
            params=params,
            headers={"Accept": "text/event-stream"},
            timeout=timeout,
        )
        # asyncio.timeout, not wait_for: Python 3.11's wait_for can swallow a cancellation.
        try:
            async with asyncio.timeout(self._silence_limit):
                response = await request
        except TimeoutError:
            raise DaemonError("no-headers") from None
        except aiohttp.ClientError as error:
            raise DaemonError(_kind(error)) from None
        async with response:
            if response.status != 200:
                raise DaemonError(f"http-{response.status}")
            if response.content_type != "text/event-stream":
                raise DaemonError("not-sse")
            yield _OPENED
            parser = SseParser()
            while True:
                try:
                    async with asyncio.timeout(self._silence_limit):
                        chunk = await response.content.readany()
                except TimeoutError:
                    raise DaemonError("silent") from None
                except aiohttp.ClientError as error:
                    parser.close()
                    raise DaemonError(_kind(error)) from None
                if not chunk:
                    parser.close()
                    return
                for item in parser.feed(chunk):
                    if isinstance(item, SseComment):
                        yield None
                    else:
                        yield self._event(item.type, item.data)

    def _event(self, kind: str, data: str) -> SignalMessage | Ignored:
        if kind != "receive":
            parsed: SignalMessage | Ignored = Ignored(IgnoredKind.OTHER)
        else:
            parsed = parse_event(data)
        if isinstance(parsed, Ignored):
            level = logging.DEBUG if parsed.kind in _QUIET else logging.INFO
            if parsed.kind in {IgnoredKind.MALFORMED, IgnoredKind.ERROR}:
                level = logging.WARNING
            log.log(level, "signal event %s ignored: %s", parsed.timestamp, parsed.kind)
        else:
            log.debug("signal event %s: message", parsed.timestamp)
        return parsed

    def _set(self, state: StreamState, reason: str | None, failures: int) -> None:
        if state == self.status.state and reason == self.status.reason:
            return
        self.status = StreamStatus(state, datetime.now(UTC), reason, failures)
        if state == StreamState.DOWN:
            log.warning("signal event stream down: %s (%d in a row)", reason, failures)
        else:
            log.info("signal event stream %s", state)
        if self._on_state is not None:
            self._on_state(self.status)


def _kind(error: aiohttp.ClientError) -> str:
    """A word for a log line; aiohttp's own texts may hold the URL and with it our number."""
    if isinstance(error, aiohttp.ClientConnectorError):
        return "refused"
    if isinstance(error, aiohttp.ServerDisconnectedError):
        return "disconnected"
    if isinstance(error, aiohttp.ClientPayloadError):
        return "cut"
    return type(error).__name__
