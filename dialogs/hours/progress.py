"""Mijn uren: the bar to the target, confirmed and waiting hours per activity, weeks left, and one
waiting entry to have confirmed or to remove."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from dialogs.activities.cards import verbatim
from dialogs.hours import log as logging_hours
from dialogs.hours import numbers, outcome, rights
from dialogs.hours.share import SHARE
from dialogs.hours.texts import bar, day_label, duration, number, short_day
from dialogs.messages import Choice, Msg, Reply, _, say
from dialogs.states import NO, YES, Dialog, HoursStep, StepKey
from dialogs.steps import Action, Answer, Step
from dialogs.turn import Turn
from dialogs.understanding.lexicon import Intent
from store.hours import entries
from store.hours.models import EntryStatus

log = logging.getLogger(__name__)
LOG, OVERVIEW, MENU, BACK, REMOVE = "log", "overview", "menu", "back", "remove"


async def open_mine(turn: Turn) -> list[Reply]:
    """Count once and keep the numbers in the step, so asking again shows the same list."""
    turn.goto(
        Dialog.HOURS, HoursStep.MINE, await numbers.mine(turn.session, turn.person.id, turn.today)
    )
    return []


def _deadline(data: dict[str, Any]) -> Msg | None:
    if data.get("deadline") is None:
        return None
    deadline, today = date.fromisoformat(data["deadline"]), date.fromisoformat(data["today"])
    days = (deadline - today).days
    if days < 0:
        return _("Je einddatum was {day}. Praat erover met je coach.").format(
            day=day_label(deadline)
        )
    if days < 14:
        return _("Nog {days} dagen tot {day}.").format(days=days, day=day_label(deadline))
    return _("Nog {weeks} weken tot {day}.").format(weeks=days // 7, day=day_label(deadline))


def _ask_mine(turn: Turn) -> Reply:
    data = turn.data
    target = turn.hours.rules.target
    confirmed, pending = int(data["confirmed"]), int(data["pending"])
    lines: list[Msg] = [
        _("Je uren:"),
        verbatim(bar(confirmed, target)),
        _("Bevestigd: {hours} van {target} uur.").format(hours=number(confirmed), target=target),
    ]
    if pending:
        lines.append(_("Wacht nog op bevestiging: {hours} uur.").format(hours=number(pending)))
    lines.extend(
        _("{title}: {confirmed} uur bevestigd, {pending} uur wacht.").format(
            title=title, confirmed=number(done), pending=number(waits)
        )
        if waits
        else _("{title}: {confirmed} uur bevestigd.").format(title=title, confirmed=number(done))
        for title, done, waits in data["per"]
    )
    if not data["per"]:
        lines.append(_("Je hebt nog geen uren doorgegeven."))
    if (deadline := _deadline(data)) is not None:
        lines.append(deadline)
    choices = [
        Choice(
            f"x{row['id']}",
            _("{day}: {hours}").format(
                day=short_day(date.fromisoformat(row["day"])), hours=duration(int(row["minutes"]))
            ),
        )
        for row in data["waiting"]
    ]
    if choices:
        lines.append(_("Kies uren die wachten: om ze te laten bevestigen of te verwijderen."))
    choices.append(Choice(LOG, _("Uren doorgeven")))
    if confirmed:
        choices.append(Choice(OVERVIEW, _("Mijn overzicht")))
    choices.append(Choice(MENU, _("Terug naar het menu")))
    return say(*lines, choices=tuple(choices))


async def _answer_mine(turn: Turn, answer: Answer) -> list[Reply]:
    rows = {f"x{row['id']}": row for row in turn.data["waiting"]}
    match answer.choice:
        case "log":
            return await logging_hours.start(turn)
        case "overview":
            turn.home()
            return [await outcome.overview(turn.session, turn.person, turn.hours, turn.now)]
        case "menu":
            turn.home()
            return []
    row = rows.get(answer.choice or "")
    if row is not None:
        turn.goto(Dialog.HOURS, HoursStep.ENTRY, {"row": row})
        return []
    if turn.knowledge.lexicon.intent(answer.text) is Intent.PROGRESS:
        return await open_mine(turn)  # "hoeveel uren heb ik?" again: counted anew, maybe confirmed
    return turn.hand_to_menu(answer.text)  # "gisteren 2 uur", "voetbal": as in the menu


def _ask_entry(turn: Turn) -> Reply:
    row = turn.data["row"]
    return say(
        _("{hours} bij {title} op {day}.").format(
            hours=duration(int(row["minutes"])),
            title=row["title"],
            day=day_label(date.fromisoformat(row["day"])),
        ),
        _("Die uren wachten op bevestiging."),
        choices=(
            Choice(f"{SHARE}:{row['id']}", _("Laat bevestigen")),
            Choice(REMOVE, _("Verwijderen")),
            Choice(BACK, _("Terug")),
        ),
    )


async def _answer_entry(turn: Turn, answer: Answer) -> list[Reply]:
    if answer.choice == REMOVE:
        turn.goto(Dialog.HOURS, HoursStep.REMOVE, turn.data)
        return []
    return await open_mine(turn)


def _ask_remove(turn: Turn) -> Reply:
    return say(
        _("Wil je deze uren echt verwijderen?"),
        choices=(Choice(YES, _("Ja, verwijder ze")), Choice(NO, _("Nee, houden"))),
    )


async def _answer_remove(turn: Turn, answer: Answer) -> list[Reply]:
    if answer.choice != YES:
        return await open_mine(turn)
    entry = await entries.get(turn.session, int(turn.data["row"]["id"]))
    if entry is None or entry.status == EntryStatus.REMOVED:
        reply = say(_("Die uren zijn al weg."))
    elif not rights.may_correct(turn.person, entry):
        reply = say(
            _("Die uren zijn intussen bevestigd."),
            _("Alleen een coach kan ze nog aanpassen."),
        )
    else:
        await entries.correct(
            turn.session, entry, turn.now, by_person_id=turn.person.id, reason=None, remove=True
        )
        log.info("hours entry=%s removed by person=%s", entry.id, turn.person.id)
        reply = say(_("Oké, die uren zijn weg."))
    return [reply, *await open_mine(turn)]


async def show_mine(turn: Turn, _argument: str) -> list[Reply]:
    return await open_mine(turn)


ACTIONS: dict[str, Action] = {"hours_mine": show_mine}
STEPS: dict[StepKey, Step] = {
    (Dialog.HOURS, HoursStep.MINE): Step(_ask_mine, _answer_mine, free_text=True),
    (Dialog.HOURS, HoursStep.ENTRY): Step(_ask_entry, _answer_entry),
    (Dialog.HOURS, HoursStep.REMOVE): Step(_ask_remove, _answer_remove),
}
