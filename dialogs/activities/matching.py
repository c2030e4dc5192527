"""Which activities fit a person, best first. Pure: plain values in, plain values out.

Rules (an activity must meet all): it counts for the trajectory (unless everything is asked for),
it is not over, it fits an interest or a typed word, it is within reach, it needs at most one
Dutch level more than the person has, children are welcome when they come along, and it is at a
time they can. Order: same municipality first, then typed words found, Dutch level fit, distance.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz, process

from dialogs.understanding.places import Gazetteer
from dialogs.understanding.text import fold
from store.activities.models import Activity, Slot, Travel

REACH_KM = {Travel.VILLAGE: 0.0, Travel.BIKE: 10.0, Travel.BUS: 25.0}
WEEKEND = frozenset({"sat", "sun"})
DAYTIME = frozenset({"morning", "afternoon"})
WORD_MATCH = 85.0  # rapidfuzz ratio for a typed word against a word of the activity
MIN_WORD = 4


@dataclass(frozen=True)
class Offer:
    """What matching needs to know of one activity."""

    id: int
    title: str
    municipality: str
    interests: frozenset[str] = frozenset()
    dutch_level: int | None = None
    children_welcome: bool = False
    weekdays: frozenset[str] = frozenset()
    day_parts: frozenset[str] = frozenset()
    dates: tuple[date, ...] = ()
    counts: bool | None = True
    title_words: frozenset[str] = frozenset()
    text_words: frozenset[str] = frozenset()  # description and organisation

    @classmethod
    def of(cls, activity: Activity) -> Offer:
        return cls(
            id=activity.id,
            title=activity.title,
            municipality=activity.municipality,
            interests=frozenset(activity.interests),
            dutch_level=activity.dutch_level,
            children_welcome=activity.children_welcome,
            weekdays=frozenset(activity.weekdays),
            day_parts=frozenset(activity.day_parts),
            dates=tuple(date.fromisoformat(day) for day in activity.dates),
            counts=activity.counts,
            title_words=words_of(activity.title),
            text_words=words_of(f"{activity.description} {activity.organisation}"),
        )


@dataclass(frozen=True)
class Wish:
    """What a person looks for: from their profile, their answers and what they typed."""

    interests: frozenset[str] = frozenset()
    words: tuple[str, ...] = ()
    municipality: str | None = None
    travel: Travel | None = None  # None: no limit
    dutch_level: int | None = None
    with_children: bool = False
    slots: frozenset[Slot] = frozenset()  # none: any time
    everything: bool = False  # also what does not (yet) count for the trajectory


@dataclass(frozen=True)
class Match:
    offer: Offer
    distance_km: float | None
    word_hits: int
    overlap: int
    dutch_stretch: int  # levels above the person's (unknown counts as one)

    @property
    def same_place(self) -> bool:
        return self.distance_km == 0.0

    def key(self) -> tuple[bool, int, int, float, int, str]:
        far = 999.0 if self.distance_km is None else self.distance_km
        return (
            not self.same_place,
            -self.word_hits,
            self.dutch_stretch,
            round(far),
            -self.overlap,
            self.offer.title,
        )


def words_of(text: str) -> frozenset[str]:
    return frozenset(word for word in fold(text).split() if len(word) >= MIN_WORD)


def in_reach(wish: Wish, gazetteer: Gazetteer) -> set[str] | None:
    """The municipalities within reach, or None when there is no limit."""
    if wish.travel is None or wish.municipality not in gazetteer.coordinates:
        return None
    reach = REACH_KM[wish.travel]
    return {
        name
        for name in gazetteer.municipalities
        if name == wish.municipality or gazetteer.distance_km(wish.municipality, name) <= reach
    }


def rank(offers: Iterable[Offer], wish: Wish, gazetteer: Gazetteer, today: date) -> list[Match]:
    """Every offer that meets all the rules, best first."""
    reach = in_reach(wish, gazetteer)
    matches = []
    for offer in offers:
        match = _assess(offer, wish, gazetteer, today)
        if match is None or (reach is not None and offer.municipality not in reach):
            continue
        if match.dutch_stretch > 1 or not _fits_time(offer, wish.slots, today):
            continue
        matches.append(match)
    return sorted(matches, key=Match.key)


def nearest(
    offers: Iterable[Offer], wish: Wish, gazetteer: Gazetteer, today: date, limit: int = 3
) -> list[Match]:
    """When nothing fits: the closest offers for the interest, anywhere and at any time."""
    offers = list(offers)
    found = [m for o in offers if (m := _assess(o, wish, gazetteer, today)) is not None]
    if not found:  # nothing for this interest at all: the closest of anything
        loose = Wish(municipality=wish.municipality, everything=wish.everything)
        found = [m for o in offers if (m := _assess(o, loose, gazetteer, today)) is not None]
    return sorted(found, key=lambda m: (m.distance_km is None, m.distance_km, m.key()))[:limit]


def _assess(offer: Offer, wish: Wish, gazetteer: Gazetteer, today: date) -> Match | None:
    """The offer's fit, or None when it breaks a rule no relaxing lifts."""
    if not wish.everything and offer.counts is not True:
        return None
    if offer.dates and max(offer.dates) < today:
        return None
    if wish.with_children and not offer.children_welcome:
        return None
    overlap = len(offer.interests & wish.interests)
    title_hits = sum(_found(word, offer.title_words) for word in wish.words)
    if (wish.interests or wish.words) and not overlap and not title_hits:
        return None
    text_hits = sum(_found(word, offer.text_words) for word in wish.words)
    return Match(
        offer,
        distance(wish.municipality, offer.municipality, gazetteer),
        2 * title_hits + text_hits,
        overlap,
        _stretch(wish.dutch_level, offer.dutch_level),
    )


def _found(word: str, words: frozenset[str]) -> bool:
    if word in words or any(word in other for other in words if len(word) >= 5):
        return True  # Dutch glues words together: "voetbal" is in "voetbaltraining"
    return process.extractOne(word, words, scorer=fuzz.ratio, score_cutoff=WORD_MATCH) is not None


def distance(home: str | None, there: str, gazetteer: Gazetteer) -> float | None:
    """Kilometres between two municipalities' centres (0 for the same one), None if unknown."""
    if home is None or home not in gazetteer.coordinates or there not in gazetteer.coordinates:
        return None
    return 0.0 if home == there else round(gazetteer.distance_km(home, there), 1)


def _stretch(person: int | None, needed: int | None) -> int:
    if person is None:
        return 0
    if needed is None:
        return 1
    return max(0, needed - person)


def _fits_time(offer: Offer, slots: frozenset[Slot], today: date) -> bool:
    if not slots:
        return True
    days = set(offer.weekdays) | {_weekday(day) for day in offer.dates if day >= today}
    if not days and not offer.day_parts:
        return True  # the time is not known: better shown than hidden
    parts = offer.day_parts or frozenset({"morning", "afternoon", "evening"})
    fits = {
        Slot.DAY: bool(parts & DAYTIME),
        Slot.EVENING: "evening" in parts,
        Slot.WEEKEND: not days or bool(days & WEEKEND),
    }
    return any(fits[slot] for slot in slots)


def _weekday(day: date) -> str:
    return ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[day.weekday()]
