"""``SyncConnection``: one open store's long-lived ``Syncer`` and its live streams.

While a store is unlocked the app keeps one connection to each relay alive: the
live stream (``sync/live.py``) that stores new posts the moment a relay commits
them. Syncs, sends and the streams share one ``Syncer`` on the host's sync
connection, as ``peerhaven sync --watch`` does: its kept-alive clients, its
verifier processes and its store turns (a stream's page and a sync's page never
write through the connection at once). Syncs and sends also take ``busy`` so they
run one after another: a send after a post waits for a sync in flight rather than
pushing the same outbox beside it.

Every method that could wait is for a worker thread, except ``start`` and
``stop``, which the UI thread calls through ``BackgroundSync``: ``start`` opens the
streams on a thread of its own, ``stop`` only signals them (their sockets are shut
at once), and ``close``, in a worker, waits for them to leave and closes the
connection. What the streams do reaches the host through three callbacks, called
on the streams' threads: a host with a UI posts them to its own thread.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from peerhaven.sync.engine import Syncer
from peerhaven.sync.errors import SyncStopped
from peerhaven.sync.live import HEARTBEAT_GRACE, Arrival, LiveSync

if TYPE_CHECKING:
    from peerhaven.core.event import Event
    from peerhaven.store.database import Store
    from peerhaven.sync.background import SyncRun
    from peerhaven.sync.engine import Progress, RelayFinished, RelayStarted, SyncReport
    from peerhaven.sync.send import Delivery

#: what a relay's stream is doing now: (relay url, state, the reason in words or None)
OnState = Callable[[str, str, "str | None"], None]

#: what ``sync`` raises when the connection was closed before the sync could start
CLOSED = "The store was locked; the sync carries on next time."  # (never shown: a stop)


class SyncConnection:
    """One ``Syncer`` and its ``LiveSync`` over the host's sync connection, until closed."""

    def __init__(
        self,
        store: Store,
        *,
        timeout: float,
        on_arrival: Callable[[Arrival], None] = lambda arrival: None,
        on_state: OnState = lambda url, state, detail: None,
        poll: Callable[[str], None] = lambda url: None,
        grace: float = HEARTBEAT_GRACE,
        on_mailbox: Callable[[str, tuple[str, ...]], None] = lambda url, ids: None,
    ) -> None:
        self.store = store
        self.syncer = Syncer(store, timeout=timeout)
        # on_mailbox: a stream stored private messages or circle events (protocol section 15)
        self.live = LiveSync(
            self.syncer,
            on_arrival=on_arrival,
            on_state=on_state,
            poll=poll,
            grace=grace,
            on_mailbox=on_mailbox,
        )
        #: held by a sync or a send for as long as it runs: one at a time
        self.busy = threading.Lock()
        #: the communities each relay's stream was opened for (reopened when they change)
        self._kept: dict[str, frozenset[str]] = {}
        self._stopped = threading.Event()
        self._closed = False
        #: ``start`` was called: streams open, and follow the relays after each sync
        self.following = False
        #: guards ``live.relays`` between the thread that opens streams and ``close``
        self._streams = threading.Lock()

    # -- the streams (start and stop from the host's own thread) ---------------------------

    def start(self) -> None:
        """Open a stream to every relay, on a thread of its own (the store may be busy).
        ``BackgroundSync`` calls it once the first sync has caught up, so a stream and a
        pull do not fetch the same backlog side by side."""
        self._stopped.clear()
        self.following = True
        threading.Thread(target=self.follow, name="peerhaven-live-open", daemon=True).start()

    def stop(self) -> None:
        """Signal every stream to end now (their sockets are shut); ``close`` waits for them.
        Never waits itself: the UI thread calls it on lock and quit."""
        self._stopped.set()
        self._signal_streams()

    def _signal_streams(self) -> None:
        for relay in list(self.live.relays.values()):
            relay.stopping.set()
            relay.client.abort("stopped")

    def follow(self) -> None:
        """Streams for the relays, communities and mailboxes kept now: new relays get one,
        removed relays lose theirs, and a relay whose communities or mailboxes changed (a
        join, a leave, a circle's new key) opens its stream again with the new set. Called
        after every sync and pause."""
        from peerhaven.store.cursors import kept_on
        from peerhaven.store.relays import relay_urls
        from peerhaven.sync.mailbox import cursor_name

        with self.syncer.turns.holding():
            urls = relay_urls(self.store)
            # a circle's new key (a join, a removal) is a new mailbox: the stream reopens
            kept = {
                url: frozenset(kept_on(self.store, url))
                | frozenset(cursor_name(key.pubkey) for key in self.syncer.mailboxes.keys_for(url))
                for url in urls
            }
        with self._streams:
            if self._stopped.is_set() or self._closed or not self.following:
                return
            self.live.start(urls)
            for url, relay in self.live.relays.items():
                if url in self._kept and self._kept[url] != kept[url]:
                    relay.reopen()
            self._kept = kept
            if self._stopped.is_set():  # stopped while these opened: they end too
                self._signal_streams()

    def states(self) -> dict[str, str]:
        """Each relay's stream state now (``connecting``, ``live``, ``polling``…)."""
        with self._streams:
            return {url: relay.state for url, relay in self.live.relays.items()}

    def dropped(self) -> int:
        """Frames and events the streams refused so far (garbage, forged, oversized)."""
        with self._streams:
            return sum(relay.dropped for relay in self.live.relays.values())

    # -- syncs and sends (worker threads) --------------------------------------------------

    def sync(
        self,
        run: SyncRun,
        *,
        progress: Progress | None = None,
        started: RelayStarted | None = None,
        finished: RelayFinished | None = None,
    ) -> SyncReport:
        """One sync on the shared syncer; ``SyncStopped`` when ``run.stopping`` was set (or
        the connection closed first). With no relays at all it returns an empty report."""
        from peerhaven.store.relays import relay_urls
        from peerhaven.sync.engine import SyncReport

        with self.busy:
            if self._closed or run.stopping.is_set():
                raise SyncStopped(CLOSED)
            syncer = self.syncer
            with syncer.turns.holding():
                nothing = run.relays is None and not relay_urls(self.store)
            if nothing:
                return SyncReport()
            syncer.stopping = run.stopping
            syncer.progress, syncer.started, syncer.finished = progress, started, finished
            try:
                report = syncer.sync(relays=run.relays, force=run.force)
            finally:
                syncer.progress = syncer.started = syncer.finished = None
        if self.following and not self._stopped.is_set():
            self.follow()  # a join or a new relay: its stream opens now
        return report

    def send(self, events: Sequence[Event]) -> Delivery:
        """Send what one action signed now, after a sync in flight (``sync/send.py``)."""
        from peerhaven.sync.send import send_events

        with self.busy:
            if self._closed:
                raise SyncStopped(CLOSED)
            self.syncer.stopping = threading.Event()  # a stopped sync's flag is not this send's
            return send_events(self.store, events, syncer=self.syncer)

    @contextlib.contextmanager
    def paused(self) -> Iterator[None]:
        """No sync, send or stream page reaches the store while the block runs (leaving a
        community must not race a page that would bring its posts back); streams then
        follow what is kept."""
        with self.busy, self.syncer.turns.holding():
            yield
        if self.following and not self._stopped.is_set():
            self.follow()

    def use_proxy(self, proxy: str | None) -> None:
        """The member changed the proxy: syncs and streams connect through the new one."""
        with self.busy:
            with self.syncer.turns.holding():
                self.syncer.proxy = proxy
                self.syncer.forget_clients()
            with self._streams:
                for relay in self.live.relays.values():
                    relay.reopen()

    def close(self) -> None:
        """Wait for the streams to leave and the running sync or send to end, then close
        the syncer and the connection (in a worker: this may wait a few seconds)."""
        self.stop()
        with self._streams:
            self._closed = True
            self.live.stop()
        with self.busy:
            self.syncer.close()
            self.store.close()
