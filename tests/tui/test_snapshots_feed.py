"""The community feed and a thread at 80×24 and 120×40, and the feed without colour.

The thread shows nested replies, a reply folded behind a content warning, your
own reply and reactions in words. Update with
``pytest tests/tui/test_snapshots_feed.py --snapshot-update`` and look first.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from peerhaven.tui.app import PeerHavenApp
from tests.fixtures.tui import SIZES, settle, unlock, wait_until
from tests.tui.feed_world import build

#: the draft autosave timer must not change a picture
pytestmark = pytest.mark.usefixtures("no_autosave_timer")

Snap = Callable[..., bool]
AppFactory = Callable[..., PeerHavenApp]
sizes = pytest.mark.parametrize("size", list(SIZES.values()), ids=list(SIZES))


@pytest.fixture
def community(tui_store: Path) -> Path:
    """The store with the evening circle joined and its threads stored."""
    build(tui_store, extra_threads=12)
    return tui_store


async def to_feed(pilot: Pilot[None]) -> None:
    """Unlock, then Enter on the community (the home list has focus)."""
    from peerhaven.tui.screens.feed import FeedScreen

    await unlock(pilot)
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, FeedScreen))
    await settle(pilot)


async def to_thread(pilot: Pilot[None]) -> None:
    """The feed, then the second thread (the one with replies)."""
    from peerhaven.tui.screens.thread import ThreadScreen

    await to_feed(pilot)
    await pilot.press("down", "enter")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ThreadScreen))
    await settle(pilot)


@sizes
def test_feed(snap_compare: Snap, community: Path, make_app: AppFactory, size: Any) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=to_feed)


@sizes
def test_thread(snap_compare: Snap, community: Path, make_app: AppFactory, size: Any) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=to_thread)


@sizes
def test_home_with_unread_counts(
    snap_compare: Snap, community: Path, make_app: AppFactory, size: Any
) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=unlock)


@pytest.mark.parametrize("steps", [to_feed, to_thread], ids=["feed", "thread"])
def test_without_colour(
    snap_compare: Snap,
    community: Path,
    make_app: AppFactory,
    monkeypatch: pytest.MonkeyPatch,
    steps: Callable[[Pilot[None]], Awaitable[None]],
) -> None:

    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(make_app(), terminal_size=SIZES["small"], run_before=steps)


async def to_report(pilot: Pilot[None]) -> None:
    """The report dialog over the first reply."""
    from peerhaven.tui.modals.report import ReportModal

    await to_thread(pilot)
    await pilot.press("down", "exclamation_mark")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ReportModal))
    await settle(pilot)


async def to_mute(pilot: Pilot[None]) -> None:
    """The mute dialog over the first reply."""
    from peerhaven.tui.modals.mute import MuteModal

    await to_thread(pilot)
    await pilot.press("down", "m")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, MuteModal))
    await settle(pilot)


@sizes
@pytest.mark.parametrize("steps", [to_report, to_mute], ids=["report", "mute"])
def test_dialogs(
    snap_compare: Snap,
    community: Path,
    make_app: AppFactory,
    size: Any,
    steps: Callable[[Pilot[None]], Awaitable[None]],
) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=steps)
