"""Token buckets held in memory only: per pubkey (events) and per connection (requests).

Nothing here is written anywhere. A connection is known only by a keyed hash
of its socket address, with a key drawn at random when the process starts,
so not even the process's memory holds a client's address in the clear.
"""

from __future__ import annotations

import hashlib
import math
import os
import time


class Buckets:
    """Many token buckets with the same rate and burst, forgotten when idle."""

    def __init__(self, rate: float, burst: int, *, max_keys: int = 100_000) -> None:
        self.rate = rate
        self.burst = float(max(burst, 1))
        self.max_keys = max_keys
        self._state: dict[object, tuple[float, float]] = {}

    @property
    def enabled(self) -> bool:
        """A rate of 0 turns the limit off."""
        return self.rate > 0

    def take(self, key: object, cost: float = 1.0, now: float | None = None) -> float:
        """Spend ``cost`` tokens; 0.0 when allowed, else seconds until it would be."""
        if not self.enabled:
            return 0.0
        moment = time.monotonic() if now is None else now
        tokens, last = self._state.get(key, (self.burst, moment))
        tokens = min(self.burst, tokens + (moment - last) * self.rate)
        if tokens < cost:
            self._state[key] = (tokens, moment)
            return (cost - tokens) / self.rate
        self._state[key] = (tokens - cost, moment)
        if len(self._state) > self.max_keys:
            self._forget_idle(moment)
        return 0.0

    def _forget_idle(self, now: float) -> None:
        # A bucket idle long enough to be full again is the same as no bucket.
        full_after = self.burst / self.rate
        self._state = {
            key: value for key, value in self._state.items() if now - value[1] < full_after
        }
        if len(self._state) > self.max_keys:
            # Still too many (a flood of fresh keys): keep the most recently used half,
            # so memory stays bounded whatever a client sends.
            recent = sorted(self._state.items(), key=lambda item: item[1][1])
            self._state = dict(recent[len(recent) // 2 :])


def retry_after(seconds: float) -> int:
    """Whole seconds for a ``Retry-After`` header (at least 1)."""
    return max(1, math.ceil(seconds))


class ConnectionKeys:
    """Turns a socket address into an opaque in-memory key."""

    def __init__(self) -> None:
        self._salt = os.urandom(16)

    def key(self, client: tuple[str, int] | None) -> bytes:
        """The same key for the same connection during this process's life."""
        text = f"{client[0]}|{client[1]}" if client else "-"
        return hashlib.blake2b(text.encode(), key=self._salt, digest_size=12).digest()
