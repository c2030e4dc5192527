"""The delivery job: a due broadcast gets one outbox row per recipient (bulk priority), once,
even when two workers or a restart run the job again; the outbox settles each recipient; the
author sees progress in one edited message and a final report; cancel stops the rest; /stil."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.bootstrap import Outlet, Wegwijs
from bot.jobs import broadcasts
from bot.outbox import Limits, OutboxWorker
from bot.sending import Delivery, Kind, UnreachableError
from bot.settings import Settings
from dialogs.broadcasts import compose
from dialogs.broadcasts.compose import Draft, RefusedError
from store.broadcasts import sending
from store.broadcasts.audience import Audience, recipients
from store.outbox import OutboxMessage, Priority
from store.people import persons
from store.people.models import Role
from tests.broadcasts_support import activity, person
from tests.support import Chat, FakeClock, make_engine

FAST = Limits(rate=1000.0, gap=0.0, poll=0.05)


@dataclass
class Phone:
    """The channel's far end, as our port sees it: what each chat got, in order."""

    channel: str = "telegram"
    got: dict[str, list[Delivery]] = field(default_factory=dict)
    blocked: set[str] = field(default_factory=set)

    async def deliver(self, address: str, delivery: Delivery) -> str | None:
        if address in self.blocked:
            raise UnreachableError("forbidden")
        self.got.setdefault(address, []).append(delivery)
        return f"m{sum(len(v) for v in self.got.values())}"

    def texts(self, address: str) -> list[str]:
        return [d.message.text for d in self.got.get(address, [])]


@pytest.fixture
async def wegwijs(database_url: str, tmp_path: Path, clock: FakeClock) -> AsyncIterator[Wegwijs]:
    settings = Settings(database_url=database_url, data_dir=tmp_path)
    running = await Wegwijs.start(settings, clock)
    yield running
    await running.close()


def _attach(wegwijs: Wegwijs, phone: Phone) -> OutboxWorker:
    worker = OutboxWorker(wegwijs.sessions, phone, wegwijs.clock, FAST, settled=wegwijs.settled)
    wegwijs.attach(phone.channel, Outlet(lambda messages: [Delivery(m) for m in messages], worker))
    return worker


async def _people(wegwijs: Wegwijs, count: int) -> int:
    """`count` participants in Veurne and one staff member; returns the staff member's id."""
    now = wegwijs.clock.now()
    async with wegwijs.sessions() as session, session.begin():
        for n in range(count):
            await person(session, str(100 + n), now, name=f"P{n}", language="fr" if n else "nl")
        staff = await person(session, "staff", now, municipality="Ieper", roles=(Role.STAFF,))
        return staff.person_id


async def _submit(wegwijs: Wegwijs, staff_id: int, draft: Draft) -> int:
    async with wegwijs.sessions() as session, session.begin():
        author = await persons.person_with_accounts(session, staff_id)
        broadcast, _shown = await compose.submit(
            session, draft, wegwijs.engine.knowledge, wegwijs.clock.now(), via="chat", author=author
        )
        return broadcast.id


VEURNE = Audience(municipalities=frozenset({"Veurne"}))


async def test_each_recipient_gets_it_once_and_the_author_sees_progress_then_a_report(
    wegwijs: Wegwijs, clock: FakeClock
) -> None:
    phone = Phone(blocked={"103"})
    worker = _attach(wegwijs, phone)
    staff = await _people(wegwijs, 5)
    draft = Draft(VEURNE, "Feest in de bib, {name}!", {"fr": "Fête à la bibliothèque, {name} !"})
    number = await _submit(wegwijs, staff, draft)

    first = await broadcasts.deliver(wegwijs)
    again = await broadcasts.deliver(wegwijs)  # a second worker, or a restart: nothing doubles
    assert (first.started, first.queued, again.started, again.queued) == (1, 5, 0, 0)
    async with wegwijs.sessions() as session:
        bulk = await session.scalar(
            select(func.count()).where(OutboxMessage.priority == Priority.BULK)
        )
    assert bulk == 5

    await worker.send_due()  # the progress message first (a reply), then the announcements
    assert phone.texts("staff")[0].startswith(f"Bericht {number}: 0 van 5 verstuurd.")
    assert phone.texts("100") == [
        "Feest in de bib, P0!\n\nGeen berichten zoals dit meer? Stuur /stil."
    ]
    assert phone.texts("101")[0].startswith(
        "Feest in de bib, P1!\n\n🌐 Fête à la bibliothèque, P1 !\n\n"
    )
    assert "103" not in phone.got

    await broadcasts.deliver(wegwijs)
    await worker.send_due()
    report = phone.texts("staff")[-1]
    assert report.startswith(f"Bericht {number} is klaar.")
    assert "4 mensen kregen het." in report
    assert "1 persoon heeft de bot geblokkeerd." in report
    async with wegwijs.sessions() as session:
        found = await sending.get(session, number)
        assert found is not None
        assert found.status == "done"
        assert await sending.counts(session, number) == {"delivered": 4, "blocked": 1}
        blocked = await persons.find_account(session, "telegram", "103")
        assert blocked is not None
        assert not blocked.active
    assert all(len(phone.got[a]) == 1 for a in ("100", "101", "102", "104"))


