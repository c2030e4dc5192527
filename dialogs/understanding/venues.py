"""Where hours were done, as typed: the words after "bij", "at", "chez", "في", "ኣብ"….

Only the candidate text is taken out ("Argos", "Rode Kruis", "bibliotheek"); matching it with
the person's enrolments is the hours dialog's job. A candidate stops at a word some other reader
used (a date, a duration), at punctuation, at another place word, at a unit word or at a word
from the lexicon's `places.stops` (verbs like "gewerkt"); leading articles and possessives are
dropped. Words in `places.ambiguous` count only in a message of that language. Turkish marks
the place with a suffix instead: "Argos'ta".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from dialogs.understanding.tokens import Kind, Message, PhraseTable, folded
from dialogs.understanding.units import Units

MAX_WORDS = 5
# What may stand between two words of one name: "Sint-Jan", "Kunst & Zo", "Kind 'n Gezin".
_INSIDE_A_NAME = set(" -&'\u2019")


class Role(StrEnum):
    BEFORE = "before"  # a preposition: "bij", "at"
    ARTICLE = "article"  # dropped at the start: "de", "the"
    STOP = "stop"  # ends a candidate: "gewerkt", Pashto "کې"
    SUFFIX = "suffix"  # Turkish "'ta", "'de"


_LISTS = {"before": Role.BEFORE, "articles": Role.ARTICLE, "stops": Role.STOP}


@dataclass(frozen=True)
class PlaceWords:
    words: PhraseTable[frozenset[Role]]

    @classmethod
    def from_lexicons(cls, lexicons: Mapping[str, Mapping[str, Any]]) -> PlaceWords:
        roles: dict[str, set[Role]] = {}
        only_in: dict[str, set[str]] = {}
        plain: set[str] = set()  # listed by some language without doubt: French "à la"
        for language, data in lexicons.items():
            places = data.get("places", {})
            doubtful = {folded(word) for word in places.get("ambiguous", [])}
            for word in doubtful:  # Spanish "en" is Dutch "and"
                only_in.setdefault(word, set()).add(language)
            for name, role in (*_LISTS.items(), ("suffixes", Role.SUFFIX)):
                for word in map(folded, places.get(name, [])):
                    roles.setdefault(word, set()).add(role)
                    if word not in doubtful:
                        plain.add(word)
        pairs = ((word, frozenset(found)) for word, found in roles.items())
        limits = {word: codes for word, codes in only_in.items() if word not in plain}
        return cls(PhraseTable(pairs, only_in=limits, fuzzy=False))

    def find(self, message: Message, units: Units) -> tuple[str, ...]:
        """Candidate place names in the message's free tokens, in the order they were typed."""
        found: list[str] = []
        for index in range(len(message)):
            hit = self.words.at(message, index)
            if hit is not None and Role.BEFORE in hit.value:
                candidate = self._after(message, hit.last + 1, units)
            elif hit is not None and Role.SUFFIX in hit.value:
                candidate = self._before_suffix(message, index)
            else:
                continue
            if candidate and candidate not in found:
                found.append(candidate)
        return tuple(found)

    def _after(self, message: Message, start: int, units: Units) -> str:
        words: list[int] = []
        index = start
        while index < len(message) and len(words) < MAX_WORDS:
            if index in message.used or message.kind(index) is Kind.MARK:
                break
            if words and not set(message.between(index - 1)) <= _INSIDE_A_NAME:
                break
            hit = self.words.at(message, index)
            roles = frozenset() if hit is None else hit.value
            if hit is not None and not words and Role.ARTICLE in roles:
                index = hit.last + 1  # "de bib" → "bib"
                continue
            if roles & {Role.BEFORE, Role.STOP} or units.names_unit(message.key(index)):
                break  # "у меня часов": "часов" (hours) is no place
            words.append(index)
            index += 1
        if not any(message.kind(position) is Kind.WORD for position in words):
            return ""
        return message.span(words[0], words[-1])

    def _before_suffix(self, message: Message, suffix: int) -> str:
        """ "Rode Kruis'ta": the capitalised words stuck to the suffix by an apostrophe."""
        name = suffix - 1
        if name < 0 or message.between(name) not in ("'", "\u2019") or name in message.used:
            return ""
        first = name
        while (
            first > 0
            and first - 1 not in message.used
            and message.kind(first - 1) is Kind.WORD
            and message.between(first - 1) == " "
            and message.text[message.tokens[first - 1].start].isupper()
            and name - first < MAX_WORDS - 1
        ):
            first -= 1
        return message.span(first, name)
