"""Cleaning what people type, and folding it for comparison."""

from __future__ import annotations

import re
import unicodedata

MAX_LENGTH = 500
# Keep joiners and variation selectors: emoji sequences are built from them.
_KEEP_FORMAT = {"\u200d", "\ufe0f", "\ufe0e"}
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")


def clean(text: str) -> str:
    """Drop control and direction characters, normalise Unicode and white space."""
    text = unicodedata.normalize("NFC", text)
    kept = (
        " " if char in "\t\r\n" else char
        for char in text
        if unicodedata.category(char) not in {"Cc", "Cf"}
        or char in _KEEP_FORMAT
        or char in "\t\r\n"
    )
    return _SPACES.sub(" ", "".join(kept)).strip()


# Arabic and Persian keyboards write these letters differently; Dari is often typed on both.
_SAME_LETTER = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})


def fold(text: str) -> str:
    """Lower case without accents or punctuation, for matching ("Poperinghe!" → "poperinghe")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_SAME_LETTER))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_WORD.findall(bare.replace("-", " ")))


def has_letters(text: str) -> bool:
    return any(char.isalpha() for char in text)
