"""Benchmark of circle cryptography: cost per post and per key change, bytes on the relay.

Run: ``.venv/bin/python bench/circles.py``. Prints, on this machine:

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

import statistics
import time
from collections.abc import Callable

from peerhaven.core.circles.control import NewEpoch, seal_control
from peerhaven.core.circles.epoch import EpochKeys, new_circle_id, new_epoch_key
from peerhaven.core.circles.post import open_post, seal_post
from peerhaven.core.keys import Keypair

NOW = 1_700_000_000


def per_call_us(work: Callable[[], object], calls: int) -> tuple[float, float]:
    """Median and 95th percentile of one call, in microseconds."""
    samples = []
    for _ in range(calls):
        start = time.perf_counter_ns()
        work()
        samples.append((time.perf_counter_ns() - start) / 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def main() -> None:
    """Print the figures."""
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
