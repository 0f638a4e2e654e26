"""Padding hides sizes within buckets; the outer timestamp hides the sending time."""

from __future__ import annotations

import pytest

from peerhaven.core.dm.errors import DmError
from peerhaven.core.dm.padding import (
    BUCKETS,
    TIMESTAMP_GRAIN,
    TIMESTAMP_WINDOW,
    bucket_for,
    outer_created_at,
    pad,
    unpad,
)


def test_known_vector() -> None:
    assert pad(b"hi") == b"\x00\x00\x00\x02hi" + bytes(506)


@pytest.mark.parametrize(
    ("size", "bucket"),
    [(0, 512), (508, 512), (509, 1024), (1020, 1024), (1021, 4096), (8188, 8192)],
)
def test_each_size_lands_in_the_smallest_bucket_that_holds_it(size: int, bucket: int) -> None:
    padded = pad(b"x" * size)
    assert len(padded) == bucket == bucket_for(size)
    assert unpad(padded) == b"x" * size


def test_too_long_is_refused_in_one_sentence() -> None:
    with pytest.raises(DmError, match=r"^This message is too long for a direct message\.$"):
        pad(bytes(BUCKETS[-1]))


@pytest.mark.parametrize(
    "padded",
    [
        b"\x00\x00\x00\x02hi" + bytes(505),  # not a bucket size
        b"\x00\x00\x02\x00" + bytes(508),  # claims more than it holds
        b"\x00\x00\x00\x02hi" + bytes(505) + b"\x01",  # non-zero padding
    ],
)
def test_anything_but_a_padded_bucket_is_refused(padded: bytes) -> None:
    with pytest.raises(DmError):
        unpad(padded)


def test_outer_timestamps_fall_on_the_minute_within_the_window_before_sending() -> None:
    now = 1_700_000_123
    stamps = {outer_created_at(now) for _ in range(300)}
    assert all(s % TIMESTAMP_GRAIN == 0 for s in stamps)
    assert all(now - TIMESTAMP_WINDOW - TIMESTAMP_GRAIN < s <= now for s in stamps)
    assert len(stamps) > 20  # random, not a constant offset