async def test_progress_is_one_message_edited(wegwijs: Wegwijs, clock: FakeClock) -> None:
    phone = Phone()
    worker = _attach(wegwijs, phone)
    staff = await _people(wegwijs, 20)
    number = await _submit(wegwijs, staff, Draft(VEURNE, "Feest in de bib!"))
    await broadcasts.deliver(wegwijs)
    worker._limits = Limits(rate=1000.0, gap=0.0, batch=6)  # a part of them goes
    await worker.send_due()
    await broadcasts.deliver(wegwijs)
    await worker.send_due(Priority.REPLY)
    edits = [d for d in phone.got["staff"] if d.kind is Kind.EDIT]
    assert len(edits) == 1
    assert edits[0].target == "m1"  # the first progress message, as the channel named it
    assert edits[0].message.text.startswith(f"Bericht {number}: 5 van 20 verstuurd.")


async def test_cancel_stops_what_has_not_gone(wegwijs: Wegwijs, clock: FakeClock) -> None:
    phone = Phone()
    worker = _attach(wegwijs, phone)
    staff = await _people(wegwijs, 10)
    number = await _submit(wegwijs, staff, Draft(VEURNE, "Feest in de bib!"))
    await broadcasts.deliver(wegwijs)
    worker._limits = Limits(rate=1000.0, gap=0.0, batch=4)
    await worker.send_due()
    async with wegwijs.sessions() as session, session.begin():
        participant = await persons.find_account(session, "telegram", "105")
        assert participant is not None
        with pytest.raises(RefusedError):  # only staff
            await compose.cancel(session, number, clock.now(), via="chat", by=participant.person)
        author = await persons.person_with_accounts(session, staff)
        await compose.cancel(session, number, clock.now(), via="chat", by=author)
    await worker.send_due()
    await worker.send_due()
    got = sum(1 for address in phone.got if address != "staff")
    assert got == 3  # the first batch held the progress message and three announcements
    async with wegwijs.sessions() as session:
        counts = await sending.counts(session, number)
        found = await sending.get(session, number)
    assert counts == {"delivered": 3, "cancelled": 7}
    assert found is not None
    assert (found.cancelled_via, found.cancelled_by_person_id) == ("chat", staff)


async def test_a_scheduled_broadcast_waits_for_its_time_and_leaves_out_who_muted_since(
    wegwijs: Wegwijs, clock: FakeClock
) -> None:
    phone = Phone()
    worker = _attach(wegwijs, phone)
    staff = await _people(wegwijs, 3)
    at = clock.now() + timedelta(hours=2)
    number = await _submit(wegwijs, staff, Draft(VEURNE, "Feest in de bib!", send_at=at))
    assert (await broadcasts.deliver(wegwijs)).started == 0
    chat = Chat(make_engine(clock), wegwijs.sessions, clock, address="101", channel="telegram")
    said = await chat.send("/stil")
    assert said.says("Goed. Je krijgt geen nieuws meer van ons. Wil je het weer? Stuur /stil uit.")
    clock.advance(hours=2)
    assert (await broadcasts.deliver(wegwijs)).queued == 2
    await worker.send_due()
    assert "101" not in phone.got
    await chat.send("/stil uit")
    async with wegwijs.sessions() as session:
        assert len(await recipients(session, VEURNE)) == 3
    assert number


async def test_only_staff_may_send_and_bad_input_sends_nothing(
    wegwijs: Wegwijs, clock: FakeClock
) -> None:
    staff = await _people(wegwijs, 2)
    async with wegwijs.sessions() as session, session.begin():
        participant = await persons.find_account(session, "telegram", "100")
        assert participant is not None
        knowledge = wegwijs.engine.knowledge
        now = clock.now()
        author = await persons.person_with_accounts(session, staff)
        cases = [
            (participant.person, Draft(VEURNE, "Feest!"), "not_staff"),
            (author, Draft(VEURNE, "  "), "blocking"),
            (author, Draft(Audience(municipalities=frozenset({"Mesen"})), "Feest!"), "nobody"),
            (author, Draft(VEURNE, "Feest!", send_at=now - timedelta(hours=1)), "past"),
            (author, Draft(VEURNE, "Dag {name}!", {"ar": "مرحبا"}), "blocking"),
            (author, Draft(VEURNE, "Feest!", link=("activity", 999)), "no_link"),
        ]
        for who, draft, reason in cases:
            with pytest.raises(RefusedError) as refused:
                await compose.submit(session, draft, knowledge, now, via="chat", author=who)
            assert refused.value.reason == reason
        assert await sending.listed(session) == []


async def test_a_link_shows_the_activity_with_its_buttons(
    wegwijs: Wegwijs, clock: FakeClock
) -> None:
    phone = Phone()
    worker = _attach(wegwijs, phone)
    staff = await _people(wegwijs, 1)
    async with wegwijs.sessions() as session, session.begin():
        cooking = await activity(session, clock.now(), "Veurne", "Samen koken")
    await _submit(wegwijs, staff, Draft(VEURNE, "Kom koken!", link=("activity", cooking.id)))
    await broadcasts.deliver(wegwijs)
    await worker.send_due()
    (got,) = phone.got["100"]
    assert "👉 Samen koken, Veurne" in got.message.text
    assert [c.id for c in got.message.choices] == [
        f"act_info:{cooking.id}",
        f"act_enrol:{cooking.id}",
    ]
