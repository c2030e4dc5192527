"""The outgoing layer: pacing, order per address, retries, giving up, unreachable addresses."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot import outbox
from bot.outbox import Limits, OutboxWorker
from bot.pacing import Pacer
from bot.sending import (
    Delivery,
    DeliveryError,
    Kind,
    RateLimitedError,
    RejectedError,
    TransientError,
    UnreachableError,
    compose,
    split_text,
)
from dialogs.messages import Attachment
from dialogs.render import Rendered, RenderedChoice
from store import outbox as queued
from store.outbox import OutboxMessage
from store.people import persons
from store.people.models import ChannelAccount
from tests.support import FakeClock

FAST = Limits(rate=1000.0, gap=0.0, max_attempts=3, retry_base=10.0, poll=0.05)
FAST_HOLD = timedelta(seconds=60)


@dataclass
class ScriptedSender:
    """A sender (our port) that fails as told, then records what it delivered."""

    channel: str = "telegram"
    failures: dict[str, list[DeliveryError]] = field(default_factory=dict)
    delivered: list[tuple[str, str]] = field(default_factory=list)

    async def deliver(self, address: str, delivery: Delivery) -> None:
        waiting = self.failures.get(delivery.message.text, [])
        if waiting:
            raise waiting.pop(0)
        self.delivered.append((address, delivery.message.text))


async def _queue(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock, address: str, *texts: str
) -> int:
    async with sessions() as session, session.begin():
        account = await persons.find_account(session, "telegram", address)
        if account is None:
            account = await persons.add_person(session, "telegram", address, clock.now())
        outbox.enqueue(
            session,
            "telegram",
            address,
            account.id,
            [Delivery(Rendered(text)) for text in texts],
            clock,
        )
        return account.id


async def _rows(sessions: async_sessionmaker[AsyncSession]) -> list[OutboxMessage]:
    async with sessions() as session:
        return list((await session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))).all())


async def test_messages_to_one_address_keep_their_order_across_a_retry(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    sender = ScriptedSender(failures={"een": [TransientError("TelegramServerError")]})
    worker = OutboxWorker(sessions, sender, clock, FAST)
    await _queue(sessions, clock, "1", "een", "twee")
    await _queue(sessions, clock, "2", "ander")

    await worker.send_due()
    assert sender.delivered == [("2", "ander")]  # "twee" waits behind "een"
    first, _second = await _rows(sessions)
    assert (first.attempts, (first.due_at - clock.now()).total_seconds()) == (1, 10.0)

    clock.advance(seconds=9)
    await worker.send_due()
    assert sender.delivered == [("2", "ander")]
    clock.advance(seconds=1)
    await worker.send_due()
    await worker.send_due()
    assert sender.delivered == [("2", "ander"), ("1", "een"), ("1", "twee")]
    assert await _rows(sessions) == []  # delivered rows are gone, with their texts


async def test_backoff_doubles_then_the_message_is_given_up(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    sender = ScriptedSender(failures={"een": [TransientError("timeout")] * 5})
    worker = OutboxWorker(sessions, sender, clock, FAST)
    await _queue(sessions, clock, "1", "een", "twee")
    waits = []
    for _ in range(3):
        await worker.send_due()
        rows = await _rows(sessions)
        waits.append((rows[0].due_at - clock.now()).total_seconds())
        clock.current = rows[0].due_at
    assert waits[:2] == [10.0, 20.0]
    await worker.send_due()
    first = (await _rows(sessions))[0]
    assert (first.status, first.error, first.payload) == ("failed", "timeout", {})
    assert sender.delivered == [("1", "twee")]  # one lost message does not block the next


async def test_a_rate_limit_pauses_every_chat_and_loses_nothing(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    sender = ScriptedSender(failures={"een": [RateLimitedError(30.0)]})
    worker = OutboxWorker(sessions, sender, clock, FAST)
    await _queue(sessions, clock, "1", "een")
    await worker.send_due()
    assert worker.pacer.paused_until > 0
    (row,) = await _rows(sessions)
    assert (row.attempts, (row.due_at - clock.now()).total_seconds()) == (0, 30.0)
    clock.advance(seconds=30)
    worker.pacer = Pacer(1000.0, 0.0)  # the real pause was checked above; skip waiting it out
    await worker.send_due()
    assert sender.delivered == [("1", "een")]


async def test_an_unreachable_address_is_marked_and_its_queue_dropped(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    sender = ScriptedSender(failures={"een": [UnreachableError("forbidden")]})
    worker = OutboxWorker(sessions, sender, clock, FAST)
    await _queue(sessions, clock, "1", "een", "twee", "drie")
    await worker.send_due()
    assert sender.delivered == []
    assert {(row.status, row.error) for row in await _rows(sessions)} == {("failed", "forbidden")}
    async with sessions() as session:
        account = await session.scalar(select(ChannelAccount))
        assert account is not None
        assert not account.active


async def test_a_rejected_message_is_dropped_and_the_next_goes(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    sender = ScriptedSender(failures={"een": [RejectedError("bad_request")]})
    worker = OutboxWorker(sessions, sender, clock, FAST)
    await _queue(sessions, clock, "1", "een", "twee")
    await worker.send_due()
    await worker.send_due()
    assert sender.delivered == [("1", "twee")]


async def test_a_crashed_worker_s_rows_are_taken_over_after_the_hold(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await _queue(sessions, clock, "1", "een")
    async with sessions() as session, session.begin():
        taken = await queued.take_due(session, "telegram", clock.now(), FAST_HOLD, 10)
        assert len(taken) == 1  # then this worker "dies" without settling
    sender = ScriptedSender()
    worker = OutboxWorker(sessions, sender, clock, FAST)
    await worker.send_due()
    assert sender.delivered == []
    clock.advance(seconds=61)
    await worker.send_due()
    assert sender.delivered == [("1", "een")]


async def test_messages_die_with_the_person_but_a_goodbye_after_erasure_still_goes(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    await _queue(sessions, clock, "1", "herinnering")
    async with sessions() as session, session.begin():
        account = await persons.find_account(session, "telegram", "1")
        assert account is not None
        await persons.erase_person(session, account.person)
        outbox.enqueue(session, "telegram", "1", None, [Delivery(Rendered("dag"))], clock)
    sender = ScriptedSender()
    await OutboxWorker(sessions, sender, clock, FAST).send_due()
    assert sender.delivered == [("1", "dag")]


async def test_a_queued_message_comes_back_whole(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    message = Rendered(
        "Kies",
        (RenderedChoice("a", "Eén", selected=True),),
        Attachment("x.json", b"{}", "application/json"),
        asks="1234abcd",
    )
    delivery = Delivery(message, Kind.EDIT, target="77", keep_choices=False, page=1)
    got: list[Delivery] = []

    class Keeper(ScriptedSender):
        async def deliver(self, address: str, delivery: Delivery) -> None:
            got.append(delivery)

    account_id = await _queue(sessions, clock, "1")
    async with sessions() as session, session.begin():
        outbox.enqueue(session, "telegram", "1", account_id, [delivery], clock)
    await OutboxWorker(sessions, Keeper(), clock, FAST).send_due()
    assert got == [delivery]


async def test_the_worker_sleeps_until_woken(
    sessions: async_sessionmaker[AsyncSession], clock: FakeClock
) -> None:
    sender = ScriptedSender()
    worker = OutboxWorker(sessions, sender, clock, Limits(poll=30.0))
    task = asyncio.create_task(worker.run())
    try:
        await asyncio.sleep(0.05)
        await _queue(sessions, clock, "1", "een")
        worker.wake()
        for _ in range(100):
            if sender.delivered:
                break
            await asyncio.sleep(0.01)
        assert sender.delivered == [("1", "een")]
    finally:
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task


class ManualTime:
    """A monotonic clock and a sleep that only moves it."""

    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 3))
        self.now += seconds


async def test_the_pacer_keeps_a_gap_per_chat_and_a_rate_overall() -> None:
    time = ManualTime()
    pacer = Pacer(rate=10.0, gap=1.0, clock=time.clock, sleep=time.sleep)
    await pacer.wait("a")
    await pacer.wait("b")  # another chat: only the overall rate (0.1 s)
    await pacer.wait("a")  # the same chat: a second after its first message
    assert time.slept == [0.1, 0.9]


async def test_the_pacer_holds_everything_during_a_pause() -> None:
    time = ManualTime()
    pacer = Pacer(rate=30.0, gap=1.0, clock=time.clock, sleep=time.sleep)
    pacer.pause(5.0)
    await pacer.wait("a")
    assert time.now >= 105.0


def test_long_text_is_cut_between_sentences_and_keeps_its_lines() -> None:
    text = "Eerste zin.\n🌐 First sentence.\n\n" + " ".join(["Nog een zin."] * 600)
    pieces = split_text(text, 4096)
    assert all(len(piece) <= 4096 for piece in pieces)
    assert pieces[0].startswith("Eerste zin.\n🌐 First sentence.\n\nNog een zin.")
    assert all(piece.endswith(".") for piece in pieces)
    assert split_text("x" * 9000, 4096) == ["x" * 4096, "x" * 4096, "x" * 808]


def test_plain_texts_fold_into_the_question_that_follows() -> None:
    question = Rendered("Vraag?", (RenderedChoice("y", "Ja"),), asks="t")
    assert compose([Rendered("Dank je!"), question], 4096) == [
        Rendered("Dank je!\n\nVraag?", question.choices, None, "t")
    ]
    assert compose([Rendered("a" * 3000), Rendered("b" * 3000)], 4096) == [
        Rendered("a" * 3000),
        Rendered("b" * 3000),
    ]


def test_a_long_turn_is_cut_between_cards_and_keeps_its_numbered_list_whole() -> None:
    card = "📍 Sportpark, Ieper, 11 km van jou\n🌐 📍 Sportpark, Ieper, 11 км від вас"
    choices = "\n".join(f"{n}. {n}️⃣ Meer info · {n}️⃣ Більше інформації" for n in range(1, 10))
    text = "\n\n".join(["Dit past bij jou:", *[card] * 18, "Wat wil je doen?", choices])
    assert len(text.encode()) > 2000

    pieces = split_text(text, 2000, lambda piece: len(piece.encode()))

    assert all(len(piece.encode()) <= 2000 for piece in pieces)
    assert "\n\n".join(pieces) == text  # every cut is between paragraphs
    assert any(piece.endswith(choices) for piece in pieces)
    assert not any(piece.endswith(("3.", "Meer info ·")) for piece in pieces)
