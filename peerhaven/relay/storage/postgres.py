"""The shared backend: PostgreSQL through psycopg 3, for several relay processes or machines.

Every write transaction first takes one transaction-level advisory lock, so
writers run one at a time across all processes. That is what makes cursors
safe: ``seq`` values are drawn inside the lock and the lock is released only
after the commit is visible, so a transaction that becomes visible later
always carries larger ``seq`` values, and a reader that saw ``seq`` N can never
later find a new row below N. Group commit keeps the lock cheap: one
transaction carries every event that arrived while the previous one ran.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from typing import Any, TypeVar

import psycopg

from peerhaven.relay.feedversions import CHANNEL, EVERY_FEED
from peerhaven.relay.storage.base import Cursor, Storage
from peerhaven.relay.storage.mailbox import mailbox_feed
from peerhaven.relay.storage.queries import Query

T = TypeVar("T")

log = logging.getLogger("peerhaven.relay")

#: NOTIFY payloads are limited to 8000 bytes; beyond this, "every feed changed"
MAX_PAYLOAD = 7000

#: The columns whose statistics steer a plan: a feed page's (community, seq,
#: public, hidden, expires_at) and the per-kind counts. The long text columns are
#: left out: ``id`` is unique (the planner knows from its index), and nothing
#: filters on ``body`` or ``pubkey``, yet sorting 30,000 sampled bodies and ids
#: was most of an ANALYZE, about a fifth of PostgreSQL's CPU under a publish load.
ANALYZED_COLUMNS = "community, seq, kind, public, hidden, expires_at, created_at"

#: the advisory lock key every PeerHaven relay writer takes ("PHRL")
WRITE_LOCK_KEY = 0x5048524C


#: ``WriteBatch`` rows as one column array each, in ``Storage.EVENT_COLUMNS`` order
_INSERT_EVENTS = (
    f"INSERT INTO events ({Storage.EVENT_COLUMNS})"
    " SELECT * FROM unnest(%b::text[], %b::text[], %b::text[], %b::text[], %b::bigint[],"
    " %b::bigint[], %b::int[], %b::int[], %b::text[])"
)


#: every touched feed's version bumped (a data-modifying CTE named ``bumped``) ...
_BUMPED = (
    "bumped AS (INSERT INTO feeds (community, version)"
    " SELECT slug, 1 FROM unnest(%s::text[]) AS slug"
    " ON CONFLICT (community) DO UPDATE SET version = feeds.version + 1"
    " RETURNING community)"
)
#: ... and the listening relay processes told which (or, past NOTIFY's payload
#: limit, to forget every feed)
_NOTIFY = (
    " SELECT pg_notify(%s, CASE WHEN sum(length(community) + 1) > %s THEN %s"
    " ELSE string_agg(community, E'\\n') END) FROM bumped"
)


def _columns(rows: list[tuple[Any, ...]]) -> list[list[Any]]:
    """``_INSERT_EVENTS``'s parameters: the rows as one list per column."""
    return [list(column) for column in zip(*rows, strict=True)]


def _bump_params(slugs: list[str]) -> list[Any]:
    """``_BUMPED`` and ``_NOTIFY``'s parameters."""
    return [slugs, CHANNEL, MAX_PAYLOAD, EVERY_FEED]


@lru_cache(maxsize=256)
def _placeholders(text: str) -> str:
    return text.replace("?", "%s")


