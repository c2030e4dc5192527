"""One update being handled: the person, the time, the store session and where we are."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.hours.setup import HoursSetup
from dialogs.i18n import Locale
from dialogs.knowledge import Knowledge
from dialogs.messages import Outgoing, Reply
from dialogs.reports.setup import ReportMaker
from dialogs.states import Dialog, MenuStep, OnboardingStep, StepKey
from store.people import persons
from store.people.models import Person
from store.sessions.plan import ReminderPlan

BACK = "_back"
_DIALOGS = {dialog.value for dialog in Dialog}


@dataclass
class Turn:
    session: AsyncSession
    person: Person
    now: datetime
    timezone: ZoneInfo
    knowledge: Knowledge
    erased: bool = False
    choice_taken: bool = False
    outgoing: list[Outgoing] = field(default_factory=list)
    hours: HoursSetup = field(default_factory=HoursSetup)
    reports: ReportMaker | None = None  # the network's report as a PDF, where the bot has one
    sessions_plan: ReminderPlan | None = None  # when session reminders fall (settings)
    # (channel, update id) of the update being handled, for writes that must be idempotent.
    source: tuple[str, str] | None = None
    # Text a step handed back to be read as if typed in the menu; the engine reads it.
    menu_text: str | None = None
    _locale: Locale | None = field(default=None, repr=False)

    @property
    def locale(self) -> Locale:
        if self.erased and self._locale is not None:
            return self._locale
        return Locale(self.person.help_language, self.person.help_line)

    @property
    def today(self) -> date:
        """The date where the bot lives (Brussels), not in UTC."""
        return self.now.astimezone(self.timezone).date()

    @property
    def onboarded(self) -> bool:
        return self.person.onboarded_at is not None

    @property
    def position(self) -> StepKey | None:
        """Where the conversation is; None between conversations or for a dialog that is gone."""
        state = self.person.state
        if state is None or state.dialog not in _DIALOGS:
            return None
        return (Dialog(state.dialog), state.step)

    @property
    def data(self) -> dict[str, Any]:
        """A copy of the step's data; change it through `goto` or `update`."""
        state = self.person.state
        return {} if state is None else dict(state.data)

    def goto(self, dialog: Dialog, step: str, data: dict[str, Any] | None = None) -> None:
        persons.set_state(self.person, dialog.value, step, data or {}, self.now)

    def update(self, **values: Any) -> None:
        """Change the current step's data (the JSON column is replaced, so the change is seen)."""
        dialog, step = self.position or (Dialog.MENU, MenuStep.MAIN)
        self.goto(dialog, step, {**self.data, **values})

    def detour(self, dialog: Dialog, step: str, data: dict[str, Any] | None = None) -> None:
        """Go somewhere for a moment; `back` returns to the question that was open."""
        _detour(self.person, dialog, step, data or {}, self.now)

    def tell(self, person: Person, reply: Reply) -> None:
        """Send `reply` to someone else, in their language, after this update is stored."""
        locale = Locale(person.help_language, person.help_line)
        self.outgoing.append(Outgoing(person.id, reply, locale))

    def put_question(self, person: Person, dialog: Dialog, step: str, data: dict[str, Any]) -> None:
        """Make a question someone else's open question; they answer it, then are back."""
        _detour(person, dialog, step, data, self.now)

    def back(self) -> None:
        """Return from a detour, or go home (the menu, or onboarding when not done)."""
        back = self.data.get(BACK)
        if back:
            self.goto(Dialog(back["dialog"]), back["step"], back["data"])
        else:
            self.home()

    def hand_to_menu(self, text: str) -> list[Reply]:
        """Go home and have the menu read `text` ("mijn uren" typed halfway through logging)."""
        self.home()
        self.menu_text = text
        return []

    def home(self) -> None:
        if self.onboarded:
            self.goto(Dialog.MENU, MenuStep.MAIN)
        elif self.person.consent_at is None:
            self.goto(Dialog.ONBOARDING, OnboardingStep.LANGUAGE)
        elif self.person.name is None:
            self.goto(Dialog.ONBOARDING, OnboardingStep.NAME)
        else:
            self.goto(Dialog.ONBOARDING, OnboardingStep.MUNICIPALITY)

    def end(self) -> None:
        persons.clear_state(self.person)

    async def erase(self) -> None:
        """Erase the person and everything stored about them; replies still use their language."""
        self._locale = self.locale
        await persons.erase_person(self.session, self.person)
        self.erased = True


def _detour(person: Person, dialog: Dialog, step: str, data: dict[str, Any], now: datetime) -> None:
    state = person.state
    back = (
        None if state is None else {"dialog": state.dialog, "step": state.step, "data": state.data}
    )
    if state is not None and state.dialog == dialog.value:
        back = state.data.get(BACK)  # a second detour of the same kind keeps the first way back
    persons.set_state(person, dialog.value, step, {**data, BACK: back}, now)
