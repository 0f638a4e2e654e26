"""Relays this device talks to, and how each one is doing, in words a person can read.

Failures back off exponentially with jitter (so a hundred phones do not retry a
recovering relay in lockstep); a success resets the count.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from typing import Any

from peerhaven.core import inputs
from peerhaven.core.i18n import N_, _, ngettext
from peerhaven.core.sentences import clause
from peerhaven.store.clock import now
from peerhaven.store.database import Store
from peerhaven.store.errors import BadInput, NotFound

BACKOFF_BASE = 5
BACKOFF_MAX = 3600
PAGE_MIN = 25
PAGE_DEFAULT = 100


@dataclass(frozen=True, slots=True)
class RelayStatus:
    """One relay as ``peerhaven relays`` and the home screen show it."""

    url: str
    state: str  # "online", "offline", "waiting" (never tried yet)
    last_success: int | None
    last_attempt: int | None
    last_error: str | None
    failures: int
    next_attempt: int | None
    pending: int
    dropped: int
    communities: tuple[str, ...]

    def describe(self, current: int | None = None) -> str:
        """One line: state, last success, pending count, last error."""
        at = now() if current is None else current
        parts = [_(STATE_WORDS.get(self.state, self.state))]
        if self.last_success:
            parts.append(_("last synced {ago}").format(ago=ago(at - self.last_success)))
        else:
            parts.append(_("never synced"))
        parts.append(_("{pending} waiting to send").format(pending=self.pending))
        if self.state == "offline" and self.next_attempt:
            wait = self.next_attempt - at
            # a wait that has ended is tried by the next sync, not "now" (nothing runs now)
            parts.append(
                _("retrying at the next sync")
                if wait <= 0
                else _("next try in {ago}").format(ago=ago(wait, suffix=""))
            )
        if self.dropped:
            parts.append(
                _("{dropped} forged or altered events refused").format(dropped=self.dropped)
            )
        if self.last_error and self.state == "offline":
            parts.append(_("last error: {last_error}").format(last_error=clause(self.last_error)))
        return "; ".join(parts)


#: a relay's state as a member reads it
STATE_WORDS = {"online": N_("online"), "offline": N_("offline"), "waiting": N_("waiting")}


def ago(seconds: int, suffix: str = " ago") -> str:
    """A rough, human duration: "3 hours ago", or "3 hours" with ``suffix=""``."""
    seconds = max(0, seconds)
    since = bool(suffix)
    if seconds >= 86_400:
        count = seconds // 86_400
        words = (
            ngettext("{count} day ago", "{count} days ago", count)
            if since
            else ngettext("{count} day", "{count} days", count)
        )
    elif seconds >= 3_600:
        count = seconds // 3_600
        words = (
            ngettext("{count} hour ago", "{count} hours ago", count)
            if since
            else ngettext("{count} hour", "{count} hours", count)
        )
    elif seconds >= 60:
        count = seconds // 60
        words = (
            ngettext("{count} minute ago", "{count} minutes ago", count)
            if since
            else ngettext("{count} minute", "{count} minutes", count)
        )
    else:
        return _("just now") if since else _("{seconds} s").format(seconds=seconds)
    return words.format(count=count)


def normalise_url(url: str) -> str:
    """``http(s)://host[:port]`` without a trailing slash; anything else is refused."""
    try:
        return inputs.relay_url(url)
    except inputs.InputRefused as exc:
        raise BadInput(
            _("{url} is not a relay address; it looks like {RELAY_EXAMPLE}.").format(
                url=inputs.shown(url), RELAY_EXAMPLE=inputs.RELAY_EXAMPLE
            )
        ) from exc


def add_relay(store: Store, url: str) -> str:
    """Remember a relay; adding one twice is harmless."""
    clean = normalise_url(url)
    with store.transaction() as conn:
        conn.execute(
            "INSERT OR IGNORE INTO relays (url, added_at, page_size) VALUES (?, ?, ?)",
            (clean, now(), PAGE_DEFAULT),
        )
    return clean


def remove_relay(store: Store, url: str) -> str:
    """Forget a relay, its cursors and offers; communities stay if another relay has them.

    An address stored before addresses were checked this strictly is removed as
    it was written, so nothing once taken stays stuck in the list.
    """
    stored = store.execute("SELECT 1 FROM relays WHERE url = ?", (url,)).fetchone()
    clean = url if stored else normalise_url(url)
    with store.transaction() as conn:
        removed = conn.execute("DELETE FROM relays WHERE url = ?", (clean,)).rowcount
        if not removed:
            raise NotFound(
                _("{clean} is not one of your relays; `peerhaven relays` lists them.").format(
                    clean=clean
                )
            )
        for table in ("cursors", "relay_offers", "outbox_delivery", "held_posts"):
            conn.execute(f"DELETE FROM {table} WHERE relay_url = ?", (clean,))
        conn.execute("DELETE FROM community_relays WHERE relay_url = ?", (clean,))
    return clean


