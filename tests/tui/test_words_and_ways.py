"""The words the app uses for its keys and places: the footer names what F9 opens, `?` and
F1 open help, the palette finds help, settings and every place by name, and the screens
open with something visibly focused."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import OptionList
from textual.widgets._footer import FooterKey

from peerhaven.tui.app import PeerHavenApp
from peerhaven.tui.modals.crisis import CrisisScreen
from peerhaven.tui.screens.browse import BrowseScreen
from peerhaven.tui.screens.drafts import DraftsScreen
from peerhaven.tui.screens.filters import FiltersScreen
from peerhaven.tui.screens.help import HelpScreen
from peerhaven.tui.screens.home import HomeScreen
from peerhaven.tui.screens.journal import JournalScreen
from peerhaven.tui.screens.search import SearchScreen
from peerhaven.tui.screens.settings import SettingsScreen
from tests.fixtures.tui import settle, type_text, unlock, wait_until

AppFactory = Callable[..., PeerHavenApp]


async def test_footer_says_f9_opens_crisis_lines_and_f1_help(
    tui_store: Path, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await settle(pilot)
        keys = {key.key: key for key in app.screen.query(FooterKey)}
        assert keys["f9"].description == "Crisis lines"
        assert keys["f1"].description == "Help"
        await pilot.press("j")  # the journal has the most keys of its own
        await wait_until(pilot, lambda: isinstance(app.screen, JournalScreen))
        await settle(pilot)
        # help, crisis lines and lock all stay whole on screen at 80 columns
        shown = [key for key in app.screen.query(FooterKey) if key.display]
        right = {key.key: key.region.right for key in shown if key.region.width}
        for key in ("f1", "f9", "ctrl+l"):
            assert key in right and right[key] <= 80, key
        drawn = [key.region for key in shown if key.region.width and key.styles.display != "none"]
        for i, one in enumerate(drawn):  # nothing docked over them either
            assert not any(one.overlaps(other) for other in drawn[i + 1 :])
        await pilot.press("f9")
        await wait_until(pilot, lambda: isinstance(app.screen, CrisisScreen))


@pytest.mark.parametrize("key", ["f1", "question_mark"])
async def test_f1_and_question_mark_open_help(
    tui_store: Path, make_app: AppFactory, key: str
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press(key)
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))


async def test_question_mark_typed_in_a_field_stays_a_question_mark(
    tui_store: Path, make_app: AppFactory
) -> None:
    from textual.widgets import Input

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("slash")
        await wait_until(pilot, lambda: isinstance(app.screen, SearchScreen))
        await type_text(pilot, "why?")
        assert not isinstance(app.screen, HelpScreen)
        assert app.screen.query_one("#query", Input).value == "why?"


PLACES_BY_NAME: list[tuple[str, type]] = [
    ("help", HelpScreen),
    ("crisis lines", CrisisScreen),
    ("journal", JournalScreen),
    ("drafts", DraftsScreen),
    ("search", SearchScreen),
    ("settings", SettingsScreen),
    ("filters", FiltersScreen),
    ("browse", BrowseScreen),
]


@pytest.mark.parametrize(("words", "place"), PLACES_BY_NAME, ids=[w for w, _ in PLACES_BY_NAME])
async def test_palette_finds_every_place_by_name(
    tui_store: Path, make_app: AppFactory, words: str, place: type
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await type_text(pilot, words)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, place))


async def test_palette_goes_home_by_name(tui_store: Path, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("j")
        await wait_until(pilot, lambda: isinstance(app.screen, JournalScreen))
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await type_text(pilot, "home")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))


@pytest.mark.parametrize(("words", "control"), [("proxy", "proxy"), ("theme", "theme")])
async def test_palette_finds_a_setting_and_focuses_it(
    tui_store: Path, make_app: AppFactory, words: str, control: str
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await type_text(pilot, words)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, SettingsScreen))
        await settle(pilot)
        focused = app.screen.focused
        assert focused is not None and focused.id == control
        assert focused.region.height > 0, "scrolled into view"


async def test_settings_opens_with_a_control_focused(tui_store: Path, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("f6")
        await wait_until(pilot, lambda: isinstance(app.screen, SettingsScreen))
        await settle(pilot)
        focused = app.screen.focused
        assert focused is not None and focused.id == "theme"


async def test_home_community_list_keeps_focus_and_says_how_to_open(
    tui_store: Path, make_app: AppFactory
) -> None:
    from peerhaven.store import open_store
    from tests.fixtures.store import PASSPHRASE
    from tests.tui.feed_world import join_community

    with open_store(tui_store, PASSPHRASE) as store:
        join_community(store, observer=False, moderator=False)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await settle(pilot)
        communities = app.screen.query_one("#communities", OptionList)
        assert app.screen.focused is communities
        for _ in range(3):  # Tab has nowhere else to take the focus where it would vanish
            await pilot.press("tab")
            assert app.screen.focused is communities
        assert "Enter opens" in str(communities.border_subtitle)


async def test_an_unexpected_error_is_one_sentence_without_internal_names(
    tui_store: Path, make_app: AppFactory
) -> None:
    from peerhaven.core.errors import PeerHavenError
    from peerhaven.tui.messages import StoreFailed

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        app.post_message(StoreFailed(KeyError("persona_pubkey")))
        app.post_message(
            StoreFailed(PeerHavenError("http://x could not be reached (no connection).."))
        )
        await wait_until(pilot, lambda: len(list(app._notifications)) >= 2)
        said = [note.message for note in app._notifications]
        assert not any("KeyError" in text or "persona_pubkey" in text for text in said)
        assert not any(".." in text for text in said)


async def test_first_run_says_what_a_persona_is(tmp_path: Path) -> None:
    from textual.widgets import Static

    from peerhaven.tui.screens.welcome import WelcomeScreen

    app = PeerHavenApp(tmp_path / "peerhaven.db")
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(WelcomeScreen("quiet-heron-42"))
        await pilot.pause()
        said = str(app.screen.query_one("#persona-explained", Static).render())
        assert "first persona: a pseudonym with its own key" in said
        assert "new persona" in said and "relays cannot link your communities" in said


async def test_question_mark_typed_in_a_text_area_stays_in_the_text(
    tui_store: Path, make_app: AppFactory
) -> None:
    from textual.widgets import TextArea

    from peerhaven.tui.modals.journal_entry import JournalEntryModal

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("j")
        await wait_until(pilot, lambda: isinstance(app.screen, JournalScreen))
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, JournalEntryModal))
        await type_text(pilot, "does anyone else feel this way?")
        assert isinstance(app.screen, JournalEntryModal)
        text = app.screen.query_one("#entry-text", TextArea).text
        assert text == "does anyone else feel this way?"


@pytest.mark.parametrize(
    ("place", "list_id", "opens"),
    [("f4", "#drafts", "DraftEditorScreen"), ("f3", "#entries", "JournalEntryModal")],
    ids=["drafts", "journal"],
)
async def test_an_empty_list_names_the_key_that_starts_one(
    tui_store: Path, make_app: AppFactory, place: str, list_id: str, opens: str
) -> None:
    """The letter the sentence names is the one that works (N would be Shift+N, unbound)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press(place)
        await settle(pilot)
        words = str(app.screen.query_one(list_id, OptionList).get_option_at_index(0).prompt)
        key = words.split("Press ", 1)[1].split(" ", 1)[0]
        await pilot.press(key)
        await wait_until(pilot, lambda: type(app.screen).__name__ == opens)


def test_home_counts_one_journal_entry_in_the_singular() -> None:
    from peerhaven.store.overview import Overview
    from peerhaven.tui.screens.home import journal_summary

    fields = {name: 0 for name in Overview.__dataclass_fields__}
    one = Overview(**{**fields, "journal_entries": 1, "last_mood": 6, "last_mood_at": 0})
    many = Overview(**{**fields, "journal_entries": 1200, "last_mood": 6, "last_mood_at": 0})
    assert journal_summary(one).endswith("\n1 entry")
    assert journal_summary(many).endswith("\n1,200 entries")
