"""Live delivery benchmark: fan-out to many open streams, and what idle streams cost a relay.

    .venv/bin/python bench/live.py [--quick]

On one machine, relay and members on loopback, in one run:

- door to door: member A publishes through the same code path as the app and the CLI
  (``store.publish`` then ``sync.send.send_now``); member B's live connection
  (``sync.live.LiveSync``) has it verified and stored: p50 and p95 over 200 posts.
- fan-out: one post published while N streams (default 1,000) watch its community;
  the time until the last stream has the page holding it (p50, p95, max over the
  streams, for each of several posts). One process simulates the members with raw
  asyncio connections, so it competes with the relay for the same cores.
- idle: the relay's RSS before and after opening 2,000 idle streams (members of a
  quiet community, so their streams carry only heartbeats meanwhile), and single
  publishes per second to another community (32 clients, group commit at work)
  without them, with them, and without them again.

Targets (issue 14): door to door p95 < 250 ms; fan-out p95 < 2 s; idle growth
<= 100 MB; throughput with the streams open >= 0.8 of without. The first line gives
this machine's Ed25519 verifications per second, so runs on other machines compare.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvloop

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.machine import machine_line  # noqa: E402
from bench.relay import (  # noqa: E402
    COMMUNITY,
    HOST,
    RelayUnderTest,
    drive,
    encode,
    make_events,
    post,
    proc_status,
)
from bench.timing import percentile  # noqa: E402 - after the path

#: the community the idle streams watch: nobody posts there during the benchmark
QUIET = "quiet"
#: bytes of one line a watcher reads (a catching-up page of 500 events is one line)
LINE_LIMIT = 16 * 1024 * 1024


class Watcher:
    """One member's open stream, reading just enough of SSE to see which events arrive."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer
        self.seen: dict[str, float] = {}
        self.caught_up = asyncio.Event()
        self.task: asyncio.Task[None] | None = None

    @classmethod
    async def open(cls, port: int, cursor: str = "", feed: str = COMMUNITY) -> Watcher:
        reader, writer = await asyncio.open_connection(HOST, port, limit=LINE_LIMIT)
        path = f"/v1/stream?feed={feed}:{cursor}"
        writer.write(f"GET {path} HTTP/1.1\r\nHost: relay\r\n\r\n".encode())
        head = await reader.readuntil(b"\r\n\r\n")
        if not head.startswith(b"HTTP/1.1 200"):
            raise RuntimeError(f"the relay refused a stream: {head[:40]!r}")
        watcher = cls(reader, writer)
        watcher.task = asyncio.get_running_loop().create_task(watcher._read())
        return watcher

    async def _read(self) -> None:
        # chunked transfer: chunk sizes and frames alike arrive as lines
        while True:
            line = await self.reader.readline()
            if not line:
                return
            if line.startswith(b"event: caught-up"):
                self.caught_up.set()
            elif line.startswith(b'data: {"community"'):
                arrived = time.perf_counter()
                page = json.loads(line[6:])
                for event in page["events"]:
                    self.seen.setdefault(event["id"], arrived)

    def close(self) -> None:
        if self.task is not None:
            self.task.cancel()
        self.writer.close()


def tail_cursor(port: int) -> str:
    """The cursor at the end of the feed, where a member who is up to date stands."""
    after = ""
    while True:
        page = httpx.get(
            f"http://{HOST}:{port}/v1/events",
            params={"community": COMMUNITY, "after": after, "limit": 500},
        ).json()
        if not page["more"]:
            return str(page["next"])
        after = page["next"]


async def open_watchers(port: int, count: int, feed: str = COMMUNITY) -> list[Watcher]:
    """``count`` members up to date with a feed, each on its own open stream."""
    cursor = tail_cursor(port) if feed == COMMUNITY else ""
    watchers: list[Watcher] = []
    for start in range(0, count, 100):  # in waves, as members arrive
        watchers += await asyncio.gather(
            *(Watcher.open(port, cursor, feed) for _ in range(min(100, count - start)))
        )
    await asyncio.gather(*(w.caught_up.wait() for w in watchers))
    return watchers


def door_to_door(root: Path, url: str, posts: int) -> list[float]:
    """Seconds from A's publish to B's store having the post, for each post."""
    from peerhaven.store import create_store
    from peerhaven.store.communities import join
    from peerhaven.store.personas import create_persona
    from peerhaven.store.publish import publish_post
    from peerhaven.store.relays import add_relay
    from peerhaven.sync import Syncer
    from peerhaven.sync.live import Arrival, LiveSync
    from peerhaven.sync.send import send_now

    stores = []
    for name in ("a", "b"):
        store = create_store(root / f"{name}.db", "bench passphrase long enough")
        create_persona(store)
        add_relay(store, url)
        with Syncer(store) as syncer:
            syncer.browse(url)
        join(store, COMMUNITY)
        with Syncer(store) as syncer:
            syncer.sync(force=True)
        stores.append(store)
    a, b = stores
    arrived: dict[str, float] = {}
    landed = threading.Condition()

    def on_arrival(arrival: Arrival) -> None:
        with landed:
            for event_id in arrival.ids:
                arrived[event_id] = time.perf_counter()
            landed.notify_all()

    delays = []
    with Syncer(b) as syncer:
        live = LiveSync(syncer, on_arrival=on_arrival)
        live.start([url])
        time.sleep(1.0)
        try:
            for n in range(posts):
                sent = time.perf_counter()
                event = publish_post(a, COMMUNITY, f"door to door {n}")
                send_now(a, event)
                with landed:
                    landed.wait_for(lambda event=event: event.id in arrived, timeout=30)
                delays.append(arrived.get(event.id, float("inf")) - sent)
        finally:
            live.stop()
    a.close()
    b.close()
    return delays


