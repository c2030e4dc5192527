"""Making a broadcast, the same for the chat and the CLI: check it, preview exactly what one
recipient sees per help language and how many get it per channel, then submit it. Only staff
may submit or cancel (checked here, not by a menu that hides the button)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.broadcasts import audience as audiences
from dialogs.broadcasts.checks import Finding, check_text, check_translations
from dialogs.broadcasts.message import Content, render_for
from dialogs.i18n import SOURCE_LANGUAGE, Locale
from dialogs.knowledge import Knowledge
from dialogs.render import Rendered
from store.activities import catalogue
from store.broadcasts import sending
from store.broadcasts.audience import Audience, per_channel, recipients
from store.broadcasts.models import Broadcast
from store.people.models import Person, Role


class RefusedError(Exception):
    """Nothing is sent; `reason` says why (a short code the chat and the CLI each word)."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class Draft:
    audience: Audience
    text: str
    translations: dict[str, str] = field(default_factory=dict)
    link: tuple[str, int] | None = None  # ("activity", id); sessions later
    send_at: datetime | None = None  # None: now


@dataclass(frozen=True)
class Preview:
    findings: list[Finding]
    recipients: int
    per_channel: dict[str, int]
    samples: dict[str, Rendered]  # what one recipient sees, per help language among them
    audience: Audience  # with "near" resolved

    @property
    def blocking(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.blocking]


def may_broadcast(person: Person | None) -> bool:
    return person is not None and Role.STAFF in person.roles


def languages(knowledge: Knowledge) -> set[str]:
    return {language.code for language in knowledge.catalogs.languages}


async def preview(session: AsyncSession, draft: Draft, knowledge: Knowledge) -> Preview:
    """Everything staff should see before *Verstuur*; nothing is stored."""
    findings = check_text(draft.text) + check_translations(
        draft.text, draft.translations, languages(knowledge)
    )
    audience = await audiences.resolve(session, draft.audience, knowledge)
    found = await recipients(session, audience)
    content = await content_of(session, draft.text, draft.translations, draft.link)
    spoken = sorted({r.help_language for r in found} | {SOURCE_LANGUAGE})
    samples = {
        language: render_for(knowledge.renderer, content, Locale(language), "Amina")
        for language in spoken
    }
    return Preview(findings, len(found), per_channel(found), samples, audience)


async def content_of(
    session: AsyncSession, text: str, translations: dict[str, str], link: tuple[str, int] | None
) -> Content:
    """The words and the link as recipients get them (the activity's title looked up)."""
    if link is None:
        return Content(text, translations)
    kind, link_id = link
    activity = await catalogue.get(session, link_id) if kind == "activity" else None
    if activity is None:
        raise RefusedError("no_link", f"{kind} {link_id}")
    return Content(text, translations, kind, link_id, f"{activity.title}, {activity.municipality}")


async def submit(
    session: AsyncSession,
    draft: Draft,
    knowledge: Knowledge,
    now: datetime,
    *,
    via: str,
    author: Person | None = None,
) -> tuple[Broadcast, Preview]:
    """Store the broadcast for the delivery job; refused for anyone but staff (the CLI passes
    no author: the shell is the operator's), a blocking problem, nobody to send to, the past."""
    if via != "cli" and not may_broadcast(author):
        raise RefusedError("not_staff")
    if draft.send_at is not None and draft.send_at < now:
        raise RefusedError("past")
    if draft.link is not None:
        await content_of(session, draft.text, draft.translations, draft.link)
    shown = await preview(session, draft, knowledge)
    if shown.blocking:
        raise RefusedError("blocking", ", ".join(f.problem.value for f in shown.blocking))
    if shown.recipients == 0:
        raise RefusedError("nobody")
    broadcast = sending.create(
        session,
        audience=shown.audience,
        text=draft.text.strip(),
        translations={lang: text.strip() for lang, text in draft.translations.items()},
        send_at=draft.send_at or now,
        now=now,
        via=via,
        author_person_id=None if author is None else author.id,
        link=draft.link,
    )
    await session.flush()
    return broadcast, shown


async def cancel(
    session: AsyncSession, broadcast_id: int, now: datetime, *, via: str, by: Person | None = None
) -> Broadcast:
    """Stop a scheduled or running broadcast; only staff (or the operator's shell)."""
    if via != "cli" and not may_broadcast(by):
        raise RefusedError("not_staff")
    stopped = await sending.cancel(session, broadcast_id, now, via, None if by is None else by.id)
    if stopped is None:
        found = await sending.get(session, broadcast_id)
        raise RefusedError("not_running" if found is not None else "unknown", str(broadcast_id))
    return stopped
