"""A community's feed: threads, most recently active first, paged from the store.

The header says where you are and who you are there ("reading only" when you
observe). Rows say who wrote, when, how many replies (and how many are new),
the first lines or the content warning instead, and the reactions in words.
Pages load as the highlight nears the end, never the whole community. Leaving
marks what was shown as read; coming back (from a thread, from composing, after a
sync) shows the feed afresh. A post that a relay's live stream brings while the
feed is open appears in place: the highlighted thread stays highlighted and on the
same line (``widgets/kept_place.py``), so the reader's place never moves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from peerhaven.core.i18n import N_, _, ngettext
from peerhaven.tui.bindings import bindings_for
from peerhaven.tui.others_text import markup, plain
from peerhaven.tui.screens.base import PlaceScreen
from peerhaven.tui.widgets.kept_place import refill_keeping_place
from peerhaven.tui.widgets.paged_list import PagedList
from peerhaven.tui.widgets.post_view import thread_row

if TYPE_CHECKING:
    from collections.abc import Callable

    from peerhaven.store.database import Store
    from peerhaven.store.feed import Cursor, FeedInfo, FeedPage, ThreadSummary
    from peerhaven.sync.live import Arrival

PAGE = 50
#: the first page only needs to fill the screen; the next loads at once, behind it
FIRST_PAGE = 20
#: a refresh reloads what was loaded (up to this many rows) so the place is kept
REFRESH_CAP = 500
TITLE = N_("Threads, most recently active first")


def header_text(info: FeedInfo) -> Text:
    """Community name, the persona you speak as, and your role there, in words."""
    text = Text()
    text.append(plain(info.name), style="bold")
    if info.observer:
        # the persona kept for a later join is not shown: nothing of it appears here
        text.append(_(" · reading only: nothing of yours is published here (join to post)"))
    else:
        text.append(_(" · you speak as {pseudonym}").format(pseudonym=info.pseudonym))
    if info.moderator:
        text.append(_(" · you moderate here"))
    return text


def hint_text(info: FeedInfo | None) -> str:
    """The keys this feed offers, said once under the header."""
    parts = [_("Enter opens a thread")]
    if info is not None and not info.observer:
        parts.append(_("n new post"))
    parts += [_("g rules"), _("l moderation log")]
    if info is not None and info.moderator:
        parts.append(_("m moderation queue"))
    return " · ".join(parts)


class FeedScreen(PlaceScreen):
    """One community's threads; Enter opens a thread."""

    PLACE = "feed"
    SUB_TITLE = N_("Community")
    BINDINGS = bindings_for("feed")
    AUTO_FOCUS = "#threads"

    class Info(Message):
        """The header facts arrived."""

        def __init__(self, info: FeedInfo) -> None:
            self.info = info
            super().__init__()

    class Page(Message):
        """A page of threads; ``fresh`` replaces what is shown (first page or refresh)."""

        def __init__(
            self, page: FeedPage, generation: int, *, fresh: bool, keep: str | None = None
        ) -> None:
            self.page = page
            self.generation = generation
            self.fresh = fresh
            self.keep = keep
            super().__init__()

    def __init__(self, slug: str) -> None:
        super().__init__()
        self.slug = slug
        self.info: FeedInfo | None = None
        self.summaries: list[ThreadSummary] = []
        self.next: Cursor | None = None
        #: the newest rowid when the feed was last loaded: leaving marks up to here as read
        self.seen_upto: int | None = None
        #: threads opened from this feed (root id to ``seen_upto`` then): read, so their
        #: "new" marks drop on return, before leaving marks the whole community
        self.read_threads: dict[str, int] = {}
        self._leaving = False
        #: bumped by every refresh, so a page asked for before it is dropped, not appended
        self._generation = 0
        self._resumed = False
        #: threads that came in above the highlight since it was there: the reader's place
        #: is kept, so the list's edge says they are there until the highlight reaches them
        self.new_above: set[str] = set()

    def compose(self) -> ComposeResult:
        """Header line, the keys in words, the threads."""
        yield Header()
        yield Static("", id="feed-header")
        yield Static(hint_text(None), id="feed-hint")
        yield PagedList(id="threads")
        yield Footer()

    def on_mount(self) -> None:
        """Say what the list is, and start reading before the screen is first painted."""
        threads = self.query_one("#threads", PagedList)
        threads.border_title = _(TITLE)
        threads.border_subtitle = "loading…"
        self.refresh_feed()
        self.services.arrived.subscribe(self, self.arrived)

    def arrived(self, arrival: Arrival) -> None:
        """A live stream stored new posts here: they show now, the reader's place kept."""
        if arrival.community == self.slug and not self._leaving:
            self.refresh_feed()

    def on_screen_resume(self) -> None:
        """Every return: new posts from a sync, a reply just written (the first visit is
        loaded from ``on_mount``, earlier)."""
        if self._resumed:
            self.refresh_feed()
        self._resumed = True

    def refresh_feed(self) -> None:
        """Read the feed again (as many rows as are loaded), keeping the highlighted thread."""
        keep = self._highlighted()
        limit = min(max(FIRST_PAGE, len(self.summaries)), REFRESH_CAP)
        self._generation += 1
        # the rows first, then the header
        self.load_first(limit, keep.post.id if keep else None, self._generation)
        self.load_info()

    # -- loading ---------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="feed-info", exit_on_error=False)
    def load_info(self) -> None:
        """Name, persona, observer and moderator flags."""
        from peerhaven.store.errors import NotFound
        from peerhaven.store.feed import feed_info

        try:
            info = self.peerhaven.store_call(feed_info, self.slug)
        except NotFound:  # left meanwhile (another window, the CLI): said once, then back
            self.app.call_from_thread(self._pop)
            return
        self.post_message(self.Info(info))

    @work(thread=True, exclusive=True, group="feed-page", exit_on_error=False)
    def load_first(self, limit: int, keep: str | None, generation: int) -> None:
        """The newest threads (as many as were loaded, on a refresh)."""
        from peerhaven.store.feed import feed_page

        read = dict(self.read_threads)
        page = self.peerhaven.store_call(feed_page, self.slug, limit=limit, read_threads=read)
        self.post_message(self.Page(page, generation, fresh=True, keep=keep))

    @work(thread=True, exclusive=True, group="feed-page", exit_on_error=False)
    def load_more(self, after: Cursor, limit: int, generation: int) -> None:
        """The page after the last loaded thread."""
        from peerhaven.store.feed import feed_page

        read = dict(self.read_threads)
        page = self.peerhaven.store_call(
            feed_page, self.slug, limit=limit, after=after, read_threads=read
        )
        self.post_message(self.Page(page, generation, fresh=False))

    def on_feed_screen_info(self, message: Info) -> None:
        """Fill the header and the key hint; show only the keys that apply."""
        self.info = message.info
        self.query_one("#feed-header", Static).update(header_text(message.info))
        self.query_one("#feed-hint", Static).update(hint_text(message.info))
        self.sub_title = plain(message.info.name)
        self.refresh_bindings()

    def on_feed_screen_page(self, message: Page) -> None:
        """Show the page; an empty community says how posts arrive."""
        if message.generation != self._generation:
            return  # asked for before a refresh: the refresh has it already
        threads = self.query_one("#threads", PagedList)
        page = message.page
        self.seen_upto = page.latest if message.fresh else self.seen_upto
        self.next = page.next
        if message.fresh:
            options = [Option(thread_row(s), id=s.post.id) for s in page.threads]
            shown = {summary.post.id for summary in self.summaries}
            self.summaries = list(page.threads)
            refill_keeping_place(
                threads,
                lambda: threads.reset(options, more=page.next is not None),
                message.keep,
            )
            if shown and threads.highlighted is not None:
                above = self.summaries[: threads.highlighted]
                self.new_above |= {s.post.id for s in above if s.post.id not in shown}
        else:
            # a thread already shown never shows twice (activity only moves threads up)
            known = {summary.post.id for summary in self.summaries}
            fresh = [s for s in page.threads if s.post.id not in known]
            self.summaries.extend(fresh)
            options = [Option(thread_row(s), id=s.post.id) for s in fresh]
            threads.add_page(options, more=page.next is not None)
        # a page thinned to nothing by mutes asks for the next by itself (PagedList.NeedMore)
        if not self.summaries and page.next is None:
            observing = self.info is not None and self.info.observer
            first = "" if observing else _("; press n to write the first")
            if page.stored:
                from peerhaven.store.feed import OUT_OF_SIGHT

                words = _("{OUT_OF_SIGHT}. F8 lists your mutes and blocks{first}.").format(
                    OUT_OF_SIGHT=_(OUT_OF_SIGHT), first=first
                )
            else:
                words = _("Nothing here yet. Posts arrive when you sync{first}.").format(
                    first=first
                )
            threads.add_option(Option(words, disabled=True))
        self._position()

    @on(PagedList.NeedMore)
    def need_more(self) -> None:
        """The highlight nears the end of what is loaded."""
        if self.next is not None:
            # keys held down past the end: fetch enough for them in one go
            wanted = PAGE + self.query_one("#threads", PagedList).pending_moves
            self.load_more(self.next, min(wanted, REFRESH_CAP), self._generation)

    @on(OptionList.OptionHighlighted, "#threads")
    def _moved(self) -> None:
        self._position()

    def _position(self) -> None:
        """Where the highlight is, in words (and for the benchmark, on screen)."""
        threads = self.query_one("#threads", PagedList)
        loaded = len(self.summaries)
        more = _(", more below") if self.next is not None else ""
        if threads.highlighted is None or not loaded:
            threads.border_subtitle = _("{count} loaded{more}").format(count=loaded, more=more)
        else:
            threads.border_subtitle = _("row {row} of {count} loaded{more}").format(
                row=threads.highlighted + 1, count=loaded, more=more
            )
            above = {s.post.id for s in self.summaries[: threads.highlighted]}
            self.new_above &= above  # the highlight reached the others
            if self.new_above:
                count = len(self.new_above)
                words = ngettext("↑ {count} new above", "↑ {count} new above", count)
                threads.border_subtitle += " · " + words.format(count=count)

    def _highlighted(self) -> ThreadSummary | None:
        index = self.query_one("#threads", PagedList).highlighted
        if index is None or index >= len(self.summaries):
            return None
        return self.summaries[index]

    # -- actions ---------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#threads")
    def open_thread(self, event: OptionList.OptionSelected) -> None:
        """Enter opens the thread; a folded first post opens unfolded (that is what Enter said)."""
        from peerhaven.tui.screens.thread import ThreadScreen

        index = event.option_index
        if index >= len(self.summaries):
            return
        summary = self.summaries[index]
        if self.seen_upto is not None:
            self.read_threads[summary.post.id] = self.seen_upto
        self.app.push_screen(ThreadScreen(summary.post.id, unfold=summary.post.fold is not None))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Observers cannot post; the moderation queue is for moderators only."""
        if action == "new_post":
            return self.info is None or not self.info.observer
        if action == "mod_queue":
            return self.info is not None and self.info.moderator
        return True

    def action_new_post(self) -> None:
        """Write a new post in this community."""
        if self.info is not None and self.info.observer:
            name = markup(self.info.name)
            self.notify(
                _("You are reading {name} only; join it to post.").format(name=name), timeout=5
            )
            return
        from peerhaven.tui.screens.compose import ComposeScreen

        self.app.push_screen(ComposeScreen(self.slug))

    def action_rules(self) -> None:
        """The community's rules, always one key away."""
        from peerhaven.tui.modals.rules import RulesModal

        self.app.push_screen(RulesModal(self.slug))

    def action_mod_log(self) -> None:
        """What moderators did here, and why."""
        from peerhaven.tui.screens.mod_log import ModLogScreen

        self.app.push_screen(ModLogScreen(self.slug))

    def action_mod_queue(self) -> None:
        """Reports and held posts, for the owner and moderators."""
        if self.info is None or not self.info.moderator:
            return
        from peerhaven.tui.screens.mod_queue import ModQueueScreen

        self.app.push_screen(ModQueueScreen(self.slug))

    def action_leave(self) -> None:
        """Esc: mark what was shown as read, then go back (home sees the new counts)."""
        if self._leaving:
            return
        self._leaving = True
        self.mark_and_leave(self.seen_upto)

    @work(thread=True, exclusive=True, group="feed-leave", exit_on_error=False)
    def mark_and_leave(self, upto: int | None) -> None:
        """Write the read mark, then pop back to where the feed was opened from."""
        from peerhaven.store.feed import mark_read

        try:
            if upto is not None:
                self.peerhaven.store_call(mark_read, self.slug, upto=upto)
        finally:
            self.app.call_from_thread(self._pop)

    def _pop(self) -> None:
        self._leaving = False
        if self.app.screen is self and len(self.app.screen_stack) > 2:
            self.app.pop_screen()

    def pending_save(self) -> Callable[[Store], object] | None:
        """Leaving by F2, lock or quit marks the feed read too (the app runs this)."""
        from peerhaven.store.feed import mark_read

        slug, upto = self.slug, self.seen_upto
        if upto is None:
            return None
        return lambda store: mark_read(store, slug, upto=upto)
