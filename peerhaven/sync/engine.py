"""One sync: push the outbox, pull every joined community, every relay side by side.

Pulled pages stream into ``store.events.ingest_pages``: a background thread
fetches page n+1 while page n is verified and written, and each page's cursor
(and ETag) is written in the same transaction as its events, so a sync killed
at any instant resumes exactly where its last commit left it, with nothing lost
and nothing stored twice. Every event is verified here, whoever served it.

Relays are synced at the same time, each on a thread of its own, so one that
stalls delays no other; they take turns at the store (``StoreTurns``). Each
round is held to a ``RoundBudget`` (a deadline, a minimum pace, page and event
counts, a size cap on answers); the calling thread watches the rounds and cuts
off a relay that overruns, which is then recorded as failing, in words, and
backs off like any other failure.
"""

from __future__ import annotations

import contextlib
import functools
import queue
import threading
import time
from collections import Counter
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx

from peerhaven.core.auth import auth_header
from peerhaven.core.batch import Verifier
from peerhaven.core.community import HELD_REASON
from peerhaven.core.event import MAILBOX_KINDS, Event
from peerhaven.core.i18n import N_, _
from peerhaven.core.keys import Keypair
from peerhaven.store import relays as relay_state
from peerhaven.store.clock import now
from peerhaven.store.communities import record_offers
from peerhaven.store.cursors import cursor_hook, cursor_of, kept_on, with_released
from peerhaven.store.database import Store
from peerhaven.store.events import Page, ingest_pages
from peerhaven.store.held import held_elsewhere, held_ids, mark_published, replace_held
from peerhaven.store.outbox import pending_for, record_results
from peerhaven.store.retention import apply_retention
from peerhaven.store.settings import get_setting
from peerhaven.sync.budget import DEFAULT_BUDGET, Round, RoundBudget
from peerhaven.sync.client import Pull, RelayClient, Traffic, Waiting
from peerhaven.sync.errors import (
    RelayRateLimited,
    RelayRefused,
    RelayTooLarge,
    SyncError,
    SyncStopped,
)
from peerhaven.sync.mailbox import Mailboxes, MailboxHandler, handlers_for
from peerhaven.sync.turns import StoreTurns

INFO_MAX_AGE = 3600
PUSH_BATCH = 100
PAGE_MAX = 500
FAST_PAGE = 0.5  # seconds: a full page faster than this doubles the page size
SLOW_PAGE = 4.0  # seconds: a page slower than this halves it

#: how often a stopped sync that waits for a page checks whether it should give up waiting
STOP_POLL = 0.1
#: how often the calling thread looks at the rounds under way for one to cut off
WATCH_EVERY = 0.1
#: after a second Ctrl+C, how long the rounds get to end (their sockets are shut) first
ABORT_WAIT = 5.0
#: what a stopped sync says
STOPPED = N_("The sync was stopped; what arrived so far is kept.")

#: bytes of pulled pages (as inflated) given to one ``ingest_pages`` call: it gathers up to
#: 8,000 events before verifying them, which for a relay of huge events would be gigabytes
INGEST_RUN_BYTES = 8 * 1024 * 1024

T = TypeVar("T")

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
    #: events of the device's mailboxes its handlers stored (protocol section 15)
    mailbox: int = 0


@dataclass
class _RelayRound:
    """One relay's round under way on its own thread, as the calling thread watches it."""

    url: str
    client: RelayClient
    done: threading.Event
    thread: threading.Thread | None = None
    #: what the round's work returned (a ``RelayReport`` for a sync)
    report: Any = None
    #: what ended the round other than a relay's fault (a stop, a store error)
    failure: BaseException | None = None


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


