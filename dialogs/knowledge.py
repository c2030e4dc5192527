"""What the bot knows before anyone speaks: catalogues, lexicons, places. Loaded once, read-only."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from dialogs.i18n import Catalogs
from dialogs.interests import INTERESTS
from dialogs.messages import Choice
from dialogs.render import Renderer
from dialogs.understanding.choices import Picked, pick
from dialogs.understanding.detect import detect
from dialogs.understanding.fuzzy import PhraseIndex
from dialogs.understanding.lexicon import Intent, Lexicon
from dialogs.understanding.places import Gazetteer
from dialogs.understanding.reports import MAX_HOURS_A_DAY, parse_report
from dialogs.understanding.text import clean, fold

# Languages many newcomers mix in whatever their own is ("hello", "salut").
_WIDE = frozenset({"en", "fr", "es"})


@dataclass(frozen=True)
class Knowledge:
    catalogs: Catalogs
    renderer: Renderer
    lexicon: Lexicon
    gazetteer: Gazetteer

    @classmethod
    def load(cls) -> Knowledge:
        catalogs = Catalogs.load()
        return cls(catalogs, Renderer(catalogs), Lexicon.load(), Gazetteer())

    def phrases(self, choice_id: str, label: Any) -> list[str]:
        """Every way to say a choice: its id, its label in each language, and synonyms."""
        words = [choice_id, *self.lexicon.synonyms.get(choice_id, ())]
        if isinstance(label, str):
            return [*words, label]
        return [
            *words,
            *(self.renderer.text(label, language.code) for language in self.catalogs.languages),
        ]

    def choice_phrases(self, choice: Choice) -> list[str]:
        """The phrases of one offered choice, with the synonyms of the ids it stands in for."""
        phrases = self.phrases(choice.id, choice.label)
        for other in choice.also:
            phrases.extend(self.lexicon.synonyms.get(other, ()))
        return phrases

    def pick(self, text: str, choices: Sequence[Choice], *, multi: bool = False) -> Picked:
        """Which of the offered choices a typed answer means (a number, a label, a synonym)."""
        return pick(
            text,
            [choice.id for choice in choices],
            ((phrase, choice.id) for choice in choices for phrase in self.choice_phrases(choice)),
            multi=multi,
        )

    @cached_property
    def interest_index(self) -> PhraseIndex[str]:
        return PhraseIndex(
            (phrase, interest)
            for interest, label in INTERESTS.items()
            for phrase in self.phrases(interest, label)
        )

    def first_languages(self, text: str) -> tuple[str, ...]:
        """The help languages a first message suggests ("مرحبا": Arabic; "salam": the
        languages that greet so), to put first in the language question; Dutch needs none."""
        detected = detect(text, self.lexicon.words_by_language)
        if detected is not None:
            return () if detected == "nl" else (detected,)
        folded = fold(text)
        greeting = [
            language.code
            for language in self.catalogs.languages
            if folded in self.lexicon.greetings.get(language.code, ())
        ]
        if "nl" in greeting:
            return ()  # "hallo" is Dutch before anything else
        # Loan greetings ("salam" in an English lexicon) count only when nobody else has them.
        own = [code for code in greeting if code not in _WIDE]
        return tuple(own or greeting)

    def understand(self, text: str, today: date | None = None) -> dict[str, Any]:
        """What the bot makes of one message; the staff's window and a test hook.

        `today` resolves "gisteren" and "12 november"; without it, the computer's date.
        """
        text = clean(text)
        place = self.gazetteer.find(text)
        interests = sorted({match.value for match in self.interest_index.all(text)})
        report = parse_report(text, today or date.today(), self.lexicon)
        hours = report.hours
        # More than a day's maximum is not a report of hours: "nog hoeveel tot 40 uur?"
        reported = hours is not None and 0 < hours <= MAX_HOURS_A_DAY
        intent = self.lexicon.intent(text, has_hours=reported)
        if intent is None and interests:
            intent = Intent.FIND_ACTIVITY  # "voetbal", "ik wil koken in Ieper": a wish to do that
        return {
            "text": text,
            "language": detect(text, self.lexicon.words_by_language),
            "intent": None if intent is None else intent.value,
            "hours": hours,
            "date": None if report.day is None else report.day.isoformat(),
            "place": report.place,
            "problems": sorted(problem.value for problem in report.problems),
            "municipality": None if place is None else place.municipality,
            "municipality_typed_as": None if place is None else place.typed_as,
            "municipality_certainty": None if place is None else place.certainty.value,
            "interests": interests,
        }
