"""Uren doorgeven: which activity, how long, which day — by buttons or in one message — then the
bot repeats it and stores it only after "ja" (see hours.mmd)."""

from __future__ import annotations

import logging
from datetime import date, timedelta
from typing import Any

from dialogs.activities.cards import verbatim
from dialogs.hours import reading
from dialogs.hours.texts import day_label, duration, number
from dialogs.messages import Choice, Msg, Reply, _, say
from dialogs.states import Dialog, HoursStep, StepKey
from dialogs.steps import Answer, Step
from dialogs.turn import Turn
from dialogs.understanding.lexicon import Intent
from store.activities import catalogue
from store.activities.models import Enrolment, EnrolmentStatus
from store.hours import entries

log = logging.getLogger(__name__)
OTHER, TODAY, YESTERDAY, MENU = "other", "today", "yesterday", "menu"
HOURS_CHOICES = (60, 120, 180, 240)


async def _enrolments(turn: Turn) -> list[Enrolment]:
    return list(await catalogue.enrolments(turn.session, turn.person.id))


def _open(enrolments: list[Enrolment]) -> list[Enrolment]:
    return [e for e in enrolments if e.status != EnrolmentStatus.STOPPED]


async def start(turn: Turn, text: str = "") -> list[Reply]:
    """Begin logging, with what a first message already said ("gisteren 3 uur bij Argos")."""
    enrolments = await _enrolments(turn)
    if not _open(enrolments):
        turn.home()
        if enrolments:
            return [say(_("Je bent met al je activiteiten gestopt. Zoek eerst een nieuwe."))]
        return [
            say(
                _("Je bent nog niet ingeschreven voor een activiteit."),
                _("Zoek eerst iets dat je graag doet. Dan kan je je uren doorgeven."),
            )
        ]
    data: dict[str, Any] = {"enrolment": None, "minutes": None, "day": None}
    problems = reading.read(turn, text, data, enrolments, assume_hours=False) if text else []
    return reading.say_all(problems) + await _next(turn, data, enrolments)


async def _next(turn: Turn, data: dict[str, Any], enrolments: list[Enrolment]) -> list[Reply]:
    """Ask for the first part still missing; with everything known, repeat it and ask."""
    still_open = _open(enrolments)
    if data.get("enrolment") is None and len(still_open) == 1 and not data.get("ask_which"):
        data["enrolment"] = still_open[0].id
    enrolment = next((e for e in still_open if e.id == data.get("enrolment")), None)
    if enrolment is None:
        data["enrolment"] = None
        data["choices"] = [{"id": e.id, "title": e.activity.title} for e in still_open]
        turn.goto(Dialog.HOURS, HoursStep.ENROLMENT, data)
        return []
    data["title"] = enrolment.activity.title
    if data.get("minutes") is None:
        turn.goto(Dialog.HOURS, HoursStep.DURATION, data)
        return []
    if data.get("day") is None:
        turn.goto(Dialog.HOURS, HoursStep.DAY, data)
        return []
    day, minutes = date.fromisoformat(data["day"]), int(data["minutes"])
    most = int(turn.hours.rules.max_a_day * 60)
    already = await entries.day_total(turn.session, turn.person.id, day)
    if already + minutes > most:
        data["minutes"] = None
        turn.goto(Dialog.HOURS, HoursStep.DURATION, data)
        return [
            say(
                _("Op {day} gaf je al {hours} door.").format(
                    day=day_label(day), hours=duration(already)
                ),
                _("Je kan tot {most} uur per dag doorgeven.").format(most=number(most)),
            )
        ]
    same = await entries.same(turn.session, enrolment.id, day, minutes)
    step = HoursStep.DUPLICATE if same is not None else HoursStep.CHECK
    turn.goto(Dialog.HOURS, step, data)
    return []


_NOT_READ: dict[str, Msg] = {
    HoursStep.DURATION: _("Dat begrijp ik niet. Typ een getal, bijvoorbeeld 2,5 uur."),
    HoursStep.DURATION_TYPED: _("Dat begrijp ik niet. Typ een getal, bijvoorbeeld 2,5 uur."),
    HoursStep.DAY: _("Dat is geen datum die ik ken. Kies een dag, of typ de datum."),
    HoursStep.DAY_TYPED: _("Dat is geen datum die ik ken. Typ bijvoorbeeld: 12 november."),
}


async def _typed(turn: Turn, answer: Answer, *, assume_hours: bool) -> list[Reply]:
    """Free text at any step: take every part it gives, then ask what is still missing."""
    data, step = turn.data, turn.position
    before = dict(data)
    enrolments = await _enrolments(turn)
    problems = reading.read(turn, answer.text, data, enrolments, assume_hours=assume_hours)
    if data == before and (elsewhere := await _elsewhere(turn, answer)) is not None:
        return elsewhere
    if not problems and data == before and step is not None and step[1] in _NOT_READ:
        return [say(_NOT_READ[step[1]])]  # nothing read: the same question again
    return reading.say_all(problems) + await _next(turn, data, enrolments)


