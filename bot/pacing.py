"""Keeps a channel's sending within its limits: an overall rate, a gap per chat, and pauses."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable


class Pacer:
    """Waits until a message may go: at most `rate` per second overall, one per `gap` per chat.

    `pause` (a 429's retry_after) holds every send until it has passed. An `urgent` wait (a
    reply) goes before every other wait (a broadcast row): those hold back while one waits. The
    clock and the sleep are injected so tests can run without waiting.
    """

    def __init__(
        self,
        rate: float,
        gap: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ):
        self._interval = 1.0 / rate if rate > 0 else 0.0
        self._gap = gap
        self._clock = clock
        self._sleep = sleep
        self._next_any = 0.0
        self._next_chat: dict[str, float] = {}
        self._paused_until = 0.0
        self._urgent = 0  # replies waiting for a slot

    def pause(self, seconds: float) -> None:
        """No message at all before `seconds` from now."""
        self._paused_until = max(self._paused_until, self._clock() + seconds)

    @property
    def paused_until(self) -> float:
        return self._paused_until

    async def wait(self, chat: str, urgent: bool = True) -> None:
        """Return when a message to `chat` may be sent, and book that moment."""
        if urgent:
            self._urgent += 1
        try:
            while True:
                now = self._clock()
                ready = max(self._next_any, self._next_chat.get(chat, 0.0), self._paused_until)
                if not urgent and self._urgent:
                    # A reply is waiting: let it have the next slot, then look again.
                    await self._sleep(max(ready - now, self._interval, 0.001))
                    continue
                if ready <= now:
                    break
                await self._sleep(ready - now)
        finally:
            if urgent:
                self._urgent -= 1
        # Booked with no await in between: concurrent senders cannot take the same slot.
        self._next_any = now + self._interval
        self._next_chat[chat] = now + self._gap
        if len(self._next_chat) > 10_000:
            self._next_chat = {key: at for key, at in self._next_chat.items() if at > now}
