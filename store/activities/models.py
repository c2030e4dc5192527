"""The activity catalogue: activities, who signed up (enrolments), search answers, unmet wishes."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    SmallInteger,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from store.base import Base
from store.people.models import Person
from store.types import JSONData, UTCDateTime


class EnrolmentStatus(StrEnum):
    INTERESTED = "interested"
    STARTED = "started"
    COMPLETED = "completed"
    STOPPED = "stopped"


class ProviderAnswer(StrEnum):
    ACCEPTED = "accepted"
    DECLINED = "declined"


class Travel(StrEnum):
    """How far a person can go: only in their own municipality, by bike or by bus."""

    VILLAGE = "village"
    BIKE = "bike"
    BUS = "bus"


class Slot(StrEnum):
    """When a person can come (none chosen: any time)."""

    DAY = "day"
    EVENING = "evening"
    WEEKEND = "weekend"


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_PARTS = ("morning", "afternoon", "evening")


class Activity(Base):
    """One thing to do, from a CSV list, UiTdatabank or the sample data."""

    __tablename__ = "activities"
    __table_args__ = (
        UniqueConstraint("source", "external_id"),
        CheckConstraint("dutch_level BETWEEN 1 AND 4", name="dutch_level"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = mapped_column(String(32))
    external_id: Mapped[str] = mapped_column(String(128))
    title: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(String(1000))
    organisation: Mapped[str] = mapped_column(String(120))
    municipality: Mapped[str] = mapped_column(String(60), index=True)
    address: Mapped[str | None] = mapped_column(String(200))
    interests: Mapped[list[str]] = mapped_column(JSONData, default=list)
    # How much Dutch it needs, like the UiTdatabank taaliconen: 1 = little … 4 = a lot.
    dutch_level: Mapped[int | None] = mapped_column(SmallInteger)
    children_welcome: Mapped[bool] = mapped_column(Boolean, default=False)
    weekdays: Mapped[list[str]] = mapped_column(JSONData, default=list)
    day_parts: Mapped[list[str]] = mapped_column(JSONData, default=list)
    times: Mapped[str | None] = mapped_column(String(40))  # "14:00-16:00", shown as is
    dates: Mapped[list[str]] = mapped_column(JSONData, default=list)  # ISO dates, if dated
    price_cents: Mapped[int | None] = mapped_column(Integer)  # None: unknown; 0: free
    uitpas: Mapped[bool] = mapped_column(Boolean, default=False)
    # Public contact of the organisation for newcomers; never a private number.
    contact_email: Mapped[str | None] = mapped_column(String(254))
    contact_url: Mapped[str | None] = mapped_column(String(300))
    contact_phone: Mapped[str | None] = mapped_column(String(40))
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    # The participation trajectory's three rules; None until staff have checked.
    with_others: Mapped[bool | None] = mapped_column(Boolean)
    new_contacts: Mapped[bool | None] = mapped_column(Boolean)
    dutch_setting: Mapped[bool | None] = mapped_column(Boolean)
    provider_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("persons.id", ondelete="SET NULL"), index=True
    )
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    @property
    def counts(self) -> bool | None:
        """Whether it counts for the trajectory: True, False, or None while unchecked."""
        criteria = (self.with_others, self.new_contacts, self.dutch_setting)
        if False in criteria:
            return False
        return None if None in criteria else True


class Enrolment(Base):
    """A person signed up for an activity; the later hours log hangs on this row."""

    __tablename__ = "enrolments"
    __table_args__ = (UniqueConstraint("person_id", "activity_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"))
    activity_id: Mapped[int] = mapped_column(ForeignKey("activities.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default=EnrolmentStatus.INTERESTED.value)
    # "I want to go together the first time": a coach welcomes them (the coach side comes later).
    together_requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    provider_asked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    provider_answer: Mapped[str | None] = mapped_column(String(16))
    provider_answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    person: Mapped[Person] = relationship(lazy="raise")
    activity: Mapped[Activity] = relationship(lazy="selectin")

    @property
    def waits_for_provider(self) -> bool:
        return self.provider_asked_at is not None and self.provider_answer is None


class SearchProfile(Base):
    """A person's answers to the search questions, so the next search asks nothing."""

    __tablename__ = "search_profiles"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True
    )
    travel: Mapped[str | None] = mapped_column(String(16))
    dutch_level: Mapped[int | None] = mapped_column(SmallInteger)
    with_children: Mapped[bool] = mapped_column(Boolean, default=False)
    slots: Mapped[list[str]] = mapped_column(JSONData, default=list)
    everything: Mapped[bool] = mapped_column(Boolean, default=False)
    # Asked a coach to help them search (the coach side comes in a later issue).
    coach_requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class UnmetWish(Base):
    """A search that found nothing: no person id, only what was sought and where (for gaps)."""

    __tablename__ = "unmet_wishes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    noted_on: Mapped[date] = mapped_column(Date, index=True)  # the day only, not the instant
    municipality: Mapped[str | None] = mapped_column(String(60))
    interests: Mapped[list[str]] = mapped_column(JSONData, default=list)
    travel: Mapped[str | None] = mapped_column(String(16))
    dutch_level: Mapped[int | None] = mapped_column(SmallInteger)
    with_children: Mapped[bool] = mapped_column(Boolean, default=False)
    slots: Mapped[list[str]] = mapped_column(JSONData, default=list)
