"""The storage both backends share: one write path that applies policy, and cheap reads.

All methods are synchronous. The app runs writes on one writer thread (group
commit, see ``peerhaven.relay.writer``); reads are ``Query`` values
(``peerhaven.relay.storage.queries``) that the app runs inline on SQLite, where a
read takes microseconds, and on asynchronous connections on PostgreSQL.
Subclasses supply connections, the SQL dialect and how to take the write lock.
"""

from __future__ import annotations

import contextlib
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from peerhaven.core.community import CommunityDefinition
from peerhaven.core.event import Event
from peerhaven.relay.policy import PolicyState, Rules
from peerhaven.relay.storage import mailbox, queries
from peerhaven.relay.storage.queries import Lookup, Page, Query
from peerhaven.relay.storage.schema import SCHEMA_VERSION, TABLES

T = TypeVar("T")

#: how long a write keeps retrying a busy store before giving up
WRITE_RETRY_SECONDS = 30.0


class Cursor(Protocol):
    """The part of a DB-API cursor we use (sqlite3 and psycopg both fit)."""

    def execute(self, sql: Any, params: Any = ..., /) -> Any: ...
    def executemany(self, sql: Any, params: Any, /) -> Any: ...
    def fetchall(self) -> list[Any]: ...
    def fetchone(self) -> Any: ...

    @property
    def rowcount(self) -> int: ...


@dataclass(frozen=True, slots=True)
class Outcome:
    """One event's result, exactly as ``POST /v1/events`` reports it."""

    id: str
    status: str
    reason: str | None = None


