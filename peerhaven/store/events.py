"""Verified events in the local store: ingesting, and the effects deletions have.

Nothing enters this table unverified. ``ingest_pages`` takes decoded JSON straight
from a relay, verifies it on every core while the previous chunk is being
written, and applies each chunk in one transaction, so a crash keeps whole
chunks only.
"""

from __future__ import annotations

import json
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from peerhaven.core.batch import Flat, Pending, Verdict, Verifier, flat, unflat
from peerhaven.core.event import Event
from peerhaven.core.validate import DEFAULT_LIMITS, Limits
from peerhaven.store.clock import now
from peerhaven.store.database import Store
from peerhaven.store.moderation import HIDE_LATE_ARRIVALS, accept_definition, apply_moderation

#: events per write transaction during ingest: fewer, larger commits write each
#: random-keyed index page (ids, thread roots, the threads table) once per batch
#: instead of once per page. Measured on 100,000 posts, database CPU per event:
#: 2,000 -> 42 us (860 MB written), 5,000 -> 30 us, 10,000 -> 26 us (365 MB).
CHUNK = 8_000
#: the first chunk of an ingest, doubling up to ``CHUNK``: the writer starts after
#: 1,000 verifications instead of 8,000, and a pull's first events show sooner
FIRST_CHUNK = 1_000
#: page cache while ingesting (KiB, as SQLite's negative cache_size); released after
INGEST_CACHE_KIB = 65_536
#: WAL pages before a checkpoint while ingesting (SQLite's default is 1,000)
INGEST_CHECKPOINT_PAGES = 10_000
#: chunks verified ahead of the one being written: verification is the slower
#: side, so one chunk ahead keeps it busy (two measured no faster) and bounds
#: memory to two chunks of decoded events
AHEAD = 1

#: runs inside a batch's transaction, e.g. to move a sync cursor with the data
CommitHook = Callable[[Any], None]

#: columns in ``Flat`` order; ``received_at`` is one value per batch, written into
#: the statement so rows from a worker process bind as they arrive
_INSERT = (
    "INSERT OR IGNORE INTO events (id, pubkey, created_at, kind, community, tags, content, sig,"
    " parent, root, target, expires_at, received_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,{received})"
)
_INDEX_NEW_POSTS = (
    "INSERT INTO posts_fts (rowid, content) SELECT rowid, content FROM events"
    " WHERE rowid > ? AND kind IN ('post', 'edit') AND deleted = 0"
)
_UPDATE_THREADS = (
    "INSERT INTO threads (root, slug, last_activity, replies)"
    " SELECT coalesce(root, id), community, max(created_at), sum(root IS NOT NULL) FROM events"
    " WHERE rowid > ? AND kind = 'post' GROUP BY coalesce(root, id), community"
    " ON CONFLICT (root) DO UPDATE SET"
    " last_activity = max(last_activity, excluded.last_activity),"
    " replies = replies + excluded.replies"
)
# A delete may arrive before or after its target. Rows that arrive after a
# delete on file are caught by this range statement (new rowids only, one index
# probe each); targets already stored are withdrawn by ``withdraw``.
_WITHDRAW_LATE_ARRIVALS = (
    "UPDATE events SET content = '', deleted = 1 WHERE rowid > ? AND deleted = 0"
    " AND EXISTS (SELECT 1 FROM events d WHERE d.target = events.id"
    # unary + keeps the planner on the target index: an author index probe
    # would scan every event by that author, once per new row
    " AND +d.kind = 'delete' AND +d.pubkey = events.pubkey)"
)
#: kinds whose arrival changes other rows (or needs the owner's say) besides adding one
_SPECIAL_KINDS = frozenset({"community", "delete", "moderate"})
_WITHDRAW = (
    "UPDATE events SET content = '', deleted = 1 WHERE id = ? AND pubkey = ? AND deleted = 0"
)


@dataclass
class IngestReport:
    """What happened to a batch: stored, already known, and refused by reason."""

    accepted: int = 0
    duplicates: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    accepted_ids: list[str] = field(default_factory=list)

    @property
    def rejected_total(self) -> int:
        """How many events were dropped as invalid."""
        return sum(self.rejected.values())


@dataclass(frozen=True, slots=True)
class Page:
    """Decoded events as a relay served them, and what to record once they are stored."""

    items: Sequence[Any]
    on_commit: CommitHook | None = None
    relay_url: str | None = None
    #: drop events of any other community (a relay answering for the wrong feed)
    community: str | None = None


def withdraw(conn: Any, target: str, author: str) -> None:
    """Erase the content of ``author``'s event ``target``; the row stays as a tombstone."""
    conn.execute(_WITHDRAW, (target, author))


