"""The one outgoing layer: messages are rows first, then sent within the channel's limits.

Replies, reminders and broadcasts are all queued in the transaction that decided them
(`enqueue`). One `OutboxWorker` per channel takes due rows (oldest first per address), paces
them with a `Pacer`, sends through the channel's `Sender`, and settles each row: delivered rows
are deleted; a rate limit pauses the whole channel; transient errors back off and give up after
a bounded number of attempts; an unreachable address marks its account inactive.

Two priorities share the one pacer: replies (`Priority.REPLY`) and bulk rows (broadcasts,
`Priority.BULK`) are taken by two lanes of the worker, and a bulk send yields its slot while a
reply waits, so a big broadcast never makes the bot slow to answer. A row with a `Ref` tells
its fate (delivered, failed, unreachable) to the `Settled` hook in the same transaction.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable, Coroutine, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.pacing import Pacer
from bot.sending import (
    Delivery,
    Kind,
    RateLimitedError,
    RejectedError,
    Sender,
    TransientError,
    UnreachableError,
)
from dialogs.clock import Clock
from dialogs.messages import Attachment
from dialogs.render import Rendered, RenderedChoice
from store import outbox
from store.outbox import OutboxMessage, Outcome, Priority, Ref

log = logging.getLogger(__name__)
T = TypeVar("T")

# Told in the settling transaction: the refs, how they ended, the reason, the channel's id of
# the message sent (to edit it later), if the channel gave one.
Settled = Callable[[AsyncSession, list[Ref], Outcome, str | None, str | None], Awaitable[None]]


def enqueue(
    session: AsyncSession,
    channel: str,
    address: str,
    account_id: int | None,
    deliveries: Iterable[Delivery],
    clock: Clock,
    priority: Priority = Priority.REPLY,
    ref: Ref | None = None,
) -> int:
    """Queue deliveries for one address in the caller's transaction; returns how many."""
    count = 0
    for delivery in deliveries:
        payload, attachment = _encode(delivery)
        outbox.queue(
            session,
            channel,
            address,
            account_id,
            payload,
            attachment,
            clock.now(),
            priority=priority,
            ref=ref,
        )
        count += 1
    return count


async def take_all(
    session: AsyncSession, channel: str, address: str, settled: Settled | None = None
) -> list[Rendered]:
    """Every message waiting for one address, removed from the outbox (for the console); the
    rows' refs count as delivered."""
    rows = await outbox.pending_for(session, channel, address)
    ids = [row.id for row in rows]
    refs = await outbox.refs_of(session, ids) if settled is not None and ids else []
    await outbox.delivered_all(session, ids)
    if refs and settled is not None:
        await settled(session, refs, Outcome.DELIVERED, None, None)
    return [_decode(row.payload, row.attachment).message for row in rows]


@dataclass(frozen=True)
class Limits:
    rate: float = 30.0  # messages per second, overall
    gap: float = 1.0  # seconds between two messages to one chat
    max_attempts: int = 5
    retry_base: float = 1.0  # first backoff in seconds, doubled each attempt
    hold: float = 60.0  # how long a worker holds rows it took
    poll: float = 5.0  # look for rows queued by other processes this often
    batch: int = 100
    parallel_chats: int = 30


