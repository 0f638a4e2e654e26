"""Serving feed pages cheaply: joined from stored JSON, cached by feed version.

The storage keeps, per feed, a version number that every write touching the
feed bumps in the same transaction. A pull first reads that number (one
primary-key lookup); when a cached page for the same (feed, cursor, limit)
was built at that version and none of its events has expired since, the
cached bytes and ETag are served as they are (compressed pages are kept
compressed only, see ``BuiltPage``). The ETag is a hash of the page
bytes, so it changes exactly when the page does, in every process.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass

from peerhaven.relay.errors import RequestRefused
from peerhaven.relay.responses import GZIP_MIN_BYTES, compress, inflate
from peerhaven.relay.storage.base import Page

#: digits of a cursor this relay hands out (a feed's sequence number)
MAX_CURSOR_DIGITS = 18


def parse_cursor(raw: str) -> int:
    """A cursor from a pull or a stream ("" for the start), or a 400 in words."""
    if raw == "":
        return 0
    if raw.isascii() and raw.isdigit() and len(raw) <= MAX_CURSOR_DIGITS:
        return int(raw)
    raise RequestRefused(400, "malformed", "The cursor is not one this relay handed out.")


@dataclass
class BuiltPage:
    """A page ready to send.

    A page worth compressing is kept only compressed: the gzip body is what
    clients ask for (they send ``Accept-Encoding: gzip``), and at a third of
    the plain size the cache holds three times as many pages in its budget,
    which is what readers catching up from many cursors need. The rare client
    that reads plain JSON gets it inflated (a fraction of compressing it again).
    """

    version: int
    #: the page is stale from this Unix time on (an event in it expires)
    stale_at: int | None
    etag: str
    #: the JSON body, kept as it is when too small to compress
    plain: bytes | None
    #: the JSON body, gzip-compressed, when it is ``GZIP_MIN_BYTES`` or more
    gzipped: bytes | None
    #: the page's ``next`` cursor and ``more``, for live streams
    next_cursor: int = 0
    more: bool = False

    @property
    def body(self) -> bytes:
        """The JSON body."""
        if self.plain is not None:
            return self.plain
        assert self.gzipped is not None
        return inflate(self.gzipped)

    @property
    def size(self) -> int:
        return len(self.plain or b"") + len(self.gzipped or b"") + 200


def build_page(page: Page, after: int, version: int) -> BuiltPage:
    """``{"events": [...], "next": CURSOR, "more": BOOL}`` without re-encoding events."""
    nxt = page.rows[-1][0] if page.rows else after
    events = ",".join(body for _, body in page.rows)
    more = "true" if page.more else "false"
    body = f'{{"events":[{events}],"next":"{nxt}","more":{more}}}'.encode()
    etag = '"' + hashlib.blake2b(body, digest_size=12).hexdigest() + '"'
    if len(body) >= GZIP_MIN_BYTES:
        return BuiltPage(version, page.expires_at, etag, None, compress(body), nxt, page.more)
    return BuiltPage(version, page.expires_at, etag, body, None, nxt, page.more)


class PageCache:
    """Least recently used pages within a byte budget."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._pages: OrderedDict[tuple[str, int, int], BuiltPage] = OrderedDict()
        self._bytes = 0
        self.hits = 0
        self.misses = 0

    def get(self, key: tuple[str, int, int], version: int, now: int) -> BuiltPage | None:
        """The cached page if it is still exactly what the store would serve."""
        page = self._pages.get(key)
        if (
            page is None
            or page.version != version
            or (page.stale_at is not None and page.stale_at <= now)
        ):
            self.misses += 1
            return None
        self._pages.move_to_end(key)
        self.hits += 1
        return page

    def put(self, key: tuple[str, int, int], page: BuiltPage) -> None:
        """Remember a page, evicting the least recently used beyond the budget."""
        if self.max_bytes <= 0 or page.size > self.max_bytes:
            return
        old = self._pages.pop(key, None)
        if old is not None:
            self._bytes -= old.size
        self._pages[key] = page
        self._bytes += page.size
        while self._bytes > self.max_bytes:
            _, evicted = self._pages.popitem(last=False)
            self._bytes -= evicted.size


def etag_matches(header: str | None, etag: str) -> bool:
    """Whether ``If-None-Match`` names this ETag (weak comparison, as RFC 9110 asks)."""
    if not header:
        return False
    if header.strip() == "*":
        return True
    return any(tag.strip().removeprefix("W/") == etag for tag in header.split(","))
