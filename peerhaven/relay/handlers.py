"""The endpoints of the contract, as methods of one object holding the relay's parts."""

from __future__ import annotations

import asyncio
import json
import os
import time
from functools import partial
from typing import Any, TypeVar

from sse_starlette import EventSourceResponse
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import Response

from peerhaven import __version__
from peerhaven.core.batch import Checked, Verifier
from peerhaven.core.event import HEX64_RE, MAILBOX_KINDS, SLUG_RE
from peerhaven.relay.errors import RequestRefused
from peerhaven.relay.feedversions import FeedVersions
from peerhaven.relay.gzip_body import read_body
from peerhaven.relay.pages import BuiltPage, PageCache, build_page, etag_matches, parse_cursor
from peerhaven.relay.policy import RelayReason
from peerhaven.relay.ratelimit import Buckets, retry_after
from peerhaven.relay.responses import (
    accepts_gzip,
    dumps,
    error_body,
    gzip_response,
    json_response,
)
from peerhaven.relay.settings import RelaySettings
from peerhaven.relay.storage import queries
from peerhaven.relay.storage.base import Outcome, Storage
from peerhaven.relay.storage.mailbox import DAY, FEED_PREFIX, is_mailbox_feed
from peerhaven.relay.storage.postgres import AsyncReader, PostgresStorage
from peerhaven.relay.storage.queries import Query
from peerhaven.relay.streams import (
    MAX_MAILBOXES,
    StreamHub,
    parse_feeds,
    parse_mailboxes,
    stream_frames,
)
from peerhaven.relay.writer import GroupWriter

T = TypeVar("T")

#: batches up to this size are verified on the event loop; a thread hop costs more
INLINE_VERIFY = 4
#: seconds a stream may wait for a client to take a frame before it is dropped
STREAM_SEND_TIMEOUT = 30.0


