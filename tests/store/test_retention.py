"""The member decides what stays: per-community days, pausing, and a cap on the store."""

from __future__ import annotations

import time

from peerhaven.core import Keypair, Verifier, builders
from peerhaven.store import Store
from peerhaven.store.communities import join, record_offers, set_offline_policy
from peerhaven.store.events import count_events, ingest
from peerhaven.store.personas import create_persona
from peerhaven.store.publish import publish_post
from peerhaven.store.retention import apply_retention, used_bytes
from peerhaven.store.settings import set_setting

OWNER = Keypair.from_secret(bytes([5]) * 32)
OTHER = Keypair.from_secret(bytes([6]) * 32)
DAY = 86_400


def _joined(store: Store, slug: str) -> None:
    create_persona(store)
    record_offers(store, "http://relay.test", [builders.community(OWNER, slug, "Circle").to_wire()])
    join(store, slug)


def _posts(store: Store, slug: str, ages_in_days: list[int], text: str = "words") -> None:
    now = int(time.time())
    events = [
        builders.post(OTHER, slug, f"{text} {i}", created_at=now - age * DAY)
        for i, age in enumerate(ages_in_days)
    ]
    with Verifier(1) as verifier:
        ingest(store, events, verifier)


def test_keep_days_prunes_only_older_posts_of_others(fresh_store: Store) -> None:
    _joined(fresh_store, "slow-days")
    _posts(fresh_store, "slow-days", [1, 5, 40, 90])
    mine = publish_post(fresh_store, "slow-days", "my own words stay")
    set_offline_policy(fresh_store, "slow-days", keep_days=30)
    assert apply_retention(fresh_store).too_old == 2
    assert count_events(fresh_store, kind="post", community="slow-days") == 3
    assert fresh_store.execute("SELECT 1 FROM events WHERE id = ?", (mine.id,)).fetchone()
    fresh_store.verify_integrity()


def test_paused_community_is_erased_but_own_posts_stay(fresh_store: Store) -> None:
    _joined(fresh_store, "paused-circle")
    _posts(fresh_store, "paused-circle", [1, 2, 3])
    publish_post(fresh_store, "paused-circle", "mine")
    set_offline_policy(fresh_store, "paused-circle", keep_offline=False)
    assert apply_retention(fresh_store).paused == 3
    assert count_events(fresh_store, kind="post", community="paused-circle") == 1


def test_size_cap_removes_the_oldest_first(fresh_store: Store) -> None:
    _joined(fresh_store, "big-talk")
    _posts(fresh_store, "big-talk", list(range(3000, 0, -1)), text="long words " * 40)
    before = used_bytes(fresh_store)
    cap_mb = before / 2 / 1_000_000
    set_setting(fresh_store, "store_size_cap_mb", cap_mb)
    report = apply_retention(fresh_store)
    assert report.over_cap > 0
    assert used_bytes(fresh_store) <= cap_mb * 1_000_000
    oldest_left = fresh_store.execute("SELECT min(created_at) FROM events WHERE kind = 'post'")
    newest_removed_age = int(time.time()) - oldest_left.fetchone()[0]
    assert newest_removed_age < 3000 * DAY, "the oldest posts must go first"
    fresh_store.verify_integrity()
