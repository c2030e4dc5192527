"""Global commands, understood at any step: /start, /help, /taal, /menu, /mijngegevens, ..."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from dialogs import notices
from dialogs.broadcasts import dialog as broadcasts
from dialogs.broadcasts import mute
from dialogs.cases import chat as cases
from dialogs.messages import Msg, Reply, _, say
from dialogs.people import invitations, linking
from dialogs.people.onboarding import welcome
from dialogs.privacy import my_data
from dialogs.reports import chat as reports_chat
from dialogs.sessions import chat as sessions
from dialogs.states import Dialog, LanguageStep, OnboardingStep, PrivacyStep
from dialogs.turn import Turn
from store.cases.models import Reason


class Command(StrEnum):
    START = "start"
    HELP = "help"
    LANGUAGE = "taal"
    MENU = "menu"
    MY_DATA = "mijngegevens"
    FORGET = "vergeet"
    STOP = "stop"
    LINK = "koppel"
    REPORT = "rapport"
    MUTE = "stil"
    BROADCAST = "bericht"
    SESSIONS = "taalplezier"
    COACH = "coach"
    CASES = "hulpvragen"
    DONE = "klaar"
    UNKNOWN = "unknown"


_NAMES = {
    "start": Command.START,
    "help": Command.HELP,
    "hulp": Command.HELP,
    "aide": Command.HELP,
    "taal": Command.LANGUAGE,
    "language": Command.LANGUAGE,
    "menu": Command.MENU,
    "mijngegevens": Command.MY_DATA,
    "vergeet": Command.FORGET,
    "stop": Command.STOP,
    "koppel": Command.LINK,
    "rapport": Command.REPORT,
    "stil": Command.MUTE,
    "bericht": Command.BROADCAST,
    "taalplezier": Command.SESSIONS,
    "coach": Command.COACH,
    "hulpvragen": Command.CASES,
    "klaar": Command.DONE,
}
# The commands a channel shows in its menu (Telegram's "/" list), with what each does.
MENU: tuple[tuple[str, Msg], ...] = (
    ("start", _("Beginnen of opnieuw beginnen")),
    ("menu", _("Naar het menu")),
    ("help", _("Hulp en uitleg")),
    ("taal", _("Je taal kiezen")),
    ("mijngegevens", _("Zien wat ik over jou bewaar")),
    ("vergeet", _("Alles wissen")),
    ("koppel", _("Ook in een andere app met mij praten")),
    ("taalplezier", _("Verhalen in duidelijk Nederlands")),
    ("stil", _("Geen nieuws meer van ons")),
    ("stop", _("Geen berichten meer")),
)
# Typed without a slash, these whole messages still count as commands.
_BARE_WORDS = {"hulp", "help", "menu", "taal", "stop", "coach"}


@dataclass(frozen=True)
class Parsed:
    command: Command
    argument: str = ""


def parse(text: str) -> Parsed | None:
    """A command in `text` ("/start abc", "/menu@WegwijsBot", "hulp", a link code), or None."""
    if text.startswith("/"):
        head, _sep, argument = text[1:].partition(" ")
        name = head.split("@", 1)[0].casefold()
        return Parsed(_NAMES.get(name, Command.UNKNOWN), argument.strip())
    code = linking.code_in(text)
    if code is not None:
        return Parsed(Command.LINK, code)  # typed on the other channel, without /koppel
    word = text.strip(" .!?").casefold()
    return Parsed(_NAMES[word]) if word in _BARE_WORDS else None


async def run(turn: Turn, parsed: Parsed) -> tuple[list[Reply], bool]:
    """Carry out a command; the flag says whether the open question should be asked again."""
    match parsed.command:
        case Command.START:
            if parsed.argument:
                return await invitations.redeem(turn, parsed.argument) + _start(turn), True
            return _start(turn), True
        case Command.HELP:
            return [notices.overview()], True
        case Command.LANGUAGE:
            turn.detour(Dialog.LANGUAGE, LanguageStep.CHOOSE)
            return [], True
        case Command.MENU:
            if not turn.onboarded:
                return [say(_("Eerst nog een paar vragen. Dan kom je in het menu."))], True
            turn.home()
            return [], True
        case Command.MY_DATA:
            return [await my_data(turn)], True
        case Command.FORGET:
            turn.detour(Dialog.PRIVACY, PrivacyStep.CONFIRM_FORGET)
            return [], True
        case Command.STOP:
            return await _stop(turn), False
        case Command.MUTE:
            if turn.person.consent_at is None:
                return [say(_("Eerst nog een paar vragen. Dan kom je in het menu."))], True
            return await mute.run(turn, parsed.argument), True
        case Command.SESSIONS:
            if not turn.onboarded:
                return [say(_("Eerst nog een paar vragen. Dan kom je in het menu."))], True
            return await sessions.open_list(turn), True
        case Command.COACH:
            if turn.person.consent_at is None:
                return [say(_("Eerst nog een paar vragen. Dan kom je in het menu."))], True
            return await cases.raise_help(turn, Reason.ASKED), True
        case Command.CASES:
            return await cases.open_list(turn), True
        case Command.DONE:
            return await cases.finish(turn)
        case Command.BROADCAST:
            return await broadcasts.start(turn, parsed.argument), True
        case Command.LINK:
            if not parsed.argument:
                return await linking.offer(turn), True
            replies, _linked = await linking.redeem(turn, parsed.argument)
            return replies, True
        case Command.REPORT:
            return await reports_chat.report(turn, parsed.argument), True
        case _:
            return [notices.unknown_command()], True


def _start(turn: Turn) -> list[Reply]:
    if turn.onboarded:
        turn.home()
        name = turn.person.name or ""
        return [say(_("Welkom terug, {name}!").format(name=name))]
    turn.goto(Dialog.ONBOARDING, OnboardingStep.LANGUAGE)
    return [welcome()]


async def _stop(turn: Turn) -> list[Reply]:
    if turn.person.consent_at is None:
        # Without consent nothing may stay behind: stopping means forgetting.
        await turn.erase()
        return [
            say(_("Oké. Ik bewaar niets over jou."), _("Stuur een bericht als je wil beginnen."))
        ]
    turn.person.paused_at = turn.now
    turn.end()
    return [
        say(
            _("Oké. Ik stuur je geen berichten meer."),
            _("Wil je verder? Stuur dan /start."),
            _("Wil je dat ik alles wis? Stuur dan /vergeet."),
        )
    ]