class Relay:
    """Storage, writer, verifier, caches and limits of one relay process."""

    def __init__(
        self,
        settings: RelaySettings,
        storage: Storage,
        writer: GroupWriter,
        versions: FeedVersions,
    ) -> None:
        self.settings = settings
        self.storage = storage
        self.writer = writer
        self.versions = versions
        self.verifier = Verifier(settings.verify_threads)
        self.cache = PageCache(settings.page_cache_bytes)
        self.pubkeys = Buckets(settings.pubkey_rate, settings.pubkey_burst)
        self._reader: AsyncReader | None = None
        if isinstance(storage, PostgresStorage):
            self._reader = AsyncReader(storage.url)
        self.requests = 0
        self.hub = StreamHub(
            settings.max_streams,
            settings.stream_poll_interval,
            self.feed_version,
            # SQLite has no notifications (and operator commands write from their own
            # process), PostgreSQL's may be down for a while: then the hub looks itself
            must_poll=lambda: not versions.listening,
        )
        self._info = dumps(self.info_document())

    async def close(self) -> None:
        """End the live streams, stop the verifier threads and close the read connections."""
        await self.hub.close()
        self.verifier.close()
        if self._reader is not None:
            await self._reader.close()

    @property
    def planned_once(self) -> bool:
        """Whether ``read`` plans a statement once for all values (see ``AsyncReader``)."""
        return self._reader is not None

    async def read(self, query: Query[T]) -> T:
        """Run a read where it is cheapest: inline on SQLite, asynchronously on PostgreSQL."""
        if self._reader is None:
            return self.storage.run(query)
        return await self._reader.run(query)

    # -- documents ----------------------------------------------------------------------

    def info_document(self) -> dict[str, Any]:
        """What ``/v1/info`` states: limits and the privacy policies this code enforces."""
        s = self.settings
        return {
            "name": s.name,
            "software": "peerhaven-relay",
            "version": __version__,
            "protocol": 1,
            "limits": {
                "max_content_bytes": s.max_content_bytes,
                "max_batch": s.max_batch,
                "max_clock_skew": s.max_clock_skew,
                "pow_difficulty": s.pow_difficulty,
                "page_default": s.page_default,
                "page_max": s.page_max,
                "max_body_bytes": s.max_body_bytes,
                "pubkey_rate": s.pubkey_rate,
                "pubkey_burst": s.pubkey_burst,
                "connection_rate": s.connection_rate,
                "connection_burst": s.connection_burst,
                "edit_window": s.edit_window,
                "max_streams": s.max_streams,
                "stream_heartbeat": s.stream_heartbeat,
            },
            "policies": {
                "stores_ip_addresses": False,
                "logs_requests": False,
                "stores_user_agents": False,
                "rate_limits_in_memory_only": True,
                "open_communities": s.open_communities,
                "serves_reports_publicly": False,
                "deletion_purges_content": True,
                "expired_events_purged": True,
                "holds_first_posts": True,
                "serves_mailboxes_publicly": False,
            },
            # private mailboxes (protocol section 15)
            "mailbox": {
                "retention": s.mailbox_retention,
                "per_recipient_per_day": s.mailbox_per_recipient,
                "requests_per_sender_per_day": s.requests_per_sender,
                "max_mailboxes_per_stream": MAX_MAILBOXES,
            },
        }

    # -- endpoints ----------------------------------------------------------------------

    async def info(self, request: Request) -> Response:
        """GET /v1/info."""
        return json_response(request, self._info)

    async def ping(self, request: Request) -> Response:
        """GET /v1/ping: does nothing, so benchmarks can measure the framework's ceiling."""
        return Response(b"{}", media_type="application/json")

    async def health(self, request: Request) -> Response:
        """GET /v1/health: the process is up and its store answers."""
        process = {"pid": os.getpid(), "requests": self.requests}
        try:
            await self.read(queries.ping())
        except Exception:
            body = {"status": "unavailable", "storage": self.storage.kind, "process": process}
            return json_response(request, dumps(body), status=503)
        body = {"status": "ok", "storage": self.storage.kind, "process": process}
        return json_response(request, dumps(body))

    async def communities(self, request: Request) -> Response:
        """GET /v1/communities: the current definition event of each community."""
        bodies = await self.read(queries.community_bodies())
        return json_response(request, f'{{"communities":[{",".join(bodies)}]}}'.encode())

    async def event(self, request: Request) -> Response:
        """GET /v1/events/{id}."""
        event_id = request.path_params["event_id"]
        if not HEX64_RE.fullmatch(event_id):
            raise RequestRefused(400, "malformed", "An event id is 64 lowercase hex characters.")
        found = await self.read(queries.lookup(event_id, int(time.time())))
        if found.state == "found" and found.body is not None:
            return json_response(request, found.body.encode())
        if found.state == "missing":
            raise RequestRefused(404, "not-found", "This relay has no such event.")
        detail = {
            "deleted": "The author deleted this event.",
            "hidden": "A moderator hid this event.",
            "expired": "This event has expired.",
        }[found.state]
        extra = {"deletion": found.deletion} if found.deletion else {}
        return json_response(request, error_body(found.state, detail, **extra), status=410)

    async def events(self, request: Request) -> Response:
        """/v1/events: one route for both methods, so a 405 lists both in ``Allow``."""
        if request.method == "POST":
            return await self.publish(request)
        return await self.pull(request)

    async def pull(self, request: Request) -> Response:
        """GET /v1/events?community=SLUG&after=CURSOR&limit=N."""
        community, after, limit = self._pull_params(request)
        page = await self.page_after(community, after, limit)
        headers = {"etag": page.etag, "cache-control": "no-cache"}
        if etag_matches(request.headers.get("if-none-match"), page.etag):
            return Response(status_code=304, headers=headers)
        if page.gzipped is not None and accepts_gzip(request):
            return gzip_response(page.gzipped, headers=headers)
        return json_response(request, page.body, headers=headers)

    async def feed_version(self, community: str) -> int:
        """A feed's version (or a mailbox's): from memory where notifications keep it current."""
        if is_mailbox_feed(community):
            recipient = community.removeprefix(FEED_PREFIX)
            return await self.versions.get(
                community, lambda: self.read(queries.mailbox_version(recipient))
            )
        return await self.versions.get(
            community, lambda: self.read(queries.feed_version(community))
        )

    async def mailbox_page(self, recipient: str, after: int, limit: int) -> BuiltPage:
        """A mailbox's page after a cursor, always read afresh.

        Never cached: a recipient's deletion changes what a mailbox serves
        without changing its version, and nobody else reads the same page.
        """
        now = int(time.time())
        rows = await self.read(
            queries.mailbox_page(recipient, after, limit, now, planned_once=self.planned_once)
        )
        return build_page(rows, after, 0)

    async def page_after(self, community: str, after: int, limit: int) -> BuiltPage:
        """The page after a cursor, from the cache when the feed has not changed since."""
        now = int(time.time())
        version = await self.feed_version(community)
        key = (community, after, limit)
        page = self.cache.get(key, version, now)
        if page is None:
            rows = await self.read(
                queries.page(community, after, limit, now, planned_once=self.planned_once)
            )
            page = build_page(rows, after, version)
            self.cache.put(key, page)
        return page

    async def stream(self, request: Request) -> Response:
        """GET /v1/stream?feed=SLUG:CURSOR&mailbox=KEY:CURSOR&…: new pages as server-sent events.

        Each mailbox is proven by its own signature in a ``PeerHaven-Mailbox``
        header (``relay/streams.parse_mailboxes``); community feeds need none.
        """
        mailboxes = parse_mailboxes(
            request.query_params.getlist("mailbox"),
            request.headers.getlist("peerhaven-mailbox"),
            int(time.time()),
        )
        feeds = parse_feeds(request.query_params.getlist("feed"), mailboxes=len(mailboxes))
        feeds.update(mailboxes)
        limit = self.page_limit(request.query_params.get("limit"))
        watch = self.hub.admit(frozenset(feeds))

        async def read_page(community: str, after: int) -> tuple[bytes, int, bool]:
            if is_mailbox_feed(community):
                page = await self.mailbox_page(community.removeprefix(FEED_PREFIX), after, limit)
            else:
                page = await self.page_after(community, after, limit)
            return page.body, page.next_cursor, page.more

        frames = stream_frames(self.hub, watch, feeds, self.feed_version, read_page)
        return EventSourceResponse(
            frames,
            ping=self.settings.stream_heartbeat,
            send_timeout=STREAM_SEND_TIMEOUT,
            headers={"cache-control": "no-cache", "x-accel-buffering": "no"},
            # a stream that ended before its first frame still gives its place back
            background=BackgroundTask(self.hub.leave, watch),
        )

    def _pull_params(self, request: Request) -> tuple[str, int, int]:
        params = request.query_params
        community = params.get("community", "")
        if community and not SLUG_RE.fullmatch(community):
            raise RequestRefused(400, "malformed", "The community is not a valid slug.")
        after = parse_cursor(params.get("after", ""))
        return community, after, self.page_limit(params.get("limit"))

    def page_limit(self, raw_limit: str | None) -> int:
        """A page size asked for (pulls and streams), or the default."""
        if raw_limit is None:
            return self.settings.page_default
        if not (raw_limit.isascii() and raw_limit.isdigit() and len(raw_limit) <= 6):
            raise RequestRefused(400, "malformed", "The limit is not a whole number.")
        limit = int(raw_limit)
        if not 1 <= limit <= self.settings.page_max:
            raise RequestRefused(
                400, "malformed", f"The limit must be between 1 and {self.settings.page_max}."
            )
        return limit

    async def publish(self, request: Request) -> Response:
        """POST /v1/events: a batch in, one result per event out, in order."""
        items = await self._batch(request)
        now = int(time.time())
        checked: list[Checked]
        check = partial(self.verifier.check, now=now, limits=self.settings.limits)
        if len(items) <= INLINE_VERIFY:
            checked = check(items)
        else:
            checked = await asyncio.get_running_loop().run_in_executor(None, check, items)
        results: list[Outcome | None] = [None] * len(items)
        valid = []
        slots = []
        wait = 0.0
        for index, (item, verdict) in enumerate(zip(items, checked, strict=True)):
            if verdict.event is None:
                reason = verdict.error.reason.value if verdict.error else "malformed"
                results[index] = Outcome(_claimed_id(item), "rejected", reason)
                continue
            if verdict.event.kind in MAILBOX_KINDS:
                # signed by a key made for this event alone: a bucket per key limits
                # nothing; the recipient's daily limit does (in the write transaction)
                valid.append(verdict.event)
                slots.append(index)
                continue
            delay = self.pubkeys.take(verdict.event.pubkey)
            if delay:
                wait = max(wait, delay)
                results[index] = Outcome(
                    verdict.event.id, "rejected", RelayReason.RATE_LIMITED.value
                )
                continue
            valid.append(verdict.event)
            slots.append(index)
        full_mailboxes = 0
        for index, outcome in zip(slots, await self.writer.submit(valid), strict=True):
            results[index] = outcome
            if outcome.reason == RelayReason.RATE_LIMITED.value:
                full_mailboxes += 1  # only mailbox events are limited in the transaction
                wait = max(wait, float(DAY - now % DAY))
        body = dumps(
            [{"id": r.id, "status": r.status, "reason": r.reason} for r in results if r is not None]
        )
        headers = {"retry-after": str(retry_after(wait))} if wait else None
        # a batch refused whole because its mailboxes are full for today is a 429 (the
        # body still answers for each event), so a client's outbox waits as told
        status = 429 if full_mailboxes == len(items) else 200
        return json_response(request, body, status=status, headers=headers)

    async def _batch(self, request: Request) -> list[Any]:
        raw = await read_body(request, self.settings.max_body_bytes)
        try:
            items = json.loads(raw)
        except (ValueError, RecursionError) as exc:
            raise RequestRefused(400, "malformed", "The body is not valid JSON.") from exc
        if not isinstance(items, list):
            raise RequestRefused(400, "malformed", "The body must be a JSON array of events.")
        if not items:
            raise RequestRefused(400, "malformed", "The batch is empty.")
        if len(items) > self.settings.max_batch:
            raise RequestRefused(
                413,
                "batch-too-large",
                f"A batch holds at most {self.settings.max_batch} events.",
            )
        if not all(isinstance(item, dict) for item in items):
            raise RequestRefused(422, "invalid-event", "Every batch item must be an event object.")
        return items


def _claimed_id(item: Any) -> str:
    value = item.get("id") if isinstance(item, dict) else None
    return value if isinstance(value, str) and HEX64_RE.fullmatch(value) else ""