class PostgresStorage(Storage):
    """A relay store in a PostgreSQL database shared by any number of relay processes."""

    kind = "postgresql"
    seq_type = "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"
    _reconnect_on_retry = True

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url
        self._unanalyzed = 0
        self._analyzed_rows = 0
        # ANALYZE of a table of 60,000 events takes ~90 ms: on the writer thread
        # that stalled every publish of this process. It runs on a thread of its own.
        self._analyzer = ThreadPoolExecutor(1, thread_name_prefix="relay-analyze")
        self._analyzing = threading.Event()

    def _after_insert(self, rows: int) -> None:
        # Planner statistics of a fast-growing table go stale long before
        # autovacuum's next visit, and with stale ones PostgreSQL pages a feed by
        # sorting every row after the cursor (measured: 20 ms a page instead of
        # 0.06 ms). Re-analyse whenever the table grew by a fifth since last time.
        self._unanalyzed += rows
        if self._analyzing.is_set() or self._unanalyzed < max(1000, self._analyzed_rows // 5):
            return
        self._analyzing.set()
        grown, self._unanalyzed = self._unanalyzed, 0
        self._analyzer.submit(self._analyze, grown)

    def _analyze(self, grown: int) -> None:
        """Refresh the statistics of ``events`` on the analyzer thread's own connection."""
        try:
            self._conn(writer=False).execute(f"ANALYZE events ({ANALYZED_COLUMNS})")
            self._analyzed_rows += grown
        except psycopg.Error as exc:
            log.warning("analysing the events table failed: %s", type(exc).__name__)
            self._drop_connection(writer=False)
        finally:
            self._analyzing.clear()

    def close(self) -> None:
        """Let a running ANALYZE finish, then close every connection."""
        self._analyzer.shutdown(wait=True)
        self._analyzer = ThreadPoolExecutor(1, thread_name_prefix="relay-analyze")
        super().close()

    def _connect(self, *, writer: bool) -> psycopg.Connection[Any]:
        return psycopg.connect(self.url, autocommit=not writer, connect_timeout=10)

    @contextlib.contextmanager
    def _write_cursor(self, conn: Any, *, pipelined: bool) -> Iterator[Cursor]:
        # Every round trip of a write transaction is paid holding the write lock,
        # and on the writer thread each one also waits for the GIL. In pipeline
        # mode a group's transaction is three round trips: BEGIN and the lock (its
        # answer says the lock is held), the facts query, then the inserts, the
        # feed bumps and COMMIT together.
        assert isinstance(conn, psycopg.Connection)
        if not pipelined:
            yield conn.cursor()
            return
        with conn.pipeline() as pipeline:
            yield _PipelinedCursor(conn.cursor(), pipeline)

    def _insert_events(self, cur: Cursor, rows: list[tuple[Any, ...]]) -> None:
        # One statement for the whole group, with a column array per parameter:
        # it can be pipelined (COPY cannot), and costs PostgreSQL one plan and one
        # executor run instead of one per row. No ON CONFLICT: the batch holds the
        # write lock and dropped every id the store already had, and repeats within
        # the batch, before getting here. Binary parameters (``%b``) send the
        # bodies as they are, with no array quoting to escape their JSON.
        cur.execute(_INSERT_EVENTS, _columns(rows))

    def _bump_feeds(self, cur: Cursor, communities: Iterable[str]) -> None:
        # One statement, one round trip under the write lock: bump every feed and
        # NOTIFY the listening relay processes (delivered at commit; FeedVersions).
        slugs = sorted(set(communities))
        if slugs:
            cur.execute(f"WITH {_BUMPED}{_NOTIFY}", _bump_params(slugs))

    def _notify_mailboxes(self, cur: Cursor, recipients: list[str]) -> None:
        # Delivered at commit, like the feed bumps: other processes' mailbox
        # streams wake (FeedVersions forgets the mailbox's remembered version).
        names = "\n".join(mailbox_feed(key) for key in recipients)
        payload = names if len(names) <= MAX_PAYLOAD else EVERY_FEED
        cur.execute("SELECT pg_notify(%s, %s)", (CHANNEL, payload))

    def _insert_and_bump(
        self, cur: Cursor, rows: list[tuple[Any, ...]], communities: Iterable[str]
    ) -> None:
        # The group's last rows and its feed bumps as one statement: psycopg
        # spends ~40 µs of this thread's time on each statement it sends, and a
        # transaction of single publishes carries only a dozen events.
        slugs = sorted(set(communities))
        if not rows or not slugs:
            super()._insert_and_bump(cur, rows, slugs)
            return
        cur.execute(
            f"WITH inserted AS ({_INSERT_EVENTS}), {_BUMPED}{_NOTIFY}",
            [*_columns(rows), *_bump_params(slugs)],
        )

    def _begin_write(self, cur: Cursor) -> None:
        cur.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK_KEY,))

    def _hold_lock(self, cur: Cursor) -> None:
        # In pipeline mode the lock is only queued: wait for its answer.
        cur.fetchone()

    def _retryable(self, exc: BaseException) -> bool:
        return isinstance(exc, psycopg.OperationalError)

    def _sql(self, text: str) -> str:
        return _placeholders(text)

    def _in(self, column: str, values: Sequence[str]) -> tuple[str, list[Any]]:
        return f"{column} = ANY(%s)", [list(values)]


