"""The app under NO_COLOR at 80×24: no colour at all, focus and selection still visible.

With colour gone, what shows where the focus is must be a shape: the focused
field or list has a heavy border, the highlighted line of a focused list is
reversed, a button with the focus is reversed. Update with
``pytest tests/tui/test_snapshots_nocolor.py --snapshot-update`` and look at the
pictures first.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from peerhaven.store import open_store
from peerhaven.store.drafts import save_draft
from peerhaven.tui.app import PeerHavenApp
from tests.fixtures.store import PASSPHRASE
from tests.fixtures.tui import SIZES, settle, unlock

pytestmark = pytest.mark.usefixtures("no_autosave_timer")

Snap = Callable[..., bool]
AppFactory = Callable[..., PeerHavenApp]


@pytest.fixture
def no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    """The terminal asks for no colour (set after ``tui_home`` takes any caller's away)."""
    monkeypatch.setenv("NO_COLOR", "1")


async def home_focused(pilot: Pilot[None]) -> None:
    await unlock(pilot)
    await settle(pilot)


async def drafts_focused(pilot: Pilot[None]) -> None:
    await unlock(pilot)
    await pilot.press("d")
    await settle(pilot)


def test_unlock_without_colour(
    snap_compare: Snap, tui_store: Path, no_color: None, make_app: AppFactory
) -> None:
    assert snap_compare(make_app(), terminal_size=SIZES["small"])


def test_home_without_colour(
    snap_compare: Snap, tui_store: Path, no_color: None, make_app: AppFactory
) -> None:
    assert snap_compare(make_app(), terminal_size=SIZES["small"], run_before=home_focused)


def test_a_highlighted_line_without_colour(
    snap_compare: Snap, tui_store: Path, no_color: None, make_app: AppFactory
) -> None:
    with open_store(tui_store, PASSPHRASE) as store:
        save_draft(store, "Does anyone else find the evenings the hardest part?")
        save_draft(store, "Thank you all for last week.")
    assert snap_compare(make_app(), terminal_size=SIZES["small"], run_before=drafts_focused)
