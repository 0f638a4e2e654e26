"""Direct messages on this device: what the Messages place and ``peerhaven dm`` show.

One conversation per pair (one of your personas, the other persona). Consent
comes first: a conversation someone else started is a *request* until you
accept it, and until then only the request itself is shown (``requests``: who,
the community where you met, the opening words, folded behind the sender's
content warning); nothing in it counts as unread and no message of it is
listed. Declining deletes the words but keeps the ratchet state, so a replayed
first message cannot start the conversation again; declining and blocking also
blocks the persona, which stops its messages and requests at once
(``store.dm_receive`` drops them before anything is saved).

"Seen" is off by default and is chosen per conversation (``set_seen``); reading
then sends a receipt (``mark_read``, from ``store.dm_receipts``); no typing
indicator exists. The cryptography lives in ``core/dm``, the saved
secrets in ``store.dm_state``, sending in ``store.dm_send``, receiving in
``store.dm_receive``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from peerhaven.core.i18n import _
from peerhaven.core.persona import pseudonym
from peerhaven.store.clock import now
from peerhaven.store.database import Store
from peerhaven.store.dm_receipts import mark_read as mark_read
from peerhaven.store.errors import BadInput, NotFound
from peerhaven.store.filter_prefs import block
from peerhaven.store.outbox import delivery_states
from peerhaven.store.personas import match_persona

Status = Literal["request", "accepted", "declined"]
#: the opening of a request shown before it is accepted: this many lines, this many characters
OPENING_LINES = 3
OPENING_CHARS = 280
#: a blocked persona's conversations and requests leave every list and count at once
_NOT_BLOCKED = "NOT EXISTS (SELECT 1 FROM blocks b WHERE b.pubkey = c.peer)"


@dataclass(frozen=True, slots=True)
class ConversationRow:
    """One accepted conversation in the list, newest activity first."""

    #: your persona in it, and the other persona (public keys)
    persona: str
    peer: str
    #: where you met, as the first message said ("" when it named none)
    community: str
    #: messages received and not read yet
    unread: int
    #: the last message: its words, warning, direction and time (None before any)
    last_text: str | None
    last_cw: str | None
    last_outgoing: bool
    last_at: int
    #: whether you chose to tell this persona when you have read its messages
    seen: bool

    @property
    def peer_name(self) -> str:
        """The other persona's pseudonym."""
        return pseudonym(self.peer)

    @property
    def persona_name(self) -> str:
        """Your persona's pseudonym."""
        return pseudonym(self.persona)


@dataclass(frozen=True, slots=True)
class Message:
    """One message of a conversation, in the order its sender wrote it."""

    id: int
    event_id: str
    persona: str
    peer: str
    outgoing: bool
    text: str
    cw: str | None
    community: str
    sent_at: int
    read: bool
    #: for your own messages: "" once a relay took it, else "not sent yet" or the refusal
    delivery: str
    #: a received message keeps what a report needs
    reportable: bool
    #: for your own messages: the other persona's receipt said it read this one
    seen: bool = False

    @property
    def author_name(self) -> str:
        """Who wrote it: the other persona's pseudonym, or yours."""
        return pseudonym(self.persona if self.outgoing else self.peer)


@dataclass(frozen=True, slots=True)
class Request:
    """A conversation someone else started, waiting for your answer."""

    persona: str
    peer: str
    #: where you met, as the sender said
    community: str
    #: the first message's content warning (its opening is folded behind it)
    cw: str | None
    #: the first lines of the first message
    opening: str
    #: messages waiting in it
    count: int
    first_at: int
    #: whether the sender shares a community with you (posts seen there)
    shares_community: bool

    @property
    def peer_name(self) -> str:
        """The sender's pseudonym."""
        return pseudonym(self.peer)


