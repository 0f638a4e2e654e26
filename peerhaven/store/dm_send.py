"""Sending a direct message from this device: seal it, then save and queue it at once.

The advanced ratchet state, the message (so the member sees what they wrote)
and the outer ``dm`` event in the outbox are written in ONE transaction
(docs/dm.md "Saving state"): a crash leaves either none of them or all, so a
message key is never used twice and never lost. The outbox then sends it like
any post (at once when a relay answers, later when offline). Fetching the
recipient's prekey bundle needs the network and lives in ``sync.dm``; the
oversharing guard and the crisis offer run in the CLI and the app before this,
as for posts.
"""

from __future__ import annotations

from dataclasses import dataclass

from peerhaven.core.dm.envelope import seal_dm
from peerhaven.core.dm.errors import DmError
from peerhaven.core.dm.prekeys import PrekeyBundle
from peerhaven.core.event import Event
from peerhaven.core.i18n import _
from peerhaven.core.inert import has_visible_text
from peerhaven.core.persona import Persona
from peerhaven.store.clock import now
from peerhaven.store.database import Store
from peerhaven.store.dm_receipts import is_receipt
from peerhaven.store.dm_state import load_conversation, save_conversation
from peerhaven.store.errors import BadInput
from peerhaven.store.filter_prefs import load_rules
from peerhaven.store.outbox import queue


@dataclass(frozen=True, slots=True)
class Sent:
    """A message saved and queued: its number here and the outer event that carries it."""

    message_id: int
    event: Event


def needs_bundle(store: Store, persona: str, peer: str) -> bool:
    """Whether a message to ``peer`` must start a session (no conversation here yet)."""
    row = store.execute(
        "SELECT state IS NOT NULL FROM dm_conversations WHERE persona = ? AND peer = ?",
        (persona, peer),
    ).fetchone()
    return not (row and row[0])


def seal_and_queue(
    store: Store,
    persona: Persona,
    peer: str,
    text: str,
    *,
    cw: str | None = None,
    community: str = "",
    bundle: PrekeyBundle | None = None,
) -> Sent:
    """Encrypt ``text`` to ``peer``, save the new state and the message, queue the event.

    Without a conversation here a ``bundle`` (verified by ``sync.dm``) starts one.
    Writing to someone whose request waits accepts it: answering is consent.
    """
    if not has_visible_text(text):
        raise BadInput(_("A message needs some words."))
    if is_receipt(text):
        raise BadInput(_("Those exact words are reserved for telling someone you read them."))
    if peer in load_rules(store).blocked:
        raise BadInput(_("You blocked this persona; unblock it to write to it."))
    at = now()
    with store.transaction() as conn:
        saved = load_conversation(conn, persona.pubkey, peer)
        try:
            conversation, event = seal_dm(
                persona.keys,
                peer,
                text,
                now=at,
                conversation=saved,
                bundle=bundle if saved is None else None,
                cw=cw,
                community=community,
            )
        except DmError as exc:
            raise BadInput(str(exc)) from exc
        save_conversation(
            conn, persona.pubkey, conversation, at=at, status="accepted", community=community
        )
        cursor = conn.execute(
            "INSERT INTO dm_messages (event_id, persona, peer, outgoing, text, cw, community,"
            " sent_at, received_at, read) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, 1)",
            (event.id, persona.pubkey, peer, text, cw, community, at, at),
        )
        queue(conn, event)
    return Sent(int(cursor.lastrowid), event)
