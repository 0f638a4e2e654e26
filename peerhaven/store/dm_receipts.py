"""The explicit "seen": a receipt a member chooses to send, per conversation, when reading.

Off by default (it tells the other persona when you were here). With it on for a
conversation, counting new messages read sends one *receipt*: a direct message
like any other (sealed, padded, ratcheted, indistinguishable from a message to
the relay), whose words are exactly ``seen:`` and the outer event id of the last
message read. The receiving device never shows it: it marks that message of its
own, and every earlier one, as seen. No typing indicator exists.

Members cannot send those words as a message (``is_receipt`` refuses them in
``store.dm_send``), so a receipt is never mistaken for words, and words never for
a receipt; a receipt from a persona whose conversation you have not accepted is
dropped.
"""

from __future__ import annotations

import re

from peerhaven.core.dm.envelope import seal_dm
from peerhaven.core.dm.errors import DmError
from peerhaven.core.event import Event
from peerhaven.store.clock import now
from peerhaven.store.database import Store
from peerhaven.store.dm_state import Connection, load_conversation, save_conversation
from peerhaven.store.outbox import queue
from peerhaven.store.personas import load_persona

PREFIX = "seen:"
_RECEIPT = re.compile(r"seen:([0-9a-f]{64})")


def receipt_of(text: str, cw: str | None) -> str | None:
    """The event id a receipt names, or None when these are a message's words."""
    match = _RECEIPT.fullmatch(text)
    return match.group(1) if match and cw is None else None


def is_receipt(text: str) -> bool:
    """Whether words have the one form reserved for receipts."""
    return _RECEIPT.fullmatch(text.strip()) is not None


def mark_read(store: Store, persona: str, peer: str) -> Event | None:
    """Count every received message of the conversation read.

    When the member chose "seen" for it and something new was read, a receipt for
    the last message is sealed and queued in the same transaction and returned,
    for the caller to push like any message (it waits in the outbox offline).
    """
    at = now()
    with store.transaction() as conn:
        changed = conn.execute(
            "UPDATE dm_messages SET read = 1 WHERE persona = ? AND peer = ? AND outgoing = 0"
            " AND read = 0",
            (persona, peer),
        ).rowcount
        row = conn.execute(
            "SELECT seen FROM dm_conversations WHERE persona = ? AND peer = ?"
            " AND status = 'accepted'",
            (persona, peer),
        ).fetchone()
        if not changed or row is None or not row[0]:
            return None
        last = conn.execute(
            "SELECT event_id FROM dm_messages WHERE persona = ? AND peer = ? AND outgoing = 0"
            " ORDER BY sent_at DESC, position DESC, id DESC LIMIT 1",
            (persona, peer),
        ).fetchone()
        conversation = load_conversation(conn, persona, peer)
        if last is None or conversation is None:
            return None
        keys = load_persona(store, persona).keys
        try:
            advanced, event = seal_dm(
                keys, peer, PREFIX + str(last[0]), now=at, conversation=conversation
            )
        except DmError:
            return None  # the state cannot send (damaged): reading still counts
        save_conversation(conn, persona, advanced, at=at, status="accepted")
        queue(conn, event)
    return event


def apply_receipt(conn: Connection, persona: str, peer: str, event_id: str, at: int) -> int:
    """Mark your messages to ``peer`` seen, up to the one ``event_id`` names; how many."""
    named = conn.execute(
        "SELECT sent_at, id FROM dm_messages WHERE event_id = ? AND persona = ? AND peer = ?"
        " AND outgoing = 1",
        (event_id, persona, peer),
    ).fetchone()
    if named is None:
        return 0
    return int(
        conn.execute(
            "UPDATE dm_messages SET seen_at = ? WHERE persona = ? AND peer = ? AND outgoing = 1"
            " AND seen_at IS NULL AND (sent_at < ? OR (sent_at = ? AND id <= ?))",
            (at, persona, peer, named[0], named[0], named[1]),
        ).rowcount
    )
