"""Every Dutch text the bot can send is short and plain, measured (DESIGN.md, Language)."""

from __future__ import annotations

from dialogs.clear_dutch import MAX_AVERAGE_SENTENCE_WORDS, MIN_DOUMA, douma, measure
from tests.clear_dutch import REFERENCES, measure_all


def test_every_dutch_message_follows_the_clear_language_rules() -> None:
    failing = {item.text: item.problems for item in measure_all() if item.problems}
    assert failing == {}


def test_sentences_are_short_on_average() -> None:
    lengths = [words for item in measure_all() for words in item.sentence_words]
    assert sum(lengths) / len(lengths) <= MAX_AVERAGE_SENTENCE_WORDS


def test_the_threshold_separates_plain_from_official_dutch() -> None:
    for text in REFERENCES.values():
        assert douma(text) < MIN_DOUMA  # the rule would catch this kind of prose


def test_the_rules_catch_a_hard_sentence() -> None:
    hard = measure(
        "Gelieve uw persoonsgegevens te verifiëren alvorens de inschrijvingsprocedure "
        "voor het participatietraject definitief te bevestigen via het daartoe bestemde formulier."
    )
    assert len(hard.problems) >= 2
