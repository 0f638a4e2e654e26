"""Search grouping and opening hits; settings; help and the command palette."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual.command import CommandPalette
from textual.widgets import Button, Checkbox, Input, OptionList, Select, Static

from peerhaven.store import open_store
from peerhaven.store.drafts import save_draft
from peerhaven.store.journal import add_entry
from peerhaven.store.personas import list_personas
from peerhaven.store.settings import get_setting
from peerhaven.tui.app import PeerHavenApp
from peerhaven.tui.bindings import KEYS
from peerhaven.tui.modals.journal_entry import JournalEntryModal
from peerhaven.tui.modals.new_persona import NewPersonaModal
from peerhaven.tui.modals.passphrase import PassphraseModal
from peerhaven.tui.screens.draft_editor import DraftEditorScreen
from peerhaven.tui.screens.help import HelpScreen
from peerhaven.tui.screens.journal import JournalScreen
from peerhaven.tui.screens.search import MATCH_STYLE, SearchScreen
from peerhaven.tui.screens.settings import SettingsScreen
from peerhaven.tui.screens.unlock import UnlockScreen
from tests.fixtures.store import PASSPHRASE
from tests.fixtures.tui import NOW, settle, type_text, unlock, wait_until

AppFactory = Callable[..., PeerHavenApp]
NEW_PASSPHRASE = "lanterns over the harbour at dusk"


def fill(path: Path) -> None:
    with open_store(path, PASSPHRASE) as store:
        add_entry(store, "A long walk by the river helped", 7, ["walk"], created_at=NOW - 60)
        add_entry(store, "Rain all day, no walk", 4, created_at=NOW - 30)
        save_draft(store, "Does a daily walk help anyone else?")
        save_draft(store, "Thank you all")


async def submit(pilot: object, modal: object) -> None:
    """Enter in the last field submits the dialog (as a person would)."""
    from textual.pilot import Pilot
    from textual.screen import Screen

    assert isinstance(pilot, Pilot) and isinstance(modal, Screen)
    modal.query_one("#again", Input).focus()
    await pilot.press("enter")


async def search_for(pilot: object, app: PeerHavenApp, text: str) -> SearchScreen:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await pilot.press("slash")
    await wait_until(pilot, lambda: isinstance(app.screen, SearchScreen))
    await type_text(pilot, text)
    await pilot.press("enter")
    screen = app.screen
    assert isinstance(screen, SearchScreen)
    await wait_until(pilot, lambda: bool(screen.hits))
    return screen


async def test_search_groups_results_with_counts_and_marks_matches(
    tui_store: Path, make_app: AppFactory
) -> None:
    fill(tui_store)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        screen = await search_for(pilot, app, "walk")
        summary = str(screen.query_one("#search-summary", Static).render())
        assert "Posts 0" in summary and "Journal 2" in summary and "Drafts 1" in summary
        options = screen.query_one("#results", OptionList)
        prompts = [options.get_option_at_index(i).prompt for i in range(options.option_count)]
        headings = [str(p) for p in prompts if isinstance(p, Text) and p.style == "bold"]
        assert headings == [
            "Posts (0)",
            "Messages (0)",
            "Circles (0)",
            "Journal (2)",
            "Drafts (1)",
        ]
        hit = next(p for p in prompts if isinstance(p, Text) and "river" in p.plain)
        marked = [hit.plain[s.start : s.end] for s in hit.spans if s.style == MATCH_STYLE]
        assert marked == ["walk"]  # bold and underlined: visible without colour


async def test_opening_a_journal_hit_and_a_draft_hit(tui_store: Path, make_app: AppFactory) -> None:
    fill(tui_store)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        screen = await search_for(pilot, app, "river")
        options = screen.query_one("#results", OptionList)
        options.highlighted = next(
            i for i in range(options.option_count) if options.get_option_at_index(i).id
        )
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, JournalEntryModal))
        assert "river" in app.screen.query_one("#entry-text").text  # type: ignore[attr-defined]
        await pilot.press("escape")
        assert isinstance(app.screen, JournalScreen)

        await pilot.press("escape")
        screen = await search_for(pilot, app, "daily")
        options = screen.query_one("#results", OptionList)
        options.highlighted = next(
            i for i in range(options.option_count) if options.get_option_at_index(i).id
        )
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, DraftEditorScreen))
        await settle(pilot)
        assert "daily walk" in app.screen.query_one("#draft-text").text  # type: ignore[attr-defined]


async def test_theme_switch_and_new_persona(tui_store: Path, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, SettingsScreen))
        await settle(pilot)
        app.screen.query_one("#theme", Select).value = "high-contrast"
        await settle(pilot)
        assert app.theme == "high-contrast"

        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: isinstance(app.screen, NewPersonaModal))
        await type_text(pilot, "for the grief group")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, SettingsScreen))
        await settle(pilot)
        settings = app.screen
        assert isinstance(settings, SettingsScreen)
        await wait_until(pilot, lambda: len(settings.personas) == 2)
        settings.query_one("#personas", OptionList).highlighted = 1
        await pilot.press("ctrl+d")
        await settle(pilot)
        await wait_until(pilot, lambda: settings.personas[0].label == "for the grief group")
    with open_store(tui_store, PASSPHRASE) as store:
        assert get_setting(store, "theme") == "high-contrast"
        personas = list_personas(store)
        assert personas[0].is_default and personas[0].label == "for the grief group"


async def test_passphrase_change_then_unlock_with_the_new_one(
    tui_store: Path, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, SettingsScreen))
        await pilot.press("ctrl+k")
        await wait_until(pilot, lambda: isinstance(app.screen, PassphraseModal))
        modal = app.screen
        modal.query_one("#current", Input).value = "the wrong current one"
        modal.query_one("#new", Input).value = NEW_PASSPHRASE
        modal.query_one("#again", Input).value = NEW_PASSPHRASE
        await submit(pilot, modal)
        await wait_until(pilot, lambda: isinstance(app.screen, SettingsScreen))
        await settle(pilot)
        assert any("not your current passphrase" in n.message for n in app._notifications)

        await pilot.press("ctrl+k")
        await wait_until(pilot, lambda: isinstance(app.screen, PassphraseModal))
        modal = app.screen
        modal.query_one("#current", Input).value = PASSPHRASE
        modal.query_one("#new", Input).value = "weak"
        await submit(pilot, modal)
        message = str(modal.query_one("#passphrase-message", Static).render())
        assert "too easy to guess" in message
        modal.query_one("#new", Input).value = NEW_PASSPHRASE
        modal.query_one("#again", Input).value = NEW_PASSPHRASE
        await submit(pilot, modal)
        await wait_until(pilot, lambda: isinstance(app.screen, SettingsScreen))
        await settle(pilot)
        await wait_until(
            pilot, lambda: any("Passphrase changed" in n.message for n in app._notifications)
        )
        await pilot.press("ctrl+l")
        await wait_until(pilot, lambda: app.store is None)
        assert isinstance(app.screen, UnlockScreen)
        app.screen.query_one("#passphrase", Input).value = NEW_PASSPHRASE
        await pilot.press("enter")
        await wait_until(pilot, lambda: not app.locked)
        assert isinstance(app.screen, SettingsScreen)
    open_store(tui_store, NEW_PASSPHRASE).close()


async def test_help_lists_every_binding(tui_store: Path, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        await pilot.press("f1")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        from rich.console import Console

        from peerhaven.tui.screens.help import bindings_table

        console = Console(width=120, record=True, file=io.StringIO())
        console.print(bindings_table())  # exactly what the help screen's Static shows
        shown = console.export_text()
        for spec in KEYS:
            assert spec.long in shown, spec.id
            assert spec.key_display in shown, spec.id
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_command_palette_finds_and_runs_an_action(
    tui_store: Path, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandPalette))
        await type_text(pilot, "open the journal")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, JournalScreen))


def test_bindings_are_data_with_unique_ids() -> None:
    ids = [spec.id for spec in KEYS]
    assert len(ids) == len(set(ids))
    assert all(spec.description and spec.action for spec in KEYS)
    crisis = next(spec for spec in KEYS if spec.id == "crisis")
    assert (crisis.where, crisis.priority) == ("app", True), "help now, from every screen"


async def test_background_sync_interval_chosen_in_settings(
    tui_store: Path, make_app: AppFactory
) -> None:
    from peerhaven.store.settings import set_setting

    with open_store(tui_store, PASSPHRASE) as store:
        set_setting(store, "sync_interval_minutes", 7)  # as `peerhaven settings` may leave it
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, SettingsScreen) and app.screen.ready)
        interval = app.screen.query_one("#sync-interval", Select)
        assert interval.value == 7, "a value set elsewhere is shown as it is"
        shown = interval.query_one("SelectCurrent #label", Static).render()
        assert str(shown) == "Every 7 minutes"

        interval.value = 15
        await settle(pilot)
        assert app.sync_interval_seconds == 15 * 60
        assert app.background.next_at is not None
        interval.value = 0
        await settle(pilot)
        assert app.sync_interval_seconds is None and app.background.next_at is None
    with open_store(tui_store, PASSPHRASE) as store:
        assert get_setting(store, "sync_interval_minutes") is None


async def test_profile_edited_in_settings_passes_the_guard_first(
    tui_store: Path, make_app: AppFactory
) -> None:
    from textual.widgets import Switch

    from peerhaven.store.outbox import pending_count
    from peerhaven.store.publish import profile_bio
    from peerhaven.tui.modals.crisis_offer import CrisisOfferModal
    from peerhaven.tui.modals.guard import GuardModal
    from peerhaven.tui.modals.profile import ProfileModal

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        await pilot.press("s")
        await wait_until(pilot, lambda: isinstance(app.screen, SettingsScreen) and app.screen.ready)
        settings = app.screen
        await pilot.press("ctrl+e")
        await wait_until(pilot, lambda: isinstance(app.screen, ProfileModal))
        assert app.screen.query_one("#bio", Input).value == ""
        await type_text(pilot, "Here to listen, call me on 07700 900123")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, GuardModal))
        summary = str(app.screen.query_one("#guard-summary", Static).render())
        assert "published profile cannot be recalled" in summary
        await pilot.click("#edit")  # back to the words, nothing published
        await wait_until(pilot, lambda: isinstance(app.screen, ProfileModal))
        bio = app.screen.query_one("#bio", Input)
        assert bio.value == "Here to listen, call me on 07700 900123"
        bio.value = "I don't want to be here anymore, but I am here to listen"
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CrisisOfferModal))
        assert str(app.screen.query_one("#post", Button).label) == "Save it"
        app.screen.query_one("#stop-offering", Checkbox).value = True
        await pilot.click("#keep-editing")
        await wait_until(pilot, lambda: isinstance(app.screen, ProfileModal))
        assert not settings.query_one("#crisis", Switch).value, "the switch follows the offer"
        app.screen.query_one("#bio", Input).value = "Two years into recovery, here to listen"
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is settings)
        await wait_until(
            pilot, lambda: any("Profile of" in (n.title or "") for n in app._notifications)
        )

        await pilot.press("ctrl+e")  # the editor opens with what relays will have
        await wait_until(pilot, lambda: isinstance(app.screen, ProfileModal))
        assert app.screen.query_one("#bio", Input).value.startswith("Two years")
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is settings)
    with open_store(tui_store, PASSPHRASE) as store:
        assert profile_bio(store, None) == "Two years into recovery, here to listen"
        assert get_setting(store, "crisis_prompt") is False
        assert pending_count(store) == 1  # one profile event, waiting for the next sync
