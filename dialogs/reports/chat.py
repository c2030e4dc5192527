"""/rapport in the chat: staff get the network's report as a PDF."""

from __future__ import annotations

import re
from datetime import date, timedelta

from dialogs.messages import Reply, _, say
from dialogs.turn import Turn
from store.people.models import Role
from store.reports.figures import Period

_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")


def may_see_reports(roles: frozenset[Role]) -> bool:
    """Only the network's staff: the report is about the whole network."""
    return Role.STAFF in roles


def period_for(argument: str, today: date) -> Period | None:
    """No argument: this year until today. "2026-11": that month. Else None."""
    if not argument.strip():
        return Period(today.replace(month=1, day=1), today)
    found = _MONTH.match(argument)
    if found is None:
        return None
    year, month = int(found[1]), int(found[2])
    if not 1 <= month <= 12 or date(year, month, 1) > today:
        return None
    following = (date(year, month, 1) + timedelta(days=32)).replace(day=1)
    return Period(date(year, month, 1), min(following - timedelta(days=1), today))


async def report(turn: Turn, argument: str) -> list[Reply]:
    if not may_see_reports(turn.person.roles):
        return [say(_("Dit is alleen voor de medewerkers van het netwerk."))]
    period = period_for(argument, turn.today)
    if period is None:
        return [
            say(
                _("Dat is geen maand die ik ken."),
                _("Stuur /rapport voor dit jaar. Of een maand, zo: /rapport 2026-11"),
            )
        ]
    if turn.reports is None:
        return [say(_("Het rapport kan nu niet gemaakt worden. Probeer het later opnieuw."))]
    attachment = await turn.reports.pdf(turn.session, period, turn.now)
    return [
        Reply(
            texts=(
                _("Hier is het rapport, van {first} tot en met {last}.").format(
                    first=period.first.strftime("%d-%m-%Y"), last=period.last.strftime("%d-%m-%Y")
                ),
                _("Het telt alleen. Het noemt niemand."),
                _("Een maand? Stuur zo: /rapport 2026-11"),
            ),
            attachment=attachment,
        )
    ]
