"""Reading typed hours into the draft entry: what was said, which enrolment "bij Argos" means,
and a kind answer for each rule broken. Nothing is guessed: a missing part stays missing."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from rapidfuzz import fuzz, process

from dialogs.hours.texts import number
from dialogs.messages import Msg, Reply, _, say
from dialogs.turn import Turn
from dialogs.understanding.reports import Problem, parse_report
from dialogs.understanding.text import fold
from store.activities.models import Enrolment, EnrolmentStatus

# How close "bij Argos" must come to a title or organisation (rapidfuzz WRatio, 0-100).
PLACE_CUTOFF = 75.0

_HOUR_PROBLEMS = {
    Problem.NO_NUMBER: _("Hoeveel uur was het? Typ een getal, bijvoorbeeld 3 uur."),
    Problem.NEGATIVE: _("Het moet meer dan 0 uur zijn."),
    Problem.ZERO: _("Het moet meer dan 0 uur zijn."),
    Problem.NOT_QUARTER: _(
        "Geef de tijd per kwartier. Bijvoorbeeld: 1 uur, 1 uur en 15 minuten of 1,5 uur."
    ),
}
_DAY_PROBLEMS = {
    Problem.FUTURE: _("Die dag is nog niet voorbij. Geef je uren door als je ze gedaan hebt."),
    Problem.INVALID_DATE: _("Die datum bestaat niet. Kijk de dag en de maand na."),
}
SEVERAL = _("Ik lees meer dan één tijd of dag. Geef één dag per keer door.")


def day_problem(turn: Turn, day: date) -> Msg | None:
    """Why a participant cannot log hours on `day` (future, too long ago), or None."""
    today = turn.today
    if day > today:
        return _DAY_PROBLEMS[Problem.FUTURE]
    if day < today - timedelta(days=turn.hours.rules.days_back):
        return _(
            "Dat is meer dan {days} dagen geleden. Vraag je coach om die uren door te geven."
        ).format(days=turn.hours.rules.days_back)
    return None


def read(
    turn: Turn, text: str, data: dict[str, Any], enrolments: list[Enrolment], *, assume_hours: bool
) -> list[Msg]:
    """Put what `text` says into `data` (minutes, day, enrolment); the problems, kindly said."""
    rules = turn.hours.rules
    report = parse_report(
        text,
        turn.today,
        turn.knowledge.lexicon,
        max_hours=rules.max_a_day,
        assume_hours=assume_hours,
    )
    problems: list[Msg] = []
    if Problem.SEVERAL in report.problems:
        problems.append(SEVERAL)
    elif Problem.TOO_MANY in report.problems and report.minutes is not None:
        problems.append(
            _("{hours} uur op één dag is te veel. Je kan tot {most} uur per dag doorgeven.").format(
                hours=number(report.minutes), most=number(int(rules.max_a_day * 60))
            )
        )
    elif hour_problems := [_HOUR_PROBLEMS[p] for p in report.problems if p in _HOUR_PROBLEMS]:
        problems.append(hour_problems[0])
    elif report.minutes is not None:
        data["minutes"] = report.minutes
    if day_problems := [_DAY_PROBLEMS[p] for p in report.problems if p in _DAY_PROBLEMS]:
        problems.append(day_problems[0])
    elif report.day is not None and Problem.SEVERAL not in report.problems:
        late = day_problem(turn, report.day)
        if late is None:
            data["day"] = report.day.isoformat()
        else:
            problems.append(late)
    if report.place is not None:
        problems.extend(_place(report.place, data, enrolments))
    return problems


def _place(place: str, data: dict[str, Any], enrolments: list[Enrolment]) -> list[Msg]:
    fitting = candidates(place, enrolments)
    if len(fitting) > 1:
        return []  # two activities fit the name: the dialog asks which one
    if not fitting or fitting[0].status == EnrolmentStatus.STOPPED:
        data["enrolment"] = None
        data["ask_which"] = True  # they named another one: do not pick the only open one
        if not fitting:
            return [_("Ik vind {place} niet bij jouw activiteiten.").format(place=place)]
        return [stopped(fitting[0])]
    data["enrolment"] = fitting[0].id
    return []


def stopped(enrolment: Enrolment) -> Msg:
    return _("Je bent gestopt met {title}. Daar kan ik geen uren meer voor bewaren.").format(
        title=enrolment.activity.title
    )


def candidates(place: str, enrolments: list[Enrolment]) -> list[Enrolment]:
    """The enrolments "bij Argos" may mean: by activity title or organisation, typos allowed.

    Open enrolments win over stopped ones; two open ones that fit equally are both given.
    """
    names = [
        (fold(name), enrolment)
        for enrolment in enrolments
        for name in (enrolment.activity.title, enrolment.activity.organisation)
    ]
    hits = process.extract(
        fold(place), [name for name, _e in names], scorer=fuzz.WRatio, score_cutoff=PLACE_CUTOFF
    )
    if not hits:
        return []
    best = max(score for _name, score, _index in hits)
    fitting = {names[index][1].id: names[index][1] for _name, score, index in hits if score == best}
    still_open = [e for e in fitting.values() if e.status != EnrolmentStatus.STOPPED]
    return still_open or list(fitting.values())[:1]


def say_all(problems: list[Msg]) -> list[Reply]:
    return [say(*problems)] if problems else []
