"""Feed pages: threads by latest activity, nesting, unread counts that stay cheap."""

from __future__ import annotations

import time

from peerhaven.core import Keypair, Verifier, builders
from peerhaven.store import Store
from peerhaven.store.communities import join, record_offers
from peerhaven.store.events import ingest
from peerhaven.store.feed import (
    UNREAD_CAP,
    feed_info,
    feed_page,
    latest_rowid,
    mark_read,
    thread,
    threads,
    unread_count,
    unread_counts,
)
from peerhaven.store.filter_prefs import mute
from peerhaven.store.personas import create_persona
from peerhaven.store.publish import publish_post, publish_reaction

OWNER = Keypair.from_secret(bytes([31]) * 32)
UMA = Keypair.from_secret(bytes([32]) * 32)
SLUG = "evening-circle"


def _joined(store: Store) -> None:
    create_persona(store)
    record_offers(
        store, "http://relay.test", [builders.community(OWNER, SLUG, "Evening").to_wire()]
    )
    join(store, SLUG)


def test_threads_order_by_latest_reply_and_replies_nest(fresh_store: Store) -> None:
    _joined(fresh_store)
    base = int(time.time()) - 10_000
    old = builders.post(UMA, SLUG, "older thread", created_at=base)
    new = builders.post(UMA, SLUG, "newer thread", created_at=base + 100)
    reply = builders.post(OWNER, SLUG, "a late reply", reply_to=old, created_at=base + 200)
    nested = builders.post(UMA, SLUG, "reply to the reply", reply_to=reply, created_at=base + 300)
    with Verifier(1) as verifier:
        ingest(fresh_store, [old, new, reply, nested], verifier)
    page = threads(fresh_store, SLUG)
    assert [t.post.id for t in page] == [old.id, new.id]
    assert (page[0].replies, page[0].last_activity) == (2, base + 300)
    root = thread(fresh_store, old.id)
    assert [r.id for r in root.replies] == [reply.id]
    assert [r.id for r in root.replies[0].replies] == [nested.id]
    older_page = threads(fresh_store, SLUG, before=page[0].last_activity)
    assert [t.post.id for t in older_page] == [new.id]


def test_a_thread_whose_first_post_is_not_here_yet_shows_each_reply_once(
    fresh_store: Store,
) -> None:
    _joined(fresh_store)
    base = int(time.time()) - 10_000
    missing = builders.post(UMA, SLUG, "never synced here", created_at=base)
    reply = builders.post(OWNER, SLUG, "a reply", reply_to=missing, created_at=base + 100)
    other = builders.post(UMA, SLUG, "another reply", reply_to=missing, created_at=base + 200)
    with Verifier(1) as verifier:
        ingest(fresh_store, [reply, other], verifier)
    shown = thread(fresh_store, reply.id)
    assert shown.id == reply.id
    assert [(r.id, r.to) for r in shown.replies] == [(other.id, "a post not on this device")]


def test_unread_counts_others_posts_since_the_read_mark(fresh_store: Store) -> None:
    _joined(fresh_store)
    base = int(time.time()) - 5_000
    first = [builders.post(UMA, SLUG, f"post {i}", created_at=base + i) for i in range(3)]
    with Verifier(1) as verifier:
        ingest(fresh_store, first, verifier)
        publish_post(fresh_store, SLUG, "my own post is never unread to me")
        assert unread_count(fresh_store, SLUG) == 3
        mark_read(fresh_store, SLUG)
        assert unread_count(fresh_store, SLUG) == 0
        later = [
            builders.post(UMA, SLUG, f"later {i}", created_at=base + 100 + i) for i in range(2)
        ]
        ingest(fresh_store, later, verifier)
    assert unread_count(fresh_store, SLUG) == 2
    others = [t.post for t in threads(fresh_store, SLUG) if not t.post.mine]
    assert [p.unread for p in others] == [True, True, False, False, False]


