"""First run (passphrase, persona, tour), unlocking, and the auto-lock."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input, Static

from peerhaven.store import open_store
from peerhaven.store.paths import store_path
from peerhaven.store.personas import list_personas
from peerhaven.tui.app import PeerHavenApp
from peerhaven.tui.screens.first_run import FirstRunScreen
from peerhaven.tui.screens.home import HomeScreen
from peerhaven.tui.screens.journal import JournalScreen
from peerhaven.tui.screens.tour import TourScreen
from peerhaven.tui.screens.unlock import UnlockScreen
from peerhaven.tui.screens.welcome import WelcomeScreen
from peerhaven.tui.widgets.strength_meter import StrengthMeter
from tests.fixtures.store import PASSPHRASE
from tests.fixtures.tui import settle, unlock, wait_until

AppFactory = Callable[..., PeerHavenApp]


def message(app: PeerHavenApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_first_run_refuses_weak_shows_strength_persona_and_skippable_tour(
    tui_home: Path, fixed_keys: None, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, FirstRunScreen)
        await pilot.press(*"short")
        meter = app.screen.query_one(StrengthMeter)
        assert meter.score == 0 and "very weak" in str(meter.render())
        await pilot.press("tab", *"short", "enter")
        assert "too easy to guess" in message(app, "#first-run-message")
        assert not store_path().exists()

        app.screen.query_one("#new", Input).value = PASSPHRASE
        await pilot.pause()
        assert meter.score is not None and meter.score >= 3
        app.screen.query_one("#again", Input).value = "something else entirely"
        await pilot.press("enter", "enter")  # Enter in the first field moves to the second
        assert "differ" in message(app, "#first-run-message")

        app.screen.query_one("#again", Input).value = PASSPHRASE
        await pilot.click("#create")
        await wait_until(pilot, lambda: isinstance(app.screen, WelcomeScreen))
        line = message(app, "#persona-line")
        assert "Nobody here sees your name." in line
        assert app.store is not None
        (persona,) = list_personas(app.store)
        assert f"You are {persona.pseudonym}." in line

        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, TourScreen))
        await pilot.press("right")
        assert "2 of 5" in message(app, "#tour-step")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
    assert store_path().exists()


async def test_tour_mentions_professional_help_once() -> None:
    from peerhaven.tui.screens.tour import PANES

    text = " ".join(body for _, body in PANES)
    assert text.count("professional help") == 1
    assert "!" not in text


async def test_wrong_passphrase_then_right(tui_store: Path, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, UnlockScreen)
        field = app.screen.query_one("#passphrase", Input)
        field.value = "not my passphrase at all"
        await pilot.press("enter")
        await wait_until(pilot, lambda: "does not unlock" in message(app, "#unlock-message"))
        assert field.value == "" and not field.disabled and app.store is None
        await unlock(pilot)
        assert isinstance(app.screen, HomeScreen)


async def test_damaged_store_says_the_store_error(tui_home: Path, make_app: AppFactory) -> None:
    path = store_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00" * 1000)  # not a whole page: refused before any key is tried
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one("#passphrase", Input).value = PASSPHRASE
        await pilot.press("enter")
        await wait_until(pilot, lambda: "truncated" in message(app, "#unlock-message"))
        assert isinstance(app.screen, UnlockScreen)


async def test_auto_lock_drops_the_store_and_returns_to_the_same_place(
    tui_store: Path, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("j")
        await wait_until(pilot, lambda: isinstance(app.screen, JournalScreen))
        journal = app.screen

        app.check_lock(now=time.monotonic() + 60)  # one idle minute: not yet (default 10)
        assert not app.locked
        app.settings["lock_after_minutes"] = 1
        app.check_lock(now=time.monotonic() + 61)
        await wait_until(pilot, lambda: app.store is None)
        assert isinstance(app.screen, UnlockScreen) and app.locked

        await unlock_back(pilot, app)
        assert app.screen is journal and app.store is not None


async def unlock_back(pilot: object, app: PeerHavenApp) -> None:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    app.screen.query_one("#passphrase", Input).value = PASSPHRASE
    await pilot.press("enter")
    await wait_until(pilot, lambda: not app.locked)
    await settle(pilot)


async def test_lock_key_and_activity_resets_the_idle_timer(
    tui_store: Path, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        before = app.last_activity
        await pilot.press("j")
        assert app.last_activity > before
        await pilot.press("ctrl+l")
        await wait_until(pilot, lambda: app.store is None)
        assert isinstance(app.screen, UnlockScreen)
        with open_store(store_path(), PASSPHRASE) as store:  # the file is whole after a lock
            assert list_personas(store)


async def test_the_idle_timer_locks_by_itself(tui_store: Path) -> None:
    app = PeerHavenApp(store_path(), idle_check_seconds=0.05)
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        app.settings["lock_after_minutes"] = 0.005  # 0.3 s, as if chosen in settings
        await wait_until(pilot, lambda: app.locked and app.store is None, timeout=5)
        assert isinstance(app.screen, UnlockScreen)


def lock_words(app: PeerHavenApp) -> str:
    """Everything the unlock card says, in one string."""
    card = app.screen.query_one("#unlock-card")
    return " ".join(str(part.render()) for part in card.query(Static))


async def test_lock_screen_says_why_only_when_true_and_offers_f9(
    tui_store: Path, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        at_start = lock_words(app)
        assert "quiet while" not in at_start and "F9" in at_start
        await unlock(pilot)

        await pilot.press("ctrl+l")  # by hand: nothing about a quiet while
        await wait_until(pilot, lambda: app.store is None)
        by_hand = lock_words(app)
        assert "quiet while" not in by_hand and "F9" in by_hand
        await unlock_back(pilot, app)

        app.settings["lock_after_minutes"] = 1
        app.check_lock(now=time.monotonic() + 61)  # the idle timer: now it says so
        await wait_until(pilot, lambda: app.store is None)
        idle = lock_words(app)
        assert "Locked after a quiet while" in idle and "F9" in idle


async def test_a_second_window_on_the_same_store_says_so_and_leaves_it_alone(
    tui_store: Path, make_app: AppFactory
) -> None:
    from peerhaven.store.instance import InstanceLock
    from peerhaven.tui.modals.crisis import CrisisScreen
    from peerhaven.tui.screens.already_open import AlreadyOpenScreen

    first = make_app()
    async with first.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(first.screen, UnlockScreen) and first.instance_lock is not None
        second = make_app()
        async with second.run_test(size=(80, 24)) as other:
            await settle(other)
            assert isinstance(second.screen, AlreadyOpenScreen)
            said = message(second, "#already-open")
            assert said.startswith("PeerHaven is already open in another window")
            assert second.store is None
            await other.press("f9")  # crisis lines never wait for the other window
            await wait_until(other, lambda: isinstance(second.screen, CrisisScreen))
    with InstanceLock(store_path()) as free:  # both gone: the store is free again
        assert free.held
