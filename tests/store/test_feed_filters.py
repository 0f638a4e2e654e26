"""The feed honours the reader's mutes, blocks and warning policies, on this device only."""

from __future__ import annotations

import pytest

from peerhaven.core import Keypair, Verifier, builders
from peerhaven.core.persona import pseudonym
from peerhaven.store import Store
from peerhaven.store.communities import join, record_offers
from peerhaven.store.events import ingest
from peerhaven.store.feed import thread, threads
from peerhaven.store.filter_prefs import (
    block,
    mute,
    set_community_default,
    set_cw_policy,
    unblock,
    unmute,
)
from peerhaven.store.personas import create_persona
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
    monkeypatch.setattr("peerhaven.store.feed.now", lambda: later)
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
