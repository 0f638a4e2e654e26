"""The app in Spanish and German at 80×24: home, a feed, a thread, the composer, settings,
the crisis lines, the Messages place and a conversation, each with nothing cut off
(reviewed as PNGs when updated).

The language comes from the member's setting, applied on unlock, as in real use; the
unlock screen before it reads the environment (English here).
Update with ``pytest tests/tui/test_snapshots_languages.py --snapshot-update``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from peerhaven.store import open_store
from peerhaven.store.settings import set_setting
from peerhaven.tui.app import PeerHavenApp
from tests.fixtures.store import PASSPHRASE
from tests.fixtures.tui import SIZES, settle, unlock, wait_until
from tests.tui.feed_world import build
from tests.tui.messages_world import Clock, World
from tests.tui.messages_world import build as build_messages
from tests.tui.test_messages import to_conversation, to_messages

#: the draft autosave timer must not change a picture
pytestmark = pytest.mark.usefixtures("no_autosave_timer")

Snap = Callable[..., bool]
AppFactory = Callable[..., PeerHavenApp]
Steps = Callable[[Pilot[None]], Awaitable[None]]
languages = pytest.mark.parametrize("language", ["es", "de"])


@pytest.fixture
def world(tui_store: Path) -> Path:
    """The evening circle joined, its threads stored, a relay known."""
    build(tui_store, extra_threads=12)
    return tui_store


def speaking(store_file: Path, language: str) -> None:
    with open_store(store_file, PASSPHRASE) as store:
        set_setting(store, "language", language)


async def to_home(pilot: Pilot[None]) -> None:
    await unlock(pilot)
    await settle(pilot)


async def to_feed(pilot: Pilot[None]) -> None:
    from peerhaven.tui.screens.feed import FeedScreen

    await unlock(pilot)
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, FeedScreen))
    await settle(pilot)


async def to_thread(pilot: Pilot[None]) -> None:
    from peerhaven.tui.screens.thread import ThreadScreen

    await to_feed(pilot)
    await pilot.press("down", "enter")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ThreadScreen))
    await settle(pilot)


async def to_compose(pilot: Pilot[None]) -> None:
    from peerhaven.tui.screens.compose import ComposeScreen

    await to_feed(pilot)
    await pilot.press("n")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ComposeScreen))
    await settle(pilot)


async def to_settings(pilot: Pilot[None]) -> None:
    from peerhaven.tui.screens.settings import SettingsScreen

    await unlock(pilot)
    await pilot.press("s")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, SettingsScreen))
    await settle(pilot)


async def to_crisis(pilot: Pilot[None]) -> None:
    from peerhaven.tui.modals.crisis import CrisisScreen

    await unlock(pilot)
    await pilot.press("f9")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, CrisisScreen))
    await settle(pilot)


PLACES: dict[str, Steps] = {
    "home": to_home,
    "feed": to_feed,
    "thread": to_thread,
    "compose": to_compose,
    "settings": to_settings,
    "crisis": to_crisis,
}


@languages
@pytest.mark.parametrize("place", list(PLACES))
def test_the_app_in_another_language(
    snap_compare: Snap, world: Path, make_app: AppFactory, language: str, place: str
) -> None:
    speaking(world, language)
    assert snap_compare(make_app(), terminal_size=SIZES["small"], run_before=PLACES[place])


async def test_choosing_a_language_in_settings_speaks_it_on_the_next_screen(
    world: Path, make_app: AppFactory
) -> None:
    from textual.widgets import Select

    from peerhaven.core.i18n import current_language
    from peerhaven.store.settings import get_setting
    from peerhaven.tui.screens.settings import SettingsScreen

    app = make_app()
    async with app.run_test(size=SIZES["small"]) as pilot:
        await to_settings(pilot)
        # loading the stored language is not a choice: nothing is said
        assert not [note for note in app._notifications if "language" in note.message]
        app.screen.query_one("#language", Select).value = "de"
        await settle(pilot)
        assert current_language() == "de"
        said = [note.message for note in app._notifications]
        assert said[-1].startswith("Ab jetzt geöffnete Bildschirme nutzen diese Sprache")
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(pilot.app.screen, SettingsScreen))
        await settle(pilot)
        assert str(pilot.app.screen.sub_title) == "Start"
    with open_store(world, PASSPHRASE) as store:
        assert get_setting(store, "language") == "de"


@pytest.fixture
def messages_world(tui_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> World:
    """Ruth's conversation, Sam's and Lee's requests, the Tuesday circle."""
    return build_messages(tui_store, tmp_path, Clock(monkeypatch))


@languages
@pytest.mark.parametrize("steps", [to_messages, to_conversation], ids=["messages", "conversation"])
def test_messages_in_another_language(
    snap_compare: Snap,
    tui_store: Path,
    messages_world: World,
    make_app: AppFactory,
    language: str,
    steps: Steps,
) -> None:
    speaking(tui_store, language)
    assert snap_compare(make_app(), terminal_size=SIZES["small"], run_before=steps)
