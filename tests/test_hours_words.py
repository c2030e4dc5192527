"""Dutch words for hours and days, and the clear-Dutch rules for the page and the PDF."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.hours.overview import TEXTS as OVERVIEW_TEXTS
from bot.hours.wording import (
    HOW_WORDS,
    STATUS_WORDS,
    day_text,
    hours_number,
    hours_text,
    moment_text,
)
from bot.web.texts import TEXTS as PAGE_TEXTS
from dialogs.clear_dutch import measure

# The signature line names the reader's role as the Agentschap writes it; a plainer word
# ("begeleider") would mix them up with a buddy or a coach. Only the PDF uses it.
ROLE_NAMES = {"Trajectbegeleider"}


@pytest.mark.parametrize(
    ("minutes", "said"),
    [
        (180, "3 uur"),
        (60, "1 uur"),
        (150, "2,5 uur"),
        (75, "1 uur 15 min"),
        (105, "1 uur 45 min"),
        (45, "45 min"),
        (30, "30 min"),
        (0, "0 uur"),
        (2370, "39,5 uur"),
    ],
)
def test_hours_are_said_the_flemish_way(minutes: int, said: str) -> None:
    assert hours_text(minutes) == said


def test_negative_hours_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        hours_text(-15)


def test_hours_as_spreadsheet_numbers() -> None:
    assert [hours_number(m) for m in (150, 75, 60, 20)] == [2.5, 1.25, 1.0, 0.33]


def test_days_in_dutch_words() -> None:
    assert day_text(date(2026, 11, 12)) == "12 november"
    assert day_text(date(2027, 3, 1), year=True) == "1 maart 2027"
    months = [day_text(date(2026, month, 1)).split()[1] for month in range(1, 13)]
    assert months[:3] == ["januari", "februari", "maart"]
    assert months[-1] == "december"


def test_moments_are_shown_in_belgian_time_across_summer_time() -> None:
    assert moment_text(datetime(2026, 11, 12, 9, 30, tzinfo=UTC)) == "12 november 2026 om 10:30"
    assert moment_text(datetime(2026, 7, 1, 8, 0, tzinfo=UTC)) == "1 juli 2026 om 10:00"
    with pytest.raises(ValueError, match="timezone"):
        moment_text(datetime(2026, 7, 1, 8, 0))


@pytest.mark.parametrize(
    "text",
    [
        *PAGE_TEXTS.values(),
        *OVERVIEW_TEXTS.values(),
        *STATUS_WORDS.values(),
        *HOW_WORDS.values(),
    ],
)
def test_page_and_pdf_texts_are_clear_dutch(text: str) -> None:
    measured = measure(text)
    problems = [
        problem
        for problem in measured.problems
        if not (problem.startswith("rare words") and set(measured.rare_words) <= ROLE_NAMES)
    ]
    assert problems == []
