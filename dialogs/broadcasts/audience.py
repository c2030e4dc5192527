"""The audience as staff write it (`municipality=Veurne,role=participant`), checked against what
the bot knows, and "near an activity" turned into the municipalities within reach."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.interests import INTERESTS
from dialogs.knowledge import Knowledge
from store.activities import catalogue
from store.broadcasts.audience import Audience
from store.people.models import Role

KEYS = {
    "role": "roles",
    "rol": "roles",
    "municipality": "municipalities",
    "gemeente": "municipalities",
    "language": "languages",
    "taal": "languages",
    "interest": "interests",
    "interesse": "interests",
    "enrolled": "enrolled",
    "ingeschreven": "enrolled",
    "near": "near",
    "bij": "near",
}
YES, NO = {"yes", "ja", "true", "1"}, {"no", "nee", "false", "0"}
NEAR_KINDS = {"activity", "activiteit"}  # "session" comes with Taalplezier sessions


class AudienceError(ValueError):
    """An audience that cannot be understood; the message says which part (for staff)."""


@dataclass(frozen=True)
class Near:
    kind: str
    id: int
    km: float


def parse(spec: str, knowledge: Knowledge, languages: set[str]) -> Audience:
    """`key=value[|value],…`; a key given twice adds alternatives; "all" or "" is everyone."""
    values: dict[str, set[str]] = {}
    enrolled: bool | None = None
    near: Near | None = None
    for part in (item.strip() for item in spec.split(",")):
        if not part or part.casefold() in {"all", "iedereen"}:
            continue
        key, sep, value = part.partition("=")
        field = KEYS.get(key.strip().casefold())
        if not sep or field is None or not value.strip():
            raise AudienceError(f"'{part}' is not KEY=VALUE with KEY one of {_keys()}")
        if field == "enrolled":
            enrolled = _yes_no(value)
        elif field == "near":
            near = _near(value)
        else:
            for item in value.split("|"):
                values.setdefault(field, set()).add(
                    _known(field, item.strip(), knowledge, languages)
                )
    audience = Audience(
        roles=frozenset(values.get("roles", ())),
        municipalities=frozenset(values.get("municipalities", ())),
        languages=frozenset(values.get("languages", ())),
        interests=frozenset(values.get("interests", ())),
        enrolled=enrolled,
    )
    if near is not None:
        audience = replace(audience, near_kind=near.kind, near_id=near.id, near_km=near.km)
    return audience


async def resolve(session: AsyncSession, audience: Audience, knowledge: Knowledge) -> Audience:
    """Fill in the municipalities within reach of the activity (or session) it is near."""
    if audience.near_kind is None or audience.near_id is None:
        return audience
    if audience.near_kind != "activity":
        raise AudienceError(f"near={audience.near_kind}: only activities for now")
    activity = await catalogue.get(session, audience.near_id)
    if activity is None:
        raise AudienceError(f"there is no activity {audience.near_id}")
    return replace(audience, nearby=nearby(activity.municipality, audience.near_km, knowledge))


def nearby(municipality: str, km: float, knowledge: Knowledge) -> frozenset[str]:
    """The municipalities whose centre is within `km` of this one (itself included)."""
    gazetteer = knowledge.gazetteer
    return frozenset(
        name
        for name in gazetteer.municipalities
        if name == municipality or gazetteer.distance_km(municipality, name) <= km
    )


def _known(field: str, value: str, knowledge: Knowledge, languages: set[str]) -> str:
    if field == "roles":
        if value.casefold() not in {role.value for role in Role}:
            raise AudienceError(f"role '{value}': one of {', '.join(r.value for r in Role)}")
        return value.casefold()
    if field == "municipalities":
        place = knowledge.gazetteer.find(value)
        if place is None:
            raise AudienceError(f"municipality '{value}' is not in the Westhoek")
        return place.municipality
    if field == "languages":
        if value.casefold() not in languages:
            raise AudienceError(f"language '{value}': one of {', '.join(sorted(languages))}")
        return value.casefold()
    if value.casefold() not in INTERESTS:
        raise AudienceError(f"interest '{value}': one of {', '.join(INTERESTS)}")
    return value.casefold()


def _yes_no(value: str) -> bool:
    folded = value.strip().casefold()
    if folded in YES:
        return True
    if folded in NO:
        return False
    raise AudienceError(f"enrolled={value}: yes or no")


def _near(value: str) -> Near:
    kind, _sep, rest = value.partition(":")
    number, _sep, km = rest.partition(":")
    if kind.strip().casefold() not in NEAR_KINDS or not number.strip().isdigit():
        raise AudienceError(f"near={value}: give activity:ID or activity:ID:KM")
    try:
        radius = float(km) if km else 10.0
    except ValueError:
        raise AudienceError(f"near={value}: KM is a number") from None
    return Near("activity", int(number), radius)


def _keys() -> str:
    return ", ".join(sorted({"role", "municipality", "language", "interest", "enrolled", "near"}))
