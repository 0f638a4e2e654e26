"""Publishing from the composer: labels, the relays' size limit, drafts erased, profiles,
and what the composer reads before the first key."""

from __future__ import annotations

import json

import pytest

from peerhaven.core import Keypair, Verifier, builders
from peerhaven.store import Store
from peerhaven.store.communities import join, record_offers
from peerhaven.store.compose import compose_context, publish_draft
from peerhaven.store.drafts import list_drafts, save_draft
from peerhaven.store.errors import BadInput, NotFound
from peerhaven.store.events import get_event, ingest
from peerhaven.store.outbox import pending_for
from peerhaven.store.personas import create_persona, list_personas
from peerhaven.store.publish import (
    clean_labels,
    content_limit,
    parse_labels,
    profile_bio,
    publish_post,
    publish_profile,
)
from peerhaven.store.relays import add_relay, save_info

OWNER = Keypair.from_secret(bytes([41]) * 32)
UMA = Keypair.from_secret(bytes([42]) * 32)
SLUG = "evening-circle"
RELAY = "http://relay.test"
LINE = {"name": "Warm line", "contact": "+44 20 7946 0000", "source": "https://example.org"}


def _joined(store: Store, *, observer: bool = False) -> None:
    create_persona(store)
    definition = builders.community(OWNER, SLUG, "Evening", crisis_resources=[LINE])
    record_offers(store, RELAY, [definition.to_wire()])
    join(store, SLUG, observer=observer)


def test_labels_are_tidied_like_the_store_publishes_them() -> None:
    assert clean_labels(["  grief ", "", "Grief", "self  harm", "loss"]) == [
        "grief",
        "self harm",
        "loss",
    ]
    assert parse_labels(" grief ,, loss,") == ["grief", "loss"]


def test_the_limit_is_the_smallest_any_relay_of_the_community_announced(
    fresh_store: Store,
) -> None:
    _joined(fresh_store)
    assert content_limit(fresh_store, SLUG) == 16_384
    add_relay(fresh_store, RELAY)
    save_info(fresh_store, RELAY, {"max_content_bytes": 100})
    assert content_limit(fresh_store, SLUG) == 100
    with pytest.raises(BadInput, match="relays accept at most 100"):
        publish_post(fresh_store, SLUG, "é" * 51)  # 102 bytes
    with pytest.raises(BadInput, match="at most 64 characters"):
        publish_post(fresh_store, SLUG, "short", cw=["x" * 65])
    assert pending_for(fresh_store, RELAY, 10) == []


def test_publish_draft_queues_the_post_and_erases_its_draft(fresh_store: Store) -> None:
    _joined(fresh_store)
    draft = save_draft(fresh_store, "words", community=SLUG, cw=["grief"])
    event = publish_draft(fresh_store, SLUG, "words", cw=[" grief", "Grief"], draft_id=draft.id)
    assert list_drafts(fresh_store) == []
    assert event.tag_values("cw") == ["grief"]
    assert [e.id for e in pending_for(fresh_store, RELAY, 10)] == [event.id]


def test_compose_context_for_a_reply_draft(fresh_store: Store) -> None:
    _joined(fresh_store)
    parent = builders.post(UMA, SLUG, "the post answered", cw=["grief"])
    with Verifier(1) as verifier:
        ingest(fresh_store, [parent], verifier)
    draft = save_draft(fresh_store, "half a reply", community=SLUG, reply_to=parent.id)
    context = compose_context(fresh_store, "", draft_id=draft.id)
    assert (context.slug, context.community_name, context.observer) == (SLUG, "Evening", False)
    assert context.parent is not None and context.parent.id == parent.id
    assert context.parent.fold == "Content warning: grief."
    assert context.crisis_lines == [LINE] and context.draft == draft
    assert context.persona == [p for p in list_personas(fresh_store) if p.communities][0].pseudonym
    by_parent = compose_context(fresh_store, "", reply_to=parent.id)
    assert by_parent.slug == SLUG and by_parent.draft is None
    with pytest.raises(NotFound):
        compose_context(fresh_store, "not-joined")
    gone = save_draft(fresh_store, "orphan", community=SLUG, reply_to="ab" * 32)
    orphan = compose_context(fresh_store, SLUG, draft_id=gone.id)
    assert (orphan.reply_to, orphan.parent) == ("ab" * 32, None)
    with pytest.raises(NotFound):
        compose_context(fresh_store, SLUG, reply_to="ab" * 32)  # a new reply needs its post


def test_observers_are_marked(fresh_store: Store) -> None:
    _joined(fresh_store, observer=True)
    assert compose_context(fresh_store, SLUG).observer
    with pytest.raises(BadInput, match="observing"):
        publish_post(fresh_store, SLUG, "hello")


def test_publish_profile_signs_a_bio_for_every_relay(fresh_store: Store) -> None:
    persona = create_persona(fresh_store)
    other = create_persona(fresh_store)
    event = publish_profile(fresh_store, None, "  Gardener, tea drinker.  ")
    assert (event.kind, event.community, event.pubkey) == ("profile", "", persona.pubkey)
    assert json.loads(event.content) == {"name": "", "bio": "Gardener, tea drinker."}
    assert get_event(fresh_store, event.id) is not None
    add_relay(fresh_store, RELAY)
    assert [e.id for e in pending_for(fresh_store, RELAY, 10)] == [event.id]
    cleared = publish_profile(fresh_store, other.pseudonym, "")
    assert cleared.pubkey == other.pubkey and json.loads(cleared.content)["bio"] == ""


def test_profile_bio_is_the_latest_published_for_that_persona(fresh_store: Store) -> None:
    persona = create_persona(fresh_store)
    other = create_persona(fresh_store)
    assert profile_bio(fresh_store, None) == ""
    publish_profile(fresh_store, None, "First words")
    publish_profile(fresh_store, None, "Better words")
    publish_profile(fresh_store, other.pubkey, "Someone else")
    assert profile_bio(fresh_store, None) == "Better words"
    assert profile_bio(fresh_store, persona.pseudonym) == "Better words"
    assert profile_bio(fresh_store, other.pubkey) == "Someone else"
    publish_profile(fresh_store, None, "")
    assert profile_bio(fresh_store, None) == ""
