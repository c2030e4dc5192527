"""Words people use for intents, answers, numbers and units; one data file per language."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from dialogs.understanding.danger import Danger
from dialogs.understanding.dates import Calendar
from dialogs.understanding.fuzzy import Match, PhraseIndex
from dialogs.understanding.text import fold
from dialogs.understanding.units import Units
from dialogs.understanding.venues import PlaceWords

DATA = Path(__file__).resolve().parent.parent / "data" / "lexicon"
# Per language, more ways to answer the questions with set choices ("با دوچرخه" for "bike"):
# kept apart from the lexicons so the answers people type can grow on their own.
ANSWERS = DATA.parent / "answers"


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
    calendar: Calendar
    places: PlaceWords
    # words_by_language plus the words for numbers, units, days and places: for reports.
    vocabulary: dict[str, frozenset[str]]
    # Each language's greetings, folded: "salam" says a lot about who writes, if not all.
    greetings: dict[str, frozenset[str]]
    danger: Danger

    @classmethod
    def load(cls, folder: Path = DATA, answers: Path = ANSWERS) -> Lexicon:
        intents: list[tuple[str, Intent]] = []
        synonyms: defaultdict[str, list[str]] = defaultdict(list)
        prefixes: list[str] = []
        words: dict[str, frozenset[str]] = {}
        lexicons: dict[str, dict[str, Any]] = {}
        for path in sorted(folder.glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            lexicons[path.stem] = data
            phrases: list[str] = []
            for intent, items in data.get("intents", {}).items():
                intents.extend((phrase, Intent(intent)) for phrase in items)
                phrases.extend(items)
            more = answers / path.name
            extra = json.loads(more.read_text(encoding="utf-8")) if more.exists() else {}
            for source in (data, extra):
                for choice_id, items in source.get("choices", {}).items():
                    synonyms[choice_id].extend(items)
                    phrases.extend(items)
            prefixes.extend(fold(prefix) for prefix in data.get("name_prefixes", []))
            words[path.stem] = frozenset(
                word for phrase in phrases for word in fold(phrase).split() if len(word) > 2
            )
        return cls(
            intents=PhraseIndex(intents),
            synonyms={key: tuple(value) for key, value in synonyms.items()},
            # Longest first, so "ik heet" wins over "ik".
            name_prefixes=tuple(sorted(set(prefixes), key=len, reverse=True)),
            units=Units.from_lexicons(lexicons),
            words_by_language=words,
            calendar=Calendar.from_lexicons(lexicons),
            places=PlaceWords.from_lexicons(lexicons),
            vocabulary={code: words[code] | _vocabulary(data) for code, data in lexicons.items()},
            greetings={
                code: frozenset(fold(item) for item in data.get("intents", {}).get("greeting", []))
                for code, data in lexicons.items()
            },
            danger=Danger.from_lexicons(lexicons),
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


def _vocabulary(data: dict[str, Any]) -> frozenset[str]:
    """The words of one lexicon's numbers, units, dates and places, for language detection."""
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, str):
            found.update(word for word in fold(value).split() if len(word) > 2)
        elif isinstance(value, dict):
            for word, item in value.items():
                walk(word if isinstance(item, int | float) else item)  # "drie": 3
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for name, value in data.items():
        if name not in {"intents", "choices", "name_prefixes", "danger", "negations"}:
            walk(value)
    return frozenset(found)
