"""The composition root: store, dialog engine and renderer wired together for the transports."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.settings import Settings
from dialogs import notices
from dialogs.clock import Clock, SystemClock
from dialogs.engine import Engine
from dialogs.i18n import Locale
from dialogs.knowledge import Knowledge
from dialogs.messages import Incoming
from dialogs.render import Rendered
from store import db, people

log = logging.getLogger(__name__)


@dataclass
class Wegwijs:
    """Everything a transport needs: `handle` one update, get the rendered replies."""

    settings: Settings
    database: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    engine: Engine

    @classmethod
    async def start(
        cls, settings: Settings, clock: Clock | None = None, *, migrate: bool = True
    ) -> Wegwijs:
        database = db.create_engine(settings.database_url)
        if migrate:
            await db.upgrade(database)
        engine = Engine(Knowledge.load(), clock or SystemClock(), settings.zone)
        log.info("started %s", settings.safe_summary())
        return cls(settings, database, db.session_factory(database), engine)

    async def handle(self, incoming: Incoming) -> list[Rendered]:
        """One update, one transaction; a failure rolls back and gets a kind answer."""
        renderer = self.engine.knowledge.renderer
        try:
            async with self.sessions() as session, session.begin():
                response = await self.engine.handle(session, incoming)
        except Exception:
            log.exception(
                "update failed channel=%s update=%s", incoming.channel, incoming.update_id
            )
            locale = await self._locale_of(incoming)
            return [renderer.render(notices.failure(), locale)]
        if response is None:
            return []
        return [renderer.render(reply, response.locale) for reply in response.replies]

    async def _locale_of(self, incoming: Incoming) -> Locale:
        try:
            async with self.sessions() as session:
                account = await people.find_account(session, incoming.channel, incoming.address)
        except Exception:
            log.exception("could not load the language after a failure")
            return Locale()
        if account is None:
            return Locale()
        return Locale(account.person.help_language, account.person.help_line)

    async def close(self) -> None:
        await self.database.dispose()