class OutboxWorker:
    """Sends one channel's outbox; `wake` after queueing, or it looks by itself every `poll`."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        sender: Sender,
        clock: Clock,
        limits: Limits = Limits(),
        pacer: Pacer | None = None,
        settled: Settled | None = None,
    ):
        self._sessions = sessions
        self._sender = sender
        self._clock = clock
        self._limits = limits
        self.pacer = pacer or Pacer(limits.rate, limits.gap)
        self.settled = settled
        self._wakes = {priority: asyncio.Event() for priority in Priority}
        self._chats = {priority: asyncio.Semaphore(limits.parallel_chats) for priority in Priority}
        self._held: set[int] = set()  # rows taken and not settled yet
        self._unfinished: set[asyncio.Task[Any]] = set()  # database work a stop waits for

    @property
    def channel(self) -> str:
        return self._sender.channel

    def wake(self) -> None:
        for event in self._wakes.values():
            event.set()

    async def run(self) -> None:
        """Send until cancelled: replies and bulk rows each in their own lane."""
        try:
            await asyncio.gather(*(self._lane(priority) for priority in Priority))
        finally:
            # Database work outlives the stop that interrupted it; waiting for it keeps its
            # connection from being cut when the process closes the pool.
            if self._unfinished:
                await asyncio.gather(*self._unfinished, return_exceptions=True)

    async def _lane(self, priority: Priority) -> None:
        while True:
            self._wakes[priority].clear()
            try:
                taken = await self.send_due(priority)
            except Exception:
                log.exception("outbox round failed channel=%s", self.channel)
                taken = 0
            if not taken:
                await self._idle(priority)

    async def send_due(self, priority: Priority | None = None) -> int:
        """One round: take what is due (of one priority, or all) and send it; returns how many
        rows were taken."""
        take = self.unstoppable(self._take(priority))
        try:
            rows = await asyncio.shield(take)
        except asyncio.CancelledError:
            # Stopping during the take: it went through, so what it took goes back at once.
            taken_ids = [row.id for row in await take]
            if taken_ids:
                await self._settle(taken_ids, lambda s, ids: outbox.release(s, ids, None))
            raise
        taken = {row.id for row in rows}
        self._held.update(taken)
        by_address: defaultdict[str, list[OutboxMessage]] = defaultdict(list)
        for row in rows:
            by_address[row.address].append(row)
        try:
            await asyncio.gather(*(self._send_in_order(queue) for queue in by_address.values()))
        except asyncio.CancelledError:
            # Stopping: what was taken but not settled goes back at once, not after the hold.
            # A message cut off mid-request may go twice; it is never lost.
            left = list(self._held & taken)
            if left:
                await self._settle(left, lambda s, ids: outbox.release(s, ids, None))
            raise
        return len(rows)

    async def _idle(self, priority: Priority) -> None:
        due = await self.shielded(self._next_due(priority))
        wait = self._limits.poll
        if due is not None:
            wait = min(wait, max(0.0, (due - self._clock.now()).total_seconds()))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wakes[priority].wait(), timeout=max(wait, 0.01))

    async def _send_in_order(self, rows: Sequence[OutboxMessage]) -> None:
        async with self._chats[Priority(rows[0].priority)]:
            for index, row in enumerate(rows):
                if not await self._send_one(row):
                    later = [other.id for other in rows[index + 1 :]]
                    if later:
                        await self._settle(later, lambda s, ids: outbox.release(s, ids, None))
                    return

    async def _settle(
        self,
        ids: list[int],
        change: Callable[[AsyncSession, list[int]], Awaitable[object]],
        outcome: Outcome | None = None,
        reason: str | None = None,
        message_id: str | None = None,
    ) -> None:
        """Record a row's fate (and tell its ref's feature, in the same transaction); shielded,
        so a stop in between does not undo a send."""

        async def record() -> None:
            async with self._sessions() as session, session.begin():
                tell = self.settled is not None and outcome is not None
                refs = await outbox.refs_of(session, ids) if tell else []
                changed = await change(session, ids)
                if tell and isinstance(changed, list):  # more rows given up than these
                    more = [row_id for row_id in changed if row_id not in ids]
                    refs.extend(await outbox.refs_of(session, more) if more else [])
                if refs and self.settled is not None and outcome is not None:
                    await self.settled(session, refs, outcome, reason, message_id)
            self._held.difference_update(ids)

        await self.shielded(record())

    async def _take(self, priority: Priority | None) -> list[OutboxMessage]:
        async with self._sessions() as session, session.begin():
            return list(
                await outbox.take_due(
                    session,
                    self.channel,
                    self._clock.now(),
                    timedelta(seconds=self._limits.hold),
                    self._limits.batch,
                    priority,
                )
            )

    async def _next_due(self, priority: Priority) -> datetime | None:
        async with self._sessions() as session:
            return await outbox.next_due(session, self.channel, priority)

    def unstoppable(self, work: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
        """Database work as a task that a stop does not cut in the middle (callers shield it).
        A query cancelled midway makes SQLAlchemy terminate its connection, and with aiosqlite
        0.22 that terminate can leave a close waiting for ever (sqlalchemy#13039), which hangs
        the event loop's shutdown; `run` waits for these tasks instead."""
        task = asyncio.create_task(work)
        self._unfinished.add(task)
        task.add_done_callback(self._unfinished.discard)
        return task

    async def shielded(self, work: Coroutine[Any, Any, T]) -> T:
        """Await database work that goes on to its end even when the caller is stopped."""
        return await asyncio.shield(self.unstoppable(work))

    async def _send_one(self, row: OutboxMessage) -> bool:
        """Send one row and settle it; False when the rows after it must wait."""
        delivery = _decode(row.payload, row.attachment)
        try:
            await self.pacer.wait(row.address, urgent=row.priority == Priority.REPLY)
            message_id = await self._sender.deliver(row.address, delivery)
        except RateLimitedError as error:
            self.pacer.pause(error.seconds)
            log.warning(
                "waiting channel=%s row=%d wait=%.1fs reason=%s",
                self.channel,
                row.id,
                error.seconds,
                error.reason,
            )
            due = self._clock.now() + timedelta(seconds=error.seconds)
            await self._settle([row.id], lambda s, ids: outbox.release(s, ids, due))
            return False
        except TransientError as error:
            return await self._retry(row, error.reason)
        except UnreachableError as error:
            reason = error.reason
            await self._settle(
                [row.id],
                lambda s, _ids: outbox.unreachable(s, row.channel, row.address, reason),
                Outcome.UNREACHABLE,
                reason,
            )
            log.warning(
                "unreachable channel=%s account=%s reason=%s", self.channel, row.account_id, reason
            )
            return False
        except RejectedError as error:
            reason = error.reason
            log.error("rejected channel=%s row=%d reason=%s", self.channel, row.id, reason)
            await self._settle(
                [row.id], lambda s, ids: outbox.give_up(s, ids, reason), Outcome.FAILED, reason
            )
            return True
        except Exception:
            log.exception("sender failed channel=%s row=%d", self.channel, row.id)
            return await self._retry(row, "unexpected")
        await self._settle(
            [row.id], outbox.delivered_all, Outcome.DELIVERED, None, _str_or_none(message_id)
        )
        return True

    async def _retry(self, row: OutboxMessage, reason: str) -> bool:
        attempts = row.attempts + 1
        if attempts >= self._limits.max_attempts:
            await self._settle(
                [row.id], lambda s, ids: outbox.give_up(s, ids, reason), Outcome.FAILED, reason
            )
            log.error(
                "gave up channel=%s row=%d attempts=%d reason=%s",
                self.channel,
                row.id,
                attempts,
                reason,
            )
            return True  # the next message should not wait for one that will never go
        delay = min(self._limits.retry_base * 2 ** (attempts - 1), 300.0)
        due = self._clock.now() + timedelta(seconds=delay)
        await self._settle([row.id], lambda s, ids: outbox.retry_later(s, ids[0], attempts, due))
        log.warning(
            "retry channel=%s row=%d attempt=%d in=%.1fs reason=%s",
            self.channel,
            row.id,
            attempts,
            delay,
            reason,
        )
        return False


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _encode(delivery: Delivery) -> tuple[dict[str, Any], bytes | None]:
    message = delivery.message
    payload: dict[str, Any] = {
        "kind": delivery.kind.value,
        "text": message.text,
        "choices": [[c.id, c.label, c.selected] for c in message.choices],
        "asks": message.asks,
        "target": delivery.target,
        "keep_choices": delivery.keep_choices,
        "page": delivery.page,
    }
    if message.bold:
        payload["bold"] = list(message.bold)
    attachment = message.attachment
    if attachment is not None:
        payload["attachment"] = {
            "filename": attachment.filename,
            "media_type": attachment.media_type,
        }
    return payload, None if attachment is None else attachment.content


def _decode(payload: dict[str, Any], content: bytes | None) -> Delivery:
    file = payload.get("attachment")
    attachment = (
        None
        if file is None or content is None
        else Attachment(file["filename"], content, file["media_type"])
    )
    message = Rendered(
        payload["text"],
        tuple(RenderedChoice(i, label, bool(on)) for i, label, on in payload["choices"]),
        attachment,
        payload.get("asks"),
        tuple(payload.get("bold", ())),
    )
    return Delivery(
        message,
        Kind(payload["kind"]),
        payload.get("target"),
        payload.get("keep_choices", True),
        payload.get("page", 0),
    )
