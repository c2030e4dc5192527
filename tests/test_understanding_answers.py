"""Answers typed in the help language at questions with set choices, from the phrasing tables
(tests/understanding/<lang>.tsv, rows "answer:<dialog>/<step>"), read as the engine reads them:
the question's own choices, their labels in every language, and the answer data files."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.engine import STEPS
from dialogs.i18n import load_languages
from dialogs.turn import Turn
from store.people.models import ConversationState, Person
from tests.support import BRUSSELS, KNOWLEDGE

TABLES = Path(__file__).resolve().parent / "understanding"
LANGUAGES = [language.code for language in load_languages()]
MIN_ANSWERS = 10  # per help language, besides Dutch
# What a question shows depends on its step data; these are enough to ask each one.
DATA: dict[str, Any] = {
    "minutes": 120,
    "title": "Samen koken",
    "day": "2026-11-11",
    "picked": [],
    "search": {},
    "municipality": "Ieper",
}


def rows(language: str, kind: str) -> list[tuple[str, str, str]]:
    """(kind, phrase, expected) rows of one kind ("answer:…", "first", "name", "place")."""
    path = TABLES / f"{language}.tsv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            (row[0], row[1], row[2])
            for row in reader
            if row and not row[0].startswith("#") and row[0].startswith(kind) and len(row) > 2
        ]


def picked(position: str, text: str) -> tuple[str, ...]:
    """What the engine picks from `text` at the question `position` ("activities/travel")."""
    dialog, step_name = position.split("/")
    key = next(key for key in STEPS if key == (dialog, step_name))
    person = Person(help_language="nl", help_line=True, interests=[], role_rows=[])
    person.state = ConversationState(dialog=dialog, step=step_name, data=dict(DATA))
    now = datetime(2026, 11, 12, 9, tzinfo=UTC)
    turn = Turn(cast(AsyncSession, None), person, now, BRUSSELS, KNOWLEDGE)
    question = STEPS[key].ask(turn)
    found = KNOWLEDGE.pick(text, question.choices, multi=STEPS[key].multi)
    return tuple(sorted(str(choice) for choice in found.ids))


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != "nl"])
def test_every_help_language_has_answers_at_the_questions(language: str) -> None:
    assert len(rows(language, "answer:")) >= MIN_ANSWERS


@pytest.mark.parametrize("language", LANGUAGES)
def test_answers_in_the_help_language_pick_the_right_choice(language: str) -> None:
    wrong = {
        phrase: (expected, picked(kind.removeprefix("answer:"), phrase))
        for kind, phrase, expected in rows(language, "answer:")
        if picked(kind.removeprefix("answer:"), phrase) != tuple(sorted(expected.split()))
    }
    assert wrong == {}, f"{len(wrong)} of {len(rows(language, 'answer:'))} misread"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_first_message_puts_its_language_first(language: str) -> None:
    wrong = {
        phrase: (expected, KNOWLEDGE.first_languages(phrase))
        for _kind, phrase, expected in rows(language, "first")
        if KNOWLEDGE.first_languages(phrase) != _codes(expected)
    }
    assert wrong == {}


def _codes(expected: str) -> tuple[str, ...]:
    return tuple(code for code in expected.split(",") if code != "-")  # "-": none, Dutch
