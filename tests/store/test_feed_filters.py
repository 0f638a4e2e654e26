"""The feed honours the reader's mutes, blocks and warning policies, on this device only."""

from __future__ import annotations

import pytest

from peerhaven.core import Event, Keypair, Verifier, builders
from peerhaven.core.persona import pseudonym
from peerhaven.store import Store
from peerhaven.store.communities import join, record_offers
from peerhaven.store.events import ingest
from peerhaven.store.feed import mark_read, thread, threads, unread_count, unread_counts
from peerhaven.store.filter_prefs import (
    block,
    mute,
    set_community_default,
    set_cw_policy,
    unblock,
    unmute,
)
from peerhaven.store.outbox import record_results
from peerhaven.store.personas import create_persona
from peerhaven.store.publish import publish_post
from peerhaven.store.relays import add_relay
from peerhaven.store.search import search
from peerhaven.store.settings import set_setting

OWNER = Keypair.from_secret(bytes([11]) * 32)
RUTH = Keypair.from_secret(bytes([12]) * 32)
SAM = Keypair.from_secret(bytes([13]) * 32)
SLUG = "quiet-harbour"


def _community(store: Store) -> dict[str, str]:
    create_persona(store)
    record_offers(
        store, "http://relay.test", [builders.community(OWNER, SLUG, "Harbour").to_wire()]
    )
    join(store, SLUG)
    posts = {
        "plain": builders.post(RUTH, SLUG, "a calm walk by the sea", created_at=1_790_000_001),
        "warned": builders.post(
            SAM, SLUG, "the anniversary", cw=["loss"], created_at=1_790_000_002
        ),
        "worded": builders.post(SAM, SLUG, "my ex texted again", created_at=1_790_000_003),
    }
    with Verifier(1) as verifier:
        ingest(store, list(posts.values()), verifier)
    return {name: event.id for name, event in posts.items()}


def _visible(store: Store) -> dict[str, str | None]:
    return {t.post.id: t.post.fold for t in threads(store, SLUG)}


def test_warnings_fold_by_default_and_follow_the_readers_policy(fresh_store: Store) -> None:
    ids = _community(fresh_store)
    assert _visible(fresh_store)[ids["warned"]] is not None
    assert "loss" in (_visible(fresh_store)[ids["warned"]] or "")
    set_cw_policy(fresh_store, "Loss", "show")
    assert _visible(fresh_store)[ids["warned"]] is None
    set_cw_policy(fresh_store, "loss", "hide")
    assert ids["warned"] not in _visible(fresh_store)
    set_cw_policy(fresh_store, "loss", "show")
    set_setting(fresh_store, "go_gently", True)
    assert _visible(fresh_store)[ids["warned"]] is not None, "go gently folds every warning"
    assert _visible(fresh_store)[ids["plain"]] is None


def test_community_default_applies_to_labels_without_policy(fresh_store: Store) -> None:
    ids = _community(fresh_store)
    set_community_default(fresh_store, SLUG, "hide")
    assert ids["warned"] not in _visible(fresh_store)


