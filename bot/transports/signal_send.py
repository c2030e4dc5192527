"""Putting Wegwijs messages on Signal: numbered choices, texts that fit, bold titles, files.

Signal has no buttons: a question's choices are a numbered list under its text, answered with
the number, the word or free text, as on the console. A text over 2000 UTF-8 bytes would leave
signal-cli as a `text/x-signal-plain` attachment, which phones show cut short behind "Read more"
- and the numbered list sits at the end. So every message is kept within 2000 bytes, cut between
paragraphs and sentences. Card titles are bold (`textStyle`). Files go inline as `data:` URIs.

signal-cli's outcome for the one recipient becomes the outgoing layer's error
(`bot/sending.py`):

| outcome | error |
|---|---|
| SUCCESS | none |
| UNREGISTERED (or -1 "is not registered") | UnreachableError: the account goes inactive |
| IDENTITY (-4) | staff are told once how to trust the new key; RejectedError: given up |
| RATE_LIMITED (-5) | RateLimitedError(retryAfterSeconds, else a minute): the channel waits |
| NETWORK (-3, -32603, timeouts, garbage) | TransientError: retried with backoff |
| daemon refused the connection | RateLimitedError: the channel waits, nothing is used up |
| -32602 the daemon lacks our account | RateLimitedError: waits until the setup is fixed |
| anything else | RejectedError |
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from bot.sending import (
    Delivery,
    Kind,
    RateLimitedError,
    RejectedError,
    TransientError,
    UnreachableError,
    compose,
    split_text,
)
from bot.transports.signal_outcomes import Delivery as Result
from bot.transports.signal_outcomes import Outcome, failure_outcomes, send_outcomes
from bot.transports.signal_rpc import DaemonError, SignalError, SignalRpc
from bot.transports.signal_wire import Styled, attachment_params, text_params
from dialogs.render import Rendered

log = logging.getLogger(__name__)

CHANNEL = "signal"
TEXT_BYTES = 2000  # ServiceConfig.MAX_MESSAGE_SIZE_BYTES: above it a text becomes a file
RATE_LIMIT_WAIT = 60.0  # seconds, when Signal gives no retryAfterSeconds
DAEMON_DOWN_WAIT = 10.0  # the daemon refused the connection: try again this much later
NO_ACCOUNT_WAIT = 60.0
NO_ACCOUNT = "-32602"  # INVALID_PARAMS: "Specified account does not exist"
SELECTED = "✅ "

KeyHook = Callable[[str], Awaitable[None]]


def utf8_size(text: str) -> int:
    return len(text.encode())


def numbered(message: Rendered) -> str:
    """The text with its choices under it as a numbered list (1. …, 2. …)."""
    lines = [
        f"{number}. {SELECTED if choice.selected else ''}{choice.label}"
        for number, choice in enumerate(message.choices, start=1)
    ]
    return "\n\n".join(part for part in (message.text, "\n".join(lines)) if part)


def plan(messages: list[Rendered]) -> list[Delivery]:
    """Signal messages for one turn: texts folded together, each within 2000 bytes."""
    deliveries: list[Delivery] = []
    for message in compose(messages, TEXT_BYTES, utf8_size):
        for piece in split_text(numbered(message), TEXT_BYTES, utf8_size):
            if piece:
                bold = tuple(part for part in message.bold if part in piece)
                deliveries.append(Delivery(Rendered(piece, bold=bold)))
        if message.attachment is not None:
            deliveries.append(Delivery(Rendered("", attachment=message.attachment)))
    return deliveries


def styled(text: str, bold: tuple[str, ...]) -> list[str | Styled]:
    """`text` in pieces, the bold ones found in order; one not found is left plain."""
    parts: list[str | Styled] = []
    cursor = 0
    for piece in bold:
        start = text.find(piece, cursor)
        if start < 0:
            continue
        parts.append(text[cursor:start])
        parts.append(Styled(piece, bold=True))
        cursor = start + len(piece)
    parts.append(text[cursor:])
    return [part for part in parts if part]


class SignalSender:
    """Sends one delivery through the daemon's `send`; raises the outgoing layer's errors."""

    channel = CHANNEL

    def __init__(
        self,
        rpc: SignalRpc,
        on_key_changed: KeyHook | None = None,
        on_key_trusted: KeyHook | None = None,
    ):
        self._rpc = rpc
        self._on_key_changed = on_key_changed
        self._on_key_trusted = on_key_trusted
        self.changed_keys: set[str] = set()  # addresses staff were told about

    async def deliver(self, address: str, delivery: Delivery) -> str | None:
        if delivery.kind is Kind.EDIT:
            return None  # nothing to edit: Signal messages have no buttons to take away
        message = delivery.message
        if message.attachment is not None:
            params = attachment_params(address, message.attachment, message.text)
        else:
            params = text_params(address, *styled(message.text or "…", message.bold))
        try:
            outcomes = send_outcomes(await self._rpc.call("send", params))
        except DaemonError as error:
            if error.kind == "refused":
                raise RateLimitedError(DAEMON_DOWN_WAIT, "daemon_down") from error
            outcomes = failure_outcomes(error)
        except SignalError as error:
            outcomes = failure_outcomes(error)
        await self._settle(address, outcomes[0] if outcomes else Outcome(Result.UNKNOWN))
        return None

    async def _settle(self, address: str, outcome: Outcome) -> None:
        match outcome.delivery:
            case Result.SUCCESS:
                if address in self.changed_keys and self._on_key_trusted is not None:
                    await self._on_key_trusted(address)
                self.changed_keys.discard(address)
            case Result.UNREGISTERED:
                raise UnreachableError("unregistered")
            case Result.IDENTITY:
                if self._on_key_changed is not None:
                    await self._on_key_changed(address)
                self.changed_keys.add(address)
                raise RejectedError("identity")
            case Result.RATE_LIMITED:
                if outcome.challenge:
                    log.warning("signal rate limit: a captcha could lift it (docs/signal.md)")
                raise RateLimitedError(outcome.retry_after or RATE_LIMIT_WAIT)
            case Result.NETWORK:
                raise TransientError(outcome.wire or "network")
            case _ if outcome.wire == NO_ACCOUNT:
                log.error("the signal daemon does not have our account: run `wegwijs check`")
                raise RateLimitedError(NO_ACCOUNT_WAIT, "no_account")
            case _:
                raise RejectedError(outcome.wire or "unknown")
