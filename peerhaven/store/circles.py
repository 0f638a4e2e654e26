"""Private circles as the screens and the CLI show them: lists, members, posts.

Reading only; making, joining, posting, removing and leaving are in
``store.circle_actions``, and what arrives from relays is applied by
``store.circle_inbox``. docs/circles.md describes the cryptography.

A circle's ``state`` on this device is one of ``STATES``:

- ``waiting``: a join request was sent; the owner's device has not answered yet;
- ``refused``: the owner's device refused the invite code (``refusal`` says why);
- ``member``: in the circle (the owner is always a member of their own circle);
- ``removed``: the owner removed this persona; what it had stays readable here;
- ``left``: this persona left; likewise.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal, cast

from peerhaven.core.circles.control import MAX_MEMBERS
from peerhaven.core.circles.epoch import EpochKeys
from peerhaven.core.i18n import _
from peerhaven.core.persona import pseudonym
from peerhaven.store.database import Store
from peerhaven.store.errors import BadInput, NotFound

State = Literal["waiting", "refused", "member", "removed", "left"]
STATES: tuple[State, ...] = ("waiting", "refused", "member", "removed", "left")


@dataclass(frozen=True, slots=True)
class CircleRow:
    """One circle as a list shows it."""

    id: str
    #: the circle's name ('' while a join waits for the owner's welcome)
    name: str
    rules: str
    owner: str
    owner_pseudonym: str
    #: the persona this device takes part as
    persona: str
    is_owner: bool
    state: State
    #: why a join was refused: one of ``core.circles.control.REFUSALS``, else None
    refusal: str | None
    #: the current epoch (None while waiting)
    epoch: int | None
    members: int
    posts: int
    #: posts by others that arrived since the circle was last read
    unread: int
    relay: str

    @property
    def short_id(self) -> str:
        """The first 8 characters of the id, enough to name a circle on the CLI."""
        return self.id[:8]

    def state_words(self) -> str:
        """The circle's state as one sentence a member reads."""
        if self.state == "waiting":
            return _("Waiting for the owner's device to answer the invite.")
        if self.state == "refused":
            return refusal_words(self.refusal)
        if self.state == "removed":
            return _("The owner removed you; you keep what you already had.")
        if self.state == "left":
            return _("You left; you keep what you already had.")
        if self.is_owner:
            return _("You own this circle.")
        return _("You are a member.")


def refusal_words(reason: str | None) -> str:
    """Why the owner's device refused an invite code, in clear words."""
    if reason == "used":
        return _("That invite code was already used; ask the owner for a new one.")
    if reason == "expired":
        return _("That invite code has expired; ask the owner for a new one.")
    return _("That circle is full: it holds at most {limit} members.").format(limit=MAX_MEMBERS)


@dataclass(frozen=True, slots=True)
class Member:
    """One member of a circle's current epoch."""

    pubkey: str
    pseudonym: str
    is_owner: bool
    #: the persona this device takes part as
    is_me: bool


@dataclass(frozen=True, slots=True)
class CirclePostView:
    """One post or reply as a circle's page shows it."""

    id: str
    circle: str
    epoch: int
    author: str
    author_pseudonym: str
    text: str
    cw: str | None
    reply_to: str | None
    #: the author's signed sending time (the relay never saw it)
    sent_at: int
    mine: bool


_ROW = (
    "SELECT c.id, c.name, c.rules, c.owner, c.persona, c.state, c.refusal, c.epoch, c.relay,"
    " (SELECT e.members FROM circle_epochs e WHERE e.circle = c.id AND e.epoch = c.epoch),"
    " (SELECT count(*) FROM circle_posts p WHERE p.circle = c.id),"
    " (SELECT count(*) FROM circle_posts p WHERE p.circle = c.id AND p.rowid > c.read_rowid"
    "  AND p.author != c.persona)"
    " FROM circles c"
)


def _row(values: tuple[Any, ...]) -> CircleRow:
    cid, name, rules, owner, persona, state, refusal, epoch, relay, members, posts, unread = values
    listed = json.loads(members) if isinstance(members, str) else []
    return CircleRow(
        id=str(cid),
        name=str(name),
        rules=str(rules),
        owner=owner,
        owner_pseudonym=pseudonym(owner),
        persona=persona,
        is_owner=owner == persona,
        state=cast(State, state),  # only STATES are ever written
        refusal=refusal if isinstance(refusal, str) else None,
        epoch=epoch if isinstance(epoch, int) else None,
        members=len(listed),
        posts=int(posts),
        unread=int(unread),
        relay=str(relay),
    )


def list_circles(store: Store) -> list[CircleRow]:
    """Every circle on this device: those one takes part in first, then by name."""
    rows = store.execute(
        _ROW + " ORDER BY c.state != 'member', c.name COLLATE NOCASE, c.created_at"
    ).fetchall()
    return [_row(tuple(row)) for row in rows]


