"""What a member does with a circle: create, invite, join, post, remove, leave.

Each action changes the store and queues the ``circle`` events it makes in the
outbox in one transaction, so a crash leaves neither or both; the events go out
with the next push (``sync.send.send_events`` right away, or the next sync), like
posts. The CLI and the app call these same functions (docs/circles.md).

Every change of membership (a join, a removal, a leave) starts a new epoch with a
new key, sent to each member of the new epoch alone: a newcomer does not read
what came before, and whoever left cannot read what comes after.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from peerhaven.core.circles.control import (
    MAX_MEMBERS,
    MAX_NAME_CHARS,
    MAX_REASON_CHARS,
    MAX_RULES_CHARS,
    Control,
    JoinRequest,
    Leave,
    NewEpoch,
    Removed,
    Report,
    Welcome,
    seal_control,
    welcome_fits,
)
from peerhaven.core.circles.epoch import EpochKeys, new_circle_id, new_epoch_key
from peerhaven.core.circles.invite import Invite, join_proof
from peerhaven.core.circles.post import CirclePost, seal_post
from peerhaven.core.event import Event
from peerhaven.core.i18n import _, ngettext
from peerhaven.core.keys import Keypair
from peerhaven.core.persona import Persona, pseudonym
from peerhaven.store.circles import CirclePostView, CircleRow, get_circle
from peerhaven.store.clock import now
from peerhaven.store.database import Store
from peerhaven.store.errors import BadInput
from peerhaven.store.outbox import queue
from peerhaven.store.personas import default_persona, load_persona, match_persona
from peerhaven.store.relays import add_relay, relay_urls

#: how long an invite code is valid unless the owner says otherwise
INVITE_HOURS = 72
#: the longest an invite code may be valid
MAX_INVITE_HOURS = 30 * 24


@dataclass(frozen=True, slots=True)
class InviteCode:
    """A new invite code for the owner to pass on out of band."""

    circle: str
    code: str
    expires_at: int


def _persona(store: Store, persona: str | None) -> Persona:
    return load_persona(store, persona) if persona else default_persona(store)


def _owned_persona(store: Store, row: CircleRow) -> Keypair:
    return load_persona(store, row.persona).keys


def _check_name(name: str, rules: str) -> tuple[str, str]:
    clean = " ".join(name.split())
    if not clean or len(clean) > MAX_NAME_CHARS or not clean.isprintable():
        raise BadInput(
            _("A circle's name is 1 to {limit} characters on one line.").format(
                limit=MAX_NAME_CHARS
            )
        )
    if len(rules) > MAX_RULES_CHARS:
        raise BadInput(
            _("A circle's rules are at most {limit} characters.").format(limit=MAX_RULES_CHARS)
        )
    if not welcome_fits(clean, rules.strip()):
        raise BadInput(_("These rules are too long to send to new members; shorten them."))
    return clean, rules.strip()


def start_epoch(
    conn: Any, circle: str, epoch: int, key: bytes, members: Sequence[str], when: int
) -> EpochKeys:
    """Keep an epoch's key and members and make it the circle's current one (in ``conn``)."""
    keys = EpochKeys.derive(circle, epoch, key)
    conn.execute(
        "INSERT OR IGNORE INTO circle_epochs (circle, epoch, key, mailbox, members, started_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (circle, epoch, key, keys.mailbox_pubkey, json.dumps(list(members)), when),
    )
    conn.execute("UPDATE circles SET epoch = ?, updated_at = ? WHERE id = ?", (epoch, when, circle))
    return keys


def send_control(conn: Any, me: Keypair, recipient: str, message: Control, when: int) -> Event:
    """Seal a control message to ``recipient`` and queue it (in ``conn``)."""
    event = seal_control(me, recipient, message, now=when)
    queue(conn, event)
    return event


def create_circle(
    store: Store, name: str, *, rules: str = "", persona: str | None = None, relay: str = ""
) -> CircleRow:
    """A new circle owned by ``persona`` (the default one), with only its owner in it."""
    clean, rules = _check_name(name, rules)
    owner = _persona(store, persona)
    relays = relay_urls(store)
    where = add_relay(store, relay) if relay else (relays[0] if relays else "")
    if not where:
        raise BadInput(
            _("A circle needs a relay to meet on; add one with `peerhaven relays add URL`.")
        )
    circle = new_circle_id()
    when = now()
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO circles (id, persona, owner, name, rules, relay, state, created_at,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?, 'member', ?, ?)",
            (circle, owner.pubkey, owner.pubkey, clean, rules, where, when, when),
        )
        start_epoch(conn, circle, 0, new_epoch_key(), [owner.pubkey], when)
    return get_circle(store, circle)


def make_invite(store: Store, circle: str, *, hours: int = INVITE_HOURS) -> InviteCode:
    """A one-time code that lets one persona join, valid for ``hours``; only the owner makes one."""
    row = get_circle(store, circle)
    if not row.is_owner or row.state != "member":
        raise BadInput(_("Only the circle's owner can invite."))
    if not 1 <= hours <= MAX_INVITE_HOURS:
        raise BadInput(
            _("An invite is valid for 1 to {limit} hours.").format(limit=MAX_INVITE_HOURS)
        )
    if row.members >= MAX_MEMBERS:
        raise BadInput(_("A circle holds at most {limit} members.").format(limit=MAX_MEMBERS))
    when = now()
    invite = Invite.make(row.id, row.owner, row.relay, when + hours * 3600)
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO circle_invites (id, circle, secret, created_at, expires_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (invite.id, row.id, invite.secret, when, invite.expires_at),
        )
    return InviteCode(row.id, invite.code(), invite.expires_at)


def join_circle(store: Store, code: str, *, persona: str | None = None) -> CircleRow:
    """Ask the circle's owner to let ``persona`` in with an invite code.

    The request goes to the owner's mailbox on the code's relay (added to this
    device's relays when missing); the circle shows as waiting until the owner's
    device welcomes or refuses it, on its next sync.
    """
    invite = Invite.from_code(code)
    when = now()
    if invite.expires_at <= when:
        raise BadInput(_("That invite code has expired; ask the owner for a new one."))
    me = _persona(store, persona)
    if invite.owner == me.pubkey:
        raise BadInput(_("That invite is for a circle this persona owns."))
    existing = store.execute("SELECT state FROM circles WHERE id = ?", (invite.circle,)).fetchone()
    if existing is not None and existing[0] in ("member", "waiting"):
        raise BadInput(_("This device is already in that circle, or waiting to join it."))
    relay = add_relay(store, invite.relay)
    request = JoinRequest(
        invite.circle, invite.id, join_proof(invite.secret, invite.circle, me.pubkey)
    )
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO circles (id, persona, owner, relay, state, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, 'waiting', ?, ?) ON CONFLICT (id) DO UPDATE SET"
            " persona = excluded.persona, owner = excluded.owner, relay = excluded.relay,"
            " state = 'waiting', refusal = NULL, updated_at = excluded.updated_at",
            (invite.circle, me.pubkey, invite.owner, relay, when, when),
        )
        send_control(conn, me.keys, invite.owner, request, when)
    return get_circle(store, invite.circle)


def _current(store: Store, row: CircleRow) -> tuple[int, list[str]]:
    if row.epoch is None:
        raise BadInput(_("This circle has no key on this device yet."))
    found = store.execute(
        "SELECT members FROM circle_epochs WHERE circle = ? AND epoch = ?", (row.id, row.epoch)
    ).fetchone()
    return row.epoch, list(json.loads(found[0]))


def rotate(
    conn: Any,
    owner: Keypair,
    row: CircleRow,
    epoch: int,
    members: Sequence[str],
    *,
    joined: str | None = None,
) -> None:
    """Start the next epoch for ``members`` and send its key to each (the owner's device).

    A member who just ``joined`` gets a welcome (name, rules, members, key); the
    others get the new epoch. Nobody outside ``members`` gets anything.
    """
    when = now()
    key = new_epoch_key()
    keys = start_epoch(conn, row.id, epoch + 1, key, members, when)
    for member in members:
        if member == owner.pubkey:
            continue
        message: Control
        if member == joined:
            message = Welcome(row.id, row.name, row.rules, keys.epoch, key, tuple(members))
        else:
            message = NewEpoch(row.id, keys.epoch, key, tuple(members))
        send_control(conn, owner, member, message, when)


def remove_member(store: Store, circle: str, member: str) -> CircleRow:
    """Remove a member (the owner only): a new key goes to everyone else.

    The removed member is told, and keeps what it already had, but cannot fetch
    or open anything posted from now on.
    """
    row = get_circle(store, circle)
    if not row.is_owner or row.state != "member":
        raise BadInput(_("Only the circle's owner can remove a member."))
    epoch, members = _current(store, row)
    target = match_persona(member, members)
    if target == row.owner:
        raise BadInput(_("The owner cannot be removed from their own circle."))
    owner = _owned_persona(store, row)
    remaining = [key for key in members if key != target]
    with store.transaction() as conn:
        rotate(conn, owner, row, epoch, remaining)
        send_control(conn, owner, target, Removed(row.id), now())
    return get_circle(store, row.id)


def leave_circle(store: Store, circle: str) -> CircleRow:
    """Leave a circle: the owner is told, and its device gives the others a new key."""
    row = get_circle(store, circle)
    if row.is_owner:
        raise BadInput(_("The owner cannot leave their own circle; remove its members instead."))
    if row.state not in ("member", "waiting"):
        raise BadInput(_("This persona is not in that circle."))
    me = _owned_persona(store, row)
    when = now()
    with store.transaction() as conn:
        send_control(conn, me, row.owner, Leave(row.id), when)
        conn.execute(
            "UPDATE circles SET state = 'left', updated_at = ? WHERE id = ?", (when, row.id)
        )
    return get_circle(store, row.id)


def post_to_circle(
    store: Store,
    circle: str,
    text: str,
    *,
    cw: str | None = None,
    reply_to: str | None = None,
) -> tuple[Event, CirclePostView]:
    """Seal a post (or a reply) to the circle's current epoch and queue it.

    The caller runs the oversharing guard and the crisis offer first
    (``safety.precheck.check_before_publish``), as for public posts. The post is
    kept here at once, so the author sees it before any relay answers.
    """
    row = get_circle(store, circle)
    if row.state != "member":
        raise BadInput(row.state_words() + " " + _("Nothing was posted."))
    epoch, members = _current(store, row)
    if row.persona not in members:
        raise BadInput(_("This persona is not in that circle."))
    if reply_to is not None:
        reply_to = _resolve_post(store, row.id, reply_to)
    keys_row = store.execute(
        "SELECT key FROM circle_epochs WHERE circle = ? AND epoch = ?", (row.id, epoch)
    ).fetchone()
    keys = EpochKeys.derive(row.id, epoch, bytes(keys_row[0]))
    me = _owned_persona(store, row)
    event, post = seal_post(me, keys, text, now=now(), cw=cw, reply_to=reply_to)
    with store.transaction() as conn:
        store_post(conn, post, event)
        queue(conn, event)
    view = CirclePostView(
        post.id,
        row.id,
        epoch,
        me.pubkey,
        pseudonym(me.pubkey),
        post.text,
        post.cw,
        post.reply_to,
        post.sent_at,
        True,
    )
    return event, view


def report_post(store: Store, circle: str, post: str, reason: str) -> Event:
    """Show the owner one post of the circle, and why; only the owner's device learns of it.

    The report names the post; the owner's device holds every post and checked
    its author's signature when it arrived, so a report cannot put words in
    anyone's mouth. The relay sees a control message to the owner, nothing more.
    """
    row = get_circle(store, circle)
    if row.state != "member":
        raise BadInput(row.state_words() + " " + _("Nothing was reported."))
    if row.is_owner:
        raise BadInput(_("You own this circle; a report would only reach you."))
    why = " ".join(reason.split())
    if not why or len(why) > MAX_REASON_CHARS:
        raise BadInput(
            _("A report's reason is 1 to {limit} characters.").format(limit=MAX_REASON_CHARS)
        )
    target = _resolve_post(store, row.id, post)
    me = _owned_persona(store, row)
    with store.transaction() as conn:
        return send_control(conn, me, row.owner, Report(row.id, target, why), now())


def store_post(conn: Any, post: CirclePost, event: Event) -> bool:
    """Keep an opened post with its outer event; a copy already kept changes nothing."""
    cursor = conn.execute(
        "INSERT OR IGNORE INTO circle_posts (id, circle, epoch, author, text, cw, reply_to,"
        " sent_at, received_at, signature, event) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            post.id,
            post.circle,
            post.epoch,
            post.author,
            post.text,
            post.cw,
            post.reply_to,
            post.sent_at,
            now(),
            post.signature,
            event.to_json(),
        ),
    )
    return bool(cursor.rowcount)


def _resolve_post(store: Store, circle: str, prefix: str) -> str:
    clean = prefix.strip().lower()
    if len(clean) < 6:
        raise BadInput(_("Give at least 6 characters of the post's id."))
    rows = store.execute(
        "SELECT id FROM circle_posts WHERE circle = ? AND substr(id, 1, ?) = ? LIMIT 2",
        (circle, len(clean), clean),
    ).fetchall()
    if not rows:
        raise BadInput(_("There is no post {post} in that circle.").format(post=clean))
    if len(rows) > 1:
        raise BadInput(
            _("More than one post starts with {post}; give more characters.").format(post=clean)
        )
    return str(rows[0][0])


def members_sentence(count: int) -> str:
    """'1 member' / '3 members', for lists."""
    return ngettext("{count} member", "{count} members", count).format(count=count)
