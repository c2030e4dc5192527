"""Incoming envelopes and send results shaped exactly as signal-cli 0.13.19 writes them.

An account-less daemon cannot produce these, so the shapes come from the source of signal-cli
v0.13.19 (github.com/AsamK/signal-cli, tag v0.13.19), `src/main/java/org/asamk/signal/json/`:
- `JsonReceiveMessageHandler.java`: an event's data is `{"account": …, "envelope": …}`, plus
  `"exception": {"message", "type"}` when decrypting failed (`JsonError.java`).
- `JsonMessageEnvelope.java`: source, sourceNumber, sourceUuid, sourceName, sourceDevice,
  timestamp, serverReceivedTimestamp, serverDeliveredTimestamp always written (null allowed);
  dataMessage, editMessage, storyMessage, syncMessage, callMessage, receiptMessage, typingMessage
  only when present.
- `JsonDataMessage.java`: timestamp, message (null when no text), expiresInSeconds, viewOnce;
  reaction, quote, mentions, attachments, sticker, remoteDelete, textStyles, groupInfo,
  storyContext only when present.
- `JsonAttachment.java`, `JsonSticker.java`, `JsonReaction.java`, `JsonGroupInfo.java`,
  `JsonEditMessage.java`, `JsonStoryMessage.java`, `JsonSyncMessage.java`,
  `JsonReceiptMessage.java`, `JsonTypingMessage.java`.
- `JsonSendMessageResult.java` / `util/SendMessageResultUtils.java`: a send answers
  `{"timestamp", "results": [{"recipientAddress": {"uuid", "number", "username"}, "type", …}]}`;
  `token` and `retryAfterSeconds` appear only for a proof-required (CAPTCHA) rate limit.
A long text (over 2000 UTF-8 bytes, `ServiceConfig.MAX_MESSAGE_SIZE_BYTES`) arrives trimmed in
`message`, the whole text as an attachment of type `text/x-signal-plain` (`ManagerImpl.java`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

LONG_TEXT = "text/x-signal-plain"

Json = dict[str, Any]


@dataclass(frozen=True)
class Sender:
    """Who sent an envelope: ACI UUID, phone number (may be hidden) and profile name."""

    number: str | None = "+32470123456"
    uuid: str | None = field(default_factory=lambda: str(uuid.uuid4()))
    name: str | None = "Amina"
    device: int = 1


def envelope(sender: Sender, timestamp: int, **content: Json) -> Json:
    """An envelope with one kind of content, e.g. `dataMessage=data_message(…)`."""
    return {
        "source": sender.number or sender.uuid,  # deprecated legacy identifier, still written
        "sourceNumber": sender.number,
        "sourceUuid": sender.uuid,
        "sourceName": sender.name,
        "sourceDevice": sender.device,
        "timestamp": timestamp,
        "serverReceivedTimestamp": timestamp + 120,
        "serverDeliveredTimestamp": timestamp + 125,
        **content,
    }


def event(account: str, env: Json) -> Json:
    """The data of one SSE `receive` event."""
    return {"envelope": env, "account": account}


def data_message(timestamp: int, text: str | None, **extra: Any) -> Json:
    message: Json = {
        "timestamp": timestamp,
        "message": text,
        "expiresInSeconds": 0,
        "viewOnce": False,
    }
    return {**message, **extra}


def attachment(content_type: str, filename: str | None = None, size: int = 1024) -> Json:
    return {
        "contentType": content_type,
        "filename": filename,
        "id": uuid.uuid4().hex[:20] + ".bin",
        "size": size,
        "width": None,
        "height": None,
        "caption": None,
        "uploadTimestamp": None,
    }


def sticker(pack_id: str = "00abac3bc18d7f599bff2325dc306d43", sticker_id: int = 2) -> Json:
    return {"packId": pack_id, "stickerId": sticker_id}


def reaction(target: Sender, target_timestamp: int, emoji: str = "👍") -> Json:
    return {
        "emoji": emoji,
        "targetAuthor": target.number or target.uuid,
        "targetAuthorNumber": target.number,
        "targetAuthorUuid": target.uuid,
        "targetSentTimestamp": target_timestamp,
        "isRemove": False,
    }


def group_info(group_id: str = "Pmpi+EfPWmsxiomLe9Nx2XF9HOE483p6iKiFj65iMwI=") -> Json:
    return {"groupId": group_id, "groupName": "Taalcafé", "revision": 3, "type": "DELIVER"}


def edit_message(target_timestamp: int, data: Json) -> Json:
    return {"targetSentTimestamp": target_timestamp, "dataMessage": data}


def story_message(text: str) -> Json:
    return {"allowsReplies": True, "textAttachment": {"text": text, "style": "DEFAULT"}}


def receipt_message(when: int, timestamps: list[int], kind: str = "delivery") -> Json:
    return {
        "when": when,
        "isDelivery": kind == "delivery",
        "isRead": kind == "read",
        "isViewed": kind == "viewed",
        "timestamps": timestamps,
    }


def typing_message(timestamp: int, action: str = "STARTED") -> Json:
    return {"action": action, "timestamp": timestamp}


def sync_sent_message(timestamp: int, destination: Sender, text: str) -> Json:
    return {
        "sentMessage": {
            "destination": destination.number,
            "destinationNumber": destination.number,
            "destinationUuid": destination.uuid,
            "timestamp": timestamp,
            "message": text,
            "expiresInSeconds": 0,
            "viewOnce": False,
        }
    }


def recipient_address(recipient: str) -> Json:
    """`JsonRecipientAddress`: uuid, number and username, null when unknown."""
    is_number = recipient.startswith("+")
    return {
        "uuid": None if is_number else recipient,
        "number": recipient if is_number else None,
        "username": None,
    }


def send_result(recipient: str, kind: str = "SUCCESS", retry_after: int | None = None) -> Json:
    result: Json = {"recipientAddress": recipient_address(recipient), "type": kind}
    if retry_after is not None:  # proof required: a challenge token and a wait come together
        result["token"] = uuid.uuid4().hex
        result["retryAfterSeconds"] = retry_after
    return result
