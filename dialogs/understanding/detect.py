"""Which language a message is written in: its script first, then a vote of lexicon words.

No statistical detector: messages are a few words long, often mixed and misspelt, where those
guess badly. Script tells Arabic/Persian/Pashto, Cyrillic and Ge'ez apart at once; within a
script, the language whose lexicon holds most of the message's words wins.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

from dialogs.understanding.text import fold

_PASHTO_LETTERS = set("ټډړږښګڼېۍځڅ")
_PERSIAN_LETTERS = set("پچژگی")
_UKRAINIAN_LETTERS = set("іїєґ")
_RUSSIAN_LETTERS = set("ыэъё")
_TURKISH_LETTERS = set("ğışİ")
_SPANISH_LETTERS = set("ñ¿¡")
_LATIN = ("nl", "en", "fr", "tr", "so", "es")


def detect(text: str, words_by_language: Mapping[str, frozenset[str]]) -> str | None:
    """A language code for `text`, or None when it cannot tell."""
    letters = [char for char in text if char.isalpha()]
    if not letters:
        return None
    scripts = {_script(char) for char in letters}
    lowered = set(text.casefold())
    if "ARABIC" in scripts:
        if lowered & _PASHTO_LETTERS:
            return "ps"
        if lowered & _PERSIAN_LETTERS:
            return _vote(text, words_by_language, ("fa", "ps")) or "fa"
        return _vote(text, words_by_language, ("ar", "fa", "ps")) or "ar"
    if "ETHIOPIC" in scripts:
        return "ti"
    if "CYRILLIC" in scripts:
        if lowered & _UKRAINIAN_LETTERS:
            return "uk"
        if lowered & _RUSSIAN_LETTERS:
            return "ru"
        return _vote(text, words_by_language, ("uk", "ru"))
    if lowered & _TURKISH_LETTERS:
        return "tr"
    if lowered & _SPANISH_LETTERS:
        return "es"
    return _vote(text, words_by_language, _LATIN)


def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else ""


def _vote(
    text: str, words_by_language: Mapping[str, frozenset[str]], candidates: tuple[str, ...]
) -> str | None:
    words = [word for word in fold(text).split() if len(word) > 2]
    counts = {
        code: sum(word in words_by_language.get(code, frozenset()) for word in words)
        for code in candidates
    }
    best = max(counts.values(), default=0)
    winners = [code for code, count in counts.items() if count == best]
    return winners[0] if best and len(winners) == 1 else None
