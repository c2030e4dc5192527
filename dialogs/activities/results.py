"""The cards page (Andere tonen, Zoeken aanpassen, a coach) and refining the search."""

from __future__ import annotations

from dialogs.activities import cards
from dialogs.activities.cards import Card
from dialogs.activities.search import PAGE, SLOT_LABELS, Search, card_choices, show, start
from dialogs.activities.wish import text_wish
from dialogs.cases import chat as cases
from dialogs.messages import Choice, Msg, Reply, _, say
from dialogs.states import DONE, ActivityStep, Dialog, StepKey
from dialogs.steps import Answer, Step
from dialogs.turn import Turn
from store.activities import catalogue as store
from store.cases.models import Reason

MORE, REFINE, COACH, MENU = "more", "refine", "coach", "menu"
CHILDREN, EVERYTHING, TRAVEL, DUTCH = "children", "everything", "travel", "dutch"


# --- the cards --------------------------------------------------------------------------------


def _ask_results(turn: Turn) -> Reply:
    data = turn.data
    shown = [Card.load(item) for item in data.get("cards", [])]
    if data.get("found"):
        texts: list[Msg] = [_("Dit past bij jou:")]
    elif shown:
        texts = [
            _("Ik vind niets dat goed past, dicht bij jou."),
            _("Ik heb dat genoteerd. Zo weet het netwerk wat er nog ontbreekt."),
            _("Dit is het dichtst bij:"),
        ]
    else:
        texts = [_("Ik vind nu geen activiteiten. Er staan er nog geen in Wegwijs.")]
    choices: list[Choice] = []
    for number, card in enumerate(shown, start=1):
        if not turn.locale.shows_help:
            texts.append(cards.verbatim(""))  # a blank line between cards; help lines space them
        texts.extend(cards.summary(card, number))
        choices.extend(card_choices(card, number))
    if data.get("more"):
        choices.append(Choice(MORE, _("Andere tonen")))
    if not data.get("found"):
        choices.append(Choice(COACH, _("Een coach helpt mij zoeken")))
    choices.append(Choice(REFINE, _("Zoeken aanpassen")))
    choices.append(Choice(MENU, _("Terug naar het menu")))
    return Reply(texts=tuple(texts), choices=tuple(choices))


async def _answer_results(turn: Turn, answer: Answer) -> list[Reply]:
    search = Search.of(turn.data["search"])
    match answer.choice:
        case "more":  # Andere tonen
            profile = await store.profile_to_change(turn.session, turn.person.id, turn.now)
            return await show(turn, search.at(search.offset + PAGE), profile)
        case "refine":
            return await open_refine(turn, search)
        case "coach":
            profile = await store.profile_to_change(turn.session, turn.person.id, turn.now)
            profile.coach_requested_at = profile.coach_requested_at or turn.now
            turn.home()
            return await cases.raise_help(turn, Reason.SEARCH)
        case "menu":
            turn.home()
            return []
    if text_wish(turn.knowledge, answer.text) is not None:
        return await start(turn, answer.text)  # a new search: "liever voetbal"
    return [say(_("Dat begrijp ik niet. Kies iets uit de lijst, of typ wat je wil doen."))]


# --- refining ---------------------------------------------------------------------------------


async def open_refine(turn: Turn, search: Search) -> list[Reply]:
    profile = await store.profile_to_change(turn.session, turn.person.id, turn.now)
    picked = [*profile.slots]
    if profile.with_children:
        picked.append(CHILDREN)
    if profile.everything:
        picked.append(EVERYTHING)
    turn.goto(Dialog.ACTIVITIES, ActivityStep.REFINE, {"search": search.data(), "picked": picked})
    return []


def _ask_refine(turn: Turn) -> Reply:
    picked = set(turn.data.get("picked", []))
    toggles = [
        Choice(CHILDREN, _("Ik neem mijn kinderen mee")),
        *(Choice(slot, label) for slot, label in SLOT_LABELS.items()),
        Choice(EVERYTHING, _("Toon ook wat niet meetelt voor mijn traject")),
    ]
    return say(
        _("Wat is belangrijk voor jou? Kies een of meer dingen."),
        _("Kies daarna Klaar."),
        choices=(
            *(Choice(c.id, c.label, selected=c.id in picked) for c in toggles),
            Choice(TRAVEL, _("Hoe ver ik kan gaan")),
            Choice(DUTCH, _("Hoeveel Nederlands ik spreek")),
            Choice(DONE, _("Klaar")),
        ),
    )


async def _answer_refine(turn: Turn, answer: Answer) -> list[Reply]:
    search = Search.of(turn.data["search"])
    picked: list[str] = list(turn.data.get("picked", []))
    for item in answer.picked:
        if item in {CHILDREN, EVERYTHING, *SLOT_LABELS}:
            picked.remove(item) if item in picked else picked.append(item)
    profile = await store.profile_to_change(turn.session, turn.person.id, turn.now)
    profile.with_children = CHILDREN in picked
    profile.everything = EVERYTHING in picked
    profile.slots = [slot for slot in SLOT_LABELS if slot in picked]
    if TRAVEL in answer.picked:
        turn.goto(Dialog.ACTIVITIES, ActivityStep.TRAVEL, {"search": search.data()})
        return []
    if DUTCH in answer.picked:
        turn.goto(Dialog.ACTIVITIES, ActivityStep.DUTCH, {"search": search.data()})
        return []
    if DONE not in answer.picked:
        turn.update(picked=picked)
        return []
    return await show(turn, search.at(0), profile)


STEPS: dict[StepKey, Step] = {
    (Dialog.ACTIVITIES, ActivityStep.RESULTS): Step(_ask_results, _answer_results, free_text=True),
    (Dialog.ACTIVITIES, ActivityStep.REFINE): Step(_ask_refine, _answer_refine, multi=True),
}
