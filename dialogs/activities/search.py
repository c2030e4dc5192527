"""Finding an activity: what, how far, how much Dutch — then three cards (see activities.mmd)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from dialogs.activities import cards
from dialogs.activities.cards import Card
from dialogs.activities.matching import Offer, Wish, distance, in_reach, nearest, rank
from dialogs.activities.wish import text_wish
from dialogs.interests import INTERESTS
from dialogs.messages import Choice, Msg, Reply, _, say
from dialogs.states import ActivityStep, Dialog, StepKey
from dialogs.steps import Answer, Step
from dialogs.turn import Turn
from store.activities import catalogue as store
from store.activities.models import (
    Activity,
    EnrolmentStatus,
    SearchProfile,
    Slot,
    Travel,
    UnmetWish,
)

PAGE = 3
ANY = "any"
TRAVEL_LABELS: dict[str, Msg] = {
    Travel.VILLAGE: _("Alleen in mijn gemeente"),
    Travel.BIKE: _("Met de fiets, tot 10 km"),
    Travel.BUS: _("Met de bus, tot 25 km"),
}
LEVEL_LABELS: dict[str, Msg] = {
    "dutch_little": _("💬 Nog niet veel"),
    "dutch_some": _("💬💬 Een beetje"),
    "dutch_quite": _("💬💬💬 Vrij veel"),
    "dutch_good": _("💬💬💬💬 Goed"),
}
LEVELS = {choice: level for level, choice in enumerate(LEVEL_LABELS, start=1)}
SLOT_LABELS: dict[str, Msg] = {
    Slot.DAY: _("Overdag"),
    Slot.EVENING: _("'s Avonds"),
    Slot.WEEKEND: _("In het weekend"),
}


@dataclass(frozen=True)
class Search:
    """One search, kept in the conversation state between questions."""

    interests: tuple[str, ...] = ()
    place: str | None = None
    words: tuple[str, ...] = ()
    offset: int = 0
    noted: bool = False  # its unmet wish is recorded: refining it again is not a new gap

    def data(self) -> dict[str, Any]:
        return {
            "interests": list(self.interests),
            "place": self.place,
            "words": list(self.words),
            "offset": self.offset,
            "noted": self.noted,
        }

    @classmethod
    def of(cls, data: dict[str, Any]) -> Search:
        return cls(
            tuple(data.get("interests", ())),
            data.get("place"),
            tuple(data.get("words", ())),
            int(data.get("offset", 0)),
            bool(data.get("noted", False)),
        )

    def at(self, offset: int) -> Search:
        return replace(self, offset=offset)


async def names_an_activity(turn: Turn, text: str) -> bool:
    """Whether a message with no other meaning names activities in the catalogue."""
    wish = text_wish(turn.knowledge, text, named=True)
    if wish is None or not wish.words:
        return False
    today = turn.now.astimezone(turn.timezone).date()
    offers = [Offer.of(activity) for activity in await store.live(turn.session, today)]
    return bool(
        rank(offers, Wish(words=wish.words, everything=True), turn.knowledge.gazetteer, today)
    )


async def start(turn: Turn, text: str | None = None) -> list[Reply]:
    """Begin a search: from the menu, or from what someone typed ("voetbal in Ieper")."""
    person = turn.person
    search = Search(tuple(person.interests), person.municipality)
    if text is not None:
        wish = text_wish(turn.knowledge, text, named=True)
        if wish is not None:
            search = Search(
                wish.interests or (() if wish.words else search.interests),
                wish.municipality or person.municipality,
                wish.words,
            )
    return await _next(turn, search, ask_what=text is None and not person.interests)


async def _next(turn: Turn, search: Search, *, ask_what: bool = False) -> list[Reply]:
    profile = await store.profile(turn.session, turn.person.id)
    if ask_what:
        turn.goto(Dialog.ACTIVITIES, ActivityStep.WHAT, {"search": search.data(), "picked": []})
    elif search.place is not None and (profile is None or profile.travel is None):
        turn.goto(Dialog.ACTIVITIES, ActivityStep.TRAVEL, {"search": search.data()})
    elif profile is None or profile.dutch_level is None:
        turn.goto(Dialog.ACTIVITIES, ActivityStep.DUTCH, {"search": search.data()})
    else:
        return await show(turn, search, profile)
    return []


async def show(turn: Turn, search: Search, profile: SearchProfile) -> list[Reply]:
    """Rank and show a page of cards; with nothing in reach, the nearest and a coach."""
    gazetteer, today = turn.knowledge.gazetteer, turn.now.astimezone(turn.timezone).date()
    wish = Wish(
        interests=frozenset(search.interests),
        words=search.words,
        municipality=search.place,
        travel=Travel(profile.travel) if profile.travel else None,
        dutch_level=profile.dutch_level,
        with_children=profile.with_children,
        slots=frozenset(Slot(slot) for slot in profile.slots),
        everything=profile.everything,
    )
    reach = in_reach(wish, gazetteer)
    # What they already do is in Mijn activiteiten; a new search shows what else there is.
    doing = {
        item.activity_id
        for item in await store.enrolments(turn.session, turn.person.id)
        if item.status in (EnrolmentStatus.INTERESTED, EnrolmentStatus.STARTED)
    }
    live = await store.live(turn.session, today, reach)
    activities = {a.id: a for a in live if a.id not in doing}
    matches = rank((Offer.of(a) for a in activities.values()), wish, gazetteer, today)
    replies: list[Reply] = []
    offset = search.offset
    if matches and offset >= len(matches):
        offset = 0
        replies.append(say(_("Dat waren ze allemaal. Ik toon ze opnieuw.")))
    found = bool(matches)
    if not found:
        if not search.noted:
            _note_wish(turn, wish, today)
            search = replace(search, noted=True)
        everywhere = await store.live(turn.session, today)
        activities = {a.id: a for a in everywhere if a.id not in doing}
        matches = nearest((Offer.of(a) for a in activities.values()), wish, gazetteer, today)
    page = matches[offset : offset + PAGE] if found else matches
    data = {
        "search": search.at(offset).data(),
        "cards": [_card(turn, activities[match.offer.id], today).data() for match in page],
        "found": found,
        "more": found and len(matches) > offset + PAGE,
    }
    turn.goto(Dialog.ACTIVITIES, ActivityStep.RESULTS, data)
    return replies


def _card(turn: Turn, activity: Activity, today: date) -> Card:
    # "km van jou" is from where the person lives, also when they searched around another place.
    home = turn.person.municipality
    return Card.of(activity, distance(home, activity.municipality, turn.knowledge.gazetteer), today)


def _note_wish(turn: Turn, wish: Wish, today: date) -> None:
    """Record what was sought and where, without who sought it."""
    store.note_wish(
        turn.session,
        UnmetWish(
            noted_on=today,
            municipality=wish.municipality,
            interests=sorted(wish.interests),
            travel=None if wish.travel is None else wish.travel.value,
            dutch_level=wish.dutch_level,
            with_children=wish.with_children,
            slots=sorted(wish.slots),
        ),
    )


def card_choices(card: Card, number: int) -> tuple[Choice, ...]:
    """*Meer info* and *Ik wil dit doen* for the card with this number."""
    key = cards.keycap(number)
    return (
        Choice(f"act_info:{card.id}", _("{number} Meer info").format(number=key)),
        Choice(f"act_enrol:{card.id}", _("{number} Ik wil dit doen").format(number=key)),
    )


# --- what -------------------------------------------------------------------------------------


def _ask_what(turn: Turn) -> Reply:
    choices = tuple(Choice(interest, label) for interest, label in INTERESTS.items())
    return say(
        _("Wat wil je graag doen? Kies een of meer dingen."),
        choices=(*choices, Choice(ANY, _("Maakt niet uit"))),
    )


async def _answer_what(turn: Turn, answer: Answer) -> list[Reply]:
    search = Search.of(turn.data["search"])
    interests = () if ANY in answer.picked else tuple(i for i in answer.picked if i in INTERESTS)
    return await _next(turn, replace(search, interests=interests))


# --- how far ----------------------------------------------------------------------------------


def _ask_travel(turn: Turn) -> Reply:
    return say(
        _("Hoe ver kan je gaan?"),
        choices=tuple(Choice(key, label) for key, label in TRAVEL_LABELS.items()),
    )


async def _answer_travel(turn: Turn, answer: Answer) -> list[Reply]:
    profile = await store.profile_to_change(turn.session, turn.person.id, turn.now)
    profile.travel = answer.choice
    return await _next(turn, Search.of(turn.data["search"]))


# --- how much Dutch ---------------------------------------------------------------------------


def _ask_dutch(turn: Turn) -> Reply:
    return say(
        _("Hoeveel Nederlands spreek je al?"),
        choices=tuple(Choice(key, label) for key, label in LEVEL_LABELS.items()),
    )


async def _answer_dutch(turn: Turn, answer: Answer) -> list[Reply]:
    profile = await store.profile_to_change(turn.session, turn.person.id, turn.now)
    profile.dutch_level = LEVELS.get(answer.choice or "", 2)
    return await _next(turn, Search.of(turn.data["search"]))


STEPS: dict[StepKey, Step] = {
    (Dialog.ACTIVITIES, ActivityStep.WHAT): Step(_ask_what, _answer_what, multi=True),
    (Dialog.ACTIVITIES, ActivityStep.TRAVEL): Step(_ask_travel, _answer_travel),
    (Dialog.ACTIVITIES, ActivityStep.DUTCH): Step(_ask_dutch, _answer_dutch),
}
