"""Edits: the author's own, within the window, newest wins on every device whatever the
order they arrive in; publishing one, and withdrawing a post with its edits."""

from __future__ import annotations

import time
from collections.abc import Sequence

import pytest

from peerhaven.core import EDIT_WINDOW, Event, Keypair, Verifier, builders
from peerhaven.store import Store
from peerhaven.store.communities import join, record_offers
from peerhaven.store.errors import BadInput, NotFound
from peerhaven.store.events import get_event, ingest
from peerhaven.store.feed import feed_page, post_view, thread
from peerhaven.store.outbox import pending_for
from peerhaven.store.personas import create_persona, load_persona
from peerhaven.store.publish import publish_delete, publish_edit, publish_post

OWNER = Keypair.from_secret(bytes([51]) * 32)
UMA = Keypair.from_secret(bytes([52]) * 32)
SLUG = "edit-circle"
RELAY = "http://relay.test"
T = 1_700_000_000


def _joined(store: Store) -> Keypair:
    """Join the community; the persona's keys."""
    persona = create_persona(store)
    definition = builders.community(OWNER, SLUG, "Edits")
    record_offers(store, RELAY, [definition.to_wire()])
    join(store, SLUG, persona=persona.pubkey)
    return load_persona(store, persona.pubkey).keys


def _ingest(store: Store, events: Sequence[Event]) -> None:
    with Verifier(1) as verifier:
        for event in events:  # one at a time: the order they arrive in matters here
            ingest(store, [event.to_wire()], verifier)


def _shown(store: Store, post_id: str) -> tuple[str, int | None]:
    post = post_view(store, post_id)
    return post.content, post.edited_at


def test_the_newest_counting_edit_wins_in_any_arrival_order(fresh_store: Store) -> None:
    _joined(fresh_store)
    post = builders.post(UMA, SLUG, "first words", created_at=T)
    first = builders.edit(UMA, post, "second words", created_at=T + 60)
    newest = builders.edit(UMA, post, "third words", cw=["loss"], created_at=T + 120)
    # the newest arrives first, then the post, then an older edit and a duplicate
    _ingest(fresh_store, [newest, post, first, first])
    assert _shown(fresh_store, post.id) == ("third words", T + 120)
    assert post_view(fresh_store, post.id).content_warnings == ("loss",)
    # a tie on the time is settled by the larger id, the same on every device
    twins = [builders.edit(UMA, post, f"twin {n}", created_at=T + 120) for n in range(2)]
    _ingest(fresh_store, twins)
    winner = max([newest, *twins], key=lambda e: e.id)
    assert _shown(fresh_store, post.id) == (winner.content, T + 120)


def test_edits_that_do_not_count_are_ignored(fresh_store: Store) -> None:
    _joined(fresh_store)
    post = builders.post(UMA, SLUG, "as written", created_at=T)
    reply = builders.post(OWNER, SLUG, "a reply", reply_to=post, created_at=T + 5)
    ignored = [
        builders.edit(OWNER, post, "not the author's", created_at=T + 10),
        builders.edit(UMA, post, "too late", created_at=T + EDIT_WINDOW + 1),
        builders.edit(UMA, post, "before the post", created_at=T - 1),
        builders.edit(UMA, reply, "of someone else's reply", created_at=T + 10),
    ]
    _ingest(fresh_store, [post, reply, *ignored])
    assert _shown(fresh_store, post.id) == ("as written", None)
    assert _shown(fresh_store, reply.id) == ("a reply", None)
    last_second = builders.edit(UMA, post, "just in time", created_at=T + EDIT_WINDOW)
    _ingest(fresh_store, [last_second])
    assert _shown(fresh_store, post.id) == ("just in time", T + EDIT_WINDOW)


def test_feed_and_thread_show_the_edited_words(fresh_store: Store) -> None:
    _joined(fresh_store)
    post = builders.post(UMA, SLUG, "helo all", created_at=T)
    reply = builders.post(OWNER, SLUG, "welcom", reply_to=post, created_at=T + 5)
    _ingest(
        fresh_store,
        [
            post,
            reply,
            builders.edit(UMA, post, "hello all", created_at=T + 30),
            builders.edit(OWNER, reply, "welcome", created_at=T + 40),
        ],
    )
    summary = feed_page(fresh_store, SLUG).threads[0]
    assert (summary.post.content, summary.post.edited_at) == ("hello all", T + 30)
    root = thread(fresh_store, post.id)
    assert (root.content, root.edited_at) == ("hello all", T + 30)
    assert [(r.content, r.edited_at) for r in root.replies] == [("welcome", T + 40)]


def test_publishing_an_edit_of_your_own_recent_post(fresh_store: Store) -> None:
    _joined(fresh_store)
    post = publish_post(fresh_store, SLUG, "I feel beter today", cw=["mood"])
    edit = publish_edit(fresh_store, post.id, "I feel better today")
    assert edit.kind == "edit" and edit.target == post.id and edit.tag_values("cw") == ["mood"]
    content, edited_at = _shown(fresh_store, post.id)
    assert content == "I feel better today" and edited_at == edit.created_at
    assert [e.id for e in pending_for(fresh_store, RELAY, 10)] == [post.id, edit.id]
    cleared = publish_edit(fresh_store, post.id, "I feel better today", cw=[])
    assert cleared.tag_values("cw") == []
    assert post_view(fresh_store, post.id).content_warnings == ()


