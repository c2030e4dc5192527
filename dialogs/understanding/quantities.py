"""Durations in free text: "3 uur", "2,5 u", "anderhalf uur", "1u30", "45 minuten", "٣ ساعات"."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Set
from dataclasses import dataclass

from dialogs.understanding.text import fold

_TOKEN = re.compile(r"\d+(?:\.\d+)?|[^\W\d_]+")
_DECIMAL = re.compile(r"(?<=\d)\s*[,\u066b]\s*(?=\d)")  # comma or Arabic decimal mark
_AND_HALF = [["half"], ["demie"], ["demi"]]


@dataclass(frozen=True)
class Units:
    """Words for numbers and units, merged from every lexicon."""

    numbers: Mapping[str, float]
    hours: Set[str]
    minutes: Set[str]
    range_from: Set[str]  # "van" in "van 14u tot 17u"
    range_to: Set[str]  # "tot"


def ascii_digits(text: str) -> str:
    """Arabic-Indic (٣), Persian (۳) and other digits become 0-9; a decimal comma a point."""
    converted = "".join(
        str(unicodedata.digit(char)) if char.isdigit() and not char.isascii() else char
        for char in text
    )
    return _DECIMAL.sub(".", converted)


def hours_in(text: str, units: Units) -> float | None:
    """The duration the message names, in hours, or None."""
    tokens = [_normalise(token) for token in _TOKEN.findall(ascii_digits(text).casefold())]
    return _range(tokens, units) or _duration(tokens, units)


def _normalise(token: str) -> str:
    return token if token[0].isdigit() else fold(token)


def _number(token: str, units: Units) -> float | None:
    if token[0].isdigit():
        return float(token)
    return units.numbers.get(token)


def _duration(tokens: list[str], units: Units) -> float | None:
    total: float | None = None
    index = 0
    while index < len(tokens) - 1:
        value, unit = _number(tokens[index], units), tokens[index + 1]
        if value is None:
            index += 1
            continue
        if unit in units.hours:
            after = tokens[index + 2] if index + 2 < len(tokens) else ""
            if after.isdigit() and len(after) == 2 and len(unit) == 1:
                value += int(after) / 60  # 1u30, 2h15
                index += 1
            elif after in {"en", "and", "et"} and tokens[index + 3 : index + 4] in _AND_HALF:
                value += 0.5  # "een uur en half", "une heure et demie"
            total = (total or 0) + value
            index += 2
        elif unit in units.minutes:
            total = (total or 0) + value / 60
            index += 2
        else:
            index += 1
    return None if total is None else round(total, 2)


def _range(tokens: list[str], units: Units) -> float | None:
    """ "van 14u tot 17u", "from 2 to 5", "de 9h à 12h30" → the hours between."""
    for index, token in enumerate(tokens):
        if token not in units.range_from:
            continue
        start, rest = _clock_time(tokens[index + 1 :], units)
        if start is None or not rest or rest[0] not in units.range_to:
            continue
        end, _rest = _clock_time(rest[1:], units)
        if end is not None and 0 < end - start <= 16:
            return round(end - start, 2)
    return None


def _clock_time(tokens: list[str], units: Units) -> tuple[float | None, list[str]]:
    if not tokens or not tokens[0].isdigit() or not 0 <= int(tokens[0]) <= 24:
        return None, tokens
    value, rest = float(tokens[0]), tokens[1:]
    if rest and rest[0] in units.hours:
        rest = rest[1:]
    if rest and rest[0].isdigit() and len(rest[0]) == 2:
        value, rest = value + int(rest[0]) / 60, rest[1:]
    return value, rest
