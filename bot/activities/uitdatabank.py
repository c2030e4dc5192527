"""Events and places as the UiTdatabank Search API (v3) returns them in JSON-LD, from a file.

The shape follows publiq's models (docs.publiq.be, the udb3 JSON schemas): a `PagedCollection`
with `member`s of `@type` Event or Place; localized `name`/`description` ({"nl": …}); an event's
`location` (a Place) with an `address` ({"nl": {addressLocality, streetAddress, …}}, older
exports flat); `calendarType` single/multiple (`subEvent` dates), periodic (`startDate`/`endDate`,
`openingHours`) or permanent; `terms` (eventtype and theme ids); `labels` and `hiddenLabels`;
`priceInfo` (category base/tariff/uitpas); `contactPoint`/`bookingInfo`; `typicalAgeRange`.

Taaliconen are the labels "één taalicoon" … "vier taaliconen" (the highest wins, as publiq's own
templates do). UiTPAS: a label with "uitpas" or "paspartoe" on the event or its organizer, or an
"uitpas" tariff. Children: the label "ook voor kinderen"/"uit met vlieg" or a typical age range
starting under 12. The trajectory's three rules are not in UiTdatabank: staff check them.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.activities.values import TAALICONEN, CellError, municipality
from dialogs.knowledge import Knowledge
from dialogs.understanding.text import fold
from store.activities.sync import ActivityData

BRUSSELS = ZoneInfo("Europe/Brussels")
MAX_DESCRIPTION = 600
CHILDREN_LABELS = {"ook voor kinderen", "uit met vlieg"}
SKIPPED_STATUSES = {"DELETED", "REJECTED", "DRAFT"}
DAY_CODES = {
    "monday": "mon", "tuesday": "tue", "wednesday": "wed", "thursday": "thu",
    "friday": "fri", "saturday": "sat", "sunday": "sun",
}  # fmt: skip
# UiTdatabank eventtype and theme ids (publiq's taxonomy) → our interests.
TERM_INTERESTS = {
    "0.59.0.0.0": "sport", "0.19.0.0.0": "sport", "1.51": "sport",
    "1.50.0.0.0": "koken", "1.65.0.0.0": "koken",
    "1.64.0.0.0": "natuur", "0.15.0.0.0": "natuur", "1.63.0.0.0": "tuin",
    "0.50.4.0.0": "muziek", "1.8": "muziek",
    "0.55.0.0.0": "cultuur", "0.50.6.0.0": "cultuur", "0.0.0.0.0": "cultuur",
    "0.7.0.0.0": "cultuur", "1.11.0.0.0": "cultuur", "1.40.0.0.0": "cultuur",
    "1.42.0.0.0": "creatief", "1.41.0.0.0": "creatief", "1.0": "creatief",
    "1.10": "lezen", "1.21.0.0.0": "techniek", "1.37.1.0.0": "zorg", "1.37.0.0.0": "kinderen",
}  # fmt: skip
_BREAKS = re.compile(r"<\s*(?:br|/p|/li|/div|/h\d)\b[^>]*>", re.I)
_TAGS = re.compile(r"<[^>]+>")
_SPACE_BEFORE_MARK = re.compile(r"\s+([.,!?;:])")


class SkipError(ValueError):
    """An item that cannot be used; the message is the reason.

    `keep`: the item is still offered but its data is incomplete now, so a stored earlier version
    stays. Without it (withdrawn, cancelled, elsewhere) a stored version is archived as usual.
    """

    def __init__(self, reason: str, *, keep: bool = True):
        super().__init__(reason)
        self.keep = keep


@dataclass
class Reading:
    items: list[ActivityData] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (@id or #n, reason)
    unreadable_ids: list[str] = field(default_factory=list)  # listed, but not usable now


def read(document: Any, knowledge: Knowledge) -> Reading:
    """Every usable event or place in a search result, a list, or a single item."""
    if isinstance(document, dict) and "member" in document:
        members = document["member"]
    elif isinstance(document, list):
        members = document
    else:
        members = [document]
    reading = Reading()
    seen: set[str] = set()
    for index, member in enumerate(members if isinstance(members, list) else [], start=1):
        reference = member.get("@id", f"#{index}") if isinstance(member, dict) else f"#{index}"
        try:
            item = _item(member, knowledge)
        except SkipError as reason:
            reading.skipped.append((str(reference), str(reason)))
            if reason.keep and isinstance(member, dict) and _external_id(member):
                reading.unreadable_ids.append(_external_id(member))
            continue
        if item.external_id in seen:
            reading.skipped.append((str(reference), "listed twice"))
            continue
        seen.add(item.external_id)
        reading.items.append(item)
    return reading


def _item(member: Any, knowledge: Knowledge) -> ActivityData:
    if not isinstance(member, dict):
        raise SkipError("not an object")
    external_id = _external_id(member)
    if not external_id:
        raise SkipError("no @id")
    kind = member.get("@type") or ("Place" if "place" in str(member.get("@context")) else "Event")
    if kind not in ("Event", "Place"):
        raise SkipError(f"not an event or a place ({kind})", keep=False)
    if member.get("workflowStatus") in SKIPPED_STATUSES:
        raise SkipError(f"not published ({member['workflowStatus']})", keep=False)
    if (member.get("status") or {}).get("type") == "Unavailable":
        raise SkipError("cancelled", keep=False)
    language = member.get("mainLanguage") or "nl"
    title = _text(member.get("name"), language)
    if not title:
        raise SkipError("no name")
    place = member if kind == "Place" else member.get("location")
    if not isinstance(place, dict):
        raise SkipError("no location")
    address = _address(place.get("address"), language)
    locality = address.get("addressLocality", "").strip()
    if not locality:
        raise SkipError("no addressLocality in the location's address")
    try:
        where = municipality(re.sub(r"\s*\(.*\)$", "", locality), knowledge)
    except CellError:
        raise SkipError(f"not in the Westhoek ({locality})", keep=False) from None
    found_organizer = member.get("organizer")
    organizer: dict[str, Any] = found_organizer if isinstance(found_organizer, dict) else {}
    organisation = _text(organizer.get("name"), language) or _text(place.get("name"), language)
    if not organisation:
        raise SkipError("no organizer and no location name")
    labels = _labels(member)
    contact = {**(member.get("bookingInfo") or {}), **_first(member.get("contactPoint") or {})}
    calendar = _calendar(member)
    return ActivityData(
        external_id=external_id,
        title=title[:120],
        description=_description(_text(member.get("description"), language)),
        organisation=organisation[:120],
        municipality=where,
        address=(address.get("streetAddress") or "").strip()[:200] or None,
        interests=_interests(member, labels, knowledge),
        dutch_level=max(
            (TAALICONEN[label] for label in labels if label in TAALICONEN), default=None
        ),
        children_welcome=bool(labels & CHILDREN_LABELS) or _young(member.get("typicalAgeRange")),
        price_cents=_base_price(member.get("priceInfo")),
        uitpas=_uitpas(member, organizer, labels),
        contact_email=_string(contact.get("email")),
        contact_url=_string(contact.get("url")),
        contact_phone=_string(contact.get("phone")),
        **calendar,
    )


def _external_id(member: dict[str, Any]) -> str:
    return str(member.get("@id") or "").rstrip("/").rsplit("/", 1)[-1][:128]


def _text(value: Any, language: str) -> str:
    """A localized text ({"nl": …}) in the main language, else Dutch, else any."""
    if isinstance(value, str):
        return value.strip()
    if not isinstance(value, dict):
        return ""
    found = value.get(language) or value.get("nl") or next(iter(value.values()), "")
    return found.strip() if isinstance(found, str) else ""


def _address(value: Any, language: str) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    if "addressLocality" in value:
        return value  # the older, flat form
    localized: Any = value.get(language) or value.get("nl") or next(iter(value.values()), {})
    return localized if isinstance(localized, dict) else {}


def _description(text: str) -> str:
    plain = " ".join(html.unescape(_TAGS.sub("", _BREAKS.sub(" ", text))).split())
    plain = _SPACE_BEFORE_MARK.sub(r"\1", plain)
    if len(plain) <= MAX_DESCRIPTION:
        return plain
    cut = plain[:MAX_DESCRIPTION]
    end = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
    return cut[: end + 1] if end > MAX_DESCRIPTION // 3 else cut.rsplit(" ", 1)[0] + " …"


def _labels(member: dict[str, Any]) -> set[str]:
    found = [*(member.get("labels") or []), *(member.get("hiddenLabels") or [])]
    return {fold(label) for label in found if isinstance(label, str)}


def _interests(member: dict[str, Any], labels: set[str], knowledge: Knowledge) -> tuple[str, ...]:
    found: list[str] = []
    for term in member.get("terms") or []:
        term_id = str(term.get("id", "")) if isinstance(term, dict) else ""
        for key, interest in TERM_INTERESTS.items():
            if term_id == key or term_id.startswith(key + "."):
                found.append(interest)
    for label in labels:  # staff may tag "repair café", "moestuin", "vrijwilligerswerk"
        match = knowledge.interest_index.best(label, whole=True)
        if match is not None and match.exact:
            found.append(match.value)
    return tuple(dict.fromkeys(found))


def _young(age_range: Any) -> bool:
    if not isinstance(age_range, str) or "-" not in age_range:
        return False
    start = age_range.split("-", 1)[0].strip()
    return start.isdigit() and int(start) < 12


def _base_price(prices: Any) -> int | None:
    for price in prices or []:
        if isinstance(price, dict) and price.get("category") == "base":
            return round(float(price.get("price", 0)) * 100)
    return None


def _uitpas(member: dict[str, Any], organizer: dict[str, Any], labels: set[str]) -> bool:
    every = labels | _labels(organizer)
    if any("uitpas" in label or "paspartoe" in label for label in every):
        return True
    return any(
        isinstance(price, dict) and price.get("category") == "uitpas"
        for price in member.get("priceInfo") or []
    )


def _first(contact: dict[str, Any]) -> dict[str, Any]:
    """contactPoint holds lists; the first of each is the public contact."""
    return {key: items[0] for key, items in contact.items() if isinstance(items, list) and items}


def _string(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _calendar(member: dict[str, Any]) -> dict[str, Any]:
    kind = member.get("calendarType")
    if kind in ("single", "multiple"):
        moments = [
            (_instant(sub.get("startDate")), _instant(sub.get("endDate")))
            for sub in member.get("subEvent") or []
            if isinstance(sub, dict)
        ] or [(_instant(member.get("startDate")), _instant(member.get("endDate")))]
        starts = sorted(start for start, _end in moments if start is not None)
        if not starts:
            raise SkipError(f"a {kind} event without dates")
        hours = {_hours(start, end) for start, end in moments if start is not None}
        return {
            "dates": tuple(sorted({start.date().isoformat() for start in starts})),
            "day_parts": _parts_of(start.hour for start in starts),
            "times": hours.pop() if len(hours) == 1 else None,
            "valid_until": starts[-1].date(),
        }
    values: dict[str, Any] = {}
    if kind == "periodic":
        values["valid_from"] = _day(member.get("startDate"))
        values["valid_until"] = _day(member.get("endDate"))
    opening = [item for item in member.get("openingHours") or [] if isinstance(item, dict)]
    days = {DAY_CODES.get(day) for item in opening for day in item.get("dayOfWeek", [])}
    values["weekdays"] = tuple(code for code in DAY_CODES.values() if code in days)
    values["day_parts"] = _parts_of(int(str(item.get("opens", "0"))[:2] or 0) for item in opening)
    spans = {f"{item.get('opens')}-{item.get('closes')}" for item in opening}
    values["times"] = spans.pop() if len(spans) == 1 else None
    return values


def _instant(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=BRUSSELS)
    return moment.astimezone(BRUSSELS)


def _day(value: Any) -> date | None:
    moment = _instant(value)
    return None if moment is None else moment.date()


def _hours(start: datetime, end: datetime | None) -> str | None:
    if end is None or end <= start or (start.hour, start.minute) == (0, 0):
        return None  # midnight is how UiTdatabank writes "no time given"
    return f"{start:%H:%M}-{end:%H:%M}"


def _parts_of(hours: Any) -> tuple[str, ...]:
    found = set()
    for hour in hours:
        if hour == 0:
            continue
        found.add("morning" if hour < 12 else "afternoon" if hour < 18 else "evening")
    return tuple(part for part in ("morning", "afternoon", "evening") if part in found)
