"""First contact: help language, consent, name, municipality, interests — then the menu."""

from __future__ import annotations

import re

from dialogs.interests import INTERESTS
from dialogs.messages import Choice, Reply, _, say
from dialogs.people import language
from dialogs.people.roles import is_helper
from dialogs.states import DONE, NO, YES, Dialog, MenuStep, OnboardingStep, StepKey
from dialogs.steps import Answer, Step
from dialogs.turn import Turn
from dialogs.understanding.places import Certainty
from dialogs.understanding.text import fold, has_letters

NAME_MAX = 40
_LINK = re.compile(r"(https?://|www\.|\b[\w-]+\.(com|be|net|org|nl|eu|io|me|ly)\b|@\w)", re.I)
_NAME_FORBIDDEN = set("<>{}[]\\/|=*#$%^~`_@")
OTHER_PLACE = "other"
# A shared location farther than this from every municipality centre is not in the Westhoek.
WESTHOEK_RADIUS_KM = 12.0


def welcome() -> Reply:
    return say(_("Hallo! Ik ben Wegwijs."), _("Ik help nieuwkomers in de Westhoek."))


# --- help language -------------------------------------------------------------------------


def _ask_language(turn: Turn) -> Reply:
    return Reply(
        texts=(_("In welke taal wil je hulp? Ik schrijf altijd eerst in het Nederlands."),),
        choices=language.language_choices(
            turn, mark_current=False, first=tuple(turn.data.get("first", ()))
        ),
        in_every_language=_("Kies je taal."),
    )


async def _answer_language(turn: Turn, answer: Answer) -> list[Reply]:
    if answer.choice is None:
        return [say(_("Kies een taal uit de lijst."))]
    turn.person.help_language = answer.choice
    turn.goto(Dialog.ONBOARDING, OnboardingStep.CONSENT)
    return []


# --- consent -------------------------------------------------------------------------------


def _ask_consent(turn: Turn) -> Reply:
    return say(
        _("Eerst iets over je gegevens."),
        _("Ik bewaar je naam, je gemeente, je taal en wat je graag doet."),
        _("Zo kan ik je helpen een activiteit te vinden."),
        _("Alleen de mensen van het netwerk die jou helpen, zien dat."),
        _("Met /mijngegevens zie je alles. Met /vergeet wis je alles."),
        _("Is dat goed voor jou?"),
        choices=(Choice(YES, _("Ja, dat is goed")), Choice(NO, _("Nee"))),
    )


async def _answer_consent(turn: Turn, answer: Answer) -> list[Reply]:
    if answer.choice == YES:
        turn.person.consent_at = turn.now
        turn.goto(Dialog.ONBOARDING, OnboardingStep.NAME)
        return [say(_("Dank je!"))]
    await turn.erase()
    return [
        say(
            _("Oké. Ik bewaar niets over jou."),
            _("Wil je later toch beginnen? Stuur dan een bericht."),
        )
    ]


# --- name ----------------------------------------------------------------------------------


def _ask_name(turn: Turn) -> Reply:
    return say(_("Hoe heet je? Je voornaam of een bijnaam is genoeg."))


def parse_name(text: str, prefixes: tuple[str, ...]) -> str:
    """The name inside "Ik heet Amina" or "my name is Amina", or the text itself."""
    words = text.split()
    folded = fold(text)
    for prefix in prefixes:
        size = len(prefix.split())
        if (folded + " ").startswith(prefix + " ") and len(words) > size:
            return " ".join(words[size:]).strip(" .,!")
    return text.strip(" .,!")


async def _answer_name(turn: Turn, answer: Answer) -> list[Reply]:
    name = parse_name(answer.text, turn.knowledge.lexicon.name_prefixes)
    if _LINK.search(name):
        return [say(_("Stuur geen link. Typ alleen je naam."))]
    if len(name) > NAME_MAX:
        return [say(_("Die naam is te lang. Typ een naam van 40 tekens of minder."))]
    if not has_letters(name) or _NAME_FORBIDDEN & set(name):
        return [say(_("Dat lijkt niet op een naam. Typ je voornaam met letters."))]
    turn.person.name = name
    if is_helper(turn.person) and not turn.onboarded:
        # A coach, staff member, buddy or provider came with an invite: no participant questions.
        turn.person.onboarded_at = turn.now
        turn.goto(Dialog.MENU, MenuStep.MAIN)
        return [say(_("Klaar, {name}! Welkom bij Wegwijs.").format(name=name))]
    turn.goto(Dialog.ONBOARDING, OnboardingStep.MUNICIPALITY)
    return [say(_("Dag {name}!").format(name=name))]


# --- municipality --------------------------------------------------------------------------


def _ask_municipality(turn: Turn) -> Reply:
    return say(_("In welke gemeente woon je?"))


async def _answer_municipality(turn: Turn, answer: Answer) -> list[Reply]:
    place = turn.knowledge.gazetteer.find(answer.text)
    if place is None:
        turn.goto(Dialog.ONBOARDING, OnboardingStep.MUNICIPALITY_LIST)
        return [say(_("Die gemeente ken ik niet."))]
    if place.certainty is Certainty.CLOSE:
        turn.goto(
            Dialog.ONBOARDING,
            OnboardingStep.MUNICIPALITY_CONFIRM,
            {"municipality": place.municipality},
        )
        return []
    replies = []
    if place.is_part:
        replies.append(
            say(
                _("{place} ligt in {municipality}.").format(
                    place=place.typed_as, municipality=place.municipality
                )
            )
        )
    return replies + _settle_municipality(turn, place.municipality)


