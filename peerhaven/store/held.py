"""Posts held for a moderator's approval: the moderator's queue, and the author's view.

A relay holds a new persona's first posts in communities that ask for it
(``hold_first_posts`` in the definition). On a moderator's device the sync
fetches them (``GET /v1/held``) into ``held_posts``, one snapshot per relay
and community; ``approve_held`` and ``decline_held`` sign ordinary
``moderate`` events (``restore`` and ``hide``) that the outbox delivers, so
relays and members without this feature still understand them.

On the author's device nothing is fetched: the relay's answer to the publish
("accepted", reason ``held-for-approval``) is kept with the outbox delivery,
and ``waiting_for_approval`` tells the author honestly that the post waits,
was published, or was declined.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from peerhaven.core import builders
from peerhaven.core.community import HELD_REASON
from peerhaven.core.event import Event
from peerhaven.core.i18n import _
from peerhaven.core.persona import pseudonym
from peerhaven.store.clock import now
from peerhaven.store.database import Store
from peerhaven.store.errors import BadInput, NotFound
from peerhaven.store.events import store_verified
from peerhaven.store.moderation import HIDDEN, pinned
from peerhaven.store.outbox import queue
from peerhaven.store.publish import speaking_persona

#: outbox delivery statuses of a post a relay holds
HELD_STATUSES = (f"accepted:{HELD_REASON}", f"duplicate:{HELD_REASON}")


@dataclass(frozen=True, slots=True)
class HeldPost:
    """A post waiting for a moderator, as the moderator's queue shows it."""

    id: str
    community: str
    author: str
    pubkey: str
    content: str
    content_warnings: tuple[str, ...]
    reply_to: str | None
    created_at: int
    relays: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Waiting:
    """One of this device's posts that a relay held: still waiting, published or declined."""

    event_id: str
    community: str
    relay_url: str
    state: str  # waiting | declined


def replace_held(store: Store, relay_url: str, slug: str, events: Sequence[Event]) -> None:
    """Record what a relay holds in a community now (verified events), replacing the last list."""
    fetched = now()
    if not events and not _holds_any(store, relay_url, slug):
        return  # nothing held before or now: no write at all
    with store.transaction() as conn:
        conn.execute(
            "DELETE FROM held_posts WHERE relay_url = ? AND community = ?", (relay_url, slug)
        )
        conn.executemany(
            "INSERT OR IGNORE INTO held_posts"
            " (event_id, relay_url, community, event, created_at, fetched_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [
                (e.id, relay_url, slug, e.to_json(), e.created_at, fetched)
                for e in events
                if e.community == slug and e.kind == "post"
            ],
        )


def _holds_any(store: Store, relay_url: str, slug: str) -> bool:
    row = store.execute(
        "SELECT 1 FROM held_posts WHERE relay_url = ? AND community = ? LIMIT 1",
        (relay_url, slug),
    ).fetchone()
    return row is not None


def held_posts(store: Store, slug: str) -> list[HeldPost]:
    """Posts waiting in a community, oldest first (one entry however many relays hold it)."""
    rows = store.execute(
        "SELECT event_id, event, group_concat(relay_url, char(10)) FROM held_posts"
        " WHERE community = ? GROUP BY event_id ORDER BY min(created_at), event_id",
        (slug,),
    ).fetchall()
    found = []
    for _event_id, body, relays in rows:
        event = Event.from_json(body)
        found.append(
            HeldPost(
                id=event.id,
                community=event.community,
                author=pseudonym(event.pubkey),
                pubkey=event.pubkey,
                content=event.content,
                content_warnings=tuple(event.tag_values("cw")),
                reply_to=event.parent,
                created_at=event.created_at,
                relays=tuple(sorted(relays.split("\n"))),
            )
        )
    return found


def resolve_held_id(store: Store, prefix: str) -> str:
    """A held post's full id from a unique prefix (the CLI shows 12 characters)."""
    clean = prefix.strip().lower()
    if len(clean) < 6:
        raise BadInput(_("Give at least 6 characters of the post's id."))
    rows = store.execute(
        "SELECT DISTINCT event_id FROM held_posts WHERE event_id >= ? AND event_id < ? LIMIT 2",
        (clean, clean + "g"),
    ).fetchall()
    if not rows:
        raise NotFound(
            _("No held post {clean} on this device; `peerhaven held SLUG` lists them.").format(
                clean=clean
            )
        )
    if len(rows) > 1:
        raise BadInput(
            _("More than one held post starts with {clean}; give more characters.").format(
                clean=clean
            )
        )
    return str(rows[0][0])


