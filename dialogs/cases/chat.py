"""Help cases in the chat. A person who needs a human opens a case (or adds a reason to theirs);
the coaches of their municipality get an alert with *Ik neem dit op*; the coach who claims it
talks with the person through the bot, so no private number is exchanged; `/klaar` ends it."""

from __future__ import annotations

import logging
from typing import Any

from dialogs.activities.cards import verbatim
from dialogs.cases import rights
from dialogs.messages import Choice, Msg, Reply, _, say
from dialogs.states import CaseStep, Dialog, StepKey
from dialogs.steps import Answer, Step
from dialogs.turn import Turn
from store.activities import catalogue
from store.cases import cases
from store.cases.models import Case, CaseStatus, Reason
from store.people.models import Person, Role

log = logging.getLogger(__name__)

CLAIM, VIEW, TALK, RATE = "case_claim", "case_view", "case_talk", "case_rate"
REASONS: dict[str, Msg] = {
    Reason.ASKED.value: _("vraagt om een coach"),
    Reason.SEARCH.value: _("zoekt een activiteit met een coach"),
    Reason.TOGETHER.value: _("wil de eerste keer samen gaan"),
}


async def raise_help(turn: Turn, reason: Reason, detail: str | None = None) -> list[Reply]:
    """Open a case (or add the reason to the open one) and alert the coaches once."""
    case, new = await cases.raise_case(turn.session, turn.person, reason, detail, turn.now)
    if not new:
        return [say(_("Je vraag is al bij een coach. Een coach stuurt je snel een bericht."))]
    coaches = [
        coach
        for coach in await cases.coaches_for(turn.session, case.municipality)
        if coach.id != turn.person.id
    ]
    data = _data(turn, case, turn.person)
    for coach in coaches:
        turn.tell(coach, _alert(data))
        # Their open question too, so "1" typed (Signal, the console) takes the case.
        turn.put_question(coach, Dialog.CASES, CaseStep.ALERT, data)
    log.info(
        "case=%s opened person=%s reason=%s coaches=%d",
        case.id,
        turn.person.id,
        reason,
        len(coaches),
    )
    return [
        say(
            _("Ik geef je vraag door aan een coach."),
            _("Een coach stuurt je een bericht. Meestal binnen 1 werkdag."),
        )
    ]


def _data(turn: Turn, case: Case, person: Person | None) -> dict[str, Any]:
    """What a coach is shown of a case, as plain data a question can keep."""
    language = turn.knowledge.catalogs.language(person.help_language).name if person else "?"
    return {
        "case": case.id,
        "name": (person.name if person else None) or "?",
        "municipality": case.municipality or "?",
        "language": language,
        "reasons": [r["reason"] for r in case.reasons if r["reason"] in REASONS],
        "details": [r["detail"] for r in case.reasons if r.get("detail")],
        "since": case.opened_at.astimezone(turn.timezone).strftime("%d-%m %H:%M"),
    }


def _alert(data: dict[str, Any]) -> Reply:
    return say(
        *_summary(data),
        choices=(
            Choice(f"{CLAIM}:{data['case']}", _("Ik neem dit op")),
            Choice(f"{VIEW}:{data['case']}", _("Bekijk")),
        ),
    )


def _summary(data: dict[str, Any]) -> tuple[Msg, ...]:
    lines = [
        _("Hulpvraag van {name} ({municipality}).").format(
            name=data["name"], municipality=data["municipality"]
        ),
        _("Taal: {language}. Sinds {since}.").format(
            language=data["language"], since=data["since"]
        ),
        _("Waarom: {reasons}").format(reasons=tuple(REASONS[r] for r in data["reasons"])),
    ]
    lines.extend(verbatim(f"• {detail}") for detail in data["details"])
    return tuple(lines)


def _ask_alert(turn: Turn) -> Reply:
    return _alert(turn.data)


async def _answer_alert(turn: Turn, answer: Answer) -> list[Reply]:
    """A typed word, not a choice: back where they were; the case stays in /hulpvragen."""
    turn.back()
    return turn.hand_to_menu(answer.text) if answer.text else []


async def _case(turn: Turn, argument: str) -> tuple[Case | None, list[str]]:
    head = argument.split(":", 1)[0]
    found = await cases.get(turn.session, int(head)) if head.isdigit() else None
    return found, await cases.areas_of(turn.session, turn.person.id)


