"""Read-only summaries the app's home and journal screens show: counts, streaks, relays.

Everything here is a handful of indexed or tiny-table queries, so the home
screen costs the same with 100 posts as with 100,000 (it never touches
``events``).
"""

from __future__ import annotations

from dataclasses import dataclass

from peerhaven.core.persona import fingerprint, pseudonym
from peerhaven.store import clock
from peerhaven.store.database import Store
from peerhaven.store.journal import MoodPoint
from peerhaven.store.outbox import pending_count

DAY = 86_400
#: how far back the streak looks; a longer streak shows as this many days
STREAK_LOOKBACK_DAYS = 400


@dataclass(frozen=True, slots=True)
class Membership:
    """A community joined on this device and the persona used in it."""

    slug: str
    name: str
    persona: str
    observer: bool

    @property
    def persona_pseudonym(self) -> str:
        """The pseudonym the community sees."""
        return pseudonym(self.persona)


@dataclass(frozen=True, slots=True)
class RelayHealth:
    """What the ``relays`` table knows about one relay's last attempts."""

    url: str
    last_success: int | None
    last_error: str | None
    failures: int
    #: when the back-off allows the next try (None: whenever)
    next_attempt: int | None = None


@dataclass(frozen=True, slots=True)
class Overview:
    """Everything the home screen shows, read in one go."""

    persona_pubkey: str | None
    memberships: tuple[Membership, ...]
    outbox: int
    drafts: int
    journal_entries: int
    streak_days: int
    last_mood: int | None
    last_mood_at: int | None
    relays: tuple[RelayHealth, ...]

    @property
    def persona_pseudonym(self) -> str | None:
        """The default persona's pseudonym, if there is one."""
        return pseudonym(self.persona_pubkey) if self.persona_pubkey else None

    @property
    def persona_fingerprint(self) -> str | None:
        """Short form of the default persona's key."""
        return fingerprint(self.persona_pubkey) if self.persona_pubkey else None


def _count(store: Store, table: str) -> int:
    return int(store.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def memberships(store: Store) -> list[Membership]:
    """Joined communities with their display name (the slug when the definition is missing)."""
    rows = store.execute(
        "SELECT m.slug, coalesce(c.name, m.slug), m.persona, m.observer "
        "FROM memberships m LEFT JOIN communities c ON c.slug = m.slug ORDER BY m.slug"
    ).fetchall()
    return [Membership(slug, name, persona, bool(obs)) for slug, name, persona, obs in rows]


def relay_health(store: Store) -> list[RelayHealth]:
    """Every relay with its last success, last error and failure count."""
    rows = store.execute(
        "SELECT url, last_success, last_error, failures, next_attempt FROM relays ORDER BY url"
    ).fetchall()
    return [RelayHealth(url, ok, err, int(fails), retry) for url, ok, err, fails, retry in rows]


def journal_streak(store: Store, *, utc_offset: int = 0, today: int | None = None) -> int:
    """Consecutive days with an entry, ending today or yesterday (a day without one yet
    does not break a streak before the day is over).

    ``utc_offset`` (seconds) says where a person's days begin.
    """
    now = clock.now() if today is None else today
    current = (now + utc_offset) // DAY
    since = now - STREAK_LOOKBACK_DAYS * DAY
    days = [
        int(row[0])
        for row in store.execute(
            "SELECT DISTINCT (created_at + ?) / ? AS day FROM journal "
            "WHERE created_at >= ? ORDER BY day DESC",
            (utc_offset, DAY, since),
        ).fetchall()
    ]
    if not days or days[0] < current - 1:
        return 0
    streak = 1
    for previous, day in zip(days, days[1:], strict=False):
        if previous - day != 1:
            break
        streak += 1
    return streak


def overview(store: Store, *, utc_offset: int = 0) -> Overview:
    """The home screen's figures; none of these queries reads the events table."""
    persona = store.execute(
        "SELECT pubkey FROM personas ORDER BY is_default DESC, created_at LIMIT 1"
    ).fetchone()
    last = store.execute(
        "SELECT mood, created_at FROM journal ORDER BY created_at DESC, id DESC LIMIT 1"
    ).fetchone()
    return Overview(
        persona_pubkey=persona[0] if persona else None,
        memberships=tuple(memberships(store)),
        # what still waits for a relay: delivered events stay in the outbox table
        # (with each relay's answer), so a plain count would never go down
        outbox=pending_count(store),
        drafts=_count(store, "drafts"),
        journal_entries=_count(store, "journal"),
        streak_days=journal_streak(store, utc_offset=utc_offset),
        last_mood=int(last[0]) if last else None,
        last_mood_at=int(last[1]) if last else None,
        relays=tuple(relay_health(store)),
    )


def mood_buckets(
    store: Store, *, days: int, bucket_days: int, until: int | None = None
) -> list[tuple[int, MoodPoint | None]]:
    """Every bucket of the range in order, ``None`` where no entry was written.

    Unlike ``journal.mood_series`` the gaps are kept, so a chart can show time
    evenly and a quiet week reads as a gap rather than as nothing at all.
    """
    end = clock.now() if until is None else until
    width = bucket_days * DAY
    first = (end - days * DAY) // width * width
    rows = store.execute(
        "SELECT (created_at / ?) * ? AS bucket, avg(mood), count(*) FROM journal "
        "WHERE created_at >= ? AND created_at <= ? GROUP BY bucket ORDER BY bucket",
        (width, width, first, end),
    ).fetchall()
    found = {int(b): MoodPoint(int(b), float(avg), int(n)) for b, avg, n in rows}
    return [(start, found.get(start)) for start in range(first, end + 1, width)]
