"""Activity in the app: the count on home and in the header drops as items are read;
Enter opens the thread at the reply; the bell rings only when asked and not in quiet hours."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import OptionList, Static

from peerhaven.tui.app import PeerHavenApp
from peerhaven.tui.screens.activity import ActivityScreen
from peerhaven.tui.screens.home import HomeScreen
from peerhaven.tui.screens.thread import ThreadScreen
from tests.fixtures.tui import settle, unlock, wait_until
from tests.tui.activity_world import build_concerns

AppFactory = Callable[..., PeerHavenApp]


def _for_you(app: PeerHavenApp) -> str:
    home = next(s for s in app.screen_stack if isinstance(s, HomeScreen))
    return str(home.query_one("#for-you", Static).render())


async def test_count_on_home_drops_as_items_are_read_and_enter_opens_the_reply(
    tui_store: Path, make_app: AppFactory
) -> None:
    concerns = build_concerns(tui_store)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        await wait_until(pilot, lambda: "● 2 new for you" in _for_you(app))
        assert app.title == "PeerHaven · ● 2 new for you"

        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(app.screen, ActivityScreen))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ActivityScreen)
        items = screen.query_one("#activity-items", OptionList)
        shown = [str(items.get_option_at_index(i).prompt) for i in range(items.option_count)]
        assert len(shown) == 2  # the muted persona's answer is not there
        assert "reacted “sending support”" in shown[0]
        assert "Where do you go?" in shown[1]
        assert not any("should not be seeing" in line for line in shown)

        items.highlighted = 1
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ThreadScreen))
        await settle(pilot)
        thread = app.screen
        assert isinstance(thread, ThreadScreen)
        posts = thread.query_one("#posts", OptionList)
        assert posts.highlighted is not None
        assert posts.get_option_at_index(posts.highlighted).id == concerns.answer.id
        await wait_until(pilot, lambda: "● 1 new for you" in _for_you(app))
        assert app.title == "PeerHaven · ● 1 new for you"

        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ActivityScreen))
        await settle(pilot)
        await pilot.press("m")
        await wait_until(pilot, lambda: "Nothing new for you" in _for_you(app))
        assert app.title == "PeerHaven"
        await settle(pilot)
        summary = str(app.screen.query_one("#activity-summary", Static).render())
        assert summary.startswith("Nothing new for you")


async def test_the_bell_rings_after_a_sync_brings_activity_only_when_asked(
    tui_store: Path, make_app: AppFactory
) -> None:
    from peerhaven.store.settings import set_setting
    from peerhaven.tui.syncing import SyncState

    build_concerns(tui_store)
    app = make_app()
    rung: list[bool] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        app.bell = lambda: rung.append(True)  # type: ignore[method-assign]
        home = next(s for s in app.screen_stack if isinstance(s, HomeScreen))
        await wait_until(pilot, lambda: home.activity_unread == 2)
        home.activity_unread = 0  # as if the two had arrived with this sync
        app.sync_changed.publish(SyncState(running=False, landed=True))
        await settle(pilot)
        assert rung == []  # off by default
        app.store_call(set_setting, "activity_bell", True)
        home.activity_unread = 0
        app.sync_changed.publish(SyncState(running=False, landed=True))
        await settle(pilot)
        assert rung == [True]
        home.activity_unread = 2
        app.sync_changed.publish(SyncState(running=False, landed=True))
        await settle(pilot)
        assert rung == [True]  # nothing new: no bell


async def test_settings_turn_the_bell_on_and_choose_quiet_hours(
    tui_store: Path, make_app: AppFactory
) -> None:
    from textual.widgets import Select, Switch

    from peerhaven.store.settings import get_setting
    from peerhaven.tui.screens.settings import SettingsScreen

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, SettingsScreen))
        await settle(pilot)
        assert app.screen.query_one("#activity-bell", Switch).value is False
        app.screen.query_one("#activity-bell", Switch).value = True
        app.screen.query_one("#quiet-hours", Select).value = "22:00-07:00"
        await settle(pilot)
        assert app.store_call(get_setting, "activity_bell") is True
        assert app.store_call(get_setting, "quiet_hours") == "22:00-07:00"
        app.screen.query_one("#quiet-hours", Select).value = ""
        await settle(pilot)
        assert app.store_call(get_setting, "quiet_hours") is None
