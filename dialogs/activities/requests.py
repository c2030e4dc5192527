"""A provider on Wegwijs says yes or no to someone who wants to join their activity.

The provider gets a message with two buttons whose ids are actions ("enrol_accept:17"), so a
press works whatever they are doing. For channels without buttons the request is also made their
open question, as a detour: "1" or "ja" answers it, and then they are back where they were. A
second request while one is open replaces it as the open question (the way back stays the first
one); after an answer the next open request is asked, oldest first, before going back.
"""

from __future__ import annotations

import logging

from dialogs.activities.cards import Card, next_step
from dialogs.activities.matching import distance
from dialogs.messages import Choice, Reply, _, say
from dialogs.states import NO, YES, Dialog, RequestStep, StepKey
from dialogs.steps import Action, Answer, Step
from dialogs.turn import Turn
from store.activities import catalogue as store
from store.activities.models import Enrolment, EnrolmentStatus, ProviderAnswer
from store.people.models import Person, Role

log = logging.getLogger(__name__)
ACCEPT, DECLINE = "enrol_accept", "enrol_decline"


def reachable(person: Person) -> bool:
    """Someone the bot may write to: they agreed, did not say /stop, and have a channel."""
    return (
        person.consent_at is not None
        and person.paused_at is None
        and any(account.active for account in person.accounts)
    )


async def ask_provider(turn: Turn, enrolment: Enrolment) -> bool:
    """Ask the activity's provider, when they are on Wegwijs; False when they cannot be asked."""
    activity = enrolment.activity
    provider_id = activity.provider_person_id
    if provider_id is None or provider_id == turn.person.id:
        return False
    provider = await store.person(turn.session, provider_id)
    if provider is None or not reachable(provider):
        return False
    enrolment.provider_asked_at = turn.now
    name = turn.person.name or _FALLBACK_NAME
    turn.tell(provider, _request(enrolment.id, name, activity.title, actions=True))
    data = {"enrolment": enrolment.id, "name": name, "title": activity.title}
    turn.put_question(provider, Dialog.REQUESTS, RequestStep.ENROLMENT, data)
    return True


_FALLBACK_NAME = "?"


def _request(enrolment_id: int, name: str, title: str, *, actions: bool) -> Reply:
    yes, no = (f"{ACCEPT}:{enrolment_id}", f"{DECLINE}:{enrolment_id}") if actions else (YES, NO)
    return say(
        _("{name} wil graag meedoen met {title}.").format(name=name, title=title),
        _("Is dat goed?"),
        choices=(
            Choice(yes, _("Ja, welkom"), also=(YES,)),
            Choice(no, _("Nee, nu niet"), also=(NO,)),
        ),
    )


def _ask(turn: Turn) -> Reply:
    data = turn.data
    return _request(int(data["enrolment"]), str(data["name"]), str(data["title"]), actions=False)


async def _answer(turn: Turn, answer: Answer) -> list[Reply]:
    return await decide(turn, int(turn.data["enrolment"]), accept=answer.choice == YES)


async def accept(turn: Turn, argument: str) -> list[Reply]:
    return await decide(turn, _number(argument), accept=True)


async def decline(turn: Turn, argument: str) -> list[Reply]:
    return await decide(turn, _number(argument), accept=False)


def _number(argument: str) -> int:
    return int(argument) if argument.isdigit() else 0


async def decide(turn: Turn, enrolment_id: int, *, accept: bool) -> list[Reply]:
    """Record the provider's answer and tell the participant; checked here, not by buttons."""
    enrolment = await store.enrolment(turn.session, enrolment_id)
    if enrolment is None:
        replies = [say(_("Die vraag is er niet meer."))]
    elif not _may_answer(turn.person, enrolment):
        return [say(_("Die vraag is voor iemand anders."))]
    elif enrolment.provider_answer is not None or enrolment.status == EnrolmentStatus.STOPPED:
        replies = [say(_("Die vraag is al beantwoord. Dank je!"))]
    else:
        replies = [_record(turn, enrolment, accept)]
    await _advance(turn, enrolment_id)
    return replies


def _may_answer(person: Person, enrolment: Enrolment) -> bool:
    return enrolment.activity.provider_person_id == person.id or Role.STAFF in person.roles


def _record(turn: Turn, enrolment: Enrolment, accept: bool) -> Reply:
    participant = enrolment.person
    log.info("enrolment=%s answered by person=%s accept=%s", enrolment.id, turn.person.id, accept)
    enrolment.provider_answer = (
        ProviderAnswer.ACCEPTED if accept else ProviderAnswer.DECLINED
    ).value
    enrolment.provider_answered_at = enrolment.updated_at = turn.now
    if not accept:
        store.set_status(enrolment, EnrolmentStatus.STOPPED, turn.now)
    if reachable(participant):
        turn.tell(participant, _to_participant(turn, enrolment, accept))
    name = participant.name or _FALLBACK_NAME
    if accept:
        return say(_("Dank je! Ik laat het {name} weten.").format(name=name))
    return say(_("Oké. Ik laat het {name} weten.").format(name=name))


def _to_participant(turn: Turn, enrolment: Enrolment, accept: bool) -> Reply:
    activity = enrolment.activity
    organisation, title = activity.organisation, activity.title
    if not accept:
        return say(
            _("{organisation} kan je nu niet ontvangen bij {title}.").format(
                organisation=organisation, title=title
            ),
            _("Dat is jammer. Zoek samen met mij iets anders."),
            choices=(Choice("act_search:", _("Iets anders zoeken")),),
        )
    km = distance(enrolment.person.municipality, activity.municipality, turn.knowledge.gazetteer)
    card = Card.of(activity, km, turn.now.astimezone(turn.timezone).date())
    return say(
        _("Goed nieuws! {organisation} zegt ja.").format(organisation=organisation),
        _("Je bent welkom bij {title}.").format(title=title),
        *next_step(card).texts,
    )


async def _advance(turn: Turn, answered: int) -> None:
    """After an answer to the open request: the next open one, or back where they were."""
    if turn.position != (Dialog.REQUESTS, RequestStep.ENROLMENT):
        return
    if turn.data.get("enrolment") != answered:
        return  # they answered an older message; their open question stays
    waiting = [
        e for e in await store.open_requests(turn.session, turn.person.id) if e.id != answered
    ]
    if not waiting:
        turn.back()
        return
    following = waiting[0]
    turn.update(
        enrolment=following.id,
        name=following.person.name or _FALLBACK_NAME,
        title=following.activity.title,
    )


ACTIONS: dict[str, Action] = {ACCEPT: accept, DECLINE: decline}
STEPS: dict[StepKey, Step] = {(Dialog.REQUESTS, RequestStep.ENROLMENT): Step(_ask, _answer)}
