"""The Messages place at 80×24: conversations, requests, a conversation, circles, a circle.

Update with ``pytest tests/tui/test_snapshots_messages.py --snapshot-update`` and look
at the pictures first.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from peerhaven.tui.app import PeerHavenApp
from tests.fixtures.tui import settle, wait_until
from tests.tui.messages_world import Clock, World, build
from tests.tui.test_messages import to_circle, to_conversation, to_messages, to_requests

pytestmark = pytest.mark.usefixtures("no_autosave_timer")

Snap = Callable[..., bool]
AppFactory = Callable[..., PeerHavenApp]
SMALL = (80, 24)


@pytest.fixture
def world(tui_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> World:
    """Ruth's conversation, Sam's and Lee's requests, the Tuesday circle."""
    return build(tui_store, tmp_path, Clock(monkeypatch))


async def to_circles(pilot: Pilot[None]) -> None:
    """Messages, then c."""
    from peerhaven.tui.screens.circles import CirclesScreen

    await to_messages(pilot)
    await pilot.press("c")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, CirclesScreen))
    await settle(pilot)


async def to_home(pilot: Pilot[None]) -> None:
    """Unlock and wait for the Messages panel's counts."""
    from textual.widgets import Static

    from tests.fixtures.tui import unlock

    await unlock(pilot)
    await wait_until(
        pilot, lambda: "●" in str(pilot.app.screen.query_one("#messages", Static).render())
    )
    await settle(pilot)


@pytest.mark.parametrize(
    "steps",
    [to_home, to_messages, to_requests, to_conversation, to_circles, to_circle],
    ids=["home", "messages", "requests", "conversation", "circles", "circle"],
)
def test_messages_place(snap_compare: Snap, world: World, make_app: AppFactory, steps: Any) -> None:
    assert snap_compare(make_app(), terminal_size=SMALL, run_before=steps)