async def fan_out(port: int, streams: int, posts: int) -> list[tuple[float, float, float]]:
    """(p50, p95, max) seconds from publish to arrival, per post, over every stream."""
    watchers = await open_watchers(port, streams)
    events = make_events(posts, seed=11)
    results = []
    try:
        for event in events:
            reader, writer = await asyncio.open_connection(HOST, port)
            body = encode([event])
            sent = time.perf_counter()
            writer.write(post("/v1/events", body))
            await reader.readuntil(b"\r\n\r\n")
            writer.close()
            deadline = sent + 30
            while any(event.id not in w.seen for w in watchers) and time.perf_counter() < deadline:
                await asyncio.sleep(0.005)
            delays = [w.seen.get(event.id, float("inf")) - sent for w in watchers]
            results.append((percentile(delays, 0.5), percentile(delays, 0.95), max(delays)))
            await asyncio.sleep(0.2)
    finally:
        for watcher in watchers:
            watcher.close()
    return results


async def idle_cost(relay: RelayUnderTest, streams: int, singles: list[bytes]) -> dict[str, float]:
    """RSS growth of idle streams, and single publishes/s without them, with them, and
    without them again (a third of ``singles`` each), so a drift of the machine's load
    shows instead of passing for a cost."""
    pid = relay.pids()[0]
    port = relay.port
    third = len(singles) // 3

    async def publishes(part: int) -> float:
        batch = singles[part * third : (part + 1) * third]
        position = 0

        def next_single(_: int) -> bytes | None:
            nonlocal position
            if position >= len(batch):
                return None
            position += 1
            return post("/v1/events", batch[position - 1])

        load = await drive(port, 32, next_single)
        return load.rate()

    without = await publishes(0)
    before = proc_status(pid, "VmRSS:") / 1024
    # idle: members of a quiet community, whose streams carry only heartbeats meanwhile
    watchers = await open_watchers(port, streams, QUIET)
    await asyncio.sleep(1.0)
    after = proc_status(pid, "VmRSS:") / 1024
    try:
        with_streams = await publishes(1)
    finally:
        for watcher in watchers:
            watcher.close()
    await asyncio.sleep(1.0)
    again = await publishes(2)
    return {
        "rss_before": before,
        "rss_after": after,
        "without": (without + again) / 2,
        "with": with_streams,
        "first": without,
        "last": again,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller runs, for a smoke test")
    parser.add_argument("--streams", type=int, default=1000, help="streams for the fan-out")
    parser.add_argument("--idle", type=int, default=2000, help="idle streams held open")
    args = parser.parse_args()
    print(machine_line())
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()}")
    streams = 100 if args.quick else args.streams
    idle = 200 if args.quick else args.idle
    singles = [encode([e]) for e in make_events(6_000 if args.quick else 60_000, seed=5)]
    root = Path(tempfile.mkdtemp(prefix="peerhaven-bench-live-"))
    try:
        relay = RelayUnderTest("sqlite", 1, root, None)
        relay.extra_args = ["--max-streams", str(max(streams, idle) + 10)]
        relay.start()
        try:
            d2d = door_to_door(root, f"http://{HOST}:{relay.port}", 20 if args.quick else 200)
            spread = uvloop.run(fan_out(relay.port, streams, 5))
            costs = uvloop.run(idle_cost(relay, idle, singles))
        finally:
            relay.stop()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(f"\ndoor to door: {len(d2d)} posts, A publishes and sends, B's live stream stores")
    print(
        f"  p50 {percentile(d2d, 0.5) * 1000:.0f} ms, p95 {percentile(d2d, 0.95) * 1000:.0f} ms,"
        f" worst {max(d2d) * 1000:.0f} ms (target p95 < 250 ms)"
    )
    print(f"\nfan-out: one post to {streams} open streams, until each has it (SQLite, 1 process)")
    for n, (p50, p95, worst) in enumerate(spread, 1):
        print(f"  post {n}: p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, last {worst:.2f} s")
    p95s = sorted(p95 for _, p95, _ in spread)
    print(f"  median of the p95s: {p95s[len(p95s) // 2]:.2f} s (target < 2 s)")
    growth = costs["rss_after"] - costs["rss_before"]
    print(f"\nidle: {idle} streams held open")
    print(
        f"  relay RSS {costs['rss_before']:.0f} MB -> {costs['rss_after']:.0f} MB, "
        f"growth {growth:.0f} MB (target <= 100 MB)"
    )
    ratio = costs["with"] / costs["without"] if costs["without"] else 0.0
    print(
        f"  single publishes/s (32 clients): {costs['first']:,.0f} without streams, "
        f"{costs['with']:,.0f} with them, {costs['last']:,.0f} without again; "
        f"with / mean without: {ratio:.2f} (target >= 0.8)"
    )
    print(f"\nload average after: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
