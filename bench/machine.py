"""How fast this machine is, in the unit every PeerHaven figure depends on.

Machines here differ about threefold in speed, so each benchmark prints this
machine's Ed25519 verifications per second beside its own figures: a figure
read against it compares across machines.
"""

from __future__ import annotations

import time

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

#: seconds spent measuring
MEASURE_FOR = 0.5


def ed25519_verifications_per_second(seconds: float = MEASURE_FOR) -> float:
    """Verifications of one 32-byte message per second, on one core."""
    key = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
    message = bytes(32)
    signature = key.sign(message)
    public = key.public_key()
    done = 0
    start = time.perf_counter()
    deadline = start + seconds
    while time.perf_counter() < deadline:
        for _ in range(100):
            public.verify(signature, message)
        done += 100
    return done / (time.perf_counter() - start)


def machine_line() -> str:
    """One line to print at the top of a benchmark's output."""
    return f"this machine: {ed25519_verifications_per_second():,.0f} Ed25519 verifications/s"
