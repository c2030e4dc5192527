"""Value objects that flow through the engine: what came in, and what the bot says back."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import TypeAlias

from dialogs.i18n import Locale

Param: TypeAlias = "str | int | Msg | tuple[Msg, ...]"


@dataclass(frozen=True)
class Msg:
    """A Dutch gettext msgid with its placeholders' values; translated only when rendered."""

    msgid: str
    params: Mapping[str, Param] = field(default_factory=dict)
    strong: bool = False  # a title: bold where the channel can show it (Signal)
    # A text with a count: its Dutch plural, and the number that picks the form in each language.
    plural: str | None = None
    count: int | None = None

    def format(self, **params: Param) -> Msg:
        return replace(self, params={**self.params, **params})


def _(msgid: str) -> Msg:
    """Mark a Dutch text for translation (Babel extracts calls of `_`)."""
    return Msg(msgid)


def _n(singular: str, plural: str, count: int) -> Msg:
    """A text whose words depend on a number ("1 uur", "3 sessies"): each language's plural rule
    picks the form (Arabic has six). Babel extracts calls of `_n`; fill `{…}` with `format`."""
    return Msg(singular, plural=plural, count=count)


def strong(msg: Msg) -> Msg:
    """The same text, shown bold where the channel can (a card's title)."""
    return replace(msg, strong=True)


@dataclass(frozen=True)
class Choice:
    """One option of a question: a short stable id and a label (a Msg, or a name kept as is)."""

    id: str
    label: Msg | str
    selected: bool = False
    # Other choice ids whose typed synonyms also mean this one: ("yes",) for "Ja, het is
    # hetzelfde", so "так" or "نعم" answers a yes/no question whatever its ids are.
    also: tuple[str, ...] = ()


@dataclass(frozen=True)
class Attachment:
    """A file the channel may deliver next to the text (the data export, for one)."""

    filename: str
    content: bytes
    media_type: str


@dataclass(frozen=True)
class Reply:
    """One message from the bot: paragraphs of text, then optional choices or a file."""

    texts: tuple[Msg, ...]
    choices: tuple[Choice, ...] = ()
    attachment: Attachment | None = None
    # A line shown in every offered language at once, for people who read no Dutch yet.
    in_every_language: Msg | None = None
    # Which question the choices answer (set by the engine), so an old button is recognised.
    asks: str | None = None


def say(*texts: Msg, choices: tuple[Choice, ...] = ()) -> Reply:
    """A reply of one or more paragraphs."""
    return Reply(texts=texts, choices=choices)


@dataclass(frozen=True)
class Outgoing:
    """A message for someone other than the sender (a provider, a participant), to deliver later."""

    person_id: int
    reply: Reply
    locale: Locale


class Media(StrEnum):
    """Things people send that are not text."""

    PHOTO = "photo"
    VOICE = "voice"
    VIDEO = "video"
    STICKER = "sticker"
    FILE = "file"
    LOCATION = "location"
    CONTACT = "contact"


@dataclass(frozen=True)
class Incoming:
    """One update from a channel, already parsed from its wire format."""

    channel: str
    address: str
    update_id: str
    received_at: datetime
    text: str = ""
    choice: str | None = None
    media: Media | None = None
    # The question a pressed button belonged to (`Reply.asks`), when the channel knows it.
    asked: str | None = None
    # A shared location (latitude, longitude); used once, never stored.
    location: tuple[float, float] | None = None
    # The sender's phone number when the channel gives it (Signal); personal data, never logged.
    phone_number: str | None = None
