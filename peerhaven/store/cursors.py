"""Where this device stands in each relay's feeds: the cursor it pulls or streams from.

A cursor moves in the same transaction as the events it passed (a ``CommitHook`` of
``store.events.ingest_pages``), so a pull or a stream cut at any instant resumes
exactly after what was stored. Pulls and live streams share these, and so one
never fetches again what the other stored.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from peerhaven.store.clock import now
from peerhaven.store.database import Store
from peerhaven.store.events import CommitHook
from peerhaven.store.held import mark_published


def kept_on(store: Store, relay_url: str) -> list[str]:
    """The communities this device keeps (joined or observed, kept offline) on a relay."""
    return [
        row[0]
        for row in store.execute(
            "SELECT m.slug FROM memberships m JOIN community_relays c ON c.slug = m.slug"
            " WHERE c.relay_url = ? AND m.keep_offline = 1 ORDER BY m.slug",
            (relay_url,),
        )
    ]


def cursor_of(store: Store, relay_url: str, slug: str) -> tuple[str | None, str | None]:
    """(cursor, ETag) of a feed on a relay; (None, None) before its first pull."""
    row = store.execute(
        "SELECT cursor, etag FROM cursors WHERE relay_url = ? AND community = ?",
        (relay_url, slug),
    ).fetchone()
    return (row[0], row[1]) if row else (None, None)


def cursor_hook(relay_url: str, slug: str, cursor: str | None, etag: str | None) -> CommitHook:
    """Moves a feed's cursor (and ETag) inside the transaction that stores its page."""

    def hook(conn: Any) -> None:
        conn.execute(
            "INSERT INTO cursors (relay_url, community, cursor, etag, updated_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (relay_url, community) DO UPDATE SET"
            " cursor = excluded.cursor, etag = excluded.etag, updated_at = excluded.updated_at",
            (relay_url, slug, cursor, etag, now()),
        )

    return hook


def with_released(
    hook: CommitHook, relay_url: str, events: list[Any], mine: set[str]
) -> Callable[[Any], None]:
    """The cursor hook, plus marking our held posts this page shows as published."""
    released = [e["id"] for e in events if isinstance(e, dict) and e.get("id") in mine]

    def both(conn: Any) -> None:
        hook(conn)
        if released:
            mark_published(conn, relay_url, released)

    return both
