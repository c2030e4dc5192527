"""Mijn activiteiten: what I signed up for, and saying I started or stopped."""

from __future__ import annotations

from typing import Any

from dialogs.activities import search
from dialogs.activities.cards import verbatim
from dialogs.messages import Choice, Msg, Reply, _, say
from dialogs.states import ActivityStep, Dialog, RequestStep, StepKey
from dialogs.steps import Action, Answer, Step
from dialogs.turn import Turn
from store.activities import catalogue as store
from store.activities.models import Enrolment, EnrolmentStatus

STATUS_LABELS: dict[str, Msg] = {
    EnrolmentStatus.INTERESTED: _("ingeschreven"),
    EnrolmentStatus.STARTED: _("bezig"),
    EnrolmentStatus.COMPLETED: _("klaar"),
    EnrolmentStatus.STOPPED: _("gestopt"),
}
WAITING = _("wacht op antwoord")
OPEN = (EnrolmentStatus.INTERESTED, EnrolmentStatus.STARTED)
STARTED, STOPPED, BACK, SEARCH, MENU = "started", "stopped", "back", "search", "menu"
MINE = "mine"


def status_label(enrolment: Enrolment) -> Msg:
    if enrolment.waits_for_provider and enrolment.status == EnrolmentStatus.INTERESTED:
        return WAITING
    return STATUS_LABELS.get(enrolment.status, STATUS_LABELS[EnrolmentStatus.INTERESTED])


def _row(enrolment: Enrolment) -> dict[str, Any]:
    activity = enrolment.activity
    return {
        "id": enrolment.id,
        "activity": activity.id,
        "title": activity.title,
        "municipality": activity.municipality,
        "status": enrolment.status,
        "waiting": enrolment.waits_for_provider,
    }


async def open_mine(turn: Turn) -> list[Reply]:
    rows = [_row(item) for item in await store.enrolments(turn.session, turn.person.id)]
    # A provider sees here who waits for their answer, also after leaving that question.
    waiting = [
        {"enrolment": item.id, "name": item.person.name or "?", "title": item.activity.title}
        for item in await store.open_requests(turn.session, turn.person.id)
    ]
    turn.goto(Dialog.ACTIVITIES, ActivityStep.MINE, {"enrolments": rows, "requests": waiting})
    return []


async def open_requests(turn: Turn) -> list[Reply]:
    """A provider's menu item: only who waits for their answer, not their own sign-ups."""
    waiting = [
        {"enrolment": item.id, "name": item.person.name or "?", "title": item.activity.title}
        for item in await store.open_requests(turn.session, turn.person.id)
    ]
    data = {"enrolments": [], "requests": waiting, "requests_only": True}
    turn.goto(Dialog.ACTIVITIES, ActivityStep.MINE, data)
    return []


def _label(row: dict[str, Any]) -> Msg:
    if row["waiting"] and row["status"] == EnrolmentStatus.INTERESTED:
        return WAITING
    return STATUS_LABELS.get(row["status"], STATUS_LABELS[EnrolmentStatus.INTERESTED])


def _ask_mine(turn: Turn) -> Reply:
    rows = turn.data.get("enrolments", [])
    waiting = turn.data.get("requests", [])
    if waiting:
        return _ask_requests(rows, waiting)
    if turn.data.get("requests_only"):
        return say(
            _("Niemand wacht op jouw antwoord."),
            choices=(Choice(MENU, _("Terug naar het menu")),),
        )
    if not rows:
        return say(
            _("Je hebt je nog niet ingeschreven voor een activiteit."),
            choices=(
                Choice(SEARCH, _("Een activiteit zoeken")),
                Choice(MENU, _("Terug naar het menu")),
            ),
        )
    lines = [_("Dit zijn jouw activiteiten:")]
    lines.extend(
        _("{title} in {municipality}: {status}").format(
            title=row["title"], municipality=row["municipality"], status=_label(row)
        )
        for row in rows
    )
    choices = [
        Choice(f"e{row['id']}", verbatim(row["title"])) for row in rows if row["status"] in OPEN
    ]
    if choices:
        lines.append(_("Kies een activiteit om te zeggen hoe het gaat."))
    choices.append(Choice(SEARCH, _("Een activiteit zoeken")))
    choices.append(Choice(MENU, _("Terug naar het menu")))
    return say(*lines, choices=tuple(choices))


