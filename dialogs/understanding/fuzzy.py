"""Fuzzy lookup of known phrases inside a message, with rapidfuzz."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from rapidfuzz import fuzz, process

from dialogs.understanding.text import arabic_core, fold

T = TypeVar("T")

EXACT = 100.0
# Below this a phrase is too far from what was typed; tuned on typos like "Veurn", "Poperinge".
CUTOFF = 82.0
# Very short words ("lo", "ja") only count when typed exactly: one typo makes another word.
SHORT = 3


@dataclass(frozen=True)
class Match(Generic[T]):
    value: T
    phrase: str
    score: float

    @property
    def exact(self) -> bool:
        return self.score >= EXACT


class PhraseIndex(Generic[T]):
    """Folded phrases pointing at values (e.g. "ypres" → "Ieper")."""

    def __init__(self, phrases: Iterable[tuple[str, T]]):
        self._values: dict[str, T] = {}
        cores: list[tuple[str, T]] = []
        for phrase, value in phrases:
            folded = fold(phrase)
            if folded:
                self._values.setdefault(folded, value)
                core = " ".join(arabic_core(word) for word in folded.split())
                if core != folded:
                    cores.append((core, value))
        for core, value in cores:  # "ضیعتی" (my village) is found as "ضیعه" too
            self._values.setdefault(core, value)
        self._phrases = list(self._values)
        self._longest = max((phrase.count(" ") + 1 for phrase in self._phrases), default=1)

    @property
    def values(self) -> Mapping[str, T]:
        return self._values

    def best(self, text: str, *, whole: bool = False) -> Match[T] | None:
        """The closest phrase in the message (or only the whole message, with `whole`)."""
        matches = self.all(text, whole=whole)
        return max(matches, key=lambda match: (match.score, len(match.phrase)), default=None)

    def all(self, text: str, *, whole: bool = False) -> list[Match[T]]:
        """Every phrase that occurs in the message, best score per value."""
        folded = fold(text)
        pieces = [folded] if whole else [*_ngrams(folded.split(), self._longest), folded]
        cores = [arabic_core(word) for word in folded.split()]
        if cores != folded.split():  # also without the little words Arabic glues on
            bare = " ".join(cores)
            pieces += [bare] if whole else [*_ngrams(cores, self._longest), bare]
        found: dict[str, Match[T]] = {}
        for piece in dict.fromkeys(pieces):
            if not piece:
                continue
            if piece in self._values:
                found[piece] = Match(self._values[piece], piece, EXACT)
                continue
            if len(piece) <= SHORT:
                continue
            hit = process.extractOne(piece, self._phrases, scorer=fuzz.ratio, score_cutoff=CUTOFF)
            if hit is not None and len(hit[0]) > SHORT:
                previous = found.get(hit[0])
                if previous is None or previous.score < hit[1]:
                    found[hit[0]] = Match(self._values[hit[0]], hit[0], hit[1])
        best_per_value: dict[T, Match[T]] = {}
        for match in found.values():
            current = best_per_value.get(match.value)
            # On equal scores the longer phrase is the more specific evidence.
            if current is None or (match.score, len(match.phrase)) > (
                current.score,
                len(current.phrase),
            ):
                best_per_value[match.value] = match
        return list(best_per_value.values())


def _ngrams(tokens: list[str], longest: int) -> list[str]:
    return [
        " ".join(tokens[start : start + size])
        for size in range(1, longest + 1)
        for start in range(len(tokens) - size + 1)
    ]
