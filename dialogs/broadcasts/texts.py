"""What the bot says about broadcasts: to recipients, to the staff member who sent one."""

from __future__ import annotations

from collections.abc import Mapping

from dialogs.messages import Msg, Reply, _, _n, say

MUTE_HINT = _("Geen berichten zoals dit meer? Stuur /stil.")
MUTED = _("Goed. Je krijgt geen nieuws meer van ons. Wil je het weer? Stuur /stil uit.")
UNMUTED = _("Fijn! Je krijgt weer nieuws van ons.")
STAFF_ONLY = _("Alleen het team kan een bericht aan iedereen sturen.")


def progress(number: int, done: int, total: int) -> Reply:
    """The one message that is edited while a broadcast goes out."""
    return say(
        _("Bericht {number}: {done} van {total} verstuurd.").format(
            number=number, done=done, total=total
        )
    )


def final(number: int, counts: Mapping[str, int], reasons: Mapping[str, int]) -> Reply:
    """The report at the end: delivered, blocked, failed with reasons."""
    delivered = counts.get("delivered", 0)
    lines: list[Msg] = [
        _("Bericht {number} is klaar.").format(number=number),
        _n("{n} persoon kreeg het.", "{n} mensen kregen het.", delivered).format(n=delivered),
    ]
    blocked = counts.get("blocked", 0)
    if blocked:
        lines.append(
            _n(
                "{n} persoon heeft de bot geblokkeerd.",
                "{n} mensen hebben de bot geblokkeerd.",
                blocked,
            ).format(n=blocked)
        )
    failed = counts.get("failed", 0)
    if failed:
        why = ", ".join(f"{reason} ({count})" for reason, count in sorted(reasons.items()))
        lines.append(
            _n(
                "Bij {n} persoon lukte het niet: {reasons}.",
                "Bij {n} mensen lukte het niet: {reasons}.",
                failed,
            ).format(n=failed, reasons=why)
        )
    return say(*lines)


def cancelled(number: int) -> Reply:
    return say(_("Bericht {number} is gestopt.").format(number=number))