def _ask_requests(rows: list[dict[str, Any]], waiting: list[dict[str, Any]]) -> Reply:
    lines = [_("Deze mensen wachten op jouw antwoord:")]
    lines.extend(
        _("{name} wil graag meedoen met {title}.").format(name=item["name"], title=item["title"])
        for item in waiting
    )
    choices = [
        Choice(f"r{item['enrolment']}", _("Antwoord aan {name}").format(name=item["name"]))
        for item in waiting
    ]
    if rows:
        choices.append(Choice(MINE, _("Mijn activiteiten")))
    choices.append(Choice(MENU, _("Terug naar het menu")))
    return say(*lines, choices=tuple(choices))


async def _answer_mine(turn: Turn, answer: Answer) -> list[Reply]:
    waiting = {f"r{item['enrolment']}": item for item in turn.data.get("requests", [])}
    if answer.choice in waiting:
        turn.goto(Dialog.REQUESTS, RequestStep.ENROLMENT, waiting[answer.choice])
        return []
    if answer.choice == MINE:
        turn.update(requests=[])  # the list of my own sign-ups, without the requests
        return []
    if answer.choice == SEARCH:
        return await search.start(turn)
    if answer.choice == MENU:
        turn.home()
        return []
    rows = {f"e{row['id']}": row for row in turn.data.get("enrolments", [])}
    row = rows.get(answer.choice or "")
    if row is not None:
        turn.goto(Dialog.ACTIVITIES, ActivityStep.ENROLMENT, {"row": row})
    return []


def _ask_enrolment(turn: Turn) -> Reply:
    row = turn.data["row"]
    choices = []
    if row["status"] == EnrolmentStatus.INTERESTED:
        choices.append(Choice(STARTED, _("Ik ben begonnen")))
    choices += [
        Choice(STOPPED, _("Ik ben gestopt")),
        Choice(f"act_info:{row['activity']}", _("Meer info")),
        Choice(BACK, _("Terug")),
    ]
    return say(
        _("{title} in {municipality}: {status}").format(
            title=row["title"], municipality=row["municipality"], status=_label(row)
        ),
        _("Hoe gaat het?"),
        choices=tuple(choices),
    )


async def _answer_enrolment(turn: Turn, answer: Answer) -> list[Reply]:
    row = turn.data["row"]
    if answer.choice == BACK:
        return await open_mine(turn)
    found = await store.enrolment(turn.session, int(row["id"]))
    if found is None or found.person_id != turn.person.id:
        return await open_mine(turn)
    title = found.activity.title
    if answer.choice == STARTED:
        store.set_status(found, EnrolmentStatus.STARTED, turn.now)
        reply = say(_("Fijn! Veel plezier bij {title}.").format(title=title))
    else:
        store.set_status(found, EnrolmentStatus.STOPPED, turn.now)
        reply = say(
            _("Oké, je bent gestopt met {title}.").format(title=title),
            _("Wil je iets anders doen? Zoek dan een nieuwe activiteit."),
        )
    return [reply, *await open_mine(turn)]


async def show_mine(turn: Turn, _argument: str) -> list[Reply]:
    return await open_mine(turn)


ACTIONS: dict[str, Action] = {"act_mine": show_mine}
STEPS: dict[StepKey, Step] = {
    (Dialog.ACTIVITIES, ActivityStep.MINE): Step(_ask_mine, _answer_mine),
    (Dialog.ACTIVITIES, ActivityStep.ENROLMENT): Step(_ask_enrolment, _answer_enrolment),
}
