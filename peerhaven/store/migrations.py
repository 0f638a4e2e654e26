"""Versioned schema migrations, recorded in SQLite's ``user_version``.

Each migration runs in one transaction with the version bump, so a process
killed mid-upgrade leaves the previous version whole, and the next open simply
tries again. Never edit a released migration: add a new one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from peerhaven.core.i18n import _

Connection = Any  # sqlcipher3's Connection; typed loosely because the wheel ships no stubs

BASE_SCHEMA = """
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE personas (
    pubkey TEXT PRIMARY KEY,
    secret BLOB NOT NULL,
    label TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    is_default INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE relays (
    url TEXT PRIMARY KEY,
    added_at INTEGER NOT NULL,
    last_attempt INTEGER,
    last_success INTEGER,
    last_error TEXT,
    failures INTEGER NOT NULL DEFAULT 0,
    next_attempt INTEGER
);
CREATE TABLE communities (
    slug TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    definition TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE TABLE community_relays (
    slug TEXT NOT NULL,
    relay_url TEXT NOT NULL,
    PRIMARY KEY (slug, relay_url)
);
CREATE TABLE memberships (
    slug TEXT PRIMARY KEY,
    persona TEXT NOT NULL REFERENCES personas(pubkey),
    joined_at INTEGER NOT NULL,
    observer INTEGER NOT NULL DEFAULT 0,
    rules_accepted_at INTEGER,
    keep_offline INTEGER NOT NULL DEFAULT 1,
    keep_days INTEGER
);
CREATE TABLE events (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    pubkey TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    kind TEXT NOT NULL,
    community TEXT NOT NULL,
    tags TEXT NOT NULL,
    content TEXT NOT NULL,
    sig TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    parent TEXT,
    root TEXT,
    target TEXT,
    expires_at INTEGER,
    deleted INTEGER NOT NULL DEFAULT 0,
    hidden INTEGER NOT NULL DEFAULT 0
);
-- Few indexes on purpose: every random-keyed index costs encrypted page
-- writes on each insert. Threads read by root, actions by target; reactions
-- have their own table; per-author scans are rare (block, ban) and may scan.
CREATE INDEX events_feed ON events (community, kind, created_at);
CREATE INDEX events_root ON events (root) WHERE root IS NOT NULL;
CREATE INDEX events_target ON events (target) WHERE target IS NOT NULL;
CREATE TABLE reactions (
    event_id TEXT PRIMARY KEY,
    target TEXT NOT NULL,
    pubkey TEXT NOT NULL,
    reaction TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (target, pubkey, reaction)
);
CREATE INDEX reactions_target ON reactions (target);
-- Reactions are derived from events by triggers, so every way an event
-- arrives or is withdrawn keeps the counts right; one persona's repeated
-- "me too" on one post counts once.
CREATE TRIGGER reactions_on_insert AFTER INSERT ON events
WHEN new.kind = 'reaction' AND new.deleted = 0 AND new.parent IS NOT NULL BEGIN
    INSERT OR IGNORE INTO reactions (event_id, target, pubkey, reaction, created_at)
        VALUES (new.id, new.parent, new.pubkey, new.content, new.created_at);
END;
CREATE TRIGGER reactions_on_withdraw AFTER UPDATE OF deleted ON events
WHEN new.kind = 'reaction' AND new.deleted = 1 BEGIN
    DELETE FROM reactions WHERE event_id = new.id;
END;
CREATE TABLE drafts (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    community TEXT,
    reply_to TEXT,
    cw TEXT NOT NULL DEFAULT '[]',
    content TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE TABLE journal (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    mood INTEGER NOT NULL CHECK (mood BETWEEN 1 AND 10),
    content TEXT NOT NULL,
    tags TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX journal_created ON journal (created_at);
CREATE TABLE outbox (
    event_id TEXT PRIMARY KEY,
    event TEXT NOT NULL,
    community TEXT NOT NULL,
    queued_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT
);
CREATE TABLE outbox_delivery (
    event_id TEXT NOT NULL REFERENCES outbox(event_id) ON DELETE CASCADE,
    relay_url TEXT NOT NULL,
    delivered_at INTEGER,
    status TEXT,
    PRIMARY KEY (event_id, relay_url)
);
CREATE TABLE cursors (
    relay_url TEXT NOT NULL,
    community TEXT NOT NULL,
    cursor TEXT,
    etag TEXT,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (relay_url, community)
);
CREATE TABLE blocks (
    pubkey TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL,
    note TEXT NOT NULL DEFAULT ''
);
CREATE TABLE mutes (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('word', 'persona', 'thread')),
    value TEXT NOT NULL,
    until INTEGER,
    created_at INTEGER NOT NULL,
    UNIQUE (kind, value)
);
"""

# Search indexes over the three things a person may look for. External-content
# tables keep one copy of each text (in its own table); 'secure-delete' makes
# FTS5 remove a deleted row's tokens from the index instead of only masking them.
# New posts are indexed per batch by ``store.events.store_verified`` with one
# INSERT…SELECT (a per-row trigger cost three times as much); changes and
# deletions go through triggers. ``columnsize=0``: results are ordered by
# recency, so bm25's per-row token counts are never needed.
SEARCH_SCHEMA = """
CREATE VIRTUAL TABLE posts_fts USING fts5(
    content, content='events', content_rowid='rowid', columnsize=0,
    tokenize='porter unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE journal_fts USING fts5(
    content, tags, content='journal', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE drafts_fts USING fts5(
    content, content='drafts', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'
);
INSERT INTO posts_fts(posts_fts, rank) VALUES ('secure-delete', 1);
INSERT INTO journal_fts(journal_fts, rank) VALUES ('secure-delete', 1);
INSERT INTO drafts_fts(drafts_fts, rank) VALUES ('secure-delete', 1);

CREATE TRIGGER events_fts_delete AFTER DELETE ON events
WHEN old.kind = 'post' AND old.deleted = 0 BEGIN
    INSERT INTO posts_fts(posts_fts, rowid, content) VALUES ('delete', old.rowid, old.content);
END;
CREATE TRIGGER events_fts_update AFTER UPDATE OF content, deleted ON events
WHEN old.kind = 'post' BEGIN
    INSERT INTO posts_fts(posts_fts, rowid, content)
        SELECT 'delete', old.rowid, old.content WHERE old.deleted = 0;
    INSERT INTO posts_fts(rowid, content)
        SELECT new.rowid, new.content WHERE new.deleted = 0;
END;

CREATE TRIGGER journal_fts_insert AFTER INSERT ON journal BEGIN
    INSERT INTO journal_fts(rowid, content, tags) VALUES (new.id, new.content, new.tags);
END;
CREATE TRIGGER journal_fts_delete AFTER DELETE ON journal BEGIN
    INSERT INTO journal_fts(journal_fts, rowid, content, tags)
        VALUES ('delete', old.id, old.content, old.tags);
END;
CREATE TRIGGER journal_fts_update AFTER UPDATE OF content, tags ON journal BEGIN
    INSERT INTO journal_fts(journal_fts, rowid, content, tags)
        VALUES ('delete', old.id, old.content, old.tags);
    INSERT INTO journal_fts(rowid, content, tags) VALUES (new.id, new.content, new.tags);
END;

CREATE TRIGGER drafts_fts_insert AFTER INSERT ON drafts BEGIN
    INSERT INTO drafts_fts(rowid, content) VALUES (new.id, new.content);
END;
CREATE TRIGGER drafts_fts_delete AFTER DELETE ON drafts BEGIN
    INSERT INTO drafts_fts(drafts_fts, rowid, content) VALUES ('delete', old.id, old.content);
END;
CREATE TRIGGER drafts_fts_update AFTER UPDATE OF content ON drafts BEGIN
    INSERT INTO drafts_fts(drafts_fts, rowid, content) VALUES ('delete', old.id, old.content);
    INSERT INTO drafts_fts(rowid, content) VALUES (new.id, new.content);
END;

INSERT INTO posts_fts(rowid, content)
    SELECT rowid, content FROM events WHERE kind = 'post' AND deleted = 0;
INSERT INTO journal_fts(rowid, content, tags) SELECT id, content, tags FROM journal;
INSERT INTO drafts_fts(rowid, content) SELECT id, content FROM drafts;
"""


SYNC_SCHEMA = """
ALTER TABLE relays ADD COLUMN limits TEXT;
ALTER TABLE relays ADD COLUMN info_at INTEGER;
ALTER TABLE relays ADD COLUMN dropped INTEGER NOT NULL DEFAULT 0;
ALTER TABLE relays ADD COLUMN page_size INTEGER NOT NULL DEFAULT 100;
ALTER TABLE relays ADD COLUMN retry_after INTEGER;

-- what each relay offers, as last browsed; joining pins one of these
CREATE TABLE relay_offers (
    relay_url TEXT NOT NULL,
    slug TEXT NOT NULL,
    owner TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    definition TEXT NOT NULL,
    seen_at INTEGER NOT NULL,
    PRIMARY KEY (relay_url, slug)
);

-- definitions signed by someone other than the pinned owner: refused, shown
CREATE TABLE trust_warnings (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL,
    relay_url TEXT,
    pubkey TEXT NOT NULL,
    event_id TEXT NOT NULL UNIQUE,
    seen_at INTEGER NOT NULL
);

-- the latest authorised moderation action per target (an event id or a pubkey);
-- events.hidden is a bit set derived from it: 1 hidden, 2 author banned
CREATE TABLE moderation (
    slug TEXT NOT NULL,
    target TEXT NOT NULL,
    action TEXT NOT NULL,
    actor TEXT NOT NULL,
    event_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (slug, target)
);

-- threads by latest activity, kept at ingest so a feed opens without aggregating
CREATE TABLE threads (
    root TEXT PRIMARY KEY,
    slug TEXT NOT NULL,
    last_activity INTEGER NOT NULL,
    replies INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX threads_feed ON threads (slug, last_activity);
INSERT INTO threads (root, slug, last_activity, replies)
    SELECT coalesce(root, id), community, max(created_at), sum(root IS NOT NULL)
    FROM events WHERE kind = 'post' GROUP BY coalesce(root, id), community;

CREATE TRIGGER reactions_on_delete AFTER DELETE ON events
WHEN old.kind = 'reaction' BEGIN
    DELETE FROM reactions WHERE event_id = old.id;
END;

CREATE TABLE read_marks (
    slug TEXT PRIMARY KEY,
    last_rowid INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL
);
"""


# Posts a relay holds for a moderator's approval, as fetched by a moderator's
# device (``GET /v1/held``): a snapshot per relay and community, replaced on
# each sync. They stay out of ``events`` (and so out of feeds and search) until
# a relay publishes them.
HELD_SCHEMA = """
CREATE TABLE held_posts (
    event_id TEXT NOT NULL,
    relay_url TEXT NOT NULL,
    community TEXT NOT NULL,
    event TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    fetched_at INTEGER NOT NULL,
    PRIMARY KEY (event_id, relay_url)
);
CREATE INDEX held_posts_community ON held_posts (community, created_at);
"""


# reports a moderator looked at and set aside without acting: local to this device,
# never sent (a dismissal is not a moderation action, so nobody else needs to know)
REPORT_DISMISSALS_SCHEMA = """
CREATE TABLE report_dismissals (
    report_id TEXT PRIMARY KEY,
    slug TEXT NOT NULL,
    dismissed_at INTEGER NOT NULL
);
"""


@dataclass(frozen=True, slots=True)
class Migration:
    """One step of the schema: SQL, or a function for data that SQL cannot move."""

    version: int
    name: str
    sql: str = ""
    run: Callable[[Connection], None] | None = None


# Edits (protocol section 13) are searched like posts: a post shows the words of its
# newest counting edit, so those are the words search must find (``store.edits``
# keeps only hits on the words a post shows now).
EDIT_SEARCH_SCHEMA = """
CREATE TRIGGER events_fts_edit_delete AFTER DELETE ON events
WHEN old.kind = 'edit' AND old.deleted = 0 BEGIN
    INSERT INTO posts_fts(posts_fts, rowid, content) VALUES ('delete', old.rowid, old.content);
END;
CREATE TRIGGER events_fts_edit_update AFTER UPDATE OF content, deleted ON events
WHEN old.kind = 'edit' BEGIN
    INSERT INTO posts_fts(posts_fts, rowid, content)
        SELECT 'delete', old.rowid, old.content WHERE old.deleted = 0;
    INSERT INTO posts_fts(rowid, content)
        SELECT new.rowid, new.content WHERE new.deleted = 0;
END;
INSERT INTO posts_fts(rowid, content)
    SELECT rowid, content FROM events WHERE kind = 'edit' AND deleted = 0;
"""


# What concerns the member (``store.activity``) is computed from ``events``; only
# what the member has read is kept. A read mark by rowid (arrival order, not
# signed time) covers "everything that had arrived when I marked all read", and
# single items read above it are listed by id, so an old-dated reply that arrives
# late is still new. ``events_author`` finds this device's own posts without a
# scan of every event.
ACTIVITY_SCHEMA = """
CREATE TABLE activity_mark (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    last_rowid INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL
);
CREATE TABLE activity_seen (
    item_id TEXT PRIMARY KEY,
    item_rowid INTEGER NOT NULL,
    seen_at INTEGER NOT NULL
);
CREATE INDEX events_author ON events (pubkey, kind);
"""


# Direct messages (docs/dm.md "On the device"). One conversation per (my persona,
# peer): its ratchet state is the saved core/dm Conversation, kept even when the
# member deletes the words (``state`` remembers the X3DH origins, so a replayed
# first message cannot start it again). ``status`` is the consent: 'request' until
# the member accepts, then 'accepted'; 'declined' keeps only the state. Messages
# keep their text and, for those received, the evidence a report needs (the
# outer event and the signed message), and are ordered by the sender's own time
# and then by ``position``, the message's number in its ratchet chain, so two
# sent in one second and delivered out of order are still shown as written. A
# message's ``event_id`` is the outer event's id, unique, so a redelivered copy is
# never stored twice. ``dm_prekeys.bundle`` is the signed ``prekeys`` event of the
# newest bundle, and ``dm_bundle_relays`` which relay already has it. ``seen_at``:
# when the other persona's receipt said it read one of your messages (only when it
# chose to send them, ``store.dm_receipts``).
DM_SCHEMA = """
CREATE TABLE dm_prekeys (
    persona TEXT PRIMARY KEY REFERENCES personas(pubkey),
    secrets BLOB NOT NULL,
    spk_expires INTEGER NOT NULL,
    otpk_first INTEGER NOT NULL,
    otpk_count INTEGER NOT NULL,
    made_at INTEGER NOT NULL,
    bundle TEXT NOT NULL
);
CREATE TABLE dm_bundle_relays (
    persona TEXT NOT NULL,
    relay_url TEXT NOT NULL,
    made_at INTEGER NOT NULL,
    PRIMARY KEY (persona, relay_url)
);
CREATE TABLE dm_conversations (
    persona TEXT NOT NULL REFERENCES personas(pubkey),
    peer TEXT NOT NULL,
    state BLOB,
    status TEXT NOT NULL CHECK (status IN ('request', 'accepted', 'declined')),
    community TEXT NOT NULL DEFAULT '',
    seen INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (persona, peer)
);
CREATE TABLE dm_messages (
    id INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL UNIQUE,
    persona TEXT NOT NULL,
    peer TEXT NOT NULL,
    outgoing INTEGER NOT NULL CHECK (outgoing IN (0, 1)),
    text TEXT NOT NULL,
    cw TEXT,
    community TEXT NOT NULL DEFAULT '',
    sent_at INTEGER NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    received_at INTEGER NOT NULL,
    read INTEGER NOT NULL DEFAULT 0,
    seen_at INTEGER,
    evidence TEXT
);
CREATE INDEX dm_messages_conversation ON dm_messages (persona, peer, sent_at, position);
CREATE VIRTUAL TABLE dm_fts USING fts5(
    text, content='dm_messages', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'
);
INSERT INTO dm_fts(dm_fts, rank) VALUES ('secure-delete', 1);
CREATE TRIGGER dm_fts_insert AFTER INSERT ON dm_messages BEGIN
    INSERT INTO dm_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER dm_fts_delete AFTER DELETE ON dm_messages BEGIN
    INSERT INTO dm_fts(dm_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
"""


# Private circles (docs/circles.md). ``circles`` holds one row per circle this device
# takes part in, as owner, member or joiner; ``state`` says which stage it is at.
# Every change of membership starts a new epoch (``circle_epochs``), whose key stays
# here so posts of earlier epochs still open; ``members`` is that epoch's JSON list.
# Posts keep their outer event so one can be shown, verifiably, to the owner.
# ``circle_invites`` are the owner's one-time codes (the secret, never shown again);
# ``circle_reports`` are members' reports of posts, on the owner's device;
# ``circle_fts`` searches the posts on this device.
CIRCLES_SCHEMA = """
CREATE TABLE circles (
    id TEXT PRIMARY KEY,
    persona TEXT NOT NULL,
    owner TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    rules TEXT NOT NULL DEFAULT '',
    relay TEXT NOT NULL DEFAULT '',
    epoch INTEGER,
    state TEXT NOT NULL,
    refusal TEXT,
    read_rowid INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE TABLE circle_epochs (
    circle TEXT NOT NULL,
    epoch INTEGER NOT NULL,
    key BLOB NOT NULL,
    mailbox TEXT NOT NULL,
    members TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    PRIMARY KEY (circle, epoch)
);
CREATE TABLE circle_posts (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    circle TEXT NOT NULL,
    epoch INTEGER NOT NULL,
    author TEXT NOT NULL,
    text TEXT NOT NULL,
    cw TEXT,
    reply_to TEXT,
    sent_at INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    signature TEXT NOT NULL,
    event TEXT NOT NULL
);
CREATE INDEX circle_posts_order ON circle_posts (circle, sent_at);
CREATE TABLE circle_invites (
    id TEXT PRIMARY KEY,
    circle TEXT NOT NULL,
    secret BLOB NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER,
    used_by TEXT
);
CREATE TABLE circle_reports (
    circle TEXT NOT NULL,
    post TEXT NOT NULL,
    reporter TEXT NOT NULL,
    reason TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (circle, post, reporter)
);
CREATE VIRTUAL TABLE circle_fts USING fts5(
    text, content='circle_posts', content_rowid='rowid',
    tokenize='porter unicode61 remove_diacritics 2'
);
INSERT INTO circle_fts(circle_fts, rank) VALUES ('secure-delete', 1);
CREATE TRIGGER circle_fts_insert AFTER INSERT ON circle_posts BEGIN
    INSERT INTO circle_fts(rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER circle_fts_delete AFTER DELETE ON circle_posts BEGIN
    INSERT INTO circle_fts(circle_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;
"""


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "base tables", sql=BASE_SCHEMA),
    Migration(2, "full-text search over posts, journal and drafts", sql=SEARCH_SCHEMA),
    Migration(3, "sync: relay state, offers, trust warnings, moderation, threads", sql=SYNC_SCHEMA),
    Migration(4, "posts held for a moderator's approval", sql=HELD_SCHEMA),
    Migration(5, "moderators' report dismissals, on this device", sql=REPORT_DISMISSALS_SCHEMA),
    Migration(6, "edits of posts in full-text search", sql=EDIT_SEARCH_SCHEMA),
    Migration(7, "activity: what the member has read, and posts by author", sql=ACTIVITY_SCHEMA),
    Migration(8, "direct messages: conversations, messages, prekey secrets", sql=DM_SCHEMA),
    Migration(9, "private circles: epochs, posts, invites, reports, search", sql=CIRCLES_SCHEMA),
)

LATEST = MIGRATIONS[-1].version


def current_version(conn: Connection) -> int:
    """The schema version recorded in the file (0 for a new file)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: Connection, target: int | None = None) -> list[int]:
    """Apply every migration above the file's version up to ``target``; return those applied."""
    target = MIGRATIONS[-1].version if target is None else target
    version = current_version(conn)
    if version > MIGRATIONS[-1].version:
        from peerhaven.store.errors import StoreError

        raise StoreError(
            _(
                "This store was written by a newer PeerHaven (schema {version}); update "
                "PeerHaven to open it."
            ).format(version=version)
        )
    applied: list[int] = []
    for migration in MIGRATIONS:
        if migration.version <= version or migration.version > target:
            continue
        _apply(conn, migration)
        applied.append(migration.version)
    return applied


def _apply(conn: Connection, migration: Migration) -> None:
    if conn.in_transaction:
        conn.commit()
    conn.execute("BEGIN IMMEDIATE")
    try:
        if migration.sql:
            for statement in _statements(migration.sql):
                conn.execute(statement)
        if migration.run is not None:
            migration.run(conn)
        conn.execute(f"PRAGMA user_version = {migration.version}")
    except BaseException:
        conn.rollback()
        raise
    conn.commit()


def _statements(script: str) -> list[str]:
    """Split a script into statements; trigger bodies keep their inner semicolons."""
    from sqlcipher3 import dbapi2

    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if dbapi2.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
