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


def clean_lines(text: str) -> str:
    """Like `clean`, but keeps the line breaks and blank lines (paragraphs) people typed."""
    lines = [clean(line) for line in text.replace("\r\n", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


# Arabic and Persian keyboards write these letters differently; Dari is often typed on both.
# The ta marbuta is often typed as a plain "ه" ("دراجه"), and the tatweel only stretches a word.
_SAME_LETTER = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ـ": None})


def fold(text: str) -> str:
    """Lower case without accents or punctuation, for matching ("Poperinghe!" → "poperinghe")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_SAME_LETTER))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_WORD.findall(bare.replace("-", " ")))


def has_letters(text: str) -> bool:
    return any(char.isalpha() for char in text)


# Arabic glues "and", "with/by", "the", "for" to the front of a word and "my", "her", "our" to its
# end ("بالدراجة" is "by the bike", "اطفالی" "my children"). Folded spellings (ی, ک, ه).
_ARABIC_FRONT = ("وبال", "وال", "بال", "فال", "کال", "لل", "ال", "و", "ب", "ل")
_ARABIC_END = ("هم", "ها", "نا", "کم", "ی")
_STEM = 3  # what is left must still be a word


def arabic_core(word: str) -> str:
    """A folded Arabic word without its glued-on little words; other words as they are."""
    if len(word) <= _STEM or not all("\u0600" <= char <= "\u06ff" for char in word):
        return word
    core = word
    for front in _ARABIC_FRONT:
        if core.startswith(front) and len(core) - len(front) >= _STEM:
            core = core[len(front) :]
            break
    for end in _ARABIC_END:
        if core.endswith(end) and len(core) - len(end) >= _STEM:
            core = core[: -len(end)]
            if core.endswith("ت"):
                core = core[:-1] + "ه"  # "دراجتی" (my bike) is "دراجه" + "ی"
            break
    return core
