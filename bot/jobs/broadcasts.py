"""The delivery of broadcasts: when one is due, its recipients are chosen and each gets one
outbox row (bulk priority), all in one transaction; then the staff member who sent it sees its
progress in one message that is edited, and a final report. The store says what is due."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot import outbox
from bot.bootstrap import Wegwijs
from bot.sending import Delivery, Kind
from dialogs.broadcasts import audience as audiences
from dialogs.broadcasts import texts
from dialogs.broadcasts.compose import RefusedError, content_of
from dialogs.broadcasts.message import Content, render_for
from dialogs.i18n import Locale
from dialogs.messages import Reply
from dialogs.render import Rendered
from store.broadcasts import sending
from store.broadcasts.audience import Audience, Recipient, recipients
from store.broadcasts.models import RECIPIENT_REF, REPORT_REF, Broadcast
from store.outbox import Priority, Ref
from store.people import persons

log = logging.getLogger(__name__)
STEP = 10  # per cent between two progress edits


@dataclass(frozen=True)
class Delivered:
    started: int  # broadcasts whose recipients were queued in this round
    queued: int  # outbox rows queued for recipients
    finished: int  # broadcasts done in this round


async def deliver(wegwijs: Wegwijs) -> Delivered:
    """One round: start what is due, then show progress and finish what is done."""
    now = wegwijs.clock.now()
    started = queued = 0
    async with wegwijs.sessions() as session, session.begin():
        for broadcast in await sending.claim_due(session, now):
            queued += await _start(wegwijs, session, broadcast, now)
            started += 1
    async with wegwijs.sessions() as session, session.begin():
        finished = 0
        for broadcast in await sending.sending(session):
            finished += await _report(wegwijs, session, broadcast, now)
    if started or finished:
        wegwijs.wake()
        log.info("broadcasts started=%d queued=%d finished=%d", started, queued, finished)
    return Delivered(started, queued, finished)


async def _start(
    wegwijs: Wegwijs, session: AsyncSession, broadcast: Broadcast, now: datetime
) -> int:
    """Choose the recipients now (who muted since the preview is left out) and queue one
    message each; the author hears it has begun."""
    knowledge = wegwijs.engine.knowledge
    try:
        audience = await audiences.resolve(
            session, Audience.from_json(broadcast.audience), knowledge
        )
        link = (
            None if broadcast.link_kind is None else (broadcast.link_kind, broadcast.link_id or 0)
        )
        content = await content_of(session, broadcast.text, broadcast.translations, link)
    except (audiences.AudienceError, RefusedError) as error:  # the activity went away since
        log.warning("broadcast=%d without its link reason=%s", broadcast.id, type(error).__name__)
        audience = Audience.from_json(broadcast.audience)
        content = Content(broadcast.text, broadcast.translations)
    found = await recipients(session, audience)
    rows = await sending.add_recipients(session, broadcast, found, now)
    cache: dict[tuple[str, bool, str | None], Rendered] = {}
    queued = 0
    for row, recipient in zip(rows, found, strict=True):
        message = _message(wegwijs, content, recipient, cache)
        outlet = wegwijs.outlets.get(recipient.channel)
        deliveries = outlet.plan([message]) if outlet else [Delivery(message)]
        queued += outbox.enqueue(
            session,
            recipient.channel,
            recipient.address,
            recipient.account_id,
            deliveries,
            wegwijs.clock,
            Priority.BULK,
            Ref(RECIPIENT_REF, row.id),
        )
    broadcast.reported_at = now
    await _tell_author(
        wegwijs, session, broadcast, texts.progress(broadcast.id, 0, len(rows)), first=True
    )
    log.info("broadcast=%d recipients=%d rows=%d", broadcast.id, len(rows), queued)
    return queued


def _message(
    wegwijs: Wegwijs,
    content: Content,
    recipient: Recipient,
    cache: dict[tuple[str, bool, str | None], Rendered],
) -> Rendered:
    key = (recipient.help_language, recipient.help_line, recipient.name)
    if key not in cache:
        locale = Locale(recipient.help_language, recipient.help_line)
        cache[key] = render_for(wegwijs.engine.knowledge.renderer, content, locale, recipient.name)
    return cache[key]


async def _report(
    wegwijs: Wegwijs, session: AsyncSession, broadcast: Broadcast, now: datetime
) -> int:
    """Edit the progress message every STEP per cent or report_seconds; the final report when
    nobody waits any more. Returns 1 when it finished the broadcast."""
    counts = await sending.counts(session, broadcast.id)
    total = broadcast.recipient_count
    waiting = counts.get("queued", 0)
    if waiting == 0:
        if not await sending.finish(session, broadcast, now):
            return 0
        reasons = await sending.reasons(session, broadcast.id)
        await _tell_author(wegwijs, session, broadcast, texts.final(broadcast.id, counts, reasons))
        return 1
    done = total - waiting
    share = done * 100 // max(total, 1)
    every = timedelta(seconds=wegwijs.settings.broadcast_report_seconds)
    due = broadcast.reported_at is None or now - broadcast.reported_at >= every
    if share >= broadcast.reported_share + STEP or (due and share > broadcast.reported_share):
        broadcast.reported_share, broadcast.reported_at = share, now
        await _tell_author(
            wegwijs, session, broadcast, texts.progress(broadcast.id, done, total), edit=True
        )
    return 0


async def _tell_author(
    wegwijs: Wegwijs,
    session: AsyncSession,
    broadcast: Broadcast,
    reply: Reply,
    *,
    first: bool = False,
    edit: bool = False,
) -> None:
    """A message to the staff member who sent it (none for the CLI: it has `status`)."""
    if broadcast.author_person_id is None:
        return
    account = await persons.reachable_account(session, broadcast.author_person_id)
    author = await persons.person_with_accounts(session, broadcast.author_person_id)
    if account is None or author is None:
        return
    locale = Locale(author.help_language, author.help_line)
    message = wegwijs.engine.knowledge.renderer.render(reply, locale)
    if edit:
        if broadcast.report_message_id is None:
            return  # a channel that cannot edit (Signal) gets only the start and the end
        delivery = Delivery(message, Kind.EDIT, broadcast.report_message_id, keep_choices=False)
    else:
        delivery = Delivery(message)
    outbox.enqueue(
        session,
        account.channel,
        account.address,
        account.id,
        [delivery],
        wegwijs.clock,
        Priority.REPLY,
        Ref(REPORT_REF, broadcast.id) if first else None,
    )
