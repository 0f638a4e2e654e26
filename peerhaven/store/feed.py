"""Reading a community from the store: threads by latest activity, replies nested.

Everything here pages from the store and never loads a whole community: a feed
page is one indexed range over ``threads`` plus one lookup per thread, so it
costs the same at 100 posts and at 100,000. Pages continue from a ``Cursor``
(activity time and root id), so threads sharing a timestamp are never skipped.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from peerhaven.core.event import REACTIONS
from peerhaven.core.persona import pseudonym
from peerhaven.safety.filters import Action, EventView, FilterRules, decide
from peerhaven.store.clock import now
from peerhaven.store.database import Store
from peerhaven.store.edits import newest_edits
from peerhaven.store.errors import NotFound
from peerhaven.store.filter_prefs import load_rules

# what a reader must not see: moderated (hidden or banned), blocked, or muted authors
_VISIBLE = (
    "e.hidden = 0 AND e.pubkey NOT IN (SELECT pubkey FROM blocks)"
    " AND e.pubkey NOT IN (SELECT value FROM mutes WHERE kind = 'persona'"
    "  AND (until IS NULL OR until > :now))"
)


@dataclass
class Post:
    """A post or reply as a reader sees it."""

    id: str
    rowid: int
    pubkey: str
    author: str
    created_at: int
    content: str
    content_warnings: tuple[str, ...]
    parent: str | None
    root: str | None
    deleted: bool
    mine: bool
    reactions: Counter[str] = field(default_factory=Counter)
    replies: list[Post] = field(default_factory=list)
    unread: bool = False
    #: why the body is folded (a content warning, go gently…), or None when shown
    fold: str | None = None
    #: the community the post belongs to (a reply is written there too)
    community: str = ""
    #: the reactions one of this device's personas gave (each counts once)
    my_reactions: set[str] = field(default_factory=set)
    #: when the words shown were written by an edit (``store.edits``), else None
    edited_at: int | None = None


@dataclass(frozen=True, slots=True)
class ThreadSummary:
    """One line of a feed: the first post and how alive its thread is."""

    post: Post
    last_activity: int
    replies: int
    #: replies by others stored since the read mark (at most ``UNREAD_CAP``)
    unread_replies: int = 0

    @property
    def cursor(self) -> Cursor:
        """Where the page after this thread starts."""
        return Cursor(self.last_activity, self.post.id)


@dataclass(frozen=True, slots=True)
class Cursor:
    """A position in a feed: threads older than this activity time (ties by root id)."""

    last_activity: int
    root: str


@dataclass(frozen=True, slots=True)
class FeedPage:
    """A page of threads and where the next one starts (None at the end of the feed).

    The cursor comes from the last thread the store returned, before the
    reader's filters: a page thinned by mutes still leads on to the next one.
    """

    threads: list[ThreadSummary]
    next: Cursor | None
    #: the newest rowid in the store when the page was read (see ``mark_read``)
    latest: int = 0


@dataclass(frozen=True, slots=True)
class FeedInfo:
    """What a feed's header says: where you are, who you are there, what you may do."""

    slug: str
    name: str
    persona: str
    pseudonym: str
    observer: bool
    #: the persona used here is the pinned owner or one of the moderators it named
    moderator: bool
    rules: tuple[str, ...]


_COLUMNS = (
    "e.id, e.rowid, e.pubkey, e.created_at, e.content, e.tags, e.parent, e.root, e.deleted,"
    " e.community"
)
_WIDTH = 10


def _post(row: tuple[object, ...], mine: set[str], read_upto: int) -> Post:
    eid, rowid, pubkey, created, content, tags, parent, root, deleted, community = row
    cws = tuple(tag[1] for tag in json.loads(str(tags)) if tag[0] == "cw" and len(tag) > 1)
    return Post(
        id=str(eid),
        rowid=int(str(rowid)),
        pubkey=str(pubkey),
        author=pseudonym(str(pubkey)),
        created_at=int(str(created)),
        content=str(content),
        content_warnings=cws,
        parent=None if parent is None else str(parent),
        root=None if root is None else str(root),
        deleted=bool(deleted),
        mine=str(pubkey) in mine,
        unread=int(str(rowid)) > read_upto and str(pubkey) not in mine,
        community=str(community),
    )


def _filter(posts: list[Post], slug: str, rules: FilterRules) -> list[Post]:
    """Apply the reader's filters: hidden posts go, folded ones say why."""
    at = now()
    kept = []
    for post in posts:
        if post.mine:
            kept.append(post)
            continue
        view = EventView(
            id=post.id,
            author=post.pubkey,
            content=post.content,
            community=slug,
            cw=post.content_warnings,
            root=post.root,
        )
        verdict = decide(view, rules, at)
        if verdict.action is Action.HIDE:
            continue
        if verdict.action is Action.COLLAPSE:
            post.fold = verdict.reason
        kept.append(post)
    return kept


