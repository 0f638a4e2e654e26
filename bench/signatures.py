"""Benchmark of strict Ed25519 verification: what the extra checks cost a relay.

Run: ``.venv/bin/python bench/signatures.py``. The relay's ingest path verifies
every signature (``core.batch.flatten`` -> ``validate`` -> ``keys.verify_signature``),
so the strict rules of ``core/keys.py`` (no small-order or non-canonical point,
S below L) must stay cheap next to the verification itself. Prints microseconds
per event for the whole ingest check of a batch, per verification, and for the
strict checks alone (the signature's; the key's are cached with the key).

Measured on the 2-core development machine, shared with other work (4,000 posts
by 200 authors, six interleaved rounds against the code before the checks):
ingest 233.9 us/event before and 237.9 after (best), 291.1 and 291.6 (median);
the signature checks alone about 0.5 us.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from peerhaven.core import Keypair, builders
from peerhaven.core.batch import flatten
from peerhaven.core.keys import strict_signature, verify_signature
from peerhaven.core.validate import DEFAULT_LIMITS

EVENTS = 4_000
AUTHORS = 200


def per_item(work: Callable[[], object], count: int, rounds: int = 5) -> float:
    """Microseconds per item of ``work`` (which handles ``count`` items), best of rounds."""
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best / count * 1e6


def main() -> None:
    keys = [Keypair.generate() for _ in range(AUTHORS)]
    events = [
        builders.post(keys[n % AUTHORS], "bench", f"post {n} about tea and rain")
        for n in range(EVENTS)
    ]
    wire = [event.to_wire() for event in events]
    raw = [bytes.fromhex(event.sig) for event in events]

    def verify_all() -> None:
        for event in events:
            verify_signature(event.pubkey, event.id, event.sig)

    def strict_all() -> None:
        for sig in raw:
            strict_signature(sig)

    print(f"{EVENTS:,} posts by {AUTHORS} authors")
    ingest = per_item(lambda: flatten(wire, None, DEFAULT_LIMITS), EVENTS)
    print(f"ingest check (flatten):   {ingest:7.1f} us/event")
    print(f"verify_signature:         {per_item(verify_all, EVENTS):7.1f} us/event")
    print(f"strict signature checks:  {per_item(strict_all, EVENTS):7.2f} us/event")


if __name__ == "__main__":
    main()
