"""The fake signal-cli's methods: version, listAccounts, send, sendTyping, sendReceipt.

Checks and answers follow signal-cli v0.13.19: `commands/SendCommand.java` (empty message, text
style syntax, attachments), `util/SendMessageResultUtils.java` (a send without any success is a
whole-call error -1, -4 or -5 carrying the results in `data.response`) and
`jsonrpc/SignalJsonRpcCommandHandler.java` (the `account` parameter in multi-account mode).
"""

from __future__ import annotations

import base64
import binascii
import re
import time
import urllib.parse
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from tests.fakes import signal_envelopes as env
from tests.fakes.signal_jsonrpc import (
    INTERNAL_ERROR,
    INVALID_PARAMS,
    METHOD_NOT_FOUND,
    RATELIMIT_ERROR,
    UNTRUSTED_KEY_ERROR,
    USER_ERROR,
    FakeRpcError,
    Params,
    as_list,
    require_object,
)

STYLES = {"BOLD", "ITALIC", "SPOILER", "STRIKETHROUGH", "MONOSPACE"}
_TEXT_STYLE = re.compile(r"(\d+):(\d+):(.+)")
# lib/src/main/java/org/asamk/signal/manager/util/DataURI.java
_DATA_URI = re.compile(
    r"\Adata:(?P<type>.+?/.+?)?(?P<parameters>;.+?=.+?)?(?P<base64>;base64)?,(?P<data>.+)\Z",
    re.IGNORECASE | re.DOTALL,
)
_SINGLE_ACCOUNT = {"send", "sendTyping", "sendReceipt"}


@dataclass(frozen=True)
class FileSent:
    media_type: str
    filename: str | None
    content: bytes


@dataclass(frozen=True)
class Delivered:
    """One message that reached one recipient."""

    account: str
    recipient: str
    text: str
    text_styles: tuple[tuple[int, int, str], ...]
    files: tuple[FileSent, ...]
    timestamp: int

    def as_json(self) -> dict[str, Any]:
        return {
            "recipient": self.recipient,
            "text": self.text,
            "textStyles": [f"{start}:{size}:{style}" for start, size, style in self.text_styles],
            "attachments": [
                {"contentType": f.media_type, "filename": f.filename, "size": len(f.content)}
                for f in self.files
            ],
            "timestamp": self.timestamp,
        }


