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
from collections.abc import Iterable
from dataclasses import dataclass
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


def compose(messages: Iterable[Rendered], limit: int) -> list[Rendered]:
    """Fold plain texts into the next message, so one turn is one message where it fits."""
    composed: list[Rendered] = []
    pending: list[str] = []
    for message in messages:
        if message.choices or message.attachment is not None:
            text = "\n\n".join([*pending, message.text] if message.text else pending)
            if len(text) > limit and pending:
                composed.append(Rendered("\n\n".join(pending)))
                text = message.text
            composed.append(Rendered(text, message.choices, message.attachment, message.asks))
            pending = []
        elif message.text:
            if pending and len("\n\n".join([*pending, message.text])) > limit:
                composed.append(Rendered("\n\n".join(pending)))
                pending = []
            pending.append(message.text)
    if pending:
        composed.append(Rendered("\n\n".join(pending)))
    return composed


_PARAGRAPH = re.compile(r"\n\s*\n")
_SENTENCE = re.compile(r"(?<=[.!?…:;])\s+")


def split_text(text: str, limit: int) -> list[str]:
    """Pieces of at most `limit` characters, cut between paragraphs, then sentences, then words."""
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    current = ""
    for unit, joiner in _units(text, limit):
        candidate = f"{current}{joiner}{unit}" if current else unit
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            pieces.append(current)
        current = unit
    if current:
        pieces.append(current)
    return pieces


def _units(text: str, limit: int) -> Iterable[tuple[str, str]]:
    """(piece, what joined it to the piece before), each piece at most `limit` long."""
    joiner = ""
    for paragraph in _PARAGRAPH.split(text):
        for line in paragraph.split("\n"):
            for sentence in _SENTENCE.split(line):
                chunks = [sentence] if len(sentence) <= limit else list(_words(sentence, limit))
                for chunk in chunks:
                    yield chunk, joiner
                    joiner = " "
            joiner = "\n"
        joiner = "\n\n"


def _words(sentence: str, limit: int) -> Iterable[str]:
    current = ""
    for word in sentence.split(" "):
        while len(word) > limit:  # one endless "word": no better place to cut
            if current:
                yield current
                current = ""
            yield word[:limit]
            word = word[limit:]
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= limit:
            current = candidate
        else:
            yield current
            current = word
    if current:
        yield current
