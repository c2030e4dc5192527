"""Buddies in the chat: a participant sees their buddy (first name only) and may end the link;
a buddy sees their participants' coming sessions and activities, and nothing else of them."""

from __future__ import annotations

from typing import Any

from dialogs.buddies import links as buddy_links
from dialogs.buddies.links import first_name
from dialogs.messages import Choice, Msg, Reply, _, say
from dialogs.sessions.texts import row, when_where
from dialogs.states import NO, YES, BuddyStep, Dialog, StepKey
from dialogs.steps import Action, Answer, Step
from dialogs.turn import Turn
from store.activities import catalogue
from store.activities.models import EnrolmentStatus
from store.buddies import links
from store.people.models import Person
from store.sessions import rsvps
from store.sessions.models import Answer as Rsvp

STOP = "buddy_stop"
MENU = "menu"
SHOWN_SESSIONS = 3  # a buddy's list per participant: what fits on a phone screen
_GOING = {Rsvp.YES.value, Rsvp.MAYBE.value, Rsvp.WAITING.value}
_DOING = {EnrolmentStatus.INTERESTED, EnrolmentStatus.STARTED}
_BACK = Choice(MENU, _("Terug naar het menu"))


async def open_mine(turn: Turn) -> list[Reply]:
    """A participant's buddies (first names), to see and to end."""
    buddies = []
    for buddy_id in await links.buddies_of(turn.session, turn.person.id):
        buddy = await catalogue.person(turn.session, buddy_id)
        if buddy is not None:
            buddies.append({"id": buddy.id, "name": first_name(buddy)})
    turn.goto(Dialog.BUDDIES, BuddyStep.MINE, {"buddies": buddies})
    return []


def _ask_mine(turn: Turn) -> Reply:
    buddies: list[dict[str, Any]] = turn.data.get("buddies", [])
    if not buddies:
        return say(
            _("Je hebt nog geen buddy."),
            _("Een buddy is een vrijwilliger. Een buddy gaat met je mee naar een activiteit."),
            _("Wil je een buddy? Vraag het aan je coach."),
            choices=(_BACK,),
        )
    lines = [_("Je buddy is {name}.").format(name=buddy["name"]) for buddy in buddies]
    stops = tuple(
        Choice(
            f"{STOP}:{buddy['id']}:{turn.person.id}",
            _("Stop met {name} als buddy").format(name=buddy["name"]),
        )
        for buddy in buddies
    )
    return say(*lines, choices=(*stops, _BACK))


async def open_participants(turn: Turn) -> list[Reply]:
    """A buddy's participants with their coming sessions and activities (no hours, no number)."""
    people = []
    for person_id in await links.participants_of(turn.session, turn.person.id):
        participant = await catalogue.person(turn.session, person_id)
        if participant is not None:
            people.append(await _seen_by_buddy(turn, participant))
    turn.goto(Dialog.BUDDIES, BuddyStep.PARTICIPANTS, {"people": people})
    return []


async def _seen_by_buddy(turn: Turn, participant: Person) -> dict[str, Any]:
    coming = [
        answer.session
        for answer in await rsvps.of_person(turn.session, participant.id)
        if answer.answer in _GOING
        and answer.session.cancelled_at is None
        and answer.session.starts_at > turn.now
    ]
    coming.sort(key=lambda item: item.starts_at)
    activities = [
        enrolment.activity.title
        for enrolment in await catalogue.enrolments(turn.session, participant.id)
        if enrolment.status in _DOING
    ]
    return {
        "id": participant.id,
        "name": first_name(participant),
        "sessions": [row(item) for item in coming[:SHOWN_SESSIONS]],
        "activities": activities,
    }


def _ask_participants(turn: Turn) -> Reply:
    people: list[dict[str, Any]] = turn.data.get("people", [])
    if not people:
        return say(
            _("Je bent nog voor niemand buddy."),
            _("Een coach koppelt je aan een deelnemer."),
            choices=(_BACK,),
        )
    lines: list[Msg] = []
    for person in people:
        lines.append(_("🔹 {name}").format(name=person["name"]))
        for shown in person["sessions"]:
            lines.append(_("Taalplezier: {when}").format(when=when_where(shown, turn.timezone)))
        if person["activities"]:
            lines.append(_("Activiteiten: {titles}").format(titles=", ".join(person["activities"])))
        if not person["sessions"] and not person["activities"]:
            lines.append(_("Nog geen activiteit. Nog geen Taalplezier."))
    stops = tuple(
        Choice(
            f"{STOP}:{turn.person.id}:{person['id']}",
            _("Stop als buddy van {name}").format(name=person["name"]),
        )
        for person in people
    )
    return say(*lines, choices=(*stops, _BACK))


async def _back(turn: Turn, answer: Answer) -> list[Reply]:
    turn.home()
    return []


async def stop(turn: Turn, argument: str) -> list[Reply]:
    """A "Stop" button: asks first, since the other side is told."""
    pair = _pair(argument)
    found = None if pair is None else await links.find(turn.session, *pair)
    if pair is None or found is None or turn.person.id not in pair:
        return [say(_("Die buddy-koppeling is er niet meer."))]
    buddy_id, participant_id = pair
    other = await catalogue.person(
        turn.session, participant_id if turn.person.id == buddy_id else buddy_id
    )
    name = "?" if other is None else first_name(other)
    turn.goto(
        Dialog.BUDDIES,
        BuddyStep.END,
        {"buddy": buddy_id, "participant": participant_id, "name": name},
    )
    return []


def _ask_end(turn: Turn) -> Reply:
    name = turn.data["name"]
    if turn.data["buddy"] == turn.person.id:
        question = _("Wil je stoppen als buddy van {name}?").format(name=name)
    else:
        question = _("Wil je stoppen met {name} als buddy?").format(name=name)
    return say(
        question,
        _("Ik laat het {name} weten.").format(name=name),
        choices=(Choice(YES, _("Ja, stop")), Choice(NO, _("Nee"))),
    )


async def _answer_end(turn: Turn, answer: Answer) -> list[Reply]:
    data = turn.data
    turn.home()
    if answer.choice != YES:
        return [say(_("Oké, er verandert niets."))]
    buddy = await catalogue.person(turn.session, data["buddy"])
    participant = await catalogue.person(turn.session, data["participant"])
    ended = None
    if buddy is not None and participant is not None:
        ended = await buddy_links.end(turn.session, buddy, participant, turn.person)
    if ended is None:
        return [say(_("Die buddy-koppeling is er niet meer."))]
    turn.outgoing.extend(ended.news)
    if turn.person.id == data["buddy"]:
        return [say(_("Oké, je bent niet meer buddy van {name}.").format(name=data["name"]))]
    return [say(_("Oké, {name} is niet meer je buddy.").format(name=data["name"]))]


def _pair(argument: str) -> tuple[int, int] | None:
    buddy, _sep, participant = argument.partition(":")
    if not (buddy.isdigit() and participant.isdigit()):
        return None
    return int(buddy), int(participant)


ACTIONS: dict[str, Action] = {STOP: stop}
STEPS: dict[StepKey, Step] = {
    (Dialog.BUDDIES, BuddyStep.MINE): Step(_ask_mine, _back),
    (Dialog.BUDDIES, BuddyStep.PARTICIPANTS): Step(_ask_participants, _back),
    (Dialog.BUDDIES, BuddyStep.END): Step(_ask_end, _answer_end),
}
