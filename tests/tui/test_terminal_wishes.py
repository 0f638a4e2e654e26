"""The app respects the terminal's wishes: NO_COLOR, reduce motion, and plain mode by setting."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.filter import Monochrome, NoColor
from textual.widgets import LoadingIndicator

from peerhaven.store import Store, open_store
from peerhaven.store.settings import set_setting
from peerhaven.tui.app import PeerHavenApp
from tests.fixtures.store import PASSPHRASE
from tests.fixtures.tui import unlock, wait_until

AppFactory = Callable[..., PeerHavenApp]


def choose(path: Path, name: str, value: object) -> None:
    with open_store(path, PASSPHRASE) as store:
        set_setting(store, name, value)


#: the screenshot's default foreground, background and dim text (Rich's terminal theme)
TERMINAL = {"#c5c8c6", "#292929", "#868887"}
#: the three window buttons the screenshot draws in its frame
FRAME = {"#ff5f57", "#febc2e", "#28c840"}


def colours(svg: str) -> set[str]:
    """Every colour an SVG screenshot paints with."""
    return {match.lower() for match in re.findall(r"#[0-9a-fA-F]{6}", svg)}


async def test_no_color_strips_every_colour_rather_than_greying_it(
    tui_store: Path, make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        coloured = colours(app.export_screenshot())
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        assert any(isinstance(f, NoColor) for f in app.get_line_filters())
        assert not any(isinstance(f, Monochrome) for f in app.get_line_filters())
        plain = colours(app.export_screenshot())
    # only the terminal's own foreground, background and dim text, and the screenshot's
    # window buttons: no theme colour and no grey standing in for one
    assert plain <= TERMINAL | FRAME, plain - TERMINAL - FRAME
    assert coloured - TERMINAL - FRAME


async def test_reduce_motion_stops_spinners(tui_store: Path, make_app: AppFactory) -> None:
    choose(tui_store, "reduce_motion", True)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        assert app.animation_level == "none"
        spinner = LoadingIndicator()
        await app.screen.mount(spinner)
        await pilot.pause()
        assert str(spinner.render()) == "Loading..."


async def test_without_reduce_motion_the_app_animates(
    tui_store: Path, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        assert app.animation_level != "none"


async def test_the_plain_setting_hands_the_unlocked_store_to_plain_mode(
    tui_store: Path, make_app: AppFactory
) -> None:
    choose(tui_store, "plain", True)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one("#passphrase").value = PASSPHRASE  # type: ignore[attr-defined]
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.plain_handover is not None)
    handed: Store | None = app.plain_handover
    assert handed is not None and app.store is None
    try:
        assert handed.execute("SELECT count(*) FROM personas").fetchone()[0] == 1
    finally:
        handed.close()


async def test_settings_switch_reduce_motion_at_once_and_plain_mode_for_next_time(
    tui_store: Path, make_app: AppFactory
) -> None:
    from textual.widgets import Switch

    from peerhaven.store.settings import get_setting
    from peerhaven.tui.screens.settings import SettingsScreen
    from tests.fixtures.tui import settle

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, SettingsScreen))
        await settle(pilot)
        app.screen.query_one("#reduce-motion", Switch).value = True
        app.screen.query_one("#plain-mode", Switch).value = True
        await settle(pilot)
        assert app.animation_level == "none"
        assert app.store_call(get_setting, "reduce_motion") is True
        assert app.store_call(get_setting, "plain") is True
        assert app.plain_handover is None  # it applies at the next unlock, not mid-session
        app.screen.query_one("#reduce-motion", Switch).value = False
        await settle(pilot)
        assert app.animation_level != "none"
