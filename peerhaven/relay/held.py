"""Holding a new persona's first posts until a moderator approves them.

A community whose definition carries ``"hold_first_posts": N`` (N > 0) has
every ``post`` by a key with fewer than N approved posts there stored but
*held*: its row in ``events`` has ``public = 0`` (so pulls and single-event
GETs skip it exactly as they skip reports) and a row in ``held`` lists it for
the moderators' signed ``GET /v1/held``. The owner's and moderators' own posts
are never held.

A ``moderate`` ``restore`` of a held post by the owner or a moderator
*releases* it: the row is deleted and inserted again as public, so it gets a
new ``seq`` in the releasing transaction. Writers are serialised, so that
``seq`` is larger than any a reader was ever handed, and a reader whose cursor
passed the post's original position still receives it, exactly once. A
``hide`` of a held post *declines* it: the content is purged at once, as a
deletion purges it. A ban purges the banned key's held posts in that community.

``approvals`` counts each key's approved posts per community: releases, plus
(when an owner turns the hold on or raises it) the posts the key already had
published there, so long-standing members are not held by a new rule.

Everything here runs inside ``WriteBatch``'s transaction, holding the write
lock; the batch calls in when it accepts or repeats a post, takes a definition, and
applies a ``moderate`` or ``delete``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from peerhaven.core.community import HELD_REASON, CommunityDefinition
from peerhaven.core.event import Event
from peerhaven.relay.policy import RELAY_WIDE, PolicyState
from peerhaven.relay.storage.base import Cursor
from peerhaven.relay.storage.queries import Page, Query

if TYPE_CHECKING:
    from peerhaven.relay.storage.base import Storage

#: the kinds a hold applies to: posts and replies (reactions are a fixed vocabulary)
HELD_KINDS = frozenset({"post"})

__all__ = ["HELD_KINDS", "HELD_REASON", "Holds", "held_count", "held_posts", "purge_banned"]

_EVENT_COLUMNS = "id, pubkey, kind, community, created_at, expires_at, public, hidden, body"


class Holds:
    """The held-post side of one write transaction."""

    def __init__(self, store: Storage, cur: Cursor) -> None:
        self.cur = cur
        self.sql = store._sql
        self._approved: dict[tuple[str, str], int] = {}

    # -- accepting ------------------------------------------------------------------

    def should_hold(self, event: Event, state: PolicyState) -> bool:
        """Whether this new, accepted event waits for a moderator (and record it if so)."""
        if event.kind not in HELD_KINDS:
            return False
        definition = state.communities.get(event.community)
        if definition is None:
            return False
        need = definition.hold_first_posts
        if need == 0 or definition.is_moderator(event.pubkey):
            return False
        if self.approved(event.community, event.pubkey) >= need:
            return False
        self.cur.execute(
            self.sql(
                "INSERT INTO held (target, community, pubkey) VALUES (?, ?, ?)"
                " ON CONFLICT (target) DO NOTHING"
            ),
            (event.id, event.community, event.pubkey),
        )
        return True

    def approved(self, community: str, pubkey: str) -> int:
        """How many approved posts this key has in this community."""
        key = (community, pubkey)
        if key not in self._approved:
            self.cur.execute(
                self.sql("SELECT posts FROM approvals WHERE community = ? AND pubkey = ?"), key
            )
            row = self.cur.fetchone()
            self._approved[key] = int(row[0]) if row else 0
        return self._approved[key]

    def is_held(self, event_id: str) -> bool:
        """Whether a stored event is held (for the reason a duplicate reports)."""
        self.cur.execute(self.sql("SELECT 1 FROM held WHERE target = ?"), (event_id,))
        return self.cur.fetchone() is not None

    # -- the owner changes the rule -------------------------------------------------

    def on_definition(self, previous: CommunityDefinition | None, new: CommunityDefinition) -> None:
        """Count what members already published when the hold is turned on or raised."""
        before = previous.hold_first_posts if previous is not None else 0
        if previous is None or new.hold_first_posts <= before:
            return
        self.cur.execute(
            self.sql(
                "INSERT INTO approvals (community, pubkey, posts)"
                " SELECT community, pubkey, COUNT(*) FROM events"
                " WHERE community = ? AND kind = 'post' AND public = 1"
                " GROUP BY community, pubkey"
                " ON CONFLICT (community, pubkey) DO UPDATE SET posts = CASE"
                " WHEN excluded.posts > approvals.posts THEN excluded.posts"
                " ELSE approvals.posts END"
            ),
            (new.slug,),
        )
        self._approved.clear()

    # -- moderators decide ----------------------------------------------------------

    def release(self, target: str, community: str, state: PolicyState) -> bool:
        """Publish a held post at a new feed position; False if it is not held here."""
        self.cur.execute(
            self.sql(
                "SELECT e.id, e.pubkey, e.kind, e.community, e.created_at, e.expires_at,"
                " e.hidden, e.body FROM held h JOIN events e ON e.id = h.target"
                " WHERE h.target = ? AND h.community = ?"
            ),
            (target, community),
        )
        row = self.cur.fetchone()
        if row is None:
            return False
        pubkey = row[1]
        if (community, pubkey) in state.bans or (RELAY_WIDE, pubkey) in state.bans:
            return False  # a banned key's post stays unpublished
        self.cur.execute(self.sql("DELETE FROM held WHERE target = ?"), (target,))
        # Delete and insert again: the new row draws a new seq inside this
        # transaction, after every seq any reader has seen.
        self.cur.execute(self.sql("DELETE FROM events WHERE id = ?"), (target,))
        released = (*row[:6], 1, *row[6:])
        self.cur.execute(
            self.sql(f"INSERT INTO events ({_EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
            released,
        )
        self.cur.execute(
            self.sql(
                "INSERT INTO approvals (community, pubkey, posts) VALUES (?, ?, 1)"
                " ON CONFLICT (community, pubkey) DO UPDATE SET posts = approvals.posts + 1"
            ),
            (community, pubkey),
        )
        self._approved[(community, pubkey)] = self.approved(community, pubkey) + 1
        return True

    def decline(self, target: str, community: str) -> bool:
        """Purge a held post's content; whether there was one to purge."""
        self.cur.execute(
            self.sql("DELETE FROM held WHERE target = ? AND community = ?"), (target, community)
        )
        if not self.cur.rowcount:
            return False
        self.cur.execute(
            self.sql("DELETE FROM events WHERE id = ? AND public = 0"),
            (target,),
        )
        return True

    def purge_author(self, community: str, pubkey: str) -> bool:
        """A ban: purge the key's held posts in the community; whether any went."""
        self.cur.execute(
            self.sql(
                "DELETE FROM events WHERE public = 0 AND id IN"
                " (SELECT target FROM held WHERE community = ? AND pubkey = ?)"
            ),
            (community, pubkey),
        )
        purged = bool(self.cur.rowcount)
        self.cur.execute(
            self.sql("DELETE FROM held WHERE community = ? AND pubkey = ?"), (community, pubkey)
        )
        return purged

    def forget(self, target: str) -> None:
        """The author deleted a post: it is no longer waiting for anyone."""
        self.cur.execute(self.sql("DELETE FROM held WHERE target = ?"), (target,))


