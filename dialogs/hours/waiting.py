"""*Uren die wachten*: the hours a provider, coach or staff member may confirm, from their menu.
Picking one asks the same question as a provider gets (`confirm`); rights are checked there."""

from __future__ import annotations

from datetime import date
from typing import Any

from dialogs.hours import confirm
from dialogs.hours.texts import duration, short_day
from dialogs.messages import Choice, Reply, _, say
from dialogs.states import CheckStep, Dialog, StepKey
from dialogs.steps import Answer, Step
from dialogs.turn import Turn
from store.activities import catalogue

SHOWN = 8  # a list on a phone: the oldest first, the rest after these are done
MENU = "menu"


async def open_waiting(turn: Turn) -> list[Reply]:
    rows = []
    for entry in await confirm.queue(turn, SHOWN):
        person = await catalogue.person(turn.session, entry.person_id)
        rows.append(confirm.entry_data(entry, (person.name if person else None) or "?"))
    turn.goto(Dialog.HOUR_CHECKS, CheckStep.WAITING, {"rows": rows})
    return []


def _ask(turn: Turn) -> Reply:
    rows: list[dict[str, Any]] = turn.data.get("rows", [])
    back = Choice(MENU, _("Terug naar het menu"))
    if not rows:
        return say(_("Er wachten geen uren op jou. Dank je!"), choices=(back,))
    choices = tuple(
        Choice(
            f"w{row['entry']}",
            _("{name}: {hours} op {day}").format(
                name=row["name"],
                hours=duration(int(row["minutes"])),
                day=short_day(date.fromisoformat(row["day"])),
            ),
        )
        for row in rows
    )
    return say(_("Deze uren wachten op een antwoord. Kies er een."), choices=(*choices, back))


async def _answer(turn: Turn, answer: Answer) -> list[Reply]:
    rows = {f"w{row['entry']}": row for row in turn.data.get("rows", [])}
    if answer.choice in rows:
        turn.goto(Dialog.HOUR_CHECKS, CheckStep.CONFIRM, {**rows[answer.choice], "queue": True})
        return []
    turn.home()
    return []


STEPS: dict[StepKey, Step] = {(Dialog.HOUR_CHECKS, CheckStep.WAITING): Step(_ask, _answer)}
