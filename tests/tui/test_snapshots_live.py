"""Home's relay lines while the app is live, at 80×24 and 120×40 (reviewed SVG snapshots).

The streams' states are published as the app publishes them (``LiveStateChanged``),
so the picture does not wait on a network: one relay live, one that cannot stream
and is polled instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from peerhaven.tui.app import PeerHavenApp
from peerhaven.tui.syncing import LiveStateChanged
from tests.fixtures.tui import SIZES, settle, wait_until
from tests.tui.test_snapshots import filled_store, shoot, unlocked_then  # noqa: F401

pytestmark = pytest.mark.usefixtures("no_autosave_timer")

Snap = Callable[..., bool]
AppFactory = Callable[..., PeerHavenApp]
sizes = pytest.mark.parametrize("size", list(SIZES.values()), ids=list(SIZES))


async def streams_told(pilot: Pilot[None]) -> None:
    app = pilot.app
    assert isinstance(app, PeerHavenApp)
    app.post_message(LiveStateChanged("https://relay.example.org", "live", None))
    said = "https://slow.example.net does not offer live streams."
    app.post_message(LiveStateChanged("https://slow.example.net", "polling", said))
    await wait_until(pilot, lambda: len(app.sync_state.streams) == 2)
    await settle(pilot)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """No sync and no real stream during the picture: only the states the test tells."""
    from peerhaven.sync.connection import SyncConnection

    monkeypatch.setattr("peerhaven.tui.app.FIRST_SYNC_DELAY", 3600.0)
    monkeypatch.setattr(SyncConnection, "start", lambda self: None)


@sizes
@pytest.mark.usefixtures("filled_store", "no_network")
def test_home_relays_live_and_polling(snap_compare: Snap, make_app: AppFactory, size: Any) -> None:
    shoot(snap_compare, make_app(), size, unlocked_then(after=streams_told))
