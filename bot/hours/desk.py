"""The confirmation page's desk, on the hours store: a link shown, confirmed or rejected (once),
the participant told in the same transaction, and an overview's code checked."""

from __future__ import annotations

import logging

from sqlalchemy.ext.asyncio import AsyncSession

from bot.bootstrap import Wegwijs
from bot.web.desk import ConfirmView, Done, OverviewCheck, RefusalReason, Refused
from dialogs.activities.requests import reachable
from dialogs.hours import outcome
from dialogs.i18n import Locale
from dialogs.messages import Outgoing
from store.activities import catalogue
from store.hours import entries, links
from store.hours.entries import Decision
from store.hours.links import Found, LinkState
from store.hours.models import ConfirmedVia, HourEntry

log = logging.getLogger(__name__)
REASON_LENGTH = 300  # what the store keeps of a reason
_REFUSED = {
    LinkState.UNKNOWN: RefusalReason.UNKNOWN,
    LinkState.USED: RefusalReason.USED,
    LinkState.EXPIRED: RefusalReason.EXPIRED,
    LinkState.DECIDED: RefusalReason.ALREADY_ANSWERED,
}


class HoursDesk:
    """`bot.web.desk.ConfirmationDesk` for Wegwijs: one transaction per answer."""

    def __init__(self, wegwijs: Wegwijs):
        self._wegwijs = wegwijs

    @property
    def _secret(self) -> str:
        return self._wegwijs.engine.hours.secret

    async def show(self, token: str) -> ConfirmView | Refused:
        async with self._wegwijs.sessions() as session:
            found = await self._look_up(session, token)
            if found.state is not LinkState.OPEN:
                return Refused(_REFUSED[found.state])
            assert found.entry is not None
            return await _view(session, found.entry)

    async def confirm(self, token: str, name: str) -> Done | Refused:
        return await self._answer(token, name, None, confirm=True)

    async def reject(self, token: str, name: str, reason: str) -> Done | Refused:
        return await self._answer(
            token, name, reason.strip()[:REASON_LENGTH] or None, confirm=False
        )

    async def check(self, code: str) -> OverviewCheck | None:
        async with self._wegwijs.sessions() as session:
            found = await links.overview(session, code)
            if found is None:
                return None
            person = await catalogue.person(session, found.person_id)
            return OverviewCheck(
                participant=(person.name if person else None) or "?",
                made_at=found.created_at,
                confirmed_minutes=found.confirmed_minutes,
            )

    async def _look_up(self, session: AsyncSession, token: str) -> Found:
        return await links.look_up(session, token, self._secret, self._wegwijs.clock.now())

    async def _answer(
        self, token: str, name: str, reason: str | None, *, confirm: bool
    ) -> Done | Refused:
        now = self._wegwijs.clock.now()
        async with self._wegwijs.sessions() as session:
            try:
                found = await self._look_up(session, token)
                if found.state is not LinkState.OPEN:
                    return Refused(_REFUSED[found.state])
                assert found.link is not None
                assert found.entry is not None
                entry = found.entry
                # Two people pressing at once: only one UPDATE finds the link unused.
                outcome_name = "confirmed" if confirm else "rejected"
                if not await links.use(session, found.link, outcome_name, now):
                    await session.rollback()
                    return Refused(RefusalReason.USED)
                decision = Decision(confirm, ConfirmedVia.LINK, None, name, reason)
                if not await entries.decide(
                    session, entry, found.link.entry_version, decision, now
                ):
                    await session.rollback()  # answered in Wegwijs meanwhile: the link stays
                    return Refused(RefusalReason.ALREADY_ANSWERED)
                view = await _view(session, entry)
                news = await _news(self._wegwijs, session, entry, name)
                await self._wegwijs.queue_for(session, news)
                await session.commit()
            except BaseException:
                await session.rollback()
                raise
        log.info("hours entry=%s decided via=link confirm=%s", entry.id, confirm)
        self._wegwijs.wake()
        return Done(view)


async def _view(session: AsyncSession, entry: HourEntry) -> ConfirmView:
    person = await catalogue.person(session, entry.person_id)
    activity = entry.enrolment.activity
    return ConfirmView(
        entry_id=entry.id,
        first_name=(person.name if person else None) or "?",
        minutes=entry.minutes,
        day=entry.day,
        activity=activity.title,
        organisation=activity.organisation,
    )


async def _news(
    wegwijs: Wegwijs, session: AsyncSession, entry: HourEntry, name: str
) -> list[Outgoing]:
    participant = await catalogue.person(session, entry.person_id)
    if participant is None or not reachable(participant):
        return []
    engine = wegwijs.engine
    replies = await outcome.for_participant(
        session, entry, participant, name, engine.hours, wegwijs.clock.now()
    )
    locale = Locale(participant.help_language, participant.help_line)
    return [Outgoing(participant.id, reply, locale) for reply in replies]
