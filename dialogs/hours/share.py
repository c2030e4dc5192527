"""*Laat bevestigen*: a link and a QR code for the contact person, who needs no account."""

from __future__ import annotations

import io
import logging
from datetime import timedelta

import segno

from dialogs.activities.cards import verbatim
from dialogs.hours import outcome
from dialogs.messages import Attachment, Reply, _, say
from dialogs.turn import Turn
from store.hours import entries, links
from store.hours.models import EntryStatus

log = logging.getLogger(__name__)
SHARE = "hours_share"
QR_FILE = "wegwijs-bevestig-uren.png"


def qr_png(text: str) -> bytes:
    """A QR code a phone camera reads from a screen: large modules, a quiet border."""
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=8, border=4)
    return buffer.getvalue()


async def share(turn: Turn, argument: str) -> list[Reply]:
    """The link and QR code for one entry; pressed twice, the same link again."""
    entry = await entries.get(turn.session, int(argument)) if argument.isdigit() else None
    if entry is None or entry.person_id != turn.person.id or entry.status == EntryStatus.REMOVED:
        return [say(_("Die uren vind ik niet meer."))]
    if entry.status == EntryStatus.CONFIRMED:
        return [say(_("Die uren zijn al bevestigd."))]
    if entry.status == EntryStatus.REJECTED:
        return [say(_("Die uren waren niet juist. Geef de juiste uren opnieuw door."))]
    setup = turn.hours
    if setup.public_url is None:
        return [
            say(
                _("Bevestigen met een link kan hier nog niet."),
                _("Vraag je contactpersoon of je coach om je uren te bevestigen."),
            )
        ]
    token = await links.issue(
        turn.session, entry, turn.now, timedelta(days=setup.rules.link_days), setup.secret
    )
    link = setup.link(token)
    assert link is not None
    log.info("hours entry=%s link shown to person=%s", entry.id, turn.person.id)
    organisation = entry.enrolment.activity.organisation
    return [
        Reply(
            texts=(
                outcome.what(entry),
                _("Toon de QR-code aan iemand van {organisation}.").format(
                    organisation=organisation
                ),
                _("Die leest de code met de camera van de telefoon. Of stuur deze link:"),
                verbatim(link),
                _("De link werkt één keer, {days} dagen lang.").format(days=setup.rules.link_days),
            ),
            attachment=Attachment(QR_FILE, qr_png(link), "image/png"),
        )
    ]
