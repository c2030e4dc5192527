"""What is stored about me (/mijngegevens), and erasing it (/vergeet)."""

from __future__ import annotations

import json

from dialogs.activities.mine import status_label
from dialogs.broadcasts import mute
from dialogs.hours.texts import number
from dialogs.interests import labels
from dialogs.messages import Attachment, Choice, Msg, Reply, _, say
from dialogs.people.invitations import ROLE_LABELS
from dialogs.states import NO, YES, Dialog, PrivacyStep, StepKey
from dialogs.steps import Answer, Step
from dialogs.turn import Turn
from store.activities import catalogue
from store.hours import entries, goals
from store.people import persons

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
    lines.extend(await mute.my_data_lines(turn))
    lines.append(_("Wil je alles wissen? Stuur /vergeet."))
    exported = {
        **persons.export(person),
        **await catalogue.export(turn.session, person.id),
        **await goals.export(turn.session, person.id),
        **await mute.export(turn),
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
        await turn.erase()
        return [
            say(_("Alles is gewist. Dag!"), _("Wil je opnieuw beginnen? Stuur dan een bericht."))
        ]
    turn.back()
    return [say(_("Oké, ik wis niets."))]


STEPS: dict[StepKey, Step] = {
    (Dialog.PRIVACY, PrivacyStep.CONFIRM_FORGET): Step(_ask_forget, _answer_forget),
}