def approve_held(store: Store, event_id: str, *, reason: str = "") -> Event:
    """Approve a held post: a signed ``restore`` goes out; relays then publish the post."""
    return _decide(store, event_id, "restore", reason)


def decline_held(store: Store, event_id: str, *, reason: str = "") -> Event:
    """Decline a held post: a signed ``hide`` goes out; relays then erase the post."""
    return _decide(store, event_id, "hide", reason)


def _decide(store: Store, event_id: str, action: str, reason: str) -> Event:
    row = store.execute(
        "SELECT community FROM held_posts WHERE event_id = ? LIMIT 1", (event_id,)
    ).fetchone()
    if row is None:
        raise NotFound(
            _("No held post {event_id} on this device; a sync may have settled it.").format(
                event_id=event_id[:12]
            )
        )
    slug = str(row[0])
    persona = speaking_persona(store, slug)
    pin = pinned(store.conn, slug)
    owner, moderators = pin if pin else ("", frozenset())
    if persona.pubkey != owner and persona.pubkey not in moderators:
        raise BadInput(
            _("Your persona in {slug!r} no longer moderates it, so relays would refuse.").format(
                slug=slug
            )
        )
    moderation = builders.moderate(persona.keys, slug, action, event_id, reason=reason.strip())

    def settle(conn: object) -> None:
        queue(conn, moderation)
        conn.execute("DELETE FROM held_posts WHERE event_id = ?", (event_id,))  # type: ignore[attr-defined]

    store_verified(store, [moderation], on_commit=settle)
    return moderation


def waiting_for_approval(store: Store) -> list[Waiting]:
    """This device's posts that a relay holds, newest first; declined ones say so."""
    marks = ",".join("?" * len(HELD_STATUSES))
    rows = store.execute(
        "SELECT d.event_id, o.community, d.relay_url, coalesce(e.hidden, 0) FROM outbox_delivery d"
        " JOIN outbox o ON o.event_id = d.event_id LEFT JOIN events e ON e.id = d.event_id"
        f" WHERE d.status IN ({marks}) ORDER BY d.delivered_at DESC, d.event_id",
        HELD_STATUSES,
    ).fetchall()
    return [
        Waiting(eid, slug, url, "declined" if int(hidden) & HIDDEN else "waiting")
        for eid, slug, url, hidden in rows
    ]


def mark_published(conn: object, relay_url: str, event_ids: Sequence[str]) -> None:
    """A relay served these ids publicly: any that it held are published now."""
    marks = ",".join("?" * len(HELD_STATUSES))
    conn.executemany(  # type: ignore[attr-defined]
        "UPDATE outbox_delivery SET status = 'accepted'"
        f" WHERE event_id = ? AND relay_url = ? AND status IN ({marks})",
        [(eid, relay_url, *HELD_STATUSES) for eid in event_ids],
    )


def held_elsewhere(store: Store, relay_url: str, pulled: Sequence[str]) -> list[str]:
    """Our posts this relay holds in communities this device does not pull."""
    marks = ",".join("?" * len(HELD_STATUSES))
    rows = store.execute(
        "SELECT d.event_id, o.community FROM outbox_delivery d"
        " JOIN outbox o ON o.event_id = d.event_id"
        f" WHERE d.relay_url = ? AND d.status IN ({marks}) ORDER BY d.event_id",
        (relay_url, *HELD_STATUSES),
    ).fetchall()
    return [eid for eid, slug in rows if slug not in pulled]


def held_ids(store: Store, relay_url: str, slug: str) -> set[str]:
    """This device's posts in a community that this relay holds (to spot their release)."""
    marks = ",".join("?" * len(HELD_STATUSES))
    rows = store.execute(
        "SELECT d.event_id FROM outbox_delivery d JOIN outbox o ON o.event_id = d.event_id"
        f" WHERE d.relay_url = ? AND o.community = ? AND d.status IN ({marks})",
        (relay_url, slug, *HELD_STATUSES),
    ).fetchall()
    return {row[0] for row in rows}


def is_waiting(store: Store, event_id: str) -> bool:
    """Whether some relay holds this post of ours for a moderator's approval."""
    marks = ",".join("?" * len(HELD_STATUSES))
    row = store.execute(
        f"SELECT 1 FROM outbox_delivery WHERE event_id = ? AND status IN ({marks}) LIMIT 1",
        (event_id, *HELD_STATUSES),
    ).fetchone()
    return row is not None
