"""The texts that explain the bot and answer input it cannot use."""

from __future__ import annotations

from dialogs.messages import Msg, Reply, _, say

# What a channel shows about the bot before the first message (Telegram's description).
ABOUT = _(
    "Wegwijs helpt nieuwkomers in de Westhoek. "
    "Je vindt een activiteit bij jou in de buurt. "
    "Je houdt je uren bij. "
    "En je krijgt hulp als het moeilijk gaat. "
    "Ik schrijf eerst in het Nederlands, met een vertaling eronder."
)
ABOUT_SHORT = _("Hulp voor nieuwkomers in de Westhoek, in duidelijk Nederlands.")


def overview() -> Reply:
    return say(
        _("Ik ben Wegwijs. Ik help nieuwkomers in de Westhoek."),
        _("Kies iets uit de lijst, of typ een woord."),
        _("Deze woorden werken altijd:"),
        _("/menu: naar het menu"),
        _("/taal: je taal kiezen"),
        _("/mijngegevens: zien wat ik bewaar"),
        _("/vergeet: alles wissen"),
        _("/koppel: ook in een andere app met mij praten"),
        _("/stop: geen berichten meer"),
        _("coach: een coach helpt je"),
    )


def danger(*, for_everyone: bool) -> Reply:
    """The numbers to call, before anything else; `for_everyone` adds the first line in every
    language, for someone whose language the bot does not know yet."""
    first = _("Ben je in gevaar? Bel meteen 112.")
    reply = say(
        first,
        _("Wil je met iemand praten? Bel 106. Dat is gratis, dag en nacht."),
        _("Denk je aan zelfmoord? Bel 1813."),
        _("Is er geweld thuis? Bel 1712."),
    )
    return Reply(reply.texts, in_every_language=first) if for_everyone else reply


def unknown_command() -> Reply:
    return say(_("Dat commando ken ik niet."), _("Stuur /help voor de lijst."))


def empty() -> Reply:
    return say(_("Je bericht is leeg. Typ een antwoord, of kies iets uit de lijst."))


def too_long() -> Reply:
    return say(_("Je bericht is te lang. Schrijf het korter, in een paar woorden."))


def not_understood() -> Reply:
    return say(_("Dat begrijp ik niet. Kies iets uit de lijst."))


def out_of_range(highest: int) -> Reply:
    return say(_("Kies een nummer van 1 tot {highest}.").format(highest=highest))


def old_question() -> Reply:
    return say(_("Dat is een oude vraag. Kijk naar de vraag hieronder."))


def media() -> Reply:
    return say(_("Ik kan alleen tekst lezen. Typ je antwoord, of kies iets uit de lijst."))


def location_not_needed() -> Reply:
    return say(_("Dank je. Ik heb je locatie hier niet nodig."))


def key_changed(person_id: int, command: str) -> Reply:
    """For staff: someone's Signal key changed, so nothing reaches them until it is trusted."""
    return say(
        _(
            "Let op: persoon {person} heeft Signal opnieuw gezet. Mijn berichten komen nu niet aan."
        ).format(person=person_id),
        _("Kijk samen met die persoon het nummer voor veiligheid na in Signal."),
        _("Geef dan op de server dit commando, met dat nummer:"),
        Msg("{text}", {"text": command}),  # shown as it is: no translation
    )


def failure() -> Reply:
    return say(_("Sorry, er ging iets mis bij mij. Probeer het straks opnieuw."))
