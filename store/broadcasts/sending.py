"""A broadcast's life in the store: made, claimed when due, its recipients queued once, their
fate recorded as the outbox settles, cancelled, finished. Never commits.

Claiming and queueing happen in one transaction (the delivery job's): a crash before its commit
leaves the broadcast scheduled, after it every recipient has exactly one queued message.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from store import outbox
from store.broadcasts.audience import Audience, Recipient
from store.broadcasts.models import (
    RECIPIENT_REF,
    REPORT_REF,
    Broadcast,
    BroadcastRecipient,
    BroadcastStatus,
    RecipientStatus,
)
from store.outbox import Outcome, Ref

SCHEDULED, SENDING = BroadcastStatus.SCHEDULED.value, BroadcastStatus.SENDING.value
QUEUED = RecipientStatus.QUEUED.value


def create(
    session: AsyncSession,
    *,
    audience: Audience,
    text: str,
    translations: dict[str, str],
    send_at: datetime,
    now: datetime,
    via: str,
    author_person_id: int | None = None,
    link: tuple[str, int] | None = None,
) -> Broadcast:
    """A new broadcast, scheduled for `send_at` (now: the next round of the delivery job)."""
    broadcast = Broadcast(
        status=SCHEDULED,
        audience=audience.to_json(),
        text=text,
        translations=dict(translations),
        link_kind=None if link is None else link[0],
        link_id=None if link is None else link[1],
        send_at=send_at,
        author_person_id=author_person_id,
        via=via,
        created_at=now,
        recipient_count=0,
        reported_share=0,
    )
    session.add(broadcast)
    return broadcast


async def claim_due(session: AsyncSession, now: datetime) -> list[Broadcast]:
    """Scheduled broadcasts whose time has come, claimed for this transaction: a second worker
    skips them (SKIP LOCKED on PostgreSQL) or loses the conditional UPDATE."""
    due = (
        await session.scalars(
            select(Broadcast)
            .where(Broadcast.status == SCHEDULED, Broadcast.send_at <= now)
            .order_by(Broadcast.send_at, Broadcast.id)
            .with_for_update(skip_locked=True)
        )
    ).all()
    claimed = []
    for broadcast in due:
        result = await session.execute(
            update(Broadcast)
            .where(Broadcast.id == broadcast.id, Broadcast.status == SCHEDULED)
            .values(status=SENDING, started_at=now)
            .execution_options(synchronize_session=False)
        )
        if getattr(result, "rowcount", 0) == 1:
            await session.refresh(broadcast)
            claimed.append(broadcast)
    return claimed


async def add_recipients(
    session: AsyncSession, broadcast: Broadcast, found: Sequence[Recipient], now: datetime
) -> list[BroadcastRecipient]:
    """One row per recipient (flushed, so their ids can tie the outbox rows to them)."""
    rows = [
        BroadcastRecipient(
            broadcast_id=broadcast.id,
            person_id=recipient.person_id,
            channel=recipient.channel,
            status=QUEUED,
            updated_at=now,
        )
        for recipient in found
    ]
    session.add_all(rows)
    broadcast.recipient_count = len(rows)
    await session.flush()
    return rows


_OUTCOME = {
    Outcome.DELIVERED: RecipientStatus.DELIVERED,
    Outcome.FAILED: RecipientStatus.FAILED,
    Outcome.UNREACHABLE: RecipientStatus.BLOCKED,
}


async def settled(
    session: AsyncSession,
    refs: list[Ref],
    outcome: Outcome,
    reason: str | None,
    message_id: str | None,
    now: datetime,
) -> None:
    """The outbox's hook: record how a recipient's message (or the progress message) ended."""
    recipients = [ref.id for ref in refs if ref.kind == RECIPIENT_REF]
    if recipients:
        if outcome is Outcome.DELIVERED:
            # A long text goes in pieces: delivered when its last piece is.
            waiting = await outbox.pending_with_ref(session, RECIPIENT_REF, recipients)
            recipients = [rid for rid in recipients if rid not in waiting]
        if recipients:
            await session.execute(
                update(BroadcastRecipient)
                .where(BroadcastRecipient.id.in_(recipients), BroadcastRecipient.status == QUEUED)
                .values(status=_OUTCOME[outcome].value, error=reason, updated_at=now)
            )
    for ref in refs:
        if ref.kind == REPORT_REF and outcome is Outcome.DELIVERED and message_id is not None:
            await session.execute(
                update(Broadcast)
                .where(Broadcast.id == ref.id, Broadcast.report_message_id.is_(None))
                .values(report_message_id=message_id)
            )


async def counts(session: AsyncSession, broadcast_id: int) -> dict[str, int]:
    """How many recipients are in each state."""
    rows = await session.execute(
        select(BroadcastRecipient.status, func.count())
        .where(BroadcastRecipient.broadcast_id == broadcast_id)
        .group_by(BroadcastRecipient.status)
    )
    return {status: int(count) for status, count in rows}


async def reasons(session: AsyncSession, broadcast_id: int) -> dict[str, int]:
    """Why the failed ones failed (error codes, never texts)."""
    rows = await session.execute(
        select(BroadcastRecipient.error, func.count())
        .where(
            BroadcastRecipient.broadcast_id == broadcast_id,
            BroadcastRecipient.status == RecipientStatus.FAILED.value,
        )
        .group_by(BroadcastRecipient.error)
    )
    return {error or "unknown": int(count) for error, count in rows}


async def sending(session: AsyncSession) -> list[Broadcast]:
    """Broadcasts on their way, claimed for a progress round."""
    return list(
        (
            await session.scalars(
                select(Broadcast)
                .where(Broadcast.status == SENDING)
                .order_by(Broadcast.id)
                .with_for_update(skip_locked=True)
            )
        ).all()
    )


async def finish(session: AsyncSession, broadcast: Broadcast, now: datetime) -> bool:
    """Done when no recipient waits any more; True for the one who finished it."""
    result = await session.execute(
        update(Broadcast)
        .where(Broadcast.id == broadcast.id, Broadcast.status == SENDING)
        .values(status=BroadcastStatus.DONE.value, finished_at=now)
        .execution_options(synchronize_session=False)
    )
    done = getattr(result, "rowcount", 0) == 1
    if done:
        broadcast.status, broadcast.finished_at = BroadcastStatus.DONE.value, now
    return done


async def cancel(
    session: AsyncSession,
    broadcast_id: int,
    now: datetime,
    via: str,
    by_person_id: int | None = None,
) -> Broadcast | None:
    """Stop a scheduled or running broadcast: what still waits in the outbox is taken back.
    None when there is no such broadcast or it was done or cancelled already."""
    result = await session.execute(
        update(Broadcast)
        .where(Broadcast.id == broadcast_id, Broadcast.status.in_((SCHEDULED, SENDING)))
        .values(
            status=BroadcastStatus.CANCELLED.value,
            cancelled_at=now,
            cancelled_via=via,
            cancelled_by_person_id=by_person_id,
            finished_at=now,
        )
        .execution_options(synchronize_session=False)
    )
    if getattr(result, "rowcount", 0) != 1:
        return None
    waiting = (
        await session.scalars(
            select(BroadcastRecipient.id).where(
                BroadcastRecipient.broadcast_id == broadcast_id, BroadcastRecipient.status == QUEUED
            )
        )
    ).all()
    for start in range(0, len(waiting), 1000):
        chunk = waiting[start : start + 1000]
        await outbox.drop_refs(session, RECIPIENT_REF, chunk)
        await session.execute(
            update(BroadcastRecipient)
            .where(BroadcastRecipient.id.in_(chunk), BroadcastRecipient.status == QUEUED)
            .values(status=RecipientStatus.CANCELLED.value, updated_at=now)
        )
    return await get(session, broadcast_id)


async def get(session: AsyncSession, broadcast_id: int) -> Broadcast | None:
    return await session.get(Broadcast, broadcast_id, populate_existing=True)


async def listed(session: AsyncSession, limit: int = 50) -> list[Broadcast]:
    """The latest broadcasts, newest first."""
    return list(
        (await session.scalars(select(Broadcast).order_by(Broadcast.id.desc()).limit(limit))).all()
    )


async def received_by(session: AsyncSession, person_id: int) -> list[dict[str, Any]]:
    """What a person got (for /mijngegevens): which broadcast, and how it went."""
    rows = await session.execute(
        select(BroadcastRecipient.broadcast_id, BroadcastRecipient.status, Broadcast.send_at)
        .join(Broadcast, Broadcast.id == BroadcastRecipient.broadcast_id)
        .where(BroadcastRecipient.person_id == person_id)
        .order_by(BroadcastRecipient.id)
    )
    return [
        {"broadcast": bid, "status": status, "sent_at": at.isoformat()} for bid, status, at in rows
    ]
