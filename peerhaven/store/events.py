"""Verified events in the local store: ingesting, and the effects deletions have.

Nothing enters this table unverified. ``ingest`` takes decoded JSON straight
from a relay, verifies it on every core while the previous chunk is being
written, and applies each chunk in one transaction, so a crash keeps whole
chunks only.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from peerhaven.core.batch import Checked, Verifier
from peerhaven.core.event import Event
from peerhaven.core.validate import DEFAULT_LIMITS, Limits
from peerhaven.store.clock import now
from peerhaven.store.database import Store

CHUNK = 500

_INSERT = (
    "INSERT OR IGNORE INTO events (id, pubkey, created_at, kind, community, tags, content, sig,"
    " received_at, parent, root, target, expires_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
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
_INDEX_NEW_POSTS = (
    "INSERT INTO posts_fts (rowid, content) SELECT rowid, content FROM events"
    " WHERE rowid > ? AND kind = 'post' AND deleted = 0"
)
_WITHDRAW = (
    "UPDATE events SET content = '', deleted = 1 WHERE id = ? AND pubkey = ? AND deleted = 0"
)


def withdraw(conn: Any, target: str, author: str) -> None:
    """Erase the content of ``author``'s event ``target``; the row stays as a tombstone."""
    conn.execute(_WITHDRAW, (target, author))


def store_verified(
    store: Store, events: Sequence[Event], report: IngestReport | None = None
) -> IngestReport:
    """Insert events the caller has already verified, in one transaction.

    Only an event's own author can withdraw it, whatever a relay serves.
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
        before = conn.execute("SELECT coalesce(max(rowid), 0) FROM events").fetchone()[0]
        conn.executemany(_INSERT, [_row(event, received) for event in new])
        if new:
            # index first: the withdraw trigger removes exactly what was indexed
            conn.execute(_INDEX_NEW_POSTS, (before,))
            conn.execute(_WITHDRAW_LATE_ARRIVALS, (before,))
        for event in new:
            if event.kind == "delete" and event.target:
                withdraw(conn, event.target, event.pubkey)
    report.duplicates += len(events) - len(new)
    report.accepted_ids.extend(event.id for event in new)
    report.accepted = len(report.accepted_ids)
    return report


def _chunks(pages: Iterable[Sequence[Any]], size: int) -> Iterator[Sequence[Any]]:
    for page in pages:
        for start in range(0, len(page), size):
            yield page[start : start + size]


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
    pages: Iterable[Sequence[Any]],
    verifier: Verifier,
    *,
    limits: Limits = DEFAULT_LIMITS,
    chunk: int = CHUNK,
) -> IngestReport:
    """Ingest a stream of pages (e.g. as a pull receives them), one transaction per chunk.

    Verification of chunk n+1 runs while chunk n is written: both release the
    GIL (Ed25519 in ``cryptography``, ``sqlite3_step`` in the driver), so the
    two cores work at once. Pages may be a generator that is still downloading.
    """
    report = IngestReport()
    with ThreadPoolExecutor(1) as ahead:
        pending: Future[list[Checked]] | None = None
        for part in _chunks(pages, chunk):
            upcoming = ahead.submit(verifier.check, part, limits=limits)
            if pending is not None:
                _store_checked(store, pending.result(), report)
            pending = upcoming
        if pending is not None:
            _store_checked(store, pending.result(), report)
    return report


def _store_checked(store: Store, checked: Iterable[Checked], report: IngestReport) -> None:
    valid: list[Event] = []
    for result in checked:
        if result.event is not None:
            valid.append(result.event)
        elif result.error is not None:
            report.rejected[result.error.reason.value] += 1
    store_verified(store, valid, report)


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