def _prefetch(
    pages: Iterator[T],
    stopping: threading.Event,
    depth: int = 2,
    waiting: Waiting = contextlib.nullcontext,
) -> Generator[T, None, None]:
    """Run a page generator in a thread so the next download overlaps this write.

    Once ``stopping`` is set, the consumer stops waiting (``SyncStopped``) and the
    producer ends after the request in flight: nothing it fetched is stored, so
    its cursor is not moved and the next sync asks for that page again. The
    producer also ends when the consumer leaves for any other reason (an error,
    Ctrl+C), rather than waiting forever to hand over a page nobody will take.
    The consumer gives its store turn up (``waiting``) while it waits for a page.
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
                with waiting():
                    kind, value = box.get(timeout=STOP_POLL)
            except queue.Empty:
                if stopping.is_set():
                    raise SyncStopped(_(STOPPED)) from None
                continue
            if kind == "page":
                if stopping.is_set():  # this page is not stored, so its cursor stays put
                    raise SyncStopped(_(STOPPED))
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
        budget: RoundBudget = DEFAULT_BUDGET,
        mailbox_handlers: dict[str, MailboxHandler] | None = None,
    ) -> None:
        self.store = store
        self.proxy = proxy if proxy is not None else get_setting(store, "proxy")
        self.transport_factory = transport_factory
        self.progress = progress
        self.timeout = timeout
        self.started = started
        self.finished = finished
        self.budget = budget
        #: relays sync side by side and take turns at the store
        self.turns = StoreTurns()
        #: set by ``stop`` (from any thread): the sync ends at its next page boundary
        self.stopping = threading.Event()
        self._own_verifier = verifier is None
        self.verifier = verifier or Verifier(processes=True)
        self._clients: dict[str, RelayClient] = {}
        self._mailbox_handlers = mailbox_handlers
        self._mailboxes: Mailboxes | None = None
        self._mailboxes_made = threading.Lock()

    @property
    def mailboxes(self) -> Mailboxes:
        """The mailbox handlers by kind: given, or those registered (``sync/mailbox.py``),
        built for this store on first use."""
        with self._mailboxes_made:
            if self._mailboxes is None:
                handlers = self._mailbox_handlers
                self._mailboxes = Mailboxes(
                    handlers if handlers is not None else handlers_for(self.store)
                )
            return self._mailboxes

    def forget_clients(self) -> None:
        """Close the kept-alive clients (the proxy changed: the next request uses it)."""
        for client in self._clients.values():
            client.close()
        self._clients.clear()

    def close(self) -> None:
        """Close connections and worker threads."""
        self.forget_clients()
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
            raise SyncStopped(_(STOPPED))

    def __enter__(self) -> Syncer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def client(self, url: str) -> RelayClient:
        """A kept-alive client per relay; the local relay (on 127.0.0.1, which a proxy such
        as Tor could not reach) is the one reached directly."""
        if url not in self._clients:
            self._clients[url] = self.new_client(url)
        return self._clients[url]

    def new_client(self, url: str) -> RelayClient:
        """A client of its own for one relay (a live stream keeps one, so shutting its
        sockets never cuts a sync off), with this syncer's proxy, transport and limits."""
        transport = self.transport_factory(url) if self.transport_factory else None
        direct = url == get_setting(self.store, "local_relay")
        return RelayClient(
            url,
            proxy=None if direct else self.proxy,
            transport=transport,
            timeout=self.timeout,
            budget=self.budget,
            waiting=self.turns.waiting,
        )

    # -- the whole sync ------------------------------------------------------------

    def sync(self, *, relays: list[str] | None = None, force: bool = False) -> SyncReport:
        """Push and pull with every relay that is due (all of them with ``force``), side by side.

        ``started`` and ``finished`` are called on this thread, as each relay's
        round starts and ends. A stop (``stop``) lets every round end at its next
        page boundary, then raises ``SyncStopped``; an interrupt here (a second
        Ctrl+C) shuts every relay's sockets and waits up to ``ABORT_WAIT`` for the
        rounds to leave the store before it is raised.
        """
        self._check_stop()
        # this thread's own store work takes its turn too: live streams (``sync/live.py``)
        # may be writing through the same connection
        with self.turns.holding():
            urls = relays if relays is not None else relay_state.relay_urls(self.store)
            due = [url for url in urls if force or relay_state.due(self.store, url)]
            # each pull raises the connection's page cache and restores what it found, so two
            # pulls side by side could leave the raised one behind: it is put back at the end
            cache = int(self.store.execute("PRAGMA cache_size").fetchone()[0])
        results: dict[str, RelayReport] = {}
        rounds: list[_RelayRound] = []
        for url in urls:
            if url not in due:
                results[url] = RelayReport(url, skipped=True)
                if self.finished is not None:
                    self.finished(results[url])

        def done(relay_round: _RelayRound) -> None:
            if relay_round.report is not None:
                results[relay_round.url] = relay_round.report
                if self.finished is not None:
                    self.finished(relay_round.report)

        try:
            for url in due:
                if self.started is not None:
                    self.started(url)
                rounds.append(self._start_round(url, functools.partial(self.sync_relay, url)))
            self._watch(rounds, done)
        except BaseException:
            self._abandon(rounds)
            raise
        with self.turns.holding():
            self.store.execute(f"PRAGMA cache_size = {cache}")
        failures = [r.failure for r in rounds if r.failure is not None]
        if failures:
            stops = [f for f in failures if isinstance(f, SyncStopped)]
            raise (stops or failures)[0]
        report = SyncReport(relays=[results[url] for url in urls if url in results])
        with self.turns.holding():
            report.pruned = apply_retention(self.store).total
        return report

    def _alone(self, url: str, work: Callable[[], T]) -> T:
        """``work`` with one relay as a watched round (a browse, a push after a post)."""
        relay_round = self._start_round(url, work)
        try:
            self._watch([relay_round], lambda _: None)
        except BaseException:
            self._abandon([relay_round])
            raise
        if relay_round.failure is not None:
            raise relay_round.failure
        result: T = relay_round.report
        return result

    def _start_round(self, url: str, work: Callable[[], Any]) -> _RelayRound:
        """One relay's round, on a thread of its own, holding the store's turn between waits."""
        with self.turns.holding():  # rounds already started may be using the store
            client = self.client(url)
        client.round = Round(url, self.budget)
        relay_round = _RelayRound(url, client, threading.Event())

        def run() -> None:
            try:
                with self.turns.holding():
                    relay_round.report = work()
            except BaseException as exc:  # a stop or a store fault: raised by ``sync``
                relay_round.failure = exc
            finally:
                relay_round.done.set()

        relay_round.thread = threading.Thread(target=run, name="peerhaven-relay", daemon=True)
        relay_round.thread.start()
        return relay_round

    def _watch(self, rounds: list[_RelayRound], on_done: Callable[[_RelayRound], None]) -> None:
        """Wait for every round, cutting off any that overruns its deadline or pace."""
        waiting = list(rounds)
        while waiting:
            for relay_round in list(waiting):
                if relay_round.done.is_set():
                    waiting.remove(relay_round)
                    self._finish_round(relay_round)
                    on_done(relay_round)
                    continue
                reason = relay_round.client.overdue()
                if reason is not None:
                    relay_round.client.abort(reason)
            if waiting:
                waiting[0].done.wait(WATCH_EVERY)

    def _finish_round(self, relay_round: _RelayRound) -> None:
        client = relay_round.client
        client.round = None
        if client.aborted:  # its sockets are shut: the next round starts a fresh pool
            self._clients.pop(relay_round.url, None)
            client.close()

    def _abandon(self, rounds: list[_RelayRound]) -> None:
        """Interrupted: stop every round now, and give them a moment to leave the store."""
        self.stopping.set()
        for relay_round in rounds:
            relay_round.client.abort(_(STOPPED))
        ends = time.monotonic() + ABORT_WAIT
        for relay_round in rounds:
            relay_round.done.wait(max(0.0, ends - time.monotonic()))

    def sync_relay(self, url: str) -> RelayReport:
        """Push then pull with one relay; failures are recorded, never raised."""
        result = RelayReport(url)
        client = self.client(url)
        before = Traffic(**vars(client.traffic))
        try:
            limits = self._limits(client)
            self._push(client, limits, result)
            pulled = kept_on(self.store, url)
            for slug in pulled:
                self._check_stop()
                self._pull(client, slug, limits, result)
                self._pull_reports(client, slug, result)
                self._pull_held(client, slug, result)
            self._check_held_elsewhere(client, pulled)
            self._pull_mailboxes(client, result)
            if result.mailbox:
                # a handler may have queued an answer (a circle owner's welcome or new
                # key): it goes out in this round, not a whole interval later
                self._push(client, limits, result)
        except SyncError as exc:
            if self.stopping.is_set() and client.aborted:
                raise SyncStopped(_(STOPPED)) from None  # cut off by an interrupt: no fault
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
        """Send the outbox to one relay without pulling (after a post, say), within the
        round's deadline and pace like a sync."""

        def push() -> RelayReport:
            result = RelayReport(url)
            client = self.client(url)
            try:
                self._push(client, self._limits(client), result)
            except SyncError as exc:
                result.error = str(exc)
            return result

        return self._alone(url, push)

    def _limits(self, client: RelayClient) -> dict[str, Any]:
        limits, fetched = relay_state.relay_limits(self.store, client.url)
        if fetched is None or now() - fetched > INFO_MAX_AGE:
            info = client.info()
            limits = info.get("limits", {}) if isinstance(info.get("limits"), dict) else {}
            if isinstance(info.get("mailbox"), dict):
                # the mailbox limits (requests_per_sender_per_day) are enforced on this device
                limits = {**limits, "mailbox": info["mailbox"]}
            relay_state.save_info(self.store, client.url, limits)
        return limits

    def _push(self, client: RelayClient, limits: dict[str, Any], result: RelayReport) -> None:
        batch = max(1, min(PUSH_BATCH, int(limits.get("max_batch", PUSH_BATCH))))
        while True:
            self._check_stop()  # between batches: each one's results are already recorded
            events = pending_for(self.store, client.url, batch)
            if not events:
                return
            public = [event for event in events if event.kind not in MAILBOX_KINDS]
            answered = dict(
                zip(
                    (event.id for event in public),
                    client.publish([event.to_wire() for event in public]) if public else [],
                    strict=True,
                )
            )
            for event in events:
                if event.kind in MAILBOX_KINDS:
                    answered[event.id] = self._publish_sealed(client, event)
            answers = [answered[event.id] for event in events]
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
                        raise RelayRateLimited(
                            _("{url} asks us to slow down.").format(url=client.url), 60
                        )
                    result.refused[event.id] = reason
                rows.append((event.id, status, reason))
            record_results(self.store, client.url, rows)

    def _publish_sealed(self, client: RelayClient, event: Event) -> dict[str, Any]:
        """One sealed ``dm`` or ``circle`` event, alone on a connection of its own.

        In a batch, or on the connection that just carried a persona's signed posts, it
        would sit beside them, and the relay could guess its sender from the company it
        keeps (docs/threat-model.md); alone it is one anonymous upload among others."""
        alone = self.new_client(client.url)
        try:
            return alone.send_to_mailbox(event)
        except RelayRateLimited:  # answered as a batch's refusal is, so the rest is recorded
            return {"id": event.id, "status": "rejected", "reason": "rate-limited"}
        finally:
            client.traffic.requests += alone.traffic.requests
            client.traffic.sent += alone.traffic.sent
            client.traffic.received += alone.traffic.received
            alone.close()

    def _pull(
        self, client: RelayClient, slug: str, limits: dict[str, Any], result: RelayReport
    ) -> None:
        page_max = max(1, int(limits.get("page_max", PAGE_MAX)))
        size = min(relay_state.page_size(self.store, client.url), page_max)
        cursor, etag = cursor_of(self.store, client.url, slug)
        # our own posts this relay held: seeing one in the public feed means it was approved
        mine_held = held_ids(self.store, client.url, slug)

        def pages() -> Iterator[Page]:
            nonlocal size
            after, tag = cursor, etag
            while True:
                _next_page(client)
                started = time.monotonic()
                try:
                    page: Pull = client.pull(slug, after, size, tag)
                except RelayTooLarge:
                    if size == 1:
                        raise
                    # honest but for huge posts: ask again for fewer, down to one a page
                    size = max(1, size // 2)
                    continue
                took = time.monotonic() - started
                _took_page(client, page)
                if page.not_modified:
                    result.unchanged += 1
                    return
                # keep the ETag only for a page that did not move the cursor: that is the
                # request the next sync will repeat, and a 304 then costs almost nothing
                keep = page.etag if page.next == after and not page.events else None
                hook = cursor_hook(client.url, slug, page.next, keep)
                if mine_held:
                    hook = with_released(hook, client.url, page.events, mine_held)
                yield _SizedPage(
                    page.events,
                    on_commit=hook,
                    relay_url=client.url,
                    community=slug,
                    size=page.size,
                )
                roomy = page.size * 2 <= self.budget.max_body  # a doubled page still fits the cap
                if page.more and len(page.events) >= size and took < FAST_PAGE and roomy:
                    size = min(page_max, size * 2)
                elif took > SLOW_PAGE:
                    size = max(relay_state.PAGE_MIN, size // 2)
                if not page.more or page.next in (None, after):
                    return
                after, tag = page.next, None

        fetched = _prefetch(pages(), self.stopping, waiting=self.turns.waiting)
        stream = _counted(fetched, self._tick(client.url, slug))
        runs = _Runs(stream, INGEST_RUN_BYTES)
        try:
            while not runs.done:
                report = ingest_pages(self.store, runs.next_run(), self.verifier)
                result.pulled += report.accepted
                result.duplicates += report.duplicates
                result.dropped.update(report.rejected)
        finally:  # a page size halved for huge posts is kept, even when the pull failed
            stream.close()
            fetched.close()
            relay_state.set_page_size(self.store, client.url, size)

    def _pull_mailboxes(self, client: RelayClient, result: RelayReport) -> None:
        """The device's mailboxes on this relay, after its communities, in the same budget."""
        mailboxes = self.mailboxes
        if not mailboxes:
            return
        got = mailboxes.pull(
            self.store,
            client,
            next_page=lambda: _next_page(client),
            took_page=lambda page: _took_page(client, page),
            check_stop=self._check_stop,
        )
        result.mailbox += len(got.stored)
        if got.refused:
            result.dropped["mailbox"] += got.refused

    def _pull_reports(self, client: RelayClient, slug: str, result: RelayReport) -> None:
        """Moderators also fetch the reports sealed to them, with a signed request."""
        keys = self._moderator_keys(slug)
        if keys is None:
            return
        key = f"{slug}#reports"
        after, _etag = cursor_of(self.store, client.url, key)

        def pages() -> Iterator[Page]:
            nonlocal after
            while True:
                _next_page(client)
                header = auth_header(keys, "GET", "/v1/reports", slug, now())
                page = client.reports(slug, after, header)
                _took_page(client, page)
                yield Page(
                    page.events,
                    on_commit=cursor_hook(client.url, key, page.next, None),
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
                _next_page(client)
                header = auth_header(keys, "GET", "/v1/held", slug, now())
                page = client.held(slug, after, header)
                _took_page(client, page)
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

        In pulled communities the feed itself shows a released post (``with_released``).
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
        return self._alone(
            url, lambda: record_offers(self.store, url, self.client(url).communities())
        )


def _counted(pages: Iterator[Page], tick: Callable[[int], None]) -> Generator[Page, None, None]:
    seen = 0
    for page in pages:
        seen += len(page.items)
        tick(seen)
        yield page


@dataclass(frozen=True, slots=True)
class _SizedPage(Page):
    """A pulled page and its bytes as the relay sent them (inflated)."""

    size: int = 0


class _Runs:
    """A pull's pages in runs of about ``limit`` bytes, one ``ingest_pages`` call each.

    ``ingest_pages`` gathers pages into chunks of thousands of events before it
    verifies them; a relay serving the largest events the protocol allows would
    make such a chunk gigabytes, so a pull is ingested a few megabytes at a time.
    """

    def __init__(self, stream: Iterator[Page], limit: int) -> None:
        self.stream = stream
        self.limit = limit
        self.done = False

    def next_run(self) -> Iterator[Page]:
        """The next run of pages; ``done`` is set once the pull has no more."""
        taken = 0
        for page in self.stream:
            yield page
            taken += page.size if isinstance(page, _SizedPage) else 0
            if taken >= self.limit:
                return
        self.done = True


def _next_page(client: RelayClient) -> None:
    """Before asking a relay for another page: its round's time and counts allow one."""
    if client.round is not None:
        client.round.next_page()


def _took_page(client: RelayClient, page: Pull) -> None:
    if client.round is not None:
        client.round.took(len(page.events))
