"""A message cut into tokens that remember where they stand, and phrase tables to find in it.

Durations, dates and places are read from one token list, so each recogniser can mark the tokens
it used: "3 uur 12 november" must not become 3 h 12 min, and the place after "bij" stops where a
date begins. Keys are folded like everywhere else (`text.fold`); digits of any script become
ASCII digits, and `Token.native` remembers that they were not ASCII.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Container, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Generic, TypeVar

from rapidfuzz import fuzz, process

from dialogs.understanding.text import clean, fold

T = TypeVar("T")

# An apostrophe inside a Ukrainian word is a letter ("п'ять"); elsewhere it separates ("j'ai").
_CYRILLIC_APOSTROPHE = re.compile(r"(?<=[\u0400-\u04ff])['\u2019](?=[\u0400-\u04ff])")
# Combining marks (Arabic short vowels, decomposed accents) continue a word instead of ending it.
_TOKEN = re.compile(
    r"(?P<number>\d+)"
    r"|(?P<word>[^\W\d_](?:[^\W\d_]|[\u0300-\u036f\u064b-\u065f\u0670])*)"
    r"|(?P<mark>[:.,/+\u2212\u2013\u066b\u060c]|-(?![^\W\d_])|(?<![^\W\d_])-)"
)
_TATWEEL = "\u0640"
MINUS = frozenset({"-", "\u2212", "\u2013"})


class Kind(StrEnum):
    NUMBER = "number"
    WORD = "word"
    MARK = "mark"


@dataclass(frozen=True)
class Token:
    kind: Kind
    key: str  # folded word, ASCII digits, or the mark itself
    start: int
    end: int
    native: bool = False  # digits typed in another script, e.g. Persian "۲"

    @property
    def value(self) -> int:
        return int(self.key)


def tokenize(text: str) -> list[Token]:
    """Tokens of already cleaned text; a hyphen between letters only separates words."""
    text = _CYRILLIC_APOSTROPHE.sub("\u02bc", text)
    tokens: list[Token] = []
    for found in _TOKEN.finditer(text):
        piece = found.group()
        if found.lastgroup == "number":
            digits = "".join(str(unicodedata.digit(char)) for char in piece)
            tokens.append(
                Token(Kind.NUMBER, digits, found.start(), found.end(), not piece.isascii())
            )
        elif found.lastgroup == "word":
            key = fold(piece.replace(_TATWEEL, "")).replace(" ", "")
            if key:
                tokens.append(Token(Kind.WORD, key, found.start(), found.end()))
        else:
            tokens.append(Token(Kind.MARK, piece, found.start(), found.end()))
    return tokens


def key(phrase: str) -> tuple[str, ...]:
    """A lexicon phrase as the token keys a message would have."""
    return tuple(token.key for token in tokenize(clean(phrase)))


def folded(phrase: str) -> str:
    """A lexicon phrase as one string of token keys: "aujourd'hui" → "aujourd hui"."""
    return " ".join(key(phrase))


@dataclass
class Message:
    """One message's text and tokens, with the tokens recognisers have used so far."""

    text: str
    tokens: list[Token]
    language: str | None = None
    used: set[int] = field(default_factory=set)

    @classmethod
    def of(cls, text: str, language: str | None = None) -> Message:
        text = clean(text)
        return cls(text, tokenize(text), language)

    def __len__(self) -> int:
        return len(self.tokens)

    def key(self, index: int) -> str:
        """The key of token `index`, or "" past either end."""
        return self.tokens[index].key if 0 <= index < len(self.tokens) else ""

    def kind(self, index: int) -> Kind | None:
        return self.tokens[index].kind if 0 <= index < len(self.tokens) else None

    def number(self, index: int) -> int | None:
        """The value of a digits token that no recogniser used yet."""
        if self.kind(index) is Kind.NUMBER and index not in self.used:
            return self.tokens[index].value
        return None

    def glued(self, index: int) -> bool:
        """True when token `index` touches the next one, as in "1u30" or "12/11"."""
        if not 0 <= index < len(self.tokens) - 1:
            return False
        return self.tokens[index].end == self.tokens[index + 1].start

    def free(self, first: int, last: int) -> bool:
        """True when tokens first..last exist and none is used yet."""
        return 0 <= first <= last < len(self.tokens) and not any(
            index in self.used for index in range(first, last + 1)
        )

    def use(self, first: int, last: int) -> None:
        self.used.update(range(first, last + 1))

    def between(self, index: int) -> str:
        """The text between token `index` and the next one (spaces, punctuation)."""
        return self.text[self.tokens[index].end : self.tokens[index + 1].start]

    def span(self, first: int, last: int) -> str:
        """The text as typed from token `first` to token `last`."""
        return self.text[self.tokens[first].start : self.tokens[last].end]


