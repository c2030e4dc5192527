"""The hours of the participation trajectory: entries, their confirmation links, the audit trail
of corrections, each participant's goal (deadline, milestones) and the overviews handed out."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from store.activities.models import Enrolment
from store.base import Base
from store.types import JSONData, UTCDateTime


class EntryStatus(StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"
    REMOVED = "removed"  # kept for the audit trail; counts nowhere


class ConfirmedVia(StrEnum):
    """How a confirmation (or a rejection) came in."""

    LINK = "qr-link"  # the contact person, without an account, through the web page
    PROVIDER = "provider"
    BUDDY = "buddy"
    COACH = "coach"
    STAFF = "staff"


class HourEntry(Base):
    """Hours done on one day for one enrolment; pending until someone confirms them."""

    __tablename__ = "hour_entries"
    __table_args__ = (
        # The same update handled twice stores one entry.
        UniqueConstraint("source_channel", "source_update"),
        CheckConstraint("minutes > 0", name="minutes"),
        Index("ix_hour_entries_person_day", "person_id", "day"),
        Index("ix_hour_entries_waiting", "status", "pending_since"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"))
    enrolment_id: Mapped[int] = mapped_column(
        ForeignKey("enrolments.id", ondelete="CASCADE"), index=True
    )
    day: Mapped[date] = mapped_column(Date)
    minutes: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default=EntryStatus.PENDING.value)
    # Goes up with every change, so a confirmation of what was shown before is refused.
    version: Mapped[int] = mapped_column(Integer, default=1)
    logged_by_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("persons.id", ondelete="SET NULL"), index=True
    )
    source_channel: Mapped[str | None] = mapped_column(String(16))
    source_update: Mapped[str | None] = mapped_column(String(64))
    decided_by_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("persons.id", ondelete="SET NULL"), index=True
    )
    decided_via: Mapped[str | None] = mapped_column(String(16))
    decided_name: Mapped[str | None] = mapped_column(String(80))  # as the confirmer gave it
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reason: Mapped[str | None] = mapped_column(String(300))
    pending_since: Mapped[datetime] = mapped_column(UTCDateTime)
    provider_asked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    enrolment: Mapped[Enrolment] = relationship(lazy="selectin")

    @property
    def hours(self) -> float:
        return self.minutes / 60

    def values(self) -> dict[str, Any]:
        """What a correction can change, for the audit trail."""
        return {
            "day": self.day.isoformat(),
            "minutes": self.minutes,
            "status": self.status,
            "enrolment_id": self.enrolment_id,
        }


class HourCorrection(Base):
    """One change to an entry after it was logged: who, when, old and new values, why."""

    __tablename__ = "hour_corrections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("hour_entries.id", ondelete="CASCADE"), index=True
    )
    changed_by_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("persons.id", ondelete="SET NULL"), index=True
    )
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    old: Mapped[dict[str, Any]] = mapped_column(JSONData)
    new: Mapped[dict[str, Any]] = mapped_column(JSONData)
    reason: Mapped[str | None] = mapped_column(String(300))


class ConfirmationLink(Base):
    """A signed link for a contact person without an account; one use, expires."""

    __tablename__ = "hour_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("hour_entries.id", ondelete="CASCADE"), index=True
    )
    # In the signed token too: a link from a database that was reset matches no new row.
    nonce: Mapped[str] = mapped_column(String(32))
    entry_version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    outcome: Mapped[str | None] = mapped_column(String(16))


class HourGoal(Base):
    """A participant's deadline (set by a coach or staff) and the milestones already cheered."""

    __tablename__ = "hour_goals"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True
    )
    deadline: Mapped[date | None] = mapped_column(Date)
    deadline_set_by_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("persons.id", ondelete="SET NULL")
    )
    deadline_set_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    milestone: Mapped[int] = mapped_column(Integer, default=0)  # highest celebrated: 10, 20 …
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class HourOverview(Base):
    """An overview handed out; its verification code (only a hash is kept) can be checked."""

    __tablename__ = "hour_overviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    confirmed_minutes: Mapped[int] = mapped_column(Integer)
    entries: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
