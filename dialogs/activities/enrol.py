"""Meer info, Ik wil dit doen, Ik wil de eerste keer samen gaan — and the clear next step."""

from __future__ import annotations

import logging
from typing import Any

from dialogs.activities import cards, mine, requests, search
from dialogs.activities.cards import Card, next_step
from dialogs.activities.matching import distance
from dialogs.cases import chat as cases
from dialogs.messages import Choice, Reply, _, say
from dialogs.states import ActivityStep, Dialog, StepKey
from dialogs.steps import Action, Answer, Step
from dialogs.turn import Turn
from store.activities import catalogue as store
from store.activities.models import Activity, Enrolment
from store.cases.models import Reason

log = logging.getLogger(__name__)
BACK_TO_LIST, MINE, MENU = "back", "mine", "menu"


def _here(turn: Turn) -> dict[str, Any] | None:
    """Where the person is now, to come back to."""
    state = turn.person.state
    if state is None:
        return None
    return {"dialog": state.dialog, "step": state.step, "data": state.data}


def _return(turn: Turn, place: dict[str, Any] | None) -> None:
    if place is None:
        turn.home()
    else:
        turn.goto(Dialog(place["dialog"]), place["step"], place["data"])


async def _activity(turn: Turn, argument: str) -> Activity | None:
    activity = await store.get(turn.session, int(argument)) if argument.isdigit() else None
    return None if activity is None or activity.archived_at is not None else activity


def _gone() -> list[Reply]:
    return [say(_("Die activiteit is er niet meer. Kies een andere."))]


def card_of(turn: Turn, activity: Activity) -> Card:
    """The card of one activity, with the distance from where the person lives."""
    km = distance(turn.person.municipality, activity.municipality, turn.knowledge.gazetteer)
    return Card.of(activity, km, turn.now.astimezone(turn.timezone).date())


# --- Meer info --------------------------------------------------------------------------------


async def info(turn: Turn, argument: str) -> list[Reply]:
    activity = await _activity(turn, argument)
    if activity is None:
        return _gone()
    came_from = _here(turn)
    if turn.position == (Dialog.ACTIVITIES, ActivityStep.DETAIL):
        came_from = turn.data.get("from")  # from one detail to another: keep the way back
    turn.goto(
        Dialog.ACTIVITIES,
        ActivityStep.DETAIL,
        {"card": card_of(turn, activity).data(), "from": came_from},
    )
    return []


def _ask_detail(turn: Turn) -> Reply:
    card = Card.load(turn.data["card"])
    return Reply(
        texts=cards.details(card),
        choices=(
            Choice(f"act_enrol:{card.id}", _("Ik wil dit doen")),
            Choice(f"act_together:{card.id}", _("Ik wil de eerste keer samen gaan")),
            Choice(BACK_TO_LIST, _("Terug")),
            Choice(MENU, _("Terug naar het menu")),
        ),
    )


async def _answer_detail(turn: Turn, answer: Answer) -> list[Reply]:
    if answer.choice == BACK_TO_LIST:
        _return(turn, turn.data.get("from"))
    else:
        turn.home()
    return []


# --- Ik wil dit doen --------------------------------------------------------------------------


async def enrol(turn: Turn, argument: str) -> list[Reply]:
    return await _enrol(turn, argument, together=False)


async def together(turn: Turn, argument: str) -> list[Reply]:
    return await _enrol(turn, argument, together=True)


async def _enrol(turn: Turn, argument: str, *, together: bool) -> list[Reply]:
    activity = await _activity(turn, argument)
    if activity is None:
        return _gone()
    enrolment, created = await store.enrol(turn.session, turn.person.id, activity, turn.now)
    log.info(
        "enrolment=%s person=%s activity=%s new=%s together=%s",
        enrolment.id,
        turn.person.id,
        activity.id,
        created,
        together,
    )
    title = activity.title
    if created:
        replies = [say(_("Goed! Je bent ingeschreven voor {title}.").format(title=title))]
    elif not together or enrolment.together_requested_at is not None:
        replies = [say(_("Je bent al ingeschreven voor {title}.").format(title=title))]
    else:
        replies = []
    if together and enrolment.together_requested_at is None:
        enrolment.together_requested_at = enrolment.updated_at = turn.now
        replies.append(say(_("Ik geef door dat je de eerste keer samen wil gaan.")))
        replies.extend(await cases.raise_help(turn, Reason.TOGETHER, title))
    replies.append(await _how_to_get_there(turn, enrolment, created))
    came_from = _here(turn)
    if turn.position in {
        (Dialog.ACTIVITIES, ActivityStep.DETAIL),
        (Dialog.ACTIVITIES, ActivityStep.ENROLLED),
    }:
        came_from = turn.data.get("from")
    turn.goto(
        Dialog.ACTIVITIES,
        ActivityStep.ENROLLED,
        {
            "enrolment": enrolment.id,
            "activity": activity.id,
            "together": _together(enrolment),
            "from": came_from,
        },
    )
    return replies


async def _how_to_get_there(turn: Turn, enrolment: Enrolment, created: bool) -> Reply:
    """Ask the provider on Wegwijs, or say whom to contact and how."""
    organisation = enrolment.activity.organisation
    if created and await requests.ask_provider(turn, enrolment):
        return say(
            _("Ik vraag aan {organisation} of je mag komen.").format(organisation=organisation),
            _("Je krijgt een bericht als ze antwoorden."),
        )
    if enrolment.waits_for_provider:
        return say(
            _("Ik wacht nog op een antwoord van {organisation}.").format(organisation=organisation)
        )
    return next_step(card_of(turn, enrolment.activity))


def _together(enrolment: Enrolment) -> bool:
    return enrolment.together_requested_at is not None


def _ask_enrolled(turn: Turn) -> Reply:
    data = turn.data
    choices = []
    if not data.get("together"):
        choices.append(
            Choice(f"act_together:{data['activity']}", _("Ik wil de eerste keer samen gaan"))
        )
    if data.get("from") and data["from"].get("step") == ActivityStep.RESULTS:
        choices.append(Choice(BACK_TO_LIST, _("Terug naar de lijst")))
    choices.append(Choice(MINE, _("Mijn activiteiten")))
    choices.append(Choice(MENU, _("Terug naar het menu")))
    return say(_("Wat wil je nu doen?"), choices=tuple(choices))


async def _answer_enrolled(turn: Turn, answer: Answer) -> list[Reply]:
    match answer.choice:
        case "back":
            _return(turn, turn.data.get("from"))
            return []
        case "mine":
            return await mine.open_mine(turn)
    turn.home()
    return []


async def new_search(turn: Turn, _argument: str) -> list[Reply]:
    """ "Iets anders zoeken" under a message that came later (a provider said no)."""
    return await search.start(turn)


ACTIONS: dict[str, Action] = {
    "act_info": info,
    "act_enrol": enrol,
    "act_together": together,
    "act_search": new_search,
}
STEPS: dict[StepKey, Step] = {
    (Dialog.ACTIVITIES, ActivityStep.DETAIL): Step(_ask_detail, _answer_detail),
    (Dialog.ACTIVITIES, ActivityStep.ENROLLED): Step(_ask_enrolled, _answer_enrolled),
}
