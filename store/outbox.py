"""The outbox of messages waiting to be sent, and its queries: queue, take what is due (oldest
first per address), settle. Never commits.

Order per address is kept: a row is only taken when no older row for the same address is still
waiting (its retry not due yet, or held by a worker).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import IntEnum, StrEnum
from typing import Any

from sqlalchemy import (
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    SmallInteger,
    String,
    and_,
    delete,
    exists,
    or_,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, aliased, mapped_column

from store.base import Base
from store.people.models import ChannelAccount
from store.types import JSONData, UTCDateTime


class OutboxStatus(StrEnum):
    PENDING = "pending"
    FAILED = "failed"  # gave up; the text is cleared, the row stays for the numbers


class Priority(IntEnum):
    """Lower goes first: answers to people who are talking to the bot before bulk messages."""

    REPLY = 0
    BULK = 1


class Outcome(StrEnum):
    """How a row with a `ref` ended, told to the feature that queued it."""

    DELIVERED = "delivered"
    FAILED = "failed"
    UNREACHABLE = "unreachable"


@dataclass(frozen=True)
class Ref:
    """What an outbox row belongs to (a broadcast's recipient), so its fate can be recorded."""

    kind: str
    id: int


class OutboxMessage(Base):
    """A message to send (or a sent message to edit), queued in the transaction that decided it.

    Rows are deleted once delivered, so message texts do not pile up in the database.
    """

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_due", "channel", "status", "due_at"),
        Index("ix_outbox_ref", "ref_kind", "ref_id"),
        # The head-of-address check looks up older rows per address: thousands wait in a broadcast.
        Index("ix_outbox_address", "channel", "address", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    address: Mapped[str] = mapped_column(String(128))
    # Queued messages die with the account; a goodbye after erasure has no account any more.
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("channel_accounts.id", ondelete="CASCADE"), index=True
    )
    payload: Mapped[dict[str, Any]] = mapped_column(JSONData)
    attachment: Mapped[bytes | None] = mapped_column(LargeBinary)
    status: Mapped[str] = mapped_column(String(16), default=OutboxStatus.PENDING.value)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # A worker that took the row holds it until then; after a crash another worker takes over.
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    error: Mapped[str | None] = mapped_column(String(64))
    priority: Mapped[int] = mapped_column(SmallInteger, default=Priority.REPLY.value)
    ref_kind: Mapped[str | None] = mapped_column(String(16))
    ref_id: Mapped[int | None] = mapped_column(Integer)

    @property
    def ref(self) -> Ref | None:
        if self.ref_kind is None or self.ref_id is None:
            return None
        return Ref(self.ref_kind, self.ref_id)


PENDING = OutboxStatus.PENDING.value


def queue(
    session: AsyncSession,
    channel: str,
    address: str,
    account_id: int | None,
    payload: dict[str, Any],
    attachment: bytes | None,
    now: datetime,
    priority: Priority = Priority.REPLY,
    ref: Ref | None = None,
    due_at: datetime | None = None,
) -> OutboxMessage:
    """Add one message to send, in the caller's transaction."""
    row = OutboxMessage(
        channel=channel,
        address=address,
        account_id=account_id,
        payload=payload,
        attachment=attachment,
        status=PENDING,
        attempts=0,
        created_at=now,
        due_at=due_at or now,
        priority=priority.value,
        ref_kind=None if ref is None else ref.kind,
        ref_id=None if ref is None else ref.id,
    )
    session.add(row)
    return row


async def take_due(
    session: AsyncSession,
    channel: str,
    now: datetime,
    hold: timedelta,
    limit: int,
    priority: Priority | None = None,
) -> Sequence[OutboxMessage]:
    """Rows due now (of one priority, or all: replies first), oldest first, each the head of its
    address within its priority; held for `hold` by the caller."""
    # Queued before the person blocked the bot, or by a job that did not look: never tried.
    inactive = select(ChannelAccount.id).where(ChannelAccount.active.is_(False))
    await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.status == PENDING, OutboxMessage.account_id.in_(inactive))
        .values(status=OutboxStatus.FAILED.value, payload={}, attachment=None, error="inactive")
    )
    earlier = aliased(OutboxMessage)
    blocked = exists().where(
        earlier.channel == OutboxMessage.channel,
        earlier.address == OutboxMessage.address,
        earlier.status == PENDING,
        # Order is kept per priority: an answer does not wait behind an announcement.
        earlier.priority == OutboxMessage.priority,
        earlier.id < OutboxMessage.id,
        or_(earlier.due_at > now, earlier.claimed_until >= now),
    )
    query = select(OutboxMessage).where(
        OutboxMessage.channel == channel,
        OutboxMessage.status == PENDING,
        OutboxMessage.due_at <= now,
        or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now),
        ~blocked,
    )
    if priority is not None:
        query = query.where(OutboxMessage.priority == priority.value)
    rows = (
        await session.scalars(
            query.order_by(OutboxMessage.priority, OutboxMessage.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    ).all()
    for row in rows:
        row.claimed_until = now + hold
    return rows


async def next_due(
    session: AsyncSession, channel: str, priority: Priority | None = None
) -> datetime | None:
    """When the next pending row for the channel (of one priority, or any) is due."""
    query = select(OutboxMessage.due_at).where(
        OutboxMessage.channel == channel, OutboxMessage.status == PENDING
    )
    if priority is not None:
        query = query.where(OutboxMessage.priority == priority.value)
    return await session.scalar(query.order_by(OutboxMessage.due_at).limit(1))


async def refs_of(session: AsyncSession, row_ids: Sequence[int]) -> list[Ref]:
    """The refs of these rows (rows without one are left out)."""
    rows = await session.execute(
        select(OutboxMessage.ref_kind, OutboxMessage.ref_id).where(
            OutboxMessage.id.in_(row_ids), OutboxMessage.ref_kind.is_not(None)
        )
    )
    return [Ref(kind, ref_id) for kind, ref_id in rows if kind is not None and ref_id is not None]


async def pending_with_ref(session: AsyncSession, kind: str, ref_ids: Sequence[int]) -> set[int]:
    """Which of these refs still have a message waiting (a long text in several pieces)."""
    rows = await session.scalars(
        select(OutboxMessage.ref_id).where(
            OutboxMessage.ref_kind == kind,
            OutboxMessage.ref_id.in_(ref_ids),
            OutboxMessage.status == PENDING,
        )
    )
    return {ref_id for ref_id in rows if ref_id is not None}


async def drop_refs(session: AsyncSession, kind: str, ref_ids: Sequence[int]) -> int:
    """Take back what waits for these refs (a cancelled broadcast); returns how many rows."""
    result = await session.execute(
        delete(OutboxMessage).where(
            OutboxMessage.ref_kind == kind,
            OutboxMessage.ref_id.in_(ref_ids),
            OutboxMessage.status == PENDING,
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def delivered_all(session: AsyncSession, row_ids: Sequence[int]) -> None:
    """Sent: the rows go, and with them the texts."""
    await session.execute(delete(OutboxMessage).where(OutboxMessage.id.in_(row_ids)))


async def pending_for(session: AsyncSession, channel: str, address: str) -> Sequence[OutboxMessage]:
    """What waits for one address, oldest first."""
    return (
        await session.scalars(
            select(OutboxMessage)
            .where(
                OutboxMessage.channel == channel,
                OutboxMessage.address == address,
                OutboxMessage.status == PENDING,
            )
            .order_by(OutboxMessage.id)
        )
    ).all()


async def release(session: AsyncSession, row_ids: Sequence[int], due_at: datetime | None) -> None:
    """Give rows back untried, optionally not before `due_at`."""
    values: dict[str, Any] = {"claimed_until": None}
    if due_at is not None:
        values["due_at"] = due_at
    await session.execute(
        update(OutboxMessage).where(OutboxMessage.id.in_(row_ids)).values(**values)
    )


async def retry_later(session: AsyncSession, row_id: int, attempts: int, due_at: datetime) -> None:
    await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == row_id)
        .values(attempts=attempts, due_at=due_at, claimed_until=None)
    )


async def give_up(session: AsyncSession, row_ids: Sequence[int], reason: str) -> None:
    """Failed for good: the text and file are cleared; the row stays for the numbers."""
    await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(row_ids))
        .values(
            status=OutboxStatus.FAILED.value,
            payload={},
            attachment=None,
            claimed_until=None,
            error=reason[:64],
        )
    )


async def unreachable(session: AsyncSession, channel: str, address: str, reason: str) -> list[int]:
    """The address cannot receive: mark its account inactive and give up what waits for it;
    returns the ids of the rows given up."""
    await session.execute(
        update(ChannelAccount)
        .where(ChannelAccount.channel == channel, ChannelAccount.address == address)
        .values(active=False)
    )
    waiting = (
        await session.scalars(
            select(OutboxMessage.id).where(
                and_(
                    OutboxMessage.channel == channel,
                    OutboxMessage.address == address,
                    OutboxMessage.status == PENDING,
                )
            )
        )
    ).all()
    await give_up(session, waiting, reason)
    return list(waiting)
