"""JSON-RPC framing as signal-cli 0.13.19's HTTP endpoint does it, for the fake daemon.

Follows `jsonrpc/JsonRpcReader.java` and `jsonrpc/SignalJsonRpcCommandHandler.java` of
signal-cli v0.13.19: which error code and message each broken request gets, and when a request
without `id` gets no answer (HTTP 201). `tests/recordings/` holds what the real one answered.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

PARSE_ERROR = -32700
INVALID_REQUEST = -32600
METHOD_NOT_FOUND = -32601
INVALID_PARAMS = -32602
INTERNAL_ERROR = -32603
# signal-cli's own codes (SignalJsonRpcCommandHandler.java)
USER_ERROR = -1
IO_ERROR = -3
UNTRUSTED_KEY_ERROR = -4
RATELIMIT_ERROR = -5

Params = dict[str, Any] | list[Any] | None
Dispatch = Callable[[str, Params], Awaitable[Any]]

# Jackson's names for JSON node types, as in "unexpected type: NUMBER".
_NODE_TYPES = {bool: "BOOLEAN", int: "NUMBER", float: "NUMBER", str: "STRING", type(None): "NULL"}


class FakeRpcError(Exception):
    """A JSON-RPC error the fake answers with."""

    def __init__(self, code: int, message: str, data: Any = None):
        super().__init__(code, message)
        self.code = code
        self.message = message
        self.data = data


def error(code: int, message: str, data: Any, request_id: Any) -> dict[str, Any]:
    return {
        "jsonrpc": "2.0",
        "error": {"code": code, "message": message, "data": data},
        "id": request_id,
    }


async def answer(body: bytes, dispatch: Dispatch) -> Any:
    """The JSON body to answer `body` with, or None for "no answer" (HTTP 201)."""
    text = body.decode("utf-8", "replace")
    if not text.strip():
        return error(INVALID_REQUEST, "unexpected type: MISSING", None, None)
    try:
        node = json.loads(text)
    except ValueError as problem:
        # The real text is Jackson's parser message; the contract test compares the code only.
        return error(PARSE_ERROR, f"Unrecognized token: {problem}", None, None)
    if isinstance(node, list):
        if not node:
            return error(INVALID_REQUEST, "invalid request", None, None)
        answers = [await _one(item, dispatch) for item in node]
        batch = [item for item in answers if item is not None]
        return batch or None
    if isinstance(node, dict):
        if "result" in node or "error" in node:
            return None  # a response from the client: signal-cli logs and drops it
        return await _one(node, dispatch)
    kind = _NODE_TYPES.get(type(node), "UNKNOWN")
    return error(INVALID_REQUEST, f"unexpected type: {kind}", None, None)


def _value_id(node: Any) -> Any:
    value = node.get("id") if isinstance(node, dict) else None
    return None if isinstance(value, dict | list) else value


async def _one(node: Any, dispatch: Dispatch) -> dict[str, Any] | None:
    if not isinstance(node, dict):
        return error(INVALID_REQUEST, "Cannot deserialize JsonRpcRequest", None, None)
    if node.get("params", 0) is None:
        del node["params"]  # signal-cli accepts "params": null as if it were missing
    if isinstance(node.get("id"), dict | list):
        return error(INVALID_REQUEST, "Problem deserializing property 'id'", None, None)
    request_id = node.get("id")
    params = node.get("params")
    if "params" in node and not isinstance(params, dict | list):
        return error(INVALID_REQUEST, "Problem deserializing property 'params'", None, request_id)
    if node.get("jsonrpc") != "2.0":
        message = "only jsonrpc version 2.0 is supported"
        return error(INVALID_REQUEST, message, None, request_id)
    method = node.get("method")
    if method is None:
        return error(INVALID_REQUEST, "method field must be set", None, request_id)
    try:
        result = await dispatch(str(method), params)
    except FakeRpcError as failure:
        if "id" not in node:
            return None
        return error(failure.code, failure.message, failure.data, request_id)
    if "id" not in node:
        return None
    return {"jsonrpc": "2.0", "result": result, "id": request_id}


def as_list(params: dict[str, Any], name: str) -> list[Any]:
    """signal-cli's list parameters: `name` as one value or a list, or `names` as a list."""
    value = params.get(name, params.get(f"{name}s"))
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def require_object(params: Params) -> dict[str, Any]:
    """The params a command reads; an array cannot become signal-cli's parameter map."""
    if isinstance(params, list):
        raise FakeRpcError(INVALID_REQUEST, "Cannot deserialize value of type `LinkedHashMap`")
    return dict(params or {})
