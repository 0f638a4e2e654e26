"""``SyncConnection``: one Syncer for syncs, sends and live streams, against real relays.

Headless (no Textual): what the app holds while unlocked, checked on its own.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from peerhaven.store import Store
from peerhaven.store.communities import join
from peerhaven.store.publish import publish_post
from peerhaven.sync import Syncer
from peerhaven.sync.background import SyncRun
from peerhaven.sync.connection import SyncConnection
from peerhaven.sync.live import Arrival
from peerhaven.sync.send import send_now
from tests.fixtures.proxies import ProxyProcess
from tests.fixtures.relay import RelayLauncher, RelayProcess
from tests.sync.helpers import create_community, join_via, member

SLUG = "live-circle"
OTHER = "second-circle"
WAIT = 30.0


def until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


class Held:
    """A member's ``SyncConnection``, recording arrivals and stream states."""

    def __init__(self, store: Store) -> None:
        self.arrivals: list[Arrival] = []
        self.states: list[tuple[str, str]] = []
        self.connection = SyncConnection(
            store,
            timeout=10.0,
            on_arrival=self.arrivals.append,
            on_state=lambda url, state, detail: self.states.append((url, state)),
            grace=1.0,
        )

    def ids(self) -> set[str]:
        return {eid for arrival in self.arrivals for eid in arrival.ids}


@pytest.fixture
def relay(tmp_path: Path, relay_process: RelayLauncher) -> RelayProcess:
    data = tmp_path / "relay"
    create_community(data, SLUG)
    create_community(data, OTHER)
    return relay_process(data_dir=data, args=["--pubkey-rate", "0", "--stream-heartbeat", "1"])


@pytest.fixture
def members(tmp_path: Path, relay: RelayProcess) -> Iterator[tuple[Store, Store]]:
    a = member(tmp_path / "a.db", relay.url)
    b = member(tmp_path / "b.db", relay.url)
    join_via(a, SLUG, relay.url)
    join_via(b, SLUG, relay.url)
    join(b, OTHER)
    with Syncer(b) as syncer:
        syncer.sync(force=True)
    yield a, b
    b.close()


def live_threads() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if t.name.startswith("peerhaven-live")}


def test_syncs_sends_and_streams_share_one_syncer_and_close_leaves_nothing(
    relay: RelayProcess, members: tuple[Store, Store]
) -> None:
    a, b = members
    before = live_threads()
    held = Held(a)
    connection = held.connection
    report = connection.sync(SyncRun(None, True))
    assert [r.error for r in report.relays] == [None]
    connection.start()
    until(lambda: (relay.url, "live") in held.states, "the stream to open")
    theirs = publish_post(b, SLUG, "from B, live")
    assert send_now(b, theirs).accepted
    until(lambda: theirs.id in held.ids(), "B's post on A's stream")
    mine = publish_post(a, SLUG, "from A, sent beside the stream")
    assert connection.send([mine]).accepted == (relay.url,)
    again = connection.sync(SyncRun(None, True))  # a sync while the stream runs
    assert again.pulled == 0, "the stream had stored it already"
    connection.stop()
    connection.close()
    assert live_threads() - before == set()


def test_a_join_opens_the_stream_again_with_the_new_community(
    relay: RelayProcess, members: tuple[Store, Store]
) -> None:
    a, b = members
    held = Held(a)
    connection = held.connection
    connection.sync(SyncRun(None, True))
    connection.start()
    until(lambda: (relay.url, "live") in held.states, "the stream to open")
    opened = sum(state == "live" for _, state in held.states)
    with connection.paused():  # as the app joins: no page lands meanwhile
        join(a, OTHER)
    until(lambda: sum(state == "live" for _, state in held.states) > opened, "the stream to reopen")
    post = publish_post(b, OTHER, "in the second circle")
    assert send_now(b, post).accepted
    until(lambda: post.id in held.ids(), "the post of the newly joined community")
    connection.close()


def test_a_new_proxy_moves_the_stream_and_the_syncs_onto_it(
    relay: RelayProcess,
    members: tuple[Store, Store],
    proxy_process: Callable[[str], ProxyProcess],
) -> None:
    a, b = members
    proxy = proxy_process("socks5")
    held = Held(a)
    connection = held.connection
    connection.sync(SyncRun(None, True))
    connection.start()
    until(lambda: (relay.url, "live") in held.states, "the stream to open")
    assert proxy.log() == []
    opened = sum(state == "live" for _, state in held.states)
    connection.use_proxy(proxy.url)
    until(
        lambda: sum(state == "live" for _, state in held.states) > opened,
        "the stream to reopen through the proxy",
    )
    assert f"CONNECT 127.0.0.1 {relay.port}" in proxy.log()
    post = publish_post(b, SLUG, "through the new proxy")
    assert send_now(b, post).accepted
    until(lambda: post.id in held.ids(), "the post, through the proxy")
    connection.sync(SyncRun(None, True))
    assert len(proxy.log()) >= 2, "the sync went through it too"
    connection.close()
