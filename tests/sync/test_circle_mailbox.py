"""Circles through a real relay process: what it stores, and who can read what.

The devices are real SQLCipher stores; events leave through the outbox push of
a real sync (``Syncer.sync_relay``, as `peerhaven sync` runs it) and come back through
the relay's mailbox pages to the registered ``circle`` handler.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from peerhaven.relay.settings import RelaySettings
from peerhaven.relay.storage import storage_path
from peerhaven.store.circle_actions import (
    create_circle,
    join_circle,
    make_invite,
    post_to_circle,
    remove_member,
)
from peerhaven.store.circles import circle_posts, get_circle
from peerhaven.sync.circle_mailbox import send_queued
from peerhaven.sync.engine import Syncer
from peerhaven.sync.live import LiveSync
from tests.fixtures.relay import RelayLauncher, RelayProcess
from tests.store.circle_world import Device, device


def _sync(relay: RelayProcess, *devices: Device) -> None:
    """One sync of each device, as `peerhaven sync` runs it: push, communities, mailboxes."""
    for dev in devices:
        with Syncer(dev.store) as syncer:
            report = syncer.sync_relay(relay.url)
        assert report.error is None, report.error


def _sync_all(relay: RelayProcess, *devices: Device) -> None:
    for _ in range(3):
        _sync(relay, *devices)


def _relay_bytes(relay: RelayProcess) -> str:
    path = storage_path(RelaySettings(data_dir=relay.data_dir))
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path.read_bytes().decode("latin-1")


@pytest.fixture
def relay(relay_process: RelayLauncher) -> RelayProcess:
    return relay_process()


def test_a_removed_member_cannot_read_posts_made_after_removal(
    relay: RelayProcess, tmp_path: Path
) -> None:
    owner, b, c = (device(tmp_path, name, relay.url) for name in ("owner", "b", "c"))
    circle = create_circle(owner.store, "Six months on").id
    for joiner in (b, c):
        join_circle(joiner.store, make_invite(owner.store, circle).code)
        _sync_all(relay, owner, b, c)
    assert [get_circle(d.store, circle).members for d in (owner, b, c)] == [3, 3, 3]
    post_to_circle(c.store, circle, "before the change")
    _sync_all(relay, owner, b, c)
    assert [p.text for p in circle_posts(b.store, circle)] == ["before the change"]

    remove_member(owner.store, circle, b.persona)
    _sync_all(relay, owner, b, c)
    post_to_circle(owner.store, circle, "after the change")
    _sync_all(relay, owner, b, c)

    assert get_circle(b.store, circle).state == "removed"
    assert [p.text for p in circle_posts(b.store, circle)] == ["before the change"]
    assert [p.text for p in circle_posts(c.store, circle)] == [
        "before the change",
        "after the change",
    ]
    # b's device, with every key it ever had, gets nothing more from the relay:
    # the new epoch's mailbox is one it cannot even name
    new_epoch = get_circle(c.store, circle).epoch
    assert new_epoch is not None
    b_keys = {row[0] for row in b.store.execute("SELECT mailbox FROM circle_epochs")}
    c_keys = {
        row[0]
        for row in c.store.execute(
            "SELECT mailbox FROM circle_epochs WHERE epoch = ?", (new_epoch,)
        )
    }
    assert c_keys and not c_keys & b_keys


def test_the_relay_stores_no_plaintext_and_no_sender(relay: RelayProcess, tmp_path: Path) -> None:
    owner, b = device(tmp_path, "owner", relay.url), device(tmp_path, "b", relay.url)
    circle = create_circle(owner.store, "Bereaved parents", rules="Gentle words.").id
    join_circle(b.store, make_invite(owner.store, circle).code)
    _sync_all(relay, owner, b)
    event, _ = post_to_circle(b.store, circle, "words for the circle alone")
    _sync_all(relay, owner, b)
    assert [p.text for p in circle_posts(owner.store, circle)] == ["words for the circle alone"]
    stored = _relay_bytes(relay)
    assert event.id in stored  # the post is there, for the epoch's mailbox
    for secret in ("words for the circle alone", "Bereaved parents", "Gentle words.", circle):
        assert secret not in stored
    # b wrote the post, yet b's key is in no row but those addressed to b (the
    # control messages its device fetched: the `to` needed for delivery) and b's
    # public prekey bundle, which every sync publishes for direct messages
    path = storage_path(RelaySettings(data_dir=relay.data_dir))
    with sqlite3.connect(path) as conn:
        tables = [
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        for table in [name for name in tables if not name.startswith("prekey")]:
            cursor = conn.execute(f"SELECT * FROM {table}")  # noqa: S608 (test)
            names = [column[0] for column in cursor.description]
            for row in cursor:
                values = dict(zip(names, (str(v) for v in row), strict=True))
                if any(b.persona in value for value in values.values()):
                    assert values.get("recipient") == b.persona, table


def test_a_circle_post_arrives_live_on_the_members_stream(
    relay: RelayProcess, tmp_path: Path
) -> None:
    owner, b = device(tmp_path, "owner", relay.url), device(tmp_path, "b", relay.url)
    circle = create_circle(owner.store, "Night owls").id
    join_circle(b.store, make_invite(owner.store, circle).code)
    _sync_all(relay, owner, b)
    arrived: list[tuple[str, ...]] = []
    syncer = Syncer(b.store)  # the registered handlers, as the app's
    live = LiveSync(syncer, on_mailbox=lambda url, ids: arrived.append(ids), grace=1.0)
    try:
        live.start([relay.url])
        deadline = time.monotonic() + 30
        while live.relays[relay.url].state != "live":
            assert time.monotonic() < deadline, "the stream never went live"
            time.sleep(0.02)
        event, _ = post_to_circle(owner.store, circle, "awake at three again")
        assert send_queued(owner.store).accepted == (relay.url,)
        while not arrived:
            assert time.monotonic() < deadline, "the post never arrived live"
            time.sleep(0.02)
        assert arrived == [(event.id,)]
        assert [p.text for p in circle_posts(b.store, circle)] == ["awake at three again"]
    finally:
        live.stop()
        syncer.close()


def test_after_a_new_key_arrives_live_the_stream_follows_the_new_epoch(
    relay: RelayProcess, tmp_path: Path
) -> None:
    owner, b, c = (device(tmp_path, name, relay.url) for name in ("owner", "b", "c"))
    circle = create_circle(owner.store, "Night owls").id
    for joiner in (b, c):
        join_circle(joiner.store, make_invite(owner.store, circle).code)
        _sync_all(relay, owner, b, c)
    arrived: list[tuple[str, ...]] = []
    syncer = Syncer(b.store)
    live = LiveSync(syncer, on_mailbox=lambda url, ids: arrived.append(ids), grace=1.0)
    try:
        live.start([relay.url])
        deadline = time.monotonic() + 30
        while live.relays[relay.url].state != "live":
            assert time.monotonic() < deadline, "the stream never went live"
            time.sleep(0.02)
        # c is removed: b's device learns the new key on its persona's mailbox, live
        remove_member(owner.store, circle, c.persona)
        send_queued(owner.store)
        while not arrived:
            assert time.monotonic() < deadline, "the new key never arrived live"
            time.sleep(0.02)
        # no sync in between: the stream must follow the new epoch's mailbox by itself
        event, _ = post_to_circle(owner.store, circle, "after the change")
        assert send_queued(owner.store).accepted == (relay.url,)
        while (event.id,) not in arrived:
            assert time.monotonic() < deadline, "the post of the new epoch never arrived live"
            time.sleep(0.02)
        assert [p.text for p in circle_posts(b.store, circle)] == ["after the change"]
    finally:
        live.stop()
        syncer.close()
