"""Home: who you are, where you belong, what is waiting, and how your journal is going.

Two columns; the right one holds "For you" (new activity: ``store.activity``, also
carried in the header), communities with unread counts and each relay's sync status,
which follows a running sync live (the app publishes its state on
``app.sync_changed``) and reloads the counts as posts land.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Footer, Header, OptionList, Static

from peerhaven.core import localized
from peerhaven.core.i18n import N_, _, ngettext
from peerhaven.tui.bindings import bindings_for
from peerhaven.tui.local_relay import LocalRelayFailed, LocalRelayProgress, LocalRelayReady
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
        return _("No entries yet. Press j for the journal; a mood score alone is a fine entry.")
    streak = (
        ngettext("Streak: {count} day", "Streak: {count} days", view.streak_days).format(
            count=view.streak_days
        )
        if view.streak_days
        else _("No entry today yet")
    )
    when = localized.when(view.last_mood_at or 0, localized.WEEKDAY)
    entries = ngettext("{count:,} entry", "{count:,} entries", view.journal_entries).format(
        count=view.journal_entries
    )
    return _("{streak}\nLast mood: {last_mood}/10 on {when}\n{entries}").format(
        streak=streak, last_mood=view.last_mood, when=when, entries=entries
    )


OFFLINE = N_(
    "You are offline: everything works here, and nothing you write leaves this device.\n"
    "Press t to start a local relay and try communities on this device: a few samples, "
    "reachable from nowhere else. Settings (s) adds a real relay."
)


#: the app's name in the header, before any count
APP_TITLE = "PeerHaven"


def for_you(unread: int) -> str:
    """Home's "For you" panel: the count of new activity and the key that lists it."""
    if unread:
        return _("● {unread} new for you · a shows them").format(unread=unread)
    return _("Nothing new for you · a shows all")


def messages_summary(unread: int, requests: int, circles: int) -> str:
    """Home's "Messages" panel on one line (the footer names m): new private messages,
    requests waiting, new circle posts."""
    counts = [
        ngettext("{count} new", "{count} new", unread).format(count=unread) if unread else "",
        ngettext("{count} request", "{count} requests", requests).format(count=requests)
        if requests
        else "",
        ngettext("{count} in circles", "{count} in circles", circles).format(count=circles)
        if circles
        else "",
    ]
    said = [part for part in counts if part]
    if not said:
        return _("Nothing new · m opens them")
    return "● " + " · ".join(said)


def header_title(unread: int) -> str:
    """The header on every screen carries the count while something is new."""
    return (
        _("{APP_TITLE} · ● {unread} new for you").format(APP_TITLE=APP_TITLE, unread=unread)
        if unread
        else APP_TITLE
    )


def waiting_summary(view: Overview) -> str:
    """Drafts and outbox counts in words."""
    drafts = ngettext("{count} draft", "{count} drafts", view.drafts).format(count=view.drafts)
    outbox = (
        _("Nothing waiting to send")
        if not view.outbox
        else _("{outbox} waiting to send").format(outbox=view.outbox)
    )
    return f"{drafts}\n{outbox}"


