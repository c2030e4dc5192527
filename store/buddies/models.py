"""A buddy link: which volunteer goes along with which participant, and since when."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from store.base import Base
from store.types import UTCDateTime


class BuddyLink(Base):
    """One buddy and one participant; ended links are deleted, so nothing lingers of them."""

    __tablename__ = "buddy_links"
    __table_args__ = (UniqueConstraint("buddy_person_id", "participant_person_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    buddy_person_id: Mapped[int] = mapped_column(
        ForeignKey("persons.id", ondelete="CASCADE"), index=True
    )
    participant_person_id: Mapped[int] = mapped_column(
        ForeignKey("persons.id", ondelete="CASCADE"), index=True
    )
    linked_by_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("persons.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
