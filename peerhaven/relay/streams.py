"""Live feeds: ``GET /v1/stream`` holds one connection open and sends each feed's new pages.

A stream is server-sent events over plain HTTP, chosen over long-polling because it
resumes from the same opaque cursors as pulls, carries several feeds on one
connection, passes through HTTP and SOCKS proxies (Tor included) as an ordinary
response, and costs the relay one coroutine and a few kilobytes, never a thread.

Nothing is missed and nothing is sent twice: a stream reads a feed's version before
reading the pages after its cursor, so a commit that lands meanwhile changes the
version and wakes it again; its cursor only moves past events it has sent. It reads
through the same page cache as pulls, so a post fanned out to a thousand streams at
the same cursor costs one query.

Streams are woken by the :class:`StreamHub` of their process: at once by this
process's own commits; by the other processes' commits through PostgreSQL's
notifications (``FeedVersions``); and, where no notification can come (SQLite
shared by several processes, or the listening connection down), by a check of the
watched feeds' versions every ``stream_poll_interval`` seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field

from peerhaven.core.auth import AuthError, check_auth
from peerhaven.core.event import HEX64_RE, SLUG_RE
from peerhaven.core.i18n import _
from peerhaven.relay.errors import RequestRefused
from peerhaven.relay.pages import parse_cursor
from peerhaven.relay.storage.mailbox import FEED_PREFIX, is_mailbox_feed, mailbox_feed

log = logging.getLogger("peerhaven.relay")

#: feeds one stream may watch
MAX_FEEDS = 64
#: mailboxes one stream may follow (each costs a signature header in the request)
MAX_MAILBOXES = 16
#: one proof inside a ``PeerHaven-Mailbox`` header (the ``Authorization`` form)
_PROOF = re.compile(r"PeerHaven\s+pubkey=[0-9a-f]{64},\s*ts=[0-9]{1,12},\s*sig=[0-9a-f]{128}")
#: the path a mailbox's stream signature names (``core/auth.auth_message``)
STREAM_PATH = "/v1/stream"
#: seconds a client refused for lack of room waits before trying to stream again
RETRY_WHEN_FULL = 30


def parse_feeds(values: list[str], *, mailboxes: int = 0) -> dict[str, int]:
    """``feed=SLUG:CURSOR`` parameters (``SLUG:`` from the start) as slug -> cursor.

    A slug holds no colon, so the first colon splits, whatever a cursor may
    become; a repeated slug is refused rather than guessed at. A stream of
    ``mailboxes`` alone needs no feed.
    """
    if not values and not mailboxes:
        raise RequestRefused(400, "malformed", "Name at least one feed as feed=SLUG:CURSOR.")
    if len(values) > MAX_FEEDS:
        raise RequestRefused(400, "malformed", f"A stream can watch at most {MAX_FEEDS} feeds.")
    feeds: dict[str, int] = {}
    for value in values:
        slug, colon, raw = value.partition(":")
        if not colon:
            raise RequestRefused(400, "malformed", "Each feed is written SLUG:CURSOR.")
        if slug and not SLUG_RE.fullmatch(slug):
            raise RequestRefused(400, "malformed", "The community is not a valid slug.")
        if slug in feeds:
            raise RequestRefused(400, "malformed", "A stream names each feed once.")
        feeds[slug] = parse_cursor(raw)
    return feeds


def parse_mailboxes(values: list[str], proofs: list[str], now: int) -> dict[str, int]:
    """``mailbox=KEY:CURSOR`` parameters, each proven by a ``PeerHaven-Mailbox`` header.

    A header holds a ``core/auth`` signature by the mailbox's key of ``GET
    /v1/stream`` (community ``""``), in the ``Authorization`` header's form; one
    header per mailbox, in any order. A mailbox without a valid proof is 401,
    a proof by a key whose mailbox was not named is ignored. Returns the
    mailboxes under their feed names (``@KEY``) with their cursors.
    """
    if not values:
        return {}
    if len(values) > MAX_MAILBOXES:
        raise RequestRefused(
            400,
            "malformed",
            _("A stream can follow at most {count} mailboxes.").format(count=MAX_MAILBOXES),
        )
    proven: set[str] = set()
    # a proxy may join repeated headers into one, separated by commas (RFC 9110), and a
    # proof holds commas itself: each proof is found by its own shape
    if any(not _PROOF.search(value) for value in proofs):
        raise RequestRefused(
            401, "unauthenticated", _("A PeerHaven-Mailbox header holds no PeerHaven signature.")
        )
    found = [match for value in proofs for match in _PROOF.findall(value)]
    for proof in found[: MAX_MAILBOXES * 2]:
        try:
            proven.add(check_auth(proof, "GET", STREAM_PATH, "", now))
        except AuthError as exc:
            raise RequestRefused(401, "unauthenticated", str(exc)) from exc
    mailboxes: dict[str, int] = {}
    for value in values:
        key, colon, raw = value.partition(":")
        if not colon or not HEX64_RE.fullmatch(key):
            raise RequestRefused(
                400, "malformed", _("Each mailbox is written KEY:CURSOR (KEY: 64 hex).")
            )
        if mailbox_feed(key) in mailboxes:
            raise RequestRefused(400, "malformed", _("A stream names each mailbox once."))
        if key not in proven:
            raise RequestRefused(
                401,
                "unauthenticated",
                _("Each mailbox must be proven by its key's signature (PeerHaven-Mailbox header)."),
            )
        mailboxes[mailbox_feed(key)] = parse_cursor(raw)
    return mailboxes


@dataclass(eq=False)
class Watch:
    """One open stream as the hub sees it: the feeds it watches and how to wake it."""

    feeds: frozenset[str]
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    #: set when the process shuts down: the stream ends
    closed: bool = False


class StreamHub:
    """The open streams of one relay process, and what wakes them."""

    def __init__(
        self,
        capacity: int,
        poll_interval: float,
        read_version: Callable[[str], Awaitable[int]],
        must_poll: Callable[[], bool],
    ) -> None:
        self.capacity = capacity
        self.poll_interval = poll_interval
        self._read_version = read_version
        self._must_poll = must_poll
        self._watches: set[Watch] = set()
        #: the open streams watching each feed, kept as they come and go: a check
        #: costs the number of feeds watched, never the number of streams
        self._by_feed: dict[str, set[Watch]] = {}
        self._seen: dict[str, int] = {}
        self._poked = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        #: streams refused because the hub was full (for operators and tests)
        self.refused = 0

    @property
    def open(self) -> int:
        return len(self._watches)

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        for watch in self._watches:
            watch.closed = True
            watch.wake.set()

    def admit(self, feeds: frozenset[str]) -> Watch:
        """A place for a new stream, or 503 when every place is taken."""
        if len(self._watches) >= self.capacity:
            self.refused += 1
            raise RequestRefused(
                503,
                "unavailable",
                "This relay holds as many live streams as it can; poll instead, or try later.",
                retry_after=RETRY_WHEN_FULL,
            )
        watch = Watch(feeds)
        self._watches.add(watch)
        for feed in feeds:
            self._by_feed.setdefault(feed, set()).add(watch)
        return watch

    def leave(self, watch: Watch) -> None:
        """A stream ended (called again when its response ends: the second call is a no-op)."""
        if watch not in self._watches:
            return
        self._watches.discard(watch)
        for feed in watch.feeds:
            watching = self._by_feed.get(feed)
            if watching is not None:
                watching.discard(watch)
                if not watching:
                    del self._by_feed[feed]
                    self._seen.pop(feed, None)

    def poke(self) -> None:
        """Something may have changed: check the watched feeds soon (calls coalesce)."""
        if self._watches:
            self._poked.set()

    async def _run(self) -> None:
        while True:
            timeout = self.poll_interval if self._must_poll() else None
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._poked.wait(), timeout)
            self._poked.clear()
            if not self._watches:
                continue
            try:
                await self._check()
            except Exception as exc:  # a storage fault: the streams wait for the next check
                log.warning("checking live feeds failed: %s", type(exc).__name__)
                await asyncio.sleep(self.poll_interval)

    async def _check(self) -> None:
        for feed in list(self._by_feed):
            version = await self._read_version(feed)
            if self._seen.get(feed) == version:
                continue
            self._seen[feed] = version
            for watch in self._by_feed.get(feed, ()):
                watch.wake.set()


@dataclass
class FeedState:
    """Where one stream stands in one feed."""

    cursor: int
    version: int | None = None


PageReader = Callable[[str, int], Awaitable[tuple[bytes, int, bool]]]
"""Reads the page after a cursor: the page's JSON, its ``next`` cursor, and ``more``."""


