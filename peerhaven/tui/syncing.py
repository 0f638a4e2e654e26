"""Sync in the app: the second connection it runs on, the live state, and its messages.

Why a second connection: a pull of a busy community can take minutes, and the
app's own store calls are serialised over one connection. The sync therefore
runs on a connection of its own to the same file (WAL lets the app read while
the sync writes; writes wait their turn on SQLite's busy timeout, one chunk at
most). The unlock worker opens it with the passphrase it already holds, once the
first screen is up (two seconds at most), so no passphrase or key is kept anywhere
in the app: SQLCipher holds the key inside that connection, as it does for the
main one, and both are closed on lock and on quit.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

from peerhaven.core.i18n import _
from peerhaven.core.sentences import clause

if TYPE_CHECKING:
    from textual.message_pump import MessagePump

    from peerhaven.store import Store
    from peerhaven.sync import RelayReport, SyncReport
    from peerhaven.sync.live import Arrival

#: seconds a single request to a relay may take before the app gives up on it (a lock or
#: a quit waits at most this long for a request in flight)
SYNC_TIMEOUT = 10.0
#: the first background sync after unlocking comes this soon (the screens load first)
FIRST_SYNC_DELAY = 5.0
#: the longest the sync connection waits for the first screen's figures before opening
FIRST_SCREEN_WAIT = 2.0
#: minutes between background syncs unless the ``sync_interval_minutes`` setting says otherwise
DEFAULT_INTERVAL_MINUTES = 5


def open_sync_connection(
    app: MessagePump, path: Path, passphrase: str, first_screen_ready: threading.Event
) -> None:
    """Open the sync's own connection and hand it to the app (from the unlock worker;
    posted to the app itself, as the unlock screen is gone by then).

    Called after the main store was handed over, and it waits until the first screen
    has its figures, so the second key derivation does not compete with them. Should it
    fail (it cannot, short of the disk vanishing between two opens), the app simply
    has no background sync until the next unlock; the store itself is fine.
    """
    from peerhaven.core.errors import PeerHavenError
    from peerhaven.store import open_store

    first_screen_ready.wait(FIRST_SCREEN_WAIT)
    try:
        store = open_store(path, passphrase)
    except PeerHavenError:
        return
    app.post_message(SyncStoreReady(store))


@dataclass(frozen=True, slots=True)
class RelayLive:
    """What the running (or last) sync did with one relay, for the home screen's words."""

    #: "syncing", "done", "failed", "waiting" (back-off holds it off) or "stopped"
    phase: str
    pulled: int = 0
    pushed: int = 0
    error: str | None = None


@dataclass(frozen=True, slots=True)
class SyncState:
    """Published to every screen that subscribes to ``app.sync_changed``."""

    running: bool = False
    relays: dict[str, RelayLive] = field(default_factory=dict)
    #: True when something landed in the store since the last publish (reload counts)
    landed: bool = False
    #: each relay's live stream (``sync/live.py``'s state and its reason), while unlocked
    streams: dict[str, StreamState] = field(default_factory=dict)

    def with_relay(self, url: str, live: RelayLive, *, landed: bool = False) -> SyncState:
        """A copy with one relay's state replaced."""
        return replace(self, relays={**self.relays, url: live}, landed=landed)

    def with_stream(self, url: str, stream: StreamState) -> SyncState:
        """A copy with one relay's live stream state replaced (nothing landed by that)."""
        return replace(self, streams={**self.streams, url: stream}, landed=False)


@dataclass(frozen=True, slots=True)
class StreamState:
    """What one relay's live stream is doing, for home's relay lines."""

    #: ``connecting``, ``live``, ``reconnecting``, ``polling``, ``waiting`` or ``stopped``
    state: str
    #: why, in the stream's own words (a relay address, a reason), when it is not live
    detail: str | None = None


