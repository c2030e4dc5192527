"""Turns a Reply into text for a person: Dutch first, the help line (🌐) under it."""

from __future__ import annotations

from dataclasses import dataclass

from dialogs.i18n import SOURCE_LANGUAGE, Catalogs, Locale
from dialogs.messages import Attachment, Msg, Param, Reply

HELP_MARK = "🌐"
# Right-to-left help lines sit in an isolate (RLI … PDI) so they keep their own direction.
RLI, PDI = "\u2067", "\u2069"


@dataclass(frozen=True)
class RenderedChoice:
    id: str
    label: str
    selected: bool = False


@dataclass(frozen=True)
class Rendered:
    """A message ready for a transport: plain text, the options and an optional file."""

    text: str
    choices: tuple[RenderedChoice, ...] = ()
    attachment: Attachment | None = None
    asks: str | None = None
    bold: tuple[str, ...] = ()  # pieces of `text`, in order, a channel may show in bold


class Renderer:
    """The only place that translates."""

    def __init__(self, catalogs: Catalogs):
        self._catalogs = catalogs

    def render(self, reply: Reply, locale: Locale) -> Rendered:
        paragraphs, bold = [], []
        for msg in reply.texts:
            dutch = self.text(msg, SOURCE_LANGUAGE)
            if msg.strong and dutch:
                bold.append(dutch)
            help_text = self._help(msg, locale)
            paragraphs.append(dutch if help_text is None else f"{dutch}\n{HELP_MARK} {help_text}")
        if reply.in_every_language is not None:
            paragraphs.append(self._in_every_language(reply.in_every_language))
        choices = tuple(
            RenderedChoice(choice.id, self._label(choice.label, locale), choice.selected)
            for choice in reply.choices
        )
        # With help lines, a blank line keeps each Dutch/translation pair together.
        separator = "\n\n" if locale.shows_help else "\n"
        text = separator.join(paragraphs)
        return Rendered(text, choices, reply.attachment, reply.asks, tuple(bold))

    def text(self, msg: Msg, language: str) -> str:
        """`msg` in `language`, falling back to Dutch where a translation is missing."""
        template = self._lookup(msg, language) or self._lookup(msg, SOURCE_LANGUAGE) or msg.msgid
        params = {key: self._param(value, language) for key, value in msg.params.items()}
        try:
            return template.format(**params)
        except (KeyError, IndexError, ValueError):
            # A broken translation must never hide the message: fall back to the Dutch source.
            return msg.msgid.format(**params)

    def _lookup(self, msg: Msg, language: str) -> str | None:
        return self._catalogs.lookup(msg.msgid, language, msg.plural, msg.count)

    def _param(self, value: Param, language: str) -> str:
        if isinstance(value, Msg):
            return self.text(value, language)
        if isinstance(value, tuple):
            return ", ".join(self.text(item, language) for item in value)
        return str(value)

    def _help(self, msg: Msg, locale: Locale) -> str | None:
        found = None if not locale.shows_help else self._lookup(msg, locale.help_language)
        if found is None:
            return None
        translated = self.text(msg, locale.help_language)
        if found == self._lookup(msg, SOURCE_LANGUAGE) and (
            translated == self.text(msg, SOURCE_LANGUAGE)
        ):
            return None  # names and numbers only ("🔹 Repair Café") read the same everywhere
        return self._isolate(translated, locale.help_language)

    def _label(self, label: Msg | str, locale: Locale) -> str:
        if isinstance(label, str):
            return label
        dutch = self.text(label, SOURCE_LANGUAGE)
        help_text = self._help(label, locale)
        return dutch if help_text is None or help_text == dutch else f"{dutch} · {help_text}"

    def _in_every_language(self, msg: Msg) -> str:
        lines = [self.text(msg, SOURCE_LANGUAGE)]
        for language in self._catalogs.languages:
            if self._lookup(msg, language.code) not in {None, self._lookup(msg, SOURCE_LANGUAGE)}:
                lines.append(self._isolate(self.text(msg, language.code), language.code))
        return " · ".join(lines)

    def isolate(self, text: str, language: str) -> str:
        """A help text kept in its own direction (right-to-left languages in an isolate)."""
        return self._isolate(text, language)

    def _isolate(self, text: str, language: str) -> str:
        if not self._catalogs.language(language).rtl:
            return text
        return "\n".join(f"{RLI}{line}{PDI}" for line in text.split("\n"))
