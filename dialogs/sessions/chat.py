"""Taalplezier in the chat: the sessions coming up, Ik kom (with children) / Ik kom niet, and the
answer to "Was je er?". Answers are actions, so a reminder's button still works days later."""

from __future__ import annotations

from typing import Any

from dialogs.messages import Choice, Msg, Reply, _, _n, say
from dialogs.sessions import calendar
from dialogs.sessions.texts import heading, row, when_where
from dialogs.states import Dialog, SessionStep, StepKey
from dialogs.steps import Action, Answer, Step
from dialogs.turn import Turn
from store.sessions import rsvps, sessions
from store.sessions.models import ActivitySession, Audience
from store.sessions.models import Answer as Rsvp
from store.sessions.plan import ReminderPlan
from store.sessions.rsvps import Refusal

OPEN, COMING, MAYBE, NOT_COMING, WAS_THERE, MISSED, AGENDA = (
    "ses_open",
    "ses_yes",
    "ses_maybe",
    "ses_no",
    "ses_was",
    "ses_missed",
    "ses_ics",
)
MENU = "menu"
LISTED = 5  # sessions in the list: more does not fit on a phone screen
CHILDREN_CHOICES = 6  # buttons "Geen kinderen" to "6 kinderen"; more can be typed

_REFUSED: dict[Refusal, Msg] = {
    Refusal.PAST: _("Deze sessie is al voorbij."),
    Refusal.CANCELLED: _("Deze sessie gaat niet door."),
    Refusal.TOO_MANY_CHILDREN: _("Dat zijn te veel kinderen voor één sessie."),
    Refusal.NO_ROOM: _("Er is geen plaats meer voor meer kinderen."),
}
_GONE = _("Die sessie vind ik niet meer.")


def plan_of(turn: Turn) -> ReminderPlan:
    return turn.sessions_plan or ReminderPlan(turn.timezone)


async def open_list(turn: Turn) -> list[Reply]:
    """The next sessions, those in the person's own municipality first."""
    coming = await sessions.upcoming(turn.session, turn.now, limit=50)
    here = turn.person.municipality
    near = [item for item in coming if item.municipality == here]
    shown = sorted(
        (near + [item for item in coming if item.municipality != here])[:LISTED],
        key=lambda item: item.starts_at,
    )
    turn.goto(Dialog.SESSIONS, SessionStep.LIST, {"rows": [row(item) for item in shown]})
    return []


def _ask_list(turn: Turn) -> Reply:
    rows: list[dict[str, Any]] = turn.data.get("rows", [])
    back = Choice(MENU, _("Terug naar het menu"))
    if not rows:
        return say(_("Er is nu geen Taalplezier."), choices=(back,))
    choices = tuple(
        Choice(f"{OPEN}:{shown['id']}", when_where(shown, turn.timezone)) for shown in rows
    )
    return say(
        _("Kies een dag voor Taalplezier. We lezen samen verhalen."),
        choices=(*choices, back),
    )


def _ask_answer(turn: Turn) -> Reply:
    shown: dict[str, Any] = turn.data["row"]
    number = shown["id"]
    first = (_("Je komt al. Wil je iets veranderen?"),) if turn.data.get("coming") else ()
    return say(
        *first,
        heading(shown),
        when_where(shown, turn.timezone),
        _("Kom je?"),
        choices=(
            Choice(f"{COMING}:{number}", _("Ik kom")),
            Choice(f"{MAYBE}:{number}", _("Misschien")),
            Choice(f"{NOT_COMING}:{number}", _("Ik kom niet")),
            Choice(f"{AGENDA}:{number}", _("Zet in mijn agenda")),
            Choice(MENU, _("Terug naar het menu")),
        ),
    )


def _ask_children(turn: Turn) -> Reply:
    counts = tuple(
        Choice(str(count), _n("{count} kind", "{count} kinderen", count).format(count=count))
        for count in range(1, CHILDREN_CHOICES + 1)
    )
    return say(
        _("Komen er kinderen mee? Hoeveel?"),
        _("Zijn het er meer? Typ het getal."),
        choices=(Choice("0", _("Geen kinderen")), *counts),
    )


async def _answer_children(turn: Turn, answer: Answer) -> list[Reply]:
    """A button, or a typed number ("7", "40 kinderen"): typed digits win over a label that
    merely looks alike ("40 kinderen" is not "4 kinderen")."""
    digits = "".join(ch for ch in answer.text if ch.isdigit())
    if digits:
        count = min(int(digits), 10_000)
    elif answer.choice is not None and answer.choice.isdigit():
        count = int(answer.choice)
    else:
        return [say(_("Typ een getal, bijvoorbeeld 2."))]
    item = await sessions.get(turn.session, int(turn.data["row"]["id"]))
    if item is None:
        turn.home()
        return [say(_GONE)]
    return await _respond(turn, item, Rsvp.YES, count)


async def _back(turn: Turn, answer: Answer) -> list[Reply]:
    turn.home()
    return []


async def _session(turn: Turn, argument: str) -> ActivitySession | None:
    head = argument.split(":", 1)[0]
    return await sessions.get(turn.session, int(head)) if head.isdigit() else None


