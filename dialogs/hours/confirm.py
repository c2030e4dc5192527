"""A provider, coach or staff member on Wegwijs confirms someone's hours: ✅ or ❌ (+ a reason).

Like a provider's answer to a sign-up (`dialogs/activities/requests.py`): the question comes as a
message whose buttons are actions ("hours_yes:12.1": entry 12 as shown in version 1), and it is
also made the confirmer's open question, so "ja" or "1" answers it on channels without buttons.
Who may answer is checked here (`rights`); the store lets only one decision win.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from dialogs.activities.requests import reachable
from dialogs.hours import outcome, rights
from dialogs.hours.texts import day_label, duration
from dialogs.messages import Choice, Reply, _, say
from dialogs.states import NO, YES, CheckStep, Dialog, StepKey
from dialogs.steps import Action, Answer, Step
from dialogs.turn import Turn
from store.activities import catalogue
from store.buddies import links
from store.hours import entries
from store.hours.entries import Decision
from store.hours.models import EntryStatus, HourEntry
from store.people.models import Person, Role

log = logging.getLogger(__name__)
CONFIRM, REJECT = "hours_yes", "hours_no"
WITHOUT_REASON = "no_reason"
REASON_LENGTH = 300
_QUESTIONS = {(Dialog.HOUR_CHECKS, CheckStep.CONFIRM), (Dialog.HOUR_CHECKS, CheckStep.REASON)}


def entry_data(entry: HourEntry, name: str) -> dict[str, Any]:
    """What the question about `entry` shows, kept in the step's data."""
    return {
        "entry": entry.id,
        "version": entry.version,
        "name": name,
        "minutes": entry.minutes,
        "day": entry.day.isoformat(),
        "title": entry.enrolment.activity.title,
    }


def _question(data: dict[str, Any], *, actions: bool) -> Reply:
    argument = f"{data['entry']}.{data['version']}"
    yes, no = (f"{CONFIRM}:{argument}", f"{REJECT}:{argument}") if actions else (YES, NO)
    return say(
        _("Bevestig {hours} van {name} op {day} bij {title}?").format(
            hours=duration(int(data["minutes"])),
            name=data["name"],
            day=day_label(date.fromisoformat(data["day"])),
            title=data["title"],
        ),
        choices=(
            Choice(yes, _("✅ Ja, dat klopt"), also=(YES,)),
            Choice(no, _("❌ Nee, dat klopt niet"), also=(NO,)),
        ),
    )


def ask(turn: Turn, entry: HourEntry, confirmer: Person, participant_name: str) -> None:
    """Send the question to `confirmer` and make it their open question."""
    data = entry_data(entry, participant_name)
    turn.tell(confirmer, _question(data, actions=True))
    turn.put_question(confirmer, Dialog.HOUR_CHECKS, CheckStep.CONFIRM, data)


def _parse(argument: str) -> tuple[int, int]:
    entry, _sep, version = argument.partition(".")
    return (int(entry), int(version)) if entry.isdigit() and version.isdigit() else (0, 0)


async def confirm(turn: Turn, argument: str) -> list[Reply]:
    return await decide(turn, *_parse(argument), confirm=True)


async def reject(turn: Turn, argument: str) -> list[Reply]:
    """❌ first asks why; the decision is taken with the reason."""
    entry_id, version = _parse(argument)
    entry = await entries.get(turn.session, entry_id)
    refused = await _refusal(turn, entry, version)
    if refused is not None:
        return refused
    assert entry is not None
    participant = await catalogue.person(turn.session, entry.person_id)
    name = (participant.name if participant else None) or "?"
    data = entry_data(entry, name)
    if turn.position in _QUESTIONS:
        turn.goto(Dialog.HOUR_CHECKS, CheckStep.REASON, {**turn.data, **data})
    else:
        turn.detour(Dialog.HOUR_CHECKS, CheckStep.REASON, data)
    return []


async def _refusal(turn: Turn, entry: HourEntry | None, version: int) -> list[Reply] | None:
    """Why this person cannot answer (now), or None when they can."""
    if entry is None or entry.status == EntryStatus.REMOVED:
        return [say(_("Die uren zijn er niet meer."))]
    if rights.confirmer(turn.person, entry, await goes_along_with(turn)) is None:
        return [say(_("Die vraag is voor iemand anders."))]
    if entry.status != EntryStatus.PENDING:
        return [say(_("Die uren zijn al beantwoord. Dank je!"))]
    if entry.version != version:
        participant = await catalogue.person(turn.session, entry.person_id)
        fresh = entry_data(entry, (participant.name if participant else None) or "?")
        return [say(_("Die uren zijn intussen veranderd.")), _question(fresh, actions=True)]
    return None