@dataclass(frozen=True)
class Found(Generic[T]):
    value: T
    first: int
    last: int  # inclusive


# Fuzzy matching is for typos in longer words ("gistere", "zaterdg"); short words must be exact.
# 88 keeps "register" from passing for "gister" (85.7).
FUZZY_LENGTH = 5
FUZZY_CUTOFF = 88.0
# Arabic-script words carry prefixes ("فالجمعية", at the association, is one letter from
# "الجمعة", Friday) and a Ge'ez letter is a whole syllable: in those scripts only exact words.
_NO_FUZZY = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u1200-\u139f]")


class PhraseTable(Generic[T]):
    """Phrases of one or more words pointing at values, found among a message's free tokens.

    `only_in` names phrases that count only when the message is in one of the given languages:
    French "hier" (yesterday) is Dutch for "here".
    """

    def __init__(
        self,
        phrases: Iterable[tuple[str, T]],
        *,
        only_in: Mapping[str, Collection[str]] | None = None,
        fuzzy: bool = True,
    ):
        self._values: dict[tuple[str, ...], T] = {}
        for phrase, value in phrases:
            keys = key(phrase)
            if keys:
                self._values.setdefault(keys, value)
        self._only_in = {key(phrase): frozenset(codes) for phrase, codes in (only_in or {}).items()}
        self._longest = max((len(keys) for keys in self._values), default=1)
        self._fuzzy = [keys[0] for keys in self._values if fuzzy and len(keys) == 1]

    def __contains__(self, word: object) -> bool:
        return (word,) in self._values

    def get(self, word: str) -> T | None:
        return self._values.get((word,))

    def at(
        self, message: Message, index: int, *, protected: Container[str] = ()
    ) -> Found[T] | None:
        """The longest phrase that starts at token `index`, all of whose tokens are free words.

        A word in `protected` (e.g. a number word) is never taken as a typo of a phrase.
        """
        for size in range(min(self._longest, len(message) - index), 0, -1):
            last = index + size - 1
            if not message.free(index, last) or any(
                message.kind(position) is not Kind.WORD for position in range(index, last + 1)
            ):
                continue
            keys = tuple(message.key(position) for position in range(index, last + 1))
            found = self._lookup(keys, message.language, protected)
            if found is not None:
                return Found(found, index, last)
        return None

    def all(self, message: Message, *, protected: Container[str] = ()) -> list[Found[T]]:
        """Every phrase in the message, left to right, longest first, without overlaps."""
        found: list[Found[T]] = []
        index = 0
        while index < len(message):
            hit = self.at(message, index, protected=protected)
            if hit is None:
                index += 1
                continue
            found.append(hit)
            index = hit.last + 1
        return found

    def _lookup(
        self, keys: tuple[str, ...], language: str | None, protected: Container[str]
    ) -> T | None:
        if keys in self._values:
            return self._value(keys, language)
        # Only single words are compared for typos: a phrase of several words must match exactly,
        # or "many hour" would pass for "an hour".
        if len(keys) > 1 or len(keys[0]) < FUZZY_LENGTH or keys[0] in protected:
            return None
        if _NO_FUZZY.search(keys[0]):
            return None
        hit = process.extractOne(keys[0], self._fuzzy, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if hit is None or len(hit[0]) < FUZZY_LENGTH:
            return None
        return self._value((hit[0],), language)

    def _value(self, keys: tuple[str, ...], language: str | None) -> T | None:
        languages = self._only_in.get(keys)
        if languages is not None and language not in languages:
            return None
        return self._values[keys]
