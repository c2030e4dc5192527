"""Broadcasts in the store: the outbox's two priorities, who an audience reaches (SQLite and
PostgreSQL), recipients settled by the outbox, cancel."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import outbox
from bot.outbox import Limits, OutboxWorker
from bot.pacing import Pacer
from bot.sending import Delivery, UnreachableError
from dialogs.render import Rendered
from store.broadcasts import mutes, sending
from store.broadcasts.audience import Audience, per_channel, recipients
from store.broadcasts.models import RECIPIENT_REF, BroadcastStatus
from store.outbox import OutboxMessage, Outcome, Priority, Ref
from store.people.models import Role
from tests.broadcasts_support import activity, enrol, person
from tests.support import FakeClock

FAST = Limits(rate=1000.0, gap=0.0, poll=0.05)


@dataclass
class Recorder:
    channel: str = "telegram"
    delivered: list[tuple[str, str]] = field(default_factory=list)
    blocked: set[str] = field(default_factory=set)

    async def deliver(self, address: str, delivery: Delivery) -> str | None:
        if address in self.blocked:
            raise UnreachableError("forbidden")
        self.delivered.append((address, delivery.message.text))
        return str(len(self.delivered))


async def test_replies_go_before_broadcast_rows_queued_earlier(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with sessions() as session, session.begin():
        for n in range(20):
            outbox.enqueue(
                session,
                "telegram",
                f"b{n}",
                None,
                [Delivery(Rendered("nieuws"))],
                clock,
                Priority.BULK,
            )
        outbox.enqueue(session, "telegram", "p", None, [Delivery(Rendered("antwoord"))], clock)
    sender = Recorder()
    await OutboxWorker(sessions, sender, clock, FAST).send_due()
    assert sender.delivered[0] == ("p", "antwoord")
    assert len(sender.delivered) == 21


async def test_a_reply_is_not_held_behind_an_announcement_to_the_same_chat(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    async with sessions() as session, session.begin():
        outbox.enqueue(
            session, "telegram", "p", None, [Delivery(Rendered("nieuws"))], clock, Priority.BULK
        )
        await _hold_all(session, clock)  # a bulk lane elsewhere holds the announcement
        outbox.enqueue(session, "telegram", "p", None, [Delivery(Rendered("antwoord"))], clock)
    sender = Recorder()
    await OutboxWorker(sessions, sender, clock, FAST).send_due(Priority.REPLY)
    assert sender.delivered == [("p", "antwoord")]


async def _hold_all(session: AsyncSession, clock: FakeClock) -> None:
    from store import outbox as rows

    await rows.take_due(session, "telegram", clock.now(), timedelta(seconds=60), 100)


async def test_the_pacer_gives_the_next_slot_to_a_reply() -> None:
    import asyncio

    order: list[str] = []
    pacer = Pacer(rate=20.0, gap=0.0)

    async def send(name: str, urgent: bool) -> None:
        await pacer.wait(name, urgent=urgent)
        order.append(name)

    bulk = [asyncio.create_task(send(f"b{n}", False)) for n in range(6)]
    await asyncio.sleep(0.12)  # two or three announcements went
    await send("reply", True)
    await asyncio.gather(*bulk)
    assert 1 <= order.index("reply") <= 4
    assert len(order) == 7


async def test_an_audience_reaches_the_right_people(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    now = clock.now()
    async with sessions() as session, session.begin():
        amina = await person(session, "1", now, municipality="Veurne", interests=("koken",))
        olena = await person(session, "2", now, municipality="Ieper", language="uk")
        await person(session, "3", now, consent=False)  # never said yes: never reached
        coach = await person(session, "4", now, municipality="Veurne", roles=(Role.COACH,))
        signal = await person(session, "+32470", now, channel="signal", municipality="Poperinge")
        muted = await person(session, "6", now, municipality="Veurne")
        await mutes.mute(session, muted.person_id, now)
        paused = await person(session, "7", now, municipality="Veurne")
        paused.person.paused_at = now
        cooking = await activity(session, now, "Ieper", "Samen koken")
        await enrol(session, olena.person_id, cooking.id, now)

    async def who(audience: Audience) -> set[int]:
        async with sessions() as session:
            return {r.person_id for r in await recipients(session, audience)}

    everyone = {amina.person_id, olena.person_id, coach.person_id, signal.person_id}
    assert await who(Audience()) == everyone
    assert await who(Audience(municipalities=frozenset({"Veurne"}))) == {
        amina.person_id,
        coach.person_id,
    }
    assert await who(
        Audience(municipalities=frozenset({"Veurne"}), roles=frozenset({"coach"}))
    ) == {coach.person_id}
    assert await who(Audience(languages=frozenset({"uk"}))) == {olena.person_id}
    assert await who(Audience(interests=frozenset({"koken", "sport"}))) == {amina.person_id}
    assert await who(Audience(enrolled=True)) == {olena.person_id}
    assert await who(Audience(enrolled=False)) == everyone - {olena.person_id}
    near = Audience(near_kind="activity", near_id=cooking.id, nearby=frozenset({"Poperinge"}))
    assert await who(near) == {signal.person_id}
    async with sessions() as session:
        assert per_channel(await recipients(session, Audience())) == {"signal": 1, "telegram": 3}


async def test_someone_with_two_channels_is_reached_once_on_the_one_used_last(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    from store.people.models import ChannelAccount

    now = clock.now()
    async with sessions() as session, session.begin():
        account = await person(session, "1", now)
        later = ChannelAccount(
            channel="signal", address="+3247", created_at=now, active=True, last_seen_at=now
        )
        later.last_seen_at = now + timedelta(minutes=5)
        account.person.accounts.append(later)
    async with sessions() as session:
        (found,) = await recipients(session, Audience())
    assert (found.channel, found.address) == ("signal", "+3247")


async def test_the_outbox_settles_each_recipient_and_cancel_takes_back_the_rest(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    now = clock.now()
    async with sessions() as session, session.begin():
        for n in range(5):
            await person(session, str(n), now)
        broadcast = sending.create(
            session,
            audience=Audience(),
            text="Feest in Veurne.",
            translations={},
            send_at=now,
            now=now,
            via="cli",
        )
        await session.flush()
        (claimed,) = await sending.claim_due(session, now)
        found = await recipients(session, Audience())
        rows = await sending.add_recipients(session, claimed, found, now)
        for row, recipient in zip(rows, found, strict=True):
            outbox.enqueue(
                session,
                recipient.channel,
                recipient.address,
                recipient.account_id,
                [Delivery(Rendered("Feest"))],
                clock,
                Priority.BULK,
                Ref(RECIPIENT_REF, row.id),
            )
    async with sessions() as session, session.begin():
        assert await sending.claim_due(session, now) == []  # claimed once
    sender = Recorder(blocked={"1"})
    worker = OutboxWorker(
        sessions, sender, clock, Limits(rate=1000.0, gap=0.0, batch=3), settled=_settle(clock)
    )
    await worker.send_due()
    async with sessions() as session, session.begin():
        assert await sending.counts(session, broadcast.id) == {
            "delivered": 2,
            "blocked": 1,
            "queued": 2,
        }
        cancelled = await sending.cancel(session, broadcast.id, now, "cli")
        assert cancelled is not None
        assert cancelled.status == BroadcastStatus.CANCELLED
        assert await sending.cancel(session, broadcast.id, now, "cli") is None  # once
    await worker.send_due()
    assert len(sender.delivered) == 2
    async with sessions() as session:
        assert await sending.counts(session, broadcast.id) == {
            "delivered": 2,
            "blocked": 1,
            "cancelled": 2,
        }
        assert await session.scalar(select(func.count()).select_from(OutboxMessage)) == 1


def _settle(clock: FakeClock) -> outbox.Settled:
    async def settled(
        session: AsyncSession,
        refs: list[Ref],
        outcome: Outcome,
        reason: str | None,
        message_id: str | None,
    ) -> None:
        await sending.settled(session, refs, outcome, reason, message_id, clock.now())

    return settled