async def show(turn: Turn, argument: str) -> list[Reply]:
    """One session with the buttons to answer it."""
    item = await _session(turn, argument)
    if item is None:
        return [say(_GONE)]
    if item.cancelled_at is not None:
        return [say(_REFUSED[Refusal.CANCELLED])]
    if item.starts_at <= turn.now:
        return [say(_REFUSED[Refusal.PAST])]
    mine = await rsvps.of(turn.session, item.id, turn.person.id)
    coming = mine is not None and mine.answer in (Rsvp.YES.value, Rsvp.WAITING.value)
    turn.goto(Dialog.SESSIONS, SessionStep.ANSWER, {"row": row(item), "coming": coming})
    return []


async def coming(turn: Turn, argument: str) -> list[Reply]:
    """Ik kom: with how many children (asked first, unless the session is for adults); a full
    session puts the person on the waiting list."""
    item = await _session(turn, argument)
    if item is None:
        return [say(_GONE)]
    _head, _sep, count = argument.partition(":")
    if count.isdigit() or item.audience == Audience.ADULTS.value:
        return await _respond(turn, item, Rsvp.YES, int(count) if count.isdigit() else 0)
    refused = _closed(item, turn)
    if refused is not None:
        return [say(refused)]
    turn.goto(Dialog.SESSIONS, SessionStep.CHILDREN, {"row": row(item)})
    return []


async def maybe(turn: Turn, argument: str) -> list[Reply]:
    item = await _session(turn, argument)
    if item is None:
        return [say(_GONE)]
    return await _respond(turn, item, Rsvp.MAYBE, 0)


def _closed(item: ActivitySession, turn: Turn) -> Msg | None:
    if item.cancelled_at is not None:
        return _REFUSED[Refusal.CANCELLED]
    if item.starts_at <= turn.now:
        return _REFUSED[Refusal.PAST]
    return None


async def not_coming(turn: Turn, argument: str) -> list[Reply]:
    item = await _session(turn, argument)
    if item is None:
        return [say(_GONE)]
    return await _respond(turn, item, Rsvp.NO, 0)


async def _respond(turn: Turn, item: ActivitySession, answer: Rsvp, children: int) -> list[Reply]:
    result = await rsvps.respond(
        turn.session, item, turn.person.id, answer, children, plan_of(turn), turn.now
    )
    if turn.position is not None and turn.position[0] == Dialog.SESSIONS:
        turn.home()
    if isinstance(result, Refusal):
        return [say(_REFUSED[result])]
    # Who got a freed place hears it from the reminder job (a PROMOTED row), once.
    if answer is Rsvp.NO:
        return [say(_("Jammer. Misschien de volgende keer!"))]
    if answer is Rsvp.MAYBE:
        return [
            say(
                _("Oké. Je krijgt de dag ervoor een herinnering."),
                _("Weet je het? Kies dan 'Ik kom' of 'Ik kom niet'."),
            )
        ]
    if result.waiting:
        return [
            say(
                _("De sessie is vol. Je staat op de wachtlijst."),
                _("Komt er een plaats vrij? Dan krijg je een bericht."),
            )
        ]
    return [
        say(_("Fijn! Je krijgt de dag ervoor een herinnering."), when_where(item, turn.timezone))
    ]


async def to_agenda(turn: Turn, argument: str) -> list[Reply]:
    """The session as an .ics file: the phone puts it in its calendar with one tap."""
    item = await _session(turn, argument)
    if item is None:
        return [say(_GONE)]
    refused = _closed(item, turn)
    if refused is not None:
        return [say(refused)]
    text = _("Open het bestand. Dan staat Taalplezier in je agenda.")
    return [Reply(texts=(text,), attachment=calendar.attachment(item, turn.timezone, turn.now))]


async def was_there(turn: Turn, argument: str) -> list[Reply]:
    return await _attended(turn, argument, True)


async def missed(turn: Turn, argument: str) -> list[Reply]:
    return await _attended(turn, argument, False)


async def _attended(turn: Turn, argument: str, present: bool) -> list[Reply]:
    item = await _session(turn, argument)
    if item is None:
        return [say(_GONE)]
    if await rsvps.attended(turn.session, item, turn.person.id, present, turn.now) is None:
        return [say(_("Dat kan pas na de sessie."))]
    if present:
        return [say(_("Fijn dat je er was! Tot de volgende keer."))]
    return [say(_("Bedankt om het te zeggen. Tot de volgende keer!"))]


ACTIONS: dict[str, Action] = {
    OPEN: show,
    COMING: coming,
    MAYBE: maybe,
    NOT_COMING: not_coming,
    WAS_THERE: was_there,
    MISSED: missed,
    AGENDA: to_agenda,
}
STEPS: dict[StepKey, Step] = {
    (Dialog.SESSIONS, SessionStep.LIST): Step(_ask_list, _back),
    (Dialog.SESSIONS, SessionStep.ANSWER): Step(_ask_answer, _back),
    (Dialog.SESSIONS, SessionStep.CHILDREN): Step(
        _ask_children, _answer_children, free_text=True, numbered=False
    ),
}
