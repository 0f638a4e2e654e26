"""Journal add/edit/delete and the chart range; drafts autosave, reopen, delete."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input, OptionList, Static, TextArea

from peerhaven.store import open_store
from peerhaven.store.drafts import list_drafts, save_draft
from peerhaven.store.journal import add_entry, list_entries
from peerhaven.store.paths import store_path
from peerhaven.tui.app import PeerHavenApp
from peerhaven.tui.modals.confirm import ConfirmModal
from peerhaven.tui.modals.journal_entry import JournalEntryModal
from peerhaven.tui.screens.draft_editor import DraftEditorScreen
from peerhaven.tui.screens.drafts import DraftsScreen
from peerhaven.tui.screens.journal import PAGE, JournalScreen
from tests.fixtures.store import PASSPHRASE
from tests.fixtures.tui import NOW, settle, type_text, unlock, wait_until

AppFactory = Callable[..., PeerHavenApp]


def entries_on_disk() -> list[tuple[str, int, tuple[str, ...]]]:
    with open_store(store_path(), PASSPHRASE) as store:
        return [(e.content, e.mood, e.tags) for e in list_entries(store)]


async def test_add_edit_delete_an_entry(tui_store: Path, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("j")
        await wait_until(pilot, lambda: isinstance(app.screen, JournalScreen))
        await settle(pilot)

        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, JournalEntryModal))
        await type_text(pilot, "Slept a little better")
        app.screen.query_one("#mood", Input).value = "11"
        await pilot.press("ctrl+s")
        assert "1 (very low) to 10" in str(app.screen.query_one("#entry-message", Static).render())
        app.screen.query_one("#mood", Input).value = "6"
        app.screen.query_one("#tags", Input).value = "sleep, #rest"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, JournalScreen))
        await settle(pilot)
        journal = app.screen
        assert isinstance(journal, JournalScreen) and len(journal.entries) == 1

        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(app.screen, JournalEntryModal))
        area = app.screen.query_one("#entry-text", TextArea)
        assert area.text == "Slept a little better"
        area.load_text("Slept much better")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, JournalScreen))
        await settle(pilot)
        assert journal.entries[0].content == "Slept much better"

        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        body = str(app.screen.query_one(".body", Static).render())
        assert "permanent" in body and "cannot be recovered" in body
        await pilot.press("escape")  # keep it
        await settle(pilot)
        assert len(journal.entries) == 1
        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.click("#confirm")
        await wait_until(pilot, lambda: isinstance(app.screen, JournalScreen))
        await settle(pilot)
        assert journal.entries == []
    assert entries_on_disk() == []


async def test_entries_are_paged_and_the_chart_range_switches(
    tui_store: Path, make_app: AppFactory
) -> None:
    with open_store(tui_store, PASSPHRASE) as store:
        for i in range(PAGE + 10):
            add_entry(store, f"entry {i}", 1 + i % 10, created_at=NOW - i * 3600 * 20)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("j")
        await wait_until(pilot, lambda: isinstance(app.screen, JournalScreen))
        await settle(pilot)
        journal = app.screen
        assert isinstance(journal, JournalScreen)
        assert len(journal.entries) == PAGE  # one page, never everything
        caption = journal.query_one("#chart-caption", Static)
        assert "per day, last 4 weeks" in str(caption.render())
        # the key it names is the one bound (a capital R would be Shift+R, which does nothing)
        assert str(caption.render()).endswith("r changes the range")
        journal.query_one("#entries", OptionList).highlighted = PAGE - 1
        await settle(pilot)
        assert len(journal.entries) == PAGE + 10
        await pilot.press("r")
        await settle(pilot)
        assert "per week, last 3 months" in str(caption.render())
        await pilot.press("r")
        await settle(pilot)
        assert "per week, last 12 months" in str(caption.render())


def draft_on_disk() -> list[str]:
    with open_store(store_path(), PASSPHRASE) as store:
        return [d.content for d in list_drafts(store)]


async def test_draft_autosaves_and_survives_a_reopen(tui_store: Path, make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, DraftsScreen))
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, DraftEditorScreen))
        editor = app.screen
        assert isinstance(editor, DraftEditorScreen)
        await type_text(pilot, "Evenings are hard")
        assert editor.dirty
        editor.autosave()  # what the timer does every few seconds
        await settle(pilot)
        assert not editor.dirty
        assert draft_on_disk() == ["Evenings are hard"]

        await type_text(pilot, " lately")
        await pilot.press("escape")  # save and close
        await wait_until(pilot, lambda: isinstance(app.screen, DraftsScreen))
        await settle(pilot)
        assert draft_on_disk() == ["Evenings are hard lately"]
        drafts = app.screen
        assert isinstance(drafts, DraftsScreen) and len(drafts.drafts) == 1

        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, DraftEditorScreen))
        await settle(pilot)
        area = app.screen.query_one("#draft-text", TextArea)
        assert area.text == "Evenings are hard lately"
        area.move_cursor(area.document.end)
        await type_text(pilot, ", and mornings")
        await pilot.press("ctrl+q")  # quitting saves what is open
    assert draft_on_disk() == ["Evenings are hard lately, and mornings"]


async def test_autosave_timer_runs_by_itself(tui_store: Path, make_app: AppFactory) -> None:
    DraftEditorScreen.AUTOSAVE_SECONDS = 0.1
    try:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await unlock(pilot)
            await pilot.press("d")
            await wait_until(pilot, lambda: isinstance(app.screen, DraftsScreen))
            await pilot.press("n")
            await wait_until(pilot, lambda: isinstance(app.screen, DraftEditorScreen))
            await pilot.press(*"tick")
            editor = app.screen
            assert isinstance(editor, DraftEditorScreen)
            await wait_until(pilot, lambda: not editor.dirty)
        assert draft_on_disk() == ["tick"]
    finally:
        DraftEditorScreen.AUTOSAVE_SECONDS = 3.0


async def test_delete_a_draft_after_confirming(tui_store: Path, make_app: AppFactory) -> None:
    with open_store(tui_store, PASSPHRASE) as store:
        save_draft(store, "to be deleted")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, DraftsScreen))
        await settle(pilot)
        await pilot.press("x")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmModal))
        await pilot.click("#confirm")
        await wait_until(pilot, lambda: isinstance(app.screen, DraftsScreen))
        await settle(pilot)
    assert draft_on_disk() == []


async def test_leaving_or_locking_an_open_draft_saves_it_once(
    tui_store: Path, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(app.screen, DraftsScreen))
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, DraftEditorScreen))
        editor = app.screen
        assert isinstance(editor, DraftEditorScreen)
        await type_text(pilot, "first words")
        await pilot.press("ctrl+l")  # lock with unsaved text: saved before the store closes
        await wait_until(pilot, lambda: app.store is None)
        assert draft_on_disk() == ["first words"]
        app.screen.query_one("#passphrase", Input).value = PASSPHRASE
        await pilot.press("enter")
        await wait_until(pilot, lambda: not app.locked)
        assert app.screen is editor
        await type_text(pilot, ", then more")
        editor.autosave()
        await settle(pilot)
        assert draft_on_disk() == ["first words, then more"]  # the same draft, not a second
        await type_text(pilot, " and the end")
        await pilot.press("f3")  # going elsewhere saves too
        await wait_until(pilot, lambda: isinstance(app.screen, JournalScreen))
        await settle(pilot)
    assert draft_on_disk() == ["first words, then more and the end"]


async def test_an_entry_dated_yesterday_then_edited_keeps_its_day(
    tui_store: Path, make_app: AppFactory
) -> None:
    import datetime as dt

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("j")
        await wait_until(pilot, lambda: isinstance(app.screen, JournalScreen))
        await settle(pilot)
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, JournalEntryModal))
        await type_text(pilot, "Catching up on yesterday")
        app.screen.query_one("#mood", Input).value = "5"
        app.screen.query_one("#when", Input).value = "tomorrow"
        await pilot.press("ctrl+s")
        assert "yesterday" in str(app.screen.query_one("#entry-message", Static).render())
        app.screen.query_one("#when", Input).value = "yesterday"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, JournalScreen))
        await settle(pilot)
        journal = app.screen
        assert isinstance(journal, JournalScreen) and len(journal.entries) == 1
        day = dt.datetime.fromtimestamp(journal.entries[0].created_at).date()
        assert day == dt.datetime.fromtimestamp(NOW).date() - dt.timedelta(days=1)

        await pilot.press("e")  # the When field shows the day; untouched, it stays
        await wait_until(pilot, lambda: isinstance(app.screen, JournalEntryModal))
        assert app.screen.query_one("#when", Input).value.startswith(day.isoformat())
        app.screen.query_one("#mood", Input).value = "7"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, JournalScreen))
        await settle(pilot)
        assert journal.entries[0].mood == 7
        assert dt.datetime.fromtimestamp(journal.entries[0].created_at).date() == day


async def test_the_mood_scale_is_shown_whole_at_80_by_24(
    tui_store: Path, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("j")
        await wait_until(pilot, lambda: isinstance(app.screen, JournalScreen))
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, JournalEntryModal))
        await settle(pilot)
        scale = app.screen.query_one("#mood-scale", Static)
        words = "1 very low · 10 very good"
        assert str(scale.render()) == words
        assert scale.content_region.width >= len(words)
        assert scale.region.bottom <= 24
        for field in ("#mood", "#tags", "#when"):  # every field on screen, none cut off
            region = app.screen.query_one(field, Input).region
            assert region.height == 3 and region.right <= 80 and region.bottom <= 24, field


async def test_the_journal_shows_entries_added_elsewhere_when_reopened(
    tui_store: Path, make_app: AppFactory
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await unlock(pilot)
        await pilot.press("j")
        await wait_until(pilot, lambda: isinstance(app.screen, JournalScreen))
        await settle(pilot)
        journal = app.screen
        assert isinstance(journal, JournalScreen) and journal.entries == []
        await pilot.press("ctrl+l")
        await wait_until(pilot, lambda: app.store is None)
        with open_store(store_path(), PASSPHRASE) as store:  # the CLI, while it was locked
            add_entry(store, "written with the CLI", 6)
        app.screen.query_one("#passphrase", Input).value = PASSPHRASE
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is journal)
        await settle(pilot)
        assert [e.content for e in journal.entries] == ["written with the CLI"]


async def test_the_longer_charts_use_the_width_they_have() -> None:
    from textual.app import App, ComposeResult

    from peerhaven.store.journal import MoodPoint
    from peerhaven.tui.widgets.mood_chart import MoodChart

    class ChartApp(App[None]):
        def compose(self) -> ComposeResult:
            yield MoodChart(id="chart")

    for weeks in (13, 52):
        buckets = [(i * 7 * 86_400, MoodPoint(i * 7 * 86_400, 6.0, 1)) for i in range(weeks)]
        app = ChartApp()
        async with app.run_test(size=(80, 24)) as pilot:
            chart = app.query_one(MoodChart)
            chart.show(buckets)
            await pilot.pause()
            axis = chart.render().plain.splitlines()[-2]
            assert axis.startswith("   └")
            assert len(axis) == 80, weeks  # the axis runs to the right edge