async def _elsewhere(turn: Turn, answer: Answer) -> list[Reply] | None:
    """What to say when a typed answer holds no hours or day but asks for something else
    ("mijn uren", "een activiteit zoeken"): that, leaving the unsaved entry; else None."""
    understood = turn.knowledge.understand(answer.text, turn.today)
    if understood["hours"] is not None or understood["date"] is not None:
        return None
    intent = turn.knowledge.lexicon.intent(answer.text)  # not a bare interest: "koken" is a name
    if intent not in {Intent.PROGRESS, Intent.FIND_ACTIVITY}:
        return None
    return turn.hand_to_menu(answer.text)


# --- Which activity ---------------------------------------------------------------------------


def _ask_enrolment(turn: Turn) -> Reply:
    rows = turn.data.get("choices", [])
    return say(
        _("Voor welke activiteit geef je uren door?"),
        choices=(
            *(Choice(f"e{row['id']}", verbatim(row["title"])) for row in rows),
            Choice(MENU, _("Terug naar het menu")),
        ),
    )


async def _answer_enrolment(turn: Turn, answer: Answer) -> list[Reply]:
    if answer.choice == MENU:
        turn.home()
        return []
    data = turn.data
    if answer.choice is not None and answer.choice.startswith("e"):
        data["enrolment"] = int(answer.choice[1:])
        data["ask_which"] = False
    enrolments = await _enrolments(turn)
    problems: list[Msg] = []
    if answer.text and answer.choice is None:
        if (elsewhere := await _elsewhere(turn, answer)) is not None:
            return elsewhere
        problems = reading.read(turn, answer.text, data, enrolments, assume_hours=False)
        if data.get("enrolment") is None and not problems:
            problems = [_("Kies een activiteit uit de lijst.")]
    return reading.say_all(problems) + await _next(turn, data, enrolments)


# --- How long ---------------------------------------------------------------------------------


def _ask_duration(turn: Turn) -> Reply:
    return say(
        _("Hoe lang was het?"),
        choices=(
            *(Choice(f"m{minutes}", duration(minutes)) for minutes in HOURS_CHOICES),
            Choice(OTHER, _("Iets anders")),
            Choice(MENU, _("Terug naar het menu")),
        ),
    )


async def _answer_duration(turn: Turn, answer: Answer) -> list[Reply]:
    choice = answer.choice
    if choice == MENU:
        turn.home()
        return []
    if choice == OTHER:
        turn.goto(Dialog.HOURS, HoursStep.DURATION_TYPED, turn.data)
        return []
    if choice is not None and choice.startswith("m"):
        data = {**turn.data, "minutes": int(choice[1:])}
        return await _next(turn, data, await _enrolments(turn))
    return await _typed(turn, answer, assume_hours=True)


def _ask_duration_typed(turn: Turn) -> Reply:
    return say(_("Typ hoe lang het was. Bijvoorbeeld: 2,5 uur of 45 minuten."))


async def _answer_duration_typed(turn: Turn, answer: Answer) -> list[Reply]:
    return await _typed(turn, answer, assume_hours=True)


# --- Which day --------------------------------------------------------------------------------


def _ask_day(turn: Turn) -> Reply:
    return say(
        _("Welke dag was het?"),
        choices=(
            Choice(TODAY, _("Vandaag")),
            Choice(YESTERDAY, _("Gisteren")),
            Choice(OTHER, _("Een andere dag")),
            Choice(MENU, _("Terug naar het menu")),
        ),
    )


async def _answer_day(turn: Turn, answer: Answer) -> list[Reply]:
    if answer.choice == MENU:
        turn.home()
        return []
    if answer.choice in {TODAY, YESTERDAY}:
        day = turn.today - timedelta(days=0 if answer.choice == TODAY else 1)
        data = {**turn.data, "day": day.isoformat()}
        return await _next(turn, data, await _enrolments(turn))
    if answer.choice == OTHER:
        turn.goto(Dialog.HOURS, HoursStep.DAY_TYPED, turn.data)
        return []
    return await _typed(turn, answer, assume_hours=False)


def _ask_day_typed(turn: Turn) -> Reply:
    return say(_("Typ de datum. Bijvoorbeeld: 12 november of 12/11."))


async def _answer_day_typed(turn: Turn, answer: Answer) -> list[Reply]:
    return await _typed(turn, answer, assume_hours=False)


STEPS: dict[StepKey, Step] = {
    (Dialog.HOURS, HoursStep.ENROLMENT): Step(_ask_enrolment, _answer_enrolment, free_text=True),
    (Dialog.HOURS, HoursStep.DURATION): Step(
        _ask_duration, _answer_duration, free_text=True, numbered=False
    ),
    (Dialog.HOURS, HoursStep.DURATION_TYPED): Step(
        _ask_duration_typed, _answer_duration_typed, free_text=True
    ),
    (Dialog.HOURS, HoursStep.DAY): Step(_ask_day, _answer_day, free_text=True),
    (Dialog.HOURS, HoursStep.DAY_TYPED): Step(_ask_day_typed, _answer_day_typed, free_text=True),
}
