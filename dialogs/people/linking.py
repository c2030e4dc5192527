"""/koppel: one person on two channels. A code asked for on one channel, typed on the other,
joins both accounts into one person (store/merge.py).

Who stays: the person who finished onboarding first (else who consented, else the older one).
Their name, municipality, help language and conversation win; what they lack is filled from the
other; interests and roles are joined; for one-per-person rows (the search answers) and the same
activity twice, the staying person's row wins and what hangs on the other (hours) moves to it.
"""

from __future__ import annotations

import logging
from datetime import datetime

from dialogs.messages import Reply, _, say
from dialogs.turn import Turn
from store.people import link_codes, merge, persons
from store.people.link_codes import Linking
from store.people.models import Person

log = logging.getLogger(__name__)


async def offer(turn: Turn) -> list[Reply]:
    """A new code for this person, to type on the other channel."""
    if turn.person.consent_at is None:
        # Nothing may be stored yet; the other channel, where they are known, gives the code.
        return [
            say(
                _("Praat je al met mij in een andere app? Stuur daar /koppel."),
                _("Je krijgt dan een code. Typ die code hier."),
            )
        ]
    code = await link_codes.create(turn.session, turn.person, turn.now)
    minutes = int(link_codes.VALID_FOR.total_seconds() // 60)
    return [
        say(
            _("Wil je ook in een andere app met mij praten? Typ daar deze code:"),
            _("🔑 {code}").format(code=code),
            _("De code werkt één keer, {minutes} minuten lang.").format(minutes=minutes),
        )
    ]


async def redeem(turn: Turn, code: str) -> tuple[list[Reply], bool]:
    """Link with the person who asked for `code`; the flag says whether that happened."""
    outcome, owner_id = await link_codes.take(turn.session, code, turn.person, turn.now)
    other = None
    if outcome is Linking.FOUND and owner_id is not None:
        other = await persons.person_with_accounts(turn.session, owner_id)
    match outcome:
        case Linking.FOUND if other is not None:
            keep, drop = sorted((turn.person, other), key=_seniority)
            await merge.merge_persons(turn.session, keep, drop)
            log.info("linked person=%s into person=%s", drop.id, keep.id)
            turn.person = keep
            turn.home()
            return [
                say(
                    _("Gelukt! Je accounts zijn nu gekoppeld."),
                    _("In beide apps praat je nu met mij verder, met dezelfde gegevens."),
                )
            ], True
        case Linking.OWN:
            return [say(_("Die code is van dit gesprek. Typ hem in je andere app."))], False
        case Linking.USED:
            return [say(_("Die code is al gebruikt. Stuur /koppel voor een nieuwe."))], False
        case Linking.EXPIRED:
            return [say(_("Die code is te oud. Stuur /koppel voor een nieuwe."))], False
        case _:
            return [
                say(
                    _("Die code ken ik niet. Kijk of hij juist is."),
                    _("Of stuur /koppel in je andere app voor een nieuwe code."),
                )
            ], False


async def from_first(turn: Turn, text: str) -> tuple[list[Reply], bool] | None:
    """A code as someone's very first message on a channel ("KT47MX" or "/koppel KT47MX")."""
    code = code_in(text)
    return None if code is None else await redeem(turn, code)


def code_in(text: str) -> str | None:
    """The code in "/koppel CODE" or in a message that is only a code, else None."""
    head, _sep, argument = text.partition(" ")
    if head.split("@", 1)[0].casefold() == "/koppel" and argument.strip():
        return argument.strip()
    return text if link_codes.looks_like_code(text) else None


def _seniority(person: Person) -> tuple[bool, datetime, bool, int]:
    """Who stays: onboarded first, else consented, else created first."""
    return (
        person.onboarded_at is None,
        person.onboarded_at or person.created_at,
        person.consent_at is None,
        person.id,
    )
