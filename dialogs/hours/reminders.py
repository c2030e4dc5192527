"""What the reminder job says: to a participant whose hours wait (and to the contact on Wegwijs),
and to staff about hours that waited too long. The job decides when; this says what."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.activities.requests import reachable
from dialogs.hours import confirm, outcome
from dialogs.hours.setup import HoursSetup
from dialogs.hours.share import SHARE
from dialogs.i18n import Locale
from dialogs.knowledge import Knowledge
from dialogs.messages import Choice, Msg, Outgoing, Reply, _, say
from dialogs.turn import Turn
from store.activities import catalogue
from store.hours.models import HourEntry
from store.people import persons
from store.people.models import Role

MAX_LINES = 10  # entries named in one message to staff


def _participant_reminder(entry: HourEntry) -> Reply:
    return say(
        _("Je uren wachten nog op bevestiging:"),
        outcome.what(entry),
        _("Vraag aan je contactpersoon of het klopt."),
        choices=(
            Choice(f"{SHARE}:{entry.id}", _("Laat bevestigen")),
            Choice("hours_mine:", _("Mijn uren")),
        ),
    )


async def remind(
    session: AsyncSession,
    entry: HourEntry,
    now: datetime,
    zone: ZoneInfo,
    knowledge: Knowledge,
    setup: HoursSetup,
) -> list[Outgoing]:
    """One reminder to the participant, and the question again to the contact on Wegwijs."""
    participant = await catalogue.person(session, entry.person_id)
    if participant is None:
        return []
    # The participant's side of things, as if they had asked: the same code as in the chat.
    turn = Turn(session, participant, now, zone, knowledge, hours=setup)
    if reachable(participant):
        turn.tell(participant, _participant_reminder(entry))
    provider_id = entry.enrolment.activity.provider_person_id
    provider = None if provider_id is None else await catalogue.person(session, provider_id)
    if provider is not None and provider.id != participant.id and reachable(provider):
        turn.tell(provider, say(_("Deze uren wachten nog op jouw antwoord.")))
        confirm.ask(turn, entry, provider, participant.name or "?")
    return turn.outgoing


async def tell_staff(session: AsyncSession, entries: Sequence[HourEntry]) -> list[Outgoing]:
    """One message to each reachable staff member, naming the entries that waited too long."""
    if not entries:
        return []
    lines: list[Msg] = [
        _("Deze uren wachten al lang op bevestiging:"),
    ]
    for entry in entries[:MAX_LINES]:
        participant = await catalogue.person(session, entry.person_id)
        name = (participant.name if participant else None) or "?"
        lines.append(_("{name}: {what}").format(name=name, what=outcome.what(entry)))
    if len(entries) > MAX_LINES:
        lines.append(_("En nog {count} meer.").format(count=len(entries) - MAX_LINES))
    lines.append(_("Meer zie je met het commando {command}.").format(command="wegwijs hours stale"))
    reply = say(*lines)
    staff = [person for person in await persons.with_role(session, Role.STAFF) if reachable(person)]
    return [
        Outgoing(person.id, reply, Locale(person.help_language, person.help_line))
        for person in staff
    ]
