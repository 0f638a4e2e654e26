"""Receiving a direct message: open it, judge it, and save it with its state at once.

Order matters, and every step before the last changes nothing:

1. ``open_dm`` checks the outer event and opens the sealed-sender layer, which
   names the sender (an altered or misaddressed event stops here);
2. a blocked sender is dropped: nothing of it is saved and it never surfaces;
3. a copy of a message already stored is dropped (relays deliver at least once);
4. a message that would start or continue a *request* (no accepted conversation)
   is judged by the ``dm_requests`` setting (off, shared communities only, anyone)
   and by the relay's ``requests_per_sender_per_day``, which only this device can
   enforce because only it can see the sender;
5. ``read_dm`` decrypts and authenticates it on copies of the state;
6. the conversation's new state, the used-up one-time prekey and the message
   with its report evidence are saved in ONE transaction (docs/dm.md).

Every verdict is final, so the relay may delete its copy afterwards: a message
stored, a copy, or one that can never be read here is done with. Only a failure
to save (a store error, raised) leaves it on the relay to be delivered again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from peerhaven.core.dm.envelope import open_dm, read_dm
from peerhaven.core.dm.errors import AlreadyReceived, DmError
from peerhaven.core.dm.prekeys import PrekeySecrets
from peerhaven.core.dm.report import Report
from peerhaven.core.event import Event
from peerhaven.core.i18n import _
from peerhaven.core.persona import Persona
from peerhaven.store.clock import now
from peerhaven.store.database import Store
from peerhaven.store.dm import shares_community
from peerhaven.store.dm_receipts import apply_receipt, receipt_of
from peerhaven.store.dm_state import (
    Connection,
    load_conversation,
    load_prekeys,
    save_conversation,
    save_prekeys,
)
from peerhaven.store.relays import relay_limits
from peerhaven.store.settings import get_setting

Verdict = Literal[
    "stored",  # saved in an accepted conversation
    "request",  # saved as (part of) a request waiting for the member's answer
    "copy",  # already stored: a redelivery
    "blocked",  # from a persona the member blocked
    "unwanted",  # a request the member's setting does not allow
    "too-many",  # more requests from this sender today than the relay's limit
    "refused",  # altered, not for us, or unreadable: never shown
    "receipt",  # the other persona read your messages (it chose to say so)
]
#: when a relay says nothing about it (its default): requests (first messages and what
#: follows them before an answer) taken from one sender in a day
REQUESTS_PER_SENDER_PER_DAY = 20
DAY = 86_400


@dataclass(frozen=True, slots=True)
class Received:
    """What became of one delivered ``dm`` event."""

    verdict: Verdict
    #: the sender, once the seal was opened ("" when it could not be)
    sender: str = ""
    #: the message's number on this device when it was saved
    message_id: int | None = None
    #: why it was refused, in one sentence
    reason: str = ""

    @property
    def shown(self) -> bool:
        """Whether the member sees it now (a request shows only as a request)."""
        return self.verdict == "stored"


def requests_limit(store: Store, relay_url: str) -> int:
    """The relay's ``requests_per_sender_per_day`` from its ``/v1/info``, or the default."""
    limits, _fetched = relay_limits(store, relay_url) if relay_url else ({}, None)
    section = limits.get("mailbox")
    value = section.get("requests_per_sender_per_day") if isinstance(section, dict) else None
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    return REQUESTS_PER_SENDER_PER_DAY


def _requests_today(store: Store, persona: str, peer: str, at: int) -> int:
    row = store.execute(
        "SELECT count(*) FROM dm_messages m JOIN dm_conversations c ON c.persona = m.persona"
        " AND c.peer = m.peer WHERE m.persona = ? AND m.peer = ? AND c.status = 'request'"
        " AND m.outgoing = 0 AND m.received_at > ?",
        (persona, peer, at - DAY),
    ).fetchone()
    return int(row[0])


def receive_dm(store: Store, persona: Persona, event: Event, *, relay_url: str = "") -> Received:
    """Open, judge, decrypt and save one ``dm`` event addressed to ``persona``."""
    me = persona.pubkey
    try:
        sealed = open_dm(event, persona.keys)
    except DmError as exc:
        return Received("refused", reason=str(exc))
    sender = sealed.sender
    if store.execute("SELECT 1 FROM blocks WHERE pubkey = ?", (sender,)).fetchone():
        return Received("blocked", sender)
    if store.execute("SELECT 1 FROM dm_messages WHERE event_id = ?", (event.id,)).fetchone():
        return Received("copy", sender)
    row = store.execute(
        "SELECT status FROM dm_conversations WHERE persona = ? AND peer = ?", (me, sender)
    ).fetchone()
    status = "accepted" if row is not None and row[0] == "accepted" else "request"
    at = now()
    allowed = get_setting(store, "dm_requests") if status == "request" else "anyone"
    if status == "request":
        if allowed == "off":
            return Received("unwanted", sender)
        if _requests_today(store, me, sender, at) >= requests_limit(store, relay_url):
            return Received("too-many", sender)
    with store.transaction() as conn:
        conversation = load_conversation(conn, me, sender)
        prekeys = load_prekeys(conn, me) or PrekeySecrets()
        try:
            received = read_dm(persona.keys, sealed, conversation=conversation, prekeys=prekeys)
        except AlreadyReceived:
            return Received("copy", sender)
        except DmError as exc:
            return Received("refused", sender, reason=str(exc))
        message = received.message
        if allowed == "shared" and not (
            shares_community(store, sender) or _met_there(conn, me, message.community)
        ):
            return Received("unwanted", sender)
        seen = receipt_of(message.text, message.cw)
        if seen is not None:
            if status != "accepted":
                reason = _("A read receipt from a persona you have not accepted is ignored.")
                return Received("refused", sender, reason=reason)
            save_conversation(conn, me, received.conversation, at=at, status=status)
            apply_receipt(conn, me, sender, seen, at)
            return Received("receipt", sender)
        save_conversation(
            conn, me, received.conversation, at=at, status=status, community=message.community
        )
        if received.prekeys is not None:
            save_prekeys(conn, me, received.prekeys)
        evidence = Report(event, received.evidence).to_json()
        cursor = conn.execute(
            "INSERT INTO dm_messages (event_id, persona, peer, outgoing, text, cw, community,"
            " sent_at, position, received_at, read, evidence)"
            " VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?, ?, 0, ?)",
            (
                event.id,
                me,
                sender,
                message.text,
                message.cw,
                message.community,
                message.sent_at,
                sealed.message.index,
                at,
                evidence,
            ),
        )
    verdict: Verdict = "stored" if status == "accepted" else "request"
    return Received(verdict, sender, int(cursor.lastrowid))


def _met_there(conn: Connection, persona: str, community: str) -> bool:
    """Whether the request names a community where ``persona`` is a member.

    Membership is not public: a member who joined but never wrote leaves nothing for
    the recipient's device to see, so "members of a community you share" also counts a
    sender whose signed request names one of the recipient persona's own communities
    (a request naming a community this persona is not in is not let through)."""
    if not community:
        return False
    row = conn.execute(
        "SELECT 1 FROM memberships WHERE slug = ? AND persona = ?", (community, persona)
    ).fetchone()
    return row is not None
