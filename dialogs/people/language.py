"""Choosing the help language, and switching the help line off to practise Dutch only."""

from __future__ import annotations

from dialogs.messages import Choice, Reply, _, say
from dialogs.states import Dialog, LanguageStep, StepKey
from dialogs.steps import Answer, Step
from dialogs.turn import Turn

HELP_OFF, HELP_ON = "help_off", "help_on"


def language_choices(
    turn: Turn, *, mark_current: bool = True, first: tuple[str, ...] = ()
) -> tuple[Choice, ...]:
    """Every help language by its own name; the current one marked; `first` on top (the
    languages the first message was written in)."""
    current = turn.person.help_language if mark_current else None
    languages = sorted(
        turn.knowledge.catalogs.languages,
        key=lambda language: first.index(language.code) if language.code in first else len(first),
    )
    return tuple(
        Choice(language.code, language.name, selected=language.code == current)
        for language in languages
    )


def _ask(turn: Turn) -> Reply:
    choices = language_choices(turn)
    if turn.person.help_language != "nl":
        toggle = (
            Choice(HELP_OFF, _("Vertaling uit: alleen Nederlands"))
            if turn.person.help_line
            else Choice(HELP_ON, _("Vertaling weer aan"))
        )
        choices = (*choices, toggle)
    return Reply(
        texts=(_("Kies de taal voor de hulp. Ik schrijf altijd eerst in het Nederlands."),),
        choices=choices,
        in_every_language=_("Kies je taal."),
    )


async def _answer(turn: Turn, answer: Answer) -> list[Reply]:
    person = turn.person
    if answer.choice == HELP_OFF:
        person.help_line = False
        reply = say(_("De vertaling is uit. Je leest nu alleen Nederlands."))
    elif answer.choice == HELP_ON:
        person.help_line = True
        reply = say(_("De vertaling is weer aan."))
    elif answer.choice is not None:
        person.help_language, person.help_line = answer.choice, True
        name = turn.knowledge.catalogs.language(answer.choice).name
        reply = say(_("Oké. Je taal voor de hulp is nu {language}.").format(language=name))
    else:
        return [say(_("Kies een taal uit de lijst."))]
    turn.back()
    return [reply]


STEPS: dict[StepKey, Step] = {(Dialog.LANGUAGE, LanguageStep.CHOOSE): Step(_ask, _answer)}
