"""The staff dialog *Nieuw bericht*, first half: who it is for, the Dutch text with what the
clear-Dutch measure finds in it, and translations staff paste themselves."""

from __future__ import annotations

import re

from dialogs.activities.cards import verbatim
from dialogs.broadcasts import audience as audiences
from dialogs.broadcasts.checks import Finding, Problem, check_text, check_translations
from dialogs.broadcasts.compose import languages
from dialogs.messages import Choice, Msg, Reply, _, _n, say
from dialogs.states import DONE, BroadcastStep, Dialog
from dialogs.steps import Answer
from dialogs.turn import Turn
from store.broadcasts.audience import Audience, recipients

ALL = "all"
KEEP, EDIT = "keep", "edit"
_TRANSLATION = re.compile(r"^\s*([a-zA-Z]{2})\s*[:=]\s*(.+)$", re.DOTALL)
EXAMPLE = _("Kies wie het krijgt. Typ dat zo: gemeente=Veurne, taal=ar.")
# The other filters, shown as they are typed (keys are not words to translate).
MORE = verbatim("rol=deelnemer · ingeschreven=ja · interesse=koken · bij=activiteit:12:10")


def go(turn: Turn, step: BroadcastStep, **changes: object) -> None:
    """Move to `step`, keeping what was written so far."""
    turn.goto(Dialog.BROADCAST, step, {**turn.data, **changes})


def ask_audience(_turn: Turn) -> Reply:
    return say(
        _("Nieuw bericht. Voor wie is het?"), EXAMPLE, MORE, choices=(Choice(ALL, _("Iedereen")),)
    )


async def answer_audience(turn: Turn, answer: Answer) -> list[Reply]:
    try:
        chosen = (
            Audience()
            if answer.choice == ALL
            else audiences.parse(answer.text, turn.knowledge, languages(turn.knowledge))
        )
        chosen = await audiences.resolve(turn.session, chosen, turn.knowledge)
    except audiences.AudienceError:
        return [say(_("Dat begrijp ik niet."), EXAMPLE)]
    count = len(await recipients(turn.session, chosen))
    if count == 0:
        return [say(_("Niemand krijgt dit bericht. Kies andere mensen."))]
    go(turn, BroadcastStep.TEXT, audience=chosen.to_json())
    return [say(people(count))]


def people(count: int) -> Msg:
    return _n("{n} persoon krijgt het bericht.", "{n} mensen krijgen het bericht.", count).format(
        n=count
    )


def ask_text(_turn: Turn) -> Reply:
    return say(_("Typ nu de tekst in het Nederlands."))


async def answer_text(turn: Turn, answer: Answer) -> list[Reply]:
    found = check_text(answer.text)
    blocking = [finding for finding in found if finding.blocking]
    if blocking:
        return [say(*(finding_line(finding) for finding in blocking))]
    if found:
        go(turn, BroadcastStep.TEXT_CHECK, text=answer.text)
        return [say(*(finding_line(finding) for finding in found))]
    go(turn, BroadcastStep.TRANSLATION, text=answer.text)
    return []


def finding_line(finding: Finding) -> Msg:
    """What staff see about one thing the measure found (or that is wrong)."""
    detail = finding.detail
    match finding.problem:
        case Problem.EMPTY:
            return _("De tekst is leeg.")
        case Problem.TOO_LONG:
            return _("De tekst is te lang.")
        case Problem.LONG_SENTENCE:
            return _("Deze zin is lang: {sentence}").format(sentence=verbatim(detail))
        case Problem.RARE_WORD:
            return _("Dit woord is moeilijk: {word}").format(word=verbatim(detail))
        case Problem.HARD:
            return _("De tekst is moeilijk om te lezen.")
        case Problem.PLACEHOLDER:
            return _("Dit klopt niet: {text}. Alleen {{name}} kan.").format(text=verbatim(detail))
        case Problem.UNKNOWN_LANGUAGE:
            return _("Die taal ken ik niet: {text}").format(text=verbatim(detail))


def ask_text_check(_turn: Turn) -> Reply:
    return say(
        _("Wil je de tekst zo houden?"),
        choices=(Choice(KEEP, _("Toch zo houden")), Choice(EDIT, _("Tekst aanpassen"))),
    )


async def answer_text_check(turn: Turn, answer: Answer) -> list[Reply]:
    if answer.choice == KEEP:
        go(turn, BroadcastStep.TRANSLATION)
    elif answer.choice == EDIT:
        go(turn, BroadcastStep.TEXT)
    else:
        return await answer_text(turn, answer)  # a new text, typed at once
    return []


def ask_translation(turn: Turn) -> Reply:
    done = tuple(sorted(turn.data.get("translations", {})))
    lines = [_("Wil je een vertaling toevoegen? Typ de taal en dan de tekst, zo: ar: …")]
    if done:
        lines.append(_("Vertaling klaar: {text}").format(text=verbatim(", ".join(done))))
    return say(*lines, choices=(Choice(DONE, _("Geen vertaling meer")),))


async def answer_translation(turn: Turn, answer: Answer) -> list[Reply]:
    if answer.choice == DONE:
        go(turn, BroadcastStep.LINK)
        return []
    match = _TRANSLATION.match(answer.text)
    if match is None:
        return [say(_("Typ de taal en dan de tekst, zo: ar: …"))]
    language, text = match[1].casefold(), match[2].strip()
    problems = check_translations(turn.data["text"], {language: text}, languages(turn.knowledge))
    if problems:
        return [say(*(finding_line(finding) for finding in problems))]
    go(
        turn,
        BroadcastStep.TRANSLATION,
        translations={**turn.data.get("translations", {}), language: text},
    )
    return []
