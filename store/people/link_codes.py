"""One-time codes that link one person's accounts on two channels (/koppel). Never commits.

A code is 6 characters from an alphabet without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B),
with at least two letters and two digits, so a typed name or word is never taken for one. It
works once, for 15 minutes, and only its hash is stored.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from store.people.models import LinkCode, Person

LETTERS = "ACDEFGHJKMNPQRTUVWXY"
DIGITS = "34679"
ALPHABET = LETTERS + DIGITS
LENGTH = 6
VALID_FOR = timedelta(minutes=15)
_SEPARATORS = re.compile(r"[\s\-–.]+")


class Linking(StrEnum):
    FOUND = "found"
    OWN = "own"  # asked for by this very person: typed on the wrong channel, still valid
    UNKNOWN = "unknown"
    USED = "used"
    EXPIRED = "expired"


def normalise(text: str) -> str:
    """What people type ("kt4 7mx", "KT4-7MX") as the code's own form ("KT47MX")."""
    return _SEPARATORS.sub("", text).upper()


def looks_like_code(text: str) -> bool:
    """Shaped like a code: 6 characters of the alphabet, at least two letters and two digits."""
    code = normalise(text)
    return (
        len(code) == LENGTH
        and all(char in ALPHABET for char in code)
        and sum(char in DIGITS for char in code) >= 2
        and sum(char in LETTERS for char in code) >= 2
    )


def digest(code: str) -> str:
    return hashlib.sha256(normalise(code).encode()).hexdigest()


def new_code() -> str:
    while True:
        code = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
        if looks_like_code(code):
            return code


async def create(session: AsyncSession, person: Person, now: datetime) -> str:
    """A fresh code for `person`; their earlier codes and every expired one stop working."""
    await session.execute(
        delete(LinkCode).where((LinkCode.person_id == person.id) | (LinkCode.expires_at <= now))
    )
    while True:
        code = new_code()
        taken = await session.scalar(select(LinkCode.id).where(LinkCode.code_hash == digest(code)))
        if taken is None:
            break
    session.add(
        LinkCode(
            code_hash=digest(code),
            person_id=person.id,
            created_at=now,
            expires_at=now + VALID_FOR,
        )
    )
    await session.flush()
    return code


async def take(
    session: AsyncSession, code: str, person: Person, now: datetime
) -> tuple[Linking, int | None]:
    """Use the code for `person`: the id of the person who asked for it, or why it does not work."""
    found = await session.scalar(select(LinkCode).where(LinkCode.code_hash == digest(code)))
    if found is None:
        return Linking.UNKNOWN, None
    if found.person_id == person.id and found.used_at is None and found.expires_at > now:
        return Linking.OWN, found.person_id
    if found.used_at is not None:
        return Linking.USED, found.person_id
    if found.expires_at <= now:
        return Linking.EXPIRED, found.person_id
    # Typed twice at the same moment: only one UPDATE finds it unused.
    claimed = await session.execute(
        update(LinkCode)
        .where(LinkCode.id == found.id, LinkCode.used_at.is_(None))
        .values(used_at=now)
    )
    if not claimed.rowcount:  # type: ignore[attr-defined]
        return Linking.USED, found.person_id
    return Linking.FOUND, found.person_id
