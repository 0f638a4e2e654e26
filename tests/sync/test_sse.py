"""The bounded server-sent events decoder: the format's corners, and caps that hold."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peerhaven.sync.sse import Frame, SSEDecoder, StreamTooLarge


def decode(*chunks: bytes, max_line: int = 1024, max_frame: int = 4096) -> list[Frame]:
    decoder = SSEDecoder(max_line, max_frame)
    return [frame for chunk in chunks for frame in decoder.feed(chunk)]


def test_events_data_and_comments() -> None:
    stream = b': hello\n\nevent: page\ndata: {"a": 1}\n\ndata: plain\n\n: ping\n'
    assert decode(stream) == [Frame("page", '{"a": 1}'), Frame("message", "plain")]


def test_every_line_ending_and_multi_line_data() -> None:
    stream = b"event: x\r\ndata: one\rdata:two\r\n\r\n"
    assert decode(stream) == [Frame("x", "one\ntwo")]


def test_a_crlf_split_between_chunks_is_one_line_ending() -> None:
    assert decode(b"data: a\r", b"\n\r", b"\n") == [Frame("message", "a")]


def test_unknown_fields_ids_and_retry_are_ignored() -> None:
    assert decode(b"id: 7\nretry: 10\nfoo: bar\ndata: d\n\n") == [Frame("message", "d")]


def test_a_frame_without_data_dispatches_nothing() -> None:
    assert decode(b"event: lonely\n\n") == []


@given(st.lists(st.integers(min_value=1, max_value=40), min_size=1, max_size=20))
def test_chunk_boundaries_never_change_the_frames(cuts: list[int]) -> None:
    stream = b'event: page\r\ndata: {"x": "\xc3\xa9"}\r\n\r\n: hb\n\ndata: 2\n\n' * 3
    chunks, position = [], 0
    for cut in cuts:
        chunks.append(stream[position : position + cut])
        position += cut
    chunks.append(stream[position:])
    assert decode(*chunks) == decode(stream)


def test_a_line_without_end_is_refused_at_the_cap() -> None:
    decoder = SSEDecoder(max_line=100, max_frame=1000)
    decoder.feed(b"data: " + b"x" * 90)
    with pytest.raises(StreamTooLarge, match="line"):
        decoder.feed(b"x" * 20)


def test_a_frame_of_many_lines_is_refused_at_the_cap() -> None:
    decoder = SSEDecoder(max_line=100, max_frame=250)
    with pytest.raises(StreamTooLarge, match="frame"):
        decoder.feed(
            b"data: "
            + b"y" * 90
            + b"\n"
            + b"data: "
            + b"y" * 90
            + b"\n" * 1
            + b"data: "
            + b"y" * 90
            + b"\n"
        )


def test_comments_are_counted_as_signs_of_life() -> None:
    decoder = SSEDecoder(100, 100)
    decoder.feed(b": ping\n: ping\n")
    assert decoder.comments == 2
