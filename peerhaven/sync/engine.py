"""One sync: push the outbox, pull every joined community, relay by relay.

Pulled pages stream into ``store.events.ingest_pages``: a background thread
fetches page n+1 while page n is verified and written, and each page's cursor
(and ETag) is written in the same transaction as its events, so a sync killed
at any instant resumes exactly where its last commit left it, with nothing lost
and nothing stored twice. Every event is verified here, whoever served it.
"""

from __future__ import annotations

import queue
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx

from peerhaven.core.auth import auth_header
from peerhaven.core.batch import Verifier
from peerhaven.core.community import HELD_REASON
from peerhaven.core.event import Event
from peerhaven.core.keys import Keypair
from peerhaven.store import relays as relay_state
from peerhaven.store.clock import now
from peerhaven.store.communities import record_offers
from peerhaven.store.database import Store
from peerhaven.store.events import Page, ingest_pages
from peerhaven.store.held import held_elsewhere, held_ids, mark_published, replace_held
from peerhaven.store.outbox import pending_for, record_results
from peerhaven.store.retention import apply_retention
from peerhaven.store.settings import get_setting
from peerhaven.sync.client import Pull, RelayClient, Traffic
from peerhaven.sync.errors import RelayRateLimited, RelayRefused, SyncError, SyncStopped

INFO_MAX_AGE = 3600
PUSH_BATCH = 100
PAGE_MAX = 500
FAST_PAGE = 0.5  # seconds: a full page faster than this doubles the page size
SLOW_PAGE = 4.0  # seconds: a page slower than this halves it

#: how often a stopped sync that waits for a page checks whether it should give up waiting
STOP_POLL = 0.1
#: what a stopped sync says
STOPPED = "The sync was stopped; what arrived so far is kept."

#: progress callback: (relay url, community, events stored so far in this pull)
Progress = Callable[[str, str, int], None]
#: called as each relay's sync starts (its url) and ends (its report)
RelayStarted = Callable[[str], None]
RelayFinished = Callable[["RelayReport"], None]
TransportFactory = Callable[[str], httpx.BaseTransport | None]


@dataclass
class RelayReport:
    """What one relay's sync did."""

    url: str
    pushed: int = 0
    refused: dict[str, str] = field(default_factory=dict)
    #: ids of posts the relay holds for a moderator's approval
    held: list[str] = field(default_factory=list)
    pulled: int = 0
    duplicates: int = 0
    dropped: Counter[str] = field(default_factory=Counter)
    unchanged: int = 0
    traffic: Traffic = field(default_factory=Traffic)
    error: str | None = None
    skipped: bool = False


@dataclass
class SyncReport:
    """A whole sync across relays."""

    relays: list[RelayReport] = field(default_factory=list)
    #: other people's posts removed by the member's keep-offline choices and size cap
    pruned: int = 0

    @property
    def pulled(self) -> int:
        """New events stored."""
        return sum(r.pulled for r in self.relays)

    @property
    def dropped(self) -> int:
        """Events refused because they failed verification (or came from the wrong feed)."""
        return sum(sum(r.dropped.values()) for r in self.relays)

    @property
    def pushed(self) -> int:
        """Events relays accepted from the outbox."""
        return sum(r.pushed for r in self.relays)

    @property
    def held(self) -> int:
        """Posts relays accepted but hold until a moderator approves them."""
        return len({eid for r in self.relays for eid in r.held})


def _joined_on(store: Store, relay_url: str) -> list[str]:
    return [
        row[0]
        for row in store.execute(
            "SELECT m.slug FROM memberships m JOIN community_relays c ON c.slug = m.slug"
            " WHERE c.relay_url = ? AND m.keep_offline = 1 ORDER BY m.slug",
            (relay_url,),
        )
    ]


def _cursor(store: Store, relay_url: str, slug: str) -> tuple[str | None, str | None]:
    row = store.execute(
        "SELECT cursor, etag FROM cursors WHERE relay_url = ? AND community = ?",
        (relay_url, slug),
    ).fetchone()
    return (row[0], row[1]) if row else (None, None)


def _cursor_hook(relay_url: str, slug: str, cursor: str | None, etag: str | None) -> Any:
    def hook(conn: Any) -> None:
        conn.execute(
            "INSERT INTO cursors (relay_url, community, cursor, etag, updated_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (relay_url, community) DO UPDATE SET"
            " cursor = excluded.cursor, etag = excluded.etag, updated_at = excluded.updated_at",
            (relay_url, slug, cursor, etag, now()),
        )

    return hook