def relay_urls(store: Store) -> list[str]:
    """Every relay, in the order added."""
    return [row[0] for row in store.execute("SELECT url FROM relays ORDER BY added_at, url")]


def relay_statuses(store: Store) -> list[RelayStatus]:
    """Status of every relay, with what waits to be sent to it."""
    from peerhaven.store.outbox import pending_count

    statuses = []
    rows = store.execute(
        "SELECT url, last_attempt, last_success, last_error, failures, next_attempt, dropped"
        " FROM relays ORDER BY added_at, url"
    ).fetchall()
    for url, attempt, success, error, failures, next_attempt, dropped in rows:
        if attempt is None:
            state = "waiting"
        elif failures:
            state = "offline"
        else:
            state = "online"
        slugs = tuple(
            row[0]
            for row in store.execute(
                "SELECT slug FROM community_relays WHERE relay_url = ? ORDER BY slug", (url,)
            )
        )
        statuses.append(
            RelayStatus(
                url=url,
                state=state,
                last_success=success,
                last_attempt=attempt,
                last_error=error,
                failures=failures,
                next_attempt=next_attempt,
                pending=pending_count(store, url),
                dropped=dropped,
                communities=slugs,
            )
        )
    return statuses


def backoff_delay(failures: int, rng: random.Random | None = None) -> int:
    """Seconds before the next try: doubling from 5 s up to an hour, with jitter."""
    ceiling = min(BACKOFF_MAX, BACKOFF_BASE * 2 ** max(0, failures - 1))
    jitter = (rng or random).uniform(0.5, 1.0)
    return max(1, int(ceiling * jitter))


def record_success(store: Store, url: str, *, dropped: int = 0) -> None:
    """A sync with this relay went through."""
    at = now()
    with store.transaction() as conn:
        conn.execute(
            "UPDATE relays SET last_attempt = ?, last_success = ?, last_error = NULL,"
            " failures = 0, next_attempt = NULL, dropped = dropped + ? WHERE url = ?",
            (at, at, dropped, url),
        )


def record_failure(
    store: Store, url: str, error: str, *, retry_after: int | None = None, dropped: int = 0
) -> int:
    """A sync failed; returns when to try again (the relay's Retry-After wins if later)."""
    at = now()
    row = store.execute("SELECT failures FROM relays WHERE url = ?", (url,)).fetchone()
    failures = (row[0] if row else 0) + 1
    delay = max(backoff_delay(failures), retry_after or 0)
    with store.transaction() as conn:
        conn.execute(
            "UPDATE relays SET last_attempt = ?, last_error = ?, failures = ?,"
            " next_attempt = ?, dropped = dropped + ? WHERE url = ?",
            (at, error, failures, at + delay, dropped, url),
        )
    return at + delay


def due(store: Store, url: str) -> bool:
    """Whether the back-off allows a try now."""
    row = store.execute("SELECT next_attempt FROM relays WHERE url = ?", (url,)).fetchone()
    return row is None or row[0] is None or row[0] <= now()


def save_info(store: Store, url: str, limits: dict[str, Any]) -> None:
    """Remember a relay's limits (batch size, page size…) from ``/v1/info``."""
    with store.transaction() as conn:
        conn.execute(
            "UPDATE relays SET limits = ?, info_at = ? WHERE url = ?",
            (json.dumps(limits), now(), url),
        )


def relay_limits(store: Store, url: str) -> tuple[dict[str, Any], int | None]:
    """The remembered limits and when they were fetched."""
    row = store.execute("SELECT limits, info_at FROM relays WHERE url = ?", (url,)).fetchone()
    if row is None or row[0] is None:
        return {}, None
    return json.loads(row[0]), row[1]


def page_size(store: Store, url: str) -> int:
    """The pull page size this relay has earned (adapts to the link)."""
    row = store.execute("SELECT page_size FROM relays WHERE url = ?", (url,)).fetchone()
    return int(row[0]) if row else PAGE_DEFAULT


def set_page_size(store: Store, url: str, size: int) -> None:
    """Remember a new page size for the next sync."""
    with store.transaction() as conn:
        conn.execute("UPDATE relays SET page_size = ? WHERE url = ?", (size, url))
