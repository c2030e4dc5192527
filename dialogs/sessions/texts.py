"""How a session reads in a message: day, hours and place, in the session's local time. A
question keeps a session as a plain row (the step's data), so it can be asked without the store."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from dialogs.hours.texts import day_label
from dialogs.messages import Msg, _, strong
from store.sessions.models import ActivitySession


def row(item: ActivitySession) -> dict[str, Any]:
    """What a question needs to show a session again."""
    return {
        "id": item.id,
        "title": item.activity.title,
        "starts": item.starts_at.isoformat(),
        "ends": item.ends_at.isoformat(),
        "place": item.where,
        "municipality": item.municipality,
    }


def when_where(item: ActivitySession | dict[str, Any], zone: ZoneInfo) -> Msg:
    """ "woensdag 16 december, 14:00 tot 15:30, Bib Ieper (Ieper)"."""
    shown = row(item) if isinstance(item, ActivitySession) else item
    start = datetime.fromisoformat(shown["starts"]).astimezone(zone)
    end = datetime.fromisoformat(shown["ends"]).astimezone(zone)
    return _("{day}, {start} tot {end}, {place} ({municipality})").format(
        day=day_label(start.date()),
        start=start.strftime("%H:%M"),
        end=end.strftime("%H:%M"),
        place=shown["place"],
        municipality=shown["municipality"],
    )


def heading(item: ActivitySession | dict[str, Any]) -> Msg:
    name = item.activity.title if isinstance(item, ActivitySession) else item["title"]
    return strong(_("🔹 {title}").format(title=name))
