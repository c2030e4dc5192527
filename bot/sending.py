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

    async def deliver(self, address: str, delivery: Delivery) -> None:
        """Put one delivery on the wire, or raise a DeliveryError."""
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


def split_text(text: str, limit: int, size: Size = len) -> list[str]:
    """Pieces of at most `limit` (by `size`), cut between paragraphs, then sentences, then words."""
    if size(text) <= limit:
        return [text]
    pieces: list[str] = []
    current = ""
    for unit, joiner in _units(text, limit, size):
        candidate = f"{current}{joiner}{unit}" if current else unit
        if size(candidate) <= limit:
            current = candidate
            continue
        if current:
            pieces.append(current)
        current = unit
    if current:
        pieces.append(current)
    return pieces


def _units(text: str, limit: int, size: Size) -> Iterable[tuple[str, str]]:
    """(piece, what joined it to the piece before), each piece at most `limit` long."""
    joiner = ""
    for paragraph in _PARAGRAPH.split(text):
        for line in paragraph.split("\n"):
            for sentence in _SENTENCE.split(line):
                chunks = (
                    [sentence] if size(sentence) <= limit else list(_words(sentence, limit, size))
                )
                for chunk in chunks:
                    yield chunk, joiner
                    joiner = " "
            joiner = "\n"
        joiner = "\n\n"


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
