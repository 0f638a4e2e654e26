"""``Verifier``: many events at once, results in input order whatever the threads do."""

from __future__ import annotations

import json
from typing import Any

import pytest

from peerhaven.core import Checked, Event, Limits, Reason, Verifier
from peerhaven.core.batch import flat, unflat
from tests.core.factory import NOW, SOME_ID, signed


def mixed_batch(size: int, bad_at: set[int]) -> tuple[list[Any], dict[int, Reason]]:
    """Valid events (some as Event, some as dicts) with refusals of several kinds at ``bad_at``."""
    items: list[Any] = []
    expected: dict[int, Reason] = {}
    breakers: list[tuple[Reason, Any]] = [
        (Reason.MALFORMED, "not an object"),
        (Reason.WRONG_ID, {**signed(content="x").to_wire(), "content": "y"}),
        (Reason.BAD_SIGNATURE, {**signed(content="x").to_wire(), "sig": "0" * 128}),
        (Reason.BAD_HEX, {**signed().to_wire(), "id": "nope"}),
        (Reason.CLOCK_SKEW, signed(created_at=NOW + 10_000)),
        (Reason.MALFORMED_TAGS, signed("reaction", content="me-too")),
    ]
    for i in range(size):
        if i in bad_at:
            reason, item = breakers[i % len(breakers)]
            expected[i] = reason
            items.append(item)
        else:
            event = signed(content=f"post number {i}", tags=[("parent", SOME_ID)])
            items.append(event if i % 2 else event.to_wire())
    return items, expected


def assert_in_order(results: list[Checked], items: list[Any], expected: dict[int, Reason]) -> None:
    assert len(results) == len(items)
    for i, (item, result) in enumerate(zip(items, results, strict=True)):
        if i in expected:
            assert result.event is None and result.error is not None, i
            assert result.error.reason is expected[i], (i, result.error)
        else:
            assert result.error is None, (i, result.error)
            assert result.event is not None
            assert result.event.content == f"post number {i}"
            assert result.event == (item if isinstance(item, Event) else Event.from_wire(item))


@pytest.mark.parametrize("workers", [1, 2, 3])
@pytest.mark.parametrize("size", [1, 5, 63, 64, 65, 101, 300])
def test_results_keep_input_order(workers: int, size: int) -> None:
    # With 2 workers and 101 items the chunks are 0..50 and 51..100: put refusals on
    # both sides of every boundary, at both ends, and in runs.
    bad = {0, size - 1, 33, 34, 50, 51, 52, 66, 67, 99, 100, 101, 150, 151} & set(range(size))
    items, expected = mixed_batch(size, bad)
    with Verifier(workers=workers) as verifier:
        results = verifier.check(items, now=NOW)
    assert_in_order(results, items, expected)


def test_all_valid_and_all_invalid() -> None:
    with Verifier(workers=2) as verifier:
        good, _ = mixed_batch(200, set())
        assert all(result.error is None for result in verifier.check(good, now=NOW))
        bad, expected = mixed_batch(200, set(range(200)))
        assert_in_order(verifier.check(bad, now=NOW), bad, expected)


def test_a_verifier_is_reusable_and_takes_limits() -> None:
    items, expected = mixed_batch(100, {10, 90})
    with Verifier(workers=2) as verifier:
        first = verifier.check(items, now=NOW)
        second = verifier.check(items, now=NOW)
        strict = verifier.check(items, now=NOW, limits=Limits(max_content_bytes=5))

    def verdicts(results: list[Checked]) -> list[tuple[Event | None, Reason | None]]:
        return [(r.event, r.error.reason if r.error else None) for r in results]

    assert verdicts(first) == verdicts(second)
    assert_in_order(first, items, expected)
    assert all(result.error is not None for result in strict)


def test_empty_batch() -> None:
    with Verifier(workers=2) as verifier:
        assert verifier.check([], now=NOW) == []


@pytest.mark.parametrize(("asked", "workers"), [(0, 1), (-3, 1), (1, 1), (2, 2)])
def test_worker_count(asked: int, workers: int) -> None:
    with Verifier(workers=asked) as verifier:
        assert verifier.workers == workers


def test_default_workers_use_the_cores() -> None:
    with Verifier() as verifier:
        assert verifier.workers >= 1
        items, expected = mixed_batch(70, {3})
        assert_in_order(verifier.check(items, now=NOW), items, expected)


def test_a_flat_row_says_what_the_event_says() -> None:
    parent, root, target = "a1" * 32, "b2" * 32, "c3" * 32
    event = signed(
        content="déjà vu",
        tags=[
            ("parent", parent),
            ("root", root),
            ("parent", "d4" * 32),
            ("target", target),
            ("expires", "1800000000"),
            ("cw", "loss"),
        ],
    )
    row = flat(event)
    assert row == (
        event.id,
        event.pubkey,
        event.created_at,
        event.kind,
        event.community,
        json.dumps([list(tag) for tag in event.tags], ensure_ascii=False, separators=(",", ":")),
        "déjà vu",
        event.sig,
        event.parent,
        event.root,
        event.target,
        event.expires_at,
    )
    assert (row[8], row[9], row[10], row[11]) == (parent, root, target, 1_800_000_000)
    assert unflat(row) == event


@pytest.mark.parametrize("value", ["soon", "²", "9" * 5000])
def test_an_unreadable_expiry_is_absent_in_a_flat_row_too(value: str) -> None:
    event = signed(tags=[("expires", value)])
    assert flat(event)[11] is None and event.expires_at is None


def test_flatten_keeps_order_and_gives_reason_codes() -> None:
    items, expected = mixed_batch(101, {0, 50, 51, 100})
    with Verifier(workers=2) as verifier:
        verdicts = verifier.flatten(items, now=NOW)
        submitted = verifier.submit(items, now=NOW).result()
    assert verdicts == submitted
    for i, (item, verdict) in enumerate(zip(items, verdicts, strict=True)):
        if i in expected:
            assert verdict == expected[i].value
        else:
            assert verdict == flat(item if isinstance(item, Event) else Event.from_wire(item))
