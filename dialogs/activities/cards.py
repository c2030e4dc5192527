"""How an activity is shown: a short card in a list, the full details, and how to get there.

Cards are kept as plain data in the conversation state, so a question asked again shows the same
card even when the catalogue changed in between.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from dialogs.messages import Msg, Reply, _, say, strong
from store.activities.models import Activity

MAX_DATES = 3

DUTCH_SHORT: dict[int, Msg] = {
    1: _("weinig Nederlands nodig"),
    2: _("een beetje Nederlands"),
    3: _("vrij veel Nederlands"),
    4: _("veel Nederlands"),
}
# The meaning of the taaliconen, as UiTdatabank explains them, in plain words.
DUTCH_LONG: dict[int, Msg] = {
    1: _("Je hoeft nog niet veel Nederlands te spreken."),
    2: _("Je begrijpt al een beetje Nederlands. Spreken gaat nog niet zo goed."),
    3: _("Je begrijpt vrij veel Nederlands. Je kan ook iets vertellen."),
    4: _("Je begrijpt veel Nederlands en je spreekt het goed."),
}
WEEKDAY_NAMES: dict[str, Msg] = {
    "mon": _("maandag"),
    "tue": _("dinsdag"),
    "wed": _("woensdag"),
    "thu": _("donderdag"),
    "fri": _("vrijdag"),
    "sat": _("zaterdag"),
    "sun": _("zondag"),
}
PART_NAMES: dict[str, Msg] = {
    "morning": _("in de voormiddag"),
    "afternoon": _("in de namiddag"),
    "evening": _("'s avonds"),
}
WORKDAYS = ("mon", "tue", "wed", "thu", "fri")


def verbatim(text: str) -> Msg:
    """Data shown as it is (a title, a time): a placeholder, so braces in it do no harm."""
    return Msg("{text}", {"text": text})


@dataclass(frozen=True)
class Card:
    id: int
    title: str
    description: str
    organisation: str
    municipality: str
    address: str | None
    km: float | None
    weekdays: tuple[str, ...]
    day_parts: tuple[str, ...]
    times: str | None
    dates: tuple[str, ...]
    dutch_level: int | None
    children: bool
    price_cents: int | None
    uitpas: bool
    counts: bool | None
    email: str | None
    url: str | None
    phone: str | None

    @classmethod
    def of(cls, activity: Activity, km: float | None, today: date) -> Card:
        upcoming = tuple(day for day in sorted(activity.dates) if day >= today.isoformat())
        return cls(
            id=activity.id,
            title=activity.title,
            description=activity.description,
            organisation=activity.organisation,
            municipality=activity.municipality,
            address=activity.address,
            km=km,
            weekdays=tuple(activity.weekdays),
            day_parts=tuple(activity.day_parts),
            times=activity.times,
            dates=upcoming[:MAX_DATES],
            dutch_level=activity.dutch_level,
            children=activity.children_welcome,
            price_cents=activity.price_cents,
            uitpas=activity.uitpas,
            counts=activity.counts,
            email=activity.contact_email,
            url=activity.contact_url,
            phone=activity.contact_phone,
        )

    def data(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def load(cls, data: dict[str, Any]) -> Card:
        values = dict(data)
        for name in ("weekdays", "day_parts", "dates"):
            values[name] = tuple(values[name])
        return cls(**values)


KEYCAPS = ("1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣")


def keycap(number: int) -> str:
    """The card's number as its buttons show it: 1️⃣, 2️⃣, 3️⃣."""
    return KEYCAPS[number - 1] if 0 < number <= len(KEYCAPS) else f"{number}."


def summary(card: Card, number: int) -> tuple[Msg, ...]:
    """The short card: what, where, when, how much Dutch, children, cost."""
    title = strong(_("{number} {title}").format(number=keycap(number), title=card.title))
    lines = [title, _place(card), when(card), _dutch(card)]
    if card.children:
        lines.append(_("👨‍👩‍👧 Kinderen zijn welkom."))
    lines.extend(_cost(card))
    if card.counts is not True:
        lines.append(_("⚠️ Dit telt nog niet mee voor je traject."))
    return tuple(lines)


