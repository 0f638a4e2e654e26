"""The saved secrets of direct messages: prekey secrets per persona, ratchet state per peer.

Both are bytes that ``core/dm`` writes and reads (``PrekeySecrets.to_bytes``,
``Conversation.to_bytes``); they hold secret keys, so they live only in the
encrypted store and in sealed exports. Every function here takes the caller's
connection, because the rule of docs/dm.md is that state is saved in the same
transaction as the message it belongs to: saving one without the other either
loses a message (its key is gone) or shows it twice.
"""

from __future__ import annotations

from typing import Any

from peerhaven.core.dm.conversation import Conversation
from peerhaven.core.dm.prekeys import PrekeyBundle, PrekeySecrets
from peerhaven.core.event import Event

Connection = Any  # sqlcipher3's Connection (the wheel ships no stubs)


def load_prekeys(conn: Connection, persona: str) -> PrekeySecrets | None:
    """The persona's prekey secrets, or None before it ever published a bundle."""
    row = conn.execute("SELECT secrets FROM dm_prekeys WHERE persona = ?", (persona,)).fetchone()
    return PrekeySecrets.from_bytes(bytes(row[0])) if row else None


def save_prekeys(conn: Connection, persona: str, secrets: PrekeySecrets) -> None:
    """Replace the persona's secrets after a one-time key was used up."""
    conn.execute(
        "UPDATE dm_prekeys SET secrets = ? WHERE persona = ?", (secrets.to_bytes(), persona)
    )


def save_bundle(
    conn: Connection,
    persona: str,
    bundle: PrekeyBundle,
    secrets: PrekeySecrets,
    event: Event,
    at: int,
) -> None:
    """Record a newly made bundle, its signed event, and every secret still held (old
    ones included); no relay has this bundle yet."""
    first = min((otpk.id for otpk in bundle.one_time), default=0)
    conn.execute(
        "INSERT INTO dm_prekeys (persona, secrets, spk_expires, otpk_first, otpk_count, made_at,"
        " bundle) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (persona) DO UPDATE SET"
        " secrets = excluded.secrets, spk_expires = excluded.spk_expires,"
        " otpk_first = excluded.otpk_first, otpk_count = excluded.otpk_count,"
        " made_at = excluded.made_at, bundle = excluded.bundle",
        (
            persona,
            secrets.to_bytes(),
            bundle.spk_expires,
            first,
            len(bundle.one_time),
            at,
            event.to_json(),
        ),
    )
    conn.execute("DELETE FROM dm_bundle_relays WHERE persona = ?", (persona,))


def load_conversation(conn: Connection, persona: str, peer: str) -> Conversation | None:
    """The ratchet state of ``persona``'s conversation with ``peer``, if there is one."""
    row = conn.execute(
        "SELECT state FROM dm_conversations WHERE persona = ? AND peer = ?", (persona, peer)
    ).fetchone()
    return Conversation.from_bytes(bytes(row[0])) if row and row[0] is not None else None


def save_conversation(
    conn: Connection,
    persona: str,
    conversation: Conversation,
    *,
    at: int,
    status: str,
    community: str = "",
) -> None:
    """Insert or replace the state of a conversation.

    ``status`` and ``community`` are only written for a new conversation or when
    the status moves on (a request accepted by answering it, a declined one
    asking again); a conversation's community stays the one where they first met.
    """
    conn.execute(
        "INSERT INTO dm_conversations (persona, peer, state, status, community, created_at,"
        " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (persona, peer) DO UPDATE SET"
        " state = excluded.state, status = excluded.status, updated_at = excluded.updated_at,"
        " community = CASE WHEN dm_conversations.community = '' THEN excluded.community"
        " ELSE dm_conversations.community END",
        (persona, conversation.peer, conversation.to_bytes(), status, community, at, at),
    )
