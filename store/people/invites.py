"""One-time invite codes that grant a role. Only a hash of each code is stored. Never commits."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from enum import StrEnum
from typing import NamedTuple

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from store.people.models import Invite, Person, Role

# 16 random bytes: 22 characters from [A-Za-z0-9_-], what a Telegram deep link allows.
CODE_BYTES = 16


class Redemption(StrEnum):
    GRANTED = "granted"
    ALREADY = "already"  # the person holds the role already
    UNKNOWN = "unknown"
    USED = "used"
    EXPIRED = "expired"
    NOT_FOR_YOU = "not_for_you"
    OWN_BUDDY = "own_buddy"  # a participant opening the buddy invite meant for their buddy


class Redeemed(NamedTuple):
    outcome: Redemption
    role: Role | None = None
    buddy_of: int | None = None  # the participant a buddy invite links to


def digest(code: str) -> str:
    """The stored form of a code: a leaked table gives no working invite."""
    return hashlib.sha256(code.strip().encode()).hexdigest()


async def create(
    session: AsyncSession,
    role: Role,
    now: datetime,
    valid_for: timedelta,
    for_person: Person | None = None,
    buddy_of: Person | None = None,
) -> tuple[Invite, str]:
    """A new invite and its code; the code is shown once and not kept. A buddy invite may name
    the participant (`buddy_of`) the buddy is linked to on use."""
    code = secrets.token_urlsafe(CODE_BYTES)
    invite = Invite(
        code_hash=digest(code),
        role=role.value,
        for_person_id=None if for_person is None else for_person.id,
        buddy_of_person_id=None if buddy_of is None else buddy_of.id,
        created_at=now,
        expires_at=now + valid_for,
    )
    session.add(invite)
    await session.flush()
    return invite, code


async def redeem(session: AsyncSession, code: str, person: Person, now: datetime) -> Redeemed:
    """Use the code for `person`; a code works once, before it expires, for whom it was meant."""
    invite = await session.scalar(select(Invite).where(Invite.code_hash == digest(code)))
    if invite is None:
        return Redeemed(Redemption.UNKNOWN)
    role = Role(invite.role)
    buddy_of = invite.buddy_of_person_id
    if invite.used_by_person_id == person.id:
        return Redeemed(Redemption.ALREADY, role, buddy_of)
    # A buddy with a second participant uses a new invite for the link, not for the role.
    if invite.used_at is None and role in person.roles and buddy_of is None:
        return Redeemed(Redemption.ALREADY, role)
    if invite.used_at is not None:
        return Redeemed(Redemption.USED, role)
    if invite.expires_at <= now:
        return Redeemed(Redemption.EXPIRED, role)
    if invite.for_person_id is not None and invite.for_person_id != person.id:
        return Redeemed(Redemption.NOT_FOR_YOU, role)
    if buddy_of == person.id:
        return Redeemed(Redemption.OWN_BUDDY, role)
    # Two people with the same code at the same moment: only one UPDATE finds it unused.
    claimed = await session.execute(
        update(Invite)
        .where(Invite.id == invite.id, Invite.used_at.is_(None))
        .values(used_at=now, used_by_person_id=person.id)
    )
    if not claimed.rowcount:  # type: ignore[attr-defined]
        return Redeemed(Redemption.USED, role)
    person.grant(role)
    return Redeemed(Redemption.GRANTED, role, buddy_of)
