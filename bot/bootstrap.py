"""The composition root: store, dialog engine and renderer wired together for the transports.

The console gets its replies back from `handle`. Remote channels (Telegram, Signal) use
`receive`: the replies are queued in the outbox in the same transaction as the update, and the
channel's outbox worker sends them (see `bot/outbox.py`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot import outbox
from bot.hours.paper import OverviewMaker
from bot.outbox import Limits, OutboxWorker
from bot.reports.maker import PdfReports
from bot.sending import Delivery
from bot.settings import Settings
from dialogs import notices
from dialogs.clock import Clock, SystemClock
from dialogs.engine import Engine
from dialogs.hours.setup import HoursRules, HoursSetup
from dialogs.i18n import Locale
from dialogs.knowledge import Knowledge
from dialogs.messages import Incoming, Outgoing
from dialogs.render import Rendered
from store import db
from store.broadcasts import sending as broadcasts
from store.outbox import Outcome, Ref
from store.people import persons

log = logging.getLogger(__name__)
TYPING_RENEW = 4.5  # seconds: Telegram shows a chat action for 5 s, Signal's phones about 15

# Turns one update's rendered replies into the channel's deliveries (the flag: a pressed button
# was taken as the answer).
Planner = Callable[[list[Rendered], bool], list[Delivery]]


def send_limits(settings: Settings) -> Limits:
    """The outgoing layer's limits as the settings give them."""
    return Limits(
        rate=settings.send_rate,
        gap=settings.send_chat_gap,
        max_attempts=settings.send_attempts,
        retry_base=settings.send_retry_seconds,
    )


def hours_setup(settings: Settings) -> HoursSetup:
    """The hours rules, link key and web address as the settings give them."""
    return HoursSetup(
        rules=HoursRules(
            target=settings.hours_target,
            max_a_day=settings.hours_max_a_day,
            days_back=settings.hours_days_back,
            remind_after_days=settings.hours_remind_days,
            staff_after_days=settings.hours_staff_days,
            link_days=settings.hours_link_days,
        ),
        secret=settings.signing_key(),
        public_url=settings.public_url,
        paperwork=OverviewMaker(web_address(settings)),
    )


def web_address(settings: Settings) -> str:
    """Where people reach the web server: the public address, else the local one."""
    return settings.public_url or f"http://{settings.web_host}:{settings.web_port}"


@dataclass(frozen=True)
class Outlet:
    """How the core reaches a remote channel: plan its messages, wake its outbox worker."""

    plan: Callable[[list[Rendered]], list[Delivery]]
    worker: OutboxWorker
    # Shows "typing…" to an address (Telegram sendChatAction, signal-cli sendTyping).
    typing: Callable[[str], Awaitable[None]] | None = None


