"""Linking a buddy to a participant and ending it, with the news for both. Who may link is
checked here, whatever command or button asked for it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.i18n import Locale
from dialogs.messages import Outgoing, Reply, _, say
from store.buddies import links
from store.people.models import Person, Role

LINKERS = frozenset({Role.COACH, Role.STAFF})


class Refusal(StrEnum):
    NOT_ALLOWED = "not_allowed"  # only a coach or staff member links
    SAME_PERSON = "same_person"
    ALREADY = "already"


@dataclass(frozen=True)
class Changed:
    """A link made or ended, and what the people on both sides are told."""

    news: tuple[Outgoing, ...]


def first_name(person: Person) -> str:
    """How a buddy and a participant see each other: the first name only, never a number."""
    return (person.name or "?").split()[0]


def _to(person: Person, reply: Reply) -> Outgoing:
    return Outgoing(person.id, reply, Locale(person.help_language, person.help_line))


def linked_news(buddy: Person, participant: Person) -> tuple[Outgoing, ...]:
    name = first_name(participant)
    # A buddy who came in through an invite has not said their name yet.
    has_buddy = (
        _("{buddy} is nu je buddy.").format(buddy=first_name(buddy))
        if buddy.name
        else _("Je hebt nu een buddy.")
    )
    return (
        _to(
            participant,
            say(
                has_buddy,
                _("Een buddy is een vrijwilliger. Je buddy kan met je meegaan."),
                _("Kies 'Mijn buddy' in het menu om meer te zien."),
            ),
        ),
        _to(
            buddy,
            say(
                _("Je bent nu buddy van {name}.").format(name=name),
                _("Je krijgt een bericht als {name} naar Taalplezier gaat.").format(name=name),
            ),
        ),
    )


async def link(
    session: AsyncSession, buddy: Person, participant: Person, now: datetime, by: Person | None
) -> Changed | Refusal:
    """Link them (the buddy gets the buddy role); `by` is the coach or staff member, or None
    for the buddy invite the participant's coach made."""
    if by is not None and not by.roles & LINKERS:
        return Refusal.NOT_ALLOWED
    if buddy.id == participant.id:
        return Refusal.SAME_PERSON
    buddy.grant(Role.BUDDY)
    made = await links.link(session, buddy.id, participant.id, now, None if by is None else by.id)
    if not made:
        return Refusal.ALREADY
    return Changed(linked_news(buddy, participant))


async def end(
    session: AsyncSession, buddy: Person, participant: Person, by: Person | None
) -> Changed | None:
    """End the link, asked by the participant, the buddy, a coach or staff (None: staff at the
    shell); None when there was none or `by` may not end it. The others are told kindly."""
    by_id = None if by is None else by.id
    if by is not None and by.id not in {buddy.id, participant.id} and not by.roles & LINKERS:
        return None
    if not await links.end(session, buddy.id, participant.id):
        return None
    news = []
    if by_id != buddy.id:
        news.append(_to(buddy, ended_for_buddy(participant)))
    if by_id != participant.id:
        gone = _("{buddy} is niet meer je buddy.").format(buddy=first_name(buddy))
        news.append(_to(participant, say(gone)))
    return Changed(tuple(news))


def ended_for_buddy(participant: Person) -> Reply:
    return say(
        _("Je bent niet meer buddy van {name}.").format(name=first_name(participant)),
        _("Dank je voor je hulp!"),
    )
