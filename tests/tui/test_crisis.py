"""Crisis lines are one key away on every screen, before unlocking too."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input, Static

from peerhaven.store import open_store
from peerhaven.store.settings import get_setting
from peerhaven.tui.app import PeerHavenApp
from peerhaven.tui.modals.crisis import CrisisScreen
from tests.fixtures.store import PASSPHRASE
from tests.fixtures.tui import settle, type_text, unlock, wait_until

AppFactory = Callable[..., PeerHavenApp]


def _lines(app: PeerHavenApp) -> str:
    return str(app.screen.query_one("#crisis-lines", Static).render())


async def test_f9_opens_crisis_lines_on_the_unlock_screen(
    tui_store: Path, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.store is None
        await pilot.press("f9")
        await wait_until(pilot, lambda: isinstance(app.screen, CrisisScreen))
        assert _lines(app).startswith("If you are in immediate danger")
        await pilot.press("escape")
        assert not isinstance(app.screen, CrisisScreen)


async def test_choosing_a_country_shows_its_lines_and_is_remembered(
    tui_store: Path, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        await pilot.press("f9")
        await wait_until(pilot, lambda: isinstance(app.screen, CrisisScreen))
        assert app.screen.focused is app.screen.query_one("#country", Input)
        await type_text(pilot, "gb")
        await pilot.press("enter")
        await settle(pilot)
        assert "Samaritans" in _lines(app)
        await pilot.press("escape")
        await pilot.press("f9")
        await wait_until(pilot, lambda: isinstance(app.screen, CrisisScreen))
        assert "Samaritans" in _lines(app), "the country choice is remembered"
    with open_store(tui_store, PASSPHRASE) as store:
        assert get_setting(store, "country") == "GB"