def opening(text: str) -> str:
    """The first lines of a message, for a request or a list row."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    shown = "\n".join(lines[:OPENING_LINES])
    cut = shown[:OPENING_CHARS]
    return cut + "…" if len(cut) < len(text.strip()) else cut


def shares_community(store: Store, peer: str) -> bool:
    """Whether ``peer`` wrote anything this device holds in a community you joined."""
    row = store.execute(
        "SELECT 1 FROM events e JOIN memberships m ON m.slug = e.community"
        " WHERE e.pubkey = ? LIMIT 1",
        (peer,),
    ).fetchone()
    return row is not None


def conversations(store: Store) -> list[ConversationRow]:
    """Accepted conversations with their unread counts, most recent message first."""
    rows = store.execute(
        "SELECT c.persona, c.peer, c.community, c.seen, c.updated_at,"
        " (SELECT count(*) FROM dm_messages m WHERE m.persona = c.persona AND m.peer = c.peer"
        "  AND m.outgoing = 0 AND m.read = 0),"
        " l.text, l.cw, l.outgoing, l.sent_at"
        " FROM dm_conversations c LEFT JOIN dm_messages l ON l.id = (SELECT m.id"
        "  FROM dm_messages m WHERE m.persona = c.persona AND m.peer = c.peer"
        "  ORDER BY m.sent_at DESC, m.position DESC, m.id DESC LIMIT 1)"
        f" WHERE c.status = 'accepted' AND {_NOT_BLOCKED}"
    ).fetchall()
    found = [
        ConversationRow(
            persona=str(persona),
            peer=str(peer),
            community=str(community),
            unread=int(unread),
            last_text=None if text is None else str(text),
            last_cw=None if cw is None else str(cw),
            last_outgoing=bool(outgoing),
            last_at=int(sent_at if sent_at is not None else updated),
            seen=bool(seen),
        )
        for persona, peer, community, seen, updated, unread, text, cw, outgoing, sent_at in rows
    ]
    found.sort(key=lambda row: (-row.last_at, row.peer, row.persona))
    return found


def unread_total(store: Store) -> int:
    """Unread messages in accepted conversations (requests are counted by ``requests``)."""
    row = store.execute(
        "SELECT count(*) FROM dm_messages m JOIN dm_conversations c ON c.persona = m.persona"
        " AND c.peer = m.peer WHERE c.status = 'accepted' AND m.outgoing = 0 AND m.read = 0"
        f" AND {_NOT_BLOCKED}"
    ).fetchone()
    return int(row[0])


def requests(store: Store) -> list[Request]:
    """Conversations others started that wait for your answer, oldest first."""
    rows = store.execute(
        "SELECT c.persona, c.peer, c.community, f.text, f.cw, f.sent_at, f.community,"
        " (SELECT count(*) FROM dm_messages m WHERE m.persona = c.persona AND m.peer = c.peer)"
        " FROM dm_conversations c JOIN dm_messages f ON f.id = (SELECT m.id FROM dm_messages m"
        "  WHERE m.persona = c.persona AND m.peer = c.peer"
        "  ORDER BY m.sent_at, m.position, m.id LIMIT 1)"
        f" WHERE c.status = 'request' AND {_NOT_BLOCKED} ORDER BY f.received_at, f.id"
    ).fetchall()
    return [
        Request(
            persona=str(persona),
            peer=str(peer),
            community=str(community or said),
            cw=None if cw is None else str(cw),
            opening=opening(str(text)),
            count=int(count),
            first_at=int(sent_at),
            shares_community=shares_community(store, str(peer)),
        )
        for persona, peer, community, text, cw, sent_at, said, count in rows
    ]


def messages(store: Store, persona: str, peer: str, *, limit: int = 200) -> list[Message]:
    """The last ``limit`` messages of an accepted conversation, oldest first.

    Ordered by the time each sender wrote them and their number in the ratchet
    chain (both inside the encryption, so a relay cannot change them), so messages
    delivered out of order are shown in order.
    """
    status = _status(store, persona, peer)
    if status != "accepted":
        raise NotFound(_("Accept this request first; its messages are shown once you do."))
    rows = store.execute(
        "SELECT id, event_id, outgoing, text, cw, community, sent_at, read,"
        " evidence IS NOT NULL, seen_at IS NOT NULL FROM dm_messages"
        " WHERE persona = ? AND peer = ?"
        " ORDER BY sent_at DESC, position DESC, id DESC LIMIT ?",
        (persona, peer, limit),
    ).fetchall()
    rows.reverse()
    states = delivery_states(store, [str(row[1]) for row in rows if row[2]])
    return [
        Message(
            id=int(mid),
            event_id=str(event_id),
            persona=persona,
            peer=peer,
            outgoing=bool(outgoing),
            text=str(text),
            cw=None if cw is None else str(cw),
            community=str(community),
            sent_at=int(sent_at),
            read=bool(read),
            delivery=states.get(str(event_id), "") if outgoing else "",
            reportable=bool(reportable),
            seen=bool(seen),
        )
        for mid, event_id, outgoing, text, cw, community, sent_at, read, reportable, seen in rows
    ]


def message(store: Store, message_id: int) -> Message:
    """One message by its number on this device (as ``peerhaven dm read`` shows it)."""
    row = store.execute(
        "SELECT persona, peer FROM dm_messages WHERE id = ?", (message_id,)
    ).fetchone()
    if row is None or _status(store, str(row[0]), str(row[1])) != "accepted":
        raise NotFound(_("There is no message {number} on this device.").format(number=message_id))
    for found in messages(store, str(row[0]), str(row[1]), limit=1_000_000):
        if found.id == message_id:
            return found
    raise NotFound(_("There is no message {number} on this device.").format(number=message_id))


def find_conversation(
    store: Store, who: str, *, persona: str | None = None, statuses: tuple[Status, ...] = ()
) -> tuple[str, str]:
    """(your persona, the peer) of the one conversation ``who`` names.

    ``who`` is the other persona's public key, its first characters, or its
    pseudonym; ``persona`` chooses among your personas when several talk with it.
    """
    wanted = statuses or ("accepted", "request")
    marks = ",".join("?" * len(wanted))
    rows = [
        (str(mine), str(peer))
        for mine, peer in store.execute(
            f"SELECT persona, peer FROM dm_conversations WHERE status IN ({marks})", wanted
        )
    ]
    if persona is not None:
        rows = [(mine, peer) for mine, peer in rows if mine == persona]
    if not rows:
        raise NotFound(_("There is no conversation with {who} on this device.").format(who=who))
    peer = match_persona(who, [peer for _mine, peer in rows])
    mine = [m for m, p in rows if p == peer]
    if len(mine) > 1:
        raise BadInput(
            _("Several of your personas talk with {who}; say which one with --as.").format(
                who=pseudonym(peer)
            )
        )
    return mine[0], peer


def _status(store: Store, persona: str, peer: str) -> Status | None:
    row = store.execute(
        "SELECT status FROM dm_conversations WHERE persona = ? AND peer = ?", (persona, peer)
    ).fetchone()
    return None if row is None else row[0]


def accept_request(store: Store, persona: str, peer: str) -> None:
    """Accept a request: its messages are shown from now on, and you may answer."""
    with store.transaction() as conn:
        changed = conn.execute(
            "UPDATE dm_conversations SET status = 'accepted', updated_at = ?"
            " WHERE persona = ? AND peer = ? AND status = 'request'",
            (now(), persona, peer),
        ).rowcount
    if not changed:
        raise NotFound(_("There is no request from {who} waiting.").format(who=pseudonym(peer)))


def decline_request(store: Store, persona: str, peer: str, *, and_block: bool = False) -> None:
    """Decline a request: its words are deleted; the ratchet state is kept so a replayed
    first message cannot start it again. ``and_block`` blocks the sender too, which stops
    its messages and requests at once; without it, the sender may ask again later."""
    with store.transaction() as conn:
        changed = conn.execute(
            "UPDATE dm_conversations SET status = 'declined', updated_at = ?"
            " WHERE persona = ? AND peer = ? AND status = 'request'",
            (now(), persona, peer),
        ).rowcount
        if not changed:
            raise NotFound(_("There is no request from {who} waiting.").format(who=pseudonym(peer)))
        conn.execute("DELETE FROM dm_messages WHERE persona = ? AND peer = ?", (persona, peer))
        if and_block:
            block(store, peer, note=_("declined a message request"))
    store.scrub()


def set_seen(store: Store, persona: str, peer: str, on: bool) -> None:
    """Choose whether this persona is told when you have read its messages."""
    with store.transaction() as conn:
        changed = conn.execute(
            "UPDATE dm_conversations SET seen = ? WHERE persona = ? AND peer = ?"
            " AND status = 'accepted'",
            (int(on), persona, peer),
        ).rowcount
    if not changed:
        raise NotFound(
            _("There is no conversation with {who} on this device.").format(who=pseudonym(peer))
        )


def resolve_peer(store: Store, who: str) -> str:
    """The persona ``who`` names: a whole public key, or a prefix or pseudonym of a persona
    you talk with or whose posts this device holds."""
    clean = who.strip().lower()
    if len(clean) == 64 and all(c in "0123456789abcdef" for c in clean):
        return clean
    known = [str(row[0]) for row in store.execute("SELECT peer FROM dm_conversations")]
    known += [str(row[0]) for row in store.execute("SELECT DISTINCT pubkey FROM events")]
    return match_persona(who, known)


@dataclass(frozen=True, slots=True)
class Sender:
    """Who a new message is from and which community it names as where you met."""

    persona: str
    community: str


def sender_for(
    store: Store, peer: str, *, persona: str | None = None, community: str | None = None
) -> Sender:
    """Which of your personas writes to ``peer``, and the community the message names.

    The persona given wins; else the one you joined ``community`` with; else the
    one already talking with ``peer``; else the one you joined a community with
    where ``peer`` posts (a persona per community keeps them apart); else your
    default persona. The community given wins; else the conversation's; else one
    you joined where ``peer`` posts.
    """
    from peerhaven.store.communities import membership
    from peerhaven.store.personas import default_persona, load_persona

    if persona is not None:
        mine = load_persona(store, persona).pubkey
    elif community:
        member = membership(store, community)
        if member.observer:
            raise BadInput(
                _("You are observing {community}; join it to write to its members.").format(
                    community=community
                )
            )
        mine = member.persona
    else:
        talking = [
            str(row[0])
            for row in store.execute(
                "SELECT persona FROM dm_conversations WHERE peer = ? ORDER BY updated_at DESC",
                (peer,),
            )
        ]
        met = store.execute(
            "SELECT m.persona, m.slug FROM memberships m WHERE m.observer = 0 AND EXISTS"
            " (SELECT 1 FROM events e WHERE e.pubkey = ? AND e.community = m.slug)"
            " ORDER BY m.joined_at LIMIT 1",
            (peer,),
        ).fetchone()
        if talking:
            mine = talking[0]
        elif met is not None:
            mine, community = str(met[0]), community or str(met[1])
        else:
            mine = default_persona(store).pubkey
    if mine == peer:
        raise BadInput(_("A direct message needs another persona."))
    if community is None:
        row = store.execute(
            "SELECT community FROM dm_conversations WHERE persona = ? AND peer = ?", (mine, peer)
        ).fetchone()
        community = str(row[0]) if row and row[0] else ""
    if not community:
        shared = store.execute(
            "SELECT m.slug FROM memberships m WHERE m.persona = ? AND m.observer = 0 AND EXISTS"
            " (SELECT 1 FROM events e WHERE e.pubkey = ? AND e.community = m.slug)"
            " ORDER BY m.joined_at LIMIT 1",
            (mine, peer),
        ).fetchone()
        community = str(shared[0]) if shared else ""
    return Sender(mine, community)
