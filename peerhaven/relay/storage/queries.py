"""Read queries as values: SQL, parameters and how to turn rows into an answer.

A query is built once and run by whichever reader suits the backend: SQLite
runs it on the event loop (microseconds, no thread hop), PostgreSQL on an
asynchronous connection (a round trip the loop does not wait for). Keeping
the SQL here means both readers run exactly the same statements.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from peerhaven.core.community import CommunityDefinition, parse_definition
from peerhaven.core.errors import InvalidEvent
from peerhaven.core.event import Event

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Query(Generic[T]):
    """One read statement (written with ``?`` placeholders) and its result builder."""

    sql: str
    params: Sequence[Any]
    build: Callable[[list[Any]], T]


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


def definition(body: str) -> CommunityDefinition | None:
    """A stored definition event, parsed (``None`` if it no longer parses)."""
    try:
        return parse_definition(Event.from_json(body))
    except InvalidEvent:
        return None


def ping() -> Query[None]:
    return Query("SELECT 1", (), lambda rows: None)


def feed_version(community: str) -> Query[int]:
    return Query(
        "SELECT version FROM feeds WHERE community = ?",
        (community,),
        lambda rows: int(rows[0][0]) if rows else 0,
    )


def _after_cursor(
    community: str, after: int, *, planned_once: bool
) -> tuple[str, str, tuple[Any, ...]]:
    """A community's events after the cursor: the condition, the order, the parameters.

    Planned for its values (SQLite; PostgreSQL's custom plans), ``community = ?
    AND seq > ?`` walks the (community, seq) index. PostgreSQL's readers plan a
    statement once for all values (``AsyncReader``), and with the community
    unknown that plan walked the whole table in ``seq`` order instead: 27 ms,
    not 0.05, for a small community beside a large one. Bounding the pair
    ``(community, seq)`` from both sides leaves the feed index the one way to
    the rows in order. (SQLite, given that form, uses the index for the
    community alone, so each reader gets its own.)
    """
    if planned_once:
        bounded = "(community, seq) > (?, ?) AND community <= ?"
        return bounded, "community, seq", (community, after, community)
    return "community = ? AND seq > ?", "seq", (community, after)


def page(
    community: str, after: int, limit: int, now: int, *, planned_once: bool = False
) -> Query[Page]:
    def build(rows: list[Any]) -> Page:
        shown = rows[:limit]
        expiries = [int(row[2]) for row in shown if row[2] is not None]
        return Page(
            rows=[(int(row[0]), row[1]) for row in shown],
            more=len(rows) > limit,
            expires_at=min(expiries) if expiries else None,
        )

    where, order, keys = _after_cursor(community, after, planned_once=planned_once)
    return Query(
        f"SELECT seq, body, expires_at FROM events WHERE {where}"
        " AND public = 1 AND hidden = 0 AND (expires_at IS NULL OR expires_at > ?)"
        f" ORDER BY {order} LIMIT ?",
        (*keys, now, limit + 1),
        build,
    )


def lookup(event_id: str, now: int) -> Query[Lookup]:
    def build(rows: list[Any]) -> Lookup:
        for body, public, hidden, expires_at, deletion in rows:
            if deletion is not None:
                continue
            if not public:
                return Lookup("missing")
            if hidden:
                return Lookup("hidden")
            if expires_at is not None and int(expires_at) <= now:
                return Lookup("expired")
            return Lookup("found", body=body)
        for row in rows:
            return Lookup("deleted", deletion=row[4])
        return Lookup("missing")

    # One round trip: the event if stored, else its tombstone if deleted.
    return Query(
        "SELECT body, public, hidden, expires_at, NULL FROM events WHERE id = ?"
        " UNION ALL SELECT NULL, NULL, NULL, NULL, deletion FROM tombstones WHERE target = ?",
        (event_id, event_id),
        build,
    )


def community_bodies() -> Query[list[str]]:
    return Query(
        "SELECT body FROM communities ORDER BY slug", (), lambda rows: [row[0] for row in rows]
    )


def community(slug: str) -> Query[CommunityDefinition | None]:
    return Query(
        "SELECT body FROM communities WHERE slug = ?",
        (slug,),
        lambda rows: definition(rows[0][0]) if rows else None,
    )


def bans() -> Query[list[tuple[str, str]]]:
    return Query(
        "SELECT community, pubkey FROM bans ORDER BY community, pubkey",
        (),
        lambda rows: [(row[0], row[1]) for row in rows],
    )


def reports(community: str, after: int, limit: int, *, planned_once: bool = False) -> Query[Page]:
    """Stored reports of a community after a cursor (never served publicly)."""

    def build(rows: list[Any]) -> Page:
        shown = rows[:limit]
        return Page(
            rows=[(int(r[0]), r[1]) for r in shown], more=len(rows) > limit, expires_at=None
        )

    where, order, keys = _after_cursor(community, after, planned_once=planned_once)
    return Query(
        f"SELECT seq, body FROM events WHERE {where} AND kind = 'report' ORDER BY {order} LIMIT ?",
        (*keys, limit + 1),
        build,
    )


def mailbox_version(recipient: str) -> Query[int]:
    """The newest ``seq`` in a mailbox: changes whenever an event arrives there."""
    return Query(
        "SELECT MAX(seq) FROM mailbox WHERE recipient = ?",
        (recipient,),
        lambda rows: int(rows[0][0]) if rows and rows[0][0] is not None else 0,
    )


def mailbox_page(
    recipient: str, after: int, limit: int, now: int, *, planned_once: bool = False
) -> Query[Page]:
    """A mailbox's unexpired events after a cursor, oldest first (its key holder only)."""

    def build(rows: list[Any]) -> Page:
        shown = rows[:limit]
        return Page(
            rows=[(int(r[0]), r[1]) for r in shown],
            more=len(rows) > limit,
            expires_at=min((int(r[2]) for r in shown), default=None),
        )

    # the same two forms as a feed's pages, for the same reason (see ``_after_cursor``)
    keys: tuple[Any, ...]
    if planned_once:
        where, keys = "(recipient, seq) > (?, ?) AND recipient <= ?", (recipient, after, recipient)
        order = "recipient, seq"
    else:
        where, keys, order = "recipient = ? AND seq > ?", (recipient, after), "seq"
    return Query(
        f"SELECT seq, body, expires_at FROM mailbox WHERE {where} AND expires_at > ?"
        f" ORDER BY {order} LIMIT ?",
        (*keys, now, limit + 1),
        build,
    )
