"""A small hand-made catalogue for dialog and ranking tests, put in the store like an import."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from store.activities import sync
from store.activities.models import Activity
from store.activities.sync import ActivityData

STOCKED_AT = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)


def item(external_id: str, title: str, municipality: str, **values: Any) -> ActivityData:
    """An activity that counts for the trajectory, unless `values` say otherwise."""
    defaults: dict[str, Any] = {
        "description": f"{title}. Je doet het samen met andere mensen.",
        "organisation": f"Vereniging {title}",
        "interests": ("koken",),
        "dutch_level": 1,
        "weekdays": ("tue",),
        "day_parts": ("afternoon",),
        "contact_email": f"{external_id}@example.org",
        "with_others": True,
        "new_contacts": True,
        "dutch_setting": True,
    }
    return ActivityData(external_id, title, municipality=municipality, **{**defaults, **values})


KITCHEN_IEPER = item("keuken-ieper", "Samen koken in Ieper", "Ieper", price_cents=0)
KITCHEN_POPERINGE = item("keuken-pop", "Soep voor de buurt", "Poperinge", dutch_level=2)
KITCHEN_VEURNE = item("keuken-veurne", "Kookclub Veurne", "Veurne")
FOOTBALL_IEPER = item(
    "voetbal-ieper",
    "Voetbal voor iedereen",
    "Ieper",
    interests=("sport",),
    weekdays=("sat",),
    day_parts=("morning",),
    children_welcome=True,
)
YOGA_IEPER = item("yoga-ieper", "Rustig bewegen", "Ieper", interests=("sport",), dutch_level=3)
READING_IEPER = item(
    "lezen-ieper", "Boeken lenen", "Ieper", interests=("lezen",), with_others=False
)
CATALOGUE = (
    KITCHEN_IEPER,
    KITCHEN_POPERINGE,
    KITCHEN_VEURNE,
    FOOTBALL_IEPER,
    YOGA_IEPER,
    READING_IEPER,
)


async def stock(
    sessions: async_sessionmaker[AsyncSession],
    *items: ActivityData,
    source: str = "test",
    provider: int | None = None,
) -> dict[str, int]:
    """Put `items` in the catalogue; returns their ids by external id."""
    async with sessions() as session, session.begin():
        await sync.sync(session, source, items or CATALOGUE, STOCKED_AT)
        rows = (await session.execute(select(Activity).where(Activity.source == source))).scalars()
        ids = {activity.external_id: activity.id for activity in rows}
        if provider is not None:
            for activity in (await session.execute(select(Activity))).scalars():
                await sync.link_provider(session, activity, provider)
    return ids
