"""Which words a post shows: its own, or those of the newest edit that counts.

An ``edit`` event (protocol section 13) counts when it is signed by the post's
author, dated within ``EDIT_WINDOW`` of the post, in the post's community, not
withdrawn and not hidden by a moderator. Among those the newest wins, ordered by
``created_at`` then ``id``: a rule on signed fields only, so every device shows
the same words whatever order the edits arrived in, and an edit stored before
its post starts counting the moment the post arrives. Nothing is rewritten in
place: the post row keeps its first words, and the choice is made when reading.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from peerhaven.core.event import EDIT_WINDOW
from peerhaven.core.i18n import N_
from peerhaven.store import clock
from peerhaven.store.database import Store

#: what an edit reaches and what it cannot, said the same way by the CLI and the app
EDIT_REACH = N_(
    "Copies already synced to other devices were seen as first written; "
    "they will show this edit after they sync."
)


@dataclass(frozen=True, slots=True)
class Edited:
    """The words a post shows after its newest counting edit."""

    #: the edit event's id
    id: str
    text: str
    content_warnings: tuple[str, ...]
    #: when the edit was made (its ``created_at``)
    edited_at: int


# Both sides of the window are on signed times: ``p.created_at`` and ``e.created_at``.
_COUNTING = (
    "SELECT e.target, e.id, e.created_at, e.content, e.tags FROM events e"
    " JOIN events p ON p.id = e.target"
    " WHERE e.target IN ({marks}) AND e.kind = 'edit' AND e.deleted = 0 AND e.hidden = 0"
    " AND p.kind = 'post' AND p.deleted = 0"
    " AND e.pubkey = p.pubkey AND e.community = p.community"
    " AND e.created_at BETWEEN p.created_at AND p.created_at + {window}"
)


def newest_edits(store: Store, post_ids: Iterable[str]) -> dict[str, Edited]:
    """The newest counting edit of each post that has one (posts without are left out)."""
    ids = list(dict.fromkeys(post_ids))
    found: dict[str, Edited] = {}
    for start in range(0, len(ids), 500):  # under SQLite's bound-parameter limit
        part = ids[start : start + 500]
        sql = _COUNTING.format(marks=",".join("?" * len(part)), window=EDIT_WINDOW)
        for target, eid, created_at, content, tags in store.execute(sql, part):
            best = found.get(target)
            if best is not None and (best.edited_at, best.id) >= (created_at, eid):
                continue
            labels = tuple(t[1] for t in json.loads(tags) if t[0] == "cw" and len(t) > 1)
            found[target] = Edited(eid, content, labels, int(created_at))
    return found


def edit_closes_at(created_at: int) -> int:
    """The last second at which a post written at ``created_at`` may still be edited."""
    return created_at + EDIT_WINDOW


def still_editable(created_at: int, *, at: int | None = None) -> bool:
    """Whether a post written at ``created_at`` may be edited now (or at ``at``)."""
    moment = clock.now() if at is None else at
    return created_at <= moment <= edit_closes_at(created_at)


def edit_ids(store: Store, post_id: str, author: str) -> list[str]:
    """The author's edits of a post still holding words: what withdrawing it must withdraw."""
    rows = store.execute(
        "SELECT id FROM events WHERE target = ? AND kind = 'edit' AND pubkey = ? AND deleted = 0",
        (post_id, author),
    )
    return [str(row[0]) for row in rows]


def shown_hits(
    store: Store, hits: list[tuple[str, str | None, int, str]]
) -> list[tuple[str, str | None, int, str]]:
    """Search hits on posts, kept only where they match the words a post shows now.

    ``hits`` are (event id, community, created_at, snippet) rows of the post index,
    which holds posts and edits. A post's own words count while it has no edit that
    counts; an edit's words count while it is the newest one, and its hit opens the
    post (under the post's id and time). Hidden posts stay out through their edits too.
    """
    if not hits:
        return hits
    ids = [hit[0] for hit in hits]
    marks = ",".join("?" * len(ids))
    rows = store.execute(
        f"SELECT e.id, e.kind, e.target, p.created_at, p.hidden FROM events e"
        f" LEFT JOIN events p ON p.id = e.target AND e.kind = 'edit' WHERE e.id IN ({marks})",
        ids,
    ).fetchall()
    facts = {row[0]: row[1:] for row in rows}
    targets = {target for kind, target, _, _ in facts.values() if kind == "edit" and target}
    newest = newest_edits(store, [*ids, *targets])
    kept: list[tuple[str, str | None, int, str]] = []
    seen: set[str] = set()
    for eid, community, created, snippet in hits:
        kind, target, post_created, post_hidden = facts.get(eid, ("post", None, None, 0))
        if kind == "edit":
            edit = newest.get(target or "")
            if edit is None or edit.id != eid or post_hidden:
                continue
            eid, created = str(target), int(post_created)
        elif eid in newest:
            continue  # edited: these words are no longer what the post shows
        if eid not in seen:
            seen.add(eid)
            kept.append((eid, community, created, snippet))
    return kept
