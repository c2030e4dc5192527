"""Sessions (dated occurrences of a catalogue activity), the RSVPs to them and the reminder rows
that say who hears what when. Every instant is UTC; Brussels time is only for showing."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from store.activities.models import Activity
from store.base import Base
from store.types import UTCDateTime


class Audience(StrEnum):
    ADULTS = "adults"
    FAMILIES = "families"
    EVERYONE = "everyone"


class Answer(StrEnum):
    YES = "yes"
    MAYBE = "maybe"
    NO = "no"
    WAITING = "waiting"  # wanted to come when the session was full


class ReminderKind(StrEnum):
    DAY_BEFORE = "day_before"
    SOON = "soon"  # a few hours before
    CHANGED = "changed"  # time or place moved
    CANCELLED = "cancelled"
    PROMOTED = "promoted"  # a place came free for the first on the waiting list
    WAS_THERE = "was_there"  # after the session: "Was je er?"


class ReminderStatus(StrEnum):
    PENDING = "pending"
    QUEUED = "queued"  # in the outbox
    DROPPED = "dropped"  # outdated (the session changed) or missed beyond the grace period


class ActivitySession(Base):
    """One dated reading of an activity (a Taalplezier series is the activity)."""

    __tablename__ = "activity_sessions"
    __table_args__ = (
        UniqueConstraint("activity_id", "external_id"),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        CheckConstraint("capacity IS NULL OR capacity > 0", name="capacity"),
        CheckConstraint("dutch_level IS NULL OR dutch_level BETWEEN 1 AND 4", name="dutch_level"),
        Index("ix_activity_sessions_start", "starts_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), index=True
    )
    # The key staff's list gives this session, so importing again updates instead of doubling.
    external_id: Mapped[str] = mapped_column(String(128))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    place: Mapped[str | None] = mapped_column(String(120))  # "Bib Ieper"; None: the activity's
    municipality: Mapped[str] = mapped_column(String(60), index=True)
    address: Mapped[str | None] = mapped_column(String(200))
    capacity: Mapped[int | None] = mapped_column(Integer)  # places, children included
    audience: Mapped[str] = mapped_column(String(16), default=Audience.EVERYONE.value)
    dutch_level: Mapped[int | None] = mapped_column(SmallInteger)
    counts: Mapped[bool] = mapped_column(Boolean, default=False)  # toward the 40 hours
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancel_reason: Mapped[str | None] = mapped_column(String(200))
    # Goes up with every change of time or place, so reminders of the old plan are dropped.
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    activity: Mapped[Activity] = relationship(lazy="selectin")

    @property
    def where(self) -> str:
        """The place as people read it: venue, else the activity's organisation."""
        return self.place or self.activity.organisation


class Rsvp(Base):
    """One person's answer to one session (one row, however often they change their mind)."""

    __tablename__ = "session_rsvps"
    __table_args__ = (
        UniqueConstraint("session_id", "person_id"),
        CheckConstraint("children BETWEEN 0 AND 20", name="children"),
        Index("ix_session_rsvps_waiting", "session_id", "answer", "answered_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("activity_sessions.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    answer: Mapped[str] = mapped_column(String(16))
    children: Mapped[int] = mapped_column(SmallInteger, default=0)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime)  # the waiting list's order
    attended: Mapped[bool | None] = mapped_column(Boolean)  # the answer to "Was je er?"
    attended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    session: Mapped[ActivitySession] = relationship(lazy="selectin")

    @property
    def places(self) -> int:
        """The places this answer takes: the person and their children."""
        return 1 + self.children


class SessionReminder(Base):
    """A message about a session to one person at one instant; a row before it is anything else."""

    __tablename__ = "session_reminders"
    __table_args__ = (
        Index("ix_session_reminders_due", "status", "due_at"),
        Index("ix_session_reminders_session", "session_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("activity_sessions.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    # For a buddy's reminder: the participant they go along with.
    about_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("persons.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(16), default=ReminderStatus.PENDING.value)
    session_version: Mapped[int] = mapped_column(Integer)
    settled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    session: Mapped[ActivitySession] = relationship(lazy="selectin")
