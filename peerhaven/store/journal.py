"""The private journal: entries with a mood score and tags that never leave the device."""

from __future__ import annotations

import datetime as dt
import json
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from peerhaven.core.i18n import _
from peerhaven.store.clock import now
from peerhaven.store.database import Store
from peerhaven.store.errors import BadInput, NotFound

MOOD_MIN = 1
MOOD_MAX = 10
MAX_TAG_CHARS = 40


@dataclass(frozen=True, slots=True)
class JournalEntry:
    """One entry as shown and exported."""

    id: int
    uid: str
    created_at: int
    mood: int
    content: str
    tags: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MoodPoint:
    """Average mood over one day (or other bucket) for the chart."""

    day_start: int
    average: float
    entries: int


def check_mood(mood: int) -> int:
    """Refuse a mood outside the scale with the scale in the message."""
    if not MOOD_MIN <= mood <= MOOD_MAX:
        raise BadInput(
            _(
                "Mood is a whole number from {MOOD_MIN} (very low) to {MOOD_MAX} (very good)."
            ).format(MOOD_MIN=MOOD_MIN, MOOD_MAX=MOOD_MAX)
        )
    return mood


#: how a date may be typed (local time); a date alone means midday, so the entry stays on
#: that day in any time zone the chart groups by
DATE_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d")
DATE_WORDS = "today, yesterday, or a date such as 2026-03-14 (optionally with a time, 21:30)"


def entry_time(text: str, *, current: int | None = None) -> int:
    """When an entry was about, from what a person typed: "today", "yesterday", or a local
    date (and time). Catching up on yesterday is common; the future is refused.

    Empty, "today" or "now" is now (as is today's date); "yesterday", like any other
    past date given without a time, is midday on that day.
    """
    at = now() if current is None else current
    words = text.strip().lower()
    local_now = dt.datetime.fromtimestamp(at)
    if words in ("", "today", "now"):
        return at
    if words == "yesterday":
        words = (local_now.date() - dt.timedelta(days=1)).isoformat()
    for layout in DATE_FORMATS:
        try:
            parsed = dt.datetime.strptime(words, layout)
        except ValueError:
            continue
        if layout == "%Y-%m-%d":
            if parsed.date() == local_now.date():
                return at
            parsed = parsed.replace(hour=12)
        when = int(parsed.timestamp())
        if when > at:
            raise BadInput(_("A journal entry cannot be dated in the future."))
        return when
    raise BadInput(_("Give the date as {DATE_WORDS}.").format(DATE_WORDS=DATE_WORDS))


def normalise_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Lower-case, trimmed, unique, in the order given."""
    seen: dict[str, None] = {}
    for tag in tags:
        clean = tag.strip().lower().lstrip("#")
        if not clean:
            continue
        if len(clean) > MAX_TAG_CHARS:
            raise BadInput(
                _("A tag is at most {MAX_TAG_CHARS} characters.").format(
                    MAX_TAG_CHARS=MAX_TAG_CHARS
                )
            )
        seen[clean] = None
    return tuple(seen)


def add_entry(
    store: Store,
    content: str,
    mood: int,
    tags: Iterable[str] = (),
    *,
    created_at: int | None = None,
) -> JournalEntry:
    """Write a journal entry; empty text is allowed when a mood alone says enough."""
    check_mood(mood)
    clean_tags = normalise_tags(tags)
    uid = secrets.token_hex(16)
    when = now() if created_at is None else created_at
    with store.transaction() as conn:
        cursor = conn.execute(
            "INSERT INTO journal (uid, created_at, mood, content, tags) VALUES (?, ?, ?, ?, ?)",
            (uid, when, mood, content, json.dumps(list(clean_tags), ensure_ascii=False)),
        )
    return JournalEntry(int(cursor.lastrowid or 0), uid, when, mood, content, clean_tags)


def _entry(row: tuple[int, str, int, int, str, str]) -> JournalEntry:
    entry_id, uid, created_at, mood, content, tags = row
    return JournalEntry(entry_id, uid, created_at, mood, content, tuple(json.loads(tags)))


_COLUMNS = "id, uid, created_at, mood, content, tags"


def list_entries(
    store: Store,
    *,
    limit: int = 50,
    before: int | None = None,
    tag: str | None = None,
    since: int | None = None,
) -> list[JournalEntry]:
    """Newest first, a page at a time: ``before`` is the last entry of the previous page.

    Pages follow the order shown, (date, id), so back-dated or imported entries
    never repeat or go missing between pages.
    """
    clauses: list[str] = ["1"]
    params: list[object] = []
    if before is not None:
        clauses.append("(created_at, id) < (SELECT created_at, id FROM journal WHERE id = ?)")
        params.append(before)
    if since is not None:
        clauses.append("created_at >= ?")
        params.append(since)
    if tag:
        clauses.append("EXISTS (SELECT 1 FROM json_each(journal.tags) WHERE value = ?)")
        params.append(tag.strip().lower().lstrip("#"))
    rows = store.execute(
        f"SELECT {_COLUMNS} FROM journal WHERE {' AND '.join(clauses)} "
        "ORDER BY created_at DESC, id DESC LIMIT ?",
        (*params, limit),
    ).fetchall()
    return [_entry(row) for row in rows]


def get_entry(store: Store, entry_id: int) -> JournalEntry:
    """One entry by its number."""
    row = store.execute(f"SELECT {_COLUMNS} FROM journal WHERE id = ?", (entry_id,)).fetchone()
    if row is None:
        raise NotFound(_("There is no journal entry {entry_id}.").format(entry_id=entry_id))
    return _entry(row)


def update_entry(
    store: Store,
    entry_id: int,
    *,
    content: str | None = None,
    mood: int | None = None,
    tags: Iterable[str] | None = None,
    created_at: int | None = None,
) -> JournalEntry:
    """Change an entry's text, mood, tags or date (what it was about moves with it)."""
    entry = get_entry(store, entry_id)
    new_mood = check_mood(mood) if mood is not None else entry.mood
    new_tags = normalise_tags(tags) if tags is not None else entry.tags
    new_content = content if content is not None else entry.content
    new_when = created_at if created_at is not None else entry.created_at
    with store.transaction() as conn:
        conn.execute(
            "UPDATE journal SET content = ?, mood = ?, tags = ?, created_at = ? WHERE id = ?",
            (
                new_content,
                new_mood,
                json.dumps(list(new_tags), ensure_ascii=False),
                new_when,
                entry_id,
            ),
        )
    return get_entry(store, entry_id)


