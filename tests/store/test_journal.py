"""The private journal: moods, tags, paging, editing and the mood series."""

from __future__ import annotations

import pytest

from peerhaven.store import BadInput, NotFound, Store
from peerhaven.store.journal import (
    add_entry,
    delete_entry,
    get_entry,
    journal_tags,
    list_entries,
    mood_series,
    update_entry,
)


@pytest.mark.parametrize("mood", [0, 11, -3])
def test_mood_outside_the_scale_is_refused(fresh_store: Store, mood: int) -> None:
    with pytest.raises(BadInput, match="1 \\(very low\\) to 10"):
        add_entry(fresh_store, "x", mood)
    assert list_entries(fresh_store) == []


def test_tags_are_normalised_and_filterable(fresh_store: Store) -> None:
    add_entry(fresh_store, "slept well", 7, ["Sleep", "#sleep", " walk "])
    add_entry(fresh_store, "a hard call", 3, ["family"])
    [entry] = list_entries(fresh_store, tag="#SLEEP".lower())
    assert entry.tags == ("sleep", "walk")
    assert dict(journal_tags(fresh_store)) == {"sleep": 1, "walk": 1, "family": 1}


def test_newest_first_and_paging(fresh_store: Store) -> None:
    for i in range(5):
        add_entry(fresh_store, f"day {i}", 5, created_at=1_700_000_000 + i * 86_400)
    first = list_entries(fresh_store, limit=2)
    assert [e.content for e in first] == ["day 4", "day 3"]
    rest = list_entries(fresh_store, limit=10, before=first[-1].id)
    assert [e.content for e in rest] == ["day 2", "day 1", "day 0"]


def test_update_and_delete(fresh_store: Store) -> None:
    entry = add_entry(fresh_store, "draft thoughts", 4)
    updated = update_entry(fresh_store, entry.id, content="clearer thoughts", mood=6, tags=["x"])
    assert (updated.content, updated.mood, updated.tags) == ("clearer thoughts", 6, ("x",))
    delete_entry(fresh_store, entry.id)
    with pytest.raises(NotFound):
        get_entry(fresh_store, entry.id)
    with pytest.raises(NotFound):
        delete_entry(fresh_store, entry.id)


def test_mood_series_averages_per_day(fresh_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    day = 86_400
    base = 1_700_000_000 - 1_700_000_000 % day
    monkeypatch.setattr("peerhaven.store.journal.now", lambda: base + 10 * day)
    add_entry(fresh_store, "a", 2, created_at=base + 100)
    add_entry(fresh_store, "b", 6, created_at=base + 200)
    add_entry(fresh_store, "c", 9, created_at=base + day + 5)
    add_entry(fresh_store, "too old", 1, created_at=base - 200 * day)
    points = mood_series(fresh_store, days=30)
    assert [(p.day_start, p.average, p.entries) for p in points] == [
        (base, 4.0, 2),
        (base + day, 9.0, 1),
    ]


def test_paging_follows_date_order_even_for_back_dated_entries(fresh_store: Store) -> None:
    now = 1_790_000_000
    for i in range(7):  # inserted newest first: ids rise as dates fall
        add_entry(fresh_store, f"entry {i}", 5, created_at=now - i * 86_400)
    add_entry(fresh_store, "same time, later id", 5, created_at=now - 3 * 86_400)
    seen = []
    page = list_entries(fresh_store, limit=3)
    while page:
        seen.extend(page)
        page = list_entries(fresh_store, limit=3, before=page[-1].id)
    assert [e.content for e in seen] == [
        "entry 0", "entry 1", "entry 2", "same time, later id", "entry 3",
        "entry 4", "entry 5", "entry 6",
    ]  # fmt: skip


def test_an_entry_can_be_dated_for_a_day_gone_by() -> None:
    import datetime as dt

    from peerhaven.store.errors import BadInput
    from peerhaven.store.journal import entry_time

    at = int(dt.datetime(2026, 3, 14, 9, 30).timestamp())  # local time, like the person
    assert entry_time("", current=at) == at
    assert entry_time("today", current=at) == at
    assert entry_time("2026-03-14", current=at) == at  # today's date: now
    yesterday = dt.datetime.fromtimestamp(entry_time("yesterday", current=at))
    assert (yesterday.date(), yesterday.hour) == (dt.date(2026, 3, 13), 12)
    late = dt.datetime.fromtimestamp(entry_time("2026-03-10 21:45", current=at))
    assert (late.day, late.hour, late.minute) == (10, 21, 45)
    with pytest.raises(BadInput, match="future"):
        entry_time("2026-03-15", current=at)
    with pytest.raises(BadInput, match="yesterday"):
        entry_time("last tuesday", current=at)


def test_an_edit_can_move_an_entry_to_another_day(fresh_store: Store) -> None:
    entry = add_entry(fresh_store, "caught up later", 5, created_at=2_000_000)
    moved = update_entry(fresh_store, entry.id, created_at=1_900_000)
    assert (moved.created_at, moved.content, moved.mood) == (1_900_000, "caught up later", 5)
    kept = update_entry(fresh_store, entry.id, mood=7)
    assert (kept.created_at, kept.mood) == (1_900_000, 7)


def test_the_mood_trend_is_said_in_words(fresh_store: Store) -> None:
    from peerhaven.store.journal import mood_trend

    at = 1_790_000_000
    day = 86_400
    assert mood_trend(fresh_store, until=at).words() == "No moods written in the last two weeks."
    add_entry(fresh_store, "", 4, created_at=at - 9 * day)
    add_entry(fresh_store, "", 5, created_at=at - 2 * day)
    add_entry(fresh_store, "", 6, created_at=at - day)
    assert mood_trend(fresh_store, until=at).words() == (
        "Average 5.5 this week (2 entries), up from 4.0."
    )
    add_entry(fresh_store, "", 1, created_at=at)
    assert mood_trend(fresh_store, until=at).words() == (
        "Average 4.0 this week (3 entries), the same as the week before."
    )
    # a week with nothing written says so, rather than a trend from nothing
    assert mood_trend(fresh_store, until=at + 8 * day).words() == (
        "No mood written this week; last week's average was 4.0."
    )