def _prefetch(pages: Iterator[Page], stopping: threading.Event, depth: int = 2) -> Iterator[Page]:
    """Run a page generator in a thread so the next download overlaps this write.

    Once ``stopping`` is set, the consumer stops waiting (``SyncStopped``) and the
    producer ends after the request in flight: nothing it fetched is stored, so
    its cursor is not moved and the next sync asks for that page again. The
    producer also ends when the consumer leaves for any other reason (an error,
    Ctrl+C), rather than waiting forever to hand over a page nobody will take.
    """
    box: queue.Queue[tuple[str, Any]] = queue.Queue(depth)
    left = threading.Event()

    def put(item: tuple[str, Any]) -> bool:
        while not (stopping.is_set() or left.is_set()):
            try:
                box.put(item, timeout=STOP_POLL)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            for page in pages:
                if not put(("page", page)):
                    return
            put(("done", None))
        except BaseException as exc:  # handed to the consumer, raised there
            put(("error", exc))

    worker = threading.Thread(target=produce, name="peerhaven-prefetch", daemon=True)
    worker.start()
    try:
        while True:
            try:
                kind, value = box.get(timeout=STOP_POLL)
            except queue.Empty:
                if stopping.is_set():
                    raise SyncStopped(STOPPED) from None
                continue
            if kind == "page":
                if stopping.is_set():  # this page is not stored, so its cursor stays put
                    raise SyncStopped(STOPPED)
                yield value
            elif kind == "error":
                raise value
            else:
                return
    finally:
        left.set()


