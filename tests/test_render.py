"""Rendering: Dutch first, the help line under it, right-to-left text isolated."""

from __future__ import annotations

import gettext

from babel.messages.plurals import get_plural

from dialogs.i18n import Catalogs, Language, Locale
from dialogs.messages import Choice, Reply, _, _n, say
from dialogs.render import PDI, RLI, Renderer

LANGUAGES = (
    Language("nl", "Nederlands", rtl=False),
    Language("en", "English", rtl=False),
    Language("ar", "العربية", rtl=True),
)
CATALOGS = Catalogs(
    {
        "en": {"Dag {name}!": "Hi {name}!", "Ja": "Yes", "Kapot {name}": "Broken {naam}"},
        "ar": {"Dag {name}!": "مرحبا {name}!", "Ja": "نعم"},
    },
    LANGUAGES,
)
RENDERER = Renderer(CATALOGS)


def test_dutch_comes_first_with_the_help_line_under_it() -> None:
    rendered = RENDERER.render(say(_("Dag {name}!").format(name="Amina")), Locale("en"))
    assert rendered.text == "Dag Amina!\n🌐 Hi Amina!"


def test_right_to_left_help_lines_are_wrapped_in_isolates() -> None:
    rendered = RENDERER.render(say(_("Dag {name}!").format(name="Amina")), Locale("ar"))
    assert rendered.text == f"Dag Amina!\n🌐 {RLI}مرحبا Amina!{PDI}"


def test_no_help_line_for_dutch_or_when_switched_off() -> None:
    msg = say(_("Dag {name}!").format(name="Amina"))
    assert RENDERER.render(msg, Locale("nl")).text == "Dag Amina!"
    assert RENDERER.render(msg, Locale("en", help_line=False)).text == "Dag Amina!"


def test_a_missing_translation_shows_dutch_only() -> None:
    rendered = RENDERER.render(say(_("Nog niet vertaald.")), Locale("en"))
    assert rendered.text == "Nog niet vertaald."


def test_a_translation_with_a_broken_placeholder_falls_back_to_dutch() -> None:
    rendered = RENDERER.render(say(_("Kapot {name}").format(name="Amina")), Locale("en"))
    assert rendered.text == "Kapot Amina\n🌐 Kapot Amina"


def test_choice_labels_carry_the_translation_and_names_stay_as_they_are() -> None:
    reply = Reply(texts=(), choices=(Choice("yes", _("Ja")), Choice("ar", "العربية")))
    labels = [choice.label for choice in RENDERER.render(reply, Locale("en")).choices]
    assert labels == ["Ja · Yes", "العربية"]


def test_the_language_question_is_readable_in_every_language() -> None:
    reply = Reply(texts=(), in_every_language=_("Ja"))
    assert RENDERER.render(reply, Locale()).text == f"Ja · Yes · {RLI}نعم{PDI}"


def test_each_language_picks_its_own_plural_form_for_a_count() -> None:
    arabic = get_plural("ar")
    # zero, one, two, few (3-10), other (100-102, …), many (11-99): the header's order.
    forms = ("{n} ساعة", "ساعة واحدة", "ساعتان", "{n} ساعات", "{n} ساعة", "{n} ساعةً")
    catalogs = Catalogs(
        {"ar": {"{n} sessie": forms}, "en": {"{n} sessie": ("{n} session", "{n} sessions")}},
        LANGUAGES,
        {"ar": gettext.c2py(arabic.plural_expr), "en": gettext.c2py(get_plural("en").plural_expr)},
    )
    renderer = Renderer(catalogs)

    def shown(count: int, language: str) -> str:
        msg = _n("{n} sessie", "{n} sessies", count).format(n=count)
        return renderer.render(say(msg), Locale(language)).text

    assert shown(1, "en") == "1 sessie\n🌐 1 session"
    assert shown(3, "en") == "3 sessies\n🌐 3 sessions"
    arabic_lines = [shown(count, "ar").split("🌐 ")[1] for count in (1, 2, 3, 11, 100)]
    assert arabic_lines == [
        f"{RLI}ساعة واحدة{PDI}",
        f"{RLI}ساعتان{PDI}",
        f"{RLI}3 ساعات{PDI}",
        f"{RLI}11 ساعةً{PDI}",
        f"{RLI}100 ساعة{PDI}",
    ]


def test_a_count_without_a_translation_reads_in_dutch_with_the_right_form() -> None:
    assert RENDERER.render(say(_n("{n} uur", "{n} uren", 1).format(n=1)), Locale("en")).text == (
        "1 uur"
    )
    assert RENDERER.render(say(_n("{n} uur", "{n} uren", 2).format(n=2)), Locale("en")).text == (
        "2 uren"
    )
