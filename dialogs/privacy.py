"""What is stored about me (/mijngegevens), and erasing it (/vergeet)."""

from __future__ import annotations

import json

from dialogs.activities.mine import status_label
from dialogs.broadcasts import mute
from dialogs.buddies.links import ended_for_buddy, first_name
from dialogs.cases import chat as cases
from dialogs.hours.texts import number
from dialogs.interests import labels
from dialogs.messages import Attachment, Choice, Msg, Reply, _, say
from dialogs.people.invitations import ROLE_LABELS
from dialogs.states import NO, YES, Dialog, PrivacyStep, StepKey
from dialogs.steps import Answer, Step
from dialogs.turn import Turn
from store.activities import catalogue
from store.buddies import links
from store.hours import entries, goals
from store.people import persons
from store.sessions import rsvps

RSVP_LABELS: dict[str, Msg] = {
    "yes": _("ik kom"),
    "maybe": _("misschien"),
    "no": _("ik kom niet"),
    "waiting": _("op de wachtlijst"),
}
CHANNEL_NAMES = {"console": "Console", "telegram": "Telegram", "signal": "Signal"}


async def my_data(turn: Turn) -> Reply:
    """A readable overview of everything stored, with the same data as a JSON file."""
    person = turn.person
    lines: list[Msg] = [_("Dit bewaar ik over jou:")]
    if person.name:
        lines.append(_("Naam: {name}").format(name=person.name))
    if person.municipality:
        lines.append(_("Gemeente: {municipality}").format(municipality=person.municipality))
    language = turn.knowledge.catalogs.language(person.help_language).name
    lines.append(_("Taal voor de hulp: {language}").format(language=language))
    lines.append(_("Vertaling: aan") if person.help_line else _("Vertaling: uit"))
    if person.interests:
        lines.append(_("Wat je graag doet: {interests}").format(interests=labels(person.interests)))
    roles = tuple(ROLE_LABELS[role] for role in sorted(person.roles))
    lines.append(_("Rol: {roles}").format(roles=roles))
    if person.consent_at:
        day = person.consent_at.astimezone(turn.timezone).strftime("%d-%m-%Y")
        lines.append(_("Je gaf toestemming op {date}.").format(date=day))
    channels = ", ".join(CHANNEL_NAMES.get(a.channel, a.channel) for a in person.accounts)
    lines.append(_("Je praat met mij via: {channels}").format(channels=channels))
    for phone in sorted({a.phone_number for a in person.accounts if a.phone_number}):
        lines.append(_("Je telefoonnummer: {number}").format(number=phone))
    for enrolment in await catalogue.enrolments(turn.session, person.id):
        lines.append(
            _("Activiteit: {title} ({status})").format(
                title=enrolment.activity.title, status=status_label(enrolment)
            )
        )
    totals = await entries.totals(turn.session, person.id)
    if totals.confirmed or totals.pending:
        lines.append(
            _("Uren: {confirmed} bevestigd, {pending} wacht nog.").format(
                confirmed=number(totals.confirmed), pending=number(totals.pending)
            )
        )
    for rsvp in await rsvps.of_person(turn.session, person.id):
        day = rsvp.session.starts_at.astimezone(turn.timezone).strftime("%d-%m-%Y")
        lines.append(
            _("Taalplezier op {date}: {answer}").format(date=day, answer=RSVP_LABELS[rsvp.answer])
        )
    for buddy_id in await links.buddies_of(turn.session, person.id):
        buddy = await catalogue.person(turn.session, buddy_id)
        if buddy is not None:
            lines.append(_("Je buddy: {name}").format(name=first_name(buddy)))
    for participant_id in await links.participants_of(turn.session, person.id):
        participant = await catalogue.person(turn.session, participant_id)
        if participant is not None:
            lines.append(_("Je bent buddy van: {name}").format(name=first_name(participant)))
    lines.extend(await cases.my_data_lines(turn))
    lines.extend(await mute.my_data_lines(turn))
    lines.append(_("Wil je alles wissen? Stuur /vergeet."))
    exported = {
        **persons.export(person),
        **await catalogue.export(turn.session, person.id),
        **await goals.export(turn.session, person.id),
        **await mute.export(turn),
        **await rsvps.export(turn.session, person.id),
        **await links.export(turn.session, person.id),
    }
    content = json.dumps(exported, ensure_ascii=False, indent=2).encode()
    attachment = Attachment("wegwijs-mijn-gegevens.json", content, "application/json")
    return Reply(texts=tuple(lines), attachment=attachment)


def _ask_forget(turn: Turn) -> Reply:
    return say(
        _("Wil je echt alles wissen?"),
        _("Je naam, je gemeente, je taal en je keuzes zijn dan weg."),
        _("Ook je uren en je overzichten zijn dan weg."),
        choices=(Choice(YES, _("Ja, wis alles")), Choice(NO, _("Nee, niet wissen"))),
    )


async def _answer_forget(turn: Turn, answer: Answer) -> list[Reply]:
    if answer.choice == YES:
        await _tell_buddy_links_end(turn)
        await cases.forget(turn)
        await turn.erase()
        return [
            say(_("Alles is gewist. Dag!"), _("Wil je opnieuw beginnen? Stuur dan een bericht."))
        ]
    turn.back()
    return [say(_("Oké, ik wis niets."))]


async def _tell_buddy_links_end(turn: Turn) -> None:
    """The other side of each buddy link hears only that it ended, nothing of why."""
    person = turn.person
    for buddy_id in await links.buddies_of(turn.session, person.id):
        buddy = await catalogue.person(turn.session, buddy_id)
        if buddy is not None:
            turn.tell(buddy, ended_for_buddy(person))
    for participant_id in await links.participants_of(turn.session, person.id):
        participant = await catalogue.person(turn.session, participant_id)
        if participant is not None:
            gone = _("{buddy} is niet meer je buddy.").format(buddy=first_name(person))
            turn.tell(participant, say(gone))


STEPS: dict[StepKey, Step] = {
    (Dialog.PRIVACY, PrivacyStep.CONFIRM_FORGET): Step(_ask_forget, _answer_forget),
}
