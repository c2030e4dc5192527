"""The tables of help cases: one per person in need at a time, and the areas coaches serve."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from store.base import Base
from store.types import JSONData, UTCDateTime


class CaseStatus(StrEnum):
    OPEN = "open"  # no coach yet
    CLAIMED = "claimed"  # a coach has it
    RESOLVED = "resolved"


class Reason(StrEnum):
    ASKED = "asked"  # asked for a person, a coach
    SEARCH = "search"  # "Een coach helpt mij zoeken" after a search
    TOGETHER = "together"  # "Ik wil de eerste keer samen gaan"


class Case(Base):
    """Someone who needs a human: why (reasons with their moment and a short detail, never a
    transcript), who helps, and when each step happened, for the time-to-help report. Erasing
    the person keeps the row without them, so the counts stay and say nothing of who."""

    __tablename__ = "help_cases"
    __table_args__ = (Index("ix_help_cases_person_status", "person_id", "status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("persons.id", ondelete="SET NULL"))
    municipality: Mapped[str | None] = mapped_column(String(60), index=True)
    status: Mapped[str] = mapped_column(String(16), default=CaseStatus.OPEN.value)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSONData, default=list)
    coach_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("persons.id", ondelete="SET NULL"), index=True
    )
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # A conversation through the bot between the coach and the person, while it lasts.
    talking_since: Mapped[datetime | None] = mapped_column(UTCDateTime)
    rating: Mapped[str | None] = mapped_column(String(8))  # "up" or "down", one tap at the end


class CoachArea(Base):
    """A municipality a coach serves: new cases there alert them."""

    __tablename__ = "coach_areas"

    coach_person_id: Mapped[int] = mapped_column(
        ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True
    )
    municipality: Mapped[str] = mapped_column(String(60), primary_key=True)
