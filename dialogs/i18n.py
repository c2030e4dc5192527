"""Translation catalogues, loaded straight from the .po files so no compiled files are needed."""

from __future__ import annotations

import gettext
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from babel.messages.pofile import read_po

SOURCE_LANGUAGE = "nl"
PACKAGE_DATA = Path(__file__).resolve().parent / "data"
LOCALES = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "messages"


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    rtl: bool


@dataclass(frozen=True)
class Locale:
    """How one person reads the bot: Dutch first, then a help line in their language."""

    help_language: str = SOURCE_LANGUAGE
    help_line: bool = True

    @property
    def shows_help(self) -> bool:
        return self.help_line and self.help_language != SOURCE_LANGUAGE


def load_languages(path: Path = PACKAGE_DATA / "languages.json") -> tuple[Language, ...]:
    """The help languages the bot offers, each with its own name."""
    return tuple(Language(**item) for item in json.loads(path.read_text(encoding="utf-8")))


# A plain translation, or the plural forms in the order of the language's plural rule.
Translation = str | tuple[str, ...]
PluralRule = Callable[[int], int]


def dutch_plural(count: int) -> int:
    return 0 if count == 1 else 1


class Catalogs:
    """Dutch msgid → translation, per help language."""

    def __init__(
        self,
        translations: Mapping[str, Mapping[str, Translation]],
        languages: tuple[Language, ...],
        plural_rules: Mapping[str, PluralRule] | None = None,
    ):
        self._translations = translations
        self.languages = languages
        self._plural_rules = plural_rules or {}

    @classmethod
    def load(cls, locales: Path = LOCALES) -> Catalogs:
        languages = load_languages()
        translations: dict[str, dict[str, Translation]] = {}
        rules: dict[str, PluralRule] = {}
        for language in languages:
            po = locales / language.code / "LC_MESSAGES" / f"{DOMAIN}.po"
            if language.code == SOURCE_LANGUAGE or not po.exists():
                continue
            with po.open("rb") as handle:
                catalog = read_po(handle, locale=language.code)
            rules[language.code] = gettext.c2py(catalog.plural_expr)
            translations[language.code] = {
                _singular(message.id): _translation(message.string)
                for message in catalog
                if message.id and message.string and all(message.string)
            }
        return cls(translations, languages, rules)

    @cached_property
    def by_code(self) -> dict[str, Language]:
        return {language.code: language for language in self.languages}

    def language(self, code: str) -> Language:
        return self.by_code.get(code) or self.by_code[SOURCE_LANGUAGE]

    def lookup(
        self, msgid: str, language: str, plural: str | None = None, count: int | None = None
    ) -> str | None:
        """The translation of `msgid` (in the form for `count` when it has a `plural`), or None
        when the catalogue lacks it."""
        if language == SOURCE_LANGUAGE:
            if plural is None or count is None:
                return msgid
            return (msgid, plural)[dutch_plural(count)]
        found = self._translations.get(language, {}).get(msgid)
        if not isinstance(found, tuple):
            return found
        form = self._plural_rules.get(language, dutch_plural)(0 if count is None else count)
        return found[min(form, len(found) - 1)]


def _singular(msgid: str | Sequence[str]) -> str:
    return msgid if isinstance(msgid, str) else msgid[0]


def _translation(string: str | Sequence[str]) -> Translation:
    return string if isinstance(string, str) else tuple(string)
