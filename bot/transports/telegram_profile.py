"""What Telegram shows about the bot: the command menu and the descriptions, per help language."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import BotCommand

from dialogs.commands import MENU
from dialogs.i18n import SOURCE_LANGUAGE
from dialogs.knowledge import Knowledge
from dialogs.messages import Msg
from dialogs.notices import ABOUT, ABOUT_SHORT

log = logging.getLogger(__name__)

# Telegram's limits for these texts.
COMMAND_LIMIT, DESCRIPTION_LIMIT, SHORT_LIMIT = 256, 512, 120


async def publish(bot: Bot, knowledge: Knowledge) -> None:
    """Set commands and descriptions: Dutch by default, Dutch with a translation per language."""
    for language in knowledge.catalogs.languages:
        code = None if language.code == SOURCE_LANGUAGE else language.code
        try:
            await bot.set_my_commands(commands(knowledge, language.code), language_code=code)
            await bot.set_my_description(
                description=_both(knowledge, ABOUT, language.code, "\n\n", DESCRIPTION_LIMIT),
                language_code=code,
            )
            await bot.set_my_short_description(
                short_description=_both(knowledge, ABOUT_SHORT, language.code, " / ", SHORT_LIMIT),
                language_code=code,
            )
        except TelegramAPIError as error:
            # The bot works without a menu; say so and go on.
            log.warning("could not set the profile language=%s error=%s", language.code, error)


def commands(knowledge: Knowledge, language: str) -> list[BotCommand]:
    return [
        BotCommand(command=name, description=_both(knowledge, msg, language, " · ", COMMAND_LIMIT))
        for name, msg in MENU
    ]


def _both(knowledge: Knowledge, msg: Msg, language: str, joiner: str, limit: int) -> str:
    """The Dutch text, with the translation after it when there is one and it fits."""
    renderer = knowledge.renderer
    dutch = renderer.text(msg, SOURCE_LANGUAGE)
    if knowledge.catalogs.lookup(msg.msgid, language) in {None, msg.msgid}:
        return dutch[:limit]
    both = f"{dutch}{joiner}{renderer.text(msg, language)}"
    return both if len(both) <= limit else dutch[:limit]
