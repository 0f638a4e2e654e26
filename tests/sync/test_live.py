"""Live delivery against real relay processes (and a fake relay for what no real one sends)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from peerhaven.core import Keypair, builders
from peerhaven.store import Store
from peerhaven.store.publish import publish_post
from peerhaven.store.relays import save_info
from peerhaven.sync import Syncer
from peerhaven.sync.budget import DEFAULT_BUDGET
from peerhaven.sync.live import Arrival, LiveSync
from peerhaven.sync.send import send_now
from tests.fixtures.hostile import FakeRelay, Reply, Script, Seen
from tests.fixtures.relay import RelayLauncher, RelayProcess
from tests.sync.helpers import create_community, join_via, member

SLUG = "live-circle"
WAIT = 30.0


class Watcher:
    """A member's LiveSync, recording arrivals, states and polls."""

    def __init__(self, store: Store, **options: object) -> None:
        self.arrivals: list[Arrival] = []
        self.states: list[tuple[str, str]] = []
        self.polls: list[str] = []
        self.syncer = Syncer(store, **options)  # type: ignore[arg-type]
        self.live = LiveSync(
            self.syncer,
            on_arrival=self.arrivals.append,
            on_state=lambda url, state, detail: self.states.append((url, state)),
            poll=self.polls.append,
            grace=1.0,
        )

    def ids(self) -> set[str]:
        return {eid for arrival in self.arrivals for eid in arrival.ids}

    def until(self, condition: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + WAIT
        while not condition():
            assert time.monotonic() < deadline, f"timed out waiting for {what}: {self.states}"
            time.sleep(0.02)

    def close(self) -> None:
        self.live.stop()
        self.syncer.close()


@pytest.fixture
def watchers() -> Iterator[list[Watcher]]:
    made: list[Watcher] = []
    yield made
    for watcher in made:
        watcher.close()


def live_relay(tmp_path: Path, relay_process: RelayLauncher) -> RelayProcess:
    data = tmp_path / "relay"
    create_community(data, SLUG)
    return relay_process(data_dir=data, args=["--pubkey-rate", "0", "--stream-heartbeat", "1"])


def two_members(tmp_path: Path, relay: RelayProcess) -> tuple[Store, Store]:
    a = member(tmp_path / "a.db", relay.url)
    b = member(tmp_path / "b.db", relay.url)
    for store in (a, b):
        join_via(store, SLUG, relay.url)
        with Syncer(store) as syncer:
            syncer.sync(force=True)
    return a, b


def streaming(store: Store, relay: RelayProcess, watchers: list[Watcher]) -> Watcher:
    """A member's LiveSync on ``relay``, once its stream is open."""
    watcher = Watcher(store)
    watchers.append(watcher)
    watcher.live.start([relay.url])
    watcher.until(lambda: (relay.url, "live") in watcher.states, "the stream to open")
    return watcher


def stored(store: Store, event_id: str) -> bool:
    return store.execute("SELECT 1 FROM events WHERE id = ?", (event_id,)).fetchone() is not None


def test_a_post_reaches_the_other_member_live_verified_and_stored(
    tmp_path: Path, relay_process: RelayLauncher, watchers: list[Watcher]
) -> None:
    relay = live_relay(tmp_path, relay_process)
    a, b = two_members(tmp_path, relay)
    watcher = streaming(b, relay, watchers)
    for n in range(3):
        event = publish_post(a, SLUG, f"live post {n}")
        assert send_now(a, event).accepted == (relay.url,)
        watcher.until(lambda event=event: event.id in watcher.ids(), f"post {n} to arrive")
        assert stored(b, event.id)  # no sync ran: the stream stored it, cursor and all
    with Syncer(b) as syncer:
        report = syncer.sync(force=True)
    assert report.pulled == 0  # the pull after it finds nothing the stream had not stored


def test_a_relay_killed_mid_stream_is_reconnected_and_nothing_is_missed(
    tmp_path: Path, relay_process: RelayLauncher, watchers: list[Watcher]
) -> None:
    relay = live_relay(tmp_path, relay_process)
    a, b = two_members(tmp_path, relay)
    watcher = streaming(b, relay, watchers)
    relay.stop()
    watcher.until(lambda: (relay.url, "reconnecting") in watcher.states, "the drop to show")
    relay.start()
    posts = [publish_post(a, SLUG, f"while it came back {n}") for n in range(4)]
    for post in posts:
        send_now(a, post)
    watcher.until(lambda: {p.id for p in posts} <= watcher.ids(), "every post after the restart")
    assert all(stored(b, p.id) for p in posts)
    arrived = [eid for arrival in watcher.arrivals for eid in arrival.ids]
    assert len(arrived) == len(set(arrived))  # nothing stored twice


def fake_stream(frames: bytes) -> Reply:
    return Reply(raw=frames, headers={"Content-Type": "text/event-stream"}, no_length=True)


def info_and(stream: Callable[[Seen], Reply]) -> Script:
    def script(seen: Seen) -> Reply:
        if seen.path == "/v1/info":
            return Reply(body={"limits": {"stream_heartbeat": 0.2}})
        if seen.path == "/v1/stream":
            return stream(seen)
        if seen.path == "/v1/events":
            return Reply(body={"events": [], "next": "0", "more": False})
        return Reply(status=404, body={"error": "not-found", "detail": "no"})

    return script


def fake_member(tmp_path: Path, relay: FakeRelay) -> Store:
    store = member(tmp_path / "m.db", relay.url)
    store.execute("INSERT INTO community_relays (slug, relay_url) VALUES (?, ?)", (SLUG, relay.url))
    store.execute(
        "INSERT INTO memberships (slug, persona, observer, keep_offline, joined_at)"
        " SELECT ?, pubkey, 1, 1, 0 FROM personas LIMIT 1",
        (SLUG,),
    )
    save_info(store, relay.url, {"stream_heartbeat": 0.2})  # as a sync would remember it
    return store


def test_a_relay_without_streams_is_polled(
    tmp_path: Path, fake_relay: Callable[[Script], FakeRelay], watchers: list[Watcher]
) -> None:
    relay = fake_relay(info_and(lambda seen: Reply(status=404, body={"error": "not-found"})))
    watcher = Watcher(fake_member(tmp_path, relay))
    watchers.append(watcher)
    watcher.live.start([relay.url])
    watcher.until(lambda: relay.url in watcher.polls, "a poll instead")
    assert (relay.url, "polling") in watcher.states


def test_a_path_that_holds_the_stream_back_falls_back_to_polling(
    tmp_path: Path, fake_relay: Callable[[Script], FakeRelay], watchers: list[Watcher]
) -> None:
    # headers come, then nothing: what a proxy that buffers whole responses looks like
    held = Reply(raw=b": never\n\n", drip=60.0, headers={"Content-Type": "text/event-stream"})
    relay = fake_relay(info_and(lambda seen: held))
    watcher = Watcher(fake_member(tmp_path, relay))
    watchers.append(watcher)
    watcher.live.start([relay.url])
    watcher.until(lambda: relay.url in watcher.polls, "the fallback to polling")


def test_a_full_relay_is_waited_out_as_its_retry_after_says(
    tmp_path: Path, fake_relay: Callable[[Script], FakeRelay], watchers: list[Watcher]
) -> None:
    full = Reply(status=503, headers={"Retry-After": "1"}, body={"error": "unavailable"})
    relay = fake_relay(info_and(lambda seen: full))
    watcher = Watcher(fake_member(tmp_path, relay))
    watchers.append(watcher)
    watcher.live.start([relay.url])
    watcher.until(
        lambda: sum(s.path == "/v1/stream" for s in relay.seen) >= 2, "a second try after 1 s"
    )
    assert (relay.url, "waiting") in watcher.states


def test_forged_events_and_garbage_are_dropped_and_the_stream_reopened(
    tmp_path: Path, fake_relay: Callable[[Script], FakeRelay], watchers: list[Watcher]
) -> None:
    good = builders.post(Keypair.generate(), SLUG, "a real post")
    forged = {**builders.post(Keypair.generate(), SLUG, "forged").to_wire(), "content": "evil"}
    page = {"community": SLUG, "events": [forged, good.to_wire()], "next": "2", "more": False}
    frames = (
        b"event: page\ndata: " + json.dumps(page).encode() + b"\n\n"
        b"event: caught-up\ndata: {}\n\n"
        b"event: page\ndata: {not json\n\n"
    )
    relay = fake_relay(info_and(lambda seen: fake_stream(frames)))
    store = fake_member(tmp_path, relay)
    watcher = Watcher(store)
    watchers.append(watcher)
    watcher.live.start([relay.url])
    watcher.until(lambda: good.id in watcher.ids(), "the real post")
    watcher.until(lambda: (relay.url, "reconnecting") in watcher.states, "the garbage to end it")
    live = watcher.live.relays[relay.url]
    assert live.dropped >= 1
    assert stored(store, good.id) and not stored(store, forged["id"])
    cursor = store.execute("SELECT cursor FROM cursors WHERE community = ?", (SLUG,)).fetchone()
    assert cursor == ("2",)
    watcher.until(
        lambda: sum(s.path == "/v1/stream" for s in relay.seen) >= 2, "the stream to reopen"
    )
    later = [s for s in relay.seen if s.path == "/v1/stream"][1]
    assert later.query["feed"] == [f"{SLUG}:2"]  # it reopens from the cursor it stored


def test_an_endless_line_is_cut_at_the_cap(
    tmp_path: Path, fake_relay: Callable[[Script], FakeRelay], watchers: list[Watcher]
) -> None:
    endless = Reply(size=64 * 1024 * 1024, headers={"Content-Type": "text/event-stream"})
    relay = fake_relay(info_and(lambda seen: endless))
    store = fake_member(tmp_path, relay)
    watcher = Watcher(store, budget=replace(DEFAULT_BUDGET, max_body=256 * 1024))
    watchers.append(watcher)
    watcher.live.start([relay.url])
    watcher.until(lambda: (relay.url, "reconnecting") in watcher.states, "the cut")
    watcher.live.stop()
    taken = max(s.written for s in relay.seen if s.path == "/v1/stream")
    assert taken < 16 * 1024 * 1024  # far from all of it: memory stays bounded


def test_stop_ends_every_stream_at_once(
    tmp_path: Path, relay_process: RelayLauncher, watchers: list[Watcher]
) -> None:
    relay = live_relay(tmp_path, relay_process)
    _, b = two_members(tmp_path, relay)
    watcher = Watcher(b)
    watcher.live.start([relay.url])
    watcher.until(lambda: (relay.url, "live") in watcher.states, "the stream to open")
    threads = [r._thread for r in watcher.live.relays.values()]
    started = time.monotonic()
    watcher.close()
    assert time.monotonic() - started < 5
    assert not any(t.is_alive() for t in threads)
    assert not [t for t in threading.enumerate() if t.name == "peerhaven-live"]
