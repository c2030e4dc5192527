"""Invite codes that grant a role (coach, buddy, provider, staff), from `/start CODE`."""

from __future__ import annotations

from dialogs.buddies import links as buddy_links
from dialogs.buddies.links import first_name
from dialogs.messages import Msg, Reply, _, say
from dialogs.turn import Turn
from store.activities import catalogue
from store.buddies import links
from store.people import invites
from store.people.invites import Redemption
from store.people.models import Role

ROLE_LABELS: dict[Role, Msg] = {
    Role.PARTICIPANT: _("deelnemer"),
    Role.BUDDY: _("buddy"),
    Role.COACH: _("coach"),
    Role.PROVIDER: _("aanbieder"),
    Role.STAFF: _("medewerker"),
}


def start_argument(text: str) -> str | None:
    """The code in "/start CODE" (a Telegram deep link arrives this way), or None."""
    head, _sep, argument = text.partition(" ")
    if head.split("@", 1)[0].casefold() != "/start":
        return None
    return argument.strip() or None


async def from_start(turn: Turn, text: str) -> list[Reply]:
    """Redeem the code of a first "/start CODE" message; nothing when there is none."""
    code = start_argument(text)
    return [] if code is None else await redeem(turn, code)


async def redeem(turn: Turn, code: str) -> list[Reply]:
    """Grant the invite's role to this person, or say kindly why the code does not work; a
    buddy invite also links the buddy to its participant, who is told."""
    outcome, role, buddy_of = await invites.redeem(turn.session, code, turn.person, turn.now)
    participant = None if buddy_of is None else await catalogue.person(turn.session, buddy_of)
    match outcome:
        case Redemption.GRANTED if participant is not None:
            linked = await buddy_links.link(turn.session, turn.person, participant, turn.now, None)
            if isinstance(linked, buddy_links.Changed):
                turn.outgoing.extend(n for n in linked.news if n.person_id != turn.person.id)
            return [
                say(
                    _("Welkom! Je bent nu buddy van {name}.").format(name=first_name(participant)),
                    _("Je krijgt een bericht als {name} naar Taalplezier gaat.").format(
                        name=first_name(participant)
                    ),
                )
            ]
        case Redemption.GRANTED:
            assert role is not None
            return [say(_("Welkom! Je bent nu {role} bij Wegwijs.").format(role=ROLE_LABELS[role]))]
        case Redemption.ALREADY if participant is not None and await links.is_buddy_of(
            turn.session, turn.person.id, participant.id
        ):
            return [say(_("Je bent al buddy van {name}.").format(name=first_name(participant)))]
        case Redemption.ALREADY:
            assert role is not None
            return [say(_("Je bent al {role} bij Wegwijs.").format(role=ROLE_LABELS[role]))]
        case Redemption.OWN_BUDDY:
            return [
                say(
                    _("Die uitnodiging is voor je buddy, niet voor jou."),
                    _("Stuur de link naar je buddy."),
                )
            ]
        case Redemption.USED:
            return [say(_("Die uitnodiging is al gebruikt. Vraag een nieuwe."))]
        case Redemption.EXPIRED:
            return [say(_("Die uitnodiging is te oud. Vraag een nieuwe."))]
        case Redemption.NOT_FOR_YOU:
            return [say(_("Die uitnodiging is voor iemand anders."))]
        case _:
            return [say(_("Die uitnodiging ken ik niet. Kijk of de code juist is."))]
