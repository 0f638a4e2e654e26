"""The tables, written once for both backends (``{seq}`` is the dialect's auto-increment key).

``seq`` is the order a reader pages in. Writers are serialised (SQLite's write
lock, PostgreSQL's transaction advisory lock), so a transaction that commits
later always holds larger ``seq`` values: a cursor never skips a row that
commits after it was handed out.
"""

from __future__ import annotations

SCHEMA_VERSION = 1

TABLES = (
    """CREATE TABLE IF NOT EXISTS events (
        seq {seq},
        id TEXT NOT NULL UNIQUE,
        pubkey TEXT NOT NULL,
        kind TEXT NOT NULL,
        community TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        expires_at BIGINT,
        public INTEGER NOT NULL,
        hidden INTEGER NOT NULL DEFAULT 0,
        body TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS events_feed ON events (community, seq)",
    "CREATE INDEX IF NOT EXISTS events_expiry ON events (expires_at) WHERE expires_at IS NOT NULL",
    # Moderators page through a community's reports: without this, each page walked
    # every event of the community after the cursor (21 ms at 90,000 events).
    "CREATE INDEX IF NOT EXISTS events_reports ON events (community, seq) WHERE kind = 'report'",
    # A deleted event's id and who deleted it: the content is gone, the fact stays.
    """CREATE TABLE IF NOT EXISTS tombstones (
        target TEXT PRIMARY KEY,
        author TEXT NOT NULL,
        deletion TEXT NOT NULL
    )""",
    # Ids a moderator hid, kept even before the target arrives.
    """CREATE TABLE IF NOT EXISTS hidden (
        target TEXT PRIMARY KEY,
        community TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS communities (
        slug TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        event_id TEXT NOT NULL,
        body TEXT NOT NULL
    )""",
    # community '' is an operator's relay-wide ban
    """CREATE TABLE IF NOT EXISTS bans (
        community TEXT NOT NULL,
        pubkey TEXT NOT NULL,
        PRIMARY KEY (community, pubkey)
    )""",
    # Bumped in every transaction that changes what a feed serves: the page cache key.
    """CREATE TABLE IF NOT EXISTS feeds (
        community TEXT PRIMARY KEY,
        version BIGINT NOT NULL
    )""",
    # Posts held for a moderator's approval (peerhaven.relay.held); their events
    # rows have public = 0 until a moderator releases them.
    """CREATE TABLE IF NOT EXISTS held (
        target TEXT PRIMARY KEY,
        community TEXT NOT NULL,
        pubkey TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS held_author ON held (community, pubkey)",
    # Approved posts per key and community: what lifts a hold.
    """CREATE TABLE IF NOT EXISTS approvals (
        community TEXT NOT NULL,
        pubkey TEXT NOT NULL,
        posts BIGINT NOT NULL,
        PRIMARY KEY (community, pubkey)
    )""",
    # Mailbox events (``dm``, ``circle``; protocol section 15): kept apart from
    # ``events`` so no public pull, stream, lookup or count can ever reach them.
    # Only what delivery needs: the recipient key, the purge time, the event.
    """CREATE TABLE IF NOT EXISTS mailbox (
        seq {seq},
        id TEXT NOT NULL UNIQUE,
        recipient TEXT NOT NULL,
        expires_at BIGINT NOT NULL,
        body TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS mailbox_recipient ON mailbox (recipient, seq)",
    "CREATE INDEX IF NOT EXISTS mailbox_expiry ON mailbox (expires_at)",
    # Ids of mailbox events their recipient deleted, until they would have expired:
    # a copy sent again is a duplicate, never delivered twice.
    """CREATE TABLE IF NOT EXISTS mailbox_gone (
        id TEXT PRIMARY KEY,
        expires_at BIGINT NOT NULL
    )""",
    # Mailbox events received per key and UTC day, for the per-recipient limit;
    # rows of past days are purged.
    """CREATE TABLE IF NOT EXISTS mailbox_quota (
        recipient TEXT NOT NULL,
        day BIGINT NOT NULL,
        count BIGINT NOT NULL,
        PRIMARY KEY (recipient, day)
    )""",
    # The newest prekey bundle of each persona (replaceable), and the one-time
    # prekey ids already handed to a sender (each at most once).
    """CREATE TABLE IF NOT EXISTS prekeys (
        pubkey TEXT PRIMARY KEY,
        created_at BIGINT NOT NULL,
        event_id TEXT NOT NULL,
        body TEXT NOT NULL,
        claimed TEXT NOT NULL DEFAULT '[]'
    )""",
    """CREATE TABLE IF NOT EXISTS meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
)
