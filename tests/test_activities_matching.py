"""Ranking on a small hand-made catalogue: nearest first, Dutch level, children, time, rules."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from dialogs.activities.matching import Offer, Wish, nearest, rank, words_of
from store.activities.models import Slot, Travel
from tests.support import KNOWLEDGE

TODAY = date(2026, 11, 12)
GAZETTEER = KNOWLEDGE.gazetteer


def offer(number: int, municipality: str, **values: object) -> Offer:
    title = str(values.pop("title", f"Koken {number}"))
    defaults: dict[str, object] = {"interests": frozenset({"koken"}), "dutch_level": 1}
    return Offer(number, title, municipality, title_words=words_of(title), **{**defaults, **values})  # type: ignore[arg-type]


def ids(wish: Wish, *offers: Offer) -> list[int]:
    return [match.offer.id for match in rank(offers, wish, GAZETTEER, TODAY)]


COOK = Wish(interests=frozenset({"koken"}), municipality="Ieper", travel=Travel.BUS, dutch_level=1)


def test_the_own_municipality_first_then_by_distance() -> None:
    catalogue = (
        offer(1, "Veurne"),  # about 29 km from Ieper
        offer(2, "Poperinge"),  # about 11 km
        offer(3, "Zonnebeke"),  # about 8 km
        offer(4, "Ieper"),
    )
    assert ids(COOK, *catalogue) == [4, 3, 2]  # Veurne is beyond a bus ride of 25 km
    assert ids(replace(COOK, travel=Travel.BIKE), *catalogue) == [4, 3]
    assert ids(replace(COOK, travel=Travel.VILLAGE), *catalogue) == [4]
    assert ids(replace(COOK, travel=None), *catalogue) == [4, 3, 2, 1]


def test_the_dutch_level_is_respected_one_step_up_at_most() -> None:
    catalogue = (
        offer(1, "Ieper", dutch_level=3),
        offer(2, "Ieper", dutch_level=2),
        offer(3, "Ieper", dutch_level=1),
        offer(4, "Ieper", dutch_level=None),
    )
    assert ids(COOK, *catalogue) == [3, 2, 4]  # a fit first; level 3 is too much for level 1
    assert ids(replace(COOK, dutch_level=4), *catalogue) == [1, 2, 3, 4]  # fits, then unknown


def test_with_children_only_where_they_are_welcome() -> None:
    catalogue = (offer(1, "Ieper"), offer(2, "Ieper", children_welcome=True))
    assert ids(COOK, *catalogue) == [1, 2]
    assert ids(replace(COOK, with_children=True), *catalogue) == [2]


def test_only_at_times_one_can_come_unknown_times_stay() -> None:
    catalogue = (
        offer(1, "Ieper", weekdays=frozenset({"tue"}), day_parts=frozenset({"afternoon"})),
        offer(2, "Ieper", weekdays=frozenset({"wed"}), day_parts=frozenset({"evening"})),
        offer(3, "Ieper", weekdays=frozenset({"sat"}), day_parts=frozenset({"morning"})),
        offer(4, "Ieper"),
        offer(5, "Ieper", dates=(date(2026, 11, 29),)),  # a Sunday
    )
    assert ids(replace(COOK, slots=frozenset({Slot.EVENING})), *catalogue) == [2, 4, 5]
    assert ids(replace(COOK, slots=frozenset({Slot.WEEKEND})), *catalogue) == [3, 4, 5]
    day_or_weekend = frozenset({Slot.DAY, Slot.WEEKEND})
    assert ids(replace(COOK, slots=day_or_weekend), *catalogue) == [1, 3, 4, 5]


def test_only_what_counts_for_the_trajectory_unless_everything_is_asked() -> None:
    catalogue = (offer(1, "Ieper", counts=None), offer(2, "Ieper", counts=False), offer(3, "Ieper"))
    assert ids(COOK, *catalogue) == [3]
    assert ids(replace(COOK, everything=True), *catalogue) == [1, 2, 3]


def test_past_dates_are_over_and_other_interests_do_not_fit() -> None:
    catalogue = (
        offer(1, "Ieper", dates=(date(2026, 10, 1),)),
        offer(2, "Ieper", interests=frozenset({"sport"})),
        offer(3, "Ieper", dates=(date(2026, 10, 1), date(2026, 12, 1))),
    )
    assert ids(COOK, *catalogue) == [3]
    assert ids(replace(COOK, interests=frozenset()), *catalogue) == [2, 3]  # no wish: all


def test_a_typed_word_ranks_its_activity_first_in_the_same_place() -> None:
    sport = replace(COOK, interests=frozenset({"sport"}), words=("voetbal",))
    catalogue = (
        offer(1, "Ieper", title="Rustig bewegen", interests=frozenset({"sport"})),
        offer(2, "Ieper", title="Voetbaltraining", interests=frozenset({"sport"})),
        offer(3, "Poperinge", title="Voetbal", interests=frozenset({"sport"})),
        offer(4, "Ieper", title="Voetbalkantine", interests=frozenset({"koken"})),
    )
    assert ids(sport, *catalogue) == [2, 4, 1, 3]  # a title word counts even without the interest


def test_when_nothing_fits_the_nearest_alternatives_are_offered() -> None:
    village = replace(COOK, travel=Travel.VILLAGE)
    catalogue = (
        offer(1, "Veurne"),
        offer(2, "Poperinge"),
        offer(3, "Ieper", interests=frozenset({"sport"})),
    )
    assert ids(village, *catalogue) == []
    assert [m.offer.id for m in nearest(catalogue, village, GAZETTEER, TODAY)] == [2, 1]
    music = replace(village, interests=frozenset({"muziek"}))
    assert [m.offer.id for m in nearest(catalogue, music, GAZETTEER, TODAY, limit=2)] == [3, 2]
