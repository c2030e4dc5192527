"""The tables about people: persons and their roles, channel accounts, conversation state,
invites and /koppel link codes."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from store.base import Base
from store.types import JSONData, UTCDateTime


class Role(StrEnum):
    PARTICIPANT = "participant"
    BUDDY = "buddy"
    COACH = "coach"
    PROVIDER = "provider"
    STAFF = "staff"


class Channel(StrEnum):
    CONSOLE = "console"
    TELEGRAM = "telegram"
    SIGNAL = "signal"


class Person(Base):
    __tablename__ = "persons"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str | None] = mapped_column(String(40))
    municipality: Mapped[str | None] = mapped_column(String(60))
    help_language: Mapped[str] = mapped_column(String(8), default="nl")
    help_line: Mapped[bool] = mapped_column(Boolean, default=True)
    interests: Mapped[list[str]] = mapped_column(JSONData, default=list)
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    onboarded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    paused_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    role_rows: Mapped[list[PersonRole]] = relationship(
        back_populates="person", cascade="all, delete-orphan", lazy="selectin"
    )
    accounts: Mapped[list[ChannelAccount]] = relationship(
        back_populates="person", cascade="all, delete-orphan", lazy="selectin"
    )
    state: Mapped[ConversationState | None] = relationship(
        back_populates="person", cascade="all, delete-orphan", lazy="selectin"
    )

    @property
    def roles(self) -> frozenset[Role]:
        return frozenset(Role(row.role) for row in self.role_rows)

    def grant(self, role: Role) -> None:
        if role not in self.roles:
            self.role_rows.append(PersonRole(role=role.value))


class PersonRole(Base):
    __tablename__ = "person_roles"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(16), primary_key=True)

    person: Mapped[Person] = relationship(back_populates="role_rows")


class ChannelAccount(Base):
    __tablename__ = "channel_accounts"
    __table_args__ = (UniqueConstraint("channel", "address"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    address: Mapped[str] = mapped_column(String(128))
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Messages for this person go to the channel they wrote on last.
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Personal data: the number the channel gave (Signal's sourceNumber). Shown in
    # /mijngegevens, erased with the person, never logged.
    phone_number: Mapped[str | None] = mapped_column(String(32))
    # When staff were told that this person's Signal key changed; cleared by the next delivery.
    key_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    person: Mapped[Person] = relationship(back_populates="accounts")


class ConversationState(Base):
    __tablename__ = "conversation_states"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("persons.id", ondelete="CASCADE"), primary_key=True
    )
    dialog: Mapped[str] = mapped_column(String(32))
    step: Mapped[str] = mapped_column(String(32))
    data: Mapped[dict[str, Any]] = mapped_column(JSONData, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    person: Mapped[Person] = relationship(back_populates="state")


class Invite(Base):
    """A one-time code that grants a role; only its hash is kept."""

    __tablename__ = "invites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    # An invite meant for one person dies with them.
    for_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("persons.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    used_by_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("persons.id", ondelete="SET NULL"), index=True
    )
    # A buddy invite names the participant the buddy goes along with: using it makes the link.
    buddy_of_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("persons.id", ondelete="CASCADE"), index=True
    )


class LinkCode(Base):
    """A short one-time code that joins one person's accounts on two channels; kept hashed."""

    __tablename__ = "link_codes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("persons.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