class HomeScreen(PlaceScreen):
    """The overview, refreshed each time you come back to it."""

    PLACE = "home"
    SUB_TITLE = N_("Home")
    BINDINGS = bindings_for("home")
    #: the community list: Enter opens a feed straight away
    AUTO_FOCUS = "#communities"

    class Loaded(Message):
        """The overview figures arrived from the store."""

        def __init__(self, overview: Overview) -> None:
            self.overview = overview
            super().__init__()

    class Unread(Message):
        """Unread counts per joined community arrived (they load after the overview)."""

        def __init__(self, counts: dict[str, int]) -> None:
            self.counts = counts
            super().__init__()

    class ActivityCount(Message):
        """How many activity items are unread, and whether that rings the bell."""

        def __init__(self, unread: int, ring: bool) -> None:
            self.unread = unread
            self.ring = ring
            super().__init__()

    class MessageCounts(Message):
        """New private messages, requests waiting, and new circle posts."""

        def __init__(self, unread: int, requests: int, circles: int) -> None:
            self.unread = unread
            self.requests = requests
            self.circles = circles
            super().__init__()

    def __init__(self, *, start_local_relay: bool = False) -> None:
        super().__init__()
        #: start the local relay as soon as home shows (the tour's last pane offers it)
        self.start_local_relay_now = start_local_relay
        self.starting = False
        self.overview: Overview | None = None
        self._last_reload = 0.0
        #: unread activity when last counted (None before the first count: no bell then)
        self.activity_unread: int | None = None

    def compose(self) -> ComposeResult:
        """Two columns of bordered panels between the header and the key footer."""
        yield Header()
        with Horizontal(id="home-columns"):
            # not focusable: Tab would move the focus there, where nothing shows it
            with VerticalScroll(classes="column", can_focus=False):
                yield PersonaCard(_("Loading…"), id="persona", classes="panel")
                yield Static("", id="journal-summary", classes="panel")
                yield Static("", id="waiting", classes="panel")
                yield Static(messages_summary(0, 0, 0), id="messages", classes="panel")
            with Vertical(classes="column"):
                yield Static(for_you(0), id="for-you", classes="panel")
                yield Static(_(OFFLINE), id="offline", classes="panel")
                yield CommunityList(id="communities", classes="panel")
                yield RelayStatus("", id="relays", classes="panel")
        yield Footer()

    def on_mount(self) -> None:
        """Name the panels; the figures come from a worker."""
        titles = {
            "#persona": _("You"),
            "#journal-summary": _("Journal"),
            "#waiting": _("Drafts and outbox"),
            "#communities": _("Communities"),
            "#relays": _("Relays"),
            "#offline": _("Offline"),
            "#for-you": _("For you"),
            "#messages": _("Messages"),
        }
        for selector, title in titles.items():
            self.query_one(selector).border_title = title
        self.query_one("#offline").display = False
        if self.start_local_relay_now:
            self.action_start_local_relay()
        self.peerhaven.sync_changed.subscribe(self, self.sync_changed)

    def sync_changed(self, state: SyncState) -> None:
        """Redraw the relays from the live state; reload the counts when posts landed."""
        if self.overview is not None:
            self.query_one(RelayStatus).show(self.overview.relays, state.relays, state.streams)
        now = time.monotonic()
        if state.landed and (not state.running or now - self._last_reload >= RELOAD_EVERY):
            self._last_reload = now
            self.load()
            self.load_unread()
            self.load_activity(after_sync=True)
            self.load_messages()

    def on_screen_resume(self) -> None:
        """Counts change elsewhere (a new draft, an entry, a feed read), so reload on every
        return."""
        self.load()
        self.load_unread()
        self.load_activity(after_sync=False)
        self.load_messages()

    @work(thread=True, exclusive=True, group="home-messages", exit_on_error=False)
    def load_messages(self) -> None:
        """Count new messages, requests and circle posts (the Messages place lists them)."""
        from peerhaven.store.circles import list_circles
        from peerhaven.store.dm import requests, unread_total

        unread = self.peerhaven.store_call(unread_total)
        waiting = len(self.peerhaven.store_call(requests))
        circles = sum(row.unread for row in self.peerhaven.store_call(list_circles))
        self.post_message(self.MessageCounts(unread, waiting, circles))

    def on_home_screen_message_counts(self, message: MessageCounts) -> None:
        """The counts in the Messages panel."""
        self.query_one("#messages", Static).update(
            messages_summary(message.unread, message.requests, message.circles)
        )

    @work(thread=True, exclusive=True, group="home-activity", exit_on_error=False)
    def load_activity(self, *, after_sync: bool) -> None:
        """Count unread activity; after a sync, new items may ring the bell (a setting,
        silent in quiet hours). Live delivery calls this too when events land."""
        from peerhaven.store.activity import rings, unread_activity

        unread = self.peerhaven.store_call(unread_activity)
        before = self.activity_unread
        ring = (
            after_sync
            and before is not None
            and self.peerhaven.store_call(
                rings, before=before, after=unread, moment=dt.datetime.now().time()
            )
        )
        self.activity_unread = unread
        self.post_message(self.ActivityCount(unread, ring))

    def on_home_screen_activity_count(self, message: ActivityCount) -> None:
        """The count on home and in the header; the bell when it is due."""
        self.query_one("#for-you", Static).update(for_you(message.unread))
        self.app.title = header_title(message.unread)
        if message.ring:
            self.app.bell()

    @work(thread=True, exclusive=True, group="home", exit_on_error=False)
    def load(self) -> None:
        """Read the overview off the UI thread."""
        from peerhaven.store.overview import overview

        self.post_message(
            self.Loaded(self.peerhaven.store_call(overview, utc_offset=local_offset()))
        )

    @work(thread=True, exclusive=True, group="home-unread", exit_on_error=False)
    def load_unread(self) -> None:
        """Unread posts per community, after the overview (home shows first without them)."""
        from peerhaven.store.feed import unread_counts

        self.post_message(self.Unread(self.peerhaven.store_call(unread_counts)))

    def on_home_screen_unread(self, message: Unread) -> None:
        """Add the counts to the community list."""
        self.query_one(CommunityList).show(unread=message.counts)

    @on(OptionList.OptionSelected, "#communities")
    def open_community(self, event: OptionList.OptionSelected) -> None:
        """Enter or a click on a community opens its feed."""
        from peerhaven.tui.screens.feed import FeedScreen

        if event.option.id:
            self.app.push_screen(FeedScreen(event.option.id))

    def on_home_screen_loaded(self, message: Loaded) -> None:
        """Fill every panel from one set of figures."""
        view = self.overview = message.overview
        self.query_one(PersonaCard).show(view.persona_pseudonym, view.persona_fingerprint)
        self.query_one("#journal-summary", Static).update(journal_summary(view))
        self.query_one("#waiting", Static).update(waiting_summary(view))
        self.query_one(CommunityList).show(view.memberships)
        state = self.peerhaven.sync_state
        self.query_one(RelayStatus).show(view.relays, state.relays, state.streams)
        offline = not view.relays or self.starting
        self.query_one("#offline").display = offline
        self.query_one(RelayStatus).display = not offline  # the offline panel says it all
        self.peerhaven.first_screen_ready.set()

    # -- the local relay -------------------------------------------------------------------

    def action_start_local_relay(self) -> None:
        """Start a relay on this device with sample communities (progress in the panel)."""
        from peerhaven.tui.local_relay import start_from

        if self.starting:
            return
        self.starting = True
        panel = self.query_one("#offline", Static)
        panel.display = True
        panel.update(_("Starting a local relay…"))
        start_from(self)

    def on_local_relay_progress(self, message: LocalRelayProgress) -> None:
        """Each step in words, where the offer was."""
        self.query_one("#offline", Static).update(
            _("Starting a local relay…\n{text}").format(text=message.text)
        )

    def on_local_relay_ready(self, message: LocalRelayReady) -> None:
        """Say where to look next; the relay panel takes over from the offline one."""
        from peerhaven.tui.local_relay import ready_note

        self.starting = False
        self.query_one("#offline", Static).update(_(OFFLINE))
        self.notify(ready_note(message.offered), title=_("Local relay started"), timeout=12)
        self.load()

    def on_local_relay_failed(self, message: LocalRelayFailed) -> None:
        """The app has said why; offer the start again."""
        self.starting = False
        self.query_one("#offline", Static).update(_(OFFLINE))
