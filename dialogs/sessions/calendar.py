"""A session as an iCalendar file (RFC 5545) for the phone's agenda: Brussels time with its
time zone, the place and its address. One UID per session and a SEQUENCE per change, so a
calendar that imports the file again after a change updates the event instead of adding one."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from dialogs.messages import Attachment
from store.sessions.models import ActivitySession

MEDIA_TYPE = "text/calendar"


def ics(item: ActivitySession, zone: ZoneInfo, now: datetime) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Wegwijs//Taalplezier//NL")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"wegwijs-session-{item.id}")
    event.add("sequence", item.version - 1)
    event.add("dtstamp", now)
    event.add("dtstart", item.starts_at.astimezone(zone))
    event.add("dtend", item.ends_at.astimezone(zone))
    event.add("summary", item.activity.title)
    event.add("location", ", ".join(part for part in _place(item) if part))
    calendar.add_component(event)
    start = item.starts_at.astimezone(zone).date()
    # Only the years around the session: the file stays small and is right for it.
    calendar.add_missing_timezones(date(start.year - 1, 1, 1), date(start.year + 2, 1, 1))
    return bytes(calendar.to_ical())


def attachment(item: ActivitySession, zone: ZoneInfo, now: datetime) -> Attachment:
    day = item.starts_at.astimezone(zone).strftime("%Y-%m-%d")
    return Attachment(f"taalplezier-{day}.ics", ics(item, zone, now), MEDIA_TYPE)


def _place(item: ActivitySession) -> tuple[str | None, ...]:
    """Venue, street address (the session's, else the activity's) and municipality."""
    return (item.where, item.address or item.activity.address, item.municipality)
