"""Confirmation links for contact people without an account, and overview verification codes.

A link's token is signed with the secret key (itsdangerous), so it cannot be made up; the row
makes it single use and carries the expiry, checked against the injected clock. Never commits.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from store.hours.models import ConfirmationLink, EntryStatus, HourEntry, HourOverview

_SALT = "wegwijs.hours.confirm"
# 10 characters of an alphabet without look-alikes (no 0/O, 1/I/L): typed from paper.
_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 10


class LinkState(StrEnum):
    OPEN = "open"
    UNKNOWN = "unknown"  # forged, broken, or for an entry that changed or is gone
    USED = "used"
    EXPIRED = "expired"
    DECIDED = "decided"  # someone else confirmed or rejected the entry in the meantime


@dataclass(frozen=True)
class Found:
    state: LinkState
    link: ConfirmationLink | None = None
    entry: HourEntry | None = None


def _serializer(secret: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret, salt=_SALT)


async def issue(
    session: AsyncSession, entry: HourEntry, now: datetime, valid_for: timedelta, secret: str
) -> str:
    """The token for a link to confirm `entry`; an open link for it is given again."""
    link = await session.scalar(
        select(ConfirmationLink)
        .where(
            ConfirmationLink.entry_id == entry.id,
            ConfirmationLink.entry_version == entry.version,
            ConfirmationLink.used_at.is_(None),
            ConfirmationLink.expires_at > now,
        )
        .order_by(ConfirmationLink.id.desc())
        .limit(1)
    )
    if link is None:
        link = ConfirmationLink(
            entry_id=entry.id,
            nonce=secrets.token_urlsafe(12),
            entry_version=entry.version,
            created_at=now,
            expires_at=now + valid_for,
        )
        session.add(link)
        await session.flush()
    return str(_serializer(secret).dumps([link.id, link.nonce]))


async def look_up(session: AsyncSession, token: str, secret: str, now: datetime) -> Found:
    """What a token points at, and whether it can still be used."""
    try:
        link_id, nonce = _serializer(secret).loads(token)
    except (BadSignature, TypeError, ValueError):
        return Found(LinkState.UNKNOWN)
    link = await session.get(ConfirmationLink, link_id) if isinstance(link_id, int) else None
    if link is None or not secrets.compare_digest(str(nonce), link.nonce):
        return Found(LinkState.UNKNOWN)
    entry = await session.get(HourEntry, link.entry_id, populate_existing=True)
    if entry is None or entry.version != link.entry_version:
        return Found(LinkState.UNKNOWN)
    if link.used_at is not None:
        return Found(LinkState.USED, link, entry)
    if link.expires_at <= now:
        return Found(LinkState.EXPIRED, link, entry)
    if entry.status != EntryStatus.PENDING:
        return Found(LinkState.DECIDED, link, entry)
    return Found(LinkState.OPEN, link, entry)


async def use(session: AsyncSession, link: ConfirmationLink, outcome: str, now: datetime) -> bool:
    """Mark the link used; False when another request used it first."""
    result = await session.execute(
        update(ConfirmationLink)
        .where(
            ConfirmationLink.id == link.id,
            ConfirmationLink.used_at.is_(None),
            ConfirmationLink.expires_at > now,
        )
        .values(used_at=now, outcome=outcome)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def digest(code: str) -> str:
    """The stored form of a verification code: typed codes are upper-cased, spaces and dashes
    dropped ("abcde-fghjk" is "ABCDEFGHJK")."""
    return hashlib.sha256("".join(code.replace("-", " ").split()).upper().encode()).hexdigest()


async def new_overview(
    session: AsyncSession, person_id: int, confirmed_minutes: int, entries: int, now: datetime
) -> str:
    """Record an overview handed out; returns its verification code ("ABCDE-FGHJK"), shown once,
    on paper."""
    code = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(CODE_LENGTH))
    code = f"{code[:5]}-{code[5:]}"
    session.add(
        HourOverview(
            person_id=person_id,
            code_hash=digest(code),
            confirmed_minutes=confirmed_minutes,
            entries=entries,
            created_at=now,
        )
    )
    await session.flush()
    return code


async def overview(session: AsyncSession, code: str) -> HourOverview | None:
    """The overview a verification code belongs to, if any."""
    return await session.scalar(select(HourOverview).where(HourOverview.code_hash == digest(code)))
