"""Feed pages: threads by latest activity, nesting, unread counts that stay cheap."""

from __future__ import annotations

import time

from peerhaven.core import Keypair, Verifier, builders
from peerhaven.store import Store
from peerhaven.store.communities import join, record_offers
from peerhaven.store.events import ingest
from peerhaven.store.feed import UNREAD_CAP, mark_read, thread, threads, unread_count
from peerhaven.store.personas import create_persona
from peerhaven.store.publish import publish_post

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
