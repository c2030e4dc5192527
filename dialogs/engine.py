"""The dialog engine: one Incoming in, the replies out, state saved in the caller's transaction."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs import commands, menu, notices, privacy
from dialogs.activities import dialog as activities
from dialogs.broadcasts import dialog as broadcasts
from dialogs.buddies import chat as buddies
from dialogs.cases import chat as cases
from dialogs.clock import Clock
from dialogs.hours import dialog as hours
from dialogs.hours.setup import HoursSetup
from dialogs.i18n import Locale
from dialogs.knowledge import Knowledge
from dialogs.messages import Incoming, Outgoing, Reply, _, say
from dialogs.people import invitations, language, linking, onboarding
from dialogs.reports.setup import ReportMaker
from dialogs.sessions import chat as sessions
from dialogs.states import Dialog, MenuStep, OnboardingStep, StepKey, question_token
from dialogs.steps import Action, Answer, Step
from dialogs.turn import Turn
from dialogs.understanding.lexicon import Intent
from dialogs.understanding.text import MAX_LENGTH, clean, clean_lines
from store import updates
from store.people import persons
from store.sessions.plan import ReminderPlan

log = logging.getLogger(__name__)

STEPS: dict[StepKey, Step] = {
    **onboarding.STEPS,
    **menu.STEPS,
    **language.STEPS,
    **privacy.STEPS,
    **activities.STEPS,
    **hours.STEPS,
    **broadcasts.STEPS,
    **sessions.STEPS,
    **buddies.STEPS,
    **cases.STEPS,
}
# Questions that keep their place when someone types hours: onboarding, and the ones in between.
_STAY = {Dialog.ONBOARDING, Dialog.LANGUAGE, Dialog.PRIVACY, Dialog.REQUESTS, Dialog.HOUR_CHECKS}
# Handlers of action choices "<action>:<arg>"; they check who may do what themselves.
ACTIONS: dict[str, Action] = {
    **activities.ACTIONS,
    **hours.ACTIONS,
    **sessions.ACTIONS,
    **buddies.ACTIONS,
    **cases.ACTIONS,
}


@dataclass(frozen=True)
class Response:
    """What to send back, and in which language the person reads it."""

    replies: tuple[Reply, ...]
    locale: Locale
    person_id: int | None
    account_id: int | None = None  # None once the person erased everything
    choice_taken: bool = False  # a pressed button was taken as the answer (not an old one)
    others: tuple[Outgoing, ...] = ()  # messages for other people, delivered after the commit


class Engine:
    def __init__(
        self,
        knowledge: Knowledge,
        clock: Clock,
        timezone: ZoneInfo,
        hours_setup: HoursSetup | None = None,
        reports: ReportMaker | None = None,
        sessions_plan: ReminderPlan | None = None,
    ):
        self.knowledge = knowledge
        self._clock = clock
        self._timezone = timezone
        self.hours = hours_setup or HoursSetup()
        self.reports = reports
        self.sessions_plan = sessions_plan or ReminderPlan(timezone)

    async def handle(self, session: AsyncSession, incoming: Incoming) -> Response | None:
        """Handle one update inside the caller's transaction; None when it was seen before."""
        now = self._clock.now()
        if not await updates.claim(session, incoming.channel, incoming.update_id, now):
            log.info("duplicate update channel=%s update=%s", incoming.channel, incoming.update_id)
            return None
        account = await persons.find_account(session, incoming.channel, incoming.address)
        is_new = account is None
        if account is None:
            account = await persons.add_person(session, incoming.channel, incoming.address, now)
        account.active = True  # someone who blocked the bot and writes again can be reached
        account.last_seen_at = now
        if incoming.phone_number is not None:
            account.phone_number = incoming.phone_number
        account_id = account.id
        turn = Turn(
            session,
            account.person,
            now,
            self._timezone,
            self.knowledge,
            hours=self.hours,
            reports=self.reports,
            sessions_plan=self.sessions_plan,
        )
        turn.source = (incoming.channel, incoming.update_id)
        turn.person.paused_at = None  # writing to the bot means they want to hear from it again
        replies = await self._dispatch(turn, incoming, is_new)
        person = turn.person  # another one after /koppel joined two persons
        if not turn.erased:
            person.updated_at = now
        log.info(
            "handled channel=%s person=%s position=%s replies=%d",
            incoming.channel,
            None if turn.erased else person.id,
            None if turn.erased or turn.position is None else "/".join(turn.position),
            len(replies),
        )
        return Response(
            tuple(replies),
            turn.locale,
            None if turn.erased else person.id,
            None if turn.erased else account_id,
            turn.choice_taken,
            tuple(turn.outgoing),
        )

    async def open_question(
        self, session: AsyncSession, channel: str, address: str
    ) -> tuple[Reply, Locale] | None:
        """The question waiting for an answer, as it would be asked now; changes nothing."""
        account = await persons.find_account(session, channel, address)
        if account is None:
            return None
        turn = Turn(
            session,
            account.person,
            self._clock.now(),
            self._timezone,
            self.knowledge,
            hours=self.hours,
        )
        position = turn.position
        if position is None or position not in STEPS:
            return None
        return self._asked(STEPS[position].ask(turn), position), turn.locale

    async def _dispatch(self, turn: Turn, incoming: Incoming, is_new: bool) -> list[Reply]:
        text = clean(incoming.text)
        if incoming.choice is None and self.knowledge.lexicon.danger.found(text):
            # Safety first, at any step: the numbers to call; the open question stays open.
            log.warning("danger words person=%s", turn.person.id)
            if turn.position is None and not turn.onboarded:
                first = self.knowledge.first_languages(text)
                turn.goto(Dialog.ONBOARDING, OnboardingStep.LANGUAGE, {"first": list(first)})
            return [notices.danger(for_everyone=not turn.onboarded), *self._question(turn)]
        if is_new or (turn.position is None and not turn.onboarded):
            # A link code from another channel, or an invite link, as the very first message.
            linked = await linking.from_first(turn, text)
            if linked is not None and linked[1]:
                return [*linked[0], *self._question(turn)]
            invited = await invitations.from_start(turn, text)
            first = self.knowledge.first_languages(text)
            turn.goto(Dialog.ONBOARDING, OnboardingStep.LANGUAGE, {"first": list(first)})
            said = [] if linked is None else linked[0]
            return [*said, onboarding.welcome(), *invited, *self._question(turn)]
        if incoming.location is not None:
            return await self._located(turn, *incoming.location)
        if incoming.media is not None:
            return [notices.media(), *self._question(turn)]
        step = STEPS.get(turn.position) if turn.position is not None else None
        if step is not None and step.long_text and incoming.choice is None:
            text = clean_lines(incoming.text)  # an announcement: its own checks and limits
        elif len(text) > MAX_LENGTH:
            return [notices.too_long(), *self._question(turn)]
        if incoming.choice is not None and (action := action_of(incoming.choice)) is not None:
            turn.choice_taken = True
            return await self._act(turn, action)
        parsed = commands.parse(text) if incoming.choice is None else None
        if parsed is None and incoming.choice is None and text:
            relayed = await cases.relay(turn, text)  # a conversation with a coach: no answer
            if relayed is not None:
                return relayed
        if parsed is not None:
            replies, ask_again = await commands.run(turn, parsed)
            return replies + (self._question(turn) if ask_again else [])
        if turn.position not in STEPS:
            turn.home()  # between conversations, or a step removed by an upgrade
        return await self._answer(turn, incoming, text)

    async def _located(self, turn: Turn, latitude: float, longitude: float) -> list[Reply]:
        step = STEPS.get(turn.position) if turn.position is not None else None
        if step is None or step.location is None:
            return [notices.location_not_needed(), *self._question(turn)]
        return await step.location(turn, latitude, longitude) + self._question(turn)

    async def _answer(self, turn: Turn, incoming: Incoming, text: str) -> list[Reply]:
        position = turn.position
        step = STEPS[position]  # type: ignore[index]
        question = self._asked(step.ask(turn), position)  # type: ignore[arg-type]
        ids = [choice.id for choice in question.choices]
        if incoming.choice is not None:
            stale = incoming.asked is not None and incoming.asked != question.asks
            if stale or incoming.choice not in ids:
                return [notices.old_question(), question]
            answer = Answer(text, (incoming.choice,))
            turn.choice_taken = True
        elif not text:
            return [notices.empty(), question]
        else:
            picked = self.knowledge.pick(text, question.choices, multi=step.multi) if ids else None
            if picked is not None and picked.numeric and not step.numbered:
                picked = None  # "6" at "Hoe lang?" means six hours, not the sixth choice
            if picked is not None and not picked.numeric and self._reports_hours(turn, text):
                picked = None  # "أمس ساعتين" in the menu logs hours; it does not open "ساعاتي"
            if picked is not None and picked.out_of_range:
                return [notices.out_of_range(len(ids)), question]
            answer = Answer(text, () if picked is None else picked.ids)
            if not answer.picked and not step.free_text:
                if (elsewhere := await self._elsewhere(turn, text)) is not None:
                    return elsewhere + self._question(turn)
                return [self._unexpected(turn, text), question]
        if answer.choice is not None and (action := action_of(answer.choice)) is not None:
            return await self._act(turn, action)  # "2" for a button that is an action
        replies = await step.answer(turn, answer)
        return replies + await self._in_menu(turn) + self._question(turn)

    async def _act(self, turn: Turn, action: tuple[Action, str]) -> list[Reply]:
        handler, argument = action
        replies = await handler(turn, argument)
        return replies + await self._in_menu(turn) + self._question(turn)

    @staticmethod
    async def _in_menu(turn: Turn) -> list[Reply]:
        """What the menu makes of text a step handed to it (`Turn.hand_to_menu`)."""
        if turn.menu_text is None:
            return []
        text, turn.menu_text = turn.menu_text, None
        return await menu.free_text(turn, Answer(text))

    async def _elsewhere(self, turn: Turn, text: str) -> list[Reply] | None:
        """Hours or progress typed at a question with set answers ("gisteren 3 uur" after
        signing up): taken as in the menu. Not during onboarding or a question in between."""
        if not turn.onboarded or turn.position is None or turn.position[0] in _STAY:
            return None
        understood = self.knowledge.understand(text, turn.today)
        reports = understood["intent"] == Intent.LOG_HOURS and understood["hours"] is not None
        if not reports and understood["intent"] != Intent.PROGRESS:
            return None
        turn.home()
        return await menu.free_text(turn, Answer(text))

    def _reports_hours(self, turn: Turn, text: str) -> bool:
        """Whether text typed in the menu reports hours, read as `wegwijs understand` does."""
        if turn.position != (Dialog.MENU, MenuStep.MAIN):
            return False
        understood = self.knowledge.understand(text, turn.today)
        return understood["intent"] == Intent.LOG_HOURS and understood["hours"] is not None

    def _unexpected(self, turn: Turn, text: str) -> Reply:
        intent = self.knowledge.lexicon.intent(text)
        if intent is Intent.HELP:
            return notices.overview()
        if intent is Intent.GREETING:
            return say(_("Hallo! Kies een antwoord hieronder."))
        return notices.not_understood()

    def _question(self, turn: Turn) -> list[Reply]:
        """The open question, asked (again) after whatever was said."""
        if turn.erased or turn.position is None:
            return []
        if turn.position not in STEPS:
            turn.home()
        return [self._asked(STEPS[turn.position].ask(turn), turn.position)]

    @staticmethod
    def _asked(question: Reply, position: StepKey) -> Reply:
        return replace(question, asks=question_token(position)) if question.choices else question


def action_of(choice: str) -> tuple[Action, str] | None:
    """The handler and argument of an action choice like "enrol_accept:17", else None."""
    name, separator, argument = choice.partition(":")
    handler = ACTIONS.get(name) if separator else None
    return None if handler is None else (handler, argument)
