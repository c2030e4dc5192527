"""What a typed message asks for: "ik wil koken in Ieper", "voetbal", "iets met kinderen"."""

from __future__ import annotations

from dataclasses import dataclass

from dialogs.activities.matching import MIN_WORD
from dialogs.knowledge import Knowledge
from dialogs.understanding.lexicon import Intent
from dialogs.understanding.text import clean, fold

# Words that say nothing about what to do; typed often, in Dutch and English first.
_FILLER = frozenset(
    [
        "graag",
        "willen",
        "wilt",
        "zoeken",
        "zoek",
        "zoekt",
        "iets",
        "ergens",
        "dingen",
        "mijn",
        "jouw",
        "voor",
        "samen",
        "with",
        "something",
        "want",
        "would",
        "like",
        "please",
        "alsjeblieft",
        "alstublieft",
        "waar",
        "wanneer",
        "welke",
        "hier",
        "daar",
        "buurt",
    ]
)


@dataclass(frozen=True)
class TextWish:
    interests: tuple[str, ...]
    municipality: str | None
    words: tuple[str, ...]


def text_wish(knowledge: Knowledge, text: str, *, named: bool = False) -> TextWish | None:
    """The search a message asks for, or None when it asks for something else.

    With `named`, a message without any intent counts too: it may name an activity
    ("petanque", "voedselbank"), which the caller checks against the catalogue.
    """
    understood = knowledge.understand(text)
    intent = understood["intent"]
    if intent != Intent.FIND_ACTIVITY.value and not (named and intent is None):
        return None
    return TextWish(
        tuple(understood["interests"]),
        understood["municipality"],
        _words(knowledge, understood["text"]),
    )


def _words(knowledge: Knowledge, text: str) -> tuple[str, ...]:
    """The words that say what to do ("voetbal", "repair"), to look for in titles."""
    interest_words = {word for phrase in knowledge.interest_index.values for word in phrase.split()}
    # Words of intents ("zoek een club") steer the search; they are not its subject.
    steering = {
        word for phrase in knowledge.lexicon.intents.values for word in phrase.split()
    } - interest_words
    found = []
    for word in fold(clean(text)).split():
        if len(word) < MIN_WORD or word in steering or word in _FILLER:
            continue
        place = knowledge.gazetteer.find(word)
        if place is None or fold(place.typed_as) != word:
            found.append(word)
    return tuple(dict.fromkeys(found))