def get_circle(store: Store, circle: str) -> CircleRow:
    """The circle ``circle`` names: its id, the id's first characters, or its exact name."""
    wanted = circle.strip()
    if not wanted:
        raise BadInput(_("Say which circle: its name or the first characters of its id."))
    rows = store.execute(
        _ROW + " WHERE c.id = :w OR (length(:w) >= 4 AND substr(c.id, 1, length(:w)) = lower(:w))"
        " OR c.name = :w",
        {"w": wanted},
    ).fetchall()
    if not rows:
        raise NotFound(_("There is no circle {circle} on this device.").format(circle=wanted))
    if len(rows) > 1:
        raise BadInput(
            _("More than one circle matches {circle}; give more of its id.").format(circle=wanted)
        )
    return _row(tuple(rows[0]))


def epoch_members(store: Store, circle: str, epoch: int) -> tuple[str, ...]:
    """The personas of one epoch of a circle (empty when this device never had it)."""
    row = store.execute(
        "SELECT members FROM circle_epochs WHERE circle = ? AND epoch = ?", (circle, epoch)
    ).fetchone()
    return tuple(json.loads(row[0])) if row else ()


def epoch_keys(store: Store, circle: str, epoch: int) -> EpochKeys | None:
    """The keys of one epoch of a circle, when this device holds them."""
    row = store.execute(
        "SELECT key FROM circle_epochs WHERE circle = ? AND epoch = ?", (circle, epoch)
    ).fetchone()
    return EpochKeys.derive(circle, epoch, bytes(row[0])) if row else None


def circle_members(store: Store, circle: str) -> list[Member]:
    """The members of a circle's current epoch: the owner first, then by pseudonym."""
    found = get_circle(store, circle)
    if found.epoch is None:
        return []
    members = [
        Member(key, pseudonym(key), key == found.owner, key == found.persona)
        for key in epoch_members(store, found.id, found.epoch)
    ]
    return sorted(members, key=lambda m: (not m.is_owner, m.pseudonym, m.pubkey))


def circle_posts(store: Store, circle: str, *, limit: int | None = None) -> list[CirclePostView]:
    """A circle's posts on this device, oldest first by their signed sending time.

    With ``limit``, the newest ``limit`` posts (still oldest first).
    """
    found = get_circle(store, circle)
    rows = store.execute(
        "SELECT id, epoch, author, text, cw, reply_to, sent_at FROM circle_posts"
        " WHERE circle = ? ORDER BY sent_at DESC, rowid DESC LIMIT ?",
        (found.id, -1 if limit is None else limit),
    ).fetchall()
    return [
        CirclePostView(
            id=pid,
            circle=found.id,
            epoch=epoch,
            author=author,
            author_pseudonym=pseudonym(author),
            text=text,
            cw=cw,
            reply_to=reply_to,
            sent_at=sent_at,
            mine=author == found.persona,
        )
        for pid, epoch, author, text, cw, reply_to, sent_at in reversed(rows)
    ]


@dataclass(frozen=True, slots=True)
class CircleReport:
    """A member's report of a post, as the circle's owner sees it."""

    post_id: str
    #: the post, when this device has it: its author's signature was checked again
    #: just now against the outer event kept with it; None when it has not arrived
    post: CirclePostView | None
    reporter: str
    reporter_pseudonym: str
    reason: str
    received_at: int


def circle_reports(store: Store, circle: str) -> list[CircleReport]:
    """Members' reports of posts, newest first (only the owner's device has any)."""
    from peerhaven.core.circles.errors import CircleError
    from peerhaven.core.circles.post import open_post
    from peerhaven.core.event import Event

    found = get_circle(store, circle)
    rows = store.execute(
        "SELECT r.post, r.reporter, r.reason, r.received_at, p.epoch, p.event"
        " FROM circle_reports r LEFT JOIN circle_posts p ON p.id = r.post AND p.circle = r.circle"
        " WHERE r.circle = ? ORDER BY r.received_at DESC, r.rowid DESC",
        (found.id,),
    ).fetchall()
    reports = []
    for post_id, reporter, reason, received_at, epoch, raw in rows:
        view = None
        keys = epoch_keys(store, found.id, epoch) if raw is not None else None
        if keys is not None:
            try:
                post = open_post(Event.from_json(raw), keys, epoch_members(store, found.id, epoch))
            except CircleError:
                post = None
            if post is not None:
                view = CirclePostView(
                    post.id,
                    found.id,
                    post.epoch,
                    post.author,
                    pseudonym(post.author),
                    post.text,
                    post.cw,
                    post.reply_to,
                    post.sent_at,
                    post.author == found.persona,
                )
        reports.append(
            CircleReport(post_id, view, reporter, pseudonym(reporter), reason, received_at)
        )
    return reports


def mark_circle_read(store: Store, circle: str) -> None:
    """Everything that has arrived in the circle counts as read."""
    found = get_circle(store, circle)
    with store.transaction() as conn:
        conn.execute(
            "UPDATE circles SET read_rowid = (SELECT coalesce(max(rowid), 0) FROM circle_posts"
            " WHERE circle = ?) WHERE id = ?",
            (found.id, found.id),
        )
