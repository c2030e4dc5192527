"""What a session reminder says, to the participant and to the buddy who goes along. The job
decides when; this says what, and says nothing when the plan changed since the row was made."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.activities.requests import reachable
from dialogs.i18n import Locale
from dialogs.messages import Choice, Outgoing, Reply, _, say
from dialogs.sessions.chat import MISSED, NOT_COMING, OPEN, WAS_THERE
from dialogs.sessions.texts import heading, when_where
from store.activities import catalogue
from store.people.models import Person
from store.sessions import rsvps
from store.sessions.models import ActivitySession, Answer, ReminderKind, SessionReminder

_BEFORE = {ReminderKind.DAY_BEFORE.value, ReminderKind.SOON.value}
_NEWS = {ReminderKind.CHANGED.value, ReminderKind.CANCELLED.value, ReminderKind.PROMOTED.value}


def _to_participant(reminder: SessionReminder, item: ActivitySession, zone: ZoneInfo) -> Reply:
    where = when_where(item, zone)
    name = heading(item)
    match reminder.kind:
        case ReminderKind.DAY_BEFORE:
            first = _("Morgen is er Taalplezier. Tot dan!")
        case ReminderKind.SOON:
            first = _("Straks begint Taalplezier.")
        case ReminderKind.CHANGED:
            first = _("Taalplezier is veranderd. Dit is het nieuwe uur of de nieuwe plaats:")
        case ReminderKind.CANCELLED:
            return say(_("Taalplezier gaat niet door:"), name, where, _("Sorry!"))
        case ReminderKind.PROMOTED:
            first = _("Er is een plaats vrij voor jou!")
        case _:  # WAS_THERE
            return say(
                _("Was je er?"),
                name,
                where,
                choices=(
                    Choice(f"{WAS_THERE}:{item.id}", _("Ja, ik was er")),
                    Choice(f"{MISSED}:{item.id}", _("Nee, ik was er niet")),
                ),
            )
    return say(
        first,
        name,
        where,
        choices=(
            Choice(f"{OPEN}:{item.id}", _("Iets veranderen")),
            Choice(f"{NOT_COMING}:{item.id}", _("Ik kom niet")),
        ),
    )


def _to_buddy(
    reminder: SessionReminder, item: ActivitySession, zone: ZoneInfo, participant: Person
) -> Reply | None:
    who = participant.name or "?"
    name = heading(item)
    where = when_where(item, zone)
    match reminder.kind:
        case ReminderKind.DAY_BEFORE:
            first = _("Herinnering: morgen gaat {name} naar Taalplezier. Jij gaat mee.")
        case ReminderKind.SOON:
            first = _("Straks gaat {name} naar Taalplezier. Jij gaat mee.")
        case ReminderKind.CHANGED:
            first = _("Er is iets veranderd voor {name}:")
        case ReminderKind.CANCELLED:
            first = _("Taalplezier van {name} gaat niet door:")
        case _:
            return None
    return say(first.format(name=who), name, where)


async def message(
    session: AsyncSession, reminder: SessionReminder, zone: ZoneInfo
) -> Outgoing | None:
    """The message for one claimed reminder, or None when it no longer fits (nobody to tell,
    the session moved or was cancelled since, or the person no longer comes)."""
    item = reminder.session
    news = reminder.kind in _NEWS
    if not news and (item.cancelled_at is not None or reminder.session_version != item.version):
        return None
    person = await catalogue.person(session, reminder.person_id)
    if person is None or not reachable(person):
        return None
    about = reminder.about_person_id
    answered = await rsvps.of(session, item.id, about if about is not None else person.id)
    coming = answered is not None and answered.answer in (Answer.YES.value, Answer.MAYBE.value)
    if reminder.kind in _BEFORE and not coming:
        return None
    if about is None:
        reply: Reply | None = _to_participant(reminder, item, zone)
    else:
        participant = await catalogue.person(session, about)
        reply = None if participant is None else _to_buddy(reminder, item, zone, participant)
    if reply is None:
        return None
    return Outgoing(person.id, reply, Locale(person.help_language, person.help_line))
