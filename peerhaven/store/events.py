"""Verified events in the local store: ingesting, and the effects deletions have.

Nothing enters this table unverified. ``ingest_pages`` takes decoded JSON straight
from a relay, verifies it on every core while the previous chunk is being
written, and applies each chunk in one transaction, so a crash keeps whole
chunks only.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from peerhaven.core.batch import Checked, Verifier
from peerhaven.core.event import Event
from peerhaven.core.validate import DEFAULT_LIMITS, Limits
from peerhaven.store.clock import now
from peerhaven.store.database import Store
from peerhaven.store.moderation import HIDE_LATE_ARRIVALS, accept_definition, apply_moderation

CHUNK = 500

#: runs inside a batch's transaction, e.g. to move a sync cursor with the data
CommitHook = Callable[[Any], None]

_INSERT = (
    "INSERT OR IGNORE INTO events (id, pubkey, created_at, kind, community, tags, content, sig,"
    " received_at, parent, root, target, expires_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
)
_INDEX_NEW_POSTS = (
    "INSERT INTO posts_fts (rowid, content) SELECT rowid, content FROM events"
    " WHERE rowid > ? AND kind = 'post' AND deleted = 0"
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


def _row(event: Event, received: int) -> tuple[Any, ...]:
    tags = json.dumps([list(tag) for tag in event.tags], ensure_ascii=False, separators=(",", ":"))
    return (
        event.id,
        event.pubkey,
        event.created_at,
        event.kind,
        event.community,
        tags,
        event.content,
        event.sig,
        received,
        event.parent,
        event.root,
        event.target,
        event.expires_at,
    )


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
    report = report or IngestReport()
    unique = {event.id: event for event in events}
    received = now()
    with store.transaction() as conn:
        marks = ",".join("?" * len(unique))
        known = {
            row[0]
            for row in conn.execute(f"SELECT id FROM events WHERE id IN ({marks})", list(unique))
        }
        new = [event for eid, event in unique.items() if eid not in known]
        refused = {
            event.id
            for event in new
            if event.kind == "community" and not accept_definition(conn, event, relay_url)
        }
        if refused:
            new = [event for event in new if event.id not in refused]
            report.rejected["not-owner"] += len(refused)
        before = conn.execute("SELECT coalesce(max(rowid), 0) FROM events").fetchone()[0]
        conn.executemany(_INSERT, [_row(event, received) for event in new])
        if new:
            # index first: the withdraw trigger removes exactly what was indexed
            conn.execute(_INDEX_NEW_POSTS, (before,))
            conn.execute(_UPDATE_THREADS, (before,))
            conn.execute(_WITHDRAW_LATE_ARRIVALS, (before,))
            if conn.execute("SELECT 1 FROM moderation LIMIT 1").fetchone():
                conn.execute(HIDE_LATE_ARRIVALS, (before,))
        for event in new:
            if event.kind == "delete" and event.target:
                withdraw(conn, event.target, event.pubkey)
            elif event.kind == "moderate":
                apply_moderation(conn, event)
        if on_commit is not None:
            on_commit(conn)
    report.duplicates += len(events) - len(new) - len(refused)
    report.accepted_ids.extend(event.id for event in new)
    report.accepted = len(report.accepted_ids)
    return report


def _chunks(
    pages: Iterable[Page | Sequence[Any]], size: int
) -> Iterator[tuple[Sequence[Any], Page | None]]:
    """Chunks of at most ``size``; the last chunk of a page carries the page (for its hook)."""
    for page in pages:
        if not isinstance(page, Page):
            for start in range(0, len(page), size):
                yield page[start : start + size], None
            continue
        items = page.items
        if not items:
            yield (), page
        for start in range(0, len(items), size):
            last = start + size >= len(items)
            yield items[start : start + size], page if last else None


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

    Verification of chunk n+1 runs while chunk n is written: both release the
    GIL (Ed25519 in ``cryptography``, ``sqlite3_step`` in the driver), so the
    two cores work at once. Pages may be a generator that is still downloading.
    A page's ``on_commit`` runs in the transaction of its last chunk, so a
    process killed between chunks re-reads that page and stores nothing twice.
    """
    report = IngestReport()
    # What arrives here can be fetched again, and each page's cursor commits with
    # it, so a power cut that loses the last commits only means pulling them
    # again: WAL's NORMAL (no fsync per commit) is safe here, and saves ~10 ms a
    # commit. What a person writes keeps FULL.
    store.execute("PRAGMA synchronous = NORMAL")
    try:
        _pipeline(store, pages, verifier, limits, chunk, report)
    finally:
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
    with ThreadPoolExecutor(1) as ahead:
        pending: tuple[Future[list[Checked]], Page | None] | None = None
        for part, page in _chunks(pages, chunk):
            upcoming = (ahead.submit(verifier.check, part, limits=limits), page)
            if pending is not None:
                _store_checked(store, pending[0].result(), pending[1], report)
            pending = upcoming
        if pending is not None:
            _store_checked(store, pending[0].result(), pending[1], report)


def _store_checked(
    store: Store, checked: Iterable[Checked], page: Page | None, report: IngestReport
) -> None:
    valid: list[Event] = []
    community = page.community if page is not None else None
    for result in checked:
        if result.event is not None:
            if community is not None and result.event.community not in (community, ""):
                report.rejected["wrong-community"] += 1
                continue
            valid.append(result.event)
        elif result.error is not None:
            report.rejected[result.error.reason.value] += 1
    store_verified(
        store,
        valid,
        report,
        on_commit=page.on_commit if page is not None else None,
        relay_url=page.relay_url if page is not None else None,
    )


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