def describe_stream(stream: StreamState, url: str | None = None) -> str | None:
    """A relay's live connection in words that are true of it now, or None once stopped.

    Shown under the relay's address (``url``), a reason that starts with that address
    says "it" instead of repeating it."""
    from peerhaven.sync.live import POLL_EVERY

    reason = clause(stream.detail) if stream.detail else None
    if reason and url and reason.startswith(url + " "):
        reason = _("it") + reason[len(url) :]
    if stream.state == "live":
        return _("live: new posts arrive as they are written")
    if stream.state == "connecting":
        return _("connecting for live updates…")
    if stream.state == "reconnecting":
        if reason:
            return _("not live: {reason}; reconnecting, waiting longer each time").format(
                reason=reason
            )
        return _("not live; reconnecting, waiting longer each time")
    if stream.state == "polling":
        every = int(POLL_EVERY)
        if reason:
            return _("polling every {seconds} seconds: {reason}").format(
                seconds=every, reason=reason
            )
        return _("polling every {seconds} seconds").format(seconds=every)
    if stream.state == "waiting":
        if reason:
            return _("not live yet: {reason}; trying again when it asked").format(reason=reason)
        return _("not live yet; trying again when the relay asked")
    return None


def describe_live(live: RelayLive) -> str | None:
    """The running sync's words for one relay, or None when the stored health says it all."""
    if live.phase == "syncing":
        return (
            _("syncing… {pulled:,} new so far").format(pulled=live.pulled)
            if live.pulled
            else _("syncing…")
        )
    if live.phase == "stopped":
        return _("sync paused (locked or stopped); it carries on next time")
    if live.phase == "done" and (live.pulled or live.pushed):
        return _("just now: {pulled:,} new, {pushed:,} sent").format(
            pulled=live.pulled, pushed=live.pushed
        )
    return None


def summary(report: SyncReport) -> tuple[str, bool]:
    """One sentence for an explicit "Sync now", and whether any relay failed."""
    reached = [r for r in report.relays if not r.skipped and not r.error]
    failed = [r for r in report.relays if r.error]
    waiting = [r for r in report.relays if r.skipped]
    if not report.relays:
        return _(
            "No relays yet, so there is nothing to sync; everything stays on this device."
        ), False
    parts = []
    if reached:
        parts.append(
            _("{pulled:,} new, {pushed:,} sent").format(pulled=report.pulled, pushed=report.pushed)
        )
    for relay in failed:  # each error names its relay already ("… could not be reached")
        error = clause(relay.error or "")
        parts.append(error if relay.url in error else f"{relay.url}: {error}")
    if waiting:
        parts.append(_("{count} relay(s) waiting out a back-off").format(count=len(waiting)))
    return "; ".join(parts) + ".", bool(failed)


class SyncStoreReady(Message):
    """The unlock worker opened the sync's own connection; the app takes it."""

    def __init__(self, store: Store) -> None:
        self.store = store
        super().__init__()


class SyncRelayStarted(Message):
    """The sync began with one relay."""

    def __init__(self, url: str) -> None:
        self.url = url
        super().__init__()


class SyncProgressed(Message):
    """A page of a community arrived and was stored."""

    def __init__(self, url: str, slug: str, count: int) -> None:
        self.url = url
        self.slug = slug
        self.count = count
        super().__init__()


class SyncRelayFinished(Message):
    """One relay is done (or skipped for its back-off, or failed: ``report.error``)."""

    def __init__(self, report: RelayReport) -> None:
        self.report = report
        super().__init__()


class SyncEnded(Message):
    """The whole sync ended: with a report, stopped (lock, quit), or with an error."""

    def __init__(
        self,
        report: SyncReport | None,
        *,
        explicit: bool,
        stopped: bool = False,
        error: BaseException | None = None,
    ) -> None:
        self.report = report
        self.explicit = explicit
        self.stopped = stopped
        self.error = error
        super().__init__()


class LiveArrived(Message):
    """A relay's live stream stored new events (posted from the stream's thread)."""

    def __init__(self, arrival: Arrival) -> None:
        self.arrival = arrival
        super().__init__()


class LiveMailboxArrived(Message):
    """A relay's live stream stored private messages or circle events (posted from the
    stream's thread): the Messages place, its screens and home's counts reload."""

    def __init__(self, url: str, stored: tuple[str, ...]) -> None:
        self.url = url
        self.stored = stored
        super().__init__()


class LiveStateChanged(Message):
    """A relay's live stream changed state: live, polling, reconnecting…"""

    def __init__(self, url: str, state: str, detail: str | None) -> None:
        self.url = url
        self.state = state
        self.detail = detail
        super().__init__()


class LivePollWanted(Message):
    """A relay that cannot stream is due a poll: a sync of that relay."""

    def __init__(self, url: str) -> None:
        self.url = url
        super().__init__()
