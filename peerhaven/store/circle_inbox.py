"""Applying what arrives in circle mailboxes: posts, and the control messages between devices.

``receive`` takes one verified ``circle`` event from a relay (the sync's mailbox
handler hands it over) and applies it in one transaction, so a crash leaves it
either fully applied or not at all, and a copy delivered again changes nothing.
Anything that does not open, is not signed by whom it must be, or comes from a
persona outside the epoch is dropped without a trace: nothing about it is stored
or logged.

Who may say what, checked after the seal is opened:

- a **post** must be signed by a member of the epoch it was sealed to; a post to
  an *earlier* epoch is kept only when its signed time is before this device
  learned of the epoch that followed (late copies of real posts, not new words);
- a **welcome** only from the owner named in the invite code, while waiting;
- a **new epoch** or **removed** only from the circle's owner;
- a **join request** or **leave** only to the owner, who checks the invite (unused,
  unexpired, proved) or that the leaver is a member, and starts the next epoch; a
  request that does not prove the secret gets no answer at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from peerhaven.core.circles.control import (
    MAX_MEMBERS,
    Control,
    JoinRequest,
    Leave,
    NewEpoch,
    Refused,
    Removed,
    Report,
    Welcome,
    open_control,
)
from peerhaven.core.circles.epoch import EpochKeys
from peerhaven.core.circles.errors import CircleError
from peerhaven.core.circles.invite import proves
from peerhaven.core.circles.post import open_post
from peerhaven.core.event import Event
from peerhaven.core.keys import Keypair
from peerhaven.store.circle_actions import rotate, send_control, start_epoch, store_post
from peerhaven.store.circles import CircleRow, epoch_members, get_circle
from peerhaven.store.clock import now
from peerhaven.store.database import Store

#: how long after a new epoch the previous one's mailbox is still fetched, for posts
#: that were on their way when the key changed
GRACE_SECONDS = 7 * 24 * 3600


@dataclass(frozen=True, slots=True)
class Followed:
    """The mailboxes this device follows for circles, in two kinds.

    ``personas`` are read by this device alone (control messages: what was applied
    may be deleted from the relay); ``epochs`` are shared by every member (posts:
    they stay on the relay for the others).
    """

    personas: list[Keypair]
    epochs: list[Keypair]


def mailboxes(store: Store) -> Followed:
    """The mailbox keys (with secrets) this device follows for circles now.

    The personas that own, belong to or wait to join a circle (for control
    messages), and the epoch mailboxes of circles this device is in: the current
    epoch and any that ended less than ``GRACE_SECONDS`` ago.
    """
    personas = store.execute(
        "SELECT DISTINCT p.secret FROM personas p JOIN circles c ON c.persona = p.pubkey"
        " WHERE c.state IN ('member', 'waiting') ORDER BY p.pubkey"
    ).fetchall()
    epochs = store.execute(
        "SELECT e.circle, e.epoch, e.key FROM circle_epochs e JOIN circles c ON c.id = e.circle"
        " WHERE c.state = 'member' AND (e.epoch = c.epoch OR EXISTS (SELECT 1 FROM circle_epochs n"
        " WHERE n.circle = e.circle AND n.epoch = e.epoch + 1 AND n.started_at > ?))"
        " ORDER BY e.circle, e.epoch",
        (now() - GRACE_SECONDS,),
    ).fetchall()
    return Followed(
        [Keypair.from_secret(bytes(row[0])) for row in personas],
        [EpochKeys.derive(circle, epoch, bytes(key)).mailbox for circle, epoch, key in epochs],
    )


def receive(store: Store, event: Event) -> bool:
    """Apply one ``circle`` event from a relay; True when it is taken (stored or applied).

    A copy of a post already stored, or a control message that opened and was
    checked (applied, or found to change nothing), counts as taken; an event that
    does not open, or a post the rules refuse, does not (False).
    """
    to = event.tag("to")
    if to is None:
        return False
    epoch_row = store.execute(
        "SELECT circle, epoch, key FROM circle_epochs WHERE mailbox = ?", (to,)
    ).fetchone()
    if epoch_row is not None:
        circle, epoch, key = epoch_row
        return _receive_post(store, event, EpochKeys.derive(circle, epoch, bytes(key)))
    secret = store.execute("SELECT secret FROM personas WHERE pubkey = ?", (to,)).fetchone()
    if secret is None:
        return False
    me = Keypair.from_secret(bytes(secret[0]))
    try:
        opened = open_control(event, me)
    except CircleError:
        return False
    try:
        _apply(store, me, opened.sender, opened.message)
    except CircleError:
        pass  # an answer that cannot be sealed now never can be: nothing was changed
    return True


def _receive_post(store: Store, event: Event, keys: EpochKeys) -> bool:
    members = epoch_members(store, keys.circle, keys.epoch)
    try:
        post = open_post(event, keys, members)
    except CircleError:
        return False
    following = store.execute(
        "SELECT started_at FROM circle_epochs WHERE circle = ? AND epoch = ?",
        (keys.circle, keys.epoch + 1),
    ).fetchone()
    if following is not None and post.sent_at > following[0]:
        return False
    with store.transaction() as conn:
        store_post(conn, post, event)
    return True


def _circle(store: Store, circle: str) -> CircleRow | None:
    known = store.execute("SELECT 1 FROM circles WHERE id = ?", (circle,)).fetchone()
    return get_circle(store, circle) if known else None


def _apply(store: Store, me: Keypair, sender: str, message: Control) -> None:
    row = _circle(store, message.circle)
    if row is None or row.persona != me.pubkey:
        return
    if isinstance(message, JoinRequest):
        _join(store, me, row, sender, message)
    elif isinstance(message, Leave):
        _leave(store, me, row, sender)
    elif isinstance(message, Report):
        _report(store, row, sender, message)
    elif sender != row.owner or row.is_owner:
        return
    elif isinstance(message, Welcome):
        _welcome(store, me, row, message)
    elif isinstance(message, NewEpoch):
        _new_epoch(store, me, row, message)
    elif isinstance(message, Removed):
        _set_state(store, row, "removed", "member")
    elif isinstance(message, Refused):
        _set_state(store, row, "refused", "waiting", refusal=message.reason)


def _set_state(
    store: Store, row: CircleRow, state: str, when_in: str, *, refusal: str | None = None
) -> None:
    with store.transaction() as conn:
        conn.execute(
            "UPDATE circles SET state = ?, refusal = ?, updated_at = ? WHERE id = ? AND state = ?",
            (state, refusal, now(), row.id, when_in),
        )


def _welcome(store: Store, me: Keypair, row: CircleRow, message: Welcome) -> None:
    if row.state != "waiting" or me.pubkey not in message.members:
        return
    if row.owner not in message.members:
        return
    with store.transaction() as conn:
        conn.execute(
            "UPDATE circles SET name = ?, rules = ?, state = 'member', refusal = NULL"
            " WHERE id = ? AND state = 'waiting'",
            (message.name, message.rules, row.id),
        )
        start_epoch(conn, row.id, message.epoch, message.key, message.members, now())


def _new_epoch(store: Store, me: Keypair, row: CircleRow, message: NewEpoch) -> None:
    if row.state != "member" or row.epoch is None or message.epoch <= row.epoch:
        return
    if me.pubkey not in message.members or row.owner not in message.members:
        return
    with store.transaction() as conn:
        start_epoch(conn, row.id, message.epoch, message.key, message.members, now())


def _join(store: Store, me: Keypair, row: CircleRow, sender: str, message: JoinRequest) -> None:
    if not row.is_owner or row.state != "member" or row.epoch is None:
        return
    invite = store.execute(
        "SELECT secret, expires_at, used_by FROM circle_invites WHERE id = ? AND circle = ?",
        (message.invite, row.id),
    ).fetchone()
    when = now()
    with store.transaction() as conn:
        if invite is None or not proves(bytes(invite[0]), row.id, sender, message.proof):
            return  # no answer to one without the secret: nobody can make us write to strangers
        if invite[2] is not None:
            if invite[2] != sender:
                send_control(conn, me, sender, Refused(row.id, "used"), when)
            return  # the same request delivered again: already welcomed
        if invite[1] <= when:
            send_control(conn, me, sender, Refused(row.id, "expired"), when)
            return
        members = list(epoch_members(store, row.id, row.epoch))
        if sender not in members and len(members) >= MAX_MEMBERS:
            send_control(conn, me, sender, Refused(row.id, "full"), when)
            return
        conn.execute(
            "UPDATE circle_invites SET used_at = ?, used_by = ? WHERE id = ?",
            (when, sender, message.invite),
        )
        if sender not in members:
            members.append(sender)
        rotate(conn, me, row, row.epoch, members, joined=sender)


def _leave(store: Store, me: Keypair, row: CircleRow, sender: str) -> None:
    if not row.is_owner or row.state != "member" or row.epoch is None:
        return
    members = list(epoch_members(store, row.id, row.epoch))
    if sender not in members or sender == me.pubkey:
        return
    remaining = [key for key in members if key != sender]
    with store.transaction() as conn:
        rotate(conn, me, row, row.epoch, remaining)


def _report(store: Store, row: CircleRow, sender: str, message: Report) -> None:
    """Keep a member's report of a post (the owner's device); anyone else's is ignored."""
    if not row.is_owner or row.state != "member" or row.epoch is None:
        return
    if sender not in epoch_members(store, row.id, row.epoch):
        return
    with store.transaction() as conn:
        conn.execute(
            "INSERT OR IGNORE INTO circle_reports (circle, post, reporter, reason, received_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (row.id, message.post, sender, message.reason, now()),
        )
