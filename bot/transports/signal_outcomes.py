"""What became of a send, per recipient: from signal-cli's results and its whole-call errors.

signal-cli 0.13.19 (`util/SendMessageResultUtils.java`, `json/JsonSendMessageResult.java`,
`jsonrpc/SignalJsonRpcCommandHandler.java`): a send answers one result per recipient with a
`type`. When no recipient got `SUCCESS` the whole call fails instead, with the same results in
`error.data.response`: code -4 when all were identity failures, -5 when all were rate limited,
else -1. Without results the code alone tells: -1 a request the daemon refuses (not worth
retrying), -3 the daemon could not reach Signal, -4 untrusted key, -5 rate limit, -32603 an
unexpected error (often I/O while sending).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bot.transports.signal_rpc import DaemonError, RpcError, SignalError

USER_ERROR = -1
IO_ERROR = -3
UNTRUSTED_KEY_ERROR = -4
RATELIMIT_ERROR = -5
INTERNAL_ERROR = -32603


class Delivery(StrEnum):
    SUCCESS = "success"
    UNREGISTERED = "unregistered"  # the person left Signal: mark inactive, stop sending
    IDENTITY = "identity"  # the person's safety number changed: staff must trust the new key
    RATE_LIMITED = "rate_limited"  # wait `retry_after` (when known), then retry
    NETWORK = "network"  # retry with backoff
    UNKNOWN = "unknown"  # not worth retrying; logged by code or type


_TYPES = {
    "SUCCESS": Delivery.SUCCESS,
    "UNREGISTERED_FAILURE": Delivery.UNREGISTERED,
    "IDENTITY_FAILURE": Delivery.IDENTITY,
    "RATE_LIMIT_FAILURE": Delivery.RATE_LIMITED,
    "NETWORK_FAILURE": Delivery.NETWORK,
}
_CODES = {
    IO_ERROR: Delivery.NETWORK,
    UNTRUSTED_KEY_ERROR: Delivery.IDENTITY,
    RATELIMIT_ERROR: Delivery.RATE_LIMITED,
    INTERNAL_ERROR: Delivery.NETWORK,
}
# SendCommand.java: "The user <number> is not registered." (code -1, no results).
_NOT_REGISTERED = re.compile(r"\bis not registered\b")


@dataclass(frozen=True)
class Outcome:
    """One recipient's fate. `recipient` is personal data (a number or UUID): never log it."""

    delivery: Delivery
    recipient: str | None = None
    retry_after: float | None = None  # seconds, when signal-cli says
    challenge: bool = False  # a CAPTCHA challenge could lift the limit (submitRateLimitChallenge)
    wire: str = ""  # signal-cli's type or error code, fit for a log line

    @property
    def retryable(self) -> bool:
        return self.delivery in {Delivery.RATE_LIMITED, Delivery.NETWORK}


def send_outcomes(result: Any) -> tuple[Outcome, ...]:
    """Outcomes from a `send` result (`{"timestamp", "results": [...]}`)."""
    results = result.get("results") if isinstance(result, Mapping) else None
    if not isinstance(results, list):
        return (Outcome(Delivery.UNKNOWN, wire="no-results"),)
    return tuple(_one(item) for item in results)


def failure_outcomes(error: SignalError) -> tuple[Outcome, ...]:
    """Outcomes from a failed call: the results it carries, else its code or kind."""
    if isinstance(error, DaemonError):
        return (Outcome(Delivery.NETWORK, wire=error.kind),)
    assert isinstance(error, RpcError)
    data = error.data if isinstance(error.data, Mapping) else {}
    carried = data.get("response")
    if isinstance(carried, Mapping) and isinstance(carried.get("results"), list):
        return send_outcomes(carried)
    wire = str(error.code)
    if error.code == USER_ERROR and _NOT_REGISTERED.search(error.message):
        return (Outcome(Delivery.UNREGISTERED, wire=wire),)
    return (Outcome(_CODES.get(error.code, Delivery.UNKNOWN), wire=wire),)


def _one(item: Any) -> Outcome:
    if not isinstance(item, Mapping):
        return Outcome(Delivery.UNKNOWN, wire="malformed")
    kind = str(item.get("type") or "")
    address = item.get("recipientAddress")
    recipient = None
    if isinstance(address, Mapping):
        recipient = address.get("uuid") or address.get("number") or address.get("username")
    wait = item.get("retryAfterSeconds")
    return Outcome(
        _TYPES.get(kind, Delivery.UNKNOWN),  # INVALID_PRE_KEY_FAILURE too: no known remedy
        recipient=str(recipient) if recipient else None,
        retry_after=float(wait) if isinstance(wait, int | float) and wait >= 0 else None,
        challenge=item.get("token") is not None,
        wire=kind or "missing-type",
    )
