"""``BackgroundSync``: when syncs run while a store is open, one at a time, headless.

The app and ``peerhaven sync --watch`` share these rules, so they live here and
not in a Textual class: a sync every interval (the ``sync_interval_minutes``
setting, or ``--interval``), never two at once on one connection, a sync asked for
while another runs starts right after it (two such requests make one sync), a
caller can wait for the sync that covers its request (``then``), and closing
(lock, quit, Ctrl+C) stops the running sync at its next page and forgets what was
wanted. The host says *how* a sync runs (``launch``: the app in a worker thread,
the CLI inline) and reports its end with ``ended``; ``run`` is the sync itself.

Live components (one per relay, streaming new events) are started when the
connection opens and stopped when it closes, with the schedule: ``live`` holds
them (anything with ``start()`` and ``stop()``). The app hands ``opened`` its
``SyncConnection`` (``sync/connection.py``: one long-lived ``Syncer`` for its syncs,
its sends and its live streams); the controller holds it while the store is open,
opens its streams once the first sync has caught up (at once when no sync is due),
and gives it back, its streams signalled to end, on ``suspend`` and ``closed``, for
the host to close off its UI thread.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from peerhaven.sync.connection import SyncConnection

#: called once the sync covering a request has ended, whatever its outcome
AfterSync = Callable[[], object]


class LiveComponent(Protocol):
    """Something that runs while the sync connection is open (a relay's live stream)."""

    def start(self) -> None:
        """Begin (called when the connection opens)."""

    def stop(self) -> None:
        """End promptly (called on lock, quit or Ctrl+C)."""


@dataclass(frozen=True, slots=True)
class SyncRun:
    """One sync to run: which relays (None: all), past back-off or not, and its stop flag."""

    relays: list[str] | None
    force: bool
    stopping: threading.Event = field(default_factory=threading.Event, compare=False)


class BackgroundSync:
    """The schedule and the one-at-a-time rule; call every method from one thread (the
    app's UI thread, the CLI's main thread)."""

    def __init__(
        self,
        launch: Callable[[SyncRun], object],
        interval: Callable[[], float | None],
        *,
        live: Sequence[LiveComponent] = (),
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        #: starts a sync in the background; the host calls ``ended`` when it is over
        self._launch = launch
        #: seconds between syncs now (None: no background syncs)
        self._interval = interval
        self._clock = clock
        self.live: list[LiveComponent] = list(live)
        #: the host's sync connection and its streams, while the store is open
        self.connection: SyncConnection | None = None
        #: the sync connection is open: syncs may run on it
        self.open = False
        #: the sync running now
        self.running: SyncRun | None = None
        #: a sync asked for while another ran (or before the connection opened)
        self.wanted: tuple[list[str] | None, bool] | None = None
        #: when the next scheduled sync is due (clock seconds), None when none is
        self.next_at: float | None = None
        self._after_running: list[AfterSync] = []
        self._after_wanted: list[AfterSync] = []

    # -- the connection --------------------------------------------------------------------

    def opened(self, *, first_in: float, connection: SyncConnection | None = None) -> None:
        """The sync connection is open: the first scheduled sync comes ``first_in``
        seconds from now, a sync already asked for starts now, live components (and
        ``connection``'s streams) start."""
        self.open = True
        self.next_at = self._clock() + first_in
        if connection is not None:
            self.connection = connection
        for component in self.live:
            component.start()
        self._start_wanted()
        if connection is not None and self.running is None and self._interval() is None:
            connection.start()  # no sync will catch up first: stream from the cursors now

    def suspend(self) -> SyncConnection | None:
        """The connection closes for a moment (re-keying): stop the running sync and keep
        what is wanted for when it reopens (``opened``). Returns the connection, its
        streams told to end, for the host to close (``SyncConnection.close``)."""
        self.open = False
        self.stop()
        for component in self.live:
            component.stop()
        connection, self.connection = self.connection, None
        if connection is not None:
            connection.stop()
        return connection

    def closed(self) -> SyncConnection | None:
        """Lock, quit or Ctrl+C: stop everything and forget what was wanted (returns the
        connection to close, as ``suspend`` does)."""
        connection = self.suspend()
        self.next_at = None
        self.wanted = None
        self._after_running, self._after_wanted = [], []
        return connection

    # -- starting and ending ---------------------------------------------------------------

    @property
    def syncing(self) -> bool:
        """Whether a sync is running now."""
        return self.running is not None

    def start(self, *, relays: list[str] | None = None, force: bool = False) -> bool:
        """Start a sync now; False when one runs already. Before the connection opens it
        is kept, and starts once it does (True)."""
        if self.running is not None:
            return False
        if not self.open:
            self.wanted = (relays, force)
            return True
        self.running = SyncRun(relays, force)
        self._launch(self.running)
        return True

    def request(
        self,
        *,
        relays: list[str] | None = None,
        force: bool = False,
        then: AfterSync | None = None,
    ) -> None:
        """Sync now or right after the running one; ``then`` runs once the sync covering
        this request has ended."""
        if self.start(relays=relays, force=force):
            if then is not None:
                (self._after_running if self.running else self._after_wanted).append(then)
            return
        if self.wanted is not None:  # two requests: one sync covers both
            wanted, was_forced = self.wanted
            relays = None if wanted is None or relays is None else [*wanted, *relays]
            force = force or was_forced
        self.wanted = (relays, force)
        if then is not None:
            self._after_wanted.append(then)

    def stop(self) -> None:
        """Ask the running sync to end at its next page boundary (nothing stored is lost)."""
        if self.running is not None:
            self.running.stopping.set()

    def ended(self, *, stopped: bool) -> None:
        """The host's sync is over: its waiters run, the next one is scheduled, and a
        sync asked for meanwhile starts (not after a stop: that was a lock or a leave)."""
        self.running = None
        after, self._after_running = self._after_running, []
        for then in after:
            then()
        if stopped:
            self.wanted = None
        if self.open and self.connection is not None and not self.connection.following:
            self.connection.start()  # caught up: from now on each relay streams
        if self.open:
            self.schedule()
            self._start_wanted()

    def _start_wanted(self) -> None:
        wanted, self.wanted = self.wanted, None
        after, self._after_wanted = self._after_wanted, []
        if wanted is not None and self.start(relays=wanted[0], force=wanted[1]):
            if self.running is not None:
                self._after_running += after
                return
            self._after_wanted += after  # still waiting for the connection
            return
        for then in after:  # nothing more will come for them
            then()

    # -- the schedule ----------------------------------------------------------------------

    def schedule(self) -> None:
        """The next scheduled sync, one interval from now (none when turned off)."""
        interval = self._interval()
        self.next_at = None if interval is None else self._clock() + interval

    def tick(self, now: float | None = None) -> bool:
        """Start the scheduled sync when it is due (a timer calls this every few
        seconds); True when one started. Relays in back-off are skipped by the sync."""
        if self.next_at is None or self._interval() is None:
            return False
        current = self._clock() if now is None else now
        if current >= self.next_at and self.start():
            self.next_at = None
            return True
        return False
