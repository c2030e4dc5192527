"""The tables of staff broadcasts: the announcement with its audit, one row per recipient (its
fate), and the people who muted announcements (/stil)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from store.base import Base
from store.types import JSONData, UTCDateTime


class BroadcastStatus(StrEnum):
    SCHEDULED = "scheduled"  # waits for its time (or for the delivery job, when "now")
    SENDING = "sending"  # recipients chosen and queued in the outbox
    DONE = "done"
    CANCELLED = "cancelled"


class RecipientStatus(StrEnum):
    QUEUED = "queued"
    DELIVERED = "delivered"
    BLOCKED = "blocked"  # the person blocked the bot, or left Signal
    FAILED = "failed"
    CANCELLED = "cancelled"


RECIPIENT_REF = "broadcast"  # the outbox ref kind of a recipient's message
REPORT_REF = "broadcast_report"  # the outbox ref kind of the progress message to staff


class Broadcast(Base):
    """An announcement by staff: what, to whom (the audience as chosen), when; and the audit."""

    __tablename__ = "broadcasts"
    __table_args__ = (Index("ix_broadcasts_due", "status", "send_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str] = mapped_column(String(16), default=BroadcastStatus.SCHEDULED.value)
    audience: Mapped[dict[str, Any]] = mapped_column(JSONData, default=dict)
    text: Mapped[str] = mapped_column(Text)
    translations: Mapped[dict[str, str]] = mapped_column(JSONData, default=dict)
    # An optional link: "activity" (and later "session", with its RSVP button) and its id.
    link_kind: Mapped[str | None] = mapped_column(String(16))
    link_id: Mapped[int | None] = mapped_column(Integer)
    send_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The audit: who made it and how (chat or cli), who cancelled it, and when things happened.
    author_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("persons.id", ondelete="SET NULL"), index=True
    )
    via: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_by_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("persons.id", ondelete="SET NULL")
    )
    cancelled_via: Mapped[str | None] = mapped_column(String(8))
    recipient_count: Mapped[int] = mapped_column(Integer, default=0)
    # The progress message in the author's chat: its channel id (to edit it) and when and at
    # what share it was last shown.
    report_message_id: Mapped[str | None] = mapped_column(String(32))
    reported_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reported_share: Mapped[int] = mapped_column(Integer, default=0)


class BroadcastRecipient(Base):
    """One person's copy of a broadcast: queued in the outbox once, then how it ended."""

    __tablename__ = "broadcast_recipients"
    __table_args__ = (
        UniqueConstraint("broadcast_id", "person_id"),
        Index("ix_broadcast_recipients_status", "broadcast_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    broadcast_id: Mapped[int] = mapped_column(ForeignKey("broadcasts.id", ondelete="CASCADE"))
    # That someone got an announcement is about them: it goes with /vergeet.
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    channel: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default=RecipientStatus.QUEUED.value)
    error: Mapped[str | None] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class BroadcastMute(Base):
    """Someone said /stil: no announcements until /stil uit."""

    __tablename__ = "broadcast_mutes"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True
    )
    muted_at: Mapped[datetime] = mapped_column(UTCDateTime)