def delete_entry(store: Store, entry_id: int) -> None:
    """Delete for real: the row, its search tokens and its WAL frames are scrubbed."""
    with store.transaction() as conn:
        deleted = conn.execute("DELETE FROM journal WHERE id = ?", (entry_id,)).rowcount
    if not deleted:
        raise NotFound(_("There is no journal entry {entry_id}.").format(entry_id=entry_id))
    store.scrub()


def mood_series(store: Store, *, days: int = 90, bucket_days: int = 1) -> list[MoodPoint]:
    """Average mood per bucket over the last ``days``, in local-agnostic UTC days."""
    since = now() - days * 86_400
    width = bucket_days * 86_400
    rows = store.execute(
        "SELECT (created_at / ?) * ? AS bucket, avg(mood), count(*) FROM journal "
        "WHERE created_at >= ? GROUP BY bucket ORDER BY bucket",
        (width, width, since),
    ).fetchall()
    return [MoodPoint(int(bucket), float(avg), int(count)) for bucket, avg, count in rows]


def journal_tags(store: Store) -> list[tuple[str, int]]:
    """Every tag used, most used first."""
    rows = store.execute(
        "SELECT value, count(*) FROM journal, json_each(journal.tags) "
        "GROUP BY value ORDER BY count(*) DESC, value"
    ).fetchall()
    return [(str(tag), int(count)) for tag, count in rows]


WEEK = 7 * 86_400


@dataclass(frozen=True, slots=True)
class MoodTrend:
    """The average mood of the last seven days beside the seven before, for words.

    A chart cannot be read by a screen reader; "average 5.2 this week, up from
    4.1" can, so plain mode (and anything else that wants a sentence) says this.
    """

    this_week: float | None
    last_week: float | None
    entries: int

    def words(self) -> str:
        """The trend as one sentence, honest about weeks without entries."""
        from peerhaven.core.i18n import _, ngettext
        from peerhaven.core.localized import tenths

        if self.this_week is None:
            if self.last_week is None:
                return _("No moods written in the last two weeks.")
            return _("No mood written this week; last week's average was {last}.").format(
                last=tenths(self.last_week)
            )
        now_words = ngettext(
            "Average {average} this week ({count} entry)",
            "Average {average} this week ({count} entries)",
            self.entries,
        ).format(average=tenths(self.this_week), count=self.entries)
        if self.last_week is None:
            return _("{trend}; none the week before.").format(trend=now_words)
        this, last = round(self.this_week, 1), round(self.last_week, 1)
        if this > last:
            change = _("up from {last}").format(last=tenths(last))
        elif this < last:
            change = _("down from {last}").format(last=tenths(last))
        else:
            change = _("the same as the week before")
        return _("{trend}, {change}.").format(trend=now_words, change=change)


def mood_trend(store: Store, *, until: int | None = None) -> MoodTrend:
    """This week's average mood (the last seven days up to ``until``) and the week before's."""
    end = now() if until is None else until
    rows = store.execute(
        "SELECT created_at >= ? AS recent, avg(mood), count(*) FROM journal "
        "WHERE created_at > ? AND created_at <= ? GROUP BY recent",
        (end - WEEK, end - 2 * WEEK, end),
    ).fetchall()
    found = {bool(recent): (float(avg), int(count)) for recent, avg, count in rows}
    this = found.get(True)
    last = found.get(False)
    return MoodTrend(
        this_week=this[0] if this else None,
        last_week=last[0] if last else None,
        entries=this[1] if this else 0,
    )
