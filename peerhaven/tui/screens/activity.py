"""Activity: replies, reactions and moderators' decisions that concern you, newest first.

The list is ``store.activity`` (the same items and words as ``peerhaven
activity``); new items carry a dot. Enter opens the thread at that reply (or at
your post, for a reaction or a moderator's decision) and counts the item as
read; ``m`` counts everything shown as read. Home's count and the header follow.
"""

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
from peerhaven.tui.others_text import plain
from peerhaven.tui.screens.base import PlaceScreen

if TYPE_CHECKING:
    from peerhaven.store.activity import Item
    from peerhaven.tui.syncing import SyncState

#: how many items the screen lists (the CLI's ``--all`` reaches further back)
LIMIT = 200
#: what the list says with nothing in it
NOTHING = N_(
    "Nothing concerns you yet. Replies to your posts, reactions to them and moderators' "
    "decisions about them will show here."
)


def item_label(item: Item) -> Text:
    """A dot for new, the date, what happened, and the words that came with it (inert)."""
    from peerhaven.store.activity import headline, words

    text = Text(no_wrap=True, overflow="ellipsis")
    text.append("● " if item.unread else "  ", style="bold" if item.unread else "")
    text.append(localized.when(item.created_at, localized.DAY_TIME) + "  ", style="dim")
    text.append(headline(item), style="bold" if item.unread else "")
    said = words(item)
    if said:
        text.append("\n    ")
        text.append(plain(said.replace("\n", " ")), style="italic")
    return text


class ActivityScreen(PlaceScreen):
    """What concerns you; Enter opens the thread there."""

    PLACE = "activity"
    SUB_TITLE = N_("Activity")
    BINDINGS = bindings_for("activity")
    AUTO_FOCUS = "#activity-items"

    class Loaded(Message):
        """The items, and the newest event stored when they were read (a read mark)."""

        def __init__(self, items: list[Item], upto: int) -> None:
            self.items = items
            self.upto = upto
            super().__init__()

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[str, Item] = {}
        self.upto = 0

    def compose(self) -> ComposeResult:
        """A line of counts, the list, the keys."""
        yield Header()
        yield Static(_("Loading…"), id="activity-summary")
        yield OptionList(id="activity-items")
        yield Footer()

    def on_mount(self) -> None:
        """Name the list, load it, and follow syncs."""
        self.query_one("#activity-items").border_title = _("For you, newest first")
        self.load()
        self.peerhaven.sync_changed.subscribe(self, self.sync_changed)

    def sync_changed(self, state: SyncState) -> None:
        """New items may have landed."""
        if state.landed:
            self.load()

    def on_screen_resume(self) -> None:
        """Back from a thread: what was opened is read now."""
        self.load()

    @work(thread=True, exclusive=True, group="activity", exit_on_error=False)
    def load(self) -> None:
        """Read the items off the UI thread."""
        from peerhaven.store.activity import activity, latest_rowid

        upto = self.peerhaven.store_call(latest_rowid)
        items = self.peerhaven.store_call(activity, limit=LIMIT)
        self.post_message(self.Loaded(items, upto))

    def on_activity_screen_loaded(self, message: Loaded) -> None:
        """Fill the list, staying on the item that was highlighted."""
        listing = self.query_one("#activity-items", OptionList)
        before = listing.highlighted
        kept = listing.get_option_at_index(before).id if before is not None else None
        listing.clear_options()
        self.items = {item.id: item for item in message.items}
        self.upto = message.upto
        for item in message.items:
            listing.add_option(Option(item_label(item), id=item.id))
        fresh = sum(1 for item in message.items if item.unread)
        if not message.items:
            summary = _(NOTHING)
        elif fresh:
            summary = _(
                "● {fresh} new for you. Enter opens the thread there; m marks all read."
            ).format(fresh=fresh)
        else:
            summary = _("Nothing new for you. Enter opens the thread there.")
        self.query_one("#activity-summary", Static).update(summary)
        if kept in self.items:
            listing.highlighted = listing.get_option_index(kept)
        elif self.items:
            listing.highlighted = 0

    @on(OptionList.OptionSelected, "#activity-items")
    def open_item(self, event: OptionList.OptionSelected) -> None:
        """Open the thread at the reply (or your post), and count the item as read."""
        item = self.items.get(event.option.id or "")
        if item is None:
            return
        self.read([item])
        self.app.call_later(self.peerhaven.open_item, "post", item.opens)

    def action_mark_all_read(self) -> None:
        """Everything shown counts as read; what arrived since it was shown stays new."""
        self.read(None)

    @work(thread=True, exclusive=False, group="activity-read", exit_on_error=False)
    def read(self, items: list[Item] | None) -> None:
        """Record the reads, then reload this list and the count on home and in the header."""
        from peerhaven.store.activity import mark_all_read, mark_read

        if items is None:
            self.peerhaven.store_call(mark_all_read, upto=self.upto)
        else:
            self.peerhaven.store_call(mark_read, items)
        self.app.call_from_thread(self.after_reading)

    def after_reading(self) -> None:
        """The counts dropped: say so here and on home (which also sets the header)."""
        from peerhaven.tui.screens.home import HomeScreen

        self.load()
        for screen in self.app.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.load_activity(after_sync=False)