def store_verified(
    store: Store,
    events: Sequence[Event],
    report: IngestReport | None = None,
    *,
    on_commit: CommitHook | None = None,
    relay_url: str | None = None,
) -> IngestReport:
    """Insert events the caller has already verified, in one transaction.

    Only an event's own author can withdraw it, only the pinned owner can
    redefine a community, and only the owner or its moderators can hide or ban,
    whatever a relay serves. ``on_commit`` runs in the same transaction.
    """
    return store_rows(
        store, [flat(event) for event in events], report, on_commit=on_commit, relay_url=relay_url
    )


def store_rows(
    store: Store,
    rows: Sequence[Flat],
    report: IngestReport | None = None,
    *,
    on_commit: CommitHook | None = None,
    relay_url: str | None = None,
) -> IngestReport:
    """``store_verified`` for events already flattened by ``Verifier.submit``."""
    report = report or IngestReport()
    unique = {row[0]: row for row in rows}
    received = now()
    with store.transaction() as conn:
        marks = ",".join("?" * len(unique))
        known = {
            row[0]
            for row in conn.execute(f"SELECT id FROM events WHERE id IN ({marks})", list(unique))
        }
        new = [row for eid, row in unique.items() if eid not in known]
        # the few kinds with effects beyond their row go back to being Events
        special = {row[0]: unflat(row) for row in new if row[3] in _SPECIAL_KINDS}
        refused = {
            eid
            for eid, event in special.items()
            if event.kind == "community" and not accept_definition(conn, event, relay_url)
        }
        if refused:
            new = [row for row in new if row[0] not in refused]
            report.rejected["not-owner"] += len(refused)
        before = conn.execute("SELECT coalesce(max(rowid), 0) FROM events").fetchone()[0]
        conn.executemany(_INSERT.format(received=received), new)
        if new:
            # index first: the withdraw trigger removes exactly what was indexed
            conn.execute(_INDEX_NEW_POSTS, (before,))
            conn.execute(_UPDATE_THREADS, (before,))
            conn.execute(_WITHDRAW_LATE_ARRIVALS, (before,))
            if conn.execute("SELECT 1 FROM moderation LIMIT 1").fetchone():
                conn.execute(HIDE_LATE_ARRIVALS, (before,))
        for row in new:
            event = special.get(row[0])
            if event is None:
                continue
            if event.kind == "delete" and event.target:
                withdraw(conn, event.target, event.pubkey)
            elif event.kind == "moderate":
                apply_moderation(conn, event)
        if on_commit is not None:
            on_commit(conn)
    report.duplicates += len(rows) - len(new) - len(refused)
    report.accepted_ids.extend(row[0] for row in new)
    report.accepted = len(report.accepted_ids)
    return report


@dataclass
class _Chunk:
    """Up to ``CHUNK`` items for one transaction, and the pages it completes."""

    items: list[Any] = field(default_factory=list)
    hooks: list[CommitHook] = field(default_factory=list)
    relay_url: str | None = None
    community: str | None = None


def _chunks(
    pages: Iterable[Page | Sequence[Any]], size: int, first: int | None = None
) -> Iterator[_Chunk]:
    """Group consecutive pages of one feed into chunks of about ``size`` items.

    Chunks start at ``first`` items and double up to ``size``. A page's hook
    rides with the chunk holding its last item, so a cursor is never written
    before every event of its page is.
    """
    limit = size if first is None else min(first, size)
    current = _Chunk()
    source = iter(pages)
    while True:
        try:
            raw = next(source)
        except StopIteration:
            break
        except BaseException:
            # the source failed (a relay went away): what already arrived is still
            # stored, with the cursors of the pages it completes, before the error
            if current.items or current.hooks:
                yield current
            raise
        page = raw if isinstance(raw, Page) else Page(raw)
        if current.items and (page.relay_url, page.community) != (
            current.relay_url,
            current.community,
        ):
            yield current
            current = _Chunk()
        current.relay_url, current.community = page.relay_url, page.community
        items = list(page.items)
        while len(current.items) + len(items) > limit:
            room = limit - len(current.items)
            current.items.extend(items[:room])
            items = items[room:]
            yield current
            current = _Chunk(relay_url=page.relay_url, community=page.community)
            limit = min(limit * 2, size)
        current.items.extend(items)
        if page.on_commit is not None:
            current.hooks.append(page.on_commit)
    if current.items or current.hooks:
        yield current


def ingest(
    store: Store,
    items: Sequence[Any],
    verifier: Verifier,
    *,
    limits: Limits = DEFAULT_LIMITS,
    chunk: int = CHUNK,
) -> IngestReport:
    """Verify decoded events (wire dicts or ``Event``s) and store the valid ones."""
    return ingest_pages(store, [items], verifier, limits=limits, chunk=chunk)


