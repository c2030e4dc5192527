"""The event-stream parser: what signal-cli writes, what the spec allows, and what goes wrong."""

from __future__ import annotations

import pytest

from bot.transports.sse import MAX_LINE, SseComment, SseEvent, SseParser

SIGNAL_CLI = b':\nevent:receive\ndata:{"account":"x","envelope":{}}\n\n:\n'


def test_signal_cli_keepalives_and_an_event() -> None:
    items = SseParser().feed(SIGNAL_CLI)
    assert items == [
        SseComment(),
        SseEvent("receive", '{"account":"x","envelope":{}}'),
        SseComment(),
    ]


@pytest.mark.parametrize("size", [1, 2, 3, 7, 50])
def test_chunks_split_anywhere_give_the_same_items(size: int) -> None:
    parser = SseParser()
    pieces = [SIGNAL_CLI[i : i + size] for i in range(0, len(SIGNAL_CLI), size)]
    items = [item for piece in pieces for item in parser.feed(piece)]
    assert items == SseParser().feed(SIGNAL_CLI)
    assert not parser.close()


def test_data_over_several_lines_is_joined_with_newlines() -> None:
    items = SseParser().feed(b"data: first\ndata:second\ndata\n\n")
    assert items == [SseEvent("message", "first\nsecond\n")]


@pytest.mark.parametrize("ending", [b"\r\n", b"\r", b"\n"])
def test_any_line_ending(ending: bytes) -> None:
    stream = ending.join([b"event:receive", b"data:{}", b"", b":", b"", b""])
    assert SseParser().feed(stream) == [SseEvent("receive", "{}"), SseComment()]


def test_a_cr_at_the_end_of_a_chunk_waits_for_a_possible_lf() -> None:
    parser = SseParser()
    assert parser.feed(b"data:{}\r") == []
    assert parser.feed(b"\n\r\n") == [SseEvent("message", "{}")]


def test_a_stream_closed_mid_event_drops_that_event() -> None:
    parser = SseParser()
    assert parser.feed(b'event:receive\ndata:{"account":"x","envel') == []
    assert parser.close()
    assert parser.skipped["partial-event"] == 1
    # a new connection starts clean
    assert parser.feed(b"data:{}\n\n") == [SseEvent("message", "{}")]


def test_a_complete_line_without_its_blank_line_is_still_a_partial_event() -> None:
    parser = SseParser()
    parser.feed(b"event:receive\ndata:{}\n")
    assert parser.close()


def test_garbage_is_skipped_by_kind_and_the_next_event_still_comes() -> None:
    parser = SseParser()
    items = parser.feed(b"\xff\xfe\x00garbage\n{not a field}\n\ndata:{}\n\n")
    assert items == [SseEvent("message", "{}")]
    assert parser.skipped == {"invalid-utf8": 1, "unknown-field": 2}


def test_an_endless_line_is_dropped() -> None:
    parser = SseParser()
    assert parser.feed(b"data:" + b"x" * (MAX_LINE + 1)) == []
    assert parser.skipped["oversized-line"] == 1
    assert parser.feed(b"\ndata:{}\n\n") == [SseEvent("message", "{}")]


def test_a_byte_order_mark_and_ids_and_retry() -> None:
    items = SseParser().feed(b"\xef\xbb\xbfid: 7\nretry: 10\ndata:a\n\ndata:b\n\n")
    assert items == [SseEvent("message", "a", "7"), SseEvent("message", "b", "7")]


def test_an_event_without_data_is_not_dispatched() -> None:
    assert SseParser().feed(b"event:receive\n\n") == []
