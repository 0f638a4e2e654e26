"""Stopping a sync from another thread (the app locking or quitting): nothing is lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from peerhaven.store.events import count_events
from peerhaven.store.relays import relay_statuses
from peerhaven.sync import RelayReport, Syncer, SyncStopped
from tests.fixtures.relay import RelayLauncher
from tests.sync.helpers import create_community, join_via, member, publish_many


def test_a_stopped_sync_keeps_what_arrived_and_the_next_one_resumes(
    tmp_path: Path, relay_process: RelayLauncher
) -> None:
    data = tmp_path / "relay"
    create_community(data, "night-owls")
    relay = relay_process(data_dir=data, args=["--pubkey-rate", "0"])
    published = publish_many(relay.url, "night-owls", 1500)
    store = member(tmp_path / "m.db", relay.url)
    join_via(store, "night-owls", relay.url)
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
