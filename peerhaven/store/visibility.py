"""What the reader can actually see: one rule for the feed, a thread, search and every count.

A post is out of sight when moderators hid it, when the reader blocked or muted
its author, muted its thread or a word in it, or chose to hide its warning
label; a reply is out of sight too when the first post of its thread is. The
reader's own posts are never hidden from them by their own choices (only by a
moderator), but a warning on them folds them like anyone's.

Every listing and every figure asks ``Sight.verdict`` (through the helpers
below), so the feed's "3 replies, 1 new", a thread's "1 reply", home's
"● 2 new" and the search results cannot disagree. ``VISIBLE_SQL`` is the part
of the rule a query can apply on its own (moderation, blocks, muted personas),
so queries fetch few rows that the Python rule then drops.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from peerhaven.safety.filters import Action, EventView, FilterRules, Visibility, decide, folding
from peerhaven.store.clock import now
from peerhaven.store.database import Store
from peerhaven.store.filter_prefs import load_rules

#: the part of the rule SQL can apply by itself, on ``events e`` (binds ``:now``)
VISIBLE_SQL = (
    "e.hidden = 0 AND e.pubkey NOT IN (SELECT pubkey FROM blocks)"
    " AND e.pubkey NOT IN (SELECT value FROM mutes WHERE kind = 'persona'"
    "  AND (until IS NULL OR until > :now))"
)
#: what ``Sight.row_verdict`` reads from ``events e``, in this order
ROW_COLUMNS = "e.id, e.pubkey, e.content, e.tags, e.community, e.root, e.hidden"
HIDDEN_BY_MODERATORS = Visibility(Action.HIDE, "Hidden by the community's moderators.")
#: a lookup's ids go in chunks below SQLite's bound-parameter limit
_CHUNK = 500


def warnings_in(tags: str) -> tuple[str, ...]:
    """The content-warning labels in an event's stored tags (most have none: those are
    not parsed, which halves the cost of judging a page's replies)."""
    if '"cw"' not in tags:
        return ()
    return tuple(tag[1] for tag in json.loads(tags) if tag[0] == "cw" and len(tag) > 1)


@dataclass(frozen=True, slots=True)
class Sight:
    """The reader's choices and personas at one moment: read once per screen load."""

    rules: FilterRules
    mine: frozenset[str]
    at: int

    def verdict(self, view: EventView, *, hidden: bool = False) -> Visibility:
        """Show, fold or hide one post for this reader (``hidden``: by moderators)."""
        if hidden:
            return HIDDEN_BY_MODERATORS
        if view.author in self.mine:
            fold = folding(view, self.rules)
            # a label you chose to hide still folds your own words, never hides them
            return Visibility(Action.COLLAPSE, fold.reason) if fold.action is Action.HIDE else fold
        return decide(view, self.rules, self.at)

    def row_verdict(self, row: Sequence[object], parent_author: str | None = None) -> Visibility:
        """The verdict for a row of ``ROW_COLUMNS``."""
        eid, pubkey, content, tags, community, root, hidden = row[:7]
        view = EventView(
            id=str(eid),
            author=str(pubkey),
            content=str(content),
            community=str(community),
            cw=warnings_in(str(tags)),
            root=None if root is None else str(root),
            parent_author=parent_author,
        )
        return self.verdict(view, hidden=bool(hidden))


def sight(store: Store) -> Sight:
    """The reader's filters and this device's personas, as they are now."""
    mine = frozenset(str(row[0]) for row in store.execute("SELECT pubkey FROM personas"))
    return Sight(load_rules(store), mine, now())


