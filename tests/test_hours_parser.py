"""Reading a report of hours: how long, which day, where (tests/understanding/hours.tsv)."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from dialogs.understanding.days import on_weekday, with_year
from dialogs.understanding.reports import HoursReport, Problem, parse_report
from tests.support import KNOWLEDGE

TABLE = Path(__file__).resolve().parent / "understanding" / "hours.tsv"
NOTHING = "-"
THURSDAY = date(2026, 11, 12)


def _rows() -> list[tuple[str, date, float | None, date | None, frozenset[Problem], str | None]]:
    with TABLE.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        rows = [row for row in reader if row and not row[0].startswith("#")]
    return [
        (
            text,
            date.fromisoformat(today),
            None if hours == NOTHING else float(hours),
            None if day == NOTHING else date.fromisoformat(day),
            frozenset() if problems == NOTHING else frozenset(map(Problem, problems.split(","))),
            None if place == NOTHING else place,
        )
        for text, today, hours, day, problems, place in rows
    ]


def _report(
    text: str, today: date = THURSDAY, *, max_hours: float = 12.0, assume_hours: bool = False
) -> HoursReport:
    return parse_report(
        text, today, KNOWLEDGE.lexicon, max_hours=max_hours, assume_hours=assume_hours
    )


def test_the_table_holds_enough_real_phrasings() -> None:
    rows = _rows()
    assert len(rows) >= 120
    assert len({text for text, *_ in rows}) == len(rows) - 1  # "29 februari" on two days
    assert {problem for *_, problems, _place in rows for problem in problems} == set(Problem)


@pytest.mark.parametrize(
    ("text", "today", "hours", "day", "problems", "place"), _rows(), ids=[r[0] for r in _rows()]
)
def test_reports_are_read_as_meant(
    text: str,
    today: date,
    hours: float | None,
    day: date | None,
    problems: frozenset[Problem],
    place: str | None,
) -> None:
    report = _report(text, today)
    assert (report.hours, report.day, report.problems, report.place) == (
        hours,
        day,
        problems,
        place,
    )


def test_without_a_year_a_date_is_the_most_recent_one_not_in_the_future() -> None:
    assert with_year(date(2027, 1, 2), 20, 12) == date(2026, 12, 20)
    assert with_year(date(2026, 12, 20), 20, 12) == date(2026, 12, 20)  # today itself
    assert with_year(date(2026, 10, 1), 20, 12) == date(2025, 12, 20)
    assert with_year(date(2026, 11, 12), 1, 1, 27) == date(2027, 1, 1)  # a year given stays
    assert with_year(date(2026, 11, 12), 31, 4) is None


def test_a_date_at_most_a_month_ahead_is_meant_ahead_not_a_year_ago() -> None:
    assert with_year(date(2026, 12, 19), 20, 12) == date(2026, 12, 20)
    assert with_year(date(2026, 12, 30), 2, 1) == date(2027, 1, 2)
    assert with_year(date(2026, 11, 12), 13, 12) == date(2026, 12, 13)  # 31 days
    assert with_year(date(2026, 11, 12), 14, 12) == date(2025, 12, 14)  # 32 days
    report = _report("zaterdag 14 november 3 uur")  # 14 November 2026 is a Saturday
    assert (report.day, report.problems) == (date(2026, 11, 14), frozenset({Problem.FUTURE}))


def test_a_date_with_a_future_year_is_reported_not_moved() -> None:
    report = _report("12/12/2026 2 uur")
    assert (report.day, report.problems) == (date(2026, 12, 12), frozenset({Problem.FUTURE}))


@pytest.mark.parametrize(
    ("weekday", "days_back"),
    [(3, 0), (2, 1), (1, 2), (0, 3), (6, 4), (5, 5), (4, 6)],
)
def test_a_weekday_alone_is_the_most_recent_one_today_included(
    weekday: int, days_back: int
) -> None:
    assert (THURSDAY - on_weekday(THURSDAY, weekday)).days == days_back


def test_the_weekday_rules_with_last_next_and_last_week() -> None:
    monday = date(2026, 11, 9)
    assert _report("maandag 2 uur", monday).day == monday  # said on a Monday: today
    assert _report("vorige maandag 2 uur", monday).day == date(2026, 11, 2)
    assert _report("last monday 2 hours", date(2026, 11, 10)).day == monday
    assert _report("volgende maandag 2 uur", monday).day == date(2026, 11, 16)
    assert _report("vorige week zondag 2 uur", monday).day == date(2026, 11, 8)
    assert _report("vorige week maandag 2 uur", date(2026, 11, 15)).day == date(2026, 11, 2)


def test_the_days_maximum_is_a_parameter() -> None:
    assert Problem.TOO_MANY in _report("9 uur", max_hours=8).problems
    assert _report("12 uur").problems == frozenset()
    assert _report("12,25 uur").problems == {Problem.TOO_MANY}


def test_a_bare_number_counts_as_hours_only_when_hours_were_asked() -> None:
    assert _report("2,5").hours is None
    assert _report("2,5", assume_hours=True).hours == 2.5
    assert _report("1:30", assume_hours=True).hours == 1.5
    assert _report("drie", assume_hours=True).hours == 3.0
    negative = _report("-2", assume_hours=True)
    assert (negative.hours, negative.problems) == (-2.0, frozenset({Problem.NEGATIVE}))
    assert _report("300", assume_hours=True).problems == {Problem.TOO_MANY}
    assert _report("12/11", assume_hours=True).hours is None  # a date, not a number


def test_each_part_can_be_read_alone_for_the_dialogs_steps() -> None:
    day = _report("gisteren")
    assert (day.hours, day.day, day.complete) == (None, date(2026, 11, 11), False)
    full = _report("gisteren 3 uur bij Argos")
    assert full.complete
    assert full.minutes == 180


def test_french_hier_is_dutch_for_here() -> None:
    assert _report("ik was hier 3 uur").day is None
    assert _report("hier j'ai fait 3 heures").day == date(2026, 11, 11)


def test_understand_gives_intent_hours_and_an_iso_date() -> None:
    logged = KNOWLEDGE.understand("gisteren 3 uur bij Argos", today=THURSDAY)
    assert (logged["intent"], logged["hours"], logged["date"], logged["place"]) == (
        "log_hours",
        3.0,
        "2026-11-11",
        "Argos",
    )
    for text in ("hoeveel uren heb ik", "mijn uren", "how many hours", "combien d'heures"):
        result = KNOWLEDGE.understand(text, today=THURSDAY)
        assert (result["intent"], result["hours"], result["date"]) == ("progress", None, None)
    too_many = KNOWLEDGE.understand("300 uur", today=THURSDAY)
    assert (too_many["intent"], too_many["problems"]) == (None, ["too_many"])


def test_the_understand_command_takes_a_date_for_reproducible_output() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "understand", "gisteren 3 uur", "--today", "2026-03-01"],
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(result.stdout)
    assert (data["intent"], data["hours"], data["date"]) == ("log_hours", 3.0, "2026-02-28")


def test_the_understand_command_refuses_a_date_it_cannot_read() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "understand", "3 uur", "--today", "gisteren"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "YYYY-MM-DD" in result.stderr
