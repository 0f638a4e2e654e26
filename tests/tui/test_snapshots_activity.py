"""The Activity place at 80×24 and 120×40, and home's "For you" count beside it.

Update with ``pytest tests/tui/test_snapshots_activity.py --snapshot-update`` and look
at the pictures first.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from peerhaven.tui.app import PeerHavenApp
from tests.fixtures.tui import SIZES, settle, unlock, wait_until
from tests.tui.activity_world import build_concerns

pytestmark = pytest.mark.usefixtures("no_autosave_timer")

Snap = Callable[..., bool]
AppFactory = Callable[..., PeerHavenApp]
sizes = pytest.mark.parametrize("size", list(SIZES.values()), ids=list(SIZES))


@pytest.fixture
def concerned(tui_store: Path) -> Path:
    """The evening circle with an answer and a reaction to your reply (and a muted one)."""
    build_concerns(tui_store)
    return tui_store


async def home_with_news(pilot: Pilot[None]) -> None:
    """Unlock and wait for the count."""
    from peerhaven.tui.screens.home import HomeScreen

    await unlock(pilot)
    await wait_until(
        pilot,
        lambda: (
            isinstance(pilot.app.screen, HomeScreen)
            and pilot.app.screen.activity_unread is not None
        ),
    )
    await settle(pilot)


async def to_activity(pilot: Pilot[None]) -> None:
    """Home, then a."""
    from peerhaven.tui.screens.activity import ActivityScreen

    await home_with_news(pilot)
    await pilot.press("a")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ActivityScreen))
    await settle(pilot)


async def to_activity_after_reading_one(pilot: Pilot[None]) -> None:
    """Open the newest item, come back: its dot is gone, the other stays."""
    from peerhaven.tui.screens.activity import ActivityScreen
    from peerhaven.tui.screens.thread import ThreadScreen

    await to_activity(pilot)
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ThreadScreen))
    await settle(pilot)
    await pilot.press("escape")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ActivityScreen))
    await settle(pilot)


@sizes
def test_activity(snap_compare: Snap, concerned: Path, make_app: AppFactory, size: Any) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=to_activity)


@sizes
def test_activity_after_reading_one(
    snap_compare: Snap, concerned: Path, make_app: AppFactory, size: Any
) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=to_activity_after_reading_one)


@sizes
def test_home_with_activity(
    snap_compare: Snap, concerned: Path, make_app: AppFactory, size: Any
) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=home_with_news)


def test_activity_empty(snap_compare: Snap, tui_store: Path, make_app: AppFactory) -> None:
    async def steps(pilot: Pilot[None]) -> None:
        from peerhaven.tui.screens.activity import ActivityScreen

        await unlock(pilot)
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ActivityScreen))
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SIZES["small"], run_before=steps)
