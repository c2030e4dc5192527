"""Translation catalogues, loaded straight from the .po files so no compiled files are needed."""

from __future__ import annotations

import json
from collections.abc import Mapping
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


class Catalogs:
    """Dutch msgid → translation, per help language."""

    def __init__(
        self, translations: Mapping[str, Mapping[str, str]], languages: tuple[Language, ...]
    ):
        self._translations = translations
        self.languages = languages

    @classmethod
    def load(cls, locales: Path = LOCALES) -> Catalogs:
        languages = load_languages()
        translations: dict[str, dict[str, str]] = {}
        for language in languages:
            po = locales / language.code / "LC_MESSAGES" / f"{DOMAIN}.po"
            if language.code == SOURCE_LANGUAGE or not po.exists():
                continue
            with po.open("rb") as handle:
                catalog = read_po(handle, locale=language.code)
            translations[language.code] = {
                str(message.id): str(message.string)
                for message in catalog
                if message.id and isinstance(message.string, str) and message.string
            }
        return cls(translations, languages)

    @cached_property
    def by_code(self) -> dict[str, Language]:
        return {language.code: language for language in self.languages}

    def language(self, code: str) -> Language:
        return self.by_code.get(code) or self.by_code[SOURCE_LANGUAGE]

    def lookup(self, msgid: str, language: str) -> str | None:
        """The translation of `msgid`, or None when the catalogue lacks it."""
        if language == SOURCE_LANGUAGE:
            return msgid
        return self._translations.get(language, {}).get(msgid)
