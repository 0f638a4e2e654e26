"""``AppServices``: the one typed way a screen asks the app to sync or to send, and
hears what arrived.

Screens used to look for these with ``getattr(self.app, "start_sync", None)``,
which type-checks anything and hid a bug: the moderators' queue treated the
``bool`` that ``start_sync`` returns as a worker to wait for, so it reloaded
before its sync had fetched anything. A ``Protocol`` names exactly what a screen
may ask, so mypy checks every caller and the app (``PeerHavenApp`` satisfies it;
``tests/tui`` check that too).
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from textual.signal import Signal

    from peerhaven.core.event import Event
    from peerhaven.sync.background import AfterSync
    from peerhaven.sync.live import Arrival
    from peerhaven.tui.syncing import SyncState


class AppServices(Protocol):
    """What screens, widgets and their workers may ask of the app about syncing and sending."""

    @property
    def syncing(self) -> bool:
        """Whether a sync is running now."""

    @property
    def sync_changed(self) -> Signal[SyncState]:
        """Published as a sync runs and as each relay's live stream changes state (home's
        relay lines); ``landed`` says posts were stored (counts reload)."""

    @property
    def arrived(self) -> Signal[Arrival]:
        """Published when a relay's live stream stored new posts (open feeds and threads
        show them in place)."""

    def start_sync(self, *, relays: list[str] | None = None, force: bool = False) -> bool:
        """Start a sync now (UI thread); False when one runs already or the store is locked."""

    def request_sync(
        self,
        *,
        relays: list[str] | None = None,
        force: bool = False,
        then: AfterSync | None = None,
    ) -> None:
        """Sync now or right after the running one (UI thread); ``then`` runs once the
        sync that covers this request has ended (at once when the app is locked)."""

    def send_now(self, events: Sequence[Event], title: str, done: str = "", keep: str = "") -> None:
        """Send what one action signed at once (any thread); the app says how it went
        (``keep``: a sentence its answer repeats)."""

    def follow_relays(self) -> None:
        """The relays changed (added, removed): live streams follow them now (any thread)."""

    def sync_paused(self) -> AbstractContextManager[None]:
        """In a worker: no sync runs while the block runs."""