def _chunks(ids: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def visible_roots(store: Store, seen: Sight, roots: Iterable[str]) -> set[str]:
    """Which of these first posts the reader can see, with their thread not muted
    (a reply is in sight only when its thread's first post is)."""
    wanted = sorted(set(roots))
    kept: set[str] = set()
    for chunk in _chunks(wanted):
        marks = ",".join("?" * len(chunk))
        for row in store.execute(
            f"SELECT {ROW_COLUMNS} FROM events e WHERE e.id IN ({marks}) AND e.kind = 'post'",
            list(chunk),
        ):
            if seen.row_verdict(tuple(row)).action is not Action.HIDE:
                kept.add(str(row[0]))
    return kept


@dataclass(frozen=True, slots=True)
class ReplyCount:
    """Replies in a thread the reader can see (not withdrawn), how many are new, and when
    the latest of them was written (None without replies)."""

    replies: int = 0
    unread: int = 0
    latest: int | None = None


def reply_counts(
    store: Store,
    seen: Sight,
    roots: Sequence[str],
    *,
    upto: int,
    cap: int,
    read: Mapping[str, int] | None = None,
) -> dict[str, ReplyCount]:
    """Visible replies per thread (whose first posts the caller already showed), and the
    ones by others stored after the read mark ``upto`` (at most ``cap`` each); ``read``
    gives a later mark for threads the member has opened since (root id to rowid).

    One lookup over ``events_root`` per 500 threads; the rows SQL cannot judge
    (muted words, hidden labels) are judged one by one, so a page costs what
    its replies cost.
    """
    counts: dict[str, list[int]] = {root: [0, 0, 0] for root in roots}
    for chunk in _chunks(list(roots)):
        params: dict[str, object] = {f"r{i}": root for i, root in enumerate(chunk)}
        params["now"] = seen.at
        names = ",".join(f":r{i}" for i in range(len(chunk)))
        for row in store.execute(
            f"SELECT {ROW_COLUMNS}, e.rowid, e.created_at FROM events e WHERE e.root IN ({names})"
            f" AND e.kind = 'post' AND e.deleted = 0 AND {VISIBLE_SQL}",
            params,
        ):
            if seen.row_verdict(tuple(row)).action is Action.HIDE:
                continue
            count = counts[str(row[5])]
            count[0] += 1
            count[2] = max(count[2], int(row[8]))
            mark = max(upto, read.get(str(row[5]), 0)) if read else upto
            if int(row[7]) > mark and str(row[1]) not in seen.mine and count[1] < cap:
                count[1] += 1
    return {
        root: ReplyCount(replies, unread, latest if replies else None)
        for root, (replies, unread, latest) in counts.items()
    }


def unread_visible(store: Store, seen: Sight, slug: str, *, upto: int, cap: int) -> int:
    """Posts by others in ``slug`` stored after the read mark ``upto`` that the reader
    can see (at most ``cap``).

    Unread posts are the newest rows, so the lookup walks the rowid range after
    the mark (the unary ``+`` keeps the planner off the feed index, which would
    visit every post of the community: 170 ms at 100,000 posts). Rows are
    judged in batches until ``cap`` visible ones are found or none are left.
    """
    count = 0
    after = upto
    batch = cap
    while count < cap:
        rows = store.execute(
            f"SELECT {ROW_COLUMNS}, e.rowid FROM events e WHERE e.rowid > :after"
            " AND +e.community = :slug AND +e.kind = 'post' AND e.deleted = 0"
            f" AND {VISIBLE_SQL} AND e.pubkey NOT IN (SELECT pubkey FROM personas)"
            " ORDER BY e.rowid LIMIT :batch",
            {"after": after, "slug": slug, "now": seen.at, "batch": batch},
        ).fetchall()
        if not rows:
            break
        after = int(rows[-1][7])
        shown = [
            tuple(row) for row in rows if seen.row_verdict(tuple(row)).action is not Action.HIDE
        ]
        roots = visible_roots(store, seen, {str(row[5]) for row in shown if row[5] is not None})
        count += sum(1 for row in shown if row[5] is None or str(row[5]) in roots)
        if len(rows) < batch:
            break
    return min(count, cap)