def ingest_pages(
    store: Store,
    pages: Iterable[Page | Sequence[Any]],
    verifier: Verifier,
    *,
    limits: Limits = DEFAULT_LIMITS,
    chunk: int = CHUNK,
) -> IngestReport:
    """Ingest a stream of pages (e.g. as a pull receives them), one transaction per chunk.

    Verification of the next chunks runs while chunk n is written, on the
    verifier's threads or, with ``Verifier(processes=True)``, in its worker
    processes, which leave this process's GIL to the writer (the sync engine
    uses those). Pages may be a generator that is still downloading.
    A page's ``on_commit`` runs in the transaction of its last chunk, so a
    process killed between chunks re-reads that page and stores nothing twice.
    """
    report = IngestReport()
    # What arrives here can be fetched again, and each page's cursor commits with
    # it, so a power cut that loses the last commits only means pulling them
    # again: WAL's NORMAL (no fsync per commit) is safe here. A larger cache and
    # rarer checkpoints keep encrypted pages from being written and re-read
    # again and again during a bulk ingest. What a person writes keeps FULL.
    cache = int(store.execute("PRAGMA cache_size").fetchone()[0])
    store.execute("PRAGMA synchronous = NORMAL")
    store.execute(f"PRAGMA cache_size = -{INGEST_CACHE_KIB}")
    store.execute(f"PRAGMA wal_autocheckpoint = {INGEST_CHECKPOINT_PAGES}")
    try:
        _pipeline(store, pages, verifier, limits, chunk, report)
    finally:
        store.execute("PRAGMA wal_autocheckpoint = 1000")
        store.execute(f"PRAGMA cache_size = {cache}")
        store.execute("PRAGMA shrink_memory")
        store.execute("PRAGMA synchronous = FULL")
    return report


def _pipeline(
    store: Store,
    pages: Iterable[Page | Sequence[Any]],
    verifier: Verifier,
    limits: Limits,
    chunk: int,
    report: IngestReport,
) -> None:
    # Verification runs up to AHEAD chunks in front of the writer, so the cores
    # that are not writing always have signatures to check.
    pending: deque[tuple[Pending, _Chunk]] = deque()
    try:
        for part in _chunks(pages, chunk, FIRST_CHUNK):
            pending.append((verifier.submit(part.items, limits=limits), part))
            if len(pending) > AHEAD:
                _store_next(store, pending, report)
    finally:
        # when the source failed, the chunks already verified are still stored
        while pending:
            _store_next(store, pending, report)


def _store_next(store: Store, pending: deque[tuple[Pending, _Chunk]], report: IngestReport) -> None:
    """Store the oldest verified chunk; if that fails, nothing after it may commit
    (its cursors would skip this chunk's events), so the queue is dropped."""
    verdicts, part = pending.popleft()
    try:
        _store_checked(store, verdicts.result(), part, report)
    except BaseException:
        pending.clear()
        raise


def _store_checked(
    store: Store, verdicts: Iterable[Verdict], chunk: _Chunk, report: IngestReport
) -> None:
    valid: list[Flat] = []
    rejected = report.rejected
    community = chunk.community
    for verdict in verdicts:
        if isinstance(verdict, str):
            rejected[verdict] += 1
        elif community is not None and verdict[4] not in (community, ""):
            rejected["wrong-community"] += 1
        else:
            valid.append(verdict)

    def hooks(conn: Any) -> None:
        for hook in chunk.hooks:
            hook(conn)

    store_rows(store, valid, report, on_commit=hooks, relay_url=chunk.relay_url)


def count_events(store: Store, *, kind: str | None = None, community: str | None = None) -> int:
    """How many events the store holds, optionally of one kind or community."""
    clauses: list[str] = ["1"]
    params: list[object] = []
    if kind:
        clauses.append("kind = ?")
        params.append(kind)
    if community:
        clauses.append("community = ?")
        params.append(community)
    row = store.execute(
        f"SELECT count(*) FROM events WHERE {' AND '.join(clauses)}", params
    ).fetchone()
    return int(row[0])


def get_event(store: Store, event_id: str) -> Event | None:
    """One stored event, rebuilt in its wire form (content empty when withdrawn)."""
    row = store.execute(
        "SELECT id, pubkey, created_at, kind, community, tags, content, sig FROM events "
        "WHERE id = ?",
        (event_id,),
    ).fetchone()
    if row is None:
        return None
    eid, pubkey, created_at, kind, community, tags, content, sig = row
    return Event(
        id=eid,
        pubkey=pubkey,
        created_at=created_at,
        kind=kind,
        community=community,
        tags=tuple(tuple(tag) for tag in json.loads(tags)),
        content=content,
        sig=sig,
    )
