"""Checks on what staff write before anything goes out: the text against the clear-Dutch
measure (they may send anyway), placeholders in translations, the time to send."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from dialogs import clear_dutch
from dialogs.broadcasts.message import NAME

MAX_CHARS = 4000  # longer texts are split like replies; beyond this it is no announcement
_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n+")
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


class Problem(StrEnum):
    EMPTY = "empty"
    TOO_LONG = "too_long"
    LONG_SENTENCE = "long_sentence"  # may send anyway
    RARE_WORD = "rare_word"  # may send anyway
    HARD = "hard"  # Flesch-Douma below the measure; may send anyway
    PLACEHOLDER = "placeholder"  # an unknown, broken or missing {…}
    UNKNOWN_LANGUAGE = "unknown_language"


BLOCKING = {Problem.EMPTY, Problem.TOO_LONG, Problem.PLACEHOLDER, Problem.UNKNOWN_LANGUAGE}


@dataclass(frozen=True)
class Finding:
    problem: Problem
    detail: str = ""  # the sentence, the word, the language: what to look at
    language: str = "nl"

    @property
    def blocking(self) -> bool:
        return self.problem in BLOCKING


def check_text(text: str) -> list[Finding]:
    """The Dutch text: empty or too long blocks; long sentences, rare words and a hard text
    are shown (staff may send anyway)."""
    text = text.strip()
    if not text:
        return [Finding(Problem.EMPTY)]
    found = _placeholders(text, "nl", expected={NAME} & set(_PLACEHOLDER.findall(text)))
    if len(text) > MAX_CHARS:
        found.append(Finding(Problem.TOO_LONG, str(len(text))))
    plain = text.replace(NAME, "Amina")
    for sentence in (part.strip() for part in _SENTENCES.split(plain)):
        measured = clear_dutch.measure(sentence.replace("{", "(").replace("}", ")"))
        if max(measured.sentence_words, default=0) > clear_dutch.MAX_SENTENCE_WORDS:
            found.append(Finding(Problem.LONG_SENTENCE, sentence))
        found.extend(Finding(Problem.RARE_WORD, word) for word in measured.rare_words)
    whole = clear_dutch.measure(plain.replace("{", "(").replace("}", ")"))
    if whole.douma is not None and whole.douma < clear_dutch.MIN_DOUMA:
        found.append(Finding(Problem.HARD, f"{whole.douma:.0f}"))
    return _unique(found)


def check_translations(
    text: str, translations: Mapping[str, str], languages: set[str]
) -> list[Finding]:
    """Each translation: a language we offer, not empty, the same placeholders as the Dutch."""
    expected = set(_PLACEHOLDER.findall(text)) & {NAME}
    found: list[Finding] = []
    for language, translated in sorted(translations.items()):
        if language not in languages or language == "nl":
            found.append(Finding(Problem.UNKNOWN_LANGUAGE, language, language))
        elif not translated.strip():
            found.append(Finding(Problem.EMPTY, "", language))
        else:
            found.extend(_placeholders(translated, language, expected))
    return found


def _placeholders(text: str, language: str, expected: set[str]) -> list[Finding]:
    """Only {name}, written whole, and exactly where the Dutch has it."""
    present = set(_PLACEHOLDER.findall(text))
    found = [Finding(Problem.PLACEHOLDER, item, language) for item in sorted(present - {NAME})]
    stripped = _PLACEHOLDER.sub("", text)
    if "{" in stripped or "}" in stripped:
        found.append(Finding(Problem.PLACEHOLDER, "{ }", language))
    found.extend(
        Finding(Problem.PLACEHOLDER, item, language) for item in sorted(expected - present)
    )
    return found


def _unique(found: list[Finding]) -> list[Finding]:
    return list(dict.fromkeys(found))


class When(StrEnum):
    FORMAT = "format"
    PAST = "past"
    NOT_A_TIME = "not_a_time"  # skipped when the clocks go forward (02:00-03:00 in March)
    TWICE = "twice"  # happens twice when the clocks go back (02:00-03:00 in October)


_WHEN = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2})[:.u](\d{2})\s*$")


def parse_when(text: str, zone: ZoneInfo, now: datetime) -> datetime | When:
    """ "2026-12-10 18:00" in the bot's time zone, as a UTC-aware instant; or what is wrong."""
    match = _WHEN.match(text)
    if match is None:
        return When.FORMAT
    try:
        year, month, day, hour, minute = (int(part) for part in match.groups())
        local = datetime(year, month, day, hour, minute)
    except ValueError:
        return When.FORMAT
    first, second = local.replace(tzinfo=zone, fold=0), local.replace(tzinfo=zone, fold=1)
    if first.utcoffset() != second.utcoffset():
        # The wall clock skips this time or shows it twice: zoneinfo tells by the fold.
        round_trip = first.astimezone(ZoneInfo("UTC")).astimezone(zone).replace(tzinfo=None)
        return When.NOT_A_TIME if round_trip != local else When.TWICE
    at = first.astimezone(ZoneInfo("UTC"))
    if at < now - timedelta(minutes=1):
        return When.PAST
    return at
