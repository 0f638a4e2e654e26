"""The storage both backends share: one write path that applies policy, and cheap reads.

All methods are synchronous. The app runs writes on one writer thread (group
commit, see ``peerhaven.relay.writer``) and reads either inline (SQLite, where
a read is a few microseconds) or on reader threads (PostgreSQL, a round trip).
Subclasses supply connections, the SQL dialect and how to take the write lock.
"""

from __future__ import annotations

import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from peerhaven.core.community import CommunityDefinition, parse_definition
from peerhaven.core.errors import InvalidEvent
from peerhaven.core.event import Event
from peerhaven.relay.policy import (
    RELAY_WIDE,
    Facts,
    PolicyState,
    RelayReason,
    Rules,
    Target,
    decide,
)
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


@dataclass(frozen=True, slots=True)
class Page:
    """Rows of one feed after a cursor: ``(seq, body)``, whether more follow."""

    rows: list[tuple[int, str]]
    more: bool
    #: earliest ``expires`` among the rows: the page is stale from then on
    expires_at: int | None


@dataclass(frozen=True, slots=True)
class Lookup:
    """What ``GET /v1/events/{id}`` can say: the body, or why there is none."""

    state: str  # found | missing | deleted | hidden | expired
    body: str | None = None
    deletion: str | None = None


class Storage(ABC):
    """One relay store; a process holds one, each thread uses its own connection."""

    kind: str = ""
    #: whether reads are cheap enough to run on the event loop
    inline_reads: bool = False

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
        """Create the schema if it is missing."""
        conn = self._conn(writer=True)
        cur = conn.cursor()
        self._begin_write(cur)
        for statement in TABLES:
            cur.execute(statement.format(seq=self.seq_type))
        cur.execute(
            self._sql("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING"),
            ("schema", str(SCHEMA_VERSION)),
        )
        conn.commit()

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
        batches: list[_Batch] = []

        def work(cur: Cursor) -> list[Outcome]:
            batches[:] = [_Batch(self, cur, rules, now)]
            return batches[0].run(events)

        outcomes = self._write(work)
        if batches and batches[0].purged:
            self._after_purge()
        return outcomes

    def _after_purge(self) -> None:
        """Called after a commit that removed content: backends may scrub leftovers."""
        return None

    def purge_expired(self, now: int) -> int:
        """Remove expired events for good; returns how many went."""

        def work(cur: Cursor) -> int:
            cur.execute(
                self._sql(
                    "SELECT community, COUNT(*) FROM events"
                    " WHERE expires_at IS NOT NULL AND expires_at <= ? GROUP BY community"
                ),
                (now,),
            )
            counts = cur.fetchall()
            if not counts:
                return 0
            cur.execute(
                self._sql("DELETE FROM events WHERE expires_at IS NOT NULL AND expires_at <= ?"),
                (now,),
            )
            self._bump_feeds(cur, [row[0] for row in counts])
            return sum(int(row[1]) for row in counts)

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

    def _write(self, work: Callable[[Cursor], T]) -> T:
        deadline = time.monotonic() + WRITE_RETRY_SECONDS
        attempts = 0
        while True:
            conn = self._conn(writer=True)
            try:
                cur = conn.cursor()
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

    def _policy(self, cur: Cursor) -> PolicyState:
        cur.execute(self._sql("SELECT value FROM meta WHERE key = ?"), ("policy",))
        row = cur.fetchone()
        version = row[0] if row else "0"
        if version != self._policy_version:
            self._state = self._load_policy(cur)
            self._policy_version = version
        return self._state

    def _load_policy(self, cur: Cursor) -> PolicyState:
        state = PolicyState()
        cur.execute("SELECT body FROM communities")
        for (body,) in cur.fetchall():
            definition = _definition(body)
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

    def ping(self) -> None:
        """Raise unless the store answers."""
        self._read("SELECT 1", ())

    def feed_version(self, community: str) -> int:
        """A number that changes whenever anything this feed serves changes."""
        rows = self._read("SELECT version FROM feeds WHERE community = ?", (community,))
        return int(rows[0][0]) if rows else 0

    def page(self, community: str, after: int, limit: int, now: int) -> Page:
        """Public events of a feed after ``after``, oldest first."""
        rows = self._read(
            "SELECT seq, body, expires_at FROM events WHERE community = ? AND seq > ?"
            " AND public = 1 AND hidden = 0 AND (expires_at IS NULL OR expires_at > ?)"
            " ORDER BY seq LIMIT ?",
            (community, after, now, limit + 1),
        )
        more = len(rows) > limit
        rows = rows[:limit]
        expiries = [int(row[2]) for row in rows if row[2] is not None]
        return Page(
            rows=[(int(row[0]), row[1]) for row in rows],
            more=more,
            expires_at=min(expiries) if expiries else None,
        )

    def lookup(self, event_id: str, now: int) -> Lookup:
        """One event by id, or why it is not served."""
        rows = self._read(
            "SELECT body, public, hidden, expires_at FROM events WHERE id = ?", (event_id,)
        )
        if rows:
            body, public, hidden, expires_at = rows[0]
            if not public:
                return Lookup("missing")
            if hidden:
                return Lookup("hidden")
            if expires_at is not None and int(expires_at) <= now:
                return Lookup("expired")
            return Lookup("found", body=body)
        stones = self._read("SELECT deletion FROM tombstones WHERE target = ?", (event_id,))
        if stones:
            return Lookup("deleted", deletion=stones[0][0])
        return Lookup("missing")

    def community_bodies(self) -> list[str]:
        """The current definition event of every community, by slug."""
        return [row[0] for row in self._read("SELECT body FROM communities ORDER BY slug", ())]

    def community(self, slug: str) -> CommunityDefinition | None:
        """The current definition of one community."""
        rows = self._read("SELECT body FROM communities WHERE slug = ?", (slug,))
        return _definition(rows[0][0]) if rows else None

    def bans(self) -> list[tuple[str, str]]:
        """Every ban as (community or ``""``, pubkey)."""
        rows = self._read("SELECT community, pubkey FROM bans ORDER BY community, pubkey", ())
        return [(row[0], row[1]) for row in rows]

    def stats(self) -> dict[str, int]:
        """Counts an operator wants to see; nothing about who sent what."""
        counts: dict[str, int] = {}
        for kind, count in self._read("SELECT kind, COUNT(*) FROM events GROUP BY kind", ()):
            counts[f"events.{kind}"] = int(count)
        counts["events"] = sum(counts.values())
        for table in ("communities", "tombstones", "hidden", "bans"):
            counts[table] = int(self._read(f"SELECT COUNT(*) FROM {table}", ())[0][0])
        return counts


