"""Words people use for intents, answers, numbers and units; one data file per language."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from dialogs.understanding.fuzzy import Match, PhraseIndex
from dialogs.understanding.quantities import Units
from dialogs.understanding.text import fold

DATA = Path(__file__).resolve().parent.parent / "data" / "lexicon"


class Intent(StrEnum):
    GREETING = "greeting"
    HELP = "help"
    LOG_HOURS = "log_hours"
    PROGRESS = "progress"
    TAALPLEZIER = "taalplezier"
    FIND_ACTIVITY = "find_activity"
    STOP = "stop"


@dataclass(frozen=True)
class Lexicon:
    """All languages' lexicons merged: people mix languages, so every word counts everywhere."""

    intents: PhraseIndex[Intent]
    synonyms: dict[str, tuple[str, ...]]
    name_prefixes: tuple[str, ...]
    units: Units
    words_by_language: dict[str, frozenset[str]]

    @classmethod
    def load(cls, folder: Path = DATA) -> Lexicon:
        intents: list[tuple[str, Intent]] = []
        synonyms: defaultdict[str, list[str]] = defaultdict(list)
        prefixes: list[str] = []
        numbers: dict[str, float] = {}
        hours: set[str] = set()
        minutes: set[str] = set()
        range_from: set[str] = set()
        range_to: set[str] = set()
        words: dict[str, frozenset[str]] = {}
        for path in sorted(folder.glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            phrases: list[str] = []
            for intent, items in data.get("intents", {}).items():
                intents.extend((phrase, Intent(intent)) for phrase in items)
                phrases.extend(items)
            for choice_id, items in data.get("choices", {}).items():
                synonyms[choice_id].extend(items)
                phrases.extend(items)
            prefixes.extend(fold(prefix) for prefix in data.get("name_prefixes", []))
            numbers.update(
                {fold(word): float(value) for word, value in data.get("numbers", {}).items()}
            )
            hours.update(fold(unit) for unit in data.get("hour_units", []))
            minutes.update(fold(unit) for unit in data.get("minute_units", []))
            range_from.update(fold(word) for word in data.get("range_from", []))
            range_to.update(fold(word) for word in data.get("range_to", []))
            words[path.stem] = frozenset(
                word for phrase in phrases for word in fold(phrase).split() if len(word) > 2
            )
        return cls(
            intents=PhraseIndex(intents),
            synonyms={key: tuple(value) for key, value in synonyms.items()},
            # Longest first, so "ik heet" wins over "ik".
            name_prefixes=tuple(sorted(set(prefixes), key=len, reverse=True)),
            units=Units(numbers, hours, minutes, range_from, range_to),
            words_by_language=words,
        )

    def intent(self, text: str, *, has_hours: bool = False) -> Intent | None:
        """The intent a message expresses, or None when there is none or no clear winner."""
        found: dict[Intent, Match[Intent]] = {m.value: m for m in self.intents.all(text)}
        if len(found) > 1 or has_hours:
            found.pop(Intent.GREETING, None)  # "hallo, ik wil mijn uren zien" is about hours
        if has_hours and (not found or found.keys() <= {Intent.LOG_HOURS, Intent.PROGRESS}):
            return Intent.LOG_HOURS  # a duration in the message means it reports hours
        if len(found) <= 1:
            return next(iter(found), None)
        ranked = sorted(found.values(), key=lambda m: (len(m.phrase), m.score), reverse=True)
        best, second = ranked[0], ranked[1]
        return best.value if len(best.phrase) > len(second.phrase) else None
