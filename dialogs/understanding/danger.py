"""Words that suggest danger (self-harm, violence at home), per language as data: the bot then
shows the numbers to call before anything else. Matched exactly on folded words, never
fuzzily, and not when a negation stands just before ("ik denk niet aan zelfmoord")."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from dialogs.understanding.text import fold

NEGATION_REACH = 3  # words before a phrase in which "niet", "not", "pas" … cancel it


@dataclass(frozen=True)
class Danger:
    phrases: frozenset[tuple[str, ...]]
    negations: frozenset[str]

    @classmethod
    def from_lexicons(cls, lexicons: Mapping[str, Mapping[str, Any]]) -> Danger:
        phrases = {
            tuple(fold(phrase).split())
            for data in lexicons.values()
            for phrase in data.get("danger", [])
            if fold(phrase)
        }
        negations = {fold(word) for data in lexicons.values() for word in data.get("negations", [])}
        return cls(frozenset(phrases), frozenset(negations))

    def found(self, text: str) -> bool:
        """Whether the message holds a danger phrase that is not negated."""
        words = fold(text).split()
        longest = max((len(phrase) for phrase in self.phrases), default=0)
        for start in range(len(words)):
            for length in range(1, longest + 1):
                if tuple(words[start : start + length]) in self.phrases and not self._negated(
                    words, start
                ):
                    return True
        return False

    def _negated(self, words: list[str], start: int) -> bool:
        return any(word in self.negations for word in words[max(0, start - NEGATION_REACH) : start])