class _PipelinedCursor:
    """A cursor in pipeline mode whose ``rowcount`` is the real one.

    psycopg knows a statement's row count only once its answer arrived, and says
    -1 until then; code that branches on ``rowcount`` must not see that.
    """

    def __init__(self, cur: psycopg.Cursor[Any], pipeline: psycopg.Pipeline) -> None:
        self._cur = cur
        self._pipeline = pipeline

    def execute(self, sql: Any, params: Any = None, /) -> Any:
        return self._cur.execute(sql, params)

    def executemany(self, sql: Any, params: Any, /) -> Any:
        return self._cur.executemany(sql, params)

    def fetchall(self) -> list[Any]:
        return self._cur.fetchall()

    def fetchone(self) -> Any:
        return self._cur.fetchone()

    @property
    def rowcount(self) -> int:
        self._pipeline.sync()
        return self._cur.rowcount


class AsyncReader:
    """Runs read queries on a few asynchronous connections, on the event loop itself.

    A read is one round trip of ~30 µs on loopback; handing it to a thread and
    back cost more than the query, and under load the thread then waited for
    the GIL. Connections are opened on demand and replaced when one breaks.

    Statements are planned once per connection for all values (a generic
    plan). psycopg prepares a query it sees a fifth time, and PostgreSQL then
    weighed the generic plan of a feed page (its ``LIMIT`` unknown) as costly
    and planned every pull anew: a third of its CPU per page that missed the
    cache. A query run here must therefore be phrased so that its plan does
    not depend on its values (``queries.page(planned_once=True)``).
    """

    def __init__(self, url: str, size: int = 4) -> None:
        self.url = url
        self.size = size
        self._idle: list[psycopg.AsyncConnection[Any]] = []
        self._open = 0
        self._available = asyncio.Condition()

    async def run(self, query: Query[T]) -> T:
        """The query's answer; retried once on a fresh connection if the old one broke."""
        for attempt in (1, 2):
            conn = await self._take()
            try:
                cur = await conn.execute(_placeholders(query.sql), query.params)
                rows = await cur.fetchall()
            except psycopg.OperationalError:
                await self._discard(conn)
                if attempt == 2:
                    raise
                continue
            await self._give_back(conn)
            return query.build(rows)
        raise AssertionError("unreachable")

    async def _take(self) -> psycopg.AsyncConnection[Any]:
        async with self._available:
            while not self._idle and self._open >= self.size:
                await self._available.wait()
            if self._idle:
                return self._idle.pop()
            self._open += 1
        try:
            conn = await psycopg.AsyncConnection.connect(
                self.url, autocommit=True, connect_timeout=10
            )
            try:
                await conn.execute("SET plan_cache_mode = force_generic_plan")
            except BaseException:
                await conn.close()
                raise
            return conn
        except BaseException:
            async with self._available:
                self._open -= 1
                self._available.notify()
            raise

    async def _give_back(self, conn: psycopg.AsyncConnection[Any]) -> None:
        async with self._available:
            self._idle.append(conn)
            self._available.notify()

    async def _discard(self, conn: psycopg.AsyncConnection[Any]) -> None:
        try:
            await conn.close()
        finally:
            async with self._available:
                self._open -= 1
                self._available.notify()

    async def close(self) -> None:
        """Close the idle connections (call when no read is in flight)."""
        async with self._available:
            idle, self._idle = self._idle, []
            self._open -= len(idle)
        for conn in idle:
            await conn.close()
