"""Every screen at 80×24 and 120×40, compared with reviewed SVG snapshots.

Dates, keys and pseudonyms are fixed by the fixtures, and the cursor does not
blink, so a difference here is a real change in what a person sees.
Update with ``pytest tests/tui/test_snapshots.py --snapshot-update`` and look
at the result before committing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from peerhaven.store import open_store
from peerhaven.store.drafts import save_draft
from peerhaven.store.journal import add_entry
from peerhaven.store.personas import list_personas
from peerhaven.tui.app import PeerHavenApp
from tests.fixtures.store import PASSPHRASE
from tests.fixtures.tui import NOW, SIZES, settle, type_text, unlock, wait_until

#: the draft autosave timer must not change a picture
pytestmark = pytest.mark.usefixtures("no_autosave_timer")

Snap = Callable[..., bool]
AppFactory = Callable[..., PeerHavenApp]
Steps = Callable[[Pilot[None]], Awaitable[None]]
DAY = 86_400
MOODS = (6, 5, 7, 4, 6, 8, 7, 5, 3, 6, 7, 8)
sizes = pytest.mark.parametrize("size", list(SIZES.values()), ids=list(SIZES))


@pytest.fixture
def filled_store(tui_store: Path) -> Path:
    """Three months of journal, two drafts, one community and two relays."""
    with open_store(tui_store, PASSPHRASE) as store:
        for day in range(0, 84, 2):
            mood = MOODS[(day // 2) % len(MOODS)]
            tags = ("sleep",) if day % 4 == 0 else ("walk", "tea")
            add_entry(
                store,
                f"Day {day}: a slow morning, then a walk by the river. Slept {mood} hours.",
                mood,
                tags,
                created_at=NOW - day * DAY - 3600,
            )
        save_draft(store, "Does anyone else find the evenings the hardest part?")
        save_draft(store, "Thank you all for last week. It helped more than I can say.")
        persona = list_personas(store)[0]
        with store.transaction() as conn:
            conn.execute(
                "INSERT INTO communities (slug, owner, name, definition, updated_at) "
                "VALUES ('grief-support', 'ab', 'Grief support', '{}', ?)",
                (NOW,),
            )
            conn.execute(
                "INSERT INTO memberships (slug, persona, joined_at) VALUES ('grief-support', ?, ?)",
                (persona.pubkey, NOW),
            )
            conn.execute(
                "INSERT INTO relays (url, added_at, last_success, failures) "
                "VALUES ('https://relay.example.org', ?, ?, 0)",
                (NOW, NOW - 600),
            )
            conn.execute(
                "INSERT INTO relays (url, added_at, last_error, failures) "
                "VALUES ('https://slow.example.net', ?, 'timed out after 20 s', 3)",
                (NOW,),
            )
    return tui_store


def unlocked_then(*keys: str, after: Steps | None = None) -> Steps:
    """Unlock, press keys (waiting for workers after each), then any extra steps."""

    async def steps(pilot: Pilot[None]) -> None:
        await unlock(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        if after is not None:
            await after(pilot)
        await settle(pilot)

    return steps


def shoot(snap: Snap, app: PeerHavenApp, size: tuple[int, int], steps: Steps) -> None:
    assert snap(app, terminal_size=size, run_before=steps)


# -- before the store is open -------------------------------------------------------------


@sizes
def test_first_run(
    snap_compare: Snap, tui_home: Path, fixed_keys: None, make_app: AppFactory, size: Any
) -> None:
    async def typed(pilot: Pilot[None]) -> None:
        await type_text(pilot, "river stones")

    shoot(snap_compare, make_app(), size, typed)


@sizes
def test_welcome(
    snap_compare: Snap,
    tui_home: Path,
    fixed_keys: None,
    frozen_clock: int,
    make_app: AppFactory,
    size: Any,
) -> None:
    from peerhaven.tui.screens.welcome import WelcomeScreen

    async def created(pilot: Pilot[None]) -> None:
        pilot.app.screen.query_one("#new", Input).value = PASSPHRASE
        pilot.app.screen.query_one("#again", Input).value = PASSPHRASE
        await pilot.press("tab", "enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, WelcomeScreen))

    shoot(snap_compare, make_app(), size, created)


@sizes
def test_tour(snap_compare: Snap, tui_home: Path, make_app: AppFactory, size: Any) -> None:
    from peerhaven.tui.screens.tour import TourScreen

    async def tour(pilot: Pilot[None]) -> None:
        await pilot.app.push_screen(TourScreen())
        await pilot.press("right", "right")

    shoot(snap_compare, make_app(), size, tour)


@sizes
def test_unlock_after_a_wrong_passphrase(
    snap_compare: Snap, tui_store: Path, make_app: AppFactory, size: Any
) -> None:
    async def wrong(pilot: Pilot[None]) -> None:
        pilot.app.screen.query_one("#passphrase", Input).value = "not it"
        await pilot.press("enter")
        await settle(pilot)

    shoot(snap_compare, make_app(), size, wrong)


@sizes
def test_already_open_in_another_window(
    snap_compare: Snap, tui_store: Path, make_app: AppFactory, size: Any
) -> None:
    from peerhaven.store.instance import InstanceLock

    async def shown(pilot: Pilot[None]) -> None:
        await settle(pilot)

    with InstanceLock(tui_store):  # as the first window holds it
        shoot(snap_compare, make_app(), size, shown)


# -- places ----------------------------------------------------------------------------------


@sizes
def test_home_empty(snap_compare: Snap, tui_store: Path, make_app: AppFactory, size: Any) -> None:
    shoot(snap_compare, make_app(), size, unlocked_then())


@sizes
def test_home(snap_compare: Snap, filled_store: Path, make_app: AppFactory, size: Any) -> None:
    shoot(snap_compare, make_app(), size, unlocked_then())


@sizes
def test_journal(snap_compare: Snap, filled_store: Path, make_app: AppFactory, size: Any) -> None:
    shoot(snap_compare, make_app(), size, unlocked_then("j"))


@sizes
def test_journal_three_months(
    snap_compare: Snap, filled_store: Path, make_app: AppFactory, size: Any
) -> None:
    shoot(snap_compare, make_app(), size, unlocked_then("j", "r"))


@sizes
def test_journal_entry_editor(
    snap_compare: Snap, filled_store: Path, make_app: AppFactory, size: Any
) -> None:
    shoot(snap_compare, make_app(), size, unlocked_then("j", "e"))


@sizes
def test_journal_delete_confirmation(
    snap_compare: Snap, filled_store: Path, make_app: AppFactory, size: Any
) -> None:
    shoot(snap_compare, make_app(), size, unlocked_then("j", "x"))


@sizes
def test_drafts(snap_compare: Snap, filled_store: Path, make_app: AppFactory, size: Any) -> None:
    shoot(snap_compare, make_app(), size, unlocked_then("d"))


@sizes
def test_draft_editor(
    snap_compare: Snap, filled_store: Path, make_app: AppFactory, size: Any
) -> None:
    shoot(snap_compare, make_app(), size, unlocked_then("d", "enter"))


@sizes
def test_search(snap_compare: Snap, filled_store: Path, make_app: AppFactory, size: Any) -> None:
    async def typed(pilot: Pilot[None]) -> None:
        await type_text(pilot, "evenings")
        await pilot.press("enter")
        await settle(pilot)

    shoot(snap_compare, make_app(), size, unlocked_then("slash", after=typed))


@sizes
def test_settings(snap_compare: Snap, filled_store: Path, make_app: AppFactory, size: Any) -> None:
    shoot(snap_compare, make_app(), size, unlocked_then("s"))


@sizes
def test_passphrase_dialog(
    snap_compare: Snap, filled_store: Path, make_app: AppFactory, size: Any
) -> None:
    async def typed(pilot: Pilot[None]) -> None:
        pilot.app.screen.query_one("#new", Input).focus()
        await pilot.pause()
        await type_text(pilot, "lanterns over")

    shoot(snap_compare, make_app(), size, unlocked_then("s", "ctrl+k", after=typed))


@sizes
def test_profile_dialog(
    snap_compare: Snap, filled_store: Path, make_app: AppFactory, size: Any
) -> None:
    async def typed(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await type_text(pilot, "Two years into recovery")

    shoot(snap_compare, make_app(), size, unlocked_then("s", "ctrl+e", after=typed))


@sizes
def test_help(snap_compare: Snap, filled_store: Path, make_app: AppFactory, size: Any) -> None:
    shoot(snap_compare, make_app(), size, unlocked_then("f1"))


@sizes
def test_high_contrast_home(
    snap_compare: Snap, filled_store: Path, make_app: AppFactory, size: Any
) -> None:
    async def contrast(pilot: Pilot[None]) -> None:
        pilot.app.theme = "high-contrast"

    shoot(snap_compare, make_app(), size, unlocked_then(after=contrast))


# -- NO_COLOR: the same screens in monochrome must still say everything ------------------


@pytest.mark.parametrize(
    "keys", [("j",), ("slash",), ("s",)], ids=["journal", "search", "settings"]
)
def test_no_color(
    snap_compare: Snap,
    filled_store: Path,
    make_app: AppFactory,
    monkeypatch: pytest.MonkeyPatch,
    keys: tuple[str, ...],
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")

    async def typed(pilot: Pilot[None]) -> None:
        if keys == ("slash",):
            await type_text(pilot, "walk")
            await pilot.press("enter")
            await settle(pilot)

    shoot(snap_compare, make_app(), SIZES["small"], unlocked_then(*keys, after=typed))


@sizes
def test_crisis_lines(
    snap_compare: Snap, filled_store: Path, make_app: AppFactory, size: Any
) -> None:
    shoot(snap_compare, make_app(), size, unlocked_then("f9"))
