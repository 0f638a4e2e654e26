"""The journal: a mood chart over weeks or months above entries, newest first, paged."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from peerhaven.core import localized
from peerhaven.core.i18n import N_, _
from peerhaven.tui.bindings import bindings_for
from peerhaven.tui.modals.confirm import ConfirmModal
from peerhaven.tui.modals.journal_entry import EntryInput, JournalEntryModal
from peerhaven.tui.screens.base import PlaceScreen
from peerhaven.tui.widgets.mood_chart import Bucket, MoodChart

if TYPE_CHECKING:
    from peerhaven.store.journal import JournalEntry

#: (label, days covered, days per bar)
RANGES: tuple[tuple[str, int, int], ...] = (
    ("4 weeks", 28, 1),
    ("3 months", 91, 7),
    ("12 months", 364, 7),
)
PAGE = 50


def entry_label(entry: JournalEntry) -> Text:
    """One line: when, mood as a number, tags, and the start of the text."""
    when = localized.when(entry.created_at, localized.WEEKDAY_YEAR_TIME)
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f"{when}  ", style="dim")
    text.append(f"mood {entry.mood:>2}/10", style="bold")
    if entry.tags:
        text.append("  " + " ".join(f"#{tag}" for tag in entry.tags), style="italic")
    first = entry.content.strip().splitlines()[0] if entry.content.strip() else ""
    if first:
        text.append(f"  {first}")
    text.truncate(200)
    return text


class JournalScreen(PlaceScreen):
    """Entries and the chart; every store call runs in a worker."""

    PLACE = "journal"
    SUB_TITLE = N_("Journal")
    BINDINGS = bindings_for("journal")
    AUTO_FOCUS = "#entries"

    class Page(Message):
        """A page of entries; ``append`` is False for the first page."""

        def __init__(self, entries: list[JournalEntry], append: bool) -> None:
            self.entries = entries
            self.append = append
            super().__init__()

    class Series(Message):
        """Chart buckets for the current range."""

        def __init__(self, buckets: list[Bucket]) -> None:
            self.buckets = buckets
            super().__init__()

    class Tags(Message):
        """Tags used so far, most used first, offered as a hint in the editor."""

        def __init__(self, tags: list[str]) -> None:
            self.tags = tags
            super().__init__()

    class EntryReady(Message):
        """An entry to open in the editor."""

        def __init__(self, entry: JournalEntry) -> None:
            self.entry = entry
            super().__init__()

    class Changed(Message):
        """An entry was added, edited or deleted; reload list and chart."""

        def __init__(self, note: str) -> None:
            self.note = note
            super().__init__()

    def __init__(self) -> None:
        super().__init__()
        self.range_index = 0
        self.entries: list[JournalEntry] = []
        self.more = True
        self.known_tags: tuple[str, ...] = ()

    def compose(self) -> ComposeResult:
        """Chart on top, list below."""
        yield Header()
        yield MoodChart(id="chart")
        yield Static("", id="chart-caption", classes="caption")
        yield OptionList(id="entries")
        yield Footer()

    def on_mount(self) -> None:
        """Label the regions before the data comes (``on_screen_resume`` loads it)."""
        self.query_one("#entries").border_title = _("Entries, newest first")

    def on_screen_resume(self) -> None:
        """Load on every return (after a dialog, an unlock, a search): entries may have been
        added elsewhere meanwhile, by the CLI say, and the list must show them."""
        self.reload()

    def reload(self) -> None:
        """First page and the chart again."""
        self.load_page(None)
        self.load_series()
        self.load_tags()

    # -- loading ---------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="journal-page", exit_on_error=False)
    def load_page(self, after: JournalEntry | None) -> None:
        """One page of entries, never the whole journal."""
        from peerhaven.store.journal import list_entries

        before = after.id if after is not None else None
        entries = self.peerhaven.store_call(list_entries, limit=PAGE, before=before)
        self.post_message(self.Page(entries, append=after is not None))

    @work(thread=True, exclusive=True, group="journal-series", exit_on_error=False)
    def load_series(self) -> None:
        """Average mood per bucket over the chosen range, gaps kept."""
        from peerhaven.store.overview import mood_buckets

        _label, days, bucket = RANGES[self.range_index]
        buckets = self.peerhaven.store_call(mood_buckets, days=days, bucket_days=bucket)
        self.post_message(self.Series(buckets))

    @work(thread=True, exclusive=True, group="journal-tags", exit_on_error=False)
    def load_tags(self) -> None:
        """Tags in use, for the editor's hint."""
        from peerhaven.store.journal import journal_tags

        tags = self.peerhaven.store_call(journal_tags)
        self.post_message(self.Tags([tag for tag, _ in tags]))

    def on_journal_screen_tags(self, message: Tags) -> None:
        """Keep them for the next editor opened."""
        self.known_tags = tuple(message.tags)

    def on_journal_screen_page(self, message: Page) -> None:
        """Show the page; the next one loads when the highlight reaches the end."""
        option_list = self.query_one("#entries", OptionList)
        keep = option_list.highlighted  # a reload keeps the place in the list
        if not message.append:
            self.entries = []
            option_list.clear_options()
        self.entries.extend(message.entries)
        self.more = len(message.entries) == PAGE
        option_list.add_options(Option(entry_label(e), id=str(e.id)) for e in message.entries)
        if not message.append and self.entries:
            option_list.highlighted = min(keep or 0, len(self.entries) - 1)
        if not self.entries:
            option_list.add_option(
                Option(
                    _("No entries yet. Press n to write one; a mood alone is enough."),
                    disabled=True,
                )
            )

    def on_journal_screen_series(self, message: Series) -> None:
        """Draw the chart and say what it shows."""
        label, _unused, bucket = RANGES[self.range_index]
        per = "day" if bucket == 1 else "week"
        written = sum(1 for _unused, point in message.buckets if point is not None)
        periods = per if written == 1 else f"{per}s"
        self.query_one(MoodChart).show(message.buckets)
        self.query_one("#chart-caption", Static).update(
            _(
                "Average mood per {per}, last {label} ({written} {periods} with entries) · 1 "
                "very low, 10 very good · r changes the range"
            ).format(per=per, label=label, written=written, periods=periods)
        )

    @on(OptionList.OptionHighlighted, "#entries")
    def maybe_load_more(self, event: OptionList.OptionHighlighted) -> None:
        """Page in the next entries as the highlight nears the end of what is loaded."""
        if self.more and self.entries and event.option_index >= len(self.entries) - 5:
            self.more = False
            self.load_page(self.entries[-1])

    # -- actions ---------------------------------------------------------------------------

    def action_next_range(self) -> None:
        """4 weeks, 3 months, 12 months, and round again."""
        self.range_index = (self.range_index + 1) % len(RANGES)
        self.load_series()

    def _selected(self) -> JournalEntry | None:
        """The highlighted entry, if any."""
        index = self.query_one("#entries", OptionList).highlighted
        if index is None or index >= len(self.entries):
            return None
        return self.entries[index]

    def action_new_entry(self) -> None:
        """Open an empty editor; saving happens when it closes."""
        self.app.push_screen(JournalEntryModal(known_tags=self.known_tags), self._save_new)

    def _save_new(self, result: EntryInput | None) -> None:
        """The editor closed: save a new entry unless cancelled."""
        if result is not None:
            self.write(None, result)

    def action_edit_entry(self) -> None:
        """Open the highlighted entry in the editor."""
        entry = self._selected()
        if entry is not None:
            self.on_journal_screen_entry_ready(self.EntryReady(entry))

    @on(OptionList.OptionSelected, "#entries")
    def open_selected(self) -> None:
        """Enter on an entry edits it."""
        self.action_edit_entry()

    def open_entry(self, entry_id: int) -> None:
        """Open one entry by id (from search), loading it first."""
        self.fetch_entry(entry_id)

    @work(thread=True, exclusive=True, group="journal-fetch", exit_on_error=False)
    def fetch_entry(self, entry_id: int) -> None:
        """Load one entry for the editor."""
        from peerhaven.store.journal import get_entry

        self.post_message(self.EntryReady(self.peerhaven.store_call(get_entry, entry_id)))

    def on_journal_screen_entry_ready(self, message: EntryReady) -> None:
        """Show the editor filled with the entry."""
        entry = message.entry

        def saved(result: EntryInput | None) -> None:
            """The editor closed: save the changes unless cancelled."""
            if result is not None:
                self.write(entry.id, result)

        self.app.push_screen(
            JournalEntryModal(
                content=entry.content,
                mood=entry.mood,
                tags=entry.tags,
                known_tags=self.known_tags,
                created_at=entry.created_at,
            ),
            saved,
        )

    @work(thread=True, exclusive=True, group="journal-write", exit_on_error=False)
    def write(self, entry_id: int | None, data: EntryInput) -> None:
        """Add or update an entry."""
        from peerhaven.store.journal import add_entry, update_entry

        if entry_id is None:
            self.peerhaven.store_call(
                add_entry, data.content, data.mood, data.tags, created_at=data.created_at
            )
            self.post_message(self.Changed(_("Entry saved.")))
        else:
            self.peerhaven.store_call(
                update_entry,
                entry_id,
                content=data.content,
                mood=data.mood,
                tags=data.tags,
                created_at=data.created_at,
            )
            self.post_message(self.Changed(_("Entry updated.")))

    def action_delete_entry(self) -> None:
        """Ask first, and say it is permanent."""
        entry = self._selected()
        if entry is None:
            return

        def answered(yes: bool | None) -> None:
            """Delete only after a clear yes."""
            if yes:
                self.delete(entry.id)

        self.app.push_screen(
            ConfirmModal(
                _("Delete this entry?"),
                _(
                    "Deleting is permanent: the entry is erased from the store and its search "
                    "index, and cannot be recovered."
                ),
                _("Delete for good"),
            ),
            answered,
        )

    @work(thread=True, exclusive=True, group="journal-write", exit_on_error=False)
    def delete(self, entry_id: int) -> None:
        """Erase the entry for real."""
        from peerhaven.store.journal import delete_entry

        self.peerhaven.store_call(delete_entry, entry_id)
        self.post_message(self.Changed(_("Entry deleted.")))

    def on_journal_screen_changed(self, message: Changed) -> None:
        """Confirm quietly and show the new state."""
        self.notify(message.note, timeout=3)
        self.reload()
