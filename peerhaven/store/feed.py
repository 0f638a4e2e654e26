"""Reading a community from the store: threads by latest activity, replies nested.

Everything here pages from the store and never loads a whole community: a feed
page is one indexed range over ``threads`` plus one lookup per thread, so it
costs the same at 100 posts and at 100,000. Pages continue from a ``Cursor``
(activity time and root id), so threads sharing a timestamp are never skipped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from peerhaven.core.event import REACTIONS
from peerhaven.core.i18n import N_, _
from peerhaven.core.persona import pseudonym
from peerhaven.safety.filters import Action, EventView, Visibility
from peerhaven.store.clock import now
from peerhaven.store.database import Store
from peerhaven.store.edits import newest_edits
from peerhaven.store.errors import NotFound
from peerhaven.store.outbox import delivery_states
from peerhaven.store.visibility import (
    VISIBLE_SQL,
    Sight,
    reply_counts,
    sight,
    unread_visible,
    warnings_in,
)

#: what a reply says it answers when that post is out of sight
TO_BLOCKED = N_("a persona you blocked")
TO_HIDDEN = N_("a post hidden here")
TO_MISSING = N_("a post not on this device")


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
    #: the id of that edit, whose own delivery your post's state reports while it waits
    edit_id: str | None = None
    #: whom a reply answers as this reader may know it: a pseudonym, or words such as
    #: "a persona you blocked" when that post is out of sight (None for a first post)
    to: str | None = None
    #: for your own post: "not sent yet" while it waits in the outbox, or why a relay
    #: refused it; None once delivered (and for everyone else's posts)
    delivery: str | None = None


@dataclass(frozen=True, slots=True)
class ThreadSummary:
    """One line of a feed: the first post and how alive its thread is."""

    post: Post
    last_activity: int
    replies: int
    #: of those replies, the ones by others stored since the read mark (at most
    #: ``UNREAD_CAP``); both count only what the reader can see
    unread_replies: int = 0
    #: when the latest reply in sight was written (``last_activity`` orders the feed
    #: and may come from a reply the reader does not see); None without replies
    last_reply: int | None = None

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
    #: threads this device holds in the community before the reader's filters: an empty
    #: feed over stored threads says they are out of sight, not that nothing was written
    stored: int = 0


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
    " e.community, e.hidden"
)
_WIDTH = 11


def _post(row: tuple[object, ...], mine: frozenset[str], read_upto: int) -> Post:
    eid, rowid, pubkey, created, content, tags, parent, root, deleted, community = row[:10]
    cws = warnings_in(str(tags))
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


def _judge(seen: Sight, post: Post, *, hidden: bool, parent_author: str | None) -> Visibility:
    """Judge one post by the reader's rule (``store.visibility``); a folded one says why."""
    view = EventView(
        id=post.id,
        author=post.pubkey,
        content=post.content,
        community=post.community,
        cw=post.content_warnings,
        root=post.root,
        parent_author=parent_author,
    )
    verdict = seen.verdict(view, hidden=hidden)
    post.fold = verdict.reason if verdict.action is Action.COLLAPSE else None
    return verdict


def _in_sight(seen: Sight, post: Post, *, hidden: bool, parent_author: str | None) -> bool:
    """Whether the reader can see the post (folded or not)."""
    verdict = _judge(seen, post, hidden=hidden, parent_author=parent_author)
    return verdict.action is not Action.HIDE


def _mark_delivery(store: Store, posts: list[Post]) -> None:
    """Say which of your own posts still wait for a relay, or were refused; a post that
    went out shows the state of the edit whose words it shows ("edit not sent yet")."""
    ids = [post.id for post in posts if post.mine]
    ids += [post.edit_id for post in posts if post.mine and post.edit_id is not None]
    states = delivery_states(store, ids)
    for post in posts:
        post.delivery = states.get(post.id)
        if post.delivery is None and post.edit_id is not None and post.edit_id in states:
            post.delivery = _("edit {state}").format(state=states[post.edit_id])


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


def unread_count(store: Store, slug: str, seen: Sight | None = None) -> int:
    """Posts by others stored since the member last read this community that the member
    can see (at most 1,000): the same rule as the feed and its threads."""
    return unread_visible(
        store, seen or sight(store), slug, upto=read_upto(store, slug), cap=UNREAD_CAP
    )


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
    seen = sight(store)
    return {slug: unread_count(store, slug, seen) for slug in slugs}