def details(card: Card) -> tuple[Msg, ...]:
    """Everything about one activity, for *Meer info*."""
    lines = [strong(_("🔹 {title}").format(title=card.title))]
    if card.description:
        lines.append(verbatim(card.description))
    lines.append(_("Wie: {organisation}").format(organisation=card.organisation))
    lines.append(_place(card))
    lines.append(when(card))
    lines.append(_dutch(card))
    if card.dutch_level in DUTCH_LONG:
        lines.append(DUTCH_LONG[card.dutch_level])
    if card.children:
        lines.append(_("👨‍👩‍👧 Kinderen zijn welkom."))
    lines.extend(_cost(card))
    if card.counts is True:
        lines.append(_("✅ Dit telt mee voor je traject."))
    else:
        lines.append(_("⚠️ Dit telt nog niet mee voor je traject."))
    return (*lines, *contact(card))


def contact(card: Card) -> tuple[Msg, ...]:
    """The public ways to reach the organisation."""
    lines = []
    if card.email:
        lines.append(_("✉️ Mail: {email}").format(email=card.email))
    if card.phone:
        lines.append(_("📞 Bel: {phone}").format(phone=card.phone))
    if card.url:
        lines.append(_("🌍 Website: {url}").format(url=card.url))
    return tuple(lines)


def next_step(card: Card) -> Reply:
    """Who to contact and how, in a few plain lines."""
    lines: list[Msg] = [
        _("Zo ga je verder: neem contact op met {organisation}.").format(
            organisation=card.organisation
        ),
        _("Zeg dat je komt via Wegwijs, voor je traject."),
        *contact(card),
    ]
    if not contact(card):
        lines.append(_("📍 {place}").format(place=card.address or card.municipality))
    return say(*lines)


def when(card: Card) -> Msg:
    parts: list[Msg] = []
    if card.dates:
        parts.extend(verbatim(_day_month(day)) for day in card.dates)
    elif tuple(day for day in WORKDAYS if day in card.weekdays) == WORKDAYS:
        parts.append(_("elke werkdag"))
        parts.extend(WEEKDAY_NAMES[day] for day in ("sat", "sun") if day in card.weekdays)
    else:
        parts.extend(WEEKDAY_NAMES[day] for day in WEEKDAY_NAMES if day in card.weekdays)
    parts.extend(PART_NAMES[part] for part in PART_NAMES if part in card.day_parts)
    if card.times:
        parts.append(verbatim(card.times))
    if not parts:
        return _("🗓 Vraag wanneer het is.")
    return _("🗓 {when}").format(when=tuple(parts))


def _place(card: Card) -> Msg:
    where = card.municipality if not card.address else f"{card.address}, {card.municipality}"
    if card.km is None:
        return _("📍 {place}").format(place=where)
    if card.km == 0:
        return _("📍 {place}, in je eigen gemeente").format(place=where)
    return _("📍 {place}, {km} km van jou").format(place=where, km=round(card.km))


def _dutch(card: Card) -> Msg:
    if card.dutch_level not in DUTCH_SHORT:
        return _("🗣 Hoeveel Nederlands je nodig hebt, weet ik niet.")
    icons = "💬" * card.dutch_level
    return _("🗣 {icons} {level}").format(icons=icons, level=DUTCH_SHORT[card.dutch_level])


def _cost(card: Card) -> list[Msg]:
    if card.price_cents == 0:
        return [_("💶 Gratis")]
    if card.price_cents is None:
        return [_("💳 Met een UiTPAS betaal je minder.")] if card.uitpas else []
    price = _euro(card.price_cents)
    if card.uitpas:
        return [_("💶 {price} euro. Met een UiTPAS betaal je minder.").format(price=price)]
    return [_("💶 {price} euro").format(price=price)]


def _euro(cents: int) -> str:
    euros, rest = divmod(cents, 100)
    return str(euros) if rest == 0 else f"{euros},{rest:02d}"


def _day_month(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{day.day:02d}-{day.month:02d}"
