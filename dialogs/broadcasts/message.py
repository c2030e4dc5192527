"""What one recipient sees: the Dutch text, the translation staff pasted for their help language
(if any; never a machine translation), a link to an activity with its buttons, and one short
line on how to stop these messages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from dialogs.broadcasts.texts import MUTE_HINT
from dialogs.i18n import Locale
from dialogs.messages import Choice, Reply, _
from dialogs.render import HELP_MARK, Rendered, Renderer

NAME = "{name}"  # the one placeholder staff may use: the recipient's first name


@dataclass(frozen=True)
class Content:
    """A broadcast's words as staff wrote them, and what it links to."""

    text: str
    translations: Mapping[str, str]
    link_kind: str | None = None  # "activity" (sessions later)
    link_id: int | None = None
    link_title: str | None = None


def link_choices(content: Content) -> tuple[Choice, ...]:
    """The buttons under a broadcast that links to something."""
    if content.link_kind == "activity" and content.link_id is not None:
        return (
            Choice(f"act_info:{content.link_id}", _("Meer info")),
            Choice(f"act_enrol:{content.link_id}", _("Ik wil dit doen")),
        )
    return ()


def render_for(renderer: Renderer, content: Content, locale: Locale, name: str | None) -> Rendered:
    """The message as this recipient reads it."""
    body = _fill(content.text, name)
    translated = content.translations.get(locale.help_language)
    if translated and locale.shows_help:
        help_text = renderer.isolate(_fill(translated, name), locale.help_language)
        body = f"{body}\n\n{HELP_MARK} {help_text}"
    if content.link_title:
        body = f"{body}\n\n👉 {content.link_title}"
    tail = renderer.render(Reply((MUTE_HINT,), link_choices(content)), locale)
    return Rendered(f"{body}\n\n{tail.text}", tail.choices)


def _fill(text: str, name: str | None) -> str:
    return text.replace(NAME, name or "").replace(" ,", ",").strip()