@dataclass
class Wegwijs:
    """Everything a transport needs: `handle` one update, get the rendered replies."""

    settings: Settings
    database: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    engine: Engine
    clock: Clock
    outlets: dict[str, Outlet] = field(default_factory=dict)

    @classmethod
    async def start(
        cls, settings: Settings, clock: Clock | None = None, *, migrate: bool = True
    ) -> Wegwijs:
        database = db.create_engine(settings.database_url)
        if migrate:
            await db.upgrade(database)
        clock = clock or SystemClock()
        knowledge = Knowledge.load()
        reports = PdfReports(knowledge.gazetteer, settings.hours_target)
        engine = Engine(
            knowledge, clock, settings.zone, hours_setup(settings), reports, settings.reminder_plan
        )
        log.info("started %s", settings.safe_summary())
        return cls(settings, database, db.session_factory(database), engine, clock)

    def attach(self, channel: str, outlet: Outlet) -> None:
        """Register a remote channel, so replies and messages to its people can be queued."""
        self.outlets[channel] = outlet

    async def handle(self, incoming: Incoming) -> list[Rendered]:
        """One update, one transaction; a failure rolls back and gets a kind answer."""
        renderer = self.engine.knowledge.renderer
        try:
            async with self.sessions() as session, session.begin():
                response = await self.engine.handle(session, incoming)
                if response is not None:
                    await self.queue_for(session, response.others)
        except Exception:
            log.exception(
                "update failed channel=%s update=%s", incoming.channel, incoming.update_id
            )
            locale = await self._locale_of(incoming)
            return [renderer.render(notices.failure(), locale)]
        if response is None:
            return []
        self._wake()
        return [renderer.render(reply, response.locale) for reply in response.replies]

    async def waiting(self, channel: str, address: str) -> list[Rendered]:
        """Take the messages queued for an address that has no worker (the console)."""
        async with self.sessions() as session, session.begin():
            return await outbox.take_all(session, channel, address, self.settled)

    async def receive(self, incoming: Incoming, plan: Planner | None = None) -> bool:
        """Handle one update of a remote channel; False when it was handled before."""
        outlet = self.outlets[incoming.channel]
        renderer = self.engine.knowledge.renderer
        try:
            async with (
                self._typing_while_slow(outlet, incoming.address),
                self.sessions() as session,
                session.begin(),
            ):
                response = await self.engine.handle(session, incoming)
                if response is None:
                    return False
                rendered = [renderer.render(reply, response.locale) for reply in response.replies]
                deliveries = (
                    plan(rendered, response.choice_taken) if plan else outlet.plan(rendered)
                )
                outbox.enqueue(
                    session,
                    incoming.channel,
                    incoming.address,
                    response.account_id,
                    deliveries,
                    self.clock,
                )
                await self.queue_for(session, response.others)
        except Exception:
            log.exception(
                "update failed channel=%s update=%s", incoming.channel, incoming.update_id
            )
            await self._say_failure(incoming, outlet)
        self._wake()
        return True

    @contextlib.asynccontextmanager
    async def _typing_while_slow(self, outlet: Outlet, address: str) -> AsyncIterator[None]:
        """ "typing…" on the person's phone when a reply takes longer than WEGWIJS_TYPING_AFTER
        (a PDF, a search in a big catalogue), renewed while it lasts; quick replies show none."""
        if outlet.typing is None:
            yield
            return
        shown = asyncio.create_task(self._show_typing(outlet.typing, address))
        try:
            yield
        finally:
            shown.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await shown

    async def _show_typing(self, typing: Callable[[str], Awaitable[None]], address: str) -> None:
        await asyncio.sleep(self.settings.typing_after)
        while True:
            try:
                await typing(address)
            except Exception as error:  # a courtesy: never let it hold up the reply
                log.debug("typing not shown error=%s", type(error).__name__)
            await asyncio.sleep(TYPING_RENEW)

    async def open_question(self, channel: str, address: str) -> Rendered | None:
        """The question this address is asked now, rendered; None between conversations."""
        async with self.sessions() as session:
            found = await self.engine.open_question(session, channel, address)
        if found is None:
            return None
        reply, locale = found
        return self.engine.knowledge.renderer.render(reply, locale)

    async def queue_for(self, session: AsyncSession, messages: Iterable[Outgoing]) -> int:
        """Queue messages for people, on the channel each of them used last; returns how many
        could be queued (someone without an active channel gets nothing)."""
        renderer = self.engine.knowledge.renderer
        queued = 0
        for other in messages:
            account = await persons.reachable_account(session, other.person_id)
            if account is None:
                log.info("nobody to tell person=%s", other.person_id)
                continue
            message = renderer.render(other.reply, other.locale)
            outlet = self.outlets.get(account.channel)
            deliveries = outlet.plan([message]) if outlet else [Delivery(message)]
            outbox.enqueue(
                session, account.channel, account.address, account.id, deliveries, self.clock
            )
            queued += 1
        return queued

    async def settled(
        self,
        session: AsyncSession,
        refs: list[Ref],
        outcome: Outcome,
        reason: str | None,
        message_id: str | None,
    ) -> None:
        """The outbox's hook: a broadcast recipient's (or its report's) message has ended."""
        await broadcasts.settled(session, refs, outcome, reason, message_id, self.clock.now())

    def wake(self) -> None:
        """Tell every channel's worker that messages wait."""
        self._wake()

    def _wake(self) -> None:
        for outlet in self.outlets.values():
            outlet.worker.wake()

    async def _say_failure(self, incoming: Incoming, outlet: Outlet) -> None:
        renderer = self.engine.knowledge.renderer
        message = renderer.render(notices.failure(), await self._locale_of(incoming))
        try:
            async with self.sessions() as session, session.begin():
                outbox.enqueue(
                    session,
                    incoming.channel,
                    incoming.address,
                    None,
                    outlet.plan([message]),
                    self.clock,
                )
        except Exception:
            log.exception("could not queue the failure notice channel=%s", incoming.channel)

    async def _locale_of(self, incoming: Incoming) -> Locale:
        try:
            async with self.sessions() as session:
                account = await persons.find_account(session, incoming.channel, incoming.address)
        except Exception:
            log.exception("could not load the language after a failure")
            return Locale()
        if account is None:
            return Locale()
        return Locale(account.person.help_language, account.person.help_line)

    async def close(self) -> None:
        await self.database.dispose()
