"""Finding people for staff: by first name, municipality or role, and the coach or staff
member a command is given "--by". Never commits."""

from __future__ import annotations

import unicodedata
from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from store.people.models import Person, PersonRole, Role


def _key(text: str) -> str:
    """A name as staff type it: case and accents do not matter ("Aïcha" is "aicha")."""
    folded = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(ch for ch in folded if not unicodedata.combining(ch))


async def find(
    session: AsyncSession,
    *,
    name: str | None = None,
    municipality: str | None = None,
    role: Role | None = None,
) -> list[Person]:
    """People whose first name starts with `name`, living in `municipality`, holding `role`."""
    query = select(Person).options(selectinload(Person.role_rows)).order_by(Person.id)
    if municipality is not None:
        query = query.where(Person.municipality == municipality)
    if role is not None:
        query = query.join(PersonRole).where(PersonRole.role == role.value)
    found = list((await session.scalars(query)).all())
    if name is None:
        return found
    wanted = _key(name)
    return [person for person in found if person.name and _key(person.name).startswith(wanted)]


async def by_name(session: AsyncSession, who: str, roles: Collection[Role]) -> list[Person]:
    """The people holding one of `roles` whose first name is `who` (an exact name wins over
    names that only start with it)."""
    holders = [person for person in await find(session) if person.roles & set(roles)]
    wanted = _key(who)
    exact = [p for p in holders if p.name and _key(p.name) == wanted]
    return exact or [p for p in holders if p.name and _key(p.name).startswith(wanted)]