class Storage(ABC):
    """One relay store; a process holds one, each thread uses its own connection."""

    kind: str = ""

    def __init__(self) -> None:
        self._state = PolicyState()
        self._policy_version: str | None = None
        self._local = threading.local()
        self._lock = threading.Lock()
        self._all: list[Any] = []

    # -- what the backends provide ----------------------------------------------

    @abstractmethod
    def _connect(self, *, writer: bool) -> Any:
        """A new connection; writers manage transactions, readers autocommit."""

    @abstractmethod
    def _begin_write(self, cur: Cursor) -> None:
        """Start a transaction holding the store-wide write lock."""

    @abstractmethod
    def _retryable(self, exc: BaseException) -> bool:
        """Whether a failed write may simply be tried again (busy, connection reset)."""

    @abstractmethod
    def _sql(self, text: str) -> str:
        """The statement in the backend's placeholder style (written with ``?``)."""

    @abstractmethod
    def _in(self, column: str, values: Sequence[str]) -> tuple[str, list[Any]]:
        """A ``column IN values`` condition and its parameters."""

    seq_type: str = ""

    # -- lifecycle ----------------------------------------------------------------

    def open(self) -> None:
        """Create the schema if it is missing.

        Through the retrying write path: several relay processes starting at once
        all try this, and the writer connection does not wait on a busy store by
        itself (a bare transaction here failed at start-up with "database is locked").
        """

        def work(cur: Cursor) -> None:
            for statement in TABLES:
                cur.execute(statement.format(seq=self.seq_type))
            cur.execute(
                self._sql(
                    "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING"
                ),
                ("schema", str(SCHEMA_VERSION)),
            )

        self._write(work)

    def close(self) -> None:
        """Close every connection any thread opened (call once those threads are idle)."""
        with self._lock:
            conns, self._all = self._all, []
        for conn in conns:
            try:
                conn.close()
            except Exception:  # closing is best effort at shutdown
                pass
        self._local = threading.local()

    def _conn(self, *, writer: bool) -> Any:
        name = "writer" if writer else "reader"
        conn = getattr(self._local, name, None)
        if conn is None:
            conn = self._connect(writer=writer)
            setattr(self._local, name, conn)
            with self._lock:
                self._all.append(conn)
        return conn

    def _drop_connection(self, *, writer: bool) -> None:
        name = "writer" if writer else "reader"
        conn = getattr(self._local, name, None)
        setattr(self._local, name, None)
        if conn is not None:
            with self._lock:
                if conn in self._all:
                    self._all.remove(conn)
            try:
                conn.close()
            except Exception:  # already broken; we only want it gone
                pass

    # -- writing --------------------------------------------------------------------

    def apply(self, events: Sequence[Event], now: int, rules: Rules) -> list[Outcome]:
        """Store what policy allows, in one transaction; results follow the input order."""
        return self.apply_gathered(lambda: events, now, rules)

    def apply_gathered(
        self, gather: Callable[[], Sequence[Event]], now: int, rules: Rules
    ) -> list[Outcome]:
        """Like ``apply``, for the events ``gather`` returns once the write lock is held.

        Waiting for the lock is when publishes pile up (another process is
        committing), so the group commit writer gathers its group only then: the
        group is as large as it can be, and no request waits a whole extra
        transaction. ``gather`` is called once per attempt; a retried transaction
        calls it again.
        """
        from peerhaven.relay.storage.transaction import WriteBatch

        batches: list[WriteBatch] = []

        def work(cur: Cursor) -> list[Outcome]:
            self._hold_lock(cur)
            batches[:] = [WriteBatch(self, cur, rules, now)]
            return batches[0].run(gather())

        outcomes = self._write(work, pipelined=True)
        if batches and batches[0].purged:
            self._after_purge()
        if batches and batches[0].inserted:
            self._after_insert(batches[0].inserted)
        return outcomes

    def _hold_lock(self, cur: Cursor) -> None:
        """Return only once the write lock taken by ``_begin_write`` is held."""
        return None

    def _after_insert(self, rows: int) -> None:
        """Called on the writer thread after a commit that inserted ``rows`` events."""
        return None

    def _after_purge(self) -> None:
        """Called after a commit that removed content: backends may scrub leftovers."""
        return None

    def purge_expired(self, now: int) -> int:
        """Remove expired events and mailbox events for good; returns how many went.

        Mailbox leftovers go too: the ids of deleted mailbox events once they would
        have expired, and the per-recipient counts of days that are over.
        """

        def work(cur: Cursor) -> int:
            removed = mailbox.purge(cur, self._sql, now)
            cur.execute(
                self._sql(
                    "SELECT community, COUNT(*) FROM events"
                    " WHERE expires_at IS NOT NULL AND expires_at <= ? GROUP BY community"
                ),
                (now,),
            )
            counts = cur.fetchall()
            if not counts:
                return removed
            cur.execute(
                self._sql("DELETE FROM events WHERE expires_at IS NOT NULL AND expires_at <= ?"),
                (now,),
            )
            self._bump_feeds(cur, [row[0] for row in counts])
            return removed + sum(int(row[1]) for row in counts)

        removed = self._write(work)
        if removed:
            self._after_purge()
        return removed

    def set_ban(self, pubkey: str, community: str, banned: bool) -> bool:
        """Add or lift a ban (``community`` ``""`` is relay-wide); whether anything changed."""

        def work(cur: Cursor) -> bool:
            if banned:
                cur.execute(
                    self._sql(
                        "INSERT INTO bans (community, pubkey) VALUES (?, ?) ON CONFLICT DO NOTHING"
                    ),
                    (community, pubkey),
                )
            else:
                cur.execute(
                    self._sql("DELETE FROM bans WHERE community = ? AND pubkey = ?"),
                    (community, pubkey),
                )
            changed = bool(cur.rowcount)
            if changed:
                self._bump_policy(cur)
            return changed

        return self._write(work)

    @contextlib.contextmanager
    def _write_cursor(self, conn: Any, *, pipelined: bool) -> Iterator[Cursor]:
        """The cursor of one write transaction.

        ``pipelined`` work lets a backend queue statements and send them together
        (PostgreSQL); reading an answer (``fetchall``, ``fetchone``, ``rowcount``)
        then waits for everything queued before it. The default sends each at once.
        """
        yield conn.cursor()

    def _write(self, work: Callable[[Cursor], T], *, pipelined: bool = False) -> T:
        deadline = time.monotonic() + WRITE_RETRY_SECONDS
        attempts = 0
        while True:
            conn = self._conn(writer=True)
            try:
                with self._write_cursor(conn, pipelined=pipelined) as cur:
                    self._begin_write(cur)
                    result = work(cur)
                    conn.commit()
                return result
            except BaseException as exc:
                self._policy_version = None  # in-memory policy may hold rolled-back changes
                try:
                    conn.rollback()
                except Exception:
                    self._drop_connection(writer=True)
                attempts += 1
                retryable = isinstance(exc, Exception) and self._retryable(exc)
                if not retryable or time.monotonic() > deadline:
                    raise
                if self._reconnect_on_retry:
                    self._drop_connection(writer=True)
                # Short, growing naps: another process's transaction takes milliseconds.
                time.sleep(min(0.0005 * attempts, 0.02))

    #: whether a retryable failure means the connection itself is gone
    _reconnect_on_retry: bool = False

    def _policy(self, cur: Cursor, version: str) -> PolicyState:
        """Communities and bans, reloaded only when their version in ``meta`` moved."""
        if version != self._policy_version:
            self._state = self._load_policy(cur)
            self._policy_version = version
        return self._state

    def _load_policy(self, cur: Cursor) -> PolicyState:
        state = PolicyState()
        cur.execute("SELECT body FROM communities")
        for (body,) in cur.fetchall():
            definition = queries.definition(body)
            if definition is not None:
                state.communities[definition.slug] = definition
        cur.execute("SELECT community, pubkey FROM bans")
        state.bans = {(row[0], row[1]) for row in cur.fetchall()}
        return state

    def _bump_policy(self, cur: Cursor) -> None:
        cur.execute(self._sql("SELECT value FROM meta WHERE key = ?"), ("policy",))
        row = cur.fetchone()
        version = str(int(row[0]) + 1) if row else "1"
        cur.execute(
            self._sql(
                "INSERT INTO meta (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value"
            ),
            ("policy", version),
        )
        self._policy_version = None

    #: the columns of a stored event, in the order ``WriteBatch`` builds its rows
    EVENT_COLUMNS = "id, pubkey, kind, community, created_at, expires_at, public, hidden, body"

    def _insert_events(self, cur: Cursor, rows: list[tuple[Any, ...]]) -> None:
        """Insert new events (the caller, holding the write lock, removed duplicates)."""
        cur.executemany(
            self._sql(
                f"INSERT INTO events ({self.EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (id) DO NOTHING"
            ),
            rows,
        )

    def _insert_and_bump(
        self, cur: Cursor, rows: list[tuple[Any, ...]], communities: Iterable[str]
    ) -> None:
        """A transaction's last inserts, then its feed bumps (backends may send both as one)."""
        if rows:
            self._insert_events(cur, rows)
        self._bump_feeds(cur, communities)

    def _notify_mailboxes(self, cur: Cursor, recipients: list[str]) -> None:
        """Tell other relay processes these mailboxes changed (PostgreSQL; else they poll)."""
        return None

    def _bump_feeds(self, cur: Cursor, communities: Iterable[str]) -> None:
        cur.executemany(
            self._sql(
                "INSERT INTO feeds (community, version) VALUES (?, 1)"
                " ON CONFLICT (community) DO UPDATE SET version = feeds.version + 1"
            ),
            [(slug,) for slug in sorted(set(communities))],
        )

    # -- reading ----------------------------------------------------------------------

    def _read(self, sql: str, params: Sequence[Any]) -> list[Any]:
        try:
            cur = self._conn(writer=False).cursor()
            cur.execute(self._sql(sql), params)
            rows: list[Any] = cur.fetchall()
            return rows
        except Exception as exc:
            if self._retryable(exc):
                self._drop_connection(writer=False)
                cur = self._conn(writer=False).cursor()
                cur.execute(self._sql(sql), params)
                return list(cur.fetchall())
            raise

    def run(self, query: Query[T]) -> T:
        """Run a read query on this thread's reader connection."""
        return query.build(self._read(query.sql, query.params))

    def ping(self) -> None:
        """Raise unless the store answers."""
        self.run(queries.ping())

    def feed_version(self, community: str) -> int:
        """A number that changes whenever anything this feed serves changes."""
        return self.run(queries.feed_version(community))

    def page(self, community: str, after: int, limit: int, now: int) -> Page:
        """Public events of a feed after ``after``, oldest first."""
        return self.run(queries.page(community, after, limit, now))

    def lookup(self, event_id: str, now: int) -> Lookup:
        """One event by id, or why it is not served."""
        return self.run(queries.lookup(event_id, now))

    def community_bodies(self) -> list[str]:
        """The current definition event of every community, by slug."""
        return self.run(queries.community_bodies())

    def community(self, slug: str) -> CommunityDefinition | None:
        """The current definition of one community."""
        return self.run(queries.community(slug))

    def bans(self) -> list[tuple[str, str]]:
        """Every ban as (community or ``""``, pubkey)."""
        return self.run(queries.bans())

    def stats(self) -> dict[str, int]:
        """Counts an operator wants to see; nothing about who sent what."""
        counts: dict[str, int] = {}
        for kind, count in self._read("SELECT kind, COUNT(*) FROM events GROUP BY kind", ()):
            counts[f"events.{kind}"] = int(count)
        counts["events"] = sum(counts.values())
        # mailbox events and prekey bundles as totals only: never per key
        for table in ("communities", "tombstones", "hidden", "bans", "mailbox", "prekeys"):
            counts[table] = int(self._read(f"SELECT COUNT(*) FROM {table}", ())[0][0])
        return counts


__all__ = ["Cursor", "Lookup", "Outcome", "Page", "Query", "Storage"]