def _mine(store: Store) -> set[str]:
    return {row[0] for row in store.execute("SELECT pubkey FROM personas")}


def read_upto(store: Store, slug: str) -> int:
    """The last rowid the member has seen in this community."""
    row = store.execute("SELECT last_rowid FROM read_marks WHERE slug = ?", (slug,)).fetchone()
    return int(row[0]) if row else 0


def latest_rowid(store: Store) -> int:
    """The newest event stored so far (a read mark to set once the member has looked)."""
    return int(store.execute("SELECT coalesce(max(rowid), 0) FROM events").fetchone()[0])


def mark_read(store: Store, slug: str, *, upto: int | None = None) -> None:
    """Everything stored so far in this community counts as read.

    With ``upto`` (a ``latest_rowid`` taken when the feed was shown), posts
    that arrived by a sync while the member was reading stay unread. A mark
    never moves backwards.
    """
    mark = latest_rowid(store) if upto is None else upto
    with store.transaction() as conn:
        conn.execute(
            "INSERT INTO read_marks (slug, last_rowid, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT (slug) DO UPDATE SET last_rowid = max(last_rowid, excluded.last_rowid),"
            " updated_at = excluded.updated_at",
            (slug, mark, now()),
        )


UNREAD_CAP = 1000


def unread_count(store: Store, slug: str) -> int:
    """Posts by others stored since the member last read this community (at most 1,000).

    Unread posts are the newest rows, so the count walks the rowid range after
    the read mark (the unary ``+`` keeps the planner off the feed index, which
    would visit every post of the community: 170 ms at 100,000 posts).
    """
    row = store.execute(
        "SELECT count(*) FROM (SELECT 1 FROM events e WHERE e.rowid > :upto"
        " AND +e.community = :slug AND +e.kind = 'post'"
        f" AND e.deleted = 0 AND {_VISIBLE}"
        " AND e.pubkey NOT IN (SELECT pubkey FROM personas) LIMIT :cap)",
        {"slug": slug, "upto": read_upto(store, slug), "now": now(), "cap": UNREAD_CAP},
    ).fetchone()
    return int(row[0])


def feed_info(store: Store, slug: str) -> FeedInfo:
    """The header of a community's feed: its name, your persona there, your role."""
    from peerhaven.store.communities import membership
    from peerhaven.store.moderation import pinned

    member = membership(store, slug)
    pin = pinned(store.conn, slug)
    owner, moderators = pin if pin else ("", frozenset())
    return FeedInfo(
        slug=slug,
        name=member.name,
        persona=member.persona,
        pseudonym=pseudonym(member.persona),
        observer=member.observer,
        moderator=member.persona == owner or member.persona in moderators,
        rules=member.rules,
    )


def unread_counts(store: Store) -> dict[str, int]:
    """Unread posts in every joined community (each capped at ``UNREAD_CAP``)."""
    slugs = [row[0] for row in store.execute("SELECT slug FROM memberships ORDER BY slug")]
    return {slug: unread_count(store, slug) for slug in slugs}


def feed_page(store: Store, slug: str, *, limit: int = 30, after: Cursor | None = None) -> FeedPage:
    """A page of threads, most recently active first, continuing after ``after``.

    One range over the ``threads_feed`` index (ties on the activity time are
    ordered by root id in small in-memory sorts), one unread-replies lookup per
    thread over ``events_root``, and one reactions query for the page.
    """
    mine = _mine(store)
    upto = read_upto(store, slug)
    latest = latest_rowid(store)
    start = after or Cursor(2**62, "")
    rows = store.execute(
        f"SELECT {_COLUMNS}, t.last_activity, t.replies,"
        " (SELECT count(*) FROM (SELECT 1 FROM events r WHERE r.root = t.root"
        "   AND r.rowid > :upto AND r.kind = 'post' AND r.deleted = 0"
        "   AND r.pubkey NOT IN (SELECT pubkey FROM personas) LIMIT :cap))"
        " FROM threads t JOIN events e ON e.id = t.root"
        " WHERE t.slug = :slug AND t.last_activity <= :before"
        " AND (t.last_activity < :before OR t.root < :root)"
        f" AND {_VISIBLE}"
        " AND t.root NOT IN (SELECT value FROM mutes WHERE kind = 'thread'"
        "  AND (until IS NULL OR until > :now))"
        " ORDER BY t.last_activity DESC, t.root DESC LIMIT :limit",
        {
            "slug": slug,
            "before": start.last_activity,
            "root": start.root if after is not None else "~",
            "limit": limit,
            "now": now(),
            "upto": upto,
            "cap": UNREAD_CAP,
        },
    ).fetchall()
    summaries = [
        ThreadSummary(
            _post(row[:_WIDTH], mine, upto),
            int(row[_WIDTH]),
            int(row[_WIDTH + 1]),
            int(row[_WIDTH + 2]),
        )
        for row in rows
    ]
    following = summaries[-1].cursor if len(rows) == limit else None
    apply_edits(store, [s.post for s in summaries])
    kept = {id(p) for p in _filter([s.post for s in summaries], slug, load_rules(store))}
    summaries = [s for s in summaries if id(s.post) in kept]
    _attach_reactions(store, [s.post for s in summaries])
    return FeedPage(summaries, following, latest)


