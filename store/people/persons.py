"""Queries about people, their channel accounts and their conversation state. Never commits."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from store.people.models import ChannelAccount, ConversationState, Person, PersonRole, Role


async def find_account(session: AsyncSession, channel: str, address: str) -> ChannelAccount | None:
    """The account behind a channel address, with its person loaded."""
    result = await session.execute(
        select(ChannelAccount)
        .options(
            joinedload(ChannelAccount.person).options(
                selectinload(Person.accounts),
                selectinload(Person.role_rows),
                selectinload(Person.state),
            )
        )
        .where(ChannelAccount.channel == channel, ChannelAccount.address == address)
    )
    return result.scalar_one_or_none()


async def reachable_account(session: AsyncSession, person_id: int) -> ChannelAccount | None:
    """The active account the person used last: where messages for them should go."""
    return await session.scalar(
        select(ChannelAccount)
        .where(ChannelAccount.person_id == person_id, ChannelAccount.active.is_(True))
        .order_by(ChannelAccount.last_seen_at.desc().nulls_last(), ChannelAccount.created_at.desc())
        .limit(1)
    )


async def person_with_accounts(session: AsyncSession, person_id: int) -> Person | None:
    """A person with their accounts, roles and state loaded."""
    return await session.scalar(
        select(Person)
        .options(
            selectinload(Person.accounts),
            selectinload(Person.role_rows),
            selectinload(Person.state),
        )
        .where(Person.id == person_id)
    )


async def readdress(
    session: AsyncSession, channel: str, old: str, new: str
) -> ChannelAccount | None:
    """Key an account on a better address (Signal: the UUID instead of the number), if free."""
    if old == new or await find_account(session, channel, new) is not None:
        return None
    account = await find_account(session, channel, old)
    if account is not None:
        account.address = new
    return account


async def note_key_changed(session: AsyncSession, account_id: int, now: datetime) -> bool:
    """Remember that staff were told about a changed key; False when they were told already."""
    result = await session.execute(
        update(ChannelAccount)
        .where(ChannelAccount.id == account_id, ChannelAccount.key_changed_at.is_(None))
        .values(key_changed_at=now)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def key_trusted(session: AsyncSession, channel: str, address: str) -> None:
    """A delivery went through again: a next key change is news for staff."""
    await session.execute(
        update(ChannelAccount)
        .where(ChannelAccount.channel == channel, ChannelAccount.address == address)
        .values(key_changed_at=None)
    )


async def changed_keys(session: AsyncSession, channel: str) -> list[str]:
    """Addresses whose key change staff were told about and that got nothing since."""
    rows = await session.scalars(
        select(ChannelAccount.address).where(
            ChannelAccount.channel == channel, ChannelAccount.key_changed_at.is_not(None)
        )
    )
    return list(rows.all())


async def add_person(
    session: AsyncSession, channel: str, address: str, now: datetime
) -> ChannelAccount:
    """A new participant reachable at `address`."""
    person = Person(created_at=now, updated_at=now, interests=[], help_language="nl")
    person.role_rows = []
    person.accounts = []
    person.state = None
    person.grant(Role.PARTICIPANT)
    account = ChannelAccount(channel=channel, address=address, created_at=now, active=True)
    person.accounts.append(account)
    session.add(person)
    await session.flush()
    return account


async def erase_person(session: AsyncSession, person: Person) -> None:
    """Delete the person with everything that hangs on them (roles, accounts, state)."""
    await session.delete(person)
    await session.flush()


def set_state(person: Person, dialog: str, step: str, data: dict[str, Any], now: datetime) -> None:
    """Remember where the person is in the conversation."""
    if person.state is None:
        person.state = ConversationState(dialog=dialog, step=step, data=data, updated_at=now)
    else:
        person.state.dialog, person.state.step = dialog, step
        person.state.data = data
        person.state.updated_at = now


def clear_state(person: Person) -> None:
    """Forget the conversation position (the person is between conversations)."""
    person.state = None


def export(person: Person) -> dict[str, Any]:
    """Everything stored about the person, as plain JSON-ready data."""
    state = person.state
    return {
        "id": person.id,
        "name": person.name,
        "municipality": person.municipality,
        "help_language": person.help_language,
        "help_line": person.help_line,
        "interests": list(person.interests),
        "roles": sorted(person.roles),
        "consent_at": _iso(person.consent_at),
        "onboarded_at": _iso(person.onboarded_at),
        "paused_at": _iso(person.paused_at),
        "created_at": _iso(person.created_at),
        "updated_at": _iso(person.updated_at),
        "channel_accounts": [
            {
                "channel": account.channel,
                "address": account.address,
                "phone_number": account.phone_number,
                "active": account.active,
                "created_at": _iso(account.created_at),
                "last_seen_at": _iso(account.last_seen_at),
            }
            for account in person.accounts
        ],
        "conversation": None
        if state is None
        else {"dialog": state.dialog, "step": state.step, "data": state.data},
    }


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


async def with_role(session: AsyncSession, role: Role) -> list[Person]:
    """Everyone holding `role`, oldest first."""
    result = await session.scalars(
        select(Person).join(PersonRole).where(PersonRole.role == role.value).order_by(Person.id)
    )
    return list(result.all())
