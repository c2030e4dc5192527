"""The main menu: only items that work today."""

from __future__ import annotations

from enum import StrEnum

from dialogs import notices
from dialogs.activities import mine, search
from dialogs.broadcasts import dialog as broadcasts
from dialogs.buddies import chat as buddies
from dialogs.cases import chat as cases
from dialogs.hours import log as hours_log
from dialogs.hours import progress, waiting
from dialogs.messages import Choice, Reply, _, say
from dialogs.people.roles import RoleItem, is_helper, items_for
from dialogs.privacy import my_data
from dialogs.reports import chat as reports
from dialogs.sessions import chat as sessions
from dialogs.states import Dialog, LanguageStep, MenuStep, OnboardingStep, PrivacyStep, StepKey
from dialogs.steps import Answer, Step
from dialogs.turn import Turn
from dialogs.understanding.lexicon import Intent
from store.cases.models import Reason
from store.people.models import Role


class Item(StrEnum):
    FIND_ACTIVITY = "find_activity"
    MY_ACTIVITIES = "my_activities"
    LOG_HOURS = "log_hours"
    MY_HOURS = "my_hours"
    TAALPLEZIER = "taalplezier"
    MY_BUDDY = "my_buddy"
    INTERESTS = "interests"
    MUNICIPALITY = "municipality"
    LANGUAGE = "language"
    MY_DATA = "my_data"
    FORGET = "forget"
    HELP = "help"


# The items a helper's menu shows, by role, in this order. A feature that serves a role adds
# its item here (a coach's cases, staff's broadcasts): id, label, roles, what it opens.
ROLE_ITEMS: tuple[RoleItem, ...] = (
    RoleItem(
        "waiting_hours",
        _("Uren die wachten"),
        frozenset({Role.PROVIDER, Role.COACH, Role.STAFF, Role.BUDDY}),
        waiting.open_waiting,
    ),
    RoleItem("requests", _("Wie wil meedoen"), frozenset({Role.PROVIDER}), mine.open_requests),
    RoleItem(
        "participants", _("Mijn deelnemers"), frozenset({Role.BUDDY}), buddies.open_participants
    ),
    RoleItem("sessions", _("Taalplezier"), frozenset({Role.BUDDY}), sessions.open_list),
    RoleItem(
        "broadcast",
        _("Nieuw bericht"),
        frozenset({Role.STAFF}),
        lambda turn: broadcasts.start(turn, ""),
    ),
    RoleItem(
        "report", _("Rapport"), frozenset({Role.STAFF}), lambda turn: reports.report(turn, "")
    ),
)
_PARTICIPANT = (
    Choice(Item.FIND_ACTIVITY, _("Een activiteit zoeken")),
    Choice(Item.MY_ACTIVITIES, _("Mijn activiteiten")),
    Choice(Item.LOG_HOURS, _("Uren doorgeven")),
    Choice(Item.MY_HOURS, _("Mijn uren")),
    Choice(Item.INTERESTS, _("Wat ik graag doe")),
    Choice(Item.MUNICIPALITY, _("Mijn gemeente")),
)
_EVERYONE = (
    Choice(Item.LANGUAGE, _("Taal en vertaling")),
    Choice(Item.MY_DATA, _("Mijn gegevens")),
    Choice(Item.FORGET, _("Alles wissen")),
    Choice(Item.HELP, _("Hulp")),
)


def _ask(turn: Turn) -> Reply:
    """A participant's menu; a coach, staff member, buddy or provider gets their role's items
    instead of the participant's (they do not look for an activity of their own)."""
    if not is_helper(turn.person):
        # New items come last so that the numbers people learned for the others stay.
        newer = (Choice(Item.TAALPLEZIER, _("Taalplezier")), Choice(Item.MY_BUDDY, _("Mijn buddy")))
        return say(_("Wat wil je doen?"), choices=(*_PARTICIPANT, *_EVERYONE, *newer))
    items = tuple(Choice(item.id, item.label) for item in items_for(turn.person, ROLE_ITEMS))
    return say(_("Wat wil je doen?"), choices=(*items, *_EVERYONE))


async def _answer(turn: Turn, answer: Answer) -> list[Reply]:
    for item in items_for(turn.person, ROLE_ITEMS):
        if answer.choice == item.id:
            return await item.open(turn)
    match answer.choice:
        case Item.FIND_ACTIVITY:
            return await search.start(turn)
        case Item.MY_ACTIVITIES:
            return await mine.open_mine(turn)
        case Item.LOG_HOURS:
            return await hours_log.start(turn)
        case Item.MY_HOURS:
            return await progress.open_mine(turn)
        case Item.TAALPLEZIER:
            return await sessions.open_list(turn)
        case Item.MY_BUDDY:
            return await buddies.open_mine(turn)
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
    if understood["intent"] == Intent.TAALPLEZIER:
        return await sessions.open_list(turn)  # "wanneer is taalplezier", "lecture de contes"
    if understood["intent"] == Intent.FIND_ACTIVITY or (
        understood["intent"] is None and await search.names_an_activity(turn, answer.text)
    ):
        return await search.start(turn, answer.text)  # "koken in Ieper", "voetbal", "petanque"
    intent = turn.knowledge.lexicon.intent(answer.text)
    if intent is Intent.GREETING:
        return [say(_("Hallo {name}!").format(name=turn.person.name or ""))]
    if intent is Intent.HELP:
        return await cases.raise_help(turn, Reason.ASKED)  # "kan iemand mij helpen aub"
    if intent is Intent.STOP:
        return [say(_("Wil je geen berichten meer? Stuur dan /stop."))]
    return [say(_("Dat begrijp ik nog niet. Kies iets uit het menu."))]


STEPS: dict[StepKey, Step] = {(Dialog.MENU, MenuStep.MAIN): Step(_ask, _answer, free_text=True)}
