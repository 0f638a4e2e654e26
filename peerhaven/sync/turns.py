"""Taking turns at the store while relays sync side by side.

Each relay's round runs on a thread of its own, so a relay that stalls holds up
nobody else; but the store is one SQLite connection, and two threads writing
through it at once would mix their transactions. So a round holds the store's
turn while it works and gives it up while it waits on the network (every
request, and every wait for the next downloaded page): the waits overlap, the
store work takes turns, and no transaction ever sees another thread's writes.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class StoreTurns:
    """One thread at a time uses the store; a thread gives its turn up while it waits."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._local = threading.local()

    def _holding(self) -> bool:
        return bool(getattr(self._local, "holding", False))

    @contextmanager
    def holding(self) -> Iterator[None]:
        """Hold the turn for a round (released around its waits by ``waiting``)."""
        self._lock.acquire()
        self._local.holding = True
        try:
            yield
        finally:
            self._local.holding = False
            self._lock.release()

    @contextmanager
    def waiting(self) -> Iterator[None]:
        """Give the turn up while this thread waits on the network; a no-op for a thread
        that holds none (a page fetcher, or a caller outside a round)."""
        if not self._holding():
            yield
            return
        self._local.holding = False
        self._lock.release()
        try:
            yield
        finally:
            self._lock.acquire()
            self._local.holding = True
