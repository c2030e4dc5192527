"""Repeat and store: "Klopt dat?", "Heb je dit al gestuurd?", then saved, with the next steps."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from dialogs.activities.requests import reachable
from dialogs.hours import confirm, progress, reading
from dialogs.hours import log as logging_hours
from dialogs.hours.share import SHARE
from dialogs.hours.texts import day_label, duration
from dialogs.messages import Choice, Msg, Reply, _, say
from dialogs.states import NO, YES, Dialog, HoursStep, StepKey
from dialogs.steps import Answer, Step
from dialogs.turn import Turn
from store.activities import catalogue
from store.activities.models import EnrolmentStatus
from store.hours import entries
from store.hours.entries import Source

log = logging.getLogger(__name__)
SAME, NEW, CHANGE_HOURS, CHANGE_DAY, CANCEL = "same", "new", "hours", "day", "cancel"
MORE, MINE, MENU = "more", "mine", "menu"


def _summary(data: dict[str, Any]) -> Msg:
    return _("{hours} bij {title} op {day}.").format(
        hours=duration(int(data["minutes"])),
        title=data["title"],
        day=day_label(date.fromisoformat(data["day"])),
    )


# --- Repeat and store -------------------------------------------------------------------------


def _ask_check(turn: Turn) -> Reply:
    return say(
        _summary(turn.data),
        _("Klopt dat?"),
        choices=(
            Choice(YES, _("Ja, bewaar het")),
            Choice(CHANGE_HOURS, _("Andere uren")),
            Choice(CHANGE_DAY, _("Een andere dag")),
            Choice(CANCEL, _("Nee, stoppen"), also=(NO,)),
        ),
    )


async def _answer_check(turn: Turn, answer: Answer) -> list[Reply]:
    data = turn.data
    match answer.choice:
        case "yes":
            return await _save(turn, data)
        case "hours":
            turn.goto(Dialog.HOURS, HoursStep.DURATION, {**data, "minutes": None})
        case "day":
            turn.goto(Dialog.HOURS, HoursStep.DAY, {**data, "day": None})
        case _:
            turn.home()
            return [say(_("Oké, ik bewaar niets."))]
    return []


def _ask_duplicate(turn: Turn) -> Reply:
    return say(
        _("Die uren gaf je al door:"),
        _summary(turn.data),
        _("Heb je dit al gestuurd?"),
        choices=(
            Choice(SAME, _("Ja, het is hetzelfde"), also=(YES,)),
            Choice(NEW, _("Nee, het is nieuw"), also=(NO,)),
        ),
    )


async def _answer_duplicate(turn: Turn, answer: Answer) -> list[Reply]:
    if answer.choice == NEW:
        return await _save(turn, turn.data)
    turn.home()
    return [say(_("Oké. Ik bewaar het niet nog eens."))]


async def _save(turn: Turn, data: dict[str, Any]) -> list[Reply]:
    """Store the entry, checked again, and ask the activity's contact on Wegwijs to confirm."""
    enrolment = await catalogue.enrolment(turn.session, int(data["enrolment"]))
    if enrolment is None or enrolment.person_id != turn.person.id:
        turn.home()
        return [say(_("Die activiteit vind ik niet meer. Er is niets bewaard."))]
    if enrolment.status == EnrolmentStatus.STOPPED:
        turn.home()
        return [say(reading.stopped(enrolment))]
    day, minutes = date.fromisoformat(data["day"]), int(data["minutes"])
    late = reading.day_problem(turn, day)
    if late is not None:
        turn.goto(Dialog.HOURS, HoursStep.DAY, {**data, "day": None})
        return [say(late)]
    source = None if turn.source is None else Source(*turn.source)
    entry = await entries.add(
        turn.session, enrolment, day, minutes, turn.now, logged_by=turn.person.id, source=source
    )
    log.info("hours entry=%s person=%s enrolment=%s", entry.id, turn.person.id, enrolment.id)
    texts = [_("Bewaard!"), _summary(data)]
    provider_id = enrolment.activity.provider_person_id
    provider = None
    if provider_id is not None and provider_id != turn.person.id:
        provider = await catalogue.person(turn.session, provider_id)
    if provider is not None and reachable(provider):
        entry.provider_asked_at = turn.now
        confirm.ask(turn, entry, provider, turn.person.name or "?")
        texts.append(
            _("Ik vraag {organisation} om je uren te bevestigen.").format(
                organisation=enrolment.activity.organisation
            )
        )
    else:
        texts.append(_("Laat je uren nu bevestigen door je contactpersoon."))
    turn.goto(Dialog.HOURS, HoursStep.SAVED, {"entry": entry.id})
    return [say(*texts)]


def _ask_saved(turn: Turn) -> Reply:
    return say(
        _("Wat wil je nu doen?"),
        choices=(
            Choice(f"{SHARE}:{turn.data['entry']}", _("Laat bevestigen")),
            Choice(MORE, _("Nog uren doorgeven")),
            Choice(MINE, _("Mijn uren")),
            Choice(MENU, _("Terug naar het menu")),
        ),
    )


async def _answer_saved(turn: Turn, answer: Answer) -> list[Reply]:
    match answer.choice:
        case "more":
            return await logging_hours.start(turn)
        case "mine":
            return await progress.open_mine(turn)
    if answer.choice is None and answer.text:
        return turn.hand_to_menu(answer.text)  # "nog 2 uur vandaag": as in the menu
    turn.home()
    return []


STEPS: dict[StepKey, Step] = {
    (Dialog.HOURS, HoursStep.CHECK): Step(_ask_check, _answer_check),
    (Dialog.HOURS, HoursStep.DUPLICATE): Step(_ask_duplicate, _answer_duplicate),
    (Dialog.HOURS, HoursStep.SAVED): Step(_ask_saved, _answer_saved, free_text=True),
}