async def decide(
    turn: Turn, entry_id: int, version: int, *, confirm: bool, reason: str | None = None
) -> list[Reply]:
    """Record the answer and tell the participant; the first of two confirmers wins."""
    entry = await entries.get(turn.session, entry_id)
    along = await goes_along_with(turn)
    refused = await _refusal(turn, entry, version)
    if refused is not None:
        if entry is not None and rights.confirmer(turn.person, entry, along) is None:
            return refused  # someone else's question: their open question stays as it is
        await _advance(turn, entry_id)
        return refused
    assert entry is not None
    via = rights.confirmer(turn.person, entry, along)
    assert via is not None
    name = turn.person.name or "?"
    won = await entries.decide(
        turn.session, entry, version, Decision(confirm, via, turn.person.id, name, reason), turn.now
    )
    await _advance(turn, entry_id)
    if not won:
        return [say(_("Iemand anders was je voor. Die uren zijn al beantwoord."))]
    log.info(
        "hours entry=%s decided by person=%s via=%s confirm=%s",
        entry.id,
        turn.person.id,
        via,
        confirm,
    )
    participant = await catalogue.person(turn.session, entry.person_id)
    if participant is not None and reachable(participant):
        news = await outcome.for_participant(
            turn.session, entry, participant, name, turn.hours, turn.now
        )
        for reply in news:
            turn.tell(participant, reply)
    who = (participant.name if participant else None) or "?"
    if confirm:
        return [say(_("Dank je! Ik laat het {name} weten.").format(name=who))]
    return [say(_("Oké. Ik laat het {name} weten.").format(name=who))]


async def queue(turn: Turn, limit: int = 8) -> list[HourEntry]:
    """What this person may check, oldest first: their activities' hours, and as coach or
    staff everyone else's."""
    found = list(await entries.waiting_for(turn.session, turn.person.id))
    along = await goes_along_with(turn)
    everyone = bool(turn.person.roles & {Role.COACH, Role.STAFF})
    if everyone or along:
        seen = {entry.id for entry in found}
        more = await entries.pending(
            turn.session, not_of=turn.person.id, limit=limit, of=None if everyone else along
        )
        found.extend(entry for entry in more if entry.id not in seen)
    return [entry for entry in found if rights.confirmer(turn.person, entry, along)][:limit]


async def goes_along_with(turn: Turn) -> frozenset[int]:
    """The participants this person is the buddy of (the rights ask it)."""
    if Role.BUDDY not in turn.person.roles:
        return frozenset()
    return frozenset(await links.participants_of(turn.session, turn.person.id))


async def _advance(turn: Turn, answered: int) -> None:
    """After an answer to the open question: the next waiting entry, or back where they were."""
    if turn.position not in _QUESTIONS or turn.data.get("entry") != answered:
        return
    from_list = bool(turn.data.get("queue"))
    waiting = (
        await queue(turn) if from_list else await entries.waiting_for(turn.session, turn.person.id)
    )
    waiting = [e for e in waiting if e.id != answered]
    if not waiting:
        turn.back()
        return
    following = waiting[0]
    participant = await catalogue.person(turn.session, following.person_id)
    data = entry_data(following, (participant.name if participant else None) or "?")
    turn.goto(Dialog.HOUR_CHECKS, CheckStep.CONFIRM, {**turn.data, **data})


def _ask_confirm(turn: Turn) -> Reply:
    return _question(turn.data, actions=False)


async def _answer_confirm(turn: Turn, answer: Answer) -> list[Reply]:
    data = turn.data
    if answer.choice == YES:
        return await decide(turn, int(data["entry"]), int(data["version"]), confirm=True)
    return await reject(turn, f"{data['entry']}.{data['version']}")


def _ask_reason(turn: Turn) -> Reply:
    return say(
        _("Wat klopt er niet? Schrijf het kort."),
        choices=(Choice(WITHOUT_REASON, _("Zonder reden")),),
    )


async def _answer_reason(turn: Turn, answer: Answer) -> list[Reply]:
    data = turn.data
    reason = None if answer.choice == WITHOUT_REASON else answer.text[:REASON_LENGTH].strip()
    return await decide(
        turn, int(data["entry"]), int(data["version"]), confirm=False, reason=reason or None
    )


ACTIONS: dict[str, Action] = {CONFIRM: confirm, REJECT: reject}
STEPS: dict[StepKey, Step] = {
    (Dialog.HOUR_CHECKS, CheckStep.CONFIRM): Step(_ask_confirm, _answer_confirm),
    (Dialog.HOUR_CHECKS, CheckStep.REASON): Step(_ask_reason, _answer_reason, free_text=True),
}
