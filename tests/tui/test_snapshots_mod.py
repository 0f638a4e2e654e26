"""The moderation queue, the ban dialog, the moderation log and the filters screen at 80×24
and 120×40, compared with reviewed SVG snapshots.

Keys, pseudonyms and every timestamp are fixed (the fixtures and ``tests.fixtures.moderation``),
so a difference is a real change in what a person sees. Update with
``pytest tests/tui/test_snapshots_mod.py --snapshot-update`` and look at the result.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from peerhaven.store import open_store
from peerhaven.store.filter_prefs import block, mute, set_community_default, set_cw_policy
from peerhaven.store.mod_queue import dismiss_reports
from peerhaven.store.personas import list_personas, load_persona
from peerhaven.store.publish import publish_moderation
from peerhaven.tui.app import PeerHavenApp
from peerhaven.tui.modals.moderation import ModerationModal
from peerhaven.tui.screens.filters import FiltersScreen
from peerhaven.tui.screens.mod_log import ModLogScreen
from peerhaven.tui.screens.mod_queue import ModQueueScreen
from tests.fixtures.moderation import AUTHOR_A, AUTHOR_B, SLUG, World, moderated_store
from tests.fixtures.moderation import past_moderation as add_past_moderation
from tests.fixtures.store import PASSPHRASE
from tests.fixtures.tui import NOW, SIZES, settle, unlock, wait_until

#: the draft autosave timer must not change a picture
pytestmark = pytest.mark.usefixtures("no_autosave_timer")

Snap = Callable[..., bool]
AppFactory = Callable[..., PeerHavenApp]
Steps = Callable[[Pilot[None]], Awaitable[None]]
sizes = pytest.mark.parametrize("size", list(SIZES.values()), ids=list(SIZES))


@pytest.fixture
def world(tui_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> World:
    """A moderator's device with four sealed reports about three posts."""
    monkeypatch.setattr("peerhaven.store.filter_prefs.now", lambda: NOW)
    with open_store(tui_store, PASSPHRASE) as store:
        return moderated_store(store, tmp_path, monkeypatch, NOW)


def opened(screen: Callable[[], Any], *keys: str) -> Steps:
    """Unlock, push the screen, press keys (waiting for workers after each)."""

    async def steps(pilot: Pilot[None]) -> None:
        await unlock(pilot)
        await pilot.app.push_screen(screen())
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return steps


@sizes
def test_mod_queue(snap_compare: Snap, world: World, make_app: AppFactory, size: Any) -> None:
    assert snap_compare(
        make_app(), terminal_size=size, run_before=opened(lambda: ModQueueScreen(SLUG))
    )


@sizes
def test_mod_queue_ban_dialog(
    snap_compare: Snap, world: World, make_app: AppFactory, size: Any
) -> None:

    async def steps(pilot: Pilot[None]) -> None:
        await opened(lambda: ModQueueScreen(SLUG))(pilot)
        await pilot.press("b")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ModerationModal))
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=steps)


@sizes
def test_mod_log(
    snap_compare: Snap, world: World, tui_store: Path, make_app: AppFactory, size: Any
) -> None:
    with open_store(tui_store, PASSPHRASE) as store:
        me = load_persona(store, list_personas(store)[0].pubkey)
        add_past_moderation(store, world, NOW, me=me.keys)
    assert snap_compare(
        make_app(), terminal_size=size, run_before=opened(lambda: ModLogScreen(SLUG))
    )


@sizes
def test_filters(
    snap_compare: Snap, world: World, tui_store: Path, make_app: AppFactory, size: Any
) -> None:
    with open_store(tui_store, PASSPHRASE) as store:
        set_cw_policy(store, "grief", "show")
        set_community_default(store, SLUG, "collapse")
        mute(store, "word", "anniversary", "week")
        mute(store, "persona", AUTHOR_A.pubkey, "day")
        block(store, AUTHOR_B.pubkey)
    assert snap_compare(make_app(), terminal_size=size, run_before=opened(FiltersScreen))


@pytest.mark.parametrize("place", ["queue", "log", "filters"])
def test_no_color(
    snap_compare: Snap,
    world: World,
    tui_store: Path,
    make_app: AppFactory,
    monkeypatch: pytest.MonkeyPatch,
    place: str,
) -> None:
    """States read in words and marks (● open, ✓ handled, "your choice"), never colour alone."""
    monkeypatch.setenv("NO_COLOR", "1")
    with open_store(tui_store, PASSPHRASE) as store:
        publish_moderation(store, SLUG, "hide", world.posts["cruel"].id, reason="Rule 1")
        dismiss_reports(store, [r.id for r in world.reports["selling"]])
        set_cw_policy(store, "self-harm", "hide")
    screens: dict[str, Callable[[], Any]] = {
        "queue": lambda: ModQueueScreen(SLUG),
        "log": lambda: ModLogScreen(SLUG),
        "filters": FiltersScreen,
    }
    keys = ("a",) if place == "queue" else ()
    assert snap_compare(
        make_app(), terminal_size=SIZES["small"], run_before=opened(screens[place], *keys)
    )
