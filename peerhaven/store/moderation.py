"""Moderation and community definitions as they arrive: only the pinned owner's word counts.

A relay may serve anything; a ``moderate`` event changes what this device shows only
when it is signed by the owner pinned at join or by a moderator that owner named,
and a newer definition is accepted only from that same owner (trust on first use).
"""

from __future__ import annotations

import json
from typing import Any

from peerhaven.core.community import CommunityDefinition, parse_definition
from peerhaven.core.errors import InvalidEvent
from peerhaven.core.event import Event

HIDDEN = 1
BANNED = 2
_BITS = {"hide": HIDDEN, "restore": HIDDEN, "ban": BANNED, "unban": BANNED}


def pinned(conn: Any, slug: str) -> tuple[str, frozenset[str]] | None:
    """The pinned owner and current moderators of a community, if it is pinned here."""
    row = conn.execute("SELECT owner, definition FROM communities WHERE slug = ?", (slug,))
    found = row.fetchone()
    if found is None:
        return None
    owner, definition = found
    event = Event.from_json(definition)
    return owner, frozenset(event.tag_values("mod"))


def accept_definition(conn: Any, event: Event, relay_url: str | None) -> bool:
    """Apply a definition from a pull; False (and a warning on record) for an impostor."""
    pin = pinned(conn, event.community)
    if pin is None:
        return True
    owner, _ = pin
    if event.pubkey != owner:
        conn.execute(
            "INSERT OR IGNORE INTO trust_warnings (slug, relay_url, pubkey, event_id, seen_at)"
            " VALUES (?, ?, ?, ?, strftime('%s', 'now'))",
            (event.community, relay_url, event.pubkey, event.id),
        )
        return False
    try:
        definition = parse_definition(event)
    except InvalidEvent:
        return False
    newer_definition(conn, event, definition)
    return True


def newer_definition(conn: Any, event: Event, definition: CommunityDefinition) -> bool:
    """Replace a pinned community's definition by its owner's newer one (the caller has
    checked the owner); False when the one kept is as new or newer."""
    changed: int = conn.execute(
        "UPDATE communities SET name = ?, description = ?, definition = ?, updated_at = ?"
        " WHERE slug = ? AND updated_at < ?",
        (
            definition.name,
            definition.description,
            event.to_json(),
            event.created_at,
            event.community,
            event.created_at,
        ),
    ).rowcount
    return changed > 0


def apply_moderation(conn: Any, event: Event) -> bool:
    """Record an authorised moderation action and update what it hides; False if ignored."""
    pin = pinned(conn, event.community)
    target = event.target
    if pin is None or target is None or event.content not in _BITS:
        return False
    owner, moderators = pin
    if event.pubkey != owner and event.pubkey not in moderators:
        return False
    if event.content == "ban" and target == owner:
        return False
    current = conn.execute(
        "SELECT created_at, event_id FROM moderation WHERE slug = ? AND target = ?",
        (event.community, target),
    ).fetchone()
    if current is not None and (current[0], current[1]) >= (event.created_at, event.id):
        return False
    conn.execute(
        "INSERT INTO moderation (slug, target, action, actor, event_id, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (slug, target) DO UPDATE SET"
        " action = excluded.action, actor = excluded.actor, event_id = excluded.event_id,"
        " created_at = excluded.created_at",
        (event.community, target, event.content, event.pubkey, event.id, event.created_at),
    )
    bit = _BITS[event.content]
    column = "id" if bit == HIDDEN else "pubkey"
    if event.content in ("hide", "ban"):
        conn.execute(
            f"UPDATE events SET hidden = hidden | ? WHERE {column} = ? AND community = ?",
            (bit, target, event.community),
        )
    else:
        conn.execute(
            f"UPDATE events SET hidden = hidden & ~? WHERE {column} = ? AND community = ?",
            (bit, target, event.community),
        )
    return True


# Events that arrive after the action that hides them (a hide before its target,
# a post by an already banned author) take the mark as they are stored.
HIDE_LATE_ARRIVALS = (
    "UPDATE events SET hidden = hidden"
    " | (CASE WHEN EXISTS (SELECT 1 FROM moderation m WHERE m.slug = events.community"
    "      AND m.target = events.id AND m.action = 'hide') THEN 1 ELSE 0 END)"
    " | (CASE WHEN EXISTS (SELECT 1 FROM moderation m WHERE m.slug = events.community"
    "      AND m.target = events.pubkey AND m.action = 'ban') THEN 2 ELSE 0 END)"
    " WHERE rowid > ?"
)


def moderation_log(conn: Any, slug: str, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Every authorised moderation action in a community, newest first, with its reason.

    Built from the signed ``moderate`` events on this device, so any member can
    check it; actions by keys the pinned owner never named are left out (in the
    query, so ``limit`` and ``offset`` page over authorised actions only).
    """
    pin = pinned(conn, slug)
    if pin is None:
        return []
    owner, moderators = pin
    actors = sorted({owner, *moderators})
    marks = ",".join("?" * len(actors))
    rows = conn.execute(
        "SELECT id, pubkey, content, target, tags, created_at FROM events"
        f" WHERE community = ? AND kind = 'moderate' AND pubkey IN ({marks})"
        " ORDER BY created_at DESC, id LIMIT ? OFFSET ?",
        (slug, *actors, limit, offset),
    ).fetchall()
    log = []
    for eid, actor, action, target, tags, when in rows:
        reason = next((t[1] for t in json.loads(tags) if t[0] == "reason" and len(t) > 1), "")
        log.append(
            {
                "action": action,
                "target": target,
                "actor": actor,
                "event_id": eid,
                "created_at": when,
                "reason": reason,
            }
        )
    return log