async def stream_frames(
    hub: StreamHub,
    watch: Watch,
    feeds: dict[str, int],
    read_version: Callable[[str], Awaitable[int]],
    read_page: PageReader,
) -> AsyncIterator[dict[str, str]]:
    """The frames of one stream: a ``page`` per new page of a feed, then ``caught-up``
    once every feed was read to its end (heartbeats are the response's own)."""
    states = {feed: FeedState(cursor) for feed, cursor in feeds.items()}
    first = True
    try:
        while True:
            watch.wake.clear()
            for feed, state in states.items():
                version = await read_version(feed)
                if version == state.version:
                    continue
                state.version = version
                more = True
                while more:
                    page, cursor, more = await read_page(feed, state.cursor)
                    if cursor == state.cursor and not more:
                        break
                    state.cursor = cursor
                    yield {"event": "page", "data": _page_frame(feed, page)}
            if first:
                yield {"event": "caught-up", "data": "{}"}
                first = False
            await watch.wake.wait()
            if watch.closed:
                return
    finally:
        hub.leave(watch)


def _page_frame(feed: str, page: bytes) -> str:
    """The page's JSON with its feed (or mailbox) named first, spliced rather than re-encoded."""
    if is_mailbox_feed(feed):
        return '{"mailbox":"' + feed.removeprefix(FEED_PREFIX) + '",' + page.decode()[1:]
    return '{"community":"' + feed + '",' + page.decode()[1:]
