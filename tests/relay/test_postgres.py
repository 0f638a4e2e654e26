"""Two relay processes on one PostgreSQL database: one consistent store, one exact feed."""

from __future__ import annotations

import random
import threading
import time
from typing import Any

import httpx
import pytest

from peerhaven.core import Keypair, builders
from tests.fixtures.relay import RelayLauncher
from tests.relay.conftest import UNLIMITED
from tests.relay.helpers import ids, make_community, publish, pull_all

pytestmark = [pytest.mark.postgres, pytest.mark.slow]


def test_two_relays_one_database_reader_sees_every_event_exactly_once(
    relay_process: RelayLauncher, pg_url: str
) -> None:
    first = relay_process("postgresql", database_url=pg_url, args=UNLIMITED)
    second = relay_process("postgresql", database_url=pg_url, args=UNLIMITED)
    make_community(first, "shared")
    relays = [first, second]
    accepted: list[str] = []
    lock = threading.Lock()
    writers_done = threading.Event()

    def publisher(worker: int) -> None:
        keys = Keypair.generate()
        with httpx.Client(timeout=30) as client:
            for round_ in range(40):
                relay = relays[(worker + round_) % 2]
                size = random.randint(1, 30)
                batch = [
                    builders.post(keys, "shared", f"{worker}/{round_}/{i}") for i in range(size)
                ]
                response = client.post(f"{relay.url}/v1/events", json=[e.to_wire() for e in batch])
                assert response.status_code == 200
                with lock:
                    accepted.extend(r["id"] for r in response.json() if r["status"] == "accepted")

    seen: list[str] = []

    def reader() -> None:
        after = ""
        turn = 0
        with httpx.Client(timeout=30) as client:
            while True:
                finished = (
                    writers_done.is_set()
                )  # read before the pull, so the last pass is complete
                relay = relays[turn % 2]
                turn += 1
                page: dict[str, Any] = client.get(
                    f"{relay.url}/v1/events",
                    params={"community": "shared", "after": after, "limit": 20},
                ).json()
                seen.extend(ids(page["events"]))
                after = page["next"]
                if finished and not page["more"]:
                    return

    threads = [threading.Thread(target=publisher, args=(w,)) for w in range(8)]
    watcher = threading.Thread(target=reader)
    watcher.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    writers_done.set()
    watcher.join()
    posts = seen[1:]  # the community definition comes first
    assert len(posts) == len(set(posts)), "an event was served twice"
    assert sorted(posts) == sorted(accepted), "an acknowledged event was missed"
    assert len(accepted) > 200


def test_operator_cli_and_policy_work_across_processes(
    relay_process: RelayLauncher, pg_url: str
) -> None:
    first = relay_process("postgresql", database_url=pg_url, args=UNLIMITED)
    second = relay_process("postgresql", database_url=pg_url, args=UNLIMITED)
    make_community(first, "across")  # via the CLI, straight into the database
    troll = Keypair.generate()
    post = builders.post(troll, "across", "hello")
    assert publish(second, post)[0]["status"] == "accepted"
    assert publish(first, post)[0]["status"] == "duplicate"
    from tests.relay.helpers import operator

    assert operator(first, "ban", troll.pubkey)[0] == 0
    assert publish(second, builders.post(troll, "across", "again"))[0]["reason"] == "banned"
    assert ids(pull_all(second, "across")) == ids(pull_all(first, "across"))


def test_a_cached_page_learns_of_another_processs_write_at_once(
    relay_process: RelayLauncher, pg_url: str
) -> None:
    writer = relay_process("postgresql", database_url=pg_url, args=UNLIMITED)
    reader = relay_process("postgresql", database_url=pg_url, args=UNLIMITED)
    make_community(writer, "notified")
    url = f"{reader.url}/v1/events"
    first = httpx.get(url, params={"community": "notified"})
    etag = first.headers["etag"]
    assert (
        httpx.get(
            url, params={"community": "notified"}, headers={"If-None-Match": etag}
        ).status_code
        == 304
    )
    post = builders.post(Keypair.generate(), "notified", "news from elsewhere")
    publish(writer, post)
    deadline = time.monotonic() + 2.0
    while time.monotonic() < deadline:
        page = httpx.get(url, params={"community": "notified"}, headers={"If-None-Match": etag})
        if page.status_code == 200:
            break
        time.sleep(0.01)
    assert page.status_code == 200 and post.id in ids(page.json()["events"])


def test_a_write_touching_many_feeds_notifies_every_feed_at_once(pg_url: str) -> None:
    import psycopg

    from peerhaven.relay.feedversions import CHANNEL, EVERY_FEED
    from peerhaven.relay.policy import Rules
    from peerhaven.relay.storage.postgres import PostgresStorage

    store = PostgresStorage(pg_url)
    store.open()
    owner = Keypair.generate()
    slugs = [f"{n:03d}-" + "x" * 36 for n in range(200)]  # 8,200 bytes of slugs
    definitions = [builders.community(owner, slug, "Many") for slug in slugs]
    with psycopg.connect(pg_url, autocommit=True) as listener:
        listener.execute(f"LISTEN {CHANNEL}")
        outcomes = store.apply(definitions, int(time.time()), Rules(frozenset({owner.pubkey})))
        assert {o.status for o in outcomes} == {"accepted"}
        (note,) = list(listener.notifies(timeout=5, stop_after=1))
    assert note.payload == EVERY_FEED
    store.close()


def test_a_growing_events_table_gets_fresh_planner_statistics(pg_url: str) -> None:
    import psycopg

    from peerhaven.relay.policy import Rules
    from peerhaven.relay.storage.postgres import PostgresStorage

    store = PostgresStorage(pg_url)
    store.open()
    owner = Keypair.generate()
    rules = Rules(frozenset({owner.pubkey}))
    now = int(time.time())
    store.apply([builders.community(owner, "growing", "Growing")], now, rules)
    outcomes = store.apply(
        [builders.post(owner, "growing", f"post {n}") for n in range(1200)], now, rules
    )
    assert {o.status for o in outcomes} == {"accepted"}
    store.close()  # lets the ANALYZE it started (on its own thread) finish
    with psycopg.connect(pg_url) as conn:
        row = conn.execute("SELECT reltuples FROM pg_class WHERE oid = 'events'::regclass")
        (tuples,) = row.fetchone() or (0,)
    assert tuples >= 1200  # a never-analysed table says -1
