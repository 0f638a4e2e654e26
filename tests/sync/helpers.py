"""Short ways to set up members and communities for the sync tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx

from peerhaven.core import Keypair, builders
from peerhaven.core.event import Event
from peerhaven.store import Store, create_store
from peerhaven.store.communities import join
from peerhaven.store.personas import create_persona
from peerhaven.store.relays import add_relay
from peerhaven.sync import Syncer
from tests.fixtures.relay import RelayLauncher, RelayProcess

PASSPHRASE = "river stones and quiet tea"


def member(path: Path, *relays: str) -> Store:
    """A new store with a persona and these relays."""
    store = create_store(path, PASSPHRASE)
    create_persona(store)
    for url in relays:
        add_relay(store, url)
    return store


def join_via(store: Store, slug: str, *relays: str, observer: bool = False) -> None:
    """Browse the relays, then join."""
    with Syncer(store) as syncer:
        for url in relays:
            syncer.browse(url)
    join(store, slug, observer=observer)


def create_community(data_dir: Path, slug: str, name: str = "Test circle") -> None:
    """Operator CLI: a community owned by the relay's operator key."""
    subprocess.run(
        [sys.executable, "-m", "peerhaven", "relay", "community", "create", slug,
         "--data", str(data_dir), "--name", name, "--description", "for tests"],
        check=True, capture_output=True,
    )  # fmt: skip


def publish_many(url: str, slug: str, count: int, *, authors: int = 20) -> list[Event]:
    """Put ``count`` signed posts on a relay in batches, straight over HTTP."""
    keys = [Keypair.generate() for _ in range(authors)]
    events = [
        builders.post(keys[i % authors], slug, f"post number {i} about tea and rain",
                      created_at=1_790_000_000 + i)
        for i in range(count)
    ]  # fmt: skip
    with httpx.Client(base_url=url, timeout=30) as client:
        for start in range(0, count, 500):
            batch = [e.to_wire() for e in events[start : start + 500]]
            answer = client.post("/v1/events", json=batch).json()
            assert all(r["status"] == "accepted" for r in answer), answer[:3]
    return events


def busy_community(
    tmp_path: Path, relay_process: RelayLauncher, slug: str, count: int, member_db: Path
) -> tuple[RelayProcess, list[Event], Store]:
    """A relay (no per-pubkey rate limit) holding ``count`` posts in ``slug``, and a
    member at ``member_db`` who joined it but has not synced yet: the set-up of tests
    that interrupt a long pull."""
    data = tmp_path / "relay"
    create_community(data, slug)
    relay = relay_process(data_dir=data, args=["--pubkey-rate", "0"])
    published = publish_many(relay.url, slug, count)
    store = member(member_db, relay.url)
    join_via(store, slug, relay.url)
    return relay, published, store