def threads(
    store: Store, slug: str, *, limit: int = 30, before: int | None = None
) -> list[ThreadSummary]:
    """A page of threads, most recently active first; ``before`` pages by activity time."""
    after = Cursor(before, "") if before is not None else None
    return feed_page(store, slug, limit=limit, after=after).threads


def _head(store: Store, event_id: str) -> tuple[object, ...] | None:
    row = store.execute(
        f"SELECT {_COLUMNS} FROM events e WHERE e.id = :id AND e.kind = 'post'", {"id": event_id}
    ).fetchone()
    return None if row is None else tuple(row)


def thread(store: Store, root_id: str) -> Post:
    """A whole thread: the first post with its replies nested under their parents.

    Given a reply's id (a search hit, a link), the whole thread it belongs to
    comes back, so the reply is seen in its conversation.
    """
    mine = _mine(store)
    head = _head(store, root_id)
    if head is None:
        raise NotFound(f"There is no post {root_id[:12]} on this device.")
    if head[7] is not None:
        head = _head(store, str(head[7])) or head
    slug = str(head[9])
    upto = read_upto(store, slug)
    root = _post(head, mine, upto)
    rows = store.execute(
        f"SELECT {_COLUMNS} FROM events e WHERE e.root = :root AND e.kind = 'post'"
        f" AND {_VISIBLE} ORDER BY e.created_at, e.rowid",
        {"root": root.root or root.id, "now": now()},
    ).fetchall()
    rules = load_rules(store)
    posts = [_post(row, mine, upto) for row in rows]
    apply_edits(store, [root, *posts])
    _filter([root], slug, rules)
    replies = _filter(posts, slug, rules)
    _attach_reactions(store, [root, *replies])
    by_id = {root.id: root, **{reply.id: reply for reply in replies}}
    for reply in replies:
        parent = by_id.get(reply.parent or "", root)
        parent.replies.append(reply)
    return root


def post_view(store: Store, event_id: str) -> Post:
    """One post as this reader sees it (folded under its warning, or hidden by a filter)
    without its replies: what a reply is answering, shown above the composer."""
    row = _head(store, event_id)
    if row is None:
        raise NotFound(f"There is no post {event_id[:12]} on this device.")
    post = _post(row, _mine(store), read_upto(store, str(row[9])))
    apply_edits(store, [post])
    if not _filter([post], post.community, load_rules(store)):
        post.fold = "Hidden by your filters (a mute or a block)."
    return post


def apply_edits(store: Store, posts: list[Post]) -> None:
    """Show each post's newest counting edit: its words, its labels and when it was made.

    Before the reader's filters run, so a muted word an edit brings in folds or
    hides the post like any other.
    """
    edits = newest_edits(store, [post.id for post in posts if not post.deleted])
    for post in posts:
        edit = edits.get(post.id)
        if edit is not None:
            post.content = edit.text
            post.content_warnings = edit.content_warnings
            post.edited_at = edit.edited_at


def _attach_reactions(store: Store, posts: list[Post]) -> None:
    """Counts per reaction, and which of them this device's personas gave."""
    if not posts:
        return
    by_id = {post.id: post for post in posts}
    marks = ",".join("?" * len(by_id))
    for target, reaction, count, given in store.execute(
        f"SELECT target, reaction, count(*), sum(pubkey IN (SELECT pubkey FROM personas))"
        f" FROM reactions WHERE target IN ({marks}) GROUP BY target, reaction",
        list(by_id),
    ):
        if reaction in REACTIONS:
            by_id[target].reactions[reaction] = count
            if given:
                by_id[target].my_reactions.add(reaction)
