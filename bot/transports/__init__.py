"""Channels that carry the conversation: console (embedded default), later Telegram and Signal."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Protocol

from dialogs.messages import Incoming
from dialogs.render import Rendered

Handler = Callable[[Incoming], Awaitable[list[Rendered]]]


class Transport(Protocol):
    channel: str

    async def run(self, handle: Handler) -> None:
        """Receive updates until stopped, pass each to `handle`, deliver what it returns."""
        ...
