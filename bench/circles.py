"""Benchmark of circle cryptography: cost per post and per key change, bytes on the relay.

Run: ``.venv/bin/python bench/circles.py [--quick]``. Prints, on this machine:

- the round trip of a post through a loopback relay with live delivery: the owner
  seals, keeps and sends it; the member's live stream hands it to the circle
  handler, which opens, verifies and stores it (p50, p95, worst);
- microseconds to seal one post (persona signature, padding, HKDF, AEAD, one-time
  key and its signature) and to open one (id and one-time signature check,
  AEAD, persona signature check);
- microseconds for the owner's device to hand out a new epoch key to a circle of
  N members (one sealed control message each), the cost of a removal or a join;
- the bytes the relay stores per post (the event's JSON) against the text size,
  for texts that fill each padding bucket.

No figure here is asserted by a test: speed depends on the machine.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

# run as a script from anywhere: the checkout's bench/ and peerhaven/ come first
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.timing import per_call_us, percentile  # noqa: E402 - after the path
from peerhaven.core.circles.control import NewEpoch, seal_control
from peerhaven.core.circles.epoch import EpochKeys, new_circle_id, new_epoch_key
from peerhaven.core.circles.post import open_post, seal_post
from peerhaven.core.keys import Keypair

NOW = 1_700_000_000


def round_trip(root: Path, url: str, posts: int) -> list[float]:
    """Seconds from the owner's ``post_to_circle`` to the member's store holding the post."""
    from peerhaven.store import create_store
    from peerhaven.store.circle_actions import (
        create_circle,
        join_circle,
        make_invite,
        post_to_circle,
    )
    from peerhaven.store.personas import create_persona
    from peerhaven.store.relays import add_relay
    from peerhaven.sync import Syncer
    from peerhaven.sync.circle_mailbox import send_queued
    from peerhaven.sync.live import LiveSync

    stores = []
    for name in ("owner", "member"):
        store = create_store(root / f"{name}.db", "bench passphrase long enough")
        create_persona(store)
        add_relay(store, url)
        stores.append(store)
    owner, member = stores
    circle = create_circle(owner, "Bench circle").id
    join_circle(member, make_invite(owner, circle).code)
    for _ in range(2):
        for store in (member, owner):
            with Syncer(store) as syncer:
                syncer.sync(force=True)
    stored: set[str] = set()
    landed = threading.Condition()

    def on_mailbox(_url: str, ids: tuple[str, ...]) -> None:
        with landed:
            stored.update(ids)
            landed.notify_all()

    delays = []
    with Syncer(member) as syncer:
        live = LiveSync(syncer, on_mailbox=on_mailbox)
        live.start([url])
        time.sleep(1.0)
        try:
            for n in range(posts):
                start = time.perf_counter()
                event, _ = post_to_circle(owner, circle, f"round trip {n}")
                send_queued(owner)
                with landed:
                    landed.wait_for(lambda event_id=event.id: event_id in stored, timeout=30)
                delays.append(time.perf_counter() - start if event.id in stored else float("inf"))
        finally:
            live.stop()
    owner.close()
    member.close()
    return delays


def main() -> None:
    """Print the figures."""
    from bench.machine import machine_line
    from bench.relay import HOST, RelayUnderTest

    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer posts, a smoke test")
    args = parser.parse_args()
    print(machine_line())
    root = Path(tempfile.mkdtemp(prefix="peerhaven-bench-circles-"))
    try:
        relay = RelayUnderTest("sqlite", 1, root, None)
        relay.extra_args = ["--stream-heartbeat", "5"]
        relay.start()
        try:
            trips = round_trip(root, f"http://{HOST}:{relay.port}", 20 if args.quick else 200)
        finally:
            relay.stop()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(f"Round trip of a post through a loopback relay, live delivery, {len(trips)} posts")
    print(
        f"  seal, keep, send, deliver, open, store: p50 {percentile(trips, 0.5) * 1000:.0f} ms,"
        f" p95 {percentile(trips, 0.95) * 1000:.0f} ms, worst {max(trips) * 1000:.0f} ms"
    )
    keys = EpochKeys.derive(new_circle_id(), 0, new_epoch_key())
    author = Keypair.generate()
    members = {author.pubkey}
    text = "Six months today. Thank you all for being here on the hard nights."
    event, _ = seal_post(author, keys, text, now=NOW)
    seal = per_call_us(lambda: seal_post(author, keys, text, now=NOW), 500)
    opened = per_call_us(lambda: open_post(event, keys, members), 500)
    print(f"seal one post:  median {seal[0]:8.1f} µs   p95 {seal[1]:8.1f} µs")
    print(f"open one post:  median {opened[0]:8.1f} µs   p95 {opened[1]:8.1f} µs")

    owner = Keypair.generate()
    for size in (6, 20, 50):
        circle = tuple(Keypair.generate().pubkey for _ in range(size - 1))
        message = NewEpoch(keys.circle, 1, new_epoch_key(), (owner.pubkey, *circle))

        def rotate(circle: tuple[str, ...] = circle, message: NewEpoch = message) -> None:
            for member in circle:
                seal_control(owner, member, message, now=NOW)

        median, p95 = per_call_us(rotate, 20)
        print(
            f"new key for {size:2d} members: median {median / 1000:7.2f} ms"
            f"   p95 {p95 / 1000:7.2f} ms"
        )

    print("bytes the relay stores per post (event JSON) against the text:")
    for chars in (1, 200, 400, 1000, 3500, 7800):
        event, _ = seal_post(author, keys, "x" * chars, now=NOW)
        stored = len(event.to_json().encode())
        print(f"  text {chars:5d} B -> stored {stored:6d} B  ({stored / chars:7.1f}x)")


if __name__ == "__main__":
    main()