def _definition(body: str) -> CommunityDefinition | None:
    try:
        return parse_definition(Event.from_json(body))
    except InvalidEvent:
        return None


class _Batch:
    """One write transaction: facts fetched in bulk, policy per event, effects in order."""

    def __init__(self, store: Storage, cur: Cursor, rules: Rules, now: int) -> None:
        self.store = store
        self.cur = cur
        self.rules = rules
        self.now = now
        self.sql = store._sql
        self.pending: list[tuple[Any, ...]] = []
        self.touched: set[str] = set()
        self.policy_changed = False
        self.purged = False

    def _select(self, template: str, column: str, values: Sequence[str]) -> list[Any]:
        if not values:
            return []
        condition, params = self.store._in(column, values)
        self.cur.execute(self.sql(template.format(cond=condition)), params)
        return self.cur.fetchall()

    def run(self, events: Sequence[Event]) -> list[Outcome]:
        state = self.store._policy(self.cur)
        ids = [event.id for event in events]
        targets = [e.target for e in events if e.target and e.kind in ("delete", "moderate")]
        facts = Facts()
        facts.existing = {
            row[0] for row in self._select("SELECT id FROM events WHERE {cond}", "id", ids)
        }
        facts.tombstones = {
            row[0]: row[1]
            for row in self._select(
                "SELECT target, author FROM tombstones WHERE {cond}", "target", ids
            )
        }
        facts.targets = {
            row[0]: Target(row[1], row[2], row[3])
            for row in self._select(
                "SELECT id, pubkey, community, kind FROM events WHERE {cond}", "id", targets
            )
        }
        self.hidden = {
            row[0] for row in self._select("SELECT target FROM hidden WHERE {cond}", "target", ids)
        }
        outcomes: list[Outcome] = []
        for event in events:
            if event.id in facts.existing:
                outcomes.append(Outcome(event.id, "duplicate"))
                continue
            reason = decide(event, state, facts, self.rules, self.now)
            if reason is not None:
                outcomes.append(Outcome(event.id, "rejected", reason.value))
                continue
            self._accept(event, state, facts)
            outcomes.append(Outcome(event.id, "accepted"))
        self._flush()
        if self.touched:
            self.store._bump_feeds(self.cur, self.touched)
        if self.policy_changed:
            self.store._bump_policy(self.cur)
        return outcomes

    def _accept(self, event: Event, state: PolicyState, facts: Facts) -> None:
        facts.existing.add(event.id)
        facts.targets[event.id] = Target(event.pubkey, event.community, event.kind)
        self.touched.add(event.community)
        self.pending.append(
            (
                event.id,
                event.pubkey,
                event.kind,
                event.community,
                event.created_at,
                event.expires_at,
                0 if event.kind == "report" else 1,
                1 if event.id in self.hidden else 0,
                event.to_json(),
            )
        )
        if event.kind == "community":
            self._define(event, state)
        elif event.kind == "delete":
            self._delete(event, facts)
        elif event.kind == "moderate":
            self._moderate(event, state)

    def _flush(self) -> None:
        if self.pending:
            self.cur.executemany(
                self.sql(
                    "INSERT INTO events (id, pubkey, kind, community, created_at, expires_at,"
                    " public, hidden, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    " ON CONFLICT (id) DO NOTHING"
                ),
                self.pending,
            )
            self.pending = []

    def _define(self, event: Event, state: PolicyState) -> None:
        definition = parse_definition(event)
        self.cur.execute(
            self.sql(
                "INSERT INTO communities (slug, owner, created_at, event_id, body)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (slug) DO UPDATE SET"
                " owner = excluded.owner, created_at = excluded.created_at,"
                " event_id = excluded.event_id, body = excluded.body"
            ),
            (event.community, event.pubkey, event.created_at, event.id, event.to_json()),
        )
        state.communities[event.community] = definition
        self.policy_changed = True

    def _delete(self, event: Event, facts: Facts) -> None:
        target = event.target or ""
        self._flush()
        known = facts.targets.pop(target, None)
        if known is not None:
            self.cur.execute(self.sql("DELETE FROM events WHERE id = ?"), (target,))
            self.purged = True
            facts.existing.discard(target)
            self.touched.add(known.community)
        self.cur.execute(
            self.sql(
                "INSERT INTO tombstones (target, author, deletion) VALUES (?, ?, ?)"
                " ON CONFLICT (target) DO NOTHING"
            ),
            (target, event.pubkey, event.id),
        )
        facts.tombstones.setdefault(target, event.pubkey)

    def _moderate(self, event: Event, state: PolicyState) -> None:
        target = event.target or ""
        action = event.content
        self._flush()
        if action == "ban":
            self.cur.execute(
                self.sql(
                    "INSERT INTO bans (community, pubkey) VALUES (?, ?) ON CONFLICT DO NOTHING"
                ),
                (event.community, target),
            )
            state.bans.add((event.community, target))
            self.policy_changed = True
        elif action == "unban":
            self.cur.execute(
                self.sql("DELETE FROM bans WHERE community = ? AND pubkey = ?"),
                (event.community, target),
            )
            state.bans.discard((event.community, target))
            self.policy_changed = True
        elif action == "hide":
            self.cur.execute(
                self.sql(
                    "INSERT INTO hidden (target, community) VALUES (?, ?)"
                    " ON CONFLICT (target) DO NOTHING"
                ),
                (target, event.community),
            )
            self.cur.execute(
                self.sql("UPDATE events SET hidden = 1 WHERE id = ? AND community = ?"),
                (target, event.community),
            )
            self.hidden.add(target)
        elif action == "restore":
            self.cur.execute(
                self.sql("DELETE FROM hidden WHERE target = ? AND community = ?"),
                (target, event.community),
            )
            self.cur.execute(
                self.sql("UPDATE events SET hidden = 0 WHERE id = ? AND community = ?"),
                (target, event.community),
            )
            self.hidden.discard(target)


__all__ = ["RELAY_WIDE", "Cursor", "Lookup", "Outcome", "Page", "RelayReason", "Storage"]
