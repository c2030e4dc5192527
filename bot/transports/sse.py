"""A server-sent events parser (WHATWG HTML §9.2.6) that is fed bytes as they arrive.

signal-cli writes `event:receive`, one `data:` line, a blank line; keep-alives are a bare `:`
comment line. The parser follows the spec for everything else: CR, LF or CRLF line ends, data
split over several lines, unknown fields skipped. What it skips it counts by kind, never by content.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass

log = logging.getLogger(__name__)

MAX_LINE = 4 * 1024 * 1024  # an envelope is a few kB; attachments never travel in the stream


@dataclass(frozen=True)
class SseEvent:
    type: str
    data: str
    id: str | None = None


@dataclass(frozen=True)
class SseComment:
    """A comment line: the daemon's keep-alive. Its text is dropped."""


SseItem = SseEvent | SseComment


class SseParser:
    def __init__(self) -> None:
        self._buffer = b""
        self._started = False
        self._type = ""
        self._data: list[str] = []
        self._id: str | None = None
        self._last_id: str | None = None
        self.skipped: Counter[str] = Counter()

    def feed(self, chunk: bytes) -> list[SseItem]:
        """Parse what came in; keep an unfinished line for the next chunk."""
        self._buffer += chunk
        items: list[SseItem] = []
        while True:
            end, size = _line_end(self._buffer)
            if end < 0:
                break
            line, self._buffer = self._buffer[:end], self._buffer[end + size :]
            item = self._line(line)
            if item is not None:
                items.append(item)
        if len(self._buffer) > MAX_LINE:
            self._skip("oversized-line")
            self._buffer = b""
            self._reset()
        return items

    def close(self) -> bool:
        """The stream ended. True when an event was cut off halfway (it is dropped, per spec)."""
        partial = bool(self._buffer.strip()) or bool(self._data) or bool(self._type)
        if partial:
            self._skip("partial-event")
        self._buffer = b""
        self._reset()
        return partial

    def _line(self, raw: bytes) -> SseItem | None:
        if not self._started:
            self._started = True
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            self._skip("invalid-utf8")
            line = raw.decode("utf-8", "replace")
        if not line:
            return self._dispatch()
        if line.startswith(":"):
            return SseComment()
        name, colon, value = line.partition(":")
        if colon and value.startswith(" "):
            value = value[1:]
        if name == "data":
            self._data.append(value)
        elif name == "event":
            self._type = value
        elif name == "id":
            if "\0" not in value:
                self._id = value
        elif name != "retry":  # we keep our own reconnect backoff
            self._skip("unknown-field")
        return None

    def _dispatch(self) -> SseEvent | None:
        if self._id is not None:
            self._last_id = self._id
        if not self._data:
            self._reset()
            return None
        event = SseEvent(self._type or "message", "\n".join(self._data), self._last_id)
        self._reset()
        return event

    def _reset(self) -> None:
        self._type = ""
        self._data = []
        self._id = None

    def _skip(self, kind: str) -> None:
        self.skipped[kind] += 1
        log.warning("event stream: skipped %s", kind)


def _line_end(buffer: bytes) -> tuple[int, int]:
    """Where the first line ends and how long its terminator is; (-1, 0) if not yet known."""
    lf = buffer.find(b"\n")
    cr = buffer.find(b"\r")
    if cr < 0 or (0 <= lf < cr):
        return lf, 1
    if cr == len(buffer) - 1:
        return -1, 0  # a CR at the very end may be the first half of CRLF
    return cr, 2 if buffer[cr + 1 : cr + 2] == b"\n" else 1
