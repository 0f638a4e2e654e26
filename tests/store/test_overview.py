"""The home screen's summaries: counts, streaks, memberships, relays and mood buckets."""

from __future__ import annotations

from peerhaven.store import Store
from peerhaven.store.drafts import save_draft
from peerhaven.store.journal import add_entry
from peerhaven.store.overview import DAY, journal_streak, mood_buckets, overview
from peerhaven.store.personas import create_persona

NOW = 1_800_000_000  # a fixed "now", mid-day UTC


def test_empty_store_overview(fresh_store: Store) -> None:
    view = overview(fresh_store)
    assert view.persona_pubkey is None and view.persona_pseudonym is None
    assert (view.outbox, view.drafts, view.journal_entries, view.streak_days) == (0, 0, 0, 0)
    assert view.memberships == () and view.relays == () and view.last_mood is None


def test_overview_counts_and_persona(fresh_store: Store) -> None:
    persona = create_persona(fresh_store)
    save_draft(fresh_store, "unsent words")
    add_entry(fresh_store, "a good walk", 7)
    fresh_store.execute(
        "INSERT INTO communities (slug, owner, name, definition, updated_at) "
        "VALUES ('sleep-help', 'ab', 'Sleep help', '{}', 1)"
    )
    fresh_store.execute(
        "INSERT INTO memberships (slug, persona, joined_at) VALUES ('sleep-help', ?, 1)",
        (persona.pubkey,),
    )
    fresh_store.execute(
        "INSERT INTO relays (url, added_at, last_error, failures) "
        "VALUES ('https://relay.example', 1, 'timed out', 3)"
    )
    fresh_store.conn.commit()
    view = overview(fresh_store)
    assert view.persona_pseudonym == persona.pseudonym
    assert (view.drafts, view.journal_entries, view.last_mood) == (1, 1, 7)
    assert [(m.slug, m.name) for m in view.memberships] == [("sleep-help", "Sleep help")]
    assert view.memberships[0].persona_pseudonym == persona.pseudonym
    assert view.relays[0].failures == 3 and view.relays[0].last_error == "timed out"


def test_streak_counts_consecutive_days_ending_today_or_yesterday(fresh_store: Store) -> None:
    for days_ago in (1, 2, 3, 5):
        add_entry(fresh_store, "", 5, created_at=NOW - days_ago * DAY)
    assert journal_streak(fresh_store, today=NOW) == 3
    assert journal_streak(fresh_store, today=NOW + 2 * DAY) == 0
    add_entry(fresh_store, "", 5, created_at=NOW)
    assert journal_streak(fresh_store, today=NOW) == 4


def test_mood_buckets_keep_gaps(fresh_store: Store) -> None:
    add_entry(fresh_store, "", 4, created_at=NOW - 2 * DAY)
    add_entry(fresh_store, "", 8, created_at=NOW - 2 * DAY + 60)
    buckets = mood_buckets(fresh_store, days=7, bucket_days=1, until=NOW)
    assert len(buckets) == 8
    filled = [point for _, point in buckets if point is not None]
    assert len(filled) == 1 and filled[0].average == 6.0 and filled[0].entries == 2
    assert all(b - a == DAY for (a, _), (b, _) in zip(buckets, buckets[1:], strict=False))
