"""Only verified events enter the store; search spans posts, journal and drafts."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from peerhaven.core import Verifier, builders
from peerhaven.core.keys import Keypair
from peerhaven.store import BadInput, Store
from peerhaven.store.drafts import save_draft
from peerhaven.store.events import count_events, get_event, ingest
from peerhaven.store.journal import add_entry
from peerhaven.store.search import fts_query, search

ALICE = Keypair.from_secret(bytes([1]) * 32)
BOB = Keypair.from_secret(bytes([2]) * 32)


def test_ingest_stores_valid_and_counts_refusals(fresh_store: Store) -> None:
    good = [builders.post(ALICE, "grief-support", f"remembering {i}") for i in range(300)]
    forged = good[0].to_wire() | {"content": "altered by a relay"}
    bad_sig = good[1].to_wire() | {"sig": "0" * 128}
    junk = {"hello": "world"}
    with Verifier(2) as verifier:
        report = ingest(
            fresh_store, [*[e.to_wire() for e in good], forged, bad_sig, junk], verifier, chunk=64
        )
        again = ingest(fresh_store, [e.to_wire() for e in good[:10]], verifier)
    assert report.accepted == 300
    assert dict(report.rejected) == {"wrong-id": 1, "bad-signature": 1, "malformed": 1}
    assert again.accepted == 0 and again.duplicates == 10
    assert count_events(fresh_store, kind="post") == 300
    assert get_event(fresh_store, good[0].id) == good[0]


def test_delete_by_author_erases_content_but_not_by_others(fresh_store: Store) -> None:
    post = builders.post(ALICE, "grief-support", "a memory I want back")
    other = builders.post(BOB, "grief-support", "bob's memory")
    reaction = builders.reaction(BOB, post, "sending-support")
    with Verifier(1) as verifier:
        ingest(fresh_store, [post, other, reaction], verifier)
        assert search(fresh_store, "memory")["post"]
        ingest(
            fresh_store,
            [
                builders.delete(ALICE, "grief-support", post.id),
                builders.delete(ALICE, "grief-support", other.id),
            ],
            verifier,
        )
    kept = get_event(fresh_store, post.id)
    assert kept is not None and kept.content == ""
    assert get_event(fresh_store, other.id) == other, "only the author can withdraw an event"
    assert [h.ref for h in search(fresh_store, "memory")["post"]] == [other.id]
    fresh_store.verify_integrity()
    reactions = fresh_store.execute("SELECT reaction FROM reactions WHERE target = ?", (post.id,))
    assert reactions.fetchall() == [("sending-support",)]


def test_search_groups_by_source_and_marks_matches(fresh_store: Store) -> None:
    with Verifier(1) as verifier:
        ingest(
            fresh_store, [builders.post(ALICE, "sleep-help", "Walking helps me sleep")], verifier
        )
    add_entry(fresh_store, "I could not sleep again", 3)
    save_draft(fresh_store, "Ask about sleeping pills", community="sleep-help")
    results = search(fresh_store, "sleep")
    assert {source: len(hits) for source, hits in results.items()} == {
        "post": 1,
        "message": 0,
        "circle": 0,
        "journal": 1,
        "draft": 1,
    }
    post_hit = results["post"][0]
    assert post_hit.community == "sleep-help"
    assert ("sleep", True) in post_hit.segments()
    assert results["draft"][0].segments()[1] == ("sleeping", True), "stemming matches"


def test_search_only_some_sources(fresh_store: Store) -> None:
    add_entry(fresh_store, "only in the journal", 5)
    assert list(search(fresh_store, "journal", sources=("journal",))) == ["journal"]


@given(query=st.text(max_size=40))
@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_typed_text_searches_or_asks_for_a_word(fresh_store: Store, query: str) -> None:
    try:
        search(fresh_store, query)
    except BadInput as exc:
        assert "at least one word" in str(exc)


@pytest.mark.parametrize("query", ["AND OR NOT", "sleep*)", "NEAR(a b)", '"sleep"'])
def test_fts_operators_are_plain_words(fresh_store: Store, query: str) -> None:
    add_entry(fresh_store, "and or not near sleep a b", 5)
    assert len(search(fresh_store, query)["journal"]) == 1


def test_search_needs_a_word(fresh_store: Store) -> None:
    with pytest.raises(BadInput):
        search(fresh_store, "  ?! ")
    assert fts_query("tired, so tired") == '"tired" "so" "tired"'


def test_a_delete_that_arrives_before_its_target_still_applies(fresh_store: Store) -> None:
    post = builders.post(ALICE, "grief-support", "words I took back")
    with Verifier(1) as verifier:
        ingest(fresh_store, [builders.delete(ALICE, "grief-support", post.id)], verifier)
        ingest(fresh_store, [post], verifier)
    stored = get_event(fresh_store, post.id)
    assert stored is not None and stored.content == ""
    assert search(fresh_store, "words")["post"] == []
    fresh_store.verify_integrity()


def test_reactions_count_once_per_persona_and_vanish_when_withdrawn(fresh_store: Store) -> None:
    post = builders.post(ALICE, "grief-support", "first week without her")
    twice = [
        builders.reaction(BOB, post, "sending-support", created_at=1_790_000_000 + i)
        for i in range(2)
    ]
    carol = Keypair.from_secret(bytes([3]) * 32)
    other = builders.reaction(carol, post, "been-there")
    with Verifier(1) as verifier:
        ingest(fresh_store, [post, *twice, other], verifier)
        counts = fresh_store.execute(
            "SELECT reaction, count(*) FROM reactions WHERE target = ?"
            " GROUP BY reaction ORDER BY 1",
            (post.id,),
        ).fetchall()
        assert counts == [("been-there", 1), ("sending-support", 1)]
        ingest(fresh_store, [builders.delete(carol, "grief-support", other.id)], verifier)
    left = fresh_store.execute("SELECT reaction FROM reactions WHERE target = ?", (post.id,))
    assert left.fetchall() == [("sending-support",)]


def test_search_returns_newest_first(fresh_store: Store) -> None:
    for day in range(5):
        add_entry(fresh_store, f"walked today, day {day}", 5, created_at=1_790_000_000 + day)
    hits = search(fresh_store, "walked", limit=3)["journal"]
    assert [h.created_at for h in hits] == [1_790_000_004, 1_790_000_003, 1_790_000_002]
