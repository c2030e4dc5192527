"""Every Dutch text of the confirmation and check pages, in one place to measure and to review.

Dutch only, no help line: the reader is the contact person of an activity that must be in Dutch
to count for the trajectory (a club, a library, a kitchen), so Dutch is the language they share
with the participant. Clear Dutch all the same: short sentences, common words, "je".
Placeholders are filled with `Markup.format`, which escapes every value that is not Markup.
"""

from __future__ import annotations

from markupsafe import Markup

TEXTS: dict[str, str] = {
    "confirm_title": "Klopt dit?",
    "claim": "{hours} van {name} op {day} bij {organisation}",
    "activity": "Activiteit: {activity}",
    "ask": "{name} vraagt of je dit wil bevestigen.",
    "name_label": "Jouw naam",
    "name_hint": "We bewaren je naam bij deze uren. Zo weet de begeleider wie het zei.",
    "name_missing": "Vul je naam in.",
    "confirm_button": "Bevestigen",
    "wrong_heading": "Klopt het niet?",
    "reason_label": "Wat klopt er niet?",
    "reason_hint": "Dit mag je leeg laten.",
    "reject_button": "Klopt niet",
    "no_account": "Je hebt geen account nodig.",
    "confirmed_title": "Dank je wel!",
    "confirmed_text": "Je zei dat de {hours} van {name} op {day} kloppen.",
    "rejected_title": "Dank je wel!",
    "rejected_text": "Je zei dat de {hours} van {name} op {day} niet kloppen.",
    "told": "{name} krijgt een bericht van Wegwijs.",
    "close": "Je kan deze pagina nu sluiten.",
    "used_title": "Deze link is al gebruikt",
    "used_text": "Iemand gaf al een antwoord met deze link. Je hoeft niets meer te doen.",
    "answered_title": "Deze uren hebben al een antwoord",
    "answered_text": "Iemand gaf al een antwoord in Wegwijs. Je hoeft niets meer te doen.",
    "expired_title": "Deze link is te oud",
    "expired_text": "Een link werkt maar een paar weken. Vraag de deelnemer om een nieuwe link.",
    "unknown_title": "Deze link werkt niet",
    "unknown_text": "Misschien is de link niet helemaal goed. Scan de code nog eens. "
    "Of vraag een nieuwe link.",
    "stale_title": "Probeer het nog eens",
    "stale_text": "Dit formulier is te oud. Of je browser bewaart geen cookies. "
    "Open de link opnieuw en vul je naam nog eens in.",
    "error_title": "Er ging iets mis",
    "error_text": "Dat ligt niet aan jou. Probeer het straks opnieuw.",
    "check_title": "Een overzicht controleren",
    "check_intro": "Op elk overzicht van Wegwijs staat een code. Hier zie je of die code klopt.",
    "check_label": "Code van het overzicht",
    "check_button": "Controleren",
    "check_found_title": "De code klopt",
    "check_found_text": "Dit is het overzicht van {name}.",
    "check_made": "Wegwijs maakte het op {moment}.",
    "check_total": "Bevestigde uren: {hours}.",
    "check_unknown_title": "Onbekende code",
    "check_unknown_text": "Wegwijs kent deze code niet. Kijk of je de code goed overnam.",
}


def text(key: str, **values: object) -> Markup:
    """The text `key` with its placeholders filled, each value escaped unless it is Markup."""
    return Markup(TEXTS[key]).format(**values)


def isolated(value: str) -> Markup:
    """A name in its own direction: "أمينة" does not pull "op 12 november" along with it."""
    return Markup("<bdi>{}</bdi>").format(value)
