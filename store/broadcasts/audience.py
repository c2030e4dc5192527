"""Who a broadcast is for: the audience as staff chose it, and the query that finds them.

Always: people who consented, are not paused (/stop) or muted (/stil) and have a channel that
can receive. Each filter that is set narrows it; values within one filter are alternatives.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, and_, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from store.activities.models import Enrolment, EnrolmentStatus
from store.broadcasts.models import BroadcastMute
from store.people.models import ChannelAccount, Person, PersonRole

ENDED = (EnrolmentStatus.STOPPED.value,)


@dataclass(frozen=True)
class Audience:
    """The filters; empty means "no limit on this". `near` is a session or activity with a
    radius: the caller turns it into municipalities (`nearby`), the store only filters."""

    roles: frozenset[str] = frozenset()
    municipalities: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    interests: frozenset[str] = frozenset()
    enrolled: bool | None = None
    near_kind: str | None = None  # "activity" (sessions later)
    near_id: int | None = None
    near_km: float = 10.0
    nearby: frozenset[str] = field(default=frozenset())  # resolved from `near`, stored too

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "roles": sorted(self.roles),
            "municipalities": sorted(self.municipalities),
            "languages": sorted(self.languages),
            "interests": sorted(self.interests),
            "enrolled": self.enrolled,
        }
        if self.near_kind is not None:
            data["near"] = {"kind": self.near_kind, "id": self.near_id, "km": self.near_km}
            data["nearby"] = sorted(self.nearby)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Audience:
        near = data.get("near") or {}
        return cls(
            roles=frozenset(data.get("roles", ())),
            municipalities=frozenset(data.get("municipalities", ())),
            languages=frozenset(data.get("languages", ())),
            interests=frozenset(data.get("interests", ())),
            enrolled=data.get("enrolled"),
            near_kind=near.get("kind"),
            near_id=near.get("id"),
            near_km=float(near.get("km", 10.0)),
            nearby=frozenset(data.get("nearby", ())),
        )


@dataclass(frozen=True)
class Recipient:
    person_id: int
    account_id: int
    channel: str
    address: str
    help_language: str
    help_line: bool
    name: str | None


def _reachable() -> Any:
    """Each person's account to write to: the active one they used last."""
    ranked = select(
        ChannelAccount.id.label("account_id"),
        ChannelAccount.person_id.label("person_id"),
        ChannelAccount.channel.label("channel"),
        ChannelAccount.address.label("address"),
        func.row_number()
        .over(
            partition_by=ChannelAccount.person_id,
            order_by=(
                ChannelAccount.last_seen_at.desc().nulls_last(),
                ChannelAccount.created_at.desc(),
            ),
        )
        .label("rank"),
    ).where(ChannelAccount.active.is_(True))
    return ranked.subquery("reachable")


def _query(audience: Audience) -> Select[Any]:
    account = _reachable()
    query = (
        select(
            Person.id,
            account.c.account_id,
            account.c.channel,
            account.c.address,
            Person.help_language,
            Person.help_line,
            Person.name,
        )
        .join(account, and_(account.c.person_id == Person.id, account.c.rank == 1))
        .where(
            Person.consent_at.is_not(None),
            Person.paused_at.is_(None),
            ~exists().where(BroadcastMute.person_id == Person.id),
        )
    )
    if audience.roles:
        query = query.where(
            exists().where(PersonRole.person_id == Person.id, PersonRole.role.in_(audience.roles))
        )
    if audience.municipalities:
        query = query.where(Person.municipality.in_(audience.municipalities))
    if audience.near_kind is not None:
        query = query.where(Person.municipality.in_(audience.nearby))
    if audience.languages:
        query = query.where(Person.help_language.in_(audience.languages))
    if audience.enrolled is not None:
        signed_up = exists().where(Enrolment.person_id == Person.id, Enrolment.status.not_in(ENDED))
        query = query.where(signed_up if audience.enrolled else ~signed_up)
    return query.order_by(Person.id)


async def recipients(session: AsyncSession, audience: Audience) -> list[Recipient]:
    """Everyone the audience reaches now, once each, with the account to write to."""
    rows = (await session.execute(_query(audience))).all()
    found = [Recipient(*row) for row in rows]
    if not audience.interests:
        return found
    # Interests are a JSON list: filtered here, the same way on SQLite and PostgreSQL.
    wanted = audience.interests
    liked = await _interests(session, [r.person_id for r in found])
    return [r for r in found if wanted & liked.get(r.person_id, frozenset())]


async def _interests(session: AsyncSession, ids: Sequence[int]) -> dict[int, frozenset[str]]:
    found: dict[int, frozenset[str]] = {}
    for start in range(0, len(ids), 1000):
        chunk = ids[start : start + 1000]
        rows = await session.execute(
            select(Person.id, Person.interests).where(Person.id.in_(chunk))
        )
        found.update({pid: frozenset(liked or ()) for pid, liked in rows})
    return found


def per_channel(found: Sequence[Recipient]) -> dict[str, int]:
    """How many recipients each channel has."""
    counts: dict[str, int] = {}
    for recipient in found:
        counts[recipient.channel] = counts.get(recipient.channel, 0) + 1
    return dict(sorted(counts.items()))


__all__ = ["Audience", "Recipient", "per_channel", "recipients"]
