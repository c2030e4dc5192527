"""The clear-language measure for Dutch texts: short sentences, common words, an easy score.

The tests hold every msgid of the bot to it; the running bot holds texts staff write to it
(announcements) and says which sentence is too long or which word is rare.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import textstat
from wordfreq import zipf_frequency

MAX_SENTENCE_WORDS = 20
MAX_AVERAGE_SENTENCE_WORDS = 12
# Flesch-Douma (Dutch Flesch). Official and newspaper Dutch score below 40 (see REFERENCES);
# 60 and above reads as easy. Only messages of five words or more are scored: the formula
# means nothing for a two-word button label.
MIN_DOUMA = 60
MIN_WORDS_FOR_DOUMA = 5
# Zipf 3 = about once per million words. Rarer words must be in the glossary.
MIN_ZIPF = 3.0
GLOSSARY = {
    "wegwijs": "the bot's name",
    "westhoek": "the region",
    "buddy": "a volunteer who goes along with a newcomer",
    "coach": "a person who helps when it gets hard",
    "taalplezier": "story-reading in Dutch at the library",
    "inburgering": "the civic-integration programme",
    "participatietraject": "the 40 hours with others, in Dutch",
    "uitpas": "the leisure pass that makes activities cheaper",
    "signal": "the messaging app, a name like Telegram",
}
SAMPLE_VALUES = {
    "name": "Amina",
    "municipality": "Ieper",
    "place": "Kemmel",
    "language": "Frans",
    "highest": "6",
    "interests": "koken",
    "roles": "deelnemer",
    "date": "12-11-2026",
    "channels": "Telegram",
}
_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@dataclass(frozen=True)
class Measurement:
    msgid: str
    text: str
    sentence_words: tuple[int, ...]
    douma: float | None
    rare_words: tuple[str, ...]

    @property
    def problems(self) -> list[str]:
        found = []
        if max(self.sentence_words, default=0) > MAX_SENTENCE_WORDS:
            found.append(f"a sentence of {max(self.sentence_words)} words")
        if self.douma is not None and self.douma < MIN_DOUMA:
            found.append(f"Flesch-Douma {self.douma:.0f} < {MIN_DOUMA}")
        if self.rare_words:
            found.append(f"rare words {', '.join(self.rare_words)}")
        return found

    @property
    def badness(self) -> float:
        """For ranking: lower readability and longer sentences are worse."""
        douma = self.douma if self.douma is not None else 100.0
        return (100 - douma) + 5 * max(self.sentence_words, default=0) + 30 * len(self.rare_words)


def douma(text: str) -> float:
    textstat.set_lang("nl")
    return float(textstat.flesch_reading_ease(text))


def as_sent(msgid: str) -> str:
    """The msgid as a person reads it: sample values in the placeholders, commands left out."""
    text = re.sub(r"\{(\w+)\}", lambda match: SAMPLE_VALUES.get(match[1], "Amina"), msgid)
    return re.sub(r"/\w+:?", "", text).strip()


def measure(msgid: str) -> Measurement:
    text = as_sent(msgid)
    sentences = [part for part in _SENTENCE_END.split(text) if _WORD.search(part)]
    counts = tuple(len(_WORD.findall(sentence)) for sentence in sentences)
    words = _WORD.findall(text)
    names = {value.casefold() for value in SAMPLE_VALUES.values()}
    rare = tuple(
        word
        for word in dict.fromkeys(words)
        if word.casefold() not in GLOSSARY
        and word.casefold() not in names
        and zipf_frequency(word.casefold(), "nl") < MIN_ZIPF
    )
    score = douma(text) if len(words) >= MIN_WORDS_FOR_DOUMA else None
    return Measurement(msgid, text, counts, score, rare)
