"""Words people use for intents and answers, one data file per language."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from dialogs.understanding.fuzzy import PhraseIndex
from dialogs.understanding.text import fold

DATA = Path(__file__).resolve().parent.parent / "data" / "lexicon"


class Intent(StrEnum):
    GREETING = "greeting"
    HELP = "help"


@dataclass(frozen=True)
class Lexicon:
    """All languages' lexicons merged: people mix languages, so every word counts everywhere."""

    intents: PhraseIndex[Intent]
    synonyms: dict[str, tuple[str, ...]]
    name_prefixes: tuple[str, ...]

    @classmethod
    def load(cls, folder: Path = DATA) -> Lexicon:
        intents: list[tuple[str, Intent]] = []
        synonyms: defaultdict[str, list[str]] = defaultdict(list)
        prefixes: list[str] = []
        for path in sorted(folder.glob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            for intent, phrases in data.get("intents", {}).items():
                intents.extend((phrase, Intent(intent)) for phrase in phrases)
            for choice_id, phrases in data.get("choices", {}).items():
                synonyms[choice_id].extend(phrases)
            prefixes.extend(fold(prefix) for prefix in data.get("name_prefixes", []))
        return cls(
            intents=PhraseIndex(intents),
            synonyms={key: tuple(value) for key, value in synonyms.items()},
            # Longest first, so "ik heet" wins over "ik".
            name_prefixes=tuple(sorted(set(prefixes), key=len, reverse=True)),
        )

    def intent(self, text: str) -> Intent | None:
        """The one intent a message expresses, or None when it is none or several."""
        found = {match.value for match in self.intents.all(text)}
        return found.pop() if len(found) == 1 else None