@dataclass
class Methods:
    accounts: list[str]
    version: str
    # `signal-cli -a NUMBER daemon`: one account, `account` params ignored, no listAccounts.
    single_account: bool = False
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    delivered: list[Delivered] = field(default_factory=list)
    failures: dict[str, deque[tuple[str, int | None]]] = field(default_factory=dict)
    call_errors: deque[FakeRpcError] = field(default_factory=deque)
    _last_timestamp: int = 0

    def next_timestamp(self) -> int:
        """Milliseconds since the epoch, never the same twice (Signal's message ids)."""
        self._last_timestamp = max(self._last_timestamp + 1, int(time.time() * 1000))
        return self._last_timestamp

    async def call(self, method: str, params: Params) -> Any:
        if method == "version":
            # both a single- and a multi-account command: an account given must exist
            if isinstance(params, dict) and params.get("account") is not None:
                self._account(params)
            require_object(params)
            return {"version": self.version}
        if method == "listAccounts" and not self.single_account:
            require_object(params)
            return [{"number": number} for number in self.accounts]
        if method not in _SINGLE_ACCOUNT:
            raise FakeRpcError(METHOD_NOT_FOUND, "Method not implemented")
        account = self._account(params)
        given = require_object(params)
        given.pop("account", None)
        self.calls.append((method, given))
        if self.call_errors:
            raise self.call_errors.popleft()
        if method == "send":
            return self._send(account, given)
        if method == "sendTyping":
            return self._results(as_list(given, "recipient"), consume=False)
        kind = given.get("type") or "read"
        if kind not in {"read", "viewed"}:
            raise FakeRpcError(USER_ERROR, f"Unknown receipt type: {kind}")
        return self._results([given.get("recipient")], consume=False)

    def _account(self, params: Params) -> str:
        if self.single_account:  # the daemon's manager answers whatever account is asked for
            return self.accounts[0]
        if isinstance(params, dict) and params.get("account") is not None:
            account = str(params["account"])
            if account not in self.accounts:
                raise FakeRpcError(INVALID_PARAMS, "Specified account does not exist")
            return account
        if len(self.accounts) == 1:
            return self.accounts[0]
        raise FakeRpcError(INVALID_PARAMS, "Method requires valid account parameter")

    def _send(self, account: str, params: dict[str, Any]) -> Any:
        recipients = as_list(params, "recipient")
        if not recipients:
            raise FakeRpcError(USER_ERROR, "No recipients given")
        text = params.get("message") or ""
        styles = tuple(read_text_style(value) for value in as_list(params, "textStyle"))
        files = tuple(read_data_uri(value) for value in as_list(params, "attachment"))
        if not text and not files and params.get("sticker") is None:
            raise FakeRpcError(
                USER_ERROR,
                "Sending empty message is not allowed, either a message, attachment or "
                "sticker must be given.",
            )
        answer = self._results(recipients)
        for result, recipient in zip(answer["results"], recipients, strict=True):
            if result["type"] == "SUCCESS":
                stamp = answer["timestamp"]
                self.delivered.append(Delivered(account, recipient, text, styles, files, stamp))
        _raise_without_success(answer)
        return answer

    def _results(self, recipients: list[Any], consume: bool = True) -> dict[str, Any]:
        results = []
        for recipient in recipients:
            planned = self.failures.get(str(recipient))
            kind, retry_after = planned.popleft() if consume and planned else ("SUCCESS", None)
            results.append(env.send_result(str(recipient), kind, retry_after))
        return {"timestamp": self.next_timestamp(), "results": results}


def _raise_without_success(answer: dict[str, Any]) -> None:
    kinds = [result["type"] for result in answer["results"]]
    if not kinds or "SUCCESS" in kinds:
        return
    data = {"response": answer}
    if all(kind == "IDENTITY_FAILURE" for kind in kinds):
        message = "Failed to send message due to untrusted identities"
        raise FakeRpcError(UNTRUSTED_KEY_ERROR, message, data)
    if all(kind == "RATE_LIMIT_FAILURE" for kind in kinds):
        raise FakeRpcError(RATELIMIT_ERROR, "Failed to send message due to rate limiting", data)
    raise FakeRpcError(USER_ERROR, "Failed to send message", data)


def read_text_style(value: Any) -> tuple[int, int, str]:
    match = _TEXT_STYLE.fullmatch(str(value))
    if match is None:
        raise FakeRpcError(
            USER_ERROR, f"Invalid textStyle syntax ({value}) expected 'start:length:STYLE'"
        )
    if match[3] not in STYLES:
        raise FakeRpcError(USER_ERROR, f"Invalid style: {match[3]}")
    return int(match[1]), int(match[2]), match[3]


def read_data_uri(value: Any) -> FileSent:
    match = _DATA_URI.match(str(value))
    if match is None:
        # A file path: the fake has no files to read.
        raise FakeRpcError(INTERNAL_ERROR, "Failed to send message: (AttachmentInvalidException)")
    parameters = dict(
        part.split("=", 1) for part in (match["parameters"] or "").split(";") if "=" in part
    )
    filename = parameters.get("filename")
    try:
        content = (
            base64.b64decode(match["data"], validate=True)
            if match["base64"]
            else urllib.parse.unquote_to_bytes(match["data"])
        )
    except binascii.Error as problem:
        message = "Failed to send message: Illegal base64 character (AttachmentInvalidException)"
        raise FakeRpcError(INTERNAL_ERROR, message) from problem
    return FileSent(
        match["type"] or "text/plain",
        urllib.parse.unquote(filename) if filename is not None else None,
        content,
    )