def purge_banned(storage: Storage, pubkey: str, community: str) -> int:
    """An operator's ban (``community`` ``""``: relay-wide) purges the key's held posts."""
    where = "pubkey = ?" + ("" if community == RELAY_WIDE else " AND community = ?")
    params = (pubkey,) if community == RELAY_WIDE else (pubkey, community)

    def work(cur: Cursor) -> int:
        cur.execute(
            storage._sql(
                "DELETE FROM events WHERE public = 0"
                f" AND id IN (SELECT target FROM held WHERE {where})"
            ),
            params,
        )
        purged = int(cur.rowcount)
        cur.execute(storage._sql(f"DELETE FROM held WHERE {where}"), params)
        return purged

    purged = storage._write(work)
    if purged:
        storage._after_purge()
    return purged


def held_posts(community: str, after: int, limit: int, now: int) -> Query[Page]:
    """Held posts of a community after a cursor, oldest first, banned keys left out."""

    def build(rows: list[Any]) -> Page:
        shown = rows[:limit]
        expiries = [int(r[2]) for r in shown if r[2] is not None]
        return Page(
            rows=[(int(r[0]), r[1]) for r in shown],
            more=len(rows) > limit,
            expires_at=min(expiries) if expiries else None,
        )

    return Query(
        "SELECT e.seq, e.body, e.expires_at FROM held h JOIN events e ON e.id = h.target"
        " WHERE h.community = ? AND e.seq > ? AND e.hidden = 0"
        " AND (e.expires_at IS NULL OR e.expires_at > ?)"
        " AND NOT EXISTS (SELECT 1 FROM bans b WHERE b.pubkey = h.pubkey"
        " AND b.community IN (h.community, ''))"
        " ORDER BY e.seq LIMIT ?",
        (community, after, now, limit + 1),
        build,
    )


def held_count() -> Query[int]:
    """How many posts wait for approval, relay-wide (for ``relay stats``)."""
    return Query(
        "SELECT COUNT(*) FROM held h JOIN events e ON e.id = h.target",
        (),
        lambda rows: int(rows[0][0]),
    )
