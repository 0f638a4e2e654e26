"""Drafts: unsent posts and replies, autosaved by the app and managed by the CLI."""

from __future__ import annotations

import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from peerhaven.core.i18n import _
from peerhaven.store.clock import now
from peerhaven.store.database import Store
from peerhaven.store.errors import NotFound


@dataclass(frozen=True, slots=True)
class Draft:
    """A draft and where it is meant to go."""

    id: int
    uid: str
    community: str | None
    reply_to: str | None
    cw: tuple[str, ...]
    content: str
    created_at: int
    updated_at: int


_COLUMNS = "id, uid, community, reply_to, cw, content, created_at, updated_at"


def _draft(row: tuple[int, str, str | None, str | None, str, str, int, int]) -> Draft:
    draft_id, uid, community, reply_to, cw, content, created_at, updated_at = row
    return Draft(
        draft_id, uid, community, reply_to, tuple(json.loads(cw)), content, created_at, updated_at
    )


def save_draft(
    store: Store,
    content: str,
    *,
    community: str | None = None,
    reply_to: str | None = None,
    cw: Sequence[str] = (),
    draft_id: int | None = None,
) -> Draft:
    """Create a draft, or overwrite draft ``draft_id`` (autosave calls this every few seconds)."""
    when = now()
    cw_json = json.dumps(list(cw), ensure_ascii=False)
    with store.transaction() as conn:
        if draft_id is None:
            cursor = conn.execute(
                "INSERT INTO drafts (uid, community, reply_to, cw, content, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (secrets.token_hex(16), community, reply_to, cw_json, content, when, when),
            )
            draft_id = int(cursor.lastrowid or 0)
        else:
            changed = conn.execute(
                "UPDATE drafts SET community = ?, reply_to = ?, cw = ?, content = ?, "
                "updated_at = ? WHERE id = ?",
                (community, reply_to, cw_json, content, when, draft_id),
            ).rowcount
            if not changed:
                raise NotFound(_("There is no draft {draft_id}.").format(draft_id=draft_id))
    return get_draft(store, draft_id)


def get_draft(store: Store, draft_id: int) -> Draft:
    """One draft by its number."""
    row = store.execute(f"SELECT {_COLUMNS} FROM drafts WHERE id = ?", (draft_id,)).fetchone()
    if row is None:
        raise NotFound(
            _("There is no draft {draft_id}; `peerhaven draft list` shows them.").format(
                draft_id=draft_id
            )
        )
    return _draft(row)


def list_drafts(store: Store, *, community: str | None = None) -> list[Draft]:
    """Most recently edited first."""
    if community is None:
        rows = store.execute(f"SELECT {_COLUMNS} FROM drafts ORDER BY updated_at DESC, id DESC")
    else:
        rows = store.execute(
            f"SELECT {_COLUMNS} FROM drafts WHERE community = ? ORDER BY updated_at DESC, id DESC",
            (community,),
        )
    return [_draft(row) for row in rows.fetchall()]


def delete_draft(store: Store, draft_id: int) -> None:
    """Delete for real, including its search tokens and WAL frames."""
    with store.transaction() as conn:
        deleted = conn.execute("DELETE FROM drafts WHERE id = ?", (draft_id,)).rowcount
    if not deleted:
        raise NotFound(
            _("There is no draft {draft_id}; `peerhaven draft list` shows them.").format(
                draft_id=draft_id
            )
        )
    store.scrub()
