"""The writes of private mailboxes beside the group commit: deletions, prekey claims, purges.

A mailbox is an Ed25519 public key; its events (``dm``, ``circle``) live in the
``mailbox`` table, never in ``events``, so no public read can reach them
(protocol section 15). Storing them is part of the ordinary write transaction
(``transaction.WriteBatch``); what is here runs on the writer thread too, one
short transaction each, holding the store's write lock like every write:

- a recipient deleting an event it stored ("expiry after delivery"), whose id is
  remembered until the event would have expired, so a copy sent again is a
  duplicate and never delivered twice;
- a sender claiming one of a persona's one-time prekey ids, handed out at most
  once across every relay process (the write lock serialises claims);
- the purge of expired mailbox events, of remembered ids past their time, and of
  the per-recipient counts of days that are over.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from peerhaven.relay.storage.base import Cursor, Storage

#: seconds in a UTC day: the period of the per-recipient limit
DAY = 86_400

#: a live stream's name for a mailbox beside community feeds (``@`` is in no slug)
FEED_PREFIX = "@"


def mailbox_feed(recipient: str) -> str:
    """The name a mailbox goes by among a relay process's watched feeds."""
    return FEED_PREFIX + recipient


def is_mailbox_feed(feed: str) -> bool:
    """Whether a watched feed is a mailbox rather than a community."""
    return feed.startswith(FEED_PREFIX)


@dataclass(frozen=True, slots=True)
class Claim:
    """A persona's newest prekey bundle and the one-time prekey id handed out with it."""

    body: str
    otpk: int | None


def delete(store: Storage, recipient: str, event_id: str) -> bool:
    """Remove one event from ``recipient``'s mailbox; whether it was there.

    An event of another mailbox is left alone and answered like a missing one,
    so nobody learns from a deletion what other mailboxes hold.
    """

    def work(cur: Cursor) -> bool:
        cur.execute(
            store._sql("SELECT expires_at FROM mailbox WHERE id = ? AND recipient = ?"),
            (event_id, recipient),
        )
        row = cur.fetchone()
        if row is None:
            return False
        cur.execute(store._sql("DELETE FROM mailbox WHERE id = ?"), (event_id,))
        cur.execute(
            store._sql(
                "INSERT INTO mailbox_gone (id, expires_at) VALUES (?, ?)"
                " ON CONFLICT (id) DO NOTHING"
            ),
            (event_id, int(row[0])),
        )
        return True

    removed = store._write(work)
    if removed:
        store._after_purge()
    return removed


def claim_prekey(store: Storage, pubkey: str) -> Claim | None:
    """The persona's bundle and an unclaimed one-time prekey id (or ``None`` when all
    are taken); ``None`` overall when the persona published no bundle here."""

    def work(cur: Cursor) -> Claim | None:
        cur.execute(store._sql("SELECT body, claimed FROM prekeys WHERE pubkey = ?"), (pubkey,))
        row = cur.fetchone()
        if row is None:
            return None
        body, claimed_text = row[0], row[1]
        claimed = set(json.loads(claimed_text))
        free = [otpk for otpk in one_time_ids(body) if otpk not in claimed]
        if not free:
            return Claim(body, None)
        claimed.add(free[0])
        cur.execute(
            store._sql("UPDATE prekeys SET claimed = ? WHERE pubkey = ?"),
            (json.dumps(sorted(claimed)), pubkey),
        )
        return Claim(body, free[0])

    return store._write(work)


def one_time_ids(body: str) -> list[int]:
    """The one-time prekey ids a stored bundle lists, in its order (malformed ones skipped).

    Validation checked only the bundle's shape; the device checks the keys
    (``core/dm/prekeys.verify_bundle``), so an entry the relay cannot read is
    simply never handed out.
    """
    try:
        entries: Any = json.loads(json.loads(body)["content"])["otpk"]
    except (ValueError, KeyError, TypeError):
        return []
    ids: list[int] = []
    for entry in entries if isinstance(entries, list) else []:
        value = entry.get("id") if isinstance(entry, dict) else None
        if type(value) is int and value not in ids:
            ids.append(value)
    return ids


def purge(cur: Cursor, sql: Callable[[str], str], now: int) -> int:
    """Expired mailbox events, remembered ids past their time, counts of past days."""
    cur.execute(sql("SELECT COUNT(*) FROM mailbox WHERE expires_at <= ?"), (now,))
    row = cur.fetchone()
    expired = int(row[0]) if row else 0
    if expired:
        cur.execute(sql("DELETE FROM mailbox WHERE expires_at <= ?"), (now,))
    cur.execute(sql("DELETE FROM mailbox_gone WHERE expires_at <= ?"), (now,))
    cur.execute(sql("DELETE FROM mailbox_quota WHERE day < ?"), (now // DAY,))
    return expired
