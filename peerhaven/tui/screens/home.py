"""Home: who you are, where you belong, what is waiting, and how your journal is going.

Two columns; the right one holds communities with unread counts and each
relay's sync status, which follows a running sync live (the app publishes its
state on ``app.sync_changed``) and reloads the counts as posts land.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Footer, Header, Static

from peerhaven.tui.bindings import bindings_for
from peerhaven.tui.screens.base import PlaceScreen
from peerhaven.tui.widgets.community_list import CommunityList
from peerhaven.tui.widgets.persona_card import PersonaCard
from peerhaven.tui.widgets.relay_status import RelayStatus

if TYPE_CHECKING:
    from peerhaven.store.overview import Overview
    from peerhaven.tui.syncing import SyncState

#: while a long pull runs, counts reload at most this often (seconds)
RELOAD_EVERY = 1.0


def local_offset() -> int:
    """Seconds east of UTC, so a streak counts the person's own days."""
    return -time.altzone if time.daylight and time.localtime().tm_isdst else -time.timezone


def journal_summary(view: Overview) -> str:
    """Streak and last mood in words."""
    if not view.journal_entries:
        return "No entries yet. Press j for the journal; a mood score alone is a fine entry."
    days = "day" if view.streak_days == 1 else "days"
    streak = f"Streak: {view.streak_days} {days}" if view.streak_days else "No entry today yet"
    when = dt.datetime.fromtimestamp(view.last_mood_at or 0).strftime("%a %-d %b")
    return f"{streak}\nLast mood: {view.last_mood}/10 on {when}\n{view.journal_entries} entries"


def waiting_summary(view: Overview) -> str:
    """Drafts and outbox counts in words."""
    drafts = "1 draft" if view.drafts == 1 else f"{view.drafts} drafts"
    outbox = "Nothing waiting to send" if not view.outbox else f"{view.outbox} waiting to send"
    return f"{drafts}\n{outbox}"


class HomeScreen(PlaceScreen):
    """The overview, refreshed each time you come back to it."""

    PLACE = "home"
    SUB_TITLE = "Home"
    BINDINGS = bindings_for("home")

    class Loaded(Message):
        """The overview figures (and unread counts per community) arrived from the store."""

        def __init__(self, overview: Overview, unread: dict[str, int]) -> None:
            self.overview = overview
            self.unread = unread
            super().__init__()

    def __init__(self) -> None:
        super().__init__()
        self.overview: Overview | None = None
        self._last_reload = 0.0

    def compose(self) -> ComposeResult:
        """Two columns of bordered panels between the header and the key footer."""
        yield Header()
        with Horizontal(id="home-columns"):
            with VerticalScroll(classes="column"):
                yield PersonaCard("Loading…", id="persona", classes="panel")
                yield Static("", id="journal-summary", classes="panel")
                yield Static("", id="waiting", classes="panel")
            with Vertical(classes="column"):
                yield CommunityList("", id="communities", classes="panel")
                yield RelayStatus("", id="relays", classes="panel")
        yield Footer()

    def on_mount(self) -> None:
        """Name the panels; the figures come from a worker."""
        titles = {
            "#persona": "You",
            "#journal-summary": "Journal",
            "#waiting": "Drafts and outbox",
            "#communities": "Communities",
            "#relays": "Relays",
        }
        for selector, title in titles.items():
            self.query_one(selector).border_title = title
        self.peerhaven.sync_changed.subscribe(self, self.sync_changed)

    def sync_changed(self, state: SyncState) -> None:
        """Redraw the relays from the live state; reload the counts when posts landed."""
        if self.overview is not None:
            self.query_one(RelayStatus).show(self.overview.relays, state.relays)
        now = time.monotonic()
        if state.landed and (not state.running or now - self._last_reload >= RELOAD_EVERY):
            self._last_reload = now
            self.load()

    def on_screen_resume(self) -> None:
        """Counts change elsewhere (a new draft, an entry), so reload on every return."""
        self.load()

    @work(thread=True, exclusive=True, group="home", exit_on_error=False)
    def load(self) -> None:
        """Read the overview off the UI thread."""
        from peerhaven.store.feed import unread_count
        from peerhaven.store.overview import overview

        app = self.peerhaven
        view = app.store_call(overview, utc_offset=local_offset())
        unread = {m.slug: app.store_call(unread_count, m.slug) for m in view.memberships}
        self.post_message(self.Loaded(view, unread))

    def on_home_screen_loaded(self, message: Loaded) -> None:
        """Fill every panel from one set of figures."""
        view = self.overview = message.overview
        self.query_one(PersonaCard).show(view.persona_pseudonym, view.persona_fingerprint)
        self.query_one("#journal-summary", Static).update(journal_summary(view))
        self.query_one("#waiting", Static).update(waiting_summary(view))
        self.query_one(CommunityList).show(view.memberships, message.unread)
        self.query_one(RelayStatus).show(view.relays, self.peerhaven.sync_state.relays)
        self.peerhaven.first_screen_ready.set()
