"""The outgoing layer's vocabulary: what a channel's sender does, and how sending fails.

Every sender (replies, reminders, broadcasts) goes through the outbox (`bot/outbox.py`), which
paces, retries and gives up according to these errors::

    DeliveryError
     ├── RateLimitedError  the channel asks us to wait (Telegram 429, Signal rate limit)
     ├── TransientError    try again later with backoff (5xx, timeouts, network)
     ├── UnreachableError  this address cannot receive (blocked the bot, unregistered)
     └── RejectedError     this one message can never go (bad request); drop it and go on
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Protocol

from dialogs.render import Rendered

__all__ = [
    "Delivery",
    "DeliveryError",
    "Kind",
    "RateLimitedError",
    "RejectedError",
    "Sender",
    "Size",
    "TransientError",
    "UnreachableError",
    "compose",
    "split_text",
]


class DeliveryError(Exception):
    """A send did not go through; `reason` is a short code fit for logs (never the text)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class RateLimitedError(DeliveryError):
    def __init__(self, seconds: float, reason: str = "rate_limited"):
        super().__init__(reason)
        self.seconds = seconds


class TransientError(DeliveryError):
    pass


class UnreachableError(DeliveryError):
    pass


class RejectedError(DeliveryError):
    pass


class Kind(StrEnum):
    SEND = "send"
    EDIT = "edit"  # change a message sent earlier (Telegram), e.g. drop its old buttons


@dataclass(frozen=True)
class Delivery:
    """One message for one address: a new message, or an edit of one the channel already has."""

    message: Rendered
    kind: Kind = Kind.SEND
    target: str | None = None  # the channel's id of the message to edit
    keep_choices: bool = True  # for an edit: False removes the buttons
    page: int = 0


class Sender(Protocol):
    channel: str

    async def deliver(self, address: str, delivery: Delivery) -> str | None:
        """Put one delivery on the wire, or raise a DeliveryError; returns the channel's id of
        the message when it gives one (so it can be edited later)."""
        ...


Size = Callable[[str], int]  # how a channel measures a text against its limit


def compose(messages: Iterable[Rendered], limit: int, size: Size = len) -> list[Rendered]:
    """Fold plain texts into the next message, so one turn is one message where it fits."""
    composed: list[Rendered] = []
    pending: list[Rendered] = []

    def joined(parts: list[Rendered]) -> Rendered:
        text = "\n\n".join(part.text for part in parts if part.text)
        return Rendered(text, bold=tuple(piece for part in parts for piece in part.bold))

    for message in messages:
        if message.choices or message.attachment is not None:
            folded = joined([*pending, message])
            if size(folded.text) > limit and pending:
                composed.append(joined(pending))
                folded = joined([message])
            composed.append(replace(message, text=folded.text, bold=folded.bold))
            pending = []
        elif message.text:
            if pending and size(joined([*pending, message]).text) > limit:
                composed.append(joined(pending))
                pending = []
            pending.append(message)
    if pending:
        composed.append(joined(pending))
    return composed


_PARAGRAPH = re.compile(r"\n\s*\n")
_SENTENCE = re.compile(r"(?<=[.!?…:;])\s+")


@dataclass(frozen=True)
class _Unit:
    """A sentence (or a line's part) and what joins it to the one before; `rank` says how good a
    place to cut that join is: 3 between paragraphs, 2 between lines, 1 between sentences."""

    text: str
    joiner: str
    rank: int


def split_text(text: str, limit: int, size: Size = len) -> list[str]:
    """Pieces of at most `limit` (by `size`), cut at the best place in each piece's second half:
    between paragraphs, else lines, else sentences, else words. So a card or a numbered list
    ("3. Meer info") stays whole where it can."""
    if size(text) <= limit:
        return [text]
    pieces: list[str] = []
    current: list[_Unit] = []
    for unit in _units(text, limit, size):
        current.append(unit)
        while size(_joined(current)) > limit:
            cut = _best_cut(current, limit, size)
            pieces.append(_joined(current[:cut]))
            head = current[cut]
            current = [_Unit(head.text, "", 0), *current[cut + 1 :]]
    if current:
        pieces.append(_joined(current))
    return pieces


def _joined(units: list[_Unit]) -> str:
    return "".join(
        unit.joiner + unit.text if index else unit.text for index, unit in enumerate(units)
    )


def _best_cut(units: list[_Unit], limit: int, size: Size) -> int:
    """Where to end the piece: before the unit at the returned index (the last one overflows)."""
    fitting = [index for index in range(1, len(units)) if size(_joined(units[:index])) <= limit]
    if not fitting:
        return 1
    half = [index for index in fitting if size(_joined(units[:index])) >= limit // 2]
    return max(half or fitting[-1:], key=lambda index: (units[index].rank, index))


def _units(text: str, limit: int, size: Size) -> Iterable[_Unit]:
    rank = 0
    for paragraph_index, paragraph in enumerate(_PARAGRAPH.split(text)):
        rank = 3 if paragraph_index else 0
        for line_index, line in enumerate(paragraph.split("\n")):
            rank = 2 if line_index else rank
            for sentence_index, sentence in enumerate(_SENTENCE.split(line)):
                rank = 1 if sentence_index else rank
                chunks = (
                    [sentence] if size(sentence) <= limit else list(_words(sentence, limit, size))
                )
                for chunk in chunks:
                    yield _Unit(chunk, _JOINERS[rank], rank)
                    rank = 1  # the word chunks of one endless sentence


_JOINERS = {0: "", 1: " ", 2: "\n", 3: "\n\n"}


def _words(sentence: str, limit: int, size: Size) -> Iterable[str]:
    current = ""
    for word in sentence.split(" "):
        while size(word) > limit:  # one endless "word": no better place to cut
            if current:
                yield current
                current = ""
            head = _longest_prefix(word, limit, size)
            yield head
            word = word[len(head) :]
        candidate = f"{current} {word}" if current else word
        if size(candidate) <= limit:
            current = candidate
        else:
            yield current
            current = word
    if current:
        yield current


def _longest_prefix(word: str, limit: int, size: Size) -> str:
    """The longest start of `word` within `limit` (at least one character)."""
    end = min(len(word), limit)
    while end > 1 and size(word[:end]) > limit:
        end -= 1
    return word[:end]