async def view(turn: Turn, argument: str) -> list[Reply]:
    case, areas = await _case(turn, argument)
    if case is None or not rights.may_see(turn.person, case, areas):
        return [say(_("Die hulpvraag is niet voor jou."))]
    person = (
        None if case.person_id is None else await catalogue.person(turn.session, case.person_id)
    )
    choices: tuple[Choice, ...] = ()
    if case.status == CaseStatus.OPEN.value:
        choices = (Choice(f"{CLAIM}:{case.id}", _("Ik neem dit op")),)
    elif rights.may_talk(turn.person, case) and person is not None:
        choices = (Choice(f"{TALK}:{case.id}", _talk_label(person)),)
    if turn.position == (Dialog.CASES, CaseStep.ALERT):
        turn.back()
    return [say(*_summary(_data(turn, case, person)), choices=choices)]


async def claim(turn: Turn, argument: str) -> list[Reply]:
    """*Ik neem dit op*: one coach wins, however many press at the same moment."""
    if turn.position == (Dialog.CASES, CaseStep.ALERT):
        turn.back()
    case, areas = await _case(turn, argument)
    if case is None or not rights.may_claim(turn.person, case, areas):
        return [say(_("Die hulpvraag is niet voor jou."))]
    if case.status == CaseStatus.RESOLVED.value:
        return [say(_("Die hulpvraag is al afgesloten."))]
    if not await cases.claim(turn.session, case.id, turn.person.id, turn.now):
        case = await cases.get(turn.session, case.id)
        holder = None
        if case is not None and case.coach_person_id is not None:
            holder = await catalogue.person(turn.session, case.coach_person_id)
        if holder is not None and holder.id == turn.person.id:
            return [say(_("Je hebt deze hulpvraag al."))]
        who = (holder.name if holder else None) or "?"
        return [say(_("{coach} helpt al bij deze hulpvraag.").format(coach=who))]
    case = await cases.get(turn.session, case.id)
    assert case is not None
    log.info("case=%s claimed by person=%s", case.id, turn.person.id)
    person = (
        None if case.person_id is None else await catalogue.person(turn.session, case.person_id)
    )
    if person is None:
        return [say(_("Die hulpvraag is er niet meer."))]
    coach = turn.person.name or "?"
    turn.tell(
        person,
        say(_("{coach} is coach en helpt je. Je krijgt zo een bericht.").format(coach=coach)),
    )
    turn.goto(Dialog.CASES, CaseStep.CLAIMED, {"case": case.id, "name": person.name or "?"})
    return []


def _ask_claimed(turn: Turn) -> Reply:
    name = turn.data["name"]
    return say(
        _("Jij helpt {name} nu.").format(name=name),
        choices=(
            Choice(f"{TALK}:{turn.data['case']}", _("Praat met {name}").format(name=name)),
            Choice("menu", _("Terug naar het menu")),
        ),
    )


def _talk_label(person: Person) -> Msg:
    return _("Praat met {name}").format(name=person.name or "?")


async def talk(turn: Turn, argument: str) -> list[Reply]:
    """*Praat met Amina*: from now on the coach's messages go to her, hers to the coach."""
    case, _areas = await _case(turn, argument)
    if case is None or not rights.may_talk(turn.person, case) or case.person_id is None:
        return [say(_("Die hulpvraag is niet voor jou."))]
    person = await catalogue.person(turn.session, case.person_id)
    if person is None:
        return [say(_("Die hulpvraag is er niet meer."))]
    case.talking_since = turn.now
    coach = turn.person.name or "?"
    turn.tell(
        person,
        say(
            _("{coach} (coach) praat nu met je via mij.").format(coach=coach),
            _("Schrijf gewoon terug. Stuur /klaar als het gesprek klaar is."),
        ),
    )
    turn.end()  # the coach's next messages are for the person, not for a question
    return [
        say(
            _("Je praat nu met {name}. Wat je schrijft, gaat naar {name}.").format(
                name=person.name or "?"
            ),
            _("Stuur /klaar als het gesprek klaar is."),
        )
    ]


async def relay(turn: Turn, text: str) -> list[Reply] | None:
    """A message in a conversation through the bot goes to the other side, as it was written
    (a human wrote it: no translation under it); None when there is no conversation."""
    case = await cases.talking_with(turn.session, turn.person.id)
    if case is None or case.person_id is None or case.coach_person_id is None:
        return None
    coach_side = case.coach_person_id == turn.person.id
    other_id = case.person_id if coach_side else case.coach_person_id
    other = await catalogue.person(turn.session, other_id)
    if other is None:
        return None
    sender = turn.person.name or "?"
    heading = f"👤 {sender} (coach):" if coach_side else f"👤 {sender}:"
    turn.tell(other, Reply(texts=(verbatim(f"{heading} {text}"),)))
    return []


