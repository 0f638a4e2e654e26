"""The ingest pipeline's promises when something fails half-way."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from typing import Any

import pytest

from peerhaven.core import Keypair, Verifier, builders
from peerhaven.store import DiskFull, Store
from peerhaven.store.events import Page, count_events, ingest_pages

AUTHOR = Keypair.from_secret(bytes([41]) * 32)


def _page(start: int, count: int, marks: list[int], text: str = "words") -> Page:
    events = [
        builders.post(AUTHOR, "calm-room", f"{text} {i}", created_at=1_790_000_000 + i).to_wire()
        for i in range(start, start + count)
    ]
    return Page(events, on_commit=lambda conn: marks.append(start + count), community="calm-room")


def test_a_failing_source_keeps_what_arrived_and_its_cursors(fresh_store: Store) -> None:
    marks: list[int] = []

    def pages() -> Iterator[Page]:
        yield _page(0, 300, marks)
        yield _page(300, 300, marks)
        raise ConnectionError("the relay went away")

    with Verifier(2) as verifier, pytest.raises(ConnectionError):
        ingest_pages(fresh_store, pages(), verifier, chunk=2000)
    assert count_events(fresh_store, kind="post") == 600
    assert marks == [300, 600]


def test_a_failing_store_commits_nothing_after_the_failure(fresh_store: Store) -> None:
    marks: list[int] = []
    pages: list[Any] = [_page(i * 200, 200, marks, text="long words " * 60) for i in range(10)]
    pages_before = int(fresh_store.execute("PRAGMA page_count").fetchone()[0])
    fresh_store.execute(f"PRAGMA max_page_count = {pages_before + 120}")
    with Verifier(2) as verifier, pytest.raises(DiskFull):
        ingest_pages(fresh_store, pages, verifier, chunk=400)
    stored = count_events(fresh_store, kind="post")
    assert stored % 400 == 0 and stored < 2000
    assert marks == [200 * (i + 1) for i in range(stored // 200)], "a cursor moved past a failure"


def test_after_one_chunk_fails_no_later_chunk_commits(fresh_store: Store) -> None:
    marks: list[int] = []
    pages = [_page(i * 400, 400, marks) for i in range(5)]

    def broken(conn: object) -> None:
        raise RuntimeError("this chunk's transaction fails")

    pages[1] = Page(pages[1].items, on_commit=broken, community="calm-room")
    with Verifier(2) as verifier, pytest.raises(RuntimeError):
        ingest_pages(fresh_store, pages, verifier, chunk=400)
    assert marks == [400]
    assert count_events(fresh_store, kind="post") == 400


def test_a_verifying_process_killed_mid_ingest_loses_nothing(fresh_store: Store) -> None:
    marks: list[int] = []
    bad = _page(1000, 1000, marks).items[0] | {"content": "changed after signing"}

    def pages(verifier: Verifier) -> Iterator[Page]:
        yield _page(0, 1000, marks)
        yield _page(1000, 1000, marks)
        for pid in verifier.worker_pids():
            os.kill(pid, signal.SIGKILL)
        yield _page(2000, 1000, marks)
        yield Page([bad], community="calm-room")
        yield _page(3000, 1000, marks)

    with Verifier(2, processes=True) as verifier:
        report = ingest_pages(fresh_store, pages(verifier), verifier, chunk=1000)
        assert verifier.worker_pids(), "the pool was not replaced after the kill"
    assert report.accepted == 4000 and report.duplicates == 0
    assert dict(report.rejected) == {"wrong-id": 1}
    assert count_events(fresh_store, kind="post") == 4000
    assert marks == [1000, 2000, 3000, 4000]


def test_chunks_start_small_and_double_up_to_the_chunk_size(fresh_store: Store) -> None:
    seen: list[int] = []

    def page(start: int) -> Page:
        events = [
            builders.post(AUTHOR, "calm-room", f"words {i}", created_at=1_790_000_000 + i).to_wire()
            for i in range(start, start + 500)
        ]

        def hook(conn: Any) -> None:
            seen.append(conn.execute("SELECT count(*) FROM events").fetchone()[0])

        return Page(events, on_commit=hook, community="calm-room")

    with Verifier(2) as verifier:
        report = ingest_pages(fresh_store, [page(i * 500) for i in range(15)], verifier, chunk=4000)
    assert report.accepted == 7500
    # transactions of 1,000, 2,000, 4,000 then the rest; each page's cursor commits
    # with the transaction that holds its last event
    assert seen == [1000] * 2 + [3000] * 4 + [7000] * 8 + [7500]