def test_unread_count_is_capped(fresh_store: Store) -> None:
    _joined(fresh_store)
    base = int(time.time()) - 5_000
    many = [builders.post(UMA, SLUG, f"p{i}", created_at=base + i) for i in range(UNREAD_CAP + 5)]
    with Verifier() as verifier:
        ingest(fresh_store, many, verifier)
    assert unread_count(fresh_store, SLUG) == UNREAD_CAP


def test_pages_continue_past_threads_that_share_a_time(fresh_store: Store) -> None:
    _joined(fresh_store)
    base = int(time.time()) - 5_000
    same = [builders.post(UMA, SLUG, f"same second {i}", created_at=base) for i in range(7)]
    with Verifier(1) as verifier:
        ingest(fresh_store, same, verifier)
    seen: list[str] = []
    page = feed_page(fresh_store, SLUG, limit=3)
    while True:
        seen.extend(t.post.id for t in page.threads)
        if page.next is None:
            break
        page = feed_page(fresh_store, SLUG, limit=3, after=page.next)
    assert sorted(seen) == sorted(e.id for e in same) and len(seen) == len(set(seen))


def test_a_page_thinned_by_mutes_still_leads_on(fresh_store: Store) -> None:
    _joined(fresh_store)
    base = int(time.time()) - 5_000
    posts = [builders.post(UMA, SLUG, f"p{i}", created_at=base + i) for i in range(4)]
    posts += [builders.post(OWNER, SLUG, "word muted here", created_at=base + 10)]
    with Verifier(1) as verifier:
        ingest(fresh_store, posts, verifier)
    mute(fresh_store, "word", "muted")
    first = feed_page(fresh_store, SLUG, limit=2)
    assert [t.post.content for t in first.threads] == ["p3"]
    assert first.next is not None
    rest = feed_page(fresh_store, SLUG, limit=10, after=first.next)
    assert [t.post.content for t in rest.threads] == ["p2", "p1", "p0"] and rest.next is None


def test_unread_replies_reactions_you_gave_and_the_thread_of_a_reply(fresh_store: Store) -> None:
    _joined(fresh_store)
    base = int(time.time()) - 5_000
    root = builders.post(UMA, SLUG, "root", created_at=base)
    with Verifier(1) as verifier:
        ingest(fresh_store, [root], verifier)
        mark_read(fresh_store, SLUG)
        reply = builders.post(OWNER, SLUG, "a reply", reply_to=root, created_at=base + 5)
        ingest(fresh_store, [reply, builders.reaction(OWNER, root, "me-too")], verifier)
    publish_reaction(fresh_store, root.id, "me-too")
    publish_reaction(fresh_store, root.id, "thank-you")
    (summary,) = feed_page(fresh_store, SLUG).threads
    assert (summary.replies, summary.unread_replies, summary.post.unread) == (1, 1, False)
    assert summary.post.reactions == {"me-too": 2, "thank-you": 1}
    assert summary.post.my_reactions == {"me-too", "thank-you"}
    whole = thread(fresh_store, reply.id)
    assert whole.id == root.id and [r.id for r in whole.replies] == [reply.id]
    assert whole.community == SLUG


def test_read_marks_stop_where_the_member_looked_and_never_go_back(fresh_store: Store) -> None:
    _joined(fresh_store)
    base = int(time.time()) - 5_000
    with Verifier(1) as verifier:
        ingest(fresh_store, [builders.post(UMA, SLUG, "seen", created_at=base)], verifier)
        looked = latest_rowid(fresh_store)
        ingest(fresh_store, [builders.post(UMA, SLUG, "synced", created_at=base + 1)], verifier)
    mark_read(fresh_store, SLUG, upto=looked)
    assert unread_counts(fresh_store) == {SLUG: 1}
    mark_read(fresh_store, SLUG)
    mark_read(fresh_store, SLUG, upto=looked)  # an older mark does not undo a newer one
    assert unread_counts(fresh_store) == {SLUG: 0}


def test_feed_info_says_who_you_are_and_your_role(fresh_store: Store) -> None:
    _joined(fresh_store)
    info = feed_info(fresh_store, SLUG)
    assert (info.name, info.observer, info.moderator) == ("Evening", False, False)
    assert info.pseudonym
