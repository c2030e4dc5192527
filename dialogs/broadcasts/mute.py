"""/stil: no more announcements from staff, without leaving the bot; /stil uit: again."""

from __future__ import annotations

from typing import Any

from dialogs.broadcasts.texts import MUTED, UNMUTED
from dialogs.messages import Msg, Reply, _, say
from dialogs.turn import Turn
from store.broadcasts import mutes, sending

OFF_WORDS = {"uit", "af", "off", "nee", "weg"}
MUTED_LINE = _("Nieuws van ons: uit")


async def run(turn: Turn, argument: str) -> list[Reply]:
    """Mute, or with "uit" unmute; asking twice says the same, kindly."""
    if argument.strip().casefold() in OFF_WORDS:
        await mutes.unmute(turn.session, turn.person.id)
        return [say(UNMUTED)]
    await mutes.mute(turn.session, turn.person.id, turn.now)
    return [say(MUTED)]


async def my_data_lines(turn: Turn) -> list[Msg]:
    """For /mijngegevens: whether announcements are muted."""
    return [MUTED_LINE] if await mutes.muted_at(turn.session, turn.person.id) else []


async def export(turn: Turn) -> dict[str, Any]:
    """For the JSON export: when muted, and which broadcasts reached the person."""
    muted = await mutes.muted_at(turn.session, turn.person.id)
    return {
        "announcements_muted_at": None if muted is None else muted.isoformat(),
        "announcements": await sending.received_by(turn.session, turn.person.id),
    }
