"""The moderation log of one community: what its moderators did, in words, for every member.

Built from the signed ``moderate`` events on this device, keeping only those by
the pinned owner and the moderators the owner named, so what a member reads here
is what every device enforces. Newest first, a page at a time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from peerhaven.core.i18n import N_, _
from peerhaven.tui.bindings import bindings_for
from peerhaven.tui.others_text import plain
from peerhaven.tui.screens.base import PlaceScreen

if TYPE_CHECKING:
    from peerhaven.store.mod_log import LogEntry, LogPage

PAGE = 50


def entry_label(entry: LogEntry, at: int) -> Text:
    """One action as a sentence, with its public reason on the next line."""
    sentence = plain(entry.sentence(at))
    text = Text(sentence[:1].upper() + sentence[1:])
    if entry.reason:
        text.append(_("\n  Reason: "), style="dim")
        text.append(plain(entry.reason, multiline=True))
    else:
        text.append(_("\n  No reason given."), style="dim")
    return text


class ModLogScreen(PlaceScreen):
    """Every authorised moderation action in one community, newest first."""

    PLACE = "modlog"
    SUB_TITLE = N_("Moderation log")
    BINDINGS = bindings_for("modlog")
    AUTO_FOCUS = "#log"

    class Loaded(Message):
        """One page of the log."""

        def __init__(self, page: LogPage, at: int) -> None:
            self.page = page
            self.at = at
            super().__init__()

    def __init__(self, slug: str, *, page_size: int = PAGE) -> None:
        super().__init__()
        self.slug = slug
        self.page_size = page_size
        self.start = 0
        self.more = False

    def compose(self) -> ComposeResult:
        """What this is, then the entries."""
        yield Header()
        yield Static(
            _(
                "What the moderators of {slug} did, newest first. Every member can read this, "
                "and every entry is a signed action anyone can check."
            ).format(slug=self.slug),
            id="log-summary",
        )
        yield OptionList(id="log")
        yield Footer()

    def on_mount(self) -> None:
        """The first page."""
        self.query_one("#log").border_title = _("Moderation log of {slug}").format(slug=self.slug)
        self.load()

    @work(thread=True, exclusive=True, group="modlog", exit_on_error=False)
    def load(self) -> None:
        """Read one page off the UI thread."""
        from peerhaven.store import clock
        from peerhaven.store.mod_log import log_page

        page = self.peerhaven.store_call(
            log_page, self.slug, offset=self.start, limit=self.page_size
        )
        self.post_message(self.Loaded(page, clock.now()))

    def on_mod_log_screen_loaded(self, message: Loaded) -> None:
        """Show the page and where it sits in the whole log."""
        page = message.page
        self.more = page.more
        option_list = self.query_one("#log", OptionList)
        option_list.clear_options()
        for index, entry in enumerate(page.entries):
            if index:
                option_list.add_option(None)
            option_list.add_option(Option(entry_label(entry, message.at)))
        if not page.entries:
            empty = (
                _("No moderation in {slug} so far.").format(slug=self.slug)
                if not page.offset
                else _("No older entries.")
            )
            option_list.add_option(Option(empty, disabled=True))
        else:
            option_list.highlighted = 0
        first, last = page.offset + 1, page.offset + len(page.entries)
        where = (
            _("Entries {first}–{last}").format(first=first, last=last)
            if page.entries
            else _("No entries")
        )
        hints = [
            hint for hint, ok in ((_("N older"), page.more), (_("P newer"), page.offset)) if ok
        ]
        option_list.border_subtitle = " · ".join([where, *hints])

    def action_older(self) -> None:
        """The next page, further back in time."""
        if self.more:
            self.start += self.page_size
            self.load()

    def action_newer(self) -> None:
        """The previous page, closer to now."""
        if self.start:
            self.start = max(0, self.start - self.page_size)
            self.load()
