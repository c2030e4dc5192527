"""The main menu: only items that work today."""

from __future__ import annotations

from enum import StrEnum

from dialogs import notices
from dialogs.activities import mine, search
from dialogs.hours import log as hours_log
from dialogs.hours import progress
from dialogs.messages import Choice, Reply, _, say
from dialogs.privacy import my_data
from dialogs.states import Dialog, LanguageStep, MenuStep, OnboardingStep, PrivacyStep, StepKey
from dialogs.steps import Answer, Step
from dialogs.turn import Turn
from dialogs.understanding.lexicon import Intent


class Item(StrEnum):
    FIND_ACTIVITY = "find_activity"
    MY_ACTIVITIES = "my_activities"
    LOG_HOURS = "log_hours"
    MY_HOURS = "my_hours"
    INTERESTS = "interests"
    MUNICIPALITY = "municipality"
    LANGUAGE = "language"
    MY_DATA = "my_data"
    FORGET = "forget"
    HELP = "help"


def _ask(turn: Turn) -> Reply:
    return say(
        _("Wat wil je doen?"),
        choices=(
            Choice(Item.FIND_ACTIVITY, _("Een activiteit zoeken")),
            Choice(Item.MY_ACTIVITIES, _("Mijn activiteiten")),
            Choice(Item.LOG_HOURS, _("Uren doorgeven")),
            Choice(Item.MY_HOURS, _("Mijn uren")),
            Choice(Item.INTERESTS, _("Wat ik graag doe")),
            Choice(Item.MUNICIPALITY, _("Mijn gemeente")),
            Choice(Item.LANGUAGE, _("Taal en vertaling")),
            Choice(Item.MY_DATA, _("Mijn gegevens")),
            Choice(Item.FORGET, _("Alles wissen")),
            Choice(Item.HELP, _("Hulp")),
        ),
    )


async def _answer(turn: Turn, answer: Answer) -> list[Reply]:
    match answer.choice:
        case Item.FIND_ACTIVITY:
            return await search.start(turn)
        case Item.MY_ACTIVITIES:
            return await mine.open_mine(turn)
        case Item.LOG_HOURS:
            return await hours_log.start(turn)
        case Item.MY_HOURS:
            return await progress.open_mine(turn)
        case Item.INTERESTS:
            turn.goto(
                Dialog.ONBOARDING, OnboardingStep.INTERESTS, {"picked": list(turn.person.interests)}
            )
        case Item.MUNICIPALITY:
            turn.goto(Dialog.ONBOARDING, OnboardingStep.MUNICIPALITY)
        case Item.LANGUAGE:
            turn.detour(Dialog.LANGUAGE, LanguageStep.CHOOSE)
        case Item.MY_DATA:
            return [await my_data(turn)]
        case Item.FORGET:
            turn.detour(Dialog.PRIVACY, PrivacyStep.CONFIRM_FORGET)
        case Item.HELP:
            return [notices.overview()]
        case _:
            return await free_text(turn, answer)
    return []


async def free_text(turn: Turn, answer: Answer) -> list[Reply]:
    """A typed wish in the menu: hours to log, progress, an activity to find, a greeting…"""
    understood = turn.knowledge.understand(answer.text, turn.today)
    about_hours = understood["hours"] is not None or understood["problems"]
    if understood["intent"] == Intent.LOG_HOURS or (understood["intent"] is None and about_hours):
        return await hours_log.start(turn, answer.text)  # "gisteren 3 uur bij Argos", "300 uur"
    if understood["intent"] == Intent.PROGRESS:
        return await progress.open_mine(turn)  # "hoeveel uren heb ik?"
    if understood["intent"] == Intent.FIND_ACTIVITY or (
        understood["intent"] is None and await search.names_an_activity(turn, answer.text)
    ):
        return await search.start(turn, answer.text)  # "koken in Ieper", "voetbal", "petanque"
    intent = turn.knowledge.lexicon.intent(answer.text)
    if intent is Intent.GREETING:
        return [say(_("Hallo {name}!").format(name=turn.person.name or ""))]
    if intent is Intent.HELP:
        return [notices.overview()]
    if intent is Intent.STOP:
        return [say(_("Wil je geen berichten meer? Stuur dan /stop."))]
    return [say(_("Dat begrijp ik nog niet. Kies iets uit het menu."))]


STEPS: dict[StepKey, Step] = {(Dialog.MENU, MenuStep.MAIN): Step(_ask, _answer, free_text=True)}