def test_muted_words_personas_and_threads(
    fresh_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = _community(fresh_store)
    mute(fresh_store, "word", "My Ex")
    assert ids["worded"] not in _visible(fresh_store)
    unmute(fresh_store, "word", "my ex")
    assert ids["worded"] in _visible(fresh_store)

    mute(fresh_store, "persona", pseudonym(SAM.pubkey), "day")
    assert set(_visible(fresh_store)) == {ids["plain"]}
    later = 1_800_000_000 + 2 * 86_400
    monkeypatch.setattr("peerhaven.store.filter_prefs.now", lambda: later)
    monkeypatch.setattr("peerhaven.store.visibility.now", lambda: later)
    assert ids["worded"] in _visible(fresh_store), "a day's mute ends"

    mute(fresh_store, "thread", ids["plain"], "forever")
    assert ids["plain"] not in _visible(fresh_store)


def test_blocking_hides_everything_a_persona_writes(fresh_store: Store) -> None:
    ids = _community(fresh_store)
    reply = builders.post(SAM, SLUG, "replying to ruth", reply_to=builders.post(RUTH, SLUG, "x"))
    with Verifier(1) as verifier:
        ingest(fresh_store, [reply], verifier)
    block(fresh_store, SAM.pubkey[:10])
    assert set(_visible(fresh_store)) == {ids["plain"]}
    assert thread(fresh_store, ids["plain"]).replies == []
    unblock(fresh_store, pseudonym(SAM.pubkey))
    assert ids["worded"] in _visible(fresh_store)
    blocked = fresh_store.execute("SELECT count(*) FROM blocks").fetchone()[0]
    assert blocked == 0


# -- one rule for everything the reader sees: search, threads, counts ------------------------


def _ingest(store: Store, *events: Event) -> None:
    with Verifier(1) as verifier:
        ingest(store, list(events), verifier)


def _hits(store: Store, words: str) -> set[str]:
    return {hit.ref for hit in search(store, words, sources=("post",))["post"]}


def test_search_shows_only_what_the_feed_shows(fresh_store: Store) -> None:
    _community(fresh_store)
    root = builders.post(SAM, SLUG, "lighthouse at dusk", created_at=1_790_000_010)
    under = builders.post(RUTH, SLUG, "lighthouse keeper", reply_to=root, created_at=1_790_000_011)
    worded = builders.post(RUTH, SLUG, "lighthouse and my ex", created_at=1_790_000_012)
    labelled = builders.post(RUTH, SLUG, "lighthouse night", cw=["gore"], created_at=1_790_000_013)
    moderated = builders.post(RUTH, SLUG, "lighthouse spam", created_at=1_790_000_014)
    plain = builders.post(RUTH, SLUG, "lighthouse light", created_at=1_790_000_015)
    _ingest(fresh_store, root, under, worded, labelled, moderated, plain)
    _ingest(fresh_store, builders.moderate(OWNER, SLUG, "hide", moderated.id))
    everything = {root.id, under.id, worded.id, labelled.id, plain.id}
    assert _hits(fresh_store, "lighthouse") == everything

    block(fresh_store, pseudonym(SAM.pubkey))
    mute(fresh_store, "word", "my ex")
    set_cw_policy(fresh_store, "gore", "hide")
    # the blocked persona's post, a reply in its thread, a muted word, a hidden label
    assert _hits(fresh_store, "lighthouse") == {plain.id}
    assert _hits(fresh_store, "lighthouse") == {
        t.post.id for t in threads(fresh_store, SLUG) if "lighthouse" in t.post.content
    }


def test_search_fills_its_page_past_hidden_matches(fresh_store: Store) -> None:
    _community(fresh_store)
    shown = [builders.post(RUTH, SLUG, f"tide {i}", created_at=1_790_000_100 + i) for i in range(3)]
    muted = [
        builders.post(RUTH, SLUG, f"tide {i} spoiler", created_at=1_790_000_200 + i)
        for i in range(8)
    ]
    _ingest(fresh_store, *shown, *muted)
    mute(fresh_store, "word", "spoiler")
    hits = search(fresh_store, "tide", limit=3, sources=("post",))["post"]
    assert {hit.ref for hit in hits} == {post.id for post in shown}


def test_a_reply_to_a_blocked_persona_is_folded_and_never_names_another(
    fresh_store: Store,
) -> None:
    _community(fresh_store)
    root = builders.post(RUTH, SLUG, "first evening alone", created_at=1_790_000_010)
    sams = builders.post(
        SAM, SLUG, "you should just get over it", reply_to=root, created_at=1_790_000_011
    )
    ruths = builders.post(RUTH, SLUG, "that hurt", reply_to=sams, created_at=1_790_000_012)
    _ingest(fresh_store, root, sams, ruths)
    mine = publish_post(fresh_store, SLUG, "please be gentle", reply_to=sams.id)
    before = {post.id: post for post in thread(fresh_store, root.id).replies}
    assert before[sams.id].to == pseudonym(RUTH.pubkey)
    assert {reply.id for reply in before[sams.id].replies} == {ruths.id, mine.id}
    assert before[sams.id].replies[0].to == pseudonym(SAM.pubkey)

    block(fresh_store, pseudonym(SAM.pubkey))
    after = thread(fresh_store, root.id)
    replies = {post.id: post for post in after.replies}
    assert set(replies) == {ruths.id, mine.id}, "nested under the nearest post in sight"
    for reply in replies.values():
        assert reply.to == "a persona you blocked", "not the first post's author"
        assert reply.fold == "A reply to a persona you blocked."


def test_counts_count_only_what_the_reader_can_see_and_drop_once_read(
    fresh_store: Store,
) -> None:
    _community(fresh_store)
    mark_read(fresh_store, SLUG)
    root = builders.post(RUTH, SLUG, "how was today", created_at=1_790_000_010)
    kind = builders.post(RUTH, SLUG, "quiet, thanks", reply_to=root, created_at=1_790_000_011)
    blocked = builders.post(SAM, SLUG, "meh", reply_to=root, created_at=1_790_000_012)
    worded = builders.post(RUTH, SLUG, "my ex again", reply_to=root, created_at=1_790_000_013)
    gone = builders.post(RUTH, SLUG, "oops", reply_to=root, created_at=1_790_000_014)
    sams_thread = builders.post(SAM, SLUG, "anyone?", created_at=1_790_000_015)
    under_sam = builders.post(RUTH, SLUG, "here", reply_to=sams_thread, created_at=1_790_000_016)
    _ingest(fresh_store, root, kind, blocked, worded, gone, sams_thread, under_sam)
    _ingest(fresh_store, builders.delete(RUTH, SLUG, gone.id, created_at=1_790_000_017))
    block(fresh_store, pseudonym(SAM.pubkey))
    mute(fresh_store, "word", "my ex")

    (summary,) = [t for t in threads(fresh_store, SLUG) if t.post.id == root.id]
    shown = thread(fresh_store, root.id)
    # the withdrawn reply keeps its place ("withdrawn by its author") but is not counted
    assert [(reply.id, reply.deleted) for reply in shown.replies] == [
        (kind.id, False),
        (gone.id, True),
    ]
    assert (summary.replies, summary.unread_replies) == (1, 1), "as many as the thread shows"
    # "last 5 min ago" is the reply in sight, not the muted, blocked or withdrawn ones
    assert (summary.last_reply, summary.last_activity) == (kind.created_at, gone.created_at)
    # the first post and the one reply in sight: not Sam's thread, nor the reply under it
    assert unread_count(fresh_store, SLUG) == 2
    assert unread_counts(fresh_store) == {SLUG: 2}

    mark_read(fresh_store, SLUG)
    (summary,) = [t for t in threads(fresh_store, SLUG) if t.post.id == root.id]
    assert (summary.replies, summary.unread_replies) == (1, 0)
    assert unread_counts(fresh_store) == {SLUG: 0}


def test_your_own_post_shows_its_warning_and_whether_it_was_sent(fresh_store: Store) -> None:
    _community(fresh_store)
    add_relay(fresh_store, "http://relay.test")
    mine = publish_post(fresh_store, SLUG, "the anniversary again", cw=["loss"])
    (summary,) = [t for t in threads(fresh_store, SLUG) if t.post.id == mine.id]
    assert summary.post.fold == "Content warning: loss."
    assert summary.post.delivery == "not sent yet"
    set_cw_policy(fresh_store, "loss", "hide")
    assert thread(fresh_store, mine.id).fold == "Content warning: loss.", "folded, never hidden"

    record_results(fresh_store, "http://relay.test", [(mine.id, "rejected", "banned")])
    assert (
        thread(fresh_store, mine.id).delivery == "refused by a relay: this persona is banned there"
    )
    record_results(fresh_store, "http://relay.test", [(mine.id, "rejected", "a-new-code")])
    assert (
        thread(fresh_store, mine.id).delivery
        == "refused by a relay: it gave the reason “a-new-code”"
    )
    other = publish_post(fresh_store, SLUG, "a walk helped")
    record_results(fresh_store, "http://relay.test", [(other.id, "accepted", "held-for-approval")])
    assert thread(fresh_store, other.id).delivery == "waits for a moderator's approval"
    record_results(fresh_store, "http://relay.test", [(other.id, "accepted", "")])
    assert thread(fresh_store, other.id).delivery is None
    assert thread(fresh_store, other.id).fold is None


def test_your_edit_says_it_is_not_sent_yet_while_it_waits(fresh_store: Store) -> None:
    """The post went out; its new words have not: the byline must not look delivered."""
    from peerhaven.store.publish import publish_edit

    _community(fresh_store)
    add_relay(fresh_store, "http://relay.test")
    mine = publish_post(fresh_store, SLUG, "a quiet evening")
    record_results(fresh_store, "http://relay.test", [(mine.id, "accepted", "")])
    assert thread(fresh_store, mine.id).delivery is None
    edit = publish_edit(fresh_store, mine.id, "a quiet evening, and a walk")
    shown = thread(fresh_store, mine.id)
    assert shown.content == "a quiet evening, and a walk"
    assert shown.delivery == "edit not sent yet"
    (summary,) = [t for t in threads(fresh_store, SLUG) if t.post.id == mine.id]
    assert summary.post.delivery == "edit not sent yet"
    record_results(fresh_store, "http://relay.test", [(edit.id, "rejected", "banned")])
    assert thread(fresh_store, mine.id).delivery == (
        "edit refused by a relay: this persona is banned there"
    )
    record_results(fresh_store, "http://relay.test", [(edit.id, "accepted", "")])
    assert thread(fresh_store, mine.id).delivery is None


@pytest.mark.parametrize("how", ["mute", "block"])
def test_a_thread_opened_on_a_muted_or_blocked_authors_first_post_keeps_it_folded(
    fresh_store: Store, how: str
) -> None:
    """Opened from Activity or search, a thread still shows its first post, folded: never
    open, even under a content warning (found in plain mode: it read the words out)."""
    ids = _community(fresh_store)
    if how == "mute":
        mute(fresh_store, "persona", SAM.pubkey)
    else:
        block(fresh_store, SAM.pubkey)
    root = thread(fresh_store, ids["warned"])
    assert root.fold is not None
    assert ("muted" if how == "mute" else "blocked") in root.fold
