"""What a participant hears when their hours were confirmed or rejected, the milestones on the
way (each cheered once), and the overview at the end. Used by the dialogs and by the web page."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from dialogs.hours import numbers
from dialogs.hours.setup import HoursSetup
from dialogs.hours.texts import day_label, duration, number
from dialogs.messages import Msg, Reply, _, say
from store.hours import entries, goals
from store.hours.models import ConfirmedVia, EntryStatus, HourEntry
from store.people.models import Person


def what(entry: HourEntry) -> Msg:
    """ "3 uur bij Samen koken op donderdag 12 november." """
    return _("{hours} bij {title} op {day}.").format(
        hours=duration(entry.minutes),
        title=entry.enrolment.activity.title,
        day=day_label(entry.day),
    )


def nameless(via: ConfirmedVia) -> Msg:
    """Who decided, for a coach or staff member who never gave a first name."""
    return _("Je coach") if via == ConfirmedVia.COACH else _("Een medewerker")


async def for_participant(
    session: AsyncSession,
    entry: HourEntry,
    participant: Person,
    confirmer_name: str | Msg,
    setup: HoursSetup,
    now: datetime,
) -> list[Reply]:
    """The news for the participant after `entry` was decided, with a milestone if one is new."""
    await numbers.refresh(session, participant, now)
    if entry.status == EntryStatus.CONFIRMED:
        news = say(
            _("Goed nieuws! {name} bevestigde je uren.").format(name=confirmer_name), what(entry)
        )
        return [news, *await milestones(session, participant, setup, now)]
    texts = [_("{name} zegt dat deze uren niet kloppen:").format(name=confirmer_name), what(entry)]
    if entry.reason:
        texts.append(_("De reden: {reason}").format(reason=entry.reason))
    texts.append(_("Kijk het na. Geef de juiste uren opnieuw door."))
    return [say(*texts)]


async def milestones(
    session: AsyncSession, participant: Person, setup: HoursSetup, now: datetime
) -> list[Reply]:
    """A short cheer for the highest milestone newly reached; at the target, the overview."""
    confirmed = (await entries.totals(session, participant.id)).confirmed
    reached = [mark for mark in setup.rules.milestones if confirmed >= mark * 60]
    if not reached or not await goals.reach(session, participant.id, reached[-1], now):
        return []
    mark = reached[-1]
    if mark < setup.rules.target:
        return [
            say(
                _("🎉 Al {hours} uur bevestigd! Goed bezig.").format(hours=mark),
                _("Nog {left} uur te gaan.").format(
                    left=number(setup.rules.target * 60 - confirmed)
                ),
            )
        ]
    cheer = say(
        _("🎉 Proficiat! Je hebt {hours} uur. Ze zijn bevestigd.").format(hours=mark),
        _("Zo heb je je uren voor het traject gedaan."),
    )
    return [cheer, await overview(session, participant, setup, now)]


async def overview(
    session: AsyncSession, participant: Person, setup: HoursSetup, now: datetime
) -> Reply:
    """The overview for the trajectory counsellor, as a file where one can be made."""
    if setup.paperwork is None:
        return say(_("Je overzicht kan ik hier nog niet maken. Vraag het aan je coach."))
    attachment = await setup.paperwork.overview(session, participant, now)
    reply = say(
        _("Hier is je overzicht van je uren."),
        _("Geef het aan je begeleider van het Agentschap."),
    )
    return replace(reply, attachment=attachment)
