"""signal-cli's JSON, read and written: incoming events, send results, and send parameters.

Shapes from signal-cli 0.13.19 (`src/main/java/org/asamk/signal/json/*.java`, see
`tests/fakes/signal_envelopes.py`) and its man pages signal-cli(1) and signal-cli-jsonrpc(5).
Pure functions: no I/O, no logging of content.
"""

from __future__ import annotations

import base64
import json
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from dialogs.messages import Attachment

LONG_TEXT = "text/x-signal-plain"  # the whole text of a message over 2000 bytes (ManagerImpl)


class IgnoredKind(StrEnum):
    RECEIPT = "receipt"
    TYPING = "typing"
    REACTION = "reaction"
    EDIT = "edit"
    GROUP = "group"
    STORY = "story"
    SYNC = "sync"
    CALL = "call"
    DELETE = "delete"
    EMPTY = "empty"  # a data message without text, file or sticker (timer or profile updates)
    ERROR = "error"  # signal-cli could not decrypt or check it
    MALFORMED = "malformed"
    OTHER = "other"


@dataclass(frozen=True)
class SignalMessage:
    """A message from one person to the bot: what a dialog may answer."""

    account: str | None
    sender_uuid: str | None
    sender_number: str | None
    timestamp: int  # the sender's id for this message (milliseconds)
    text: str
    attachment_types: tuple[str, ...] = ()
    sticker: bool = False
    long_text: bool = False  # the text was over 2000 bytes: `text` holds its start only

    @property
    def sender(self) -> str:
        """The key for the person: the ACI UUID when known, else the phone number."""
        return self.sender_uuid or self.sender_number or ""

    @property
    def has_attachment(self) -> bool:
        return bool(self.attachment_types)

    @property
    def update_id(self) -> str:
        """Same sender and timestamp is the same message, however often it is delivered."""
        return f"{self.sender}:{self.timestamp}"


@dataclass(frozen=True)
class Ignored:
    """An event the bot does not answer; logged by kind only."""

    kind: IgnoredKind
    timestamp: int | None = None


def parse_event(data: str | Mapping[str, Any]) -> SignalMessage | Ignored:
    """One `receive` event's data (`{"account", "envelope"}`) as a message, or why not."""
    if isinstance(data, str):
        try:
            data = json.loads(data)
        except ValueError:
            return Ignored(IgnoredKind.MALFORMED)
    if not isinstance(data, Mapping):
        return Ignored(IgnoredKind.MALFORMED)
    envelope = data.get("envelope")
    if not isinstance(envelope, Mapping) or not isinstance(envelope.get("timestamp"), int):
        kind = IgnoredKind.ERROR if "exception" in data else IgnoredKind.MALFORMED
        return Ignored(kind)
    timestamp: int = envelope["timestamp"]
    if "exception" in data:
        return Ignored(IgnoredKind.ERROR, timestamp)
    for field, kind in _OTHER_CONTENT.items():
        if envelope.get(field) is not None:
            return Ignored(kind, timestamp)
    message = envelope.get("dataMessage")
    if not isinstance(message, Mapping):
        return Ignored(IgnoredKind.OTHER, timestamp)
    for field, kind in _DATA_MESSAGE_KINDS.items():
        if message.get(field) is not None:
            return Ignored(kind, timestamp)
    uuid = _text_or_none(envelope.get("sourceUuid"))
    number = _text_or_none(envelope.get("sourceNumber"))
    if uuid is None and number is None:
        return Ignored(IgnoredKind.ERROR, timestamp)  # a sealed sender that was not unsealed
    text = message.get("message") or ""
    files = [item for item in message.get("attachments") or () if isinstance(item, Mapping)]
    types = tuple(str(item.get("contentType") or "") for item in files)
    long_text = LONG_TEXT in types
    types = tuple(kind for kind in types if kind != LONG_TEXT)
    sticker = message.get("sticker") is not None
    if not (isinstance(text, str) and (text or types or sticker)):
        return Ignored(IgnoredKind.EMPTY, timestamp)
    account = data.get("account")
    return SignalMessage(
        account=account if isinstance(account, str) else None,
        sender_uuid=uuid,
        sender_number=number,
        timestamp=timestamp,
        text=text,
        attachment_types=types,
        sticker=sticker,
        long_text=long_text,
    )


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


_OTHER_CONTENT = {
    "receiptMessage": IgnoredKind.RECEIPT,
    "typingMessage": IgnoredKind.TYPING,
    "editMessage": IgnoredKind.EDIT,
    "storyMessage": IgnoredKind.STORY,
    "syncMessage": IgnoredKind.SYNC,
    "callMessage": IgnoredKind.CALL,
}
# Checked in this order: a group message is never answered, whatever it holds.
_DATA_MESSAGE_KINDS = {
    "groupInfo": IgnoredKind.GROUP,
    "reaction": IgnoredKind.REACTION,
    "remoteDelete": IgnoredKind.DELETE,
    "storyContext": IgnoredKind.STORY,
}


# --- sending -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Styled:
    """A piece of a message; bold pieces become a signal-cli text style."""

    text: str
    bold: bool = False


def utf16_length(text: str) -> int:
    """signal-cli counts style ranges in UTF-16 code units (signal-cli(1), --text-style)."""
    return len(text.encode("utf-16-le")) // 2


def text_params(recipient: str, *parts: str | Styled) -> dict[str, Any]:
    """`send` parameters for a text; bold parts as `"start:length:BOLD"` ranges."""
    text, styles, offset = "", [], 0
    for part in parts:
        piece = part if isinstance(part, Styled) else Styled(part)
        length = utf16_length(piece.text)
        if piece.bold and length:
            styles.append(f"{offset}:{length}:BOLD")
        text += piece.text
        offset += length
    params: dict[str, Any] = {"recipient": [recipient], "message": text}
    if styles:
        params["textStyle"] = styles
    return params


def data_uri(attachment: Attachment) -> str:
    """RFC 2397 with signal-cli's filename parameter: `data:<mime>;filename=<name>;base64,…`."""
    # DataURI.java URL-decodes parameter values, so the name is percent-encoded.
    name = urllib.parse.quote(attachment.filename, safe="")
    content = base64.b64encode(attachment.content).decode("ascii")
    return f"data:{attachment.media_type};filename={name};base64,{content}"


def attachment_params(recipient: str, attachment: Attachment, caption: str = "") -> dict[str, Any]:
    """`send` parameters for one file (no shared folder with the daemon needed)."""
    return {"recipient": [recipient], "message": caption, "attachment": [data_uri(attachment)]}
