"""Live streams (/v1/stream) against real relay processes: catch-up, live, resume, limits."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from httpx_sse import ServerSentEvent, connect_sse

from peerhaven.core import Keypair, builders
from tests.fixtures.relay import PgSchemas, RelayLauncher, RelayProcess
from tests.relay.conftest import UNLIMITED
from tests.relay.helpers import make_community, publish

WAIT = 20.0


class Stream:
    """Reads one stream on a thread, so a test can publish and then wait for frames."""

    def __init__(self, relay: RelayProcess, feeds: dict[str, str]) -> None:
        self.frames: list[ServerSentEvent] = []
        self.status: int | None = None
        self.headers: httpx.Headers | None = None
        self._client = httpx.Client(timeout=httpx.Timeout(WAIT, read=None))
        self._params = [("feed", f"{slug}:{cursor}") for slug, cursor in feeds.items()]
        self._url = f"{relay.url}/v1/stream"
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()
        assert self._ready.wait(WAIT), "the stream did not answer"

    def _read(self) -> None:
        try:
            with connect_sse(self._client, "GET", self._url, params=self._params) as source:
                self.status = source.response.status_code
                self.headers = source.response.headers
                self._ready.set()
                if self.status != 200:
                    return
                for frame in source.iter_sse():
                    self.frames.append(frame)
                    if self._stop.is_set():
                        return
        except httpx.HTTPError:
            pass
        finally:
            self._ready.set()

    def pages(self) -> list[dict[str, Any]]:
        return [json.loads(frame.data) for frame in self.frames if frame.event == "page"]

    def event_ids(self, community: str | None = None) -> list[str]:
        return [
            event["id"]
            for page in self.pages()
            if community is None or page["community"] == community
            for event in page["events"]
        ]

    def wait_for(self, count: int, community: str | None = None) -> list[str]:
        deadline = time.monotonic() + WAIT
        while len(self.event_ids(community)) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.event_ids(community)

    def wait_caught_up(self) -> None:
        deadline = time.monotonic() + WAIT
        while not any(f.event == "caught-up" for f in self.frames):
            assert time.monotonic() < deadline, "the stream never caught up"
            time.sleep(0.02)

    def next_cursor(self, community: str) -> str:
        return str([p for p in self.pages() if p["community"] == community][-1]["next"])

    def close(self) -> None:
        self._stop.set()
        self._client.close()
        self._thread.join(1)  # a daemon; the relay ending closes what is left


@pytest.fixture
def streams() -> Iterator[list[Stream]]:
    opened: list[Stream] = []
    yield opened
    for stream in opened:
        stream.close()


def open_stream(opened: list[Stream], relay: RelayProcess, **feeds: str) -> Stream:
    stream = Stream(relay, {slug.replace("_", "-"): cursor for slug, cursor in feeds.items()})
    opened.append(stream)
    return stream


def test_a_stream_catches_up_then_delivers_each_new_post_once(
    shared_relay: RelayProcess, streams: list[Stream]
) -> None:
    make_community(shared_relay, "live-one")
    keys = Keypair.generate()
    before = [builders.post(keys, "live-one", f"before {n}") for n in range(3)]
    publish(shared_relay, *before)
    stream = open_stream(streams, shared_relay, live_one="")
    stream.wait_caught_up()
    assert stream.event_ids()[1:] == [p.id for p in before]
    later = [builders.post(keys, "live-one", f"later {n}") for n in range(5)]
    for post in later:
        publish(shared_relay, post)
    seen = stream.wait_for(1 + 3 + 5)
    assert seen[1:] == [p.id for p in before + later]
    assert stream.headers is not None
    assert stream.headers["content-type"].startswith("text/event-stream")


def test_a_stream_resumes_from_its_cursor_missing_nothing_and_repeating_nothing(
    shared_relay: RelayProcess, streams: list[Stream]
) -> None:
    make_community(shared_relay, "live-resume")
    keys = Keypair.generate()
    first = open_stream(streams, shared_relay, live_resume="")
    first.wait_caught_up()
    publish(shared_relay, builders.post(keys, "live-resume", "one"))
    first.wait_for(2)
    cursor = first.next_cursor("live-resume")
    first.close()
    missed = [builders.post(keys, "live-resume", f"while away {n}") for n in range(4)]
    publish(shared_relay, *missed)
    second = open_stream(streams, shared_relay, live_resume=cursor)
    second.wait_caught_up()
    assert second.event_ids() == [p.id for p in missed]


def test_one_stream_carries_several_feeds(
    shared_relay: RelayProcess, streams: list[Stream]
) -> None:
    for slug in ("live-a", "live-b"):
        make_community(shared_relay, slug)
    stream = open_stream(streams, shared_relay, live_a="", live_b="")
    stream.wait_caught_up()
    keys = Keypair.generate()
    a = builders.post(keys, "live-a", "in a")
    b = builders.post(keys, "live-b", "in b")
    publish(shared_relay, b)
    publish(shared_relay, a)
    assert stream.wait_for(2, "live-a")[-1] == a.id
    assert stream.wait_for(2, "live-b")[-1] == b.id


@pytest.mark.parametrize(
    "feeds",
    [[], ["calm"], ["Not A Slug:"], ["calm:abc"], ["calm:1", "calm:2"], ["a1:"] * 65],
)
def test_malformed_streams_are_refused_in_words(
    shared_relay: RelayProcess, feeds: list[str]
) -> None:
    response = httpx.get(f"{shared_relay.url}/v1/stream", params=[("feed", f) for f in feeds])
    assert response.status_code == 400
    assert response.json()["error"] == "malformed"


def test_info_states_the_stream_limit(shared_relay: RelayProcess) -> None:
    limits = httpx.get(f"{shared_relay.url}/v1/info").json()["limits"]
    assert limits["max_streams"] == 2000
    assert limits["stream_heartbeat"] == 15.0


def test_streams_beyond_the_limit_are_refused_with_retry_after(
    relay_process: RelayLauncher, streams: list[Stream]
) -> None:
    relay = relay_process(args=[*UNLIMITED, "--max-streams", "2"])
    make_community(relay, "live-full")
    held = [open_stream(streams, relay, live_full="") for _ in range(2)]
    for stream in held:
        stream.wait_caught_up()
    refused = httpx.get(f"{relay.url}/v1/stream", params={"feed": "live-full:"})
    assert refused.status_code == 503
    assert refused.headers["retry-after"] == "30"
    assert "live streams" in refused.json()["detail"]
    held[0].close()
    deadline = time.monotonic() + WAIT
    while True:  # the closed stream's place comes back
        again = open_stream(streams, relay, live_full="")
        if again.status == 200:
            break
        assert time.monotonic() < deadline, "a closed stream never gave its place back"
        time.sleep(0.2)


def test_a_quiet_stream_sends_heartbeats(relay_process: RelayLauncher) -> None:
    relay = relay_process(args=[*UNLIMITED, "--stream-heartbeat", "0.2"])
    make_community(relay, "live-quiet")
    lines: list[str] = []
    with httpx.stream(
        "GET", f"{relay.url}/v1/stream", params={"feed": "live-quiet:"}, timeout=WAIT
    ) as response:
        for line in response.iter_lines():
            lines.append(line)
            if sum(line.startswith(":") for line in lines) >= 2:
                break
    assert "event: caught-up" in lines


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_a_post_committed_by_another_process_reaches_the_stream(
    backend: str,
    relay_process: RelayLauncher,
    streams: list[Stream],
    request: pytest.FixtureRequest,
) -> None:
    url = None
    if backend == "postgresql":
        schemas: PgSchemas = request.getfixturevalue("pg_schemas")
        url = schemas.new()
    relay = relay_process(backend, database_url=url, args=UNLIMITED, workers=2)
    make_community(relay, "live-shared")
    stream = open_stream(streams, relay, live_shared="")
    stream.wait_caught_up()
    keys = Keypair.generate()
    posts = [builders.post(keys, "live-shared", f"from either process {n}") for n in range(12)]
    for post in posts:  # a new connection each: the kernel spreads them over both processes
        with httpx.Client() as client:
            response = client.post(f"{relay.url}/v1/events", json=[post.to_wire()])
            assert response.json()[0]["status"] == "accepted"
    assert stream.wait_for(13)[1:] == [p.id for p in posts]
