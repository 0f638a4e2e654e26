"""Live delivery: each relay's new posts reach the device as the relay commits them.

``LiveSync`` keeps one stream (``GET /v1/stream``, protocol section 14) open to each
relay, on a thread of its own, for every community the member keeps there, and
stores each page the moment it arrives: verified exactly as a pulled page is, its
cursor moved in the same transaction (``store.cursors``), so a stream cut at any
instant resumes from the last stored page with nothing missed and nothing stored
twice. Streams take turns at the store with the syncs of the same ``Syncer``.

The same stream follows the device's private mailboxes (protocol section 15; the
keys come from the handlers of ``sync/mailbox.py``), each proven by its key's
signature: a mailbox page goes through ``Mailboxes.deliver``, verified and handed to
its kind's handler exactly as a sync's pull does, and ``on_mailbox`` is told.

Nothing about a stream is trusted: lines and frames are capped (``sse.py``), a
stream silent for longer than its heartbeat promises is dropped and reopened, and a
page of a community not asked for, or that is not a page, ends the stream. A relay
without streams (404), or a path that never delivers the first byte of one (a proxy
that buffers responses), is polled instead, with back-off, and streaming is tried
again later; a full relay (503) is waited out as its Retry-After says. Reconnects
back off exponentially with jitter, so a relay that comes back is not stampeded.
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections.abc import Callable, Collection, Container
from dataclasses import dataclass
from typing import Any, Literal

from peerhaven.core.i18n import _
from peerhaven.store.cursors import cursor_hook, cursor_of, kept_on, with_released
from peerhaven.store.events import Page, ingest_pages
from peerhaven.store.held import held_ids
from peerhaven.store.relays import relay_limits
from peerhaven.sync.engine import Syncer
from peerhaven.sync.errors import (
    StreamBusy,
    StreamLost,
    StreamUnsupported,
    SyncError,
    SyncStopped,
)
from peerhaven.sync.mailbox import MailboxKey, cursor_name
from peerhaven.sync.sse import SSEDecoder, StreamTooLarge

#: seconds beyond the relay's heartbeat that a silent stream is still believed alive
HEARTBEAT_GRACE = 10.0
#: the heartbeat assumed when a relay does not state one
DEFAULT_HEARTBEAT = 15.0
#: events in one page of a stream (small frames; a long catch-up is several of them)
STREAM_PAGE = 100
#: reconnect back-off: the first wait, the cap, and the jitter around each wait
BACKOFF_FIRST = 1.0
BACKOFF_MAX = 60.0
JITTER = 0.2
#: a stream that stayed up this long resets the back-off
STEADY_AFTER = 60.0
#: seconds between polls of a relay that cannot stream, and before streaming is tried again
POLL_EVERY = 30.0
RETRY_STREAM_AFTER = 600.0


@dataclass(frozen=True, slots=True)
class Arrival:
    """New events a stream stored: which relay, which community, and their ids."""

    url: str
    community: str
    ids: tuple[str, ...]


#: what a relay's live connection is doing, for the member's relay status
LiveState = Literal["connecting", "live", "reconnecting", "polling", "waiting", "stopped"]


class Backoff:
    """Exponential waits with jitter, reset once a stream has been steady for a while."""

    def __init__(self, rng: random.Random | None = None) -> None:
        self._next = BACKOFF_FIRST
        self._rng = rng or random.Random()

    def wait(self) -> float:
        """The next wait in seconds (and doubles the one after, up to the cap)."""
        base = self._next
        self._next = min(BACKOFF_MAX, self._next * 2)
        return base * (1 + self._rng.uniform(-JITTER, JITTER))

    def reset(self) -> None:
        self._next = BACKOFF_FIRST


def parse_page(
    data: str, feeds: dict[str, str], mailboxes: Container[str] = ()
) -> tuple[str, list[Any], str]:
    """A ``page`` frame as (community, events, next cursor), or ``StreamLost``.

    A page of a mailbox (protocol section 15) names ``"mailbox"`` instead, and
    comes back as (the mailbox's key, events, next cursor): a key is 64
    characters, longer than any slug, so the two never mix.
    """
    try:
        page = json.loads(data)
    except ValueError as exc:
        raise StreamLost(_("the relay's stream sent a page that is not JSON")) from exc
    if not isinstance(page, dict):
        raise StreamLost(_("the relay's stream sent a page that is not an object"))
    community, events, cursor = page.get("community"), page.get("events"), page.get("next")
    if community is None and "mailbox" in page:
        community = page["mailbox"]
        if not isinstance(community, str) or community not in mailboxes:
            raise StreamLost(_("the relay's stream sent a page of a mailbox not asked for"))
    elif not isinstance(community, str) or community not in feeds:
        raise StreamLost(_("the relay's stream sent a page of a community not asked for"))
    if not isinstance(events, list) or not isinstance(cursor, str) or len(cursor) > 64:
        raise StreamLost(_("the relay's stream sent a page without events or a cursor"))
    return community, events, cursor


class LiveRelay:
    """One relay's live stream into the store, on its own thread, until stopped."""

    def __init__(
        self,
        syncer: Syncer,
        url: str,
        *,
        on_arrival: Callable[[Arrival], None],
        on_state: Callable[[str, str, str | None], None],
        poll: Callable[[str], None],
        rng: random.Random | None = None,
        grace: float = HEARTBEAT_GRACE,
        on_mailbox: Callable[[str, tuple[str, ...]], None] = lambda url, ids: None,
    ) -> None:
        self.syncer = syncer
        self.grace = grace
        self.url = url
        self.on_arrival = on_arrival
        #: called with (relay url, ids) when mailbox handlers stored events from the stream
        self.on_mailbox = on_mailbox
        self.on_state = on_state
        self.poll = poll
        self.backoff = Backoff(rng)
        self.stopping = threading.Event()
        #: frames or events refused (garbage, forged, oversized): counted, never shown
        self.dropped = 0
        self.state: LiveState = "connecting"
        self._reopen = threading.Event()
        with syncer.turns.holding():
            self.client = syncer.new_client(url)
        self._thread = threading.Thread(target=self._run, name="peerhaven-live", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, wait: float = 5.0) -> None:
        """End the stream now (its socket is shut) and wait for the thread to leave."""
        self.stopping.set()
        self.client.abort("stopped")
        self._thread.join(wait)
        if not self._thread.is_alive():
            self.client.close()

    def reopen(self) -> None:
        """The communities kept here changed: open the stream again with the new set."""
        self._reopen.set()
        self.client.abort("reopened")

    def _say(self, state: LiveState, detail: str | None = None) -> None:
        self.state = state
        self.on_state(self.url, state, detail)

    def _run(self) -> None:
        unsupported_since: float | None = None
        while not self.stopping.is_set():
            wait = 0.0
            try:
                if unsupported_since is not None:
                    if time.monotonic() - unsupported_since < RETRY_STREAM_AFTER:
                        self._say("polling")
                        self.poll(self.url)
                        self.stopping.wait(POLL_EVERY)
                        continue
                    unsupported_since = None
                self._stream_once()
                wait = self.backoff.wait()  # the relay ended the stream: back soon
            except StreamUnsupported as exc:
                unsupported_since = time.monotonic()
                self._say("polling", str(exc))
                continue
            except StreamBusy as exc:
                wait = float(exc.retry_after)
                self._say("waiting", str(exc))
            except SyncStopped:
                break
            except (StreamLost, SyncError, OSError) as exc:
                if self.stopping.is_set():
                    break
                if self._reopen.is_set():  # asked to open again with a new set: not a fault
                    wait = 0.0
                    self._say("connecting")
                else:
                    wait = self.backoff.wait()
                    self._say("reconnecting", str(exc))
            self._reopen.clear()
            self._fresh_client()
            self.stopping.wait(wait)
        self._say("stopped")

    def _fresh_client(self) -> None:
        """A client whose sockets an abort shut is replaced before the next stream."""
        if self.client.aborted and not self.stopping.is_set():
            self.client.close()
            with self.syncer.turns.holding():
                self.client = self.syncer.new_client(self.url)

    def _feeds(self) -> dict[str, str]:
        with self.syncer.turns.holding():
            store = self.syncer.store
            return {
                slug: cursor_of(store, self.url, slug)[0] or "" for slug in kept_on(store, self.url)
            }

    def _mailboxes(self) -> dict[str, tuple[MailboxKey, str]]:
        """The mailboxes to follow here (``sync/mailbox.py``), by key, with their cursors."""
        with self.syncer.turns.holding():
            store = self.syncer.store
            return {
                key.pubkey: (key, cursor_of(store, self.url, cursor_name(key.pubkey))[0] or "")
                for key in self.syncer.mailboxes.keys_for(self.url)
            }

    def _heartbeat(self) -> float:
        with self.syncer.turns.holding():
            limits, _unused = relay_limits(self.syncer.store, self.url)
        stated = limits.get("stream_heartbeat") if isinstance(limits, dict) else None
        if isinstance(stated, int | float) and 0 < stated <= 3600:
            return float(stated)
        return DEFAULT_HEARTBEAT

    def _stream_once(self) -> None:
        feeds = self._feeds()
        boxes = self._mailboxes()
        if not feeds and not boxes:
            raise StreamUnsupported(_("no community or mailbox is kept on this relay"))
        client = self.client
        cap = self.syncer.budget.max_body
        decoder = SSEDecoder(cap, cap)
        self._say("connecting")
        opened = time.monotonic()
        connected = heard = False
        chunks = client.stream(
            feeds,
            silence=self._heartbeat() + self.grace,
            page=STREAM_PAGE,
            mailboxes=[(key.keys, cursor) for key, cursor in boxes.values()],
        )
        try:
            for chunk in chunks:
                if self.stopping.is_set():
                    raise SyncStopped(_("stopped"))
                if not connected:
                    connected = True
                    continue
                try:
                    frames = decoder.feed(chunk)
                except StreamTooLarge as exc:
                    self.dropped += 1
                    raise StreamLost(
                        _("{url} sent too much at once on its stream").format(url=self.url)
                    ) from exc
                if not heard:
                    heard = True
                    self._say("live")
                for frame in frames:
                    if frame.event != "page":
                        continue
                    name, events, cursor = parse_page(frame.data, feeds, boxes)
                    if name in boxes:
                        self._deliver(boxes[name][0], events, cursor, boxes)
                    else:
                        self._store(name, events, cursor, feeds)
                if time.monotonic() - opened > STEADY_AFTER:
                    self.backoff.reset()
        except StreamLost:
            if connected and not heard and not self.stopping.is_set():
                # it answered, then held everything back: a proxy that buffers responses
                raise StreamUnsupported(
                    _("nothing came through the stream from {url}").format(url=self.url)
                ) from None
            raise

    def _store(self, community: str, events: list[Any], cursor: str, feeds: dict[str, str]) -> None:
        with self.syncer.turns.holding():
            store = self.syncer.store
            hook = cursor_hook(self.url, community, cursor, None)
            mine = held_ids(store, self.url, community)
            if mine:
                hook = with_released(hook, self.url, events, mine)
            page = Page(events, on_commit=hook, relay_url=self.url, community=community)
            report = ingest_pages(store, [page], self.syncer.verifier)
        feeds[community] = cursor
        self.dropped += report.rejected_total
        if report.accepted_ids:
            self.on_arrival(Arrival(self.url, community, tuple(report.accepted_ids)))

    def _deliver(
        self,
        key: MailboxKey,
        events: list[Any],
        cursor: str,
        following: Collection[str],
    ) -> None:
        """A mailbox page: verified and handed to its handlers, as a sync's pull does.

        What it held may change the mailboxes to follow (a circle's new key after a join
        or a removal): the stream then opens again at once with the new set, or the
        circle's next posts would wait for a sync."""
        with self.syncer.turns.holding():
            got = self.syncer.mailboxes.deliver(self.syncer.store, self.client, key, events, cursor)
            now = [box.pubkey for box in self.syncer.mailboxes.keys_for(self.url)]
        self.dropped += got.refused
        if got.stored:
            self.on_mailbox(self.url, tuple(got.stored))
        if set(now) != set(following):
            self._reopen.set()
            raise StreamLost(_("the mailboxes followed on this relay changed"))


class LiveSync:
    """A live stream per relay for one ``Syncer``: start on unlock, stop on lock or quit."""

    def __init__(
        self,
        syncer: Syncer,
        *,
        on_arrival: Callable[[Arrival], None] = lambda arrival: None,
        on_state: Callable[[str, str, str | None], None] = lambda url, state, detail: None,
        poll: Callable[[str], None] = lambda url: None,
        grace: float = HEARTBEAT_GRACE,
        on_mailbox: Callable[[str, tuple[str, ...]], None] = lambda url, ids: None,
    ) -> None:
        self.syncer = syncer
        self.on_arrival = on_arrival
        self.on_state = on_state
        self.poll = poll
        self.grace = grace
        self.on_mailbox = on_mailbox
        self.relays: dict[str, LiveRelay] = {}

    def start(self, urls: list[str]) -> None:
        """Streams for these relays (already running ones are kept; others stopped)."""
        for url in list(self.relays):
            if url not in urls:
                self.relays.pop(url).stop()
        for url in urls:
            if url not in self.relays:
                relay = LiveRelay(
                    self.syncer,
                    url,
                    on_arrival=self.on_arrival,
                    on_state=self.on_state,
                    poll=self.poll,
                    grace=self.grace,
                    on_mailbox=self.on_mailbox,
                )
                self.relays[url] = relay
                relay.start()

    def reopen(self) -> None:
        """Memberships or mailboxes changed: every stream opens again with those kept now."""
        for relay in self.relays.values():
            relay.reopen()

    def stop(self) -> None:
        """Every stream ends now; their sockets are shut, so nothing waits on a relay."""
        for relay in self.relays.values():
            relay.stopping.set()
        for relay in self.relays.values():
            relay.stop()
        self.relays.clear()