class Syncer:
    """Syncs a store with its relays; reuse one for ``--watch`` to keep connections warm."""

    def __init__(
        self,
        store: Store,
        *,
        proxy: str | None = None,
        transport_factory: TransportFactory | None = None,
        progress: Progress | None = None,
        verifier: Verifier | None = None,
        timeout: float = 15.0,
        started: RelayStarted | None = None,
        finished: RelayFinished | None = None,
    ) -> None:
        self.store = store
        self.proxy = proxy if proxy is not None else get_setting(store, "proxy")
        self.transport_factory = transport_factory
        self.progress = progress
        self.timeout = timeout
        self.started = started
        self.finished = finished
        #: set by ``stop`` (from any thread): the sync ends at its next page boundary
        self.stopping = threading.Event()
        self._own_verifier = verifier is None
        self.verifier = verifier or Verifier(processes=True)
        self._clients: dict[str, RelayClient] = {}

    def close(self) -> None:
        """Close connections and worker threads."""
        for client in self._clients.values():
            client.close()
        self._clients.clear()
        if self._own_verifier:
            self.verifier.close()

    def stop(self) -> None:
        """Ask a running sync (in another thread) to end at the next page boundary.

        Every page already stored was committed with its cursor, so nothing is
        lost: the sync raises ``SyncStopped`` and the next one carries on from there.
        """
        self.stopping.set()

    def _check_stop(self) -> None:
        if self.stopping.is_set():
            raise SyncStopped(STOPPED)

    def __enter__(self) -> Syncer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def client(self, url: str) -> RelayClient:
        """A kept-alive client per relay; the local relay (on 127.0.0.1, which a proxy such
        as Tor could not reach) is the one reached directly."""
        if url not in self._clients:
            transport = self.transport_factory(url) if self.transport_factory else None
            direct = url == get_setting(self.store, "local_relay")
            self._clients[url] = RelayClient(
                url, proxy=None if direct else self.proxy, transport=transport, timeout=self.timeout
            )
        return self._clients[url]

    # -- the whole sync ------------------------------------------------------------

    def sync(self, *, relays: list[str] | None = None, force: bool = False) -> SyncReport:
        """Push and pull with every relay that is due (all of them with ``force``)."""
        report = SyncReport()
        for url in relays if relays is not None else relay_state.relay_urls(self.store):
            self._check_stop()
            if not force and not relay_state.due(self.store, url):
                result = RelayReport(url, skipped=True)
            else:
                if self.started is not None:
                    self.started(url)
                result = self.sync_relay(url)
            report.relays.append(result)
            if self.finished is not None:
                self.finished(result)
        report.pruned = apply_retention(self.store).total
        return report

    def sync_relay(self, url: str) -> RelayReport:
        """Push then pull with one relay; failures are recorded, never raised."""
        result = RelayReport(url)
        client = self.client(url)
        before = Traffic(**vars(client.traffic))
        try:
            limits = self._limits(client)
            self._push(client, limits, result)
            pulled = _joined_on(self.store, url)
            for slug in pulled:
                self._check_stop()
                self._pull(client, slug, limits, result)
                self._pull_reports(client, slug, result)
                self._pull_held(client, slug, result)
            self._check_held_elsewhere(client, pulled)
        except SyncError as exc:
            result.error = str(exc)
            retry = exc.retry_after if isinstance(exc, RelayRateLimited) else None
            relay_state.record_failure(
                self.store, url, str(exc), retry_after=retry, dropped=sum(result.dropped.values())
            )
        else:
            relay_state.record_success(self.store, url, dropped=sum(result.dropped.values()))
        result.traffic = Traffic(
            client.traffic.requests - before.requests,
            client.traffic.sent - before.sent,
            client.traffic.received - before.received,
        )
        return result

    def sync_relay_push_only(self, url: str) -> RelayReport:
        """Send the outbox to one relay without pulling (after a post, say)."""
        result = RelayReport(url)
        client = self.client(url)
        try:
            self._push(client, self._limits(client), result)
        except SyncError as exc:
            result.error = str(exc)
        return result

    def _limits(self, client: RelayClient) -> dict[str, Any]:
        limits, fetched = relay_state.relay_limits(self.store, client.url)
        if fetched is None or now() - fetched > INFO_MAX_AGE:
            info = client.info()
            limits = info.get("limits", {}) if isinstance(info.get("limits"), dict) else {}
            relay_state.save_info(self.store, client.url, limits)
        return limits

    def _push(self, client: RelayClient, limits: dict[str, Any], result: RelayReport) -> None:
        batch = max(1, min(PUSH_BATCH, int(limits.get("max_batch", PUSH_BATCH))))
        while True:
            self._check_stop()  # between batches: each one's results are already recorded
            events = pending_for(self.store, client.url, batch)
            if not events:
                return
            answers = client.publish([event.to_wire() for event in events])
            rows: list[tuple[str, str, str]] = []
            for event, answer in zip(events, answers, strict=True):
                status = str(answer.get("status", "")) if isinstance(answer, dict) else ""
                reason = str(answer.get("reason", "") or "") if isinstance(answer, dict) else ""
                if status in ("accepted", "duplicate"):
                    result.pushed += 1
                    if reason == HELD_REASON:
                        result.held.append(event.id)
                elif status == "rejected":
                    if reason == "rate-limited":
                        record_results(self.store, client.url, rows)
                        raise RelayRateLimited(f"{client.url} asks us to slow down.", 60)
                    result.refused[event.id] = reason
                rows.append((event.id, status, reason))
            record_results(self.store, client.url, rows)

    def _pull(
        self, client: RelayClient, slug: str, limits: dict[str, Any], result: RelayReport
    ) -> None:
        page_max = max(1, int(limits.get("page_max", PAGE_MAX)))
        size = min(relay_state.page_size(self.store, client.url), page_max)
        cursor, etag = _cursor(self.store, client.url, slug)
        # our own posts this relay held: seeing one in the public feed means it was approved
        mine_held = held_ids(self.store, client.url, slug)

        def pages() -> Iterator[Page]:
            nonlocal size
            after, tag = cursor, etag
            while True:
                started = time.monotonic()
                page: Pull = client.pull(slug, after, size, tag)
                took = time.monotonic() - started
                if page.not_modified:
                    result.unchanged += 1
                    return
                # keep the ETag only for a page that did not move the cursor: that is the
                # request the next sync will repeat, and a 304 then costs almost nothing
                keep = page.etag if page.next == after and not page.events else None
                hook = _cursor_hook(client.url, slug, page.next, keep)
                if mine_held:
                    hook = _released_hook(hook, client.url, page.events, mine_held)
                yield Page(page.events, on_commit=hook, relay_url=client.url, community=slug)
                if page.more and len(page.events) >= size and took < FAST_PAGE:
                    size = min(page_max, size * 2)
                elif took > SLOW_PAGE:
                    size = max(relay_state.PAGE_MIN, size // 2)
                if not page.more or page.next in (None, after):
                    return
                after, tag = page.next, None

        source = _counted(_prefetch(pages(), self.stopping), self._tick(client.url, slug))
        report = ingest_pages(self.store, source, self.verifier)
        result.pulled += report.accepted
        result.duplicates += report.duplicates
        result.dropped.update(report.rejected)
        relay_state.set_page_size(self.store, client.url, size)

    def _pull_reports(self, client: RelayClient, slug: str, result: RelayReport) -> None:
        """Moderators also fetch the reports sealed to them, with a signed request."""
        keys = self._moderator_keys(slug)
        if keys is None:
            return
        key = f"{slug}#reports"
        after, _ = _cursor(self.store, client.url, key)

        def pages() -> Iterator[Page]:
            nonlocal after
            while True:
                header = auth_header(keys, "GET", "/v1/reports", slug, now())
                page = client.reports(slug, after, header)
                yield Page(
                    page.events,
                    on_commit=_cursor_hook(client.url, key, page.next, None),
                    relay_url=client.url,
                    community=slug,
                )
                if not page.more or page.next in (None, after):
                    return
                after = page.next

        report = ingest_pages(self.store, pages(), self.verifier)
        result.pulled += report.accepted
        result.dropped.update(report.rejected)

    def _pull_held(self, client: RelayClient, slug: str, result: RelayReport) -> None:
        """Moderators also fetch the posts the relay holds for approval, a fresh list each time.

        A relay without the feature answers 404; one that no longer counts this
        persona as a moderator answers 403. Neither fails the sync: the list is
        then simply empty.
        """
        keys = self._moderator_keys(slug)
        if keys is None:
            return
        events: list[Event] = []
        after: str | None = None
        try:
            while True:
                header = auth_header(keys, "GET", "/v1/held", slug, now())
                page = client.held(slug, after, header)
                for verdict in self.verifier.check(page.events):
                    if verdict.event is not None and verdict.event.community == slug:
                        events.append(verdict.event)
                    else:
                        reason = verdict.error.reason.value if verdict.error else "wrong-community"
                        result.dropped[reason] += 1
                if not page.more or page.next in (None, after):
                    break
                after = page.next
        except RelayRefused as exc:
            if exc.status not in (403, 404):
                raise
            events = []
        replace_held(self.store, client.url, slug, events)

    def _check_held_elsewhere(self, client: RelayClient, pulled: list[str]) -> None:
        """Our held posts in communities we do not pull: ask for each whether it is public yet.

        In pulled communities the feed itself shows a released post (``_released_hook``).
        """
        released = [
            eid
            for eid in held_elsewhere(self.store, client.url, pulled)
            if client.event(eid) is not None
        ]
        if released:
            with self.store.transaction() as conn:
                mark_published(conn, client.url, released)

    def _moderator_keys(self, slug: str) -> Keypair | None:
        """The keys of this device's persona in a community it moderates, else None."""
        from peerhaven.store.communities import membership
        from peerhaven.store.moderation import pinned
        from peerhaven.store.personas import load_persona

        pin = pinned(self.store.conn, slug)
        persona = membership(self.store, slug).persona
        if pin is None or (persona != pin[0] and persona not in pin[1]):
            return None
        return load_persona(self.store, persona).keys

    def _tick(self, url: str, slug: str) -> Callable[[int], None]:
        def tick(count: int) -> None:
            if self.progress is not None:
                self.progress(url, slug, count)

        return tick

    def browse(self, url: str) -> tuple[int, int]:
        """Fetch what a relay offers; returns (communities kept, refused as invalid)."""
        return record_offers(self.store, url, self.client(url).communities())


def _released_hook(
    hook: Any, relay_url: str, events: list[Any], mine: set[str]
) -> Callable[[Any], None]:
    """The cursor hook, plus marking our held posts this page shows as published."""
    released = [e["id"] for e in events if isinstance(e, dict) and e.get("id") in mine]

    def both(conn: Any) -> None:
        hook(conn)
        if released:
            mark_published(conn, relay_url, released)

    return both


def _counted(pages: Iterator[Page], tick: Callable[[int], None]) -> Iterator[Page]:
    seen = 0
    for page in pages:
        seen += len(page.items)
        tick(seen)
        yield page
