"""Stopping a sync from another thread (the app locking or quitting): nothing is lost."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from peerhaven.store.events import Page, count_events
from peerhaven.store.relays import relay_statuses
from peerhaven.sync import RelayReport, Syncer, SyncStopped
from peerhaven.sync.engine import _prefetch
from tests.fixtures.relay import RelayLauncher
from tests.sync.helpers import busy_community


def test_a_stopped_sync_keeps_what_arrived_and_the_next_one_resumes(
    tmp_path: Path, relay_process: RelayLauncher
) -> None:
    relay, published, store = busy_community(
        tmp_path, relay_process, "night-owls", 1500, tmp_path / "m.db"
    )
    started: list[str] = []

    syncer = Syncer(store, started=started.append)

    def progress(url: str, slug: str, count: int) -> None:
        if count >= 100:  # the first page is in: a lock arrives now
            syncer.stop()

    syncer.progress = progress
    with syncer, pytest.raises(SyncStopped):
        syncer.sync()
    assert started == [relay.url]
    kept = count_events(store, kind="post", community="night-owls")
    assert kept < len(published)
    [status] = relay_statuses(store)
    assert status.failures == 0, "a stop is not the relay's fault: no back-off"

    finished: list[RelayReport] = []
    with Syncer(store, finished=finished.append) as again:
        report = again.sync()
    assert [r.url for r in finished] == [relay.url]
    assert report.pulled == len(published) - kept, "nothing twice, nothing missing"
    assert count_events(store, kind="post", community="night-owls") == len(published)
    store.close()


def test_a_pull_left_early_stops_its_download_thread() -> None:
    """Ctrl+C or an error in the consumer must not leave the page fetcher spinning."""
    stopping = threading.Event()  # never set: the consumer just leaves
    produced: list[int] = []

    def pages() -> Iterator[Page]:
        for number in itertools.count():
            produced.append(number)
            yield Page([], relay_url="http://relay.invalid", community="c")

    source = _prefetch(pages(), stopping, depth=1)
    next(source)
    source.close()
    deadline = time.monotonic() + 5
    while _fetchers() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not _fetchers(), "the fetcher still runs after its consumer left"
    assert len(produced) <= 4, "it stopped fetching too"


def _fetchers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "peerhaven-prefetch"]
