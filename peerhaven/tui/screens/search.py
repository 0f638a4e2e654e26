"""Search: one box over posts, the journal and drafts; results grouped by where they are."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from peerhaven.core import localized
from peerhaven.core.i18n import N_, _
from peerhaven.core.persona import pseudonym
from peerhaven.tui.bindings import bindings_for
from peerhaven.tui.others_text import plain
from peerhaven.tui.screens.base import PlaceScreen

if TYPE_CHECKING:
    from peerhaven.store.search import SearchHit, Source

GROUPS: tuple[tuple[Source, str], ...] = (
    ("post", N_("Posts")),
    # private words on this device only (accepted conversations, circles you are in)
    ("message", N_("Messages")),
    ("circle", N_("Circles")),
    ("journal", N_("Journal")),
    ("draft", N_("Drafts")),
)
#: how a match looks: bold and underlined, so it shows without colour too
MATCH_STYLE = "bold underline"
DEBOUNCE_SECONDS = 0.3
LIMIT = 20


def hit_label(hit: SearchHit) -> Text:
    """Date, community for posts, and the snippet with matches in bold and underline."""
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(localized.when(hit.created_at, localized.DAY_YEAR) + "  ", style="dim")
    if hit.peer:
        text.append(_("with {peer}").format(peer=pseudonym(hit.peer)) + "  ", style="italic")
    elif hit.community:
        text.append(f"{hit.community}  ", style="italic")
    for part, matched in hit.segments():
        text.append(plain(part.replace("\n", " ")), style=MATCH_STYLE if matched else "")
    return text


class SearchScreen(PlaceScreen):
    """Type to search; Enter on a journal or draft result opens it."""

    PLACE = "search"
    SUB_TITLE = N_("Search")
    BINDINGS = bindings_for("search")
    AUTO_FOCUS = "#query"

    class Results(Message):
        """Hits per source for one query."""

        def __init__(self, query: str, results: dict[Source, list[SearchHit]]) -> None:
            self.query = query
            self.results = results
            super().__init__()

    def __init__(self) -> None:
        super().__init__()
        self.hits: dict[str, SearchHit] = {}
        self._debounce: Timer | None = None

    def compose(self) -> ComposeResult:
        """Box, a summary line, the grouped results."""
        yield Header()
        yield Input(id="query", placeholder=_("search posts, journal and drafts"))
        yield Static(
            _(
                "Matches are shown in bold and underlined. Enter opens a post in its thread, "
                "a journal entry or a draft."
            ),
            id="search-summary",
        )
        yield OptionList(id="results")
        yield Footer()

    def on_screen_resume(self) -> None:
        """Back from a post's thread: search again, so a persona blocked or a thread muted
        there is gone from the results too (the store applies the feed's rule)."""
        text = self.query_one("#query", Input).value
        if self.hits and text.strip():
            self.search(text)

    @on(Input.Changed, "#query")
    def typed(self, event: Input.Changed) -> None:
        """Search shortly after typing pauses, not on every key."""
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(DEBOUNCE_SECONDS, lambda: self.run_search(event.value))

    @on(Input.Submitted, "#query")
    def submitted(self, event: Input.Submitted) -> None:
        """Enter searches at once and moves to the results."""
        if self._debounce is not None:
            self._debounce.stop()
        self.run_search(event.value)
        self.query_one("#results").focus()

    def run_search(self, text: str) -> None:
        """Clear for an empty box; otherwise search in a worker."""
        if not text.strip():
            self.query_one("#results", OptionList).clear_options()
            return
        self.search(text)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def search(self, text: str) -> None:
        """Query the three indexes off the UI thread."""
        from peerhaven.store.errors import BadInput
        from peerhaven.store.search import fts_query, search

        try:
            fts_query(text)
        except BadInput:
            return  # punctuation only: nothing to look for yet, and nothing to complain about
        self.post_message(self.Results(text, self.peerhaven.store_call(search, text, limit=LIMIT)))

    def on_search_screen_results(self, message: Results) -> None:
        """Group by source with counts; headings are not selectable."""
        option_list = self.query_one("#results", OptionList)
        before = option_list.highlighted
        kept = option_list.get_option_at_index(before).id if before is not None else None
        was = self.hits.get(kept or "")
        option_list.clear_options()
        self.hits = {}
        counts = []
        for source, title in GROUPS:
            # the store returns the most recently written matches; show them by date
            hits = sorted(message.results.get(source, []), key=lambda h: -h.created_at)
            shown = f"{len(hits)}+" if len(hits) == LIMIT else str(len(hits))
            counts.append(f"{_(title)} {shown}")
            option_list.add_option(Option(Text(f"{title} ({shown})", style="bold"), disabled=True))
            for i, hit in enumerate(hits):
                key = f"{source}:{i}"
                self.hits[key] = hit
                option_list.add_option(Option(hit_label(hit), id=key))
            if not hits:
                option_list.add_option(
                    Option(Text(_("  nothing found"), style="dim"), disabled=True)
                )
        self.query_one("#search-summary", Static).update(
            f"“{message.query}”: " + " · ".join(counts)
        )
        if was is not None:  # searched again on coming back: stay on the same result
            for key, hit in self.hits.items():
                if (hit.source, hit.ref) == (was.source, was.ref):
                    option_list.highlighted = option_list.get_option_index(key)

    @on(OptionList.OptionSelected, "#results")
    def open_hit(self, event: OptionList.OptionSelected) -> None:
        """Journal entries and drafts open where they live; a post opens in its thread."""
        hit = self.hits.get(event.option.id or "")
        if hit is None:
            return
        if hit.source == "message":
            self._open_message(int(hit.ref))
            return
        if hit.source == "circle" and hit.circle is not None:
            from peerhaven.tui.screens.circle import CircleScreen

            self.app.push_screen(CircleScreen(hit.circle))
            return
        ref: int | str = hit.ref if hit.source == "post" else int(hit.ref)
        self.app.call_later(self.peerhaven.open_item, hit.source, ref)

    class OpenConversation(Message):
        """A message found: its conversation opens (your persona in it, the other one)."""

        def __init__(self, persona: str, peer: str) -> None:
            self.persona = persona
            self.peer = peer
            super().__init__()

    @work(thread=True, exclusive=True, group="search-open", exit_on_error=False)
    def _open_message(self, message_id: int) -> None:
        """Find the message's conversation off the UI thread."""
        from peerhaven.store.dm import message

        found = self.peerhaven.store_call(message, message_id)
        self.post_message(self.OpenConversation(found.persona, found.peer))

    def on_search_screen_open_conversation(self, message: OpenConversation) -> None:
        """Open the conversation over the results (Esc comes back to them)."""
        from peerhaven.tui.screens.conversation import ConversationScreen

        self.app.push_screen(ConversationScreen(message.persona, message.peer))

    def action_focus_box(self) -> None:
        """Back to the box to search again."""
        self.query_one("#query").focus()
