"""Westhoek municipalities by any name people use: Dutch, French, English or a deelgemeente."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from dialogs.understanding.fuzzy import PhraseIndex
from dialogs.understanding.text import fold

DATA = Path(__file__).resolve().parent.parent / "data" / "municipalities.json"


class Certainty(StrEnum):
    SURE = "sure"  # typed exactly (any accepted name)
    CLOSE = "close"  # a near miss, worth a "Bedoel je …?"


@dataclass(frozen=True)
class Place:
    municipality: str
    typed_as: str  # the accepted name that matched, e.g. "Kemmel" or "Ypres"
    certainty: Certainty

    @property
    def is_part(self) -> bool:
        """True when a deelgemeente or other name was used, not the municipality itself."""
        return fold(self.typed_as) != fold(self.municipality)


class Gazetteer:
    """Finds the municipality a message names."""

    def __init__(self, path: Path = DATA):
        data = json.loads(path.read_text(encoding="utf-8"))
        self.municipalities: tuple[str, ...] = tuple(
            item["name"] for item in data["municipalities"]
        )
        self.coordinates: dict[str, tuple[float, float]] = {
            item["name"]: (item["lat"], item["lon"]) for item in data["municipalities"]
        }
        self._names = {
            fold(name): name
            for item in data["municipalities"]
            for name in (item["name"], *item["aliases"], *item["parts"])
        }
        ambiguous = {fold(name) for name in data["ambiguous"]}
        pairs = [
            (name, item["name"])
            for item in data["municipalities"]
            for name in (item["name"], *item["aliases"], *item["parts"])
        ]
        self._index = PhraseIndex(pair for pair in pairs if fold(pair[0]) not in ambiguous)
        self._ambiguous = PhraseIndex(pair for pair in pairs if fold(pair[0]) in ambiguous)

    def find(self, text: str) -> Place | None:
        """The best municipality for `text`, or None when nothing is near enough."""
        match = self._index.best(text)
        if match is None:
            whole = self._ambiguous.best(text, whole=True)
            match = whole if whole is not None and whole.exact else None
        if match is None:
            return None
        certainty = Certainty.SURE if match.exact else Certainty.CLOSE
        return Place(match.value, self._names[match.phrase], certainty)

    def distance_km(self, first: str, second: str) -> float:
        """Straight-line distance between two municipalities' centres."""
        return haversine_km(self.coordinates[first], self.coordinates[second])

    def nearest(self, latitude: float, longitude: float) -> tuple[str, float]:
        """The municipality whose centre is closest to a point, with the distance in km."""
        return min(
            (
                (name, haversine_km((latitude, longitude), centre))
                for name, centre in self.coordinates.items()
            ),
            key=lambda pair: pair[1],
        )


def haversine_km(first: tuple[float, float], second: tuple[float, float]) -> float:
    """Great-circle distance in km; plenty precise for villages a few km apart."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*first, *second))
    a = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(a))