async def _located(turn: Turn, latitude: float, longitude: float) -> list[Reply]:
    """A shared location: propose the nearest municipality; the location itself is not kept."""
    municipality, distance = turn.knowledge.gazetteer.nearest(latitude, longitude)
    if distance > WESTHOEK_RADIUS_KM:
        turn.goto(Dialog.ONBOARDING, OnboardingStep.MUNICIPALITY_LIST)
        return [say(_("Die plek ligt niet in de Westhoek."))]
    turn.goto(
        Dialog.ONBOARDING, OnboardingStep.MUNICIPALITY_CONFIRM, {"municipality": municipality}
    )
    return []


def _settle_municipality(turn: Turn, municipality: str | None) -> list[Reply]:
    turn.person.municipality = municipality
    if not turn.onboarded and is_helper(turn.person):
        turn.person.onboarded_at = turn.now  # an invite came halfway: no interests to ask
    if turn.onboarded:
        turn.goto(Dialog.MENU, MenuStep.MAIN)
        return [say(_("Goed, dat is bewaard."))]
    turn.goto(Dialog.ONBOARDING, OnboardingStep.INTERESTS, {"picked": list(turn.person.interests)})
    return []


def _ask_municipality_confirm(turn: Turn) -> Reply:
    municipality = str(turn.data.get("municipality", ""))
    return say(
        _("Bedoel je {municipality}?").format(municipality=municipality),
        choices=(Choice(YES, _("Ja")), Choice(NO, _("Nee"))),
    )


async def _answer_municipality_confirm(turn: Turn, answer: Answer) -> list[Reply]:
    if answer.choice == YES:
        return _settle_municipality(turn, str(turn.data["municipality"]))
    if answer.choice == NO:
        turn.goto(Dialog.ONBOARDING, OnboardingStep.MUNICIPALITY_LIST)
        return []
    return await _answer_municipality(turn, answer)  # they typed another place


def _ask_municipality_list(turn: Turn) -> Reply:
    choices = tuple(Choice(name, name) for name in turn.knowledge.gazetteer.municipalities)
    return say(
        _("Kies je gemeente uit de lijst. Of typ de naam."),
        choices=(*choices, Choice(OTHER_PLACE, _("Ik woon ergens anders"))),
    )


async def _answer_municipality_list(turn: Turn, answer: Answer) -> list[Reply]:
    if answer.choice == OTHER_PLACE:
        replies = [say(_("Wegwijs helpt vooral in de Westhoek. Je kan toch verder."))]
        return replies + _settle_municipality(turn, None)
    if answer.choice is not None:
        return _settle_municipality(turn, answer.choice)
    return await _answer_municipality(turn, answer)


# --- interests -----------------------------------------------------------------------------


def _ask_interests(turn: Turn) -> Reply:
    picked = set(turn.data.get("picked", []))
    choices = tuple(
        Choice(interest, label, selected=interest in picked)
        for interest, label in INTERESTS.items()
    )
    return say(
        _("Wat doe je graag? Kies een of meer dingen."),
        _("Kies daarna Klaar."),
        choices=(*choices, Choice(DONE, _("Klaar"))),
    )


async def _answer_interests(turn: Turn, answer: Answer) -> list[Reply]:
    picked: list[str] = list(turn.data.get("picked", []))
    for interest in answer.picked:
        if interest in picked:
            picked.remove(interest)
        elif interest in INTERESTS:
            picked.append(interest)
    if DONE not in answer.picked:
        turn.update(picked=picked)
        return []
    turn.person.interests = [interest for interest in INTERESTS if interest in picked]
    if turn.onboarded:
        turn.goto(Dialog.MENU, MenuStep.MAIN)
        return [say(_("Goed, dat is bewaard."))]
    turn.person.onboarded_at = turn.now
    turn.goto(Dialog.MENU, MenuStep.MAIN)
    replies = [] if picked else [say(_("Geen probleem. Je kan dit later kiezen in het menu."))]
    name = turn.person.name or ""
    return [*replies, say(_("Klaar, {name}! Welkom bij Wegwijs.").format(name=name))]


STEPS: dict[StepKey, Step] = {
    (Dialog.ONBOARDING, OnboardingStep.LANGUAGE): Step(_ask_language, _answer_language),
    (Dialog.ONBOARDING, OnboardingStep.CONSENT): Step(_ask_consent, _answer_consent),
    (Dialog.ONBOARDING, OnboardingStep.NAME): Step(_ask_name, _answer_name, free_text=True),
    (Dialog.ONBOARDING, OnboardingStep.MUNICIPALITY): Step(
        _ask_municipality, _answer_municipality, free_text=True, location=_located
    ),
    (Dialog.ONBOARDING, OnboardingStep.MUNICIPALITY_CONFIRM): Step(
        _ask_municipality_confirm, _answer_municipality_confirm, free_text=True, location=_located
    ),
    (Dialog.ONBOARDING, OnboardingStep.MUNICIPALITY_LIST): Step(
        _ask_municipality_list, _answer_municipality_list, free_text=True, location=_located
    ),
    (Dialog.ONBOARDING, OnboardingStep.INTERESTS): Step(
        _ask_interests, _answer_interests, multi=True
    ),
}
