"""The staff dialog *Nieuw bericht* (`/bericht`), second half: a link, when, the preview with
*Verstuur*; and `/bericht stop N`. Every step checks nothing itself: `compose` does, for staff
only. See dialog.mmd for the steps."""

from __future__ import annotations

from datetime import datetime

from dialogs.activities.cards import verbatim
from dialogs.broadcasts import compose, texts, writing
from dialogs.broadcasts.checks import When, parse_when
from dialogs.broadcasts.compose import Draft, RefusedError
from dialogs.messages import Choice, Msg, Reply, _, say
from dialogs.states import BroadcastStep, Dialog, StepKey
from dialogs.steps import Answer, Step
from dialogs.turn import Turn
from store.activities import catalogue
from store.broadcasts.audience import Audience

NONE, NOW, SEND, STOP = "none", "now", "send", "stop"
CHANNELS = {"telegram": "Telegram", "signal": "Signal", "console": "console"}
_WHEN = {
    When.FORMAT: _("Typ de tijd zo: 2026-12-10 18:00."),
    When.PAST: _("Die tijd is al voorbij."),
    When.NOT_A_TIME: _("Die tijd bestaat niet. Dan gaat de klok een uur vooruit."),
    When.TWICE: _(
        "Die tijd is er twee keer. Dan gaat de klok een uur terug. Kies een andere tijd."
    ),
}


async def start(turn: Turn, argument: str) -> list[Reply]:
    """`/bericht`: staff begin an announcement; `/bericht stop 12` stops one."""
    if not compose.may_broadcast(turn.person):
        return [say(texts.STAFF_ONLY)]
    words = argument.split()
    if len(words) == 2 and words[0].casefold() in {"stop", "annuleer"} and words[1].isdigit():
        return await _cancel(turn, int(words[1]))
    turn.goto(Dialog.BROADCAST, BroadcastStep.AUDIENCE)
    return []


async def _cancel(turn: Turn, number: int) -> list[Reply]:
    try:
        await compose.cancel(turn.session, number, turn.now, via="chat", by=turn.person)
    except RefusedError:
        return [say(_("Bericht {number} loopt niet meer.").format(number=number))]
    return [texts.cancelled(number)]


def _ask_link(_turn: Turn) -> Reply:
    return say(
        _("Wil je een activiteit toevoegen? Typ het nummer van de activiteit."),
        choices=(Choice(NONE, _("Geen activiteit")),),
    )


async def _answer_link(turn: Turn, answer: Answer) -> list[Reply]:
    if answer.choice == NONE:
        writing.go(turn, BroadcastStep.WHEN, link=None)
        return []
    number = answer.text.strip().lstrip("#")
    found = await catalogue.get(turn.session, int(number)) if number.isdigit() else None
    if found is None or found.archived_at is not None:
        return [say(_("Die activiteit vind ik niet."))]
    writing.go(turn, BroadcastStep.WHEN, link=["activity", found.id])
    return [say(verbatim(f"👉 {found.title}, {found.municipality}"))]


def _ask_when(_turn: Turn) -> Reply:
    return say(
        _("Wanneer mag het weg? Typ bijvoorbeeld: 2026-12-10 18:00."),
        choices=(Choice(NOW, _("Nu")),),
    )


async def _answer_when(turn: Turn, answer: Answer) -> list[Reply]:
    at: datetime | None = None
    if answer.choice != NOW:
        parsed = parse_when(answer.text, turn.timezone, turn.now)
        if isinstance(parsed, When):
            return [say(_WHEN[parsed])]
        at = parsed
    writing.go(turn, BroadcastStep.PREVIEW, at=None if at is None else at.isoformat())
    return await _preview(turn)


def _draft(turn: Turn) -> Draft:
    data = turn.data
    link = data.get("link")
    at = data.get("at")
    return Draft(
        Audience.from_json(data["audience"]),
        data["text"],
        dict(data.get("translations", {})),
        None if link is None else (link[0], int(link[1])),
        None if at is None else datetime.fromisoformat(at),
    )


async def _preview(turn: Turn) -> list[Reply]:
    """Exactly what one recipient sees per help language, and how many get it per channel."""
    shown = await compose.preview(turn.session, _draft(turn), turn.knowledge)
    lines: list[Msg] = [_("Zo ziet het eruit:")]
    for language, sample in shown.samples.items():
        name = turn.knowledge.catalogs.language(language).name
        buttons = "".join(f"\n[{choice.label}]" for choice in sample.choices)
        lines.append(verbatim(f"— {name} —\n{sample.text}{buttons}"))
    lines.append(writing.people(shown.recipients))
    channels = ", ".join(f"{CHANNELS.get(c, c)} {n}" for c, n in shown.per_channel.items())
    lines.append(verbatim(channels))
    return [say(*lines)]


def _ask_preview(turn: Turn) -> Reply:
    at = turn.data.get("at")
    when = (
        _("Het gaat nu weg.")
        if at is None
        else _("Het gaat weg op {date}.").format(
            date=datetime.fromisoformat(at).astimezone(turn.timezone).strftime("%d-%m-%Y %H:%M")
        )
    )
    return say(
        when,
        _("Klopt alles?"),
        choices=(Choice(SEND, _("Verstuur")), Choice(STOP, _("Niet versturen"))),
    )


async def _answer_preview(turn: Turn, answer: Answer) -> list[Reply]:
    if answer.choice == STOP:
        turn.home()
        return [say(_("Oké. Ik stuur niets."))]
    try:
        broadcast, _shown = await compose.submit(
            turn.session, _draft(turn), turn.knowledge, turn.now, via="chat", author=turn.person
        )
    except RefusedError as refused:
        if refused.reason == "past":
            writing.go(turn, BroadcastStep.WHEN)
            return [say(_WHEN[When.PAST])]
        writing.go(turn, BroadcastStep.AUDIENCE)
        return [say(_("Niemand krijgt dit bericht. Kies andere mensen."))]
    scheduled = turn.data.get("at") is not None
    turn.home()
    if not scheduled:
        return [say(_("Goed! Bericht {number} gaat zo weg.").format(number=broadcast.id))]
    return [
        say(_("Goed! Bericht {number} gaat weg op het gekozen uur.").format(number=broadcast.id))
    ]


STEPS: dict[StepKey, Step] = {
    (Dialog.BROADCAST, BroadcastStep.AUDIENCE): Step(
        writing.ask_audience, writing.answer_audience, free_text=True, numbered=False
    ),
    (Dialog.BROADCAST, BroadcastStep.TEXT): Step(
        writing.ask_text, writing.answer_text, free_text=True, long_text=True
    ),
    (Dialog.BROADCAST, BroadcastStep.TEXT_CHECK): Step(
        writing.ask_text_check, writing.answer_text_check, free_text=True, long_text=True
    ),
    (Dialog.BROADCAST, BroadcastStep.TRANSLATION): Step(
        writing.ask_translation, writing.answer_translation, free_text=True, long_text=True
    ),
    (Dialog.BROADCAST, BroadcastStep.LINK): Step(
        _ask_link, _answer_link, free_text=True, numbered=False
    ),
    (Dialog.BROADCAST, BroadcastStep.WHEN): Step(
        _ask_when, _answer_when, free_text=True, numbered=False
    ),
    (Dialog.BROADCAST, BroadcastStep.PREVIEW): Step(_ask_preview, _answer_preview),
}