async def finish(turn: Turn) -> tuple[list[Reply], bool]:
    """`/klaar`: the conversation ends for both, the case is resolved, the person may rate."""
    case = await cases.talking_with(turn.session, turn.person.id)
    if case is None or case.person_id is None or case.coach_person_id is None:
        return [say(_("Er is nu geen gesprek met een coach."))], True
    await cases.resolve(turn.session, case, turn.now)
    person = await catalogue.person(turn.session, case.person_id)
    coach = await catalogue.person(turn.session, case.coach_person_id)
    log.info("case=%s resolved by person=%s", case.id, turn.person.id)
    rate = _rating(case)
    if turn.person.id == case.coach_person_id:
        if person is not None:
            turn.tell(person, rate)
        turn.home()
        return [say(_("Het gesprek is klaar. Dank je!"))], True
    if coach is not None:
        turn.tell(
            coach,
            say(_("{name} heeft het gesprek gestopt.").format(name=turn.person.name or "?")),
        )
    turn.home()
    return [rate], True


def _rating(case: Case) -> Reply:
    return say(
        _("Het gesprek met je coach is klaar. Ik ben er weer voor je."),
        _("Was de hulp goed?"),
        choices=(Choice(f"{RATE}:{case.id}:up", "👍"), Choice(f"{RATE}:{case.id}:down", "👎")),
    )


async def rate(turn: Turn, argument: str) -> list[Reply]:
    case, _areas = await _case(turn, argument)
    _head, _sep, verdict = argument.partition(":")
    if case is None or case.person_id != turn.person.id or verdict not in {"up", "down"}:
        return [say(_("Die vraag is voor iemand anders."))]
    case.rating = verdict
    return [say(_("Dank je! Zo leren we bij."))]


async def open_list(turn: Turn) -> list[Reply]:
    """`/hulpvragen`: a coach's claimed cases and the open ones of their areas."""
    if not turn.person.roles & {Role.COACH, Role.STAFF}:
        return [say(_("Dat is alleen voor coaches."))]
    areas = await cases.areas_of(turn.session, turn.person.id)
    found = [
        case
        for case in await cases.visible_to(turn.session, turn.person.id, areas)
        if rights.may_see(turn.person, case, areas)
    ]
    if not found:
        return [say(_("Er zijn nu geen vragen om hulp."))]
    rows = []
    for case in found[:10]:
        person = await _person(turn, case.person_id)
        mine = case.coach_person_id == turn.person.id
        name = (person.name if person else None) or "?"
        label = f"{'✋ ' if mine else ''}{name}, {case.municipality or '?'}"
        rows.append({"id": case.id, "label": label})
    turn.goto(Dialog.CASES, CaseStep.LIST, {"rows": rows})
    return []


def _ask_list(turn: Turn) -> Reply:
    rows: list[dict[str, Any]] = turn.data.get("rows", [])
    choices = tuple(Choice(f"{VIEW}:{row['id']}", row["label"]) for row in rows)
    return say(
        _("Deze vragen om hulp zijn er nu. ✋ is van jou."),
        choices=(*choices, Choice("menu", _("Terug naar het menu"))),
    )


async def _back_home(turn: Turn, answer: Answer) -> list[Reply]:
    turn.home()
    return []


async def _person(turn: Turn, person_id: int | None) -> Person | None:
    return None if person_id is None else await catalogue.person(turn.session, person_id)


async def forget(turn: Turn) -> None:
    """Before /vergeet: the cases keep no trace of the person; a coach in a conversation with
    them hears it ended."""
    for case in await cases.forget_person(turn.session, turn.person.id, turn.now):
        coach = (
            None
            if case.coach_person_id is None
            else await catalogue.person(turn.session, case.coach_person_id)
        )
        if coach is not None:
            turn.tell(coach, say(_("Een hulpvraag is klaar. De persoon heeft alles gewist.")))


async def my_data_lines(turn: Turn) -> list[Msg]:
    case = await cases.open_case_of(turn.session, turn.person.id)
    if case is None:
        return []
    return [_("Je hebt een hulpvraag bij een coach.")]


def export_of(case: Case) -> dict[str, Any]:
    return {
        "status": case.status,
        "reasons": [r["reason"] for r in case.reasons],
        "opened_at": case.opened_at.isoformat(),
    }


ACTIONS = {CLAIM: claim, VIEW: view, TALK: talk, RATE: rate}
STEPS: dict[StepKey, Step] = {
    (Dialog.CASES, CaseStep.ALERT): Step(_ask_alert, _answer_alert, free_text=True),
    (Dialog.CASES, CaseStep.LIST): Step(_ask_list, _back_home),
    (Dialog.CASES, CaseStep.CLAIMED): Step(_ask_claimed, _back_home),
}