def feed_page(
    store: Store,
    slug: str,
    *,
    limit: int = 30,
    after: Cursor | None = None,
    read_threads: Mapping[str, int] | None = None,
) -> FeedPage:
    """A page of threads, most recently active first, continuing after ``after``.

    ``read_threads`` (root id to the newest rowid when it was opened) marks threads
    read while the feed is still open: "3 new" drops once the thread was read, before
    leaving the feed moves the community's mark.

    One range over the ``threads_feed`` index (ties on the activity time are
    ordered by root id in small in-memory sorts), one lookup of the page's
    replies over ``events_root`` (counted by the reader's rule, so "3 replies,
    1 new" is what the thread shows), and one reactions query for the page.
    """
    seen = sight(store)
    upto = read_upto(store, slug)
    latest = latest_rowid(store)
    start = after or Cursor(2**62, "")
    rows = store.execute(
        f"SELECT {_COLUMNS}, t.last_activity"
        " FROM threads t JOIN events e ON e.id = t.root"
        " WHERE t.slug = :slug AND t.last_activity <= :before"
        " AND (t.last_activity < :before OR t.root < :root)"
        f" AND {VISIBLE_SQL}"
        " AND t.root NOT IN (SELECT value FROM mutes WHERE kind = 'thread'"
        "  AND (until IS NULL OR until > :now))"
        " ORDER BY t.last_activity DESC, t.root DESC LIMIT :limit",
        {
            "slug": slug,
            "before": start.last_activity,
            "root": start.root if after is not None else "~",
            "limit": limit,
            "now": seen.at,
        },
    ).fetchall()
    heads = [(_post(row, seen.mine, upto), int(row[_WIDTH])) for row in rows]
    following = Cursor(heads[-1][1], heads[-1][0].id) if len(rows) == limit else None
    # filters judge the words a post shows now, so edits apply first
    apply_edits(store, [post for post, _ in heads])
    heads = [
        (post, last)
        for post, last in heads
        if _in_sight(seen, post, hidden=False, parent_author=None)
    ]
    if read_threads:
        for post, _ in heads:
            if post.rowid <= read_threads.get(post.id, 0):
                post.unread = False
    counts = reply_counts(
        store, seen, [post.id for post, _ in heads], upto=upto, cap=UNREAD_CAP, read=read_threads
    )
    summaries = [
        ThreadSummary(
            post, last, counts[post.id].replies, counts[post.id].unread, counts[post.id].latest
        )
        for post, last in heads
    ]
    _attach_reactions(store, [s.post for s in summaries])
    _mark_delivery(store, [s.post for s in summaries])
    return FeedPage(summaries, following, latest, stored_threads(store, slug))


def stored_threads(store: Store, slug: str) -> int:
    """Threads this device holds in a community, whatever the reader's filters say."""
    row = store.execute("SELECT count(*) FROM threads WHERE slug = ?", (slug,)).fetchone()
    return int(row[0])


#: an empty feed over stored threads: the member's own filters (or the moderators) hid them
OUT_OF_SIGHT = N_("Every thread here is out of sight: muted, blocked or hidden by the moderators")


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

    A reply whose parent is out of sight (blocked, muted, hidden by moderators)
    nests under the nearest post the reader can see, and its ``to`` says whom
    it answered without naming anyone else: "a persona you blocked" (and then
    it is folded, as the block promised), "a post hidden here".
    """
    seen = sight(store)
    head = _head(store, root_id)
    if head is None:
        raise NotFound(_("There is no post {root_id} on this device.").format(root_id=root_id[:12]))
    if head[7] is not None:
        head = _head(store, str(head[7])) or head
    upto = read_upto(store, str(head[9]))
    root = _post(head, seen.mine, upto)
    # every post of the thread, the hidden ones too: their place in the tree and
    # their authors decide where a visible reply goes and what it says it answers
    rows = store.execute(
        f"SELECT {_COLUMNS} FROM events e WHERE e.root = :root AND e.kind = 'post'"
        " ORDER BY e.created_at, e.rowid",
        {"root": root.root or root.id},
    ).fetchall()
    # (a reply whose first post is not here yet stands in for it: not twice)
    every = [(_post(row, seen.mine, upto), bool(row[10])) for row in rows if row[0] != root.id]
    # filters judge the words a post shows now, so edits apply first
    apply_edits(store, [root, *(post for post, _unused in every)])
    # the first post is always shown, as the thread's head; one the reader's filters hide
    # (a muted or blocked author, a muted word) stays folded, saying why, as post_view does
    verdict = _judge(seen, root, hidden=False, parent_author=None)
    if verdict.action is Action.HIDE:
        root.fold = verdict.reason
    authors = {root.id: root.pubkey, **{post.id: post.pubkey for post, _unused in every}}
    parents = {post.id: post.parent for post, _unused in every}
    shown: dict[str, Post] = {root.id: root}
    for post, hidden in every:
        parent_author = authors.get(post.parent or "")
        if _in_sight(seen, post, hidden=hidden, parent_author=parent_author):
            shown[post.id] = post
    replies = [post for post, _unused in every if post.id in shown]
    for reply in replies:
        parent = reply.parent or root.id
        if parent in shown:
            reply.to = shown[parent].author
        elif parent not in authors:
            reply.to = _(TO_MISSING)
        elif authors[parent] in seen.rules.blocked:
            reply.to = _(TO_BLOCKED)
        else:
            reply.to = _(TO_HIDDEN)
        while parent in parents and parent not in shown:  # up to the nearest post in sight
            parent = parents[parent] or root.id
        shown.get(parent, root).replies.append(reply)
    _attach_reactions(store, [root, *replies])
    _mark_delivery(store, [root, *replies])
    return root


def post_view(store: Store, event_id: str) -> Post:
    """One post as this reader sees it (folded under its warning, or hidden by a filter)
    without its replies: what a reply is answering, shown above the composer."""
    row = _head(store, event_id)
    if row is None:
        raise NotFound(
            _("There is no post {event_id} on this device.").format(event_id=event_id[:12])
        )
    seen = sight(store)
    post = _post(row, seen.mine, read_upto(store, str(row[9])))
    apply_edits(store, [post])
    parent = _head(store, post.parent) if post.parent else None
    parent_author = None if parent is None else str(parent[2])
    verdict = _judge(seen, post, hidden=bool(row[10]), parent_author=parent_author)
    if verdict.action is Action.HIDE:
        post.fold = verdict.reason
    _mark_delivery(store, [post])
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
            post.edit_id = edit.id


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
