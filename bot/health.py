"""What `/healthz` says: whether the process runs and every configured channel can receive.

A process manager or load balancer reads `ok` (and the status: 503 when not ok), so `ok` is
false while a configured channel cannot take in messages, and the body says which and why.
Right after start a channel may still be opening (Signal's stream shows its headers only with
the first keep-alive, up to 15 s): that counts as not ready yet.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from aiohttp import web


@dataclass(frozen=True)
class Receiving:
    channel: str
    ok: bool
    details: dict[str, Any] = field(default_factory=dict)


class Receiver(Protocol):
    def receiving(self) -> Receiving: ...


def health_handler(
    receivers: Sequence[Receiver],
) -> Callable[[web.Request], Awaitable[web.Response]]:
    """The `/healthz` handler for these channels (none: the web page alone, always ok)."""

    async def healthy(request: web.Request) -> web.Response:
        states = [receiver.receiving() for receiver in receivers]
        ok = all(state.ok for state in states)
        body: dict[str, Any] = {"ok": ok}
        body.update({state.channel: {"ok": state.ok, **state.details} for state in states})
        return web.json_response(body, status=200 if ok else 503)

    return healthy
