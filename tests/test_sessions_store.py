"""Sessions in the store: RSVPs (one row), the waiting list, reminder rows at the right instant
(also across daylight saving), changes and cancellations that reach everyone, the claim."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from store.buddies import links
from store.sessions import jobs, rsvps
from store.sessions import sessions as store
from store.sessions.models import Answer, ReminderKind, Rsvp
from store.sessions.rsvps import Answered, Refusal
from tests.sessions_support import PLAN, data, local, people, reading, reminders, series

WEDNESDAY = local(2026, 12, 16, 14)  # a Wednesday afternoon in winter time
BEFORE = datetime(2026, 12, 10, 9, 0, tzinfo=UTC)


async def answer(
    sessions: async_sessionmaker[AsyncSession],
    session_id: int,
    person_id: int,
    what: Answer,
    children: int = 0,
    now: datetime = BEFORE,
) -> Answered | Refusal:
    async with sessions() as session, session.begin():
        item = await reading(session, session_id)
        return await rsvps.respond(session, item, person_id, what, children, PLAN, now)


async def test_yes_twice_is_one_row_and_makes_the_reminders_once(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    [sid] = await series(sessions, data(WEDNESDAY))
    [amina] = await people(sessions, "Amina", now=BEFORE)
    first = await answer(sessions, sid, amina, Answer.YES, children=2)
    again = await answer(sessions, sid, amina, Answer.YES, children=2)
    assert isinstance(first, Answered)
    assert isinstance(again, Answered)
    async with sessions() as session:
        rows = (await session.scalars(select(Rsvp))).all()
    assert [(row.answer, row.children) for row in rows] == [("yes", 2)]
    due = [(row.kind, row.due_at) for row in await reminders(sessions)]
    assert due == [
        ("day_before", datetime(2026, 12, 15, 17, 0, tzinfo=UTC)),  # 18:00 in Brussels
        ("soon", datetime(2026, 12, 16, 11, 0, tzinfo=UTC)),  # 12:00 in Brussels
        ("was_there", datetime(2026, 12, 16, 15, 0, tzinfo=UTC)),  # 30 min after 15:30
    ]


async def test_the_day_before_is_18_00_on_the_wall_clock_across_both_switches(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    # Sunday 28 March 2027 the clocks go forward; Sunday 25 October 2026 they go back.
    spring = local(2027, 3, 28, 14)
    autumn = local(2026, 10, 25, 14)
    night = local(2026, 10, 25, 2, 30)  # the first 02:30 of the autumn night (summer time)
    ids = await series(sessions, data(spring), data(autumn), data(night))
    [amina] = await people(sessions, "Amina", now=datetime(2026, 10, 1, tzinfo=UTC))
    for sid in ids:
        await answer(sessions, sid, amina, Answer.YES, now=datetime(2026, 10, 1, tzinfo=UTC))
    by_session: dict[int, dict[str, datetime]] = {}
    for row in await reminders(sessions):
        by_session.setdefault(row.session_id, {})[row.kind] = row.due_at
    # Saturday 27 March 18:00 is still winter time (+1); the session itself is in summer (+2).
    assert by_session[ids[0]]["day_before"] == datetime(2027, 3, 27, 17, 0, tzinfo=UTC)
    assert by_session[ids[0]]["soon"] == datetime(2027, 3, 28, 10, 0, tzinfo=UTC)
    # Saturday 24 October 18:00 is summer time (+2); the session is in winter time (+1).
    assert by_session[ids[1]]["day_before"] == datetime(2026, 10, 24, 16, 0, tzinfo=UTC)
    assert by_session[ids[1]]["soon"] == datetime(2026, 10, 25, 11, 0, tzinfo=UTC)
    # 02:30 CEST is 00:30 UTC; two real hours before is 22:30 UTC, 00:30 on the wall clock.
    assert by_session[ids[2]]["day_before"] == datetime(2026, 10, 24, 16, 0, tzinfo=UTC)
    assert by_session[ids[2]]["soon"] == datetime(2026, 10, 24, 22, 30, tzinfo=UTC)


async def test_a_full_session_puts_you_on_the_waiting_list_and_a_freed_place_goes_to_the_first(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    [sid] = await series(sessions, data(WEDNESDAY, capacity=3))
    amina, bilal, chen = await people(sessions, "Amina", "Bilal", "Chen", now=BEFORE)
    assert isinstance(await answer(sessions, sid, amina, Answer.YES, children=2), Answered)
    waiting = await answer(sessions, sid, bilal, Answer.YES, now=BEFORE + timedelta(minutes=1))
    later = await answer(sessions, sid, chen, Answer.YES, now=BEFORE + timedelta(minutes=2))
    assert isinstance(waiting, Answered)
    assert waiting.waiting
    assert isinstance(later, Answered)
    assert later.waiting
    # Pressing again keeps one's turn.
    await answer(sessions, sid, bilal, Answer.YES, now=BEFORE + timedelta(minutes=3))
    freed = await answer(sessions, sid, amina, Answer.NO, now=BEFORE + timedelta(minutes=4))
    assert isinstance(freed, Answered)
    assert freed.promoted == (bilal, chen)
    told = [row for row in await reminders(sessions) if row.kind == ReminderKind.PROMOTED]
    assert sorted(row.person_id for row in told) == sorted([bilal, chen])
    # Amina's reminders are gone; Bilal's are there.
    regular = {(row.person_id, row.kind) for row in await reminders(sessions)}
    assert (amina, "day_before") not in regular
    assert (bilal, "day_before") in regular


async def test_more_children_than_fit_changes_nothing_for_someone_already_coming(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    [sid] = await series(sessions, data(WEDNESDAY, capacity=3))
    [amina] = await people(sessions, "Amina", now=BEFORE)
    await answer(sessions, sid, amina, Answer.YES, children=1)
    assert await answer(sessions, sid, amina, Answer.YES, children=5) is Refusal.NO_ROOM
    assert await answer(sessions, sid, amina, Answer.YES, children=40) is Refusal.TOO_MANY_CHILDREN
    async with sessions() as session:
        row = await session.scalar(select(Rsvp))
    assert row is not None
    assert (row.answer, row.children) == ("yes", 1)


async def test_past_and_cancelled_sessions_take_no_answer(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    past, other = await series(sessions, data(WEDNESDAY), data(WEDNESDAY + timedelta(days=7)))
    [amina] = await people(sessions, "Amina", now=BEFORE)
    after = WEDNESDAY + timedelta(minutes=5)
    assert await answer(sessions, past, amina, Answer.YES, now=after) is Refusal.PAST
    async with sessions() as session, session.begin():
        assert await store.cancel(session, await reading(session, other), "ziek", PLAN, BEFORE)
        assert not await store.cancel(session, await reading(session, other), "ziek", PLAN, BEFORE)
    assert await answer(sessions, other, amina, Answer.YES) is Refusal.CANCELLED
    async with sessions() as session:
        assert (await session.scalars(select(Rsvp))).all() == []


async def test_a_move_drops_the_old_reminders_and_tells_everyone_and_their_buddy_at_once(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    [sid] = await series(sessions, data(WEDNESDAY, key="w1"))
    amina, bilal, bea = await people(sessions, "Amina", "Bilal", "Bea", now=BEFORE)
    async with sessions() as session, session.begin():
        await links.link(session, bea, amina, BEFORE)
    await answer(sessions, sid, amina, Answer.YES)
    await answer(sessions, sid, bilal, Answer.MAYBE)
    assert len([r for r in await reminders(sessions) if r.person_id == bea]) == 2
    moved_at = BEFORE + timedelta(hours=1)
    async with sessions() as session, session.begin():
        item = await reading(session, sid)
        later = data(WEDNESDAY + timedelta(hours=1), key="w1", place="De Wissel")
        assert await store.change(session, item, later, PLAN, moved_at)
    pending = await reminders(sessions)
    notices = sorted((r.person_id, r.about_person_id) for r in pending if r.kind == "changed")
    assert notices == sorted([(amina, None), (bilal, None), (bea, amina)])
    assert all(r.due_at == moved_at for r in pending if r.kind == "changed")
    soon = {r.person_id: r.due_at for r in pending if r.kind == "soon"}
    assert soon == {p: datetime(2026, 12, 16, 12, 0, tzinfo=UTC) for p in (amina, bilal, bea)}
    assert all(r.session_version == 2 for r in pending)
    dropped = await reminders(sessions, "dropped")
    assert {r.session_version for r in dropped} == {1}
    assert len(dropped) == 8


async def test_the_claim_sends_within_the_grace_period_and_drops_what_is_later(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    [sid] = await series(sessions, data(WEDNESDAY))
    [amina] = await people(sessions, "Amina", now=BEFORE)
    await answer(sessions, sid, amina, Answer.YES)
    grace = timedelta(minutes=30)
    # Down from 17:50 to 11:20 UTC: the evening reminder is hours late; "soon" is 20 min late.
    async with sessions() as session, session.begin():
        claimed = await jobs.claim_due(session, datetime(2026, 12, 16, 11, 20, tzinfo=UTC), grace)
    assert [row.kind for row in claimed.due] == ["soon"]
    assert len(claimed.missed) == 1
    async with sessions() as session, session.begin():
        again = await jobs.claim_due(session, datetime(2026, 12, 16, 11, 21, tzinfo=UTC), grace)
    assert again.due == []
    assert again.missed == []


async def test_consecutive_no_shows_counts_said_yes_and_was_not_there(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    ids = await series(sessions, *(data(WEDNESDAY + timedelta(days=7 * n)) for n in range(3)))
    [amina] = await people(sessions, "Amina", now=BEFORE)
    for sid in ids:
        await answer(sessions, sid, amina, Answer.YES)
    later = WEDNESDAY + timedelta(days=20)
    async with sessions() as session, session.begin():
        for sid, was_there in zip(ids, (True, False, False), strict=True):
            await rsvps.attended(session, await reading(session, sid), amina, was_there, later)
        assert await rsvps.consecutive_no_shows(session, amina, later) == 2
        await rsvps.attended(session, await reading(session, ids[2]), amina, True, later)
        assert await rsvps.consecutive_no_shows(session, amina, later) == 0