def test_what_cannot_be_edited_is_refused_with_a_reason(fresh_store: Store) -> None:
    keys = _joined(fresh_store)
    mine = publish_post(fresh_store, SLUG, "mine")
    theirs = builders.post(UMA, SLUG, "theirs")
    old = builders.post(keys, SLUG, "written long ago", created_at=int(time.time()) - 1000)
    _ingest(fresh_store, [theirs, old])
    with pytest.raises(BadInput, match="only edit what one of your own personas wrote"):
        publish_edit(fresh_store, theirs.id, "taken over")
    with pytest.raises(BadInput, match="edited for 15 minutes"):
        publish_edit(fresh_store, old.id, "too late")
    with pytest.raises(BadInput, match="needs some words"):
        publish_edit(fresh_store, mine.id, "  ")
    with pytest.raises(BadInput, match="already says"):
        publish_edit(fresh_store, mine.id, "mine")
    with pytest.raises(NotFound):
        publish_edit(fresh_store, "ab" * 32, "nothing")
    assert [e.id for e in pending_for(fresh_store, RELAY, 10)] == [mine.id]


def test_deleting_a_post_withdraws_its_edits_too(fresh_store: Store) -> None:
    _joined(fresh_store)
    post = publish_post(fresh_store, SLUG, "something I regret")
    edit = publish_edit(fresh_store, post.id, "something I regret more")
    delete = publish_delete(fresh_store, post.id)
    gone = get_event(fresh_store, edit.id)
    assert gone is not None and gone.content == ""
    queued = pending_for(fresh_store, RELAY, 10)
    assert [e.kind for e in queued] == ["post", "edit", "delete", "delete"]
    assert {e.target for e in queued[2:]} == {post.id, edit.id} and queued[2].id == delete.id
    with pytest.raises(NotFound):
        publish_edit(fresh_store, post.id, "after the delete")


def test_a_post_held_for_approval_cannot_be_edited(fresh_store: Store) -> None:
    from peerhaven.core.community import HELD_REASON
    from peerhaven.store.outbox import record_results

    _joined(fresh_store)
    post = publish_post(fresh_store, SLUG, "my first post")
    record_results(fresh_store, RELAY, [(post.id, "accepted", HELD_REASON)])
    with pytest.raises(BadInput, match="waits for a moderator's approval"):
        publish_edit(fresh_store, post.id, "my first post, edited")


def test_search_finds_the_words_a_post_shows_now(fresh_store: Store) -> None:
    from peerhaven.store.search import search

    _joined(fresh_store)
    post = builders.post(UMA, SLUG, "my street is Elm Road", created_at=T)
    first = builders.edit(UMA, post, "my street is near the park", created_at=T + 60)
    newest = builders.edit(UMA, post, "I live near a quiet park", created_at=T + 120)
    _ingest(fresh_store, [post, first])

    def found(words: str) -> list[tuple[str, int]]:
        return [(h.ref, h.created_at) for h in search(fresh_store, words)["post"]]

    assert found("Elm") == []  # edited away: no longer what anyone is shown
    assert found("street park") == [(post.id, T)]  # the edit's hit opens the post
    _ingest(fresh_store, [newest])
    assert found("street") == []
    assert found("quiet park") == [(post.id, T)]
    delete = builders.delete(UMA, SLUG, newest.id, created_at=T + 130)
    _ingest(fresh_store, [delete])
    assert found("quiet") == [] and found("street park") == [(post.id, T)]


def test_a_draft_written_in_drafts_goes_where_it_is_told(fresh_store: Store) -> None:
    from peerhaven.store.compose import destinations, place_draft, publish_saved_draft
    from peerhaven.store.drafts import list_drafts, save_draft

    _joined(fresh_store)
    post = builders.post(UMA, SLUG, "anyone around tonight?", created_at=int(time.time()))
    _ingest(fresh_store, [post])
    places = [(d.slug, d.reply_to, d.author) for d in destinations(fresh_store)]
    assert places == [(SLUG, None, ""), (SLUG, post.id, post_view(fresh_store, post.id).author)]
    nowhere = save_draft(fresh_store, "a note for later")
    with pytest.raises(BadInput, match="belongs to no community yet"):
        publish_saved_draft(fresh_store, nowhere.id)
    as_reply = save_draft(fresh_store, "I am here")
    placed = place_draft(fresh_store, as_reply.id, SLUG, reply_to=post.id)
    assert (placed.community, placed.reply_to, placed.content) == (SLUG, post.id, "I am here")
    with pytest.raises(NotFound):
        place_draft(fresh_store, nowhere.id, "not-joined")
    reply = publish_saved_draft(fresh_store, as_reply.id)
    assert reply.parent == post.id and reply.community == SLUG
    new_post = publish_saved_draft(fresh_store, nowhere.id, slug=SLUG)
    assert new_post.parent is None and new_post.content == "a note for later"
    assert list_drafts(fresh_store) == []
