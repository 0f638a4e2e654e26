"""The offline home panel, the tour's last pane, and the relays, proxy and withdraw parts of
Settings, at 80×24 and 120×40 (fixed clock, keys and no cursor blink, as in test_snapshots).

Update with ``pytest tests/tui/test_snapshots_local.py --snapshot-update`` and look at
every changed SVG before committing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from peerhaven.store import open_store
from peerhaven.store.proxy import set_proxy
from peerhaven.store.settings import set_setting
from peerhaven.tui.app import PeerHavenApp
from tests.fixtures.store import PASSPHRASE
from tests.fixtures.tui import NOW, SIZES, settle, unlock, wait_until

#: the draft autosave timer must not change a picture
pytestmark = pytest.mark.usefixtures("no_autosave_timer")

Snap = Callable[..., bool]
AppFactory = Callable[..., PeerHavenApp]
Steps = Callable[[Pilot[None]], Awaitable[None]]
sizes = pytest.mark.parametrize("size", list(SIZES.values()), ids=list(SIZES))
LOCAL = "http://127.0.0.1:7447"


@pytest.fixture
def network_store(tui_store: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three relays (one local, stopped), each in another state, and Tor as the proxy.

    The app would start the chosen local relay on unlock; here it stays stopped, so the
    picture does not depend on whether port 7447 is free (test_local_relay starts real ones).
    """
    monkeypatch.setattr(PeerHavenApp, "_resume_local_relay", lambda self: None)
    with open_store(tui_store, PASSPHRASE) as store:
        with store.transaction() as conn:
            conn.execute(
                "INSERT INTO relays (url, added_at, last_attempt, last_success, failures)"
                " VALUES ('https://relay.example.org', ?, ?, ?, 0)",
                (NOW - 20, NOW - 600, NOW - 600),
            )
            conn.execute(
                "INSERT INTO relays (url, added_at, last_attempt, last_error, failures,"
                " next_attempt) VALUES ('https://slow.example.net', ?, ?, 'timed out', 3, ?)",
                (NOW - 10, NOW - 60, NOW + 240),
            )
            conn.execute("INSERT INTO relays (url, added_at) VALUES (?, ?)", (LOCAL, NOW))
        set_setting(store, "local_relay", LOCAL)
        set_proxy(store, "socks5://127.0.0.1:9050")
    return tui_store


def shoot(snap: Snap, app: PeerHavenApp, size: tuple[int, int], steps: Steps) -> None:
    assert snap(app, terminal_size=size, run_before=steps)


async def to_settings(pilot: Pilot[None], focus: str) -> None:
    """Unlock, open Settings, and bring one part into view by focusing it."""
    from peerhaven.tui.screens.settings import SettingsScreen

    await unlock(pilot)
    await pilot.press("s")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, SettingsScreen))
    await settle(pilot)
    pilot.app.screen.query_one(focus).focus()
    await settle(pilot)


@sizes
def test_home_offline_panel(
    snap_compare: Snap, tui_store: Path, make_app: AppFactory, size: Any
) -> None:

    shoot(snap_compare, make_app(), size, unlock)


@sizes
def test_tour_offers_a_local_relay(
    snap_compare: Snap, tui_home: Path, make_app: AppFactory, size: Any
) -> None:
    from peerhaven.tui.screens.tour import PANES, TourScreen

    async def last_pane(pilot: Pilot[None]) -> None:
        await pilot.app.push_screen(TourScreen())
        await pilot.press(*["right"] * (len(PANES) - 1))

    shoot(snap_compare, make_app(), size, last_pane)


@sizes
def test_settings_relays_and_proxy(
    snap_compare: Snap, network_store: Path, make_app: AppFactory, size: Any
) -> None:
    async def steps(pilot: Pilot[None]) -> None:
        await to_settings(pilot, "#relay-list")
        await wait_until(
            pilot, lambda: pilot.app.screen.query_one("#relay-list", OptionList).option_count == 3
        )
        pilot.app.screen.query_one("#proxy-help").scroll_visible(animate=False)
        await settle(pilot)

    shoot(snap_compare, make_app(), size, steps)


@sizes
def test_settings_no_relays(
    snap_compare: Snap, tui_store: Path, make_app: AppFactory, size: Any
) -> None:
    async def steps(pilot: Pilot[None]) -> None:
        await to_settings(pilot, "#relay-url")

    shoot(snap_compare, make_app(), size, steps)


@sizes
def test_settings_withdraw_confirmation(
    snap_compare: Snap, tui_store: Path, make_app: AppFactory, size: Any
) -> None:
    async def steps(pilot: Pilot[None]) -> None:
        await to_settings(pilot, "#personas")
        await pilot.press("ctrl+w")
        await settle(pilot)

    shoot(snap_compare, make_app(), size, steps)


# -- NO_COLOR: states and the local mark are words, so monochrome loses nothing ----------


def test_no_color_relays(
    snap_compare: Snap,
    network_store: Path,
    make_app: AppFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")

    async def steps(pilot: Pilot[None]) -> None:
        await to_settings(pilot, "#relay-list")

    shoot(snap_compare, make_app(), SIZES["small"], steps)


def test_no_color_offline_home(
    snap_compare: Snap, tui_store: Path, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    shoot(snap_compare, make_app(), SIZES["small"], unlock)
