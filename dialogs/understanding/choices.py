"""Which offered choice(s) a typed answer means: a number, a label or a synonym."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from dialogs.understanding.fuzzy import PhraseIndex

# "1 3", "1, 3", "1 en 3", "1 and 3", "1 و 3" (and Ukrainian/Russian "and"): a multi-select.
_JOINER = r"(?:[,;&+/]|\s|en|and|et|و|\u0456|\u0438)"
_NUMBERS = re.compile(rf"^\s*\d{{1,3}}[.)]?(?:\s*{_JOINER}\s*\d{{1,3}}[.)]?)*\s*$")
_NUMBER = re.compile(r"\d{1,3}")


@dataclass(frozen=True)
class Picked:
    """The choice ids an answer picked; `out_of_range` is set when a number fits no choice."""

    ids: tuple[str, ...] = ()
    out_of_range: bool = False
    numeric: bool = False


def pick(
    text: str,
    choice_ids: Sequence[str],
    phrases: Iterable[tuple[str, str]],
    *,
    multi: bool = False,
) -> Picked:
    """Resolve `text` against the choices; `phrases` are (words, choice id) pairs to match."""
    if _NUMBERS.match(text):
        numbers = [int(number) for number in _NUMBER.findall(text)]
        if any(not 1 <= number <= len(choice_ids) for number in numbers):
            return Picked(out_of_range=True, numeric=True)
        if len(numbers) > 1 and not multi:
            return Picked(numeric=True)
        ids = tuple(dict.fromkeys(choice_ids[number - 1] for number in numbers))
        return Picked(ids=ids, numeric=True)
    index = PhraseIndex(phrases)
    if not multi:
        whole = index.best(text, whole=True)
        if whole is not None:
            return Picked(ids=(whole.value,))
    found = tuple(dict.fromkeys(match.value for match in index.all(text)))
    if multi or len(found) == 1:
        return Picked(ids=found)
    return Picked()
