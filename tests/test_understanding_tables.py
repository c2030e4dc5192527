"""Everyday requests typed the way newcomers type them, per help language (tests/understanding/)."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from dialogs.i18n import load_languages
from dialogs.understanding.lexicon import Intent
from tests.support import KNOWLEDGE

TABLES = Path(__file__).resolve().parent / "understanding"
LANGUAGES = [language.code for language in load_languages()]
MIN_PHRASINGS = 15


def _rows(language: str) -> list[tuple[str, str]]:
    path = TABLES / f"{language}.tsv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        # Other kinds of rows (answers at questions, names, places) have their own tests.
        intents = {intent.value for intent in Intent}
        return [(row[0], row[1]) for row in reader if row and row[0] in intents]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_intent_has_enough_phrasings(language: str) -> None:
    counts = Counter(intent for intent, _phrase in _rows(language))
    too_few = {
        intent.value: counts[intent.value]
        for intent in Intent
        if counts[intent.value] < MIN_PHRASINGS
    }
    assert too_few == {}


@pytest.mark.parametrize("language", LANGUAGES)
def test_phrasings_are_understood(language: str) -> None:
    wrong = {
        phrase: (expected, KNOWLEDGE.understand(phrase)["intent"])
        for expected, phrase in _rows(language)
        if KNOWLEDGE.understand(phrase)["intent"] != expected
    }
    assert wrong == {}, f"{len(wrong)} of {len(_rows(language))} misunderstood"
